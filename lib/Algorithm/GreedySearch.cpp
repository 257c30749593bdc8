//===- GreedySearch.cpp - Most frequent pair first ------------------------===//

#include "GreedySearch.h"
#include "Search.h"

using namespace cse_sparse::extraction;

void cse_sparse::extraction::runGreedy(Search &search) {
  CandidateQueue &queue = search.candidates();
  llvm::SmallVector<Use, 64> uses;
  while (!search.outOfTime() && !search.atNodeLimit()) {
    uint32_t level = search.scans().nextLevel();
    if (!level)
      break;
    Pair p = queue.pop(level);
    if (!search.validate(p, level, uses))
      continue;
    ResolvedPair pair = search.classes().resolve(p);
    queue.drop(p);
    search.extract(pair, uses);
  }
}
