//===- Extraction.cpp - Common two-term subexpression extraction ----------===//
//
// The entry point: greedy, then rounds of destroy-and-repair, then the
// comparison with the plain matrix. The search itself lives in the private
// headers beside this file; docs/algorithm.md ("Structure") maps them.
//
//===----------------------------------------------------------------------===//

#include "cse-sparse/Algorithm/Extraction.h"
#include "Budget.h"
#include "DestroyAndRepair.h"
#include "GreedySearch.h"
#include "Lanes.h"
#include "Search.h"
#include "cse-sparse/Algorithm/GroupedKernel.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/ThreadPool.h"

#include <algorithm>
#include <chrono>
#include <thread>

using namespace cse_sparse;
using namespace cse_sparse::extraction;

uint64_t cse_sparse::shippedBytes(const ExtendedCsr &ecsr) {
  GroupedKernel g = groupKernel(ecsr);
  auto [lo, hi] = ecsr.coefficientRange();
  uint64_t bytes =
      groupedTableBytes(g, ElementType::narrowestSigned(lo, hi).bits);
  for (const NodeGroup &group : g.groups)
    bytes += group.count < kRowUnroll ? kSmallGroupCodeBytes : kGroupCodeBytes;
  return bytes;
}

uint64_t cse_sparse::objectiveValue(const ExtendedCsr &ecsr,
                                    Objective objective) {
  switch (objective) {
  case Objective::Ops:
    return countOps(ecsr).total();
  case Objective::Bytes:
    return shippedBytes(ecsr);
  case Objective::EcsrBytes:
    return computeEcsrSizes(ecsr).total();
  case Objective::Instructions: {
    uint64_t cost = uint64_t(kNodeCost) * ecsr.nodes.size();
    for (int64_t coef : ecsr.coefs)
      cost += entryCost(coef);
    llvm::DenseSet<std::pair<int64_t, int64_t>> pairs;
    for (const CseNode &n : ecsr.nodes)
      pairs.insert(coefficientPair(n.lhsCoef, n.rhsCoef));
    return cost + uint64_t(kGroupCost) * pairs.size();
  }
  }
  return 0;
}

/// Lanes for parallel work: `threads`, or with 0 one per hardware thread (the
/// pool's, when there is one).
static unsigned laneCount(const ExtractOptions &options) {
  // More than a handful would only add start-up cost to the counts.
  constexpr unsigned kMaxLanes = 64;
  unsigned n = options.threads;
  if (!n)
    n = options.threadPool ? options.threadPool->getMaxConcurrency()
                           : std::thread::hardware_concurrency();
  return std::clamp(n, 1u, kMaxLanes);
}

/// Greedy's trajectory from the plain matrix. It runs alone, so its counting
/// passes may use every lane; it never reads operand degrees.
static ExtendedCsr greedyResult(const ExtendedCsr &plain,
                                const SearchConfig &config,
                                uint64_t &peakCandidates) {
  Search greedy(plain, config, config.lanes->count(),
                /*trackDegrees=*/false);
  greedy.scans().rescan();
  runGreedy(greedy);
  peakCandidates = greedy.candidates().peakCount();
  return greedy.result();
}

/// MatchMode::Best: both searches, the lower objective kept. Deterministic
/// like each of them.
static ExtractionResult extractBest(const SparseMatrix &matrix,
                                    const ExtractOptions &options) {
  ExtractOptions one = options;
  one.match = MatchMode::Exact;
  ExtractionResult exact = extractCse(matrix, one);
  one.match = MatchMode::Scaled;
  ExtractionResult scaled = extractCse(matrix, one);
  double seconds = exact.seconds + scaled.seconds;
  uint64_t peak = std::max(exact.peakCandidates, scaled.peakCandidates);
  bool timedOut = exact.timedOut || scaled.timedOut;
  ExtractionResult kept =
      scaled.objective < exact.objective ? std::move(scaled) : std::move(exact);
  kept.seconds = seconds;
  kept.peakCandidates = peak;
  kept.timedOut = timedOut;
  return kept;
}

ExtractionResult cse_sparse::extractCse(const SparseMatrix &matrix,
                                        const ExtractOptions &options) {
  if (options.match == MatchMode::Best)
    return extractBest(matrix, options);
  auto start = std::chrono::steady_clock::now();
  Budget budget(options.timeLimitSeconds);
  Lanes lanes(options.threadPool, laneCount(options));
  auto [lo, hi] = matrix.valueRange();
  SearchConfig config{options.match,
                      options.objective,
                      std::max<uint64_t>(options.maxCandidates, 1024),
                      indexBytes(matrix.cols() ? matrix.cols() - 1 : 0),
                      valueBytes(lo, hi),
                      options.maxNodes ? options.maxNodes : UINT64_MAX,
                      &budget,
                      &lanes};

  ExtractionResult out;
  out.match = options.match;
  out.ecsr = ExtendedCsr::fromMatrix(matrix);
  out.objective = out.objectiveWithout =
      objectiveValue(out.ecsr, options.objective);

  // Both algorithms start with greedy's trajectory, so random search never
  // does worse than the baseline.
  ExtendedCsr current = greedyResult(out.ecsr, config, out.peakCandidates);
  uint64_t value = objectiveValue(current, options.objective);
  if (options.algorithm == SearchAlgorithm::Random) {
    RoundsOutcome rounds = improveByDestroyAndRepair(
        current, value, config, options.seed, options.effort);
    out.rounds = rounds.rounds;
    out.improvements = rounds.improvements;
    out.peakCandidates = std::max(out.peakCandidates, rounds.peakCandidates);
  }

  // Strictly lower only: CSEs must pay for themselves.
  if (value < out.objective) {
    out.objective = value;
    out.ecsr = std::move(current);
    canonicalizeNodeOrder(out.ecsr);
  }
  out.timedOut = budget.wasExhausted();
  out.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return out;
}

ExtractionReport cse_sparse::makeReport(const SparseMatrix &matrix,
                                        const ExtractionResult &result) {
  ExtractionReport r;
  r.rows = matrix.rows();
  r.cols = matrix.cols();
  r.nnz = matrix.nnz();
  r.distinctValues = matrix.distinctValues();
  ExtendedCsr plain = ExtendedCsr::fromMatrix(matrix);
  r.before = countOps(plain);
  r.after = countOps(result.ecsr);
  r.cses = result.ecsr.nodes.size();
  r.residualNnz = result.ecsr.nnz();
  r.depth = adderTreeDepth(result.ecsr);
  r.csrBytes = plainCsrBytes(matrix);
  r.ecsrBytesWithoutCses = computeEcsrSizes(plain).total();
  r.ecsrBytes = computeEcsrSizes(result.ecsr).total();
  r.seconds = result.seconds;
  return r;
}
