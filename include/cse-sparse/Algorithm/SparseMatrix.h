//===- SparseMatrix.h - Sparse integer matrix in CSR form -------*- C++ -*-===//
//
// The constant weight matrix W (M outputs x N inputs) that extraction reads.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_ALGORITHM_SPARSEMATRIX_H
#define CSE_SPARSE_ALGORITHM_SPARSEMATRIX_H

#include <cstdint>
#include <string>
#include <vector>

namespace cse_sparse {

/// The integer type the coefficients came in with (int8, uint16, ...). Values
/// are held as int64_t whatever the source width, so every supported source
/// type fits exactly.
struct ElementType {
  unsigned bits = 64;
  bool isSigned = true;

  /// Narrowest signed type of 8/16/32/64 bits holding every value in [lo, hi].
  static ElementType narrowestSigned(int64_t lo, int64_t hi);
  bool holds(int64_t value) const;
  std::string str() const; // "i8", "u16", ...
  bool operator==(const ElementType &o) const {
    return bits == o.bits && isSigned == o.isSigned;
  }
};

/// An M x N integer matrix in compressed sparse row form. Within a row, column
/// indices are strictly increasing and stored values are non-zero: that
/// invariant is what every reader and the generator establish, and what
/// extraction relies on.
class SparseMatrix {
public:
  SparseMatrix() = default;
  SparseMatrix(uint32_t rows, uint32_t cols, ElementType type = {})
      : numRows(rows), numCols(cols), elementType(type), rowPtr(rows + 1, 0) {}

  /// Builds from a row-major dense array of rows*cols values; zeros are
  /// dropped.
  static SparseMatrix fromDense(uint32_t rows, uint32_t cols,
                                const std::vector<int64_t> &dense,
                                ElementType type = {});

  /// Builds from unordered (row, col, value) triplets. Duplicate positions are
  /// summed (wrapping) and zero results dropped; the file readers reject
  /// duplicates before they get here.
  struct Triplet {
    uint32_t row, col;
    int64_t value;
  };
  static SparseMatrix fromTriplets(uint32_t rows, uint32_t cols,
                                   std::vector<Triplet> triplets,
                                   ElementType type = {});

  /// Takes CSR arrays as they are: `rowPtr` has rows + 1 entries from 0 to
  /// nnz, column indices strictly increase within a row and values are
  /// non-zero (checked in debug builds). No copy, no sort: what the generator
  /// uses to stay within O(nnz) memory.
  static SparseMatrix fromCsr(uint32_t rows, uint32_t cols,
                              std::vector<uint64_t> rowPtr,
                              std::vector<uint32_t> colIdx,
                              std::vector<int64_t> values,
                              ElementType type = {});

  uint32_t rows() const { return numRows; }
  uint32_t cols() const { return numCols; }
  uint64_t nnz() const { return values.size(); }
  ElementType type() const { return elementType; }
  void setType(ElementType type) { elementType = type; }

  const std::vector<uint64_t> &rowPointers() const { return rowPtr; }
  const std::vector<uint32_t> &columnIndices() const { return colIdx; }
  const std::vector<int64_t> &nonzeros() const { return values; }
  uint64_t rowBegin(uint32_t r) const { return rowPtr[r]; }
  uint64_t rowEnd(uint32_t r) const { return rowPtr[r + 1]; }

  std::vector<int64_t> toDense() const;
  /// Number of distinct non-zero values.
  size_t distinctValues() const;
  /// Smallest and largest stored value (0, 0 when empty).
  std::pair<int64_t, int64_t> valueRange() const;

  bool operator==(const SparseMatrix &o) const {
    return numRows == o.numRows && numCols == o.numCols && rowPtr == o.rowPtr &&
           colIdx == o.colIdx && values == o.values;
  }

private:
  uint32_t numRows = 0, numCols = 0;
  ElementType elementType;
  std::vector<uint64_t> rowPtr{0};
  std::vector<uint32_t> colIdx;
  std::vector<int64_t> values;
};

} // namespace cse_sparse

#endif // CSE_SPARSE_ALGORITHM_SPARSEMATRIX_H
