//===- CandidateQueue.h - Pair classes waiting to be taken ------*- C++ -*-===//
//
// Private to lib/Algorithm. See docs/algorithm.md ("Data structures":
// candidate queue, memory bound).
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_ALGORITHM_CANDIDATEQUEUE_H
#define CSE_SPARSE_LIB_ALGORITHM_CANDIDATEQUEUE_H

#include "PairClasses.h"
#include "PairStacks.h"
#include "SearchTypes.h"

#include <algorithm>
#include <vector>

namespace cse_sparse::extraction {

/// A bucket queue of pair classes keyed by an upper bound of their row count,
/// within a budget of live candidates. A class sits in the bucket of its count
/// (LIFO within a bucket), so the count is not stored: 8 bytes a candidate.
/// Classes below the admission count are refused; past the budget the
/// threshold rises, dropping the lowest buckets, or, when every stored class
/// has the same count, that count is capped.
///
/// Optionally tracks each operand's degree: the number of live candidates it
/// takes part in (the random window's selection rule).
class CandidateQueue {
public:
  /// Counts go up to `maxCount` (the number of rows).
  CandidateQueue(uint32_t maxCount, uint32_t numOperands,
                 uint64_t maxCandidates, const PairClasses &classes,
                 bool trackDegrees);

  /// Smallest count a new class needs to be stored.
  uint32_t admissionCount() const { return std::max(threshold, capLevel + 1); }
  uint32_t countThreshold() const { return threshold; }
  void setThreshold(uint32_t t) { threshold = t; }
  /// Some count is capped: no more classes of it or lower are stored until
  /// the queue is cleared.
  bool capped() const { return capLevel != 0; }

  /// Stores a newly counted class if its count is admitted.
  void add(Pair p, uint32_t count) {
    if (count >= admissionCount())
      insert(p, count);
  }
  /// Puts back a live class taken out with pop(), at its (new) count.
  void requeue(Pair p, uint32_t count) { push(p, count); }
  /// Forgets a live class taken out with pop().
  void drop(Pair p);

  /// Highest non-empty level, or a level below 2 when there is none.
  uint32_t topLevel() {
    while (top >= 2 && buckets.empty(top))
      --top;
    return top;
  }
  bool empty(uint32_t level) const { return buckets.empty(level); }
  /// Takes the newest class of `level` out (it stays live).
  Pair pop(uint32_t level) { return buckets.pop(level); }

  /// Empties the queue (keeping capacities: refilled right away).
  void clear();
  /// Makes room for the degree of a new operand.
  void addOperand() {
    if (trackDegrees)
      degrees.push_back(0);
  }
  uint32_t degree(uint32_t op) const { return degrees[op]; }
  uint64_t liveCount() const { return live; }
  /// Most classes live at once.
  uint64_t peakCount() const { return peak; }

private:
  void insert(Pair p, uint32_t count);
  void push(Pair p, uint32_t count) {
    buckets.push(count, p);
    top = std::max(top, count);
  }
  void raiseThreshold();

  PairStacks buckets;
  uint32_t numLevels;
  uint32_t top = 0;
  /// Every class with a count >= threshold is stored (counts as upper
  /// bounds), except those refused at or below capLevel.
  uint32_t threshold = 2;
  /// Non-zero when every stored class had the same count and alone filled
  /// the budget.
  uint32_t capLevel = 0;
  uint64_t maxCandidates;
  uint64_t live = 0, peak = 0;
  const PairClasses *classes;
  bool trackDegrees;
  std::vector<uint32_t> degrees;
};

} // namespace cse_sparse::extraction

#endif // CSE_SPARSE_LIB_ALGORITHM_CANDIDATEQUEUE_H
