//===- Generate.cpp - Synthetic pruned, quantized matrices ----------------===//

#include "cse-sparse/Algorithm/Generate.h"
#include "cse-sparse/Algorithm/MatrixIO.h"
#include "cse-sparse/Algorithm/Random.h"

#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#if __has_include(<unistd.h>)
#include <unistd.h> // sysconf, for the installed memory
#endif

using namespace cse_sparse;

double GenerateOptions::expectedNonzeros() const {
  return std::clamp(density, 0.0, 1.0) * double(rows) * double(cols);
}

namespace {

/// Non-zeros the generator reserves room for: the expected count plus five
/// standard deviations (a binomial exceeds that about once in 3.5 million),
/// never more than every cell.
uint64_t reservedNonzeros(const GenerateOptions &opts) {
  double p = std::clamp(opts.density, 0.0, 1.0);
  double expected = opts.expectedNonzeros();
  double margin = 5 * std::sqrt(expected * (1 - p)) + 16;
  double cells = double(opts.rows) * double(opts.cols);
  return uint64_t(std::min(expected + margin, cells));
}

/// Installed memory, or 0 if the system does not say.
uint64_t physicalMemoryBytes() {
#if defined(_SC_PHYS_PAGES) && defined(_SC_PAGESIZE)
  long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
  if (pages > 0 && pageSize > 0)
    return uint64_t(pages) * uint64_t(pageSize);
#endif
  return 0;
}

std::string gibibytes(double bytes) {
  return llvm::formatv("{0:f1} GiB", bytes / double(uint64_t(1) << 30)).str();
}

/// Cells to skip before the next non-zero when each cell is one with
/// probability p = 1 - exp(logMiss): Geometric(p), by inversion of one
/// uniform. A double, since for tiny densities it may exceed every cell.
double geometricGap(Rng &rng, double logMiss) {
  double u = 1.0 - rng.uniform(); // (0, 1]
  return std::floor(std::log(u) / logMiss);
}

/// Replaces each stored signed magnitude (a double's bits in the int64 slot)
/// by its symmetric quantization, the largest magnitude of [begin, end)
/// mapping to qmax. Survivors never round to zero: pruning already decided
/// they stay.
void quantize(std::vector<int64_t> &values, uint64_t begin, uint64_t end,
              int64_t qmax) {
  auto magnitudeAt = [&](uint64_t i) {
    double d;
    std::memcpy(&d, &values[i], sizeof d);
    return d;
  };
  double largest = 0;
  for (uint64_t i = begin; i < end; ++i)
    largest = std::max(largest, std::fabs(magnitudeAt(i)));
  double scale = largest / double(qmax);
  for (uint64_t i = begin; i < end; ++i) {
    double d = magnitudeAt(i);
    int64_t q = scale > 0 ? std::llround(std::fabs(d) / scale) : 1;
    q = std::clamp<int64_t>(q, 1, qmax);
    values[i] = std::signbit(d) ? -q : q;
  }
}

} // namespace

uint64_t cse_sparse::generationBytes(const GenerateOptions &opts) {
  constexpr uint64_t kBytesPerNonzero = sizeof(uint32_t) + sizeof(int64_t);
  return (uint64_t(opts.rows) + 1) * sizeof(uint64_t) +
         reservedNonzeros(opts) * kBytesPerNonzero;
}

llvm::Expected<SparseMatrix>
cse_sparse::tryGenerateMatrix(const GenerateOptions &opts) {
  auto error = [](const llvm::Twine &msg) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
  };
  if (opts.rows > kMaxMatrixDim || opts.cols > kMaxMatrixDim)
    return error("rows and columns must be at most " +
                 llvm::Twine(kMaxMatrixDim));
  if (!(opts.density >= 0.0 && opts.density <= 1.0))
    return error("density must be in [0, 1]");
  if (opts.levels == 0 && (opts.bits < 2 || opts.bits > 32))
    return error("bits must be in 2..32");
  if (opts.levels > (1u << 31) - 1)
    return error("levels must be below 2^31");
  uint64_t limit =
      opts.memoryLimitBytes ? opts.memoryLimitBytes : physicalMemoryBytes();
  uint64_t bytes = generationBytes(opts);
  if (limit && bytes > limit)
    return error(llvm::formatv(
        "{0}x{1} at density {2} means about {3:e2} non-zeros, which need "
        "{4} of memory; {5} {6}",
        opts.rows, opts.cols, opts.density, opts.expectedNonzeros(),
        gibibytes(double(bytes)),
        opts.memoryLimitBytes ? "the limit is" : "this machine has",
        gibibytes(double(limit))));
  return generateMatrix(opts);
}

SparseMatrix cse_sparse::generateMatrix(const GenerateOptions &opts) {
  Rng rng(opts.seed);
  int64_t qmax = std::max<int64_t>(opts.maxMagnitude(), 1);
  double density = std::clamp(opts.density, 0.0, 1.0);
  bool uniform = opts.distribution == ValueDistribution::Uniform;
  // Laplace(b = 1) weights kept when |w| > tau, tau chosen so P(|w| > tau) =
  // density. The Laplace tail is memoryless, so a survivor's magnitude is tau +
  // Exp(1).
  double tau = density > 0 ? -std::log(density) : 0;
  double logMiss = std::log1p(-density);

  std::vector<uint64_t> rowPtr(uint64_t(opts.rows) + 1, 0);
  std::vector<uint32_t> colIdx;
  std::vector<int64_t> values;
  uint64_t reserve = reservedNonzeros(opts);
  colIdx.reserve(reserve);
  values.reserve(reserve);
  // Walk the cells in row-major order, jumping from one non-zero to the next:
  // the gaps of a Bernoulli(density) sequence are Geometric(density), so time
  // follows the non-zeros, not the cells.
  uint64_t cells = uint64_t(opts.rows) * opts.cols;
  uint64_t pos = 0;
  uint32_t filledRows = 0; // rowPtr[1..filledRows] are final
  while (density > 0 && pos < cells) {
    if (density < 1) {
      double gap = geometricGap(rng, logMiss);
      // Also ends on NaN (0 / -0 for a density below the smallest double).
      if (!(gap < double(cells - pos)))
        break;
      pos += uint64_t(gap);
    }
    uint32_t r = uint32_t(pos / opts.cols), c = uint32_t(pos % opts.cols);
    for (; filledRows < r; ++filledRows)
      rowPtr[filledRows + 1] = values.size();
    ++pos;
    colIdx.push_back(c);
    if (uniform) {
      int64_t sign = (rng.next() >> 63) ? -1 : 1;
      values.push_back(sign * int64_t(1 + rng.below(qmax)));
      continue;
    }
    // The signed magnitude waits in the value's slot until the scale is
    // known: no second array.
    double mag = tau - std::log(1.0 - rng.uniform());
    double signedMag = (rng.next() >> 63) ? -mag : mag;
    int64_t slot;
    std::memcpy(&slot, &signedMag, sizeof slot);
    values.push_back(slot);
  }
  for (; filledRows < opts.rows; ++filledRows)
    rowPtr[filledRows + 1] = values.size();

  if (opts.distribution == ValueDistribution::Peaked)
    quantize(values, 0, values.size(), qmax);
  if (opts.distribution == ValueDistribution::PeakedPerChannel)
    for (uint32_t r = 0; r < opts.rows; ++r)
      quantize(values, rowPtr[r], rowPtr[r + 1], qmax);
  ElementType type = ElementType::narrowestSigned(-qmax, qmax);
  return SparseMatrix::fromCsr(opts.rows, opts.cols, std::move(rowPtr),
                               std::move(colIdx), std::move(values), type);
}
