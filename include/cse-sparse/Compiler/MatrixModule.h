//===- MatrixModule.h - a weight matrix as a linalg model -------*- C++ -*-===//
//
// Builds y = W * x in linalg on tensors from a weight matrix read by the
// algorithm library, so that a matrix file compiles like a model.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_COMPILER_MATRIXMODULE_H
#define CSE_SPARSE_COMPILER_MATRIXMODULE_H

#include "cse-sparse/Algorithm/SparseMatrix.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"

namespace mlir::cse_sparse {

/// Above this many elements the weight is a `sparse<indices, values>`
/// constant built from the non-zeros: the dense form would take memory and
/// time in proportion to M x N however few non-zeros there are. Below it, the
/// dense form, which every pass reads.
inline constexpr uint64_t kMaxDenseWeightElements = uint64_t(1) << 20;

/// Bits of the input x: the matrix's element type rounded up to 8, 16 or 32.
unsigned matrixInputBits(const ::cse_sparse::SparseMatrix &m);
/// Bits of the weight W: the narrowest of 8, 16, 32 (or 64) holding its
/// values as signed numbers, and at least the input's (a u8 weight of 200
/// needs i16: as i8 it would be -56).
unsigned matrixWeightBits(const ::cse_sparse::SparseMatrix &m);

/// Refuses weights a kernel cannot take (wider than 32 signed bits); the
/// message says why, without the file's name.
llvm::Error checkMatrixWeights(const ::cse_sparse::SparseMatrix &m);

/// A module with one public function `entryName`:
/// y(M x B) = W(M x N) * x(N x B) with W the constant `m` (dense up to
/// kMaxDenseWeightElements elements, sparse above), x of matrixInputBits,
/// y of i32 (i64 for 32-bit weights), B = `batch`. Every op is located at
/// `entryName` in `sourceName`, line 0. `m` must pass checkMatrixWeights.
OwningOpRef<ModuleOp> buildMatrixModule(MLIRContext *ctx,
                                        const ::cse_sparse::SparseMatrix &m,
                                        llvm::StringRef entryName,
                                        int64_t batch,
                                        llvm::StringRef sourceName);

} // namespace mlir::cse_sparse

#endif // CSE_SPARSE_COMPILER_MATRIXMODULE_H
