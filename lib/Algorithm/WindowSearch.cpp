//===- WindowSearch.cpp - Randomized, conflict-aware selection ------------===//
//
// A pair whose operands have few alternatives destroys the fewest other
// sharing opportunities when taken, as min-degree-first does for matchings.
//
//===----------------------------------------------------------------------===//

#include "WindowSearch.h"
#include "Search.h"

#include "cse-sparse/Algorithm/Random.h"

#include "llvm/ADT/STLExtras.h"

using namespace cse_sparse;
using namespace cse_sparse::extraction;

/// The window member to take: lowest operand degree, uniform among ties.
static size_t pickMinDegree(const Search &search, llvm::ArrayRef<Pair> window,
                            const CandidateQueue &queue, Rng &rng) {
  size_t best = 0;
  uint64_t bestScore = UINT64_MAX, ties = 0;
  for (size_t i = 0; i < window.size(); ++i) {
    auto [lhs, rhs] = search.classes().operands(window[i]);
    uint64_t score = uint64_t(queue.degree(lhs)) + queue.degree(rhs);
    if (score < bestScore) {
      bestScore = score;
      best = i;
      ties = 1;
    } else if (score == bestScore && rng.below(++ties) == 0) {
      best = i; // reservoir sampling: uniform among the ties
    }
  }
  return best;
}

void cse_sparse::extraction::runWindowSearch(Search &search, uint64_t seed,
                                             unsigned windowSize) {
  Rng rng(seed);
  CandidateQueue &queue = search.candidates();
  const PairClasses &classes = search.classes();
  llvm::SmallVector<Use, 64> uses;
  // Confirmed classes of count windowLevel, out of the queue but live.
  llvm::SmallVector<Pair, 64> window;
  uint32_t windowLevel = 0;
  auto flush = [&] {
    for (Pair p : window)
      queue.requeue(p, windowLevel);
    window.clear();
  };
  while (!search.outOfTime() && !search.atNodeLimit()) {
    // New pairs (with the node just made) may outrank the window: start it
    // afresh. (Asked on every step, also with an empty window: where the
    // queue's top comes down decides where a threshold raise cuts.)
    uint32_t top = queue.topLevel();
    if (!window.empty() && top > windowLevel)
      flush();
    if (window.empty()) {
      // Only with an empty window: a rescan clears the queue.
      windowLevel = search.scans().nextLevel();
      if (windowLevel == 0)
        break;
    }
    // Fill the window with pairs valid at windowLevel.
    while (window.size() < windowSize && !queue.empty(windowLevel)) {
      Pair p = queue.pop(windowLevel);
      if (search.validate(p, windowLevel, uses))
        window.push_back(p);
    }
    if (window.empty())
      continue;
    size_t best = pickMinDegree(search, window, queue, rng);
    Pair p = window[best];
    window.erase(window.begin() + best);
    search.collectUses(p, uses);
    ResolvedPair c = classes.resolve(p);
    queue.drop(p);
    if (search.gain(c, uses) <= 0)
      continue;
    search.extract(c, uses);
    // Pairs sharing an operand with the extracted one may have lost rows:
    // re-queue them.
    llvm::erase_if(window, [&](Pair o) {
      auto [lhs, rhs] = classes.operands(o);
      bool shares =
          lhs == c.lhs || lhs == c.rhs || rhs == c.lhs || rhs == c.rhs;
      if (shares)
        queue.requeue(o, windowLevel);
      return shares;
    });
  }
  // Stopped by the time limit with a window open: its candidates are simply
  // not taken.
}
