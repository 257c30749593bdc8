//===- Search.h - One run of pair extraction over a matrix ------*- C++ -*-===//
//
// Private to lib/Algorithm. The drivers (GreedySearch.h, WindowSearch.h)
// decide which class to take; a Search holds the state they work on and the
// two steps every driver uses: confirming a candidate and extracting it.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_ALGORITHM_SEARCH_H
#define CSE_SPARSE_LIB_ALGORITHM_SEARCH_H

#include "Budget.h"
#include "CandidateQueue.h"
#include "GainModel.h"
#include "PairClasses.h"
#include "PairCounter.h"
#include "Scanner.h"
#include "SearchTypes.h"
#include "TermIndex.h"

#include "llvm/ADT/SmallVector.h"

namespace cse_sparse::extraction {

/// One run over a matrix (greedy's, or one repair's): the index it rewrites,
/// the queue and the scans that fill it. Its parts refer to each other, so it
/// stays where it was built.
class Search {
public:
  /// Starts from `start` (which may hold nodes already). Scans count on up to
  /// `countLanes` lanes; `trackDegrees` keeps the operand degrees the random
  /// window reads.
  Search(const ExtendedCsr &start, const SearchConfig &config,
         unsigned countLanes, bool trackDegrees);
  Search(const Search &) = delete;
  Search &operator=(const Search &) = delete;

  bool outOfTime() const { return config->budget->exhausted(); }
  /// Whether the node budget is spent: no more pairs are taken.
  bool atNodeLimit() const { return index.nodes().size() >= config->maxNodes; }
  const PairClasses &classes() const { return pairClasses; }
  CandidateQueue &candidates() { return queue; }
  Scanner &scans() { return scanner; }

  /// Re-counts `p`, just taken out of the queue at `level`. Returns true if it
  /// still holds `level` rows and is worth extracting (uses filled); otherwise
  /// puts it back at its new count, or drops it, and returns false.
  bool validate(Pair p, uint32_t level, llvm::SmallVectorImpl<Use> &uses);
  void collectUses(Pair p, llvm::SmallVectorImpl<Use> &uses) const {
    pairClasses.collectUses(p, uses);
  }
  int64_t gain(const ResolvedPair &c, llvm::ArrayRef<Use> uses) const {
    return gains.gain(c, uses, index);
  }
  /// Makes `c` a node used by the rows of `uses` and queues the pairs the node
  /// forms in them.
  void extract(const ResolvedPair &c, llvm::ArrayRef<Use> uses);

  ExtendedCsr result() const { return index.toExtendedCsr(type); }

private:
  const SearchConfig *config;
  ElementType type;
  TermIndex index;
  PairClasses pairClasses;
  GainModel gains;
  PairCounter counter;
  CandidateQueue queue;
  Scanner scanner;
};

} // namespace cse_sparse::extraction

#endif // CSE_SPARSE_LIB_ALGORITHM_SEARCH_H
