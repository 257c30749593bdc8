//===- EcsrConversion.cpp - ExtendedCsr <-> #cse_sparse.ecsr --------------===//

#include "cse-sparse/Dialect/CseSparse/Utils/EcsrConversion.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace mlir::cse_sparse;
using ::cse_sparse::ElementType;
using ::cse_sparse::ExtendedCsr;

IntegerType mlir::cse_sparse::coefficientType(MLIRContext *context,
                                              const ExtendedCsr &e,
                                              unsigned maxBits) {
  auto [lo, hi] = e.coefficientRange();
  unsigned bits = ElementType::narrowestSigned(lo, hi).bits;
  // Never narrower than the source type, so i16 weights stay i16.
  if (e.type.isSigned)
    bits = std::max(bits, std::min(e.type.bits, 64u));
  return IntegerType::get(context, std::min(bits, maxBits));
}

namespace {
DenseIntElementsAttr indexArray(MLIRContext *context, ArrayRef<int64_t> shape,
                                ArrayRef<int64_t> values) {
  bool wide = llvm::any_of(values, [](int64_t v) { return v > INT32_MAX; });
  auto type =
      RankedTensorType::get(shape, IntegerType::get(context, wide ? 64 : 32));
  if (wide)
    return DenseIntElementsAttr::get(type, values);
  SmallVector<int32_t> narrow(values.begin(), values.end());
  return DenseIntElementsAttr::get(type, ArrayRef<int32_t>(narrow));
}

DenseElementsAttr coefArray(IntegerType type, ArrayRef<int64_t> shape,
                            ArrayRef<int64_t> values) {
  SmallVector<APInt> ints;
  ints.reserve(values.size());
  for (int64_t v : values)
    ints.push_back(APInt(type.getWidth(), uint64_t(v), /*isSigned=*/true,
                         /*implicitTrunc=*/true));
  return DenseElementsAttr::get(RankedTensorType::get(shape, type), ints);
}
} // namespace

EcsrAttr mlir::cse_sparse::toEcsrAttr(MLIRContext *context,
                                      const ExtendedCsr &e, unsigned maxBits) {
  IntegerType elementType = coefficientType(context, e, maxBits);
  int64_t k = e.nodes.size();
  SmallVector<int64_t> ops, coefs;
  for (const ::cse_sparse::CseNode &n : e.nodes) {
    ops.append({int64_t(n.lhs), int64_t(n.rhs)});
    coefs.append({n.lhsCoef, n.rhsCoef});
  }
  auto tree =
      AdderTreeAttr::get(context, e.cols, indexArray(context, {k, 2}, ops),
                         coefArray(elementType, {k, 2}, coefs));
  SmallVector<int64_t> rowPtr(e.rowPtr.begin(), e.rowPtr.end());
  SmallVector<int64_t> colIdx(e.operands.begin(), e.operands.end());
  int64_t nnz = e.coefs.size();
  return EcsrAttr::get(context,
                       RankedTensorType::get({e.rows, e.cols}, elementType),
                       tree, indexArray(context, {int64_t(e.rows) + 1}, rowPtr),
                       indexArray(context, {nnz}, colIdx),
                       coefArray(elementType, {nnz}, e.coefs));
}

EcsrAttr
mlir::cse_sparse::toFloatEcsrAttr(MLIRContext *context, const ExtendedCsr &e,
                                  FloatType type,
                                  function_ref<double(int64_t, bool)> value) {
  auto toFloat = [&](int64_t coef, uint32_t operand) {
    APFloat f(value(coef, operand >= e.cols));
    bool lost = false;
    f.convert(type.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
    return f;
  };
  int64_t k = e.nodes.size();
  SmallVector<int64_t> ops;
  SmallVector<APFloat> coefs;
  for (const ::cse_sparse::CseNode &n : e.nodes) {
    ops.append({int64_t(n.lhs), int64_t(n.rhs)});
    coefs.push_back(toFloat(n.lhsCoef, n.lhs));
    coefs.push_back(toFloat(n.rhsCoef, n.rhs));
  }
  SmallVector<APFloat> values;
  for (size_t p = 0; p < e.coefs.size(); ++p)
    values.push_back(toFloat(e.coefs[p], e.operands[p]));
  auto tree = AdderTreeAttr::get(
      context, e.cols, indexArray(context, {k, 2}, ops),
      DenseElementsAttr::get(RankedTensorType::get({k, 2}, type), coefs));
  SmallVector<int64_t> rowPtr(e.rowPtr.begin(), e.rowPtr.end());
  SmallVector<int64_t> colIdx(e.operands.begin(), e.operands.end());
  int64_t nnz = e.coefs.size();
  return EcsrAttr::get(
      context, RankedTensorType::get({e.rows, e.cols}, type), tree,
      indexArray(context, {int64_t(e.rows) + 1}, rowPtr),
      indexArray(context, {nnz}, colIdx),
      DenseElementsAttr::get(RankedTensorType::get({nnz}, type), values));
}

namespace {
SmallVector<int64_t> toInt64(DenseElementsAttr a) {
  SmallVector<int64_t> out;
  for (const APInt &v : a.getValues<APInt>())
    out.push_back(v.getSExtValue());
  return out;
}
} // namespace

ExtendedCsr mlir::cse_sparse::ecsrStructure(EcsrAttr attr) {
  ExtendedCsr e;
  e.rows = attr.getType().getDimSize(0);
  e.cols = attr.getType().getDimSize(1);
  SmallVector<int64_t> ops = attr.getTree().getOperandValues();
  for (size_t c = 0; c < ops.size() / 2; ++c)
    e.nodes.push_back({uint32_t(ops[2 * c]), uint32_t(ops[2 * c + 1]), 1, 1});
  SmallVector<int64_t> rowPtr = attr.getRowPtrValues();
  e.rowPtr.assign(rowPtr.begin(), rowPtr.end());
  for (int64_t v : attr.getColIdxValues())
    e.operands.push_back(uint32_t(v));
  e.coefs.assign(e.operands.size(), 1);
  return e;
}

FailureOr<ExtendedCsr> mlir::cse_sparse::fromEcsrAttr(EcsrAttr attr) {
  auto elementType = dyn_cast<IntegerType>(attr.getType().getElementType());
  if (!elementType)
    return failure();
  ExtendedCsr e = ecsrStructure(attr);
  e.type = {elementType.getWidth(), true};
  SmallVector<int64_t> coefs = toInt64(attr.getTree().getDenseCoefficients());
  for (size_t c = 0; c < e.nodes.size(); ++c) {
    e.nodes[c].lhsCoef = coefs[2 * c];
    e.nodes[c].rhsCoef = coefs[2 * c + 1];
  }
  SmallVector<int64_t> values = toInt64(attr.getDenseValues());
  e.coefs.assign(values.begin(), values.end());
  return e;
}

OwningOpRef<ModuleOp> mlir::cse_sparse::buildMatmulModule(MLIRContext *context,
                                                          const ExtendedCsr &e,
                                                          StringRef name,
                                                          int64_t batch) {
  context->loadDialect<CseSparseDialect, func::FuncDialect>();
  EcsrAttr weight = toEcsrAttr(context, e);
  auto elementType = cast<IntegerType>(weight.getType().getElementType());
  unsigned accBits = 2 * elementType.getWidth() <= 32 ? 32 : 64;
  auto accType = IntegerType::get(context, accBits);
  OpBuilder b(context);
  Location loc = b.getUnknownLoc();
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());
  auto inType = RankedTensorType::get({e.cols, batch}, elementType);
  auto outType = RankedTensorType::get({e.rows, batch}, accType);
  auto func = func::FuncOp::create(
      b, loc, name, b.getFunctionType({inType, outType}, outType));
  Block *body = func.addEntryBlock();
  b.setInsertionPointToStart(body);
  auto matmul = MatmulOp::create(b, loc, weight, body->getArgument(0),
                                 body->getArgument(1));
  func::ReturnOp::create(b, loc, matmul.getResult());
  return module;
}
