//===- LLVMPasses.cpp - the last steps of --cse-sparse-to-llvm ------------===//
//
// The LLVM dialect module as the pipeline hands it to translation: its
// functions marked as C functions nothing unwinds through, and nothing in it
// that translation or a firmware could not take.
//
//===----------------------------------------------------------------------===//

#include "cse-sparse/Pipelines/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

#include "llvm/ADT/MapVector.h"

namespace mlir::cse_sparse {
#define GEN_PASS_DEF_CSESPARSELLVMNOUNWINDPASS
#define GEN_PASS_DEF_CSESPARSECHECKLLVMPASS
#include "cse-sparse/Pipelines/Passes.h.inc"
} // namespace mlir::cse_sparse

using namespace mlir;

namespace {
struct LLVMNoUnwindPass
    : cse_sparse::impl::CseSparseLLVMNoUnwindPassBase<LLVMNoUnwindPass> {
  void runOnOperation() override {
    // Declarations are left as they are: what an external function does is
    // its own business, and the caller's entry is what references (or not)
    // the personality routine.
    UnitAttr unit = UnitAttr::get(&getContext());
    getOperation()->walk([&](LLVM::LLVMFuncOp func) {
      if (!func.isExternal())
        func.setNoUnwindAttr(unit);
    });
  }
};

/// Why `op` is still there, for the error.
std::string whyLeft(Operation *op) {
  if (!op->isRegistered())
    return "it is not a registered operation; no pass knows it";
  if (auto cast = dyn_cast<UnrealizedConversionCastOp>(op)) {
    std::string why;
    llvm::raw_string_ostream os(why);
    os << "a value of type ";
    llvm::interleaveComma(cast.getInputs().getTypes(), os);
    os << " used as ";
    llvm::interleaveComma(cast.getResultTypes(), os);
    os << " that no conversion reconciled (two conversions of one type "
          "disagree, or a user of the value was not converted)";
    return why;
  }
  if (isa<func::FuncOp>(op))
    return "its signature has no LLVM form (with bare-ptr=1, memref arguments "
           "and results need a static shape and the identity layout)";
  return ("no pass of the pipeline lowers the '" +
          op->getDialect()->getNamespace() + "' dialect's op")
      .str();
}

struct CheckLLVMPass
    : cse_sparse::impl::CseSparseCheckLLVMPassBase<CheckLLVMPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    // The first of each kind, in order, with how many there are: one error
    // per kind says everything a thousand would.
    llvm::MapVector<OperationName, std::pair<Operation *, unsigned>> left;
    // Outside in: a function that did not convert comes before its body.
    module->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (op == module.getOperation() ||
          isa_and_nonnull<LLVM::LLVMDialect>(op->getDialect()))
        return;
      ++left.try_emplace(op->getName(), op, 0u).first->second.second;
    });
    for (auto &[name, first] : left) {
      auto [op, count] = first;
      // At the op's location but without the op printed after the error
      // (as emitOpError would): a function is the whole function.
      InFlightDiagnostic diag = emitError(op->getLoc())
                                << "'" << name
                                << "' op cannot be lowered to LLVM by "
                                   "--cse-sparse-to-llvm: "
                                << whyLeft(op);
      if (count > 1)
        diag.attachNote() << count - 1 << " more '" << name
                          << "' op(s) in the module";
    }
    if (!left.empty())
      signalPassFailure();
  }
};
} // namespace
