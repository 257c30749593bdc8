//===- InitFolding.h - constant inits a kernel can start from ---*- C++ -*-===//
//
// Front ends start a contraction from a constant: torch-mlir and TOSA's
// matmul fill the accumulator with zero, TOSA's convolution broadcasts its
// bias over the output. Evaluated as written, that is a pass that writes
// every output before the kernel reads each one back. When the constant
// differs only along the output rows, the extraction pass folds it into the
// op's per-row bias instead and marks the op `overwrite_init`.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_DIALECT_CSESPARSE_TRANSFORMS_INITFOLDING_H
#define CSE_SPARSE_LIB_DIALECT_CSESPARSE_TRANSFORMS_INITFOLDING_H

#include "mlir/IR/Value.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace mlir::cse_sparse {

/// `init`'s values, one per output row, when they are known at compile time
/// and vary at most along dimension `rowDim` (of size `rows`):
/// - a `linalg.fill` of a constant, or a splat `arith.constant`, also seen
///   through `tensor.collapse_shape` / `expand_shape`;
/// - a `linalg.generic` that only broadcasts a constant vector of `rows`
///   values along `rowDim` (needs `rowDim`).
/// Integers are returned sign-extended from their type; a float init only
/// when every value is +0.0, as zeros (a nonzero float start is not folded:
/// adding it first or last rounds differently). std::nullopt otherwise.
std::optional<std::vector<int64_t>>
rowConstantInit(Value init, std::optional<unsigned> rowDim, int64_t rows);

} // namespace mlir::cse_sparse

#endif // CSE_SPARSE_LIB_DIALECT_CSESPARSE_TRANSFORMS_INITFOLDING_H
