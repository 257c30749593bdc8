//===- TestUtils.h - Helpers shared by the algorithm tests ------*- C++ -*-===//

#ifndef CSE_SPARSE_UNITTESTS_TESTUTILS_H
#define CSE_SPARSE_UNITTESTS_TESTUTILS_H

#include "cse-sparse/Algorithm/Generate.h"
#include "cse-sparse/Algorithm/Random.h"
#include "cse-sparse/Algorithm/SparseMatrix.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace cse_sparse::test {

inline std::vector<int64_t> randomVector(Rng &rng, uint32_t n, int64_t lo,
                                         int64_t hi) {
  std::vector<int64_t> x(n);
  for (int64_t &v : x)
    v = lo + int64_t(rng.below(uint64_t(hi - lo) + 1));
  return x;
}

/// A small synthetic int8 matrix (peaked values, seed 1) for file tests.
inline SparseMatrix int8Matrix(uint32_t rows, uint32_t cols) {
  GenerateOptions g;
  g.rows = rows;
  g.cols = cols;
  g.bits = 8;
  return generateMatrix(g);
}

/// Message of an expected error, or "<success>" when there was none.
template <typename T> std::string errorText(llvm::Expected<T> value) {
  if (value)
    return "<success>";
  return llvm::toString(value.takeError());
}
inline std::string errorText(llvm::Error err) {
  if (!err)
    return "<success>";
  return llvm::toString(std::move(err));
}

} // namespace cse_sparse::test

#endif
