//===- CandidateQueue.cpp - Pair classes waiting to be taken --------------===//

#include "CandidateQueue.h"

using namespace cse_sparse::extraction;

CandidateQueue::CandidateQueue(uint32_t maxCount, uint32_t numOperands,
                               uint64_t maxCandidates,
                               const PairClasses &classes, bool trackDegrees)
    : buckets(maxCount + 1), numLevels(maxCount + 1),
      maxCandidates(maxCandidates), classes(&classes),
      trackDegrees(trackDegrees) {
  if (trackDegrees)
    degrees.assign(numOperands, 0);
}

void CandidateQueue::insert(Pair p, uint32_t count) {
  ++live;
  peak = std::max(peak, live);
  if (trackDegrees) {
    auto [lhs, rhs] = classes->operands(p);
    ++degrees[lhs];
    ++degrees[rhs];
  }
  push(p, count);
  if (live > maxCandidates)
    raiseThreshold();
}

void CandidateQueue::drop(Pair p) {
  if (trackDegrees) {
    auto [lhs, rhs] = classes->operands(p);
    --degrees[lhs];
    --degrees[rhs];
  }
  --live;
}

/// Keeps memory bounded: drops the lowest buckets until at most half the budget
/// is live. Dropped classes come back through a rescan once the higher ones are
/// used up.
void CandidateQueue::raiseThreshold() {
  uint64_t keep = 0;
  uint32_t level = top;
  while (level > threshold && keep + buckets.size(level) <= maxCandidates / 2)
    keep += buckets.size(level--);
  // The top level always stays: otherwise no pair could ever be taken.
  uint32_t newThreshold = std::min(std::max(level + 1, threshold + 1), top);
  if (newThreshold <= threshold) {
    // Everything stored has one count (say every column of the matrix is the
    // same) and fills the budget alone. Store no more of that count: the
    // stored ones are taken first, and a rescan finds the others.
    capLevel = std::max(capLevel, top);
    return;
  }
  for (uint32_t l = threshold; l < newThreshold && l < numLevels; ++l) {
    buckets.forEach(l, [&](Pair p) { drop(p); });
    buckets.clear(l);
  }
  threshold = newThreshold;
}

void CandidateQueue::clear() {
  for (uint32_t level = 0; level < numLevels; ++level)
    buckets.clear(level);
  std::fill(degrees.begin(), degrees.end(), 0);
  live = 0;
  top = 0;
  capLevel = 0;
}
