//===- LLVMPasses.cpp - the last steps of --cse-sparse-to-llvm ------------===//
//
// The LLVM dialect module as the pipeline hands it to translation: its
// functions marked as C functions nothing unwinds through, and nothing in it
// that translation or a firmware could not take.
//
//===----------------------------------------------------------------------===//

#include "OpsLeft.h"
#include "cse-sparse/Pipelines/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

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
    bool left = cse_sparse::reportOpsLeft(
        module,
        [&](Operation *op) {
          return op != module.getOperation() &&
                 !isa_and_nonnull<LLVM::LLVMDialect>(op->getDialect());
        },
        [](Operation *op) {
          return "cannot be lowered to LLVM by --cse-sparse-to-llvm: " +
                 whyLeft(op);
        });
    if (left)
      signalPassFailure();
  }
};
} // namespace
