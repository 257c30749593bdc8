//===- PairClasses.h - Pair classes under the match mode --------*- C++ -*-===//
//
// Private to lib/Algorithm. See docs/algorithm.md ("Problem": matching modes).
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_ALGORITHM_PAIRCLASSES_H
#define CSE_SPARSE_LIB_ALGORITHM_PAIRCLASSES_H

#include "SearchTypes.h"
#include "TermIndex.h"

#include "llvm/ADT/SmallVector.h"

namespace cse_sparse::extraction {

/// What a stored Pair means under the match mode, and the rows that hold it:
/// an exact class is its two terms; a scaled class is every term pair of the
/// same two operands whose coefficients reduce to the same ratio.
class PairClasses {
public:
  /// With `filterLoneScales` (scaled matching under the ops objective) a row
  /// needing a multiplier |g| >= 2 counts only together with another row of
  /// the same |g|.
  PairClasses(MatchMode match, bool filterLoneScales, const TermIndex &index)
      : match(match), filterLoneScales(filterLoneScales), index(&index) {}

  bool scaled() const { return match == MatchMode::Scaled; }

  /// The operands of a pair: cheap in either mode.
  std::pair<uint32_t, uint32_t> operands(Pair p) const {
    return {index->term(p.lhsTerm).op, index->term(p.rhsTerm).op};
  }
  ResolvedPair resolve(Pair p) const;

  /// Rows holding the class (before the lone-scale filter, which can only
  /// lower it); adds the words and list entries read to `work`.
  uint32_t countRows(Pair p, uint64_t &work) const;
  /// The rows holding the class, sorted, with each row's scale.
  void collectUses(Pair p, llvm::SmallVectorImpl<Use> &uses) const;

private:
  /// Calls fn(lhsTerm, rhsTerm, scale) for each term pair in the class.
  template <typename Fn> void forEachTermPair(Pair p, Fn fn) const;

  MatchMode match;
  bool filterLoneScales;
  const TermIndex *index;
};

} // namespace cse_sparse::extraction

#endif // CSE_SPARSE_LIB_ALGORITHM_PAIRCLASSES_H
