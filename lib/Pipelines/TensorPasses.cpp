//===- TensorPasses.cpp - steps of --cse-sparse-to-llvm on tensors --------===//
//
// Rewrites that front ends' linalg on tensors needs before One-Shot Bufferize:
// ops without a loop lowering, and loops whose results bufferization cannot
// keep in place.
//
//===----------------------------------------------------------------------===//

#include "cse-sparse/Pipelines/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"

namespace mlir::cse_sparse {
#define GEN_PASS_DEF_CSESPARSEDECOMPOSELINALGPASS
#define GEN_PASS_DEF_CSESPARSELOOPRESULTSINPLACEPASS
#define GEN_PASS_DEF_CSESPARSEREADONLYINPUTSPASS
#include "cse-sparse/Pipelines/Passes.h.inc"
} // namespace mlir::cse_sparse

using namespace mlir;
using bufferization::MaterializeInDestinationOp;

namespace {
struct DecomposeLinalgPass
    : cse_sparse::impl::CseSparseDecomposeLinalgPassBase<DecomposeLinalgPass> {
  void runOnOperation() override {
    SmallVector<linalg::AggregatedOpInterface> ops;
    getOperation()->walk(
        [&](linalg::AggregatedOpInterface op) { ops.push_back(op); });
    IRRewriter rewriter(&getContext());
    for (linalg::AggregatedOpInterface op : ops) {
      // The decompositions build ops on tensors: on memrefs they would make
      // invalid IR rather than fail.
      auto dps = dyn_cast<DestinationStyleOpInterface>(op.getOperation());
      FailureOr<SmallVector<Value>> results = failure();
      rewriter.setInsertionPoint(op);
      if (!dps || dps.hasPureTensorSemantics())
        results = op.decomposeOperation(rewriter);
      if (failed(results)) {
        // Without a decomposition the op would reach the LLVM stage as it is.
        op->emitOpError("cannot be decomposed into loops (it must be on "
                        "ranked tensors, before bufferization)");
        return signalPassFailure();
      }
      rewriter.replaceOp(op, *results);
    }
  }
};

struct LoopResultsInPlacePass
    : cse_sparse::impl::CseSparseLoopResultsInPlacePassBase<
          LoopResultsInPlacePass> {
  void runOnOperation() override {
    OpBuilder builder(&getContext());
    getOperation()->walk([&](scf::ForOp loop) {
      auto yield = cast<scf::YieldOp>(loop.getBody()->getTerminator());
      builder.setInsertionPoint(yield);
      for (auto [next, iterArg] :
           llvm::zip_equal(yield->getOpOperands(), loop.getRegionIterArgs())) {
        Value value = next.get();
        if (!isa<TensorType>(value.getType()) || value == iterArg)
          continue;
        auto stored = value.getDefiningOp<MaterializeInDestinationOp>();
        if (stored && stored.getDest() == iterArg)
          continue; // already in place (the pass ran before)
        next.set(MaterializeInDestinationOp::create(builder, yield.getLoc(),
                                                    value, iterArg)
                     .getResult());
      }
    });
  }
};

struct ReadOnlyInputsPass
    : cse_sparse::impl::CseSparseReadOnlyInputsPassBase<ReadOnlyInputsPass> {
  void runOnOperation() override {
    auto readOnly = BoolAttr::get(&getContext(), false);
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (!func.isPublic() || func.isExternal())
        continue;
      for (BlockArgument arg : func.getArguments())
        if (isa<TensorType>(arg.getType()))
          func.setArgAttr(
              arg.getArgNumber(),
              bufferization::BufferizationDialect::kWritableAttrName, readOnly);
    }
  }
};
} // namespace
