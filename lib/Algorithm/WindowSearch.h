//===- WindowSearch.h - Randomized, conflict-aware selection ----*- C++ -*-===//
//
// Private to lib/Algorithm. See docs/algorithm.md ("Search": random, repair).
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_ALGORITHM_WINDOWSEARCH_H
#define CSE_SPARSE_LIB_ALGORITHM_WINDOWSEARCH_H

#include <cstdint>

namespace cse_sparse::extraction {

class Search;

/// Among up to `windowSize` classes confirmed at the highest count, extracts
/// the one whose operands take part in the fewest other candidates (ties
/// broken at random with `seed`), until the queue is done or the time is up.
/// `search` must track degrees and have been scanned.
void runWindowSearch(Search &search, uint64_t seed, unsigned windowSize);

} // namespace cse_sparse::extraction

#endif // CSE_SPARSE_LIB_ALGORITHM_WINDOWSEARCH_H
