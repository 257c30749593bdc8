//===- MatrixModule.cpp - a weight matrix as a linalg model ---------------===//

#include "cse-sparse/Compiler/MatrixModule.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

#include <algorithm>
#include <vector>

using namespace mlir;
using namespace mlir::cse_sparse;
using ::cse_sparse::SparseMatrix;

unsigned mlir::cse_sparse::matrixInputBits(const SparseMatrix &m) {
  return m.type().bits <= 8 ? 8 : m.type().bits <= 16 ? 16 : 32;
}

unsigned mlir::cse_sparse::matrixWeightBits(const SparseMatrix &m) {
  auto [lo, hi] = m.valueRange();
  return std::max(::cse_sparse::ElementType::narrowestSigned(lo, hi).bits,
                  matrixInputBits(m));
}

llvm::Error mlir::cse_sparse::checkMatrixWeights(const SparseMatrix &m) {
  if (m.type().bits > 32)
    return llvm::createStringError(
        m.type().str() + " weights are wider than the 32 bits a kernel "
                         "supports");
  if (matrixWeightBits(m) > 32)
    return llvm::createStringError(
        m.type().str() + " weight " + llvm::Twine(m.valueRange().second) +
        " needs more than the 32 signed bits a kernel supports");
  return llvm::Error::success();
}

namespace {

/// The constant of `m` with elements of type `T`: dense when small, else
/// `sparse<indices, values>` built straight from the CSR arrays. Neither
/// form goes through an APInt per element.
template <typename T>
ElementsAttr weightAttr(RankedTensorType type, const SparseMatrix &m) {
  uint64_t cols = m.cols();
  if (uint64_t(m.rows()) * cols <= kMaxDenseWeightElements) {
    std::vector<T> values(uint64_t(m.rows()) * cols, T(0));
    for (uint32_t r = 0; r < m.rows(); ++r)
      for (uint64_t p = m.rowBegin(r); p < m.rowEnd(r); ++p)
        values[r * cols + m.columnIndices()[p]] = T(m.nonzeros()[p]);
    return DenseElementsAttr::get(type, llvm::ArrayRef(values));
  }
  int64_t nnz = int64_t(m.nnz());
  std::vector<int64_t> indices;
  indices.reserve(2 * nnz);
  std::vector<T> values;
  values.reserve(nnz);
  for (uint32_t r = 0; r < m.rows(); ++r)
    for (uint64_t p = m.rowBegin(r); p < m.rowEnd(r); ++p) {
      indices.push_back(r);
      indices.push_back(m.columnIndices()[p]);
      values.push_back(T(m.nonzeros()[p]));
    }
  MLIRContext *ctx = type.getContext();
  auto indexAttr = DenseIntElementsAttr::get(
      RankedTensorType::get({nnz, 2}, IntegerType::get(ctx, 64)),
      llvm::ArrayRef(indices));
  auto valueAttr = DenseElementsAttr::get(
      RankedTensorType::get({nnz}, type.getElementType()),
      llvm::ArrayRef(values));
  return SparseElementsAttr::get(type, indexAttr, valueAttr);
}

ElementsAttr weightAttr(RankedTensorType type, const SparseMatrix &m) {
  switch (type.getElementTypeBitWidth()) {
  case 8:
    return weightAttr<int8_t>(type, m);
  case 16:
    return weightAttr<int16_t>(type, m);
  default:
    assert(type.getElementTypeBitWidth() == 32 && "checkMatrixWeights");
    return weightAttr<int32_t>(type, m);
  }
}

} // namespace

OwningOpRef<ModuleOp>
mlir::cse_sparse::buildMatrixModule(MLIRContext *ctx, const SparseMatrix &m,
                                    StringRef entryName, int64_t batch,
                                    StringRef sourceName) {
  ctx->loadDialect<arith::ArithDialect, func::FuncDialect,
                   linalg::LinalgDialect, tensor::TensorDialect>();
  OpBuilder b(ctx);
  // Named after the entry point, and pointing at the file for diagnostics.
  Location loc = NameLoc::get(b.getStringAttr(entryName),
                              FileLineColLoc::get(ctx, sourceName, 0, 0));
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());
  unsigned wBits = matrixWeightBits(m);
  auto wType =
      RankedTensorType::get({m.rows(), m.cols()}, b.getIntegerType(wBits));
  unsigned accBits = wBits <= 16 ? 32 : 64;
  auto xType = RankedTensorType::get({m.cols(), batch},
                                     b.getIntegerType(matrixInputBits(m)));
  auto yType =
      RankedTensorType::get({m.rows(), batch}, b.getIntegerType(accBits));
  auto func = func::FuncOp::create(b, loc, entryName,
                                   b.getFunctionType({xType}, {yType}));
  b.setInsertionPointToStart(func.addEntryBlock());
  Value w = arith::ConstantOp::create(b, loc, weightAttr(wType, m));
  Value zero = arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(b.getIntegerType(accBits), 0));
  Value empty =
      tensor::EmptyOp::create(b, loc, yType.getShape(), yType.getElementType());
  Value acc = linalg::FillOp::create(b, loc, zero, empty).getResult(0);
  Value y = linalg::MatmulOp::create(b, loc, TypeRange{yType},
                                     ValueRange{w, func.getArgument(0)},
                                     ValueRange{acc})
                .getResult(0);
  func::ReturnOp::create(b, loc, y);
  return module;
}
