//===- MatrixIO.h - MatrixMarket and NumPy matrix files ---------*- C++ -*-===//
//
// Readers reject anything they cannot read exactly (non-integral reals, values
// beyond 64 bits, wrong sizes, unsupported dtypes) with an error that names the
// file and, for text, the line.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_ALGORITHM_MATRIXIO_H
#define CSE_SPARSE_ALGORITHM_MATRIXIO_H

#include "cse-sparse/Algorithm/SparseMatrix.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace cse_sparse {

/// Largest number of rows or columns the readers and the generator accept
/// (2^24): far beyond any layer, and small enough that a hostile header cannot
/// make row pointers exhaust memory.
constexpr uint64_t kMaxMatrixDim = uint64_t(1) << 24;

/// MatrixMarket `coordinate` or `array`, field `integer`, `real` (integral
/// values only) or `pattern`, symmetry `general`, `symmetric` or
/// `skew-symmetric`.
llvm::Expected<SparseMatrix> parseMatrixMarket(llvm::StringRef text,
                                               llvm::StringRef name);
/// NumPy .npy v1-v3, 2-D, dtype i1/i2/i4/i8, u1/u2/u4/u8, f4/f8 (integral
/// values only), either byte order, C or Fortran order.
llvm::Expected<SparseMatrix> parseNpy(llvm::StringRef bytes,
                                      llvm::StringRef name);

/// Reads a matrix file, choosing the format by extension (.mtx, .npy).
llvm::Expected<SparseMatrix> readMatrixFile(llvm::StringRef path);

std::string writeMatrixMarket(const SparseMatrix &matrix);
void writeMatrixMarket(const SparseMatrix &matrix, llvm::raw_ostream &os);
/// C-order .npy v1.0 with the narrowest of i1/i2/i4/i8 holding the element
/// type.
std::string writeNpy(const SparseMatrix &matrix);
/// Streams the dense data row by row: memory O(columns).
void writeNpy(const SparseMatrix &matrix, llvm::raw_ostream &os);
/// Writes by extension (.mtx, .npy), streaming. A .npy file is dense: one
/// larger than the free space of its file system is refused before writing.
llvm::Error writeMatrixFile(const SparseMatrix &matrix, llvm::StringRef path);

} // namespace cse_sparse

#endif // CSE_SPARSE_ALGORITHM_MATRIXIO_H
