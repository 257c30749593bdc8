//===- Generate.h - Synthetic pruned, quantized matrices --------*- C++ -*-===//

#ifndef CSE_SPARSE_ALGORITHM_GENERATE_H
#define CSE_SPARSE_ALGORITHM_GENERATE_H

#include "cse-sparse/Algorithm/SparseMatrix.h"

#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace cse_sparse {

enum class ValueDistribution {
  /// Non-zero values uniform over +-1 .. +-qmax.
  Uniform,
  /// Laplace-distributed weights, magnitude-pruned to the density, then
  /// symmetrically
  /// quantized with one scale for the whole tensor: small magnitudes dominate,
  /// as in
  /// trained layers (docs/algorithm.md, "Synthetic matrices").
  Peaked,
  /// As Peaked, but with one quantization scale per output row (per-channel).
  PeakedPerChannel,
};

struct GenerateOptions {
  uint32_t rows = 128, cols = 128;
  double density = 0.25;
  /// Quantization width: values in [-(2^(bits-1)-1), 2^(bits-1)-1].
  unsigned bits = 4;
  /// When non-zero, overrides bits: values in [-levels, levels].
  unsigned levels = 0;
  ValueDistribution distribution = ValueDistribution::Peaked;
  uint64_t seed = 1;
  /// Memory tryGenerateMatrix may plan for, in bytes; 0: the machine's
  /// physical memory.
  uint64_t memoryLimitBytes = 0;

  int64_t maxMagnitude() const {
    return levels ? int64_t(levels) : (int64_t(1) << (bits - 1)) - 1;
  }
  /// density * rows * cols.
  double expectedNonzeros() const;
};

/// Bytes generateMatrix allocates for `options`: row pointers plus 12 bytes
/// per non-zero, for the expected count plus five standard deviations.
uint64_t generationBytes(const GenerateOptions &options);

/// Checks `options` (rows and columns at most kMaxMatrixDim, density in [0, 1],
/// bits in 2..32 or levels below 2^31, generationBytes within the memory
/// limit), then generates. The errors name the figures.
llvm::Expected<SparseMatrix> tryGenerateMatrix(const GenerateOptions &options);

/// Positions are independent Bernoulli(density) per cell, values as
/// `distribution` says (docs/algorithm.md, "Synthetic matrices"). Time and
/// memory O(rows + nnz): the gaps between non-zeros are drawn, not every
/// cell. Deterministic for a given options value on every platform. Does not
/// check the options: use tryGenerateMatrix for sizes from users.
SparseMatrix generateMatrix(const GenerateOptions &options);

} // namespace cse_sparse

#endif // CSE_SPARSE_ALGORITHM_GENERATE_H
