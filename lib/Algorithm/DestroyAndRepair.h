//===- DestroyAndRepair.h - Large-neighbourhood search rounds ---*- C++ -*-===//
//
// Private to lib/Algorithm. See docs/algorithm.md ("Search": random).
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_ALGORITHM_DESTROYANDREPAIR_H
#define CSE_SPARSE_LIB_ALGORITHM_DESTROYANDREPAIR_H

#include "SearchTypes.h"

#include "cse-sparse/Algorithm/ExtendedCsr.h"

#include <vector>

namespace cse_sparse::extraction {

/// Multiplies the nodes marked in `destroy`, and every node that uses one of
/// them, back into the rows. Surviving nodes keep their order (so stay
/// topological) and are renumbered densely.
ExtendedCsr inlineNodes(const ExtendedCsr &e, std::vector<bool> destroy);

struct RoundsOutcome {
  unsigned rounds = 0, improvements = 0;
  uint64_t peakCandidates = 0;
};

/// Up to `effort` rounds of destroy-and-repair on `current`, whose objective
/// value is `value`: each round repairs it two ways (on two lanes when there
/// are two) and keeps the better repair if it is no worse. Stops early when
/// the budget runs out. Deterministic for a given `seed`.
RoundsOutcome improveByDestroyAndRepair(ExtendedCsr &current, uint64_t &value,
                                        const SearchConfig &config,
                                        uint64_t seed, unsigned effort);

} // namespace cse_sparse::extraction

#endif // CSE_SPARSE_LIB_ALGORITHM_DESTROYANDREPAIR_H
