//===- LLVMPasses.cpp - the last steps of --cse-sparse-to-llvm ------------===//
//
// The LLVM dialect module as the pipeline hands it to translation: its
// functions marked as C functions nothing unwinds through, and nothing in it
// that translation or a firmware could not take.
//
//===----------------------------------------------------------------------===//

#include "LifetimeMarkers.h"
#include "OpsLeft.h"
#include "cse-sparse/Pipelines/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mlir::cse_sparse {
#define GEN_PASS_DEF_CSESPARSELLVMNOUNWINDPASS
#define GEN_PASS_DEF_CSESPARSECHECKLLVMPASS
#define GEN_PASS_DEF_CSESPARSELLVMLIFETIMESPASS
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

/// The alloca whose address `value` is, through the memref descriptor's
/// insertvalue/extractvalue and a ptrtoint, or null.
LLVM::AllocaOp tracedAlloca(Value value) {
  while (true) {
    Operation *def = value.getDefiningOp();
    if (!def)
      return nullptr;
    if (auto alloca = dyn_cast<LLVM::AllocaOp>(def))
      return alloca;
    if (auto cast = dyn_cast<LLVM::PtrToIntOp>(def)) {
      value = cast.getArg();
      continue;
    }
    auto extract = dyn_cast<LLVM::ExtractValueOp>(def);
    if (!extract)
      return nullptr;
    // The last insertvalue at that position into the container.
    Value container = extract.getContainer();
    while (true) {
      auto insert = container.getDefiningOp<LLVM::InsertValueOp>();
      if (!insert)
        return nullptr;
      if (insert.getPosition() == extract.getPosition()) {
        value = insert.getValue();
        break;
      }
      container = insert.getContainer();
    }
  }
}

struct LLVMLifetimesPass
    : cse_sparse::impl::CseSparseLLVMLifetimesPassBase<LLVMLifetimesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    // Every function, converted or not: one the conversion left (an error
    // at it later, in cse-sparse-check-llvm) still holds its calls.
    module.walk([&](FunctionOpInterface func) { replaceMarkers(func); });
    for (StringRef name :
         {cse_sparse::kLifetimeStartMarker, cse_sparse::kLifetimeEndMarker})
      if (auto declaration = module.lookupSymbol<LLVM::LLVMFuncOp>(name))
        if (SymbolTable::symbolKnownUseEmpty(declaration, module))
          declaration.erase();
  }

  /// Replaces the marker calls in `func` with intrinsics; if the address of
  /// one cannot be traced, drops them all, leaving every buffer live
  /// throughout rather than one with only half of its markers.
  void replaceMarkers(FunctionOpInterface func) {
    SmallVector<std::tuple<LLVM::CallOp, LLVM::AllocaOp, bool>> markers;
    bool traced = true;
    func.walk([&](LLVM::CallOp call) {
      std::optional<StringRef> callee = call.getCallee();
      if (!callee || (*callee != cse_sparse::kLifetimeStartMarker &&
                      *callee != cse_sparse::kLifetimeEndMarker))
        return;
      LLVM::AllocaOp alloca = call.getNumOperands() == 1
                                  ? tracedAlloca(call.getOperand(0))
                                  : nullptr;
      traced &= bool(alloca);
      markers.emplace_back(call, alloca,
                           *callee == cse_sparse::kLifetimeStartMarker);
    });
    for (auto [call, alloca, isStart] : markers) {
      if (traced) {
        OpBuilder builder(call);
        if (isStart)
          LLVM::LifetimeStartOp::create(builder, call.getLoc(), alloca);
        else
          LLVM::LifetimeEndOp::create(builder, call.getLoc(), alloca);
      }
      call.erase();
    }
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
