//===- Generate.cpp - Synthetic pruned, quantized matrices ----------------===//

#include "cse-sparse/Algorithm/Generate.h"
#include "cse-sparse/Algorithm/Random.h"

#include <algorithm>
#include <cmath>

using namespace cse_sparse;

std::optional<ValueDistribution>
cse_sparse::parseValueDistribution(const std::string &s) {
  if (s == "uniform")
    return ValueDistribution::Uniform;
  if (s == "peaked")
    return ValueDistribution::Peaked;
  if (s == "peaked-per-channel")
    return ValueDistribution::PeakedPerChannel;
  return std::nullopt;
}

const char *cse_sparse::toString(ValueDistribution d) {
  switch (d) {
  case ValueDistribution::Uniform:
    return "uniform";
  case ValueDistribution::Peaked:
    return "peaked";
  case ValueDistribution::PeakedPerChannel:
    return "peaked-per-channel";
  }
  return "?";
}

SparseMatrix cse_sparse::generateMatrix(const GenerateOptions &opts) {
  Rng rng(opts.seed);
  int64_t qmax = std::max<int64_t>(opts.maxMagnitude(), 1);
  double density = std::clamp(opts.density, 0.0, 1.0);
  // Laplace(b = 1) weights kept when |w| > tau, tau chosen so P(|w| > tau) =
  // density. The Laplace tail is memoryless, so a survivor's magnitude is tau +
  // Exp(1).
  double tau = density > 0 ? -std::log(density) : 0;

  std::vector<SparseMatrix::Triplet> entries;
  std::vector<double> magnitudes;
  for (uint32_t r = 0; r < opts.rows; ++r) {
    for (uint32_t c = 0; c < opts.cols; ++c) {
      if (rng.uniform() >= density)
        continue;
      double mag = tau - std::log(1.0 - rng.uniform());
      int64_t sign = (rng.next() >> 63) ? -1 : 1;
      entries.push_back({r, c, sign});
      magnitudes.push_back(mag);
      if (opts.distribution == ValueDistribution::Uniform)
        entries.back().value = sign * int64_t(1 + rng.below(qmax));
    }
  }
  if (opts.distribution != ValueDistribution::Uniform) {
    // Symmetric quantization: the largest magnitude (per tensor or per row)
    // maps to qmax. Survivors never round to zero: pruning already decided they
    // stay.
    std::vector<double> rowMax(opts.rows, 0.0);
    double tensorMax = 0;
    for (size_t i = 0; i < entries.size(); ++i) {
      rowMax[entries[i].row] = std::max(rowMax[entries[i].row], magnitudes[i]);
      tensorMax = std::max(tensorMax, magnitudes[i]);
    }
    bool perChannel = opts.distribution == ValueDistribution::PeakedPerChannel;
    for (size_t i = 0; i < entries.size(); ++i) {
      double scale = (perChannel ? rowMax[entries[i].row] : tensorMax) / qmax;
      int64_t q = std::llround(magnitudes[i] / scale);
      entries[i].value *= std::clamp<int64_t>(q, 1, qmax);
    }
  }
  ElementType type = ElementType::narrowestSigned(-qmax, qmax);
  return SparseMatrix::fromTriplets(opts.rows, opts.cols, std::move(entries),
                                    type);
}
