//===- Generate.h - Synthetic pruned, quantized matrices --------*- C++ -*-===//

#ifndef CSE_SPARSE_ALGORITHM_GENERATE_H
#define CSE_SPARSE_ALGORITHM_GENERATE_H

#include "cse-sparse/Algorithm/SparseMatrix.h"

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

std::optional<ValueDistribution> parseValueDistribution(const std::string &s);
const char *toString(ValueDistribution d);

struct GenerateOptions {
  uint32_t rows = 128, cols = 128;
  double density = 0.25;
  /// Quantization width: values in [-(2^(bits-1)-1), 2^(bits-1)-1].
  unsigned bits = 4;
  /// When non-zero, overrides bits: values in [-levels, levels].
  unsigned levels = 0;
  ValueDistribution distribution = ValueDistribution::Peaked;
  uint64_t seed = 1;

  int64_t maxMagnitude() const {
    return levels ? int64_t(levels) : (int64_t(1) << (bits - 1)) - 1;
  }
};

/// Deterministic for a given options value on every platform.
SparseMatrix generateMatrix(const GenerateOptions &options);

} // namespace cse_sparse

#endif // CSE_SPARSE_ALGORITHM_GENERATE_H
