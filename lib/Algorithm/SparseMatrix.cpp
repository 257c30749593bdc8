//===- SparseMatrix.cpp - Sparse integer matrix in CSR form ---------------===//

#include "cse-sparse/Algorithm/SparseMatrix.h"

#include <algorithm>
#include <cassert>
#include <limits>
#include <unordered_set>

using namespace cse_sparse;

ElementType ElementType::narrowestSigned(int64_t lo, int64_t hi) {
  for (unsigned bits : {8u, 16u, 32u}) {
    int64_t min = -(int64_t(1) << (bits - 1));
    int64_t max = (int64_t(1) << (bits - 1)) - 1;
    if (lo >= min && hi <= max)
      return {bits, true};
  }
  return {64, true};
}

bool ElementType::holds(int64_t value) const {
  if (isSigned) {
    if (bits >= 64)
      return true;
    return value >= -(int64_t(1) << (bits - 1)) &&
           value <= (int64_t(1) << (bits - 1)) - 1;
  }
  if (value < 0)
    return false;
  return bits >= 63 || value <= (int64_t(1) << bits) - 1;
}

std::string ElementType::str() const {
  return (isSigned ? "i" : "u") + std::to_string(bits);
}

SparseMatrix SparseMatrix::fromDense(uint32_t rows, uint32_t cols,
                                     const std::vector<int64_t> &dense,
                                     ElementType type) {
  assert(dense.size() == uint64_t(rows) * cols && "dense size mismatch");
  SparseMatrix m(rows, cols, type);
  for (uint32_t r = 0; r < rows; ++r) {
    for (uint32_t c = 0; c < cols; ++c) {
      int64_t v = dense[uint64_t(r) * cols + c];
      if (v == 0)
        continue;
      m.colIdx.push_back(c);
      m.values.push_back(v);
    }
    m.rowPtr[r + 1] = m.values.size();
  }
  return m;
}

SparseMatrix SparseMatrix::fromTriplets(uint32_t rows, uint32_t cols,
                                        std::vector<Triplet> triplets,
                                        ElementType type) {
  std::sort(triplets.begin(), triplets.end(),
            [](const Triplet &a, const Triplet &b) {
              return a.row != b.row ? a.row < b.row : a.col < b.col;
            });
  SparseMatrix m(rows, cols, type);
  size_t i = 0;
  for (uint32_t r = 0; r < rows; ++r) {
    while (i < triplets.size() && triplets[i].row == r) {
      uint32_t c = triplets[i].col;
      // Sum duplicates in unsigned arithmetic: wrap-around is the defined
      // answer.
      uint64_t sum = 0;
      for (;
           i < triplets.size() && triplets[i].row == r && triplets[i].col == c;
           ++i)
        sum += uint64_t(triplets[i].value);
      if (sum != 0) {
        m.colIdx.push_back(c);
        m.values.push_back(int64_t(sum));
      }
    }
    m.rowPtr[r + 1] = m.values.size();
  }
  return m;
}

SparseMatrix SparseMatrix::fromCsr(uint32_t rows, uint32_t cols,
                                   std::vector<uint64_t> rowPtr,
                                   std::vector<uint32_t> colIdx,
                                   std::vector<int64_t> values,
                                   ElementType type) {
  assert(rowPtr.size() == uint64_t(rows) + 1 && rowPtr.front() == 0 &&
         rowPtr.back() == values.size() && colIdx.size() == values.size() &&
         "inconsistent CSR arrays");
#ifndef NDEBUG
  for (uint32_t r = 0; r < rows; ++r)
    for (uint64_t p = rowPtr[r]; p < rowPtr[r + 1]; ++p)
      assert(colIdx[p] < cols && values[p] != 0 &&
             (p == rowPtr[r] || colIdx[p - 1] < colIdx[p]) &&
             "CSR row not sorted, out of range or holding a zero");
#endif
  SparseMatrix m(0, cols, type);
  m.numRows = rows;
  m.rowPtr = std::move(rowPtr);
  m.colIdx = std::move(colIdx);
  m.values = std::move(values);
  return m;
}

std::vector<int64_t> SparseMatrix::toDense() const {
  std::vector<int64_t> dense(uint64_t(numRows) * numCols, 0);
  for (uint32_t r = 0; r < numRows; ++r)
    for (uint64_t p = rowPtr[r]; p < rowPtr[r + 1]; ++p)
      dense[uint64_t(r) * numCols + colIdx[p]] = values[p];
  return dense;
}

size_t SparseMatrix::distinctValues() const {
  std::unordered_set<int64_t> seen(values.begin(), values.end());
  return seen.size();
}

std::pair<int64_t, int64_t> SparseMatrix::valueRange() const {
  if (values.empty())
    return {0, 0};
  auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  return {*lo, *hi};
}
