//===- GreedySearch.h - Most frequent pair first ----------------*- C++ -*-===//
//
// Private to lib/Algorithm. See docs/algorithm.md ("Search": greedy).
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_ALGORITHM_GREEDYSEARCH_H
#define CSE_SPARSE_LIB_ALGORITHM_GREEDYSEARCH_H

namespace cse_sparse::extraction {

class Search;

/// Extracts the most frequent class while one is worth it (deterministic:
/// bucket LIFO order), until the queue is done or the time is up. `search`
/// must have been scanned.
void runGreedy(Search &search);

} // namespace cse_sparse::extraction

#endif // CSE_SPARSE_LIB_ALGORITHM_GREEDYSEARCH_H
