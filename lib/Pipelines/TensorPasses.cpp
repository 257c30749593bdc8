//===- TensorPasses.cpp - steps of --cse-sparse-to-llvm on tensors --------===//
//
// Rewrites that front ends' linalg on tensors needs before One-Shot Bufferize:
// ops without a loop lowering, and loops whose results bufferization cannot
// keep in place.
//
//===----------------------------------------------------------------------===//

#include "cse-sparse/Pipelines/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"

namespace mlir::cse_sparse {
#define GEN_PASS_DEF_CSESPARSEDECOMPOSELINALGPASS
#define GEN_PASS_DEF_CSESPARSEFOLDBIASADDPASS
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

/// Whether `op` computes out + f(inputs) with integer addition, out read
/// nowhere else: then it may start from any value instead of its init's.
bool accumulatesByIntAddition(linalg::LinalgOp op) {
  if (op.getNumDpsInits() != 1 || op->getNumResults() != 1 ||
      !op.hasPureTensorSemantics())
    return false;
  BlockArgument out = op.getMatchingBlockArgument(op.getDpsInitOperand(0));
  auto yield = cast<linalg::YieldOp>(op.getBlock()->getTerminator());
  auto add = yield->getOperand(0).getDefiningOp<arith::AddIOp>();
  return add && out.hasOneUse() && (add.getLhs() == out || add.getRhs() == out);
}

/// A generic adding a rank-1 bias, broadcast along one loop dimension, to
/// another tensor read in full: c[i...] = a[i...] + bias[i_k].
struct BiasAdd {
  linalg::GenericOp op;
  /// The operand read in full.
  Value accumulated;
  Value bias;
  /// The loop dimension the bias follows.
  unsigned dim;
};

std::optional<BiasAdd> matchBiasAdd(linalg::GenericOp op) {
  if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      op.getNumReductionLoops() != 0 || !op.hasPureTensorSemantics() ||
      !op.getIndexingMapMatchingResult(op->getResult(0)).isIdentity())
    return std::nullopt;
  Block &body = *op.getBlock();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  auto add = yield->getOperand(0).getDefiningOp<arith::AddIOp>();
  if (!add || &body.front() != add.getOperation() ||
      body.getOperations().size() != 2)
    return std::nullopt;
  for (unsigned i : {0u, 1u}) {
    OpOperand *full = op.getDpsInputOperand(i),
              *bias = op.getDpsInputOperand(1 - i);
    AffineMap biasMap = op.getMatchingIndexingMap(bias);
    if (biasMap.getNumResults() != 1)
      continue;
    auto dim = dyn_cast<AffineDimExpr>(biasMap.getResult(0));
    BlockArgument a = op.getMatchingBlockArgument(full),
                  b = op.getMatchingBlockArgument(bias);
    bool addsBoth = (add.getLhs() == a && add.getRhs() == b) ||
                    (add.getLhs() == b && add.getRhs() == a);
    if (dim && addsBoth && op.getMatchingIndexingMap(full).isIdentity() &&
        full->get().getType() == op->getResult(0).getType())
      return BiasAdd{op, full->get(), bias->get(), dim.getPosition()};
  }
  return std::nullopt;
}

/// The dimension of `source` that dimension `dim` of `collapse`'s result
/// is: the one of its group that is not a static 1 (the group's first if
/// all are), or none if two of them may not be 1.
std::optional<unsigned> uncollapsedDim(tensor::CollapseShapeOp collapse,
                                       unsigned dim) {
  ReassociationIndices group = collapse.getReassociationIndices()[dim];
  ArrayRef<int64_t> shape = collapse.getSrcType().getShape();
  std::optional<unsigned> found;
  for (int64_t d : group) {
    if (shape[d] == 1)
      continue;
    if (found)
      return std::nullopt;
    found = d;
  }
  return found ? *found : static_cast<unsigned>(group.front());
}

/// Starts the op behind `add` from the broadcast bias, if it accumulates by
/// integer addition into a zero fill that nothing else reads, its result
/// (possibly collapsed) goes only into the addition, and the bias is
/// computed before it.
void foldBiasAdd(IRRewriter &rewriter, DominanceInfo &dominance,
                 const BiasAdd &add) {
  Value accumulated = add.accumulated;
  unsigned dim = add.dim;
  auto collapse = accumulated.getDefiningOp<tensor::CollapseShapeOp>();
  if (collapse) {
    std::optional<unsigned> source = uncollapsedDim(collapse, dim);
    if (!source || !collapse->hasOneUse())
      return;
    dim = *source;
    accumulated = collapse.getSrc();
  }
  auto op = accumulated.getDefiningOp<linalg::LinalgOp>();
  if (!op || !accumulated.hasOneUse() || !accumulatesByIntAddition(op) ||
      !dominance.properlyDominates(add.bias, op))
    return;
  OpOperand *init = op.getDpsInitOperand(0);
  auto fill = init->get().getDefiningOp<linalg::FillOp>();
  if (!fill || !fill->hasOneUse() ||
      !matchPattern(fill.getInputs()[0], m_Zero()))
    return;
  // bias[d] into every element of the fill's destination, just before the
  // op (where the bias and the destination are both defined).
  rewriter.setInsertionPoint(op);
  Value dest = fill.getOutputs()[0];
  auto type = cast<RankedTensorType>(dest.getType());
  MLIRContext *ctx = rewriter.getContext();
  unsigned rank = type.getRank();
  SmallVector<AffineMap> maps = {
      AffineMap::get(rank, 0, getAffineDimExpr(dim, ctx)),
      AffineMap::getMultiDimIdentityMap(rank, ctx)};
  SmallVector<utils::IteratorType> parallel(rank,
                                            utils::IteratorType::parallel);
  auto broadcast = linalg::GenericOp::create(
      rewriter, fill.getLoc(), type, ValueRange{add.bias}, ValueRange{dest},
      maps, parallel, [](OpBuilder &b, Location loc, ValueRange args) {
        linalg::YieldOp::create(b, loc, args[0]);
      });
  rewriter.modifyOpInPlace(op, [&] { init->set(broadcast->getResult(0)); });
  rewriter.replaceOp(add.op, add.accumulated);
  rewriter.eraseOp(fill);
}

struct FoldBiasAddPass
    : cse_sparse::impl::CseSparseFoldBiasAddPassBase<FoldBiasAddPass> {
  void runOnOperation() override {
    SmallVector<linalg::GenericOp> generics;
    getOperation()->walk([&](linalg::GenericOp op) { generics.push_back(op); });
    // Matched one at a time: folding an add replaces its result, which a
    // later add (a second bias, say) may read. A fold erases only its own
    // generic and a fill, never a later generic.
    IRRewriter rewriter(&getContext());
    DominanceInfo dominance(getOperation());
    for (linalg::GenericOp op : generics)
      if (std::optional<BiasAdd> add = matchBiasAdd(op))
        foldBiasAdd(rewriter, dominance, *add);
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
