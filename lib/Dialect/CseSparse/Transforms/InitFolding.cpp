//===- InitFolding.cpp - constant inits a kernel can start from -----------===//

#include "InitFolding.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::cse_sparse;

namespace {

/// A scalar start value as the folder returns it: integers sign-extended,
/// floats only +0.0.
std::optional<int64_t> scalarValue(Attribute attr) {
  if (auto i = dyn_cast<IntegerAttr>(attr))
    return i.getValue().getSExtValue();
  if (auto f = dyn_cast<FloatAttr>(attr))
    if (f.getValue().isPosZero())
      return 0;
  return std::nullopt;
}

/// The one value of a constant fill or splat, through reshapes.
std::optional<int64_t> uniformValue(Value v) {
  while (true) {
    if (auto collapse = v.getDefiningOp<tensor::CollapseShapeOp>())
      v = collapse.getSrc();
    else if (auto expand = v.getDefiningOp<tensor::ExpandShapeOp>())
      v = expand.getSrc();
    else
      break;
  }
  if (auto fill = v.getDefiningOp<linalg::FillOp>()) {
    Attribute attr;
    if (!matchPattern(fill.getInputs()[0], m_Constant(&attr)))
      return std::nullopt;
    return scalarValue(attr);
  }
  DenseElementsAttr splat;
  if (matchPattern(v, m_Constant(&splat)) && splat.isSplat())
    return scalarValue(splat.getSplatValue<Attribute>());
  return std::nullopt;
}

/// The vector a generic broadcasts along `rowDim` into its output, if that
/// is all it does and the vector is an integer constant of `rows` values.
std::optional<std::vector<int64_t>> broadcastRows(Value v, unsigned rowDim,
                                                  int64_t rows) {
  auto generic = v.getDefiningOp<linalg::GenericOp>();
  if (!generic || generic.getNumDpsInputs() != 1 ||
      generic.getNumDpsInits() != 1 ||
      generic.getNumParallelLoops() != generic.getNumLoops())
    return std::nullopt;
  Block &body = generic.getRegion().front();
  auto yield = dyn_cast<linalg::YieldOp>(body.front());
  if (!yield || yield.getNumOperands() != 1 ||
      yield.getOperand(0) != body.getArgument(0))
    return std::nullopt;
  AffineMap inMap = generic.getIndexingMapsArray()[0];
  AffineMap outMap = generic.getIndexingMapsArray()[1];
  if (!outMap.isIdentity() || rowDim >= outMap.getNumDims() ||
      inMap.getNumResults() != 1 ||
      inMap.getResult(0) != getAffineDimExpr(rowDim, generic.getContext()))
    return std::nullopt;
  DenseIntElementsAttr values;
  if (!matchPattern(generic.getInputs()[0], m_Constant(&values)) ||
      values.getType().getRank() != 1 || values.getNumElements() != rows)
    return std::nullopt;
  std::vector<int64_t> result;
  result.reserve(rows);
  for (const APInt &value : values.getValues<APInt>())
    result.push_back(value.getSExtValue());
  return result;
}

} // namespace

std::optional<std::vector<int64_t>>
mlir::cse_sparse::rowConstantInit(Value init, std::optional<unsigned> rowDim,
                                  int64_t rows) {
  if (std::optional<int64_t> value = uniformValue(init))
    return std::vector<int64_t>(rows, *value);
  if (rowDim)
    return broadcastRows(init, *rowDim, rows);
  return std::nullopt;
}
