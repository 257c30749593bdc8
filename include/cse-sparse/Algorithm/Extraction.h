//===- Extraction.h - Common two-term subexpression extraction --*- C++ -*-===//
//
// Finds two-term subexpressions c1*e[j] + c2*e[k] shared by rows of a constant
// matrix and rewrites the matrix as an adder tree plus extended CSR. The
// algorithm and its cost are described in docs/algorithm.md.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_ALGORITHM_EXTRACTION_H
#define CSE_SPARSE_ALGORITHM_EXTRACTION_H

#include "cse-sparse/Algorithm/ExtendedCsr.h"
#include "cse-sparse/Algorithm/SparseMatrix.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace llvm {
class ThreadPoolInterface;
} // namespace llvm

namespace cse_sparse {

enum class SearchAlgorithm {
  /// Greedy, then rounds of destroy-and-repair: random parts of the adder tree
  /// are multiplied back out and re-extracted with randomized, conflict-aware
  /// choices (docs/algorithm.md).
  Random,
  /// Most frequent pair first, deterministic: the quality baseline.
  Greedy,
};

enum class MatchMode {
  /// A pair matches only with identical coefficients (j, c1, k, c2).
  Exact,
  /// A pair matches up to a common factor g = sign * gcd; the row keeps g.
  Scaled,
  /// Both searches; the result with the lower objective value is kept (exact
  /// on a tie). Each search has the whole time limit.
  Best,
};

enum class Objective {
  /// Additions + multiplications of one matrix-vector product (see OpCounts).
  Ops,
  /// Bytes the generated kernel ships: the grouped tables
  /// (groupedTableBytes) and an estimate of the node loops' code
  /// (shippedBytes).
  Bytes,
  /// Bytes of the ECSR v1 interchange format (computeEcsrSizes), which no
  /// kernel reads: what `cse-sparse extract` reports as the format's size.
  EcsrBytes,
  /// Instructions of the generated Cortex-M kernel (the grouped tables), in
  /// hundredths: entryCost per row entry (an entry of coefficient 1 needs no
  /// multiply), kNodeCost per node and kGroupCost per distinct node
  /// coefficient pair. A node replacing references of coefficient 1 pays for
  /// itself from three uses on, one replacing scaled references from two
  /// once its coefficient pair has a group.
  Instructions,
};

/// Hundredths of an instruction per row entry of coefficient 1 and of any
/// other coefficient, and per node, of the Cortex-M4 grouped kernel
/// (least-squares fit to qemu counts, docs/cost-model.md).
constexpr int64_t kUnitEntryCost = 346, kScaledEntryCost = 460, kNodeCost = 921;
/// The price of a node whose coefficient pair no node had: its group's loop
/// (its setup, and 30-110 bytes of code).
constexpr int64_t kGroupCost = 1000;
/// Thumb-2 code of one node group's loop, unrolled by four (a group of fewer
/// nodes is straight code), measured on the Cortex-M4 build.
constexpr int64_t kSmallGroupCodeBytes = 30, kGroupCodeBytes = 110;
/// What the group count keys nodes on: their coefficients in either order
/// (renumbering nodes may swap a node's operands).
constexpr std::pair<int64_t, int64_t> coefficientPair(int64_t a, int64_t b) {
  return a <= b ? std::pair{a, b} : std::pair{b, a};
}
constexpr int64_t entryCost(int64_t coef) {
  return coef == 1 ? kUnitEntryCost : kScaledEntryCost;
}

struct ExtractOptions {
  SearchAlgorithm algorithm = SearchAlgorithm::Random;
  MatchMode match = MatchMode::Exact;
  Objective objective = Objective::Ops;
  uint64_t seed = 1;
  /// Random search: rounds of destroy-and-repair after greedy's trajectory.
  unsigned effort = 4;
  /// Parallel lanes for greedy's counting passes and the repairs of a round
  /// (0: one per hardware thread, or the pool's concurrency with a pool; at
  /// most 64 are used). The result does not depend on it.
  unsigned threads = 0;
  /// Where the parallel work runs: tasks of this pool (the MLIR context's,
  /// say), in a task group of their own, with the calling thread taking a
  /// share; an extraction running as a task of the same pool does not
  /// deadlock. Null: threads of the extraction's own. The result does not
  /// depend on it.
  llvm::ThreadPoolInterface *threadPool = nullptr;
  /// Bound on stored pair candidates of one search (values below 1024 count
  /// as 1024); beyond it the count threshold rises, or, when every stored
  /// candidate has the same count, no more of that count are taken, and the
  /// remaining pairs are found again by a rescan once the stored ones are used
  /// up. Memory for candidates stays within about 16 bytes times the
  /// bound per search, and a moderate bound is also faster (docs/algorithm.md,
  /// "Worst cases and budgets").
  uint64_t maxCandidates = uint64_t(1) << 22;
  /// Most nodes the result may hold (0: no bound). Every node of the
  /// grouped kernel has its own scratch slot, so this bounds the scratch:
  /// N + maxNodes + 1 elements. The search stops taking pairs at the bound;
  /// the most frequent come first.
  uint64_t maxNodes = 0;
  /// Wall-clock budget in seconds (0: none). When it runs out the search stops
  /// between two steps and returns the best result so far, which is as exact
  /// as any (every intermediate result computes W*x); greedy may be cut short,
  /// leaving the rest of the matrix uncompressed. With a limit the result can
  /// depend on machine speed and load; without one it does not.
  double timeLimitSeconds = 0;
};

struct ExtractionResult {
  ExtendedCsr ecsr;
  /// The matching of the kept result: exact or scaled (MatchMode::Best
  /// reports the search that won).
  MatchMode match = MatchMode::Exact;
  /// Destroy-and-repair rounds run, and how many of them lowered the objective.
  unsigned rounds = 0, improvements = 0;
  /// Objective value of the kept result, and of the matrix without CSEs.
  uint64_t objective = 0, objectiveWithout = 0;
  double seconds = 0;
  /// The time limit stopped the search before it finished (the result is
  /// still exact, possibly less compressed).
  bool timedOut = false;
  /// Most candidates one search held at once: maxCandidates + 1 at most
  /// (with the bound raised to 1024).
  uint64_t peakCandidates = 0;
};

/// Extracts CSEs from `matrix`. Deterministic without a time limit: the same
/// matrix and options give the same result, whatever the thread count.
ExtractionResult extractCse(const SparseMatrix &matrix,
                            const ExtractOptions &options);

/// What the Bytes objective minimizes: the grouped kernel's tables for
/// `ecsr` and kSmallGroupCodeBytes or kGroupCodeBytes per node group.
uint64_t shippedBytes(const ExtendedCsr &ecsr);

/// The value `objective` assigns to an extended CSR.
uint64_t objectiveValue(const ExtendedCsr &ecsr, Objective objective);

/// Every figure the reports print, for one extraction.
struct ExtractionReport {
  uint32_t rows = 0, cols = 0;
  uint64_t nnz = 0, distinctValues = 0;
  uint64_t cses = 0, residualNnz = 0;
  OpCounts before, after;
  unsigned depth = 0;
  /// ECSR bytes of the result; of the matrix in ECSR form without nodes (what
  /// the layout alone saves); and of standard CSR (docs/ecsr-format.md).
  uint64_t ecsrBytes = 0, ecsrBytesWithoutCses = 0, csrBytes = 0;
  double seconds = 0;
  double bytesRatio() const {
    return csrBytes ? double(ecsrBytes) / double(csrBytes) : 1.0;
  }
};
ExtractionReport makeReport(const SparseMatrix &matrix,
                            const ExtractionResult &result);

} // namespace cse_sparse

#endif // CSE_SPARSE_ALGORITHM_EXTRACTION_H
