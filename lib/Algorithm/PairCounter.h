//===- PairCounter.h - Counting the pair classes of an operand --*- C++ -*-===//
//
// Private to lib/Algorithm. See docs/algorithm.md ("Data structures": pair
// counting).
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_ALGORITHM_PAIRCOUNTER_H
#define CSE_SPARSE_LIB_ALGORITHM_PAIRCOUNTER_H

#include "SearchTypes.h"
#include "TermIndex.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <tuple>
#include <vector>

namespace cse_sparse::extraction {

/// Dense per-term counters and the list of those touched (room for every term
/// and one more: each is listed once per count, and the list is written one
/// ahead): one per counting lane.
struct CountScratch {
  std::vector<uint32_t> counts;
  std::vector<uint32_t> touched;
  /// Counter increments so far: the cost of the counts it made.
  uint64_t work = 0;
};

/// Counts the pair classes one operand forms with the others in its rows:
/// for each of its terms, walks the term's rows and bumps a counter per
/// partner term, then reads and clears the touched counters. No hash map on
/// the hot path; scaled mode merges the operand's per-term counts into its
/// classes. Reads the index only, so lanes may count different operands at
/// once, each with its own scratch.
class PairCounter {
public:
  PairCounter(MatchMode match, const TermIndex &index)
      : scaled(match == MatchMode::Scaled), index(&index) {}

  /// Counts the classes of operand `op` with the operands after it (forward)
  /// or before it, and calls emit(pair, count) for each class seen in at
  /// least minCount rows, in an order that depends only on the index.
  template <typename Fn>
  void count(uint32_t op, bool forward, uint32_t minCount,
             CountScratch &scratch, Fn emit) const;

private:
  bool scaled;
  const TermIndex *index;
};

template <typename Fn>
void PairCounter::count(uint32_t op, bool forward, uint32_t minCount,
                        CountScratch &scratch, Fn emit) const {
  if (scratch.counts.size() < index->numTerms()) {
    scratch.counts.resize(index->numTerms(), 0);
    scratch.touched.resize(index->numTerms() + 1);
  }
  // Raw pointers and a local length: the compiler keeps them in registers
  // through the counting loop, which a vector's push_back would not allow.
  uint32_t *counter = scratch.counts.data();
  uint32_t *touched = scratch.touched.data();
  // Scaled classes merge across the operand's coefficients, so they are summed
  // here, in first-seen order (deterministic, unlike DenseMap iteration); the
  // first term pair seen stands for the class.
  using ClassKey = std::tuple<uint32_t, int64_t, int64_t>;
  llvm::DenseMap<ClassKey, uint32_t> mergedIndex;
  llvm::SmallVector<CountedPair> merged;
  for (uint32_t own : index->termsOf(op)) {
    // An exact class is one term pair, so a term in fewer rows than minCount
    // cannot reach it (scaled classes sum over the operand's terms).
    if (!scaled && index->rowsOf(own).size() < minCount)
      continue;
    uint32_t numTouched = 0;
    for (uint32_t r : index->rowsOf(own)) {
      llvm::ArrayRef<Entry> row = index->row(r);
      auto pos =
          std::lower_bound(row.begin(), row.end(), op,
                           [](const Entry &e, uint32_t v) { return e.op < v; });
      auto begin = forward ? pos + 1 : row.begin();
      auto end = forward ? row.end() : pos;
      scratch.work += end - begin;
      for (auto it = begin; it != end; ++it) {
        // Branch-free: whether a term is new is not predictable.
        uint32_t t = it->term;
        touched[numTouched] = t;
        numTouched += counter[t]++ == 0;
      }
    }
    int64_t ownCoef = index->term(own).coef;
    for (uint32_t k = 0; k < numTouched; ++k) {
      uint32_t partner = touched[k];
      uint32_t count = counter[partner];
      counter[partner] = 0;
      Pair pair = forward ? Pair{own, partner} : Pair{partner, own};
      if (!scaled) {
        if (count >= minCount)
          emit(pair, count);
        continue;
      }
      const Term &pt = index->term(partner);
      Ratio r = forward ? normalize(ownCoef, pt.coef, MatchMode::Scaled)
                        : normalize(pt.coef, ownCoef, MatchMode::Scaled);
      auto [it, inserted] =
          mergedIndex.try_emplace({pt.op, r.p, r.q}, merged.size());
      if (inserted)
        merged.push_back({pair, 0});
      merged[it->second].count += count;
    }
  }
  for (const CountedPair &c : merged)
    if (c.count >= minCount)
      emit(c.pair, c.count);
}

} // namespace cse_sparse::extraction

#endif // CSE_SPARSE_LIB_ALGORITHM_PAIRCOUNTER_H
