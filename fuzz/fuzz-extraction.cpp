//===- fuzz-extraction.cpp - extraction on fuzzed small matrices ----------===//
//
// The bytes choose a small matrix, the options and an input vector; the
// extracted form, its encoding and the kernel schedule must all compute
// exactly W*x (two's-complement wrap at 32 and 16 bits), or the target aborts.

#include "cse-sparse/Algorithm/Extraction.h"
#include "cse-sparse/Algorithm/KernelSchedule.h"

#include <cstdlib>

using namespace cse_sparse;

namespace {
struct Bytes {
  const uint8_t *data;
  size_t size, pos = 0;
  uint8_t next() { return pos < size ? data[pos++] : 0; }
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Bytes in{data, size};
  uint32_t rows = 1 + in.next() % 24, cols = 1 + in.next() % 24;
  uint8_t flags = in.next();
  ExtractOptions opts;
  opts.algorithm =
      flags & 1 ? SearchAlgorithm::Greedy : SearchAlgorithm::Random;
  opts.match = !(flags & 2) ? MatchMode::Exact
               : flags & 32 ? MatchMode::Best
                            : MatchMode::Scaled;
  opts.objective = flags & 4    ? Objective::Bytes
                   : flags & 8  ? Objective::Instructions
                   : flags & 64 ? Objective::EcsrBytes
                                : Objective::Ops;
  opts.effort = (flags >> 4) % 3;
  opts.seed = in.next();
  opts.threads = 1;
  opts.maxNodes = flags & 128 ? 1 + opts.seed % 8 : 0;
  // Values: mostly small so pairs repeat, sometimes extreme.
  std::vector<int64_t> dense(uint64_t(rows) * cols);
  for (int64_t &v : dense) {
    uint8_t b = in.next();
    if (b < 128)
      v = 0;
    else if (b < 250)
      v = int64_t(b % 9) - 4;
    else
      v = b & 1 ? INT32_MAX : INT32_MIN;
  }
  SparseMatrix m = SparseMatrix::fromDense(rows, cols, dense, {32, true});
  ExtractionResult r = extractCse(m, opts);
  if (r.ecsr.verify())
    std::abort();
  if (opts.maxNodes && r.ecsr.nodes.size() > opts.maxNodes)
    std::abort();
  auto decoded = decodeEcsr(encodeEcsr(r.ecsr));
  if (!decoded || !(*decoded == r.ecsr))
    std::abort();
  std::vector<int64_t> x(cols);
  for (int64_t &v : x)
    v = int64_t(int8_t(in.next()));
  for (unsigned bits : {32u, 16u}) {
    std::vector<int64_t> expected = multiplyReference(m, x, bits);
    if (evaluate(r.ecsr, x, bits) != expected)
      std::abort();
    for (NodeSchedule mode : {NodeSchedule::Upfront, NodeSchedule::PerRow})
      if (evaluateSchedule(scheduleKernel(r.ecsr, mode), r.ecsr, x, bits) !=
          expected)
        std::abort();
  }
  return 0;
}
