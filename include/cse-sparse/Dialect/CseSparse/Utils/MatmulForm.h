//===- MatmulForm.h - operand layouts of linalg.matmul ----------*- C++ -*-===//
//-*-===//
//
// Which of a linalg.matmul's two common layouts its maps describe, and
// whether it multiplies signed int8 into int32: what decides, on tensors
// (the extraction's cost model) and on memrefs (the lowering), that a
// kernel walking contiguous rows of both factors can take it.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_DIALECT_CSESPARSE_UTILS_MATMULFORM_H
#define CSE_SPARSE_DIALECT_CSESPARSE_UTILS_MATMULFORM_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/TypeUtilities.h"

#include <optional>

namespace mlir::cse_sparse {

/// C = A * B (the default maps), or C = A * B^T (the fully connected layer,
/// y = x W^T: both factors read along k in their rows).
enum class MatmulForm { Product, TransposedB };

inline std::optional<MatmulForm> matmulForm(linalg::MatmulOp op) {
  MLIRContext *ctx = op.getContext();
  AffineExpr m, n, k;
  bindDims(ctx, m, n, k);
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  auto is = [&](ArrayRef<AffineExpr> a, ArrayRef<AffineExpr> b) {
    return maps[0] == AffineMap::get(3, 0, a, ctx) &&
           maps[1] == AffineMap::get(3, 0, b, ctx) &&
           maps[2] == AffineMap::get(3, 0, {m, n}, ctx);
  };
  if (is({m, k}, {k, n}))
    return MatmulForm::Product;
  if (is({m, k}, {n, k}))
    return MatmulForm::TransposedB;
  return std::nullopt;
}

/// Signed int8 x int8 -> int32, on tensors or memrefs.
inline bool isSignedInt8Matmul(linalg::MatmulOp op) {
  auto elementIs = [](Value v, unsigned bits) {
    return getElementTypeOrSelf(v.getType()).isInteger(bits);
  };
  return op.getCast() == linalg::TypeFn::cast_signed &&
         elementIs(op.getDpsInputs()[0], 8) &&
         elementIs(op.getDpsInputs()[1], 8) &&
         elementIs(op.getDpsInits()[0], 32);
}

} // namespace mlir::cse_sparse

#endif // CSE_SPARSE_DIALECT_CSESPARSE_UTILS_MATMULFORM_H
