//===- SearchTypes.h - Vocabulary of the extraction search ------*- C++ -*-===//
//
// Private to lib/Algorithm. The vocabulary of the search (docs/algorithm.md,
// "Data structures"): row entries, terms, pair classes and their row uses, and
// the static facts of one extraction.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_ALGORITHM_SEARCHTYPES_H
#define CSE_SPARSE_LIB_ALGORITHM_SEARCHTYPES_H

#include "cse-sparse/Algorithm/Extraction.h"

#include <cstdint>

namespace cse_sparse::extraction {

class Budget;
class Lanes;

inline uint64_t magnitude(int64_t v) {
  return v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v);
}

/// A coefficient pair reduced to its match class: (p, q) with c1 = g*p, c2 =
/// g*q.
struct Ratio {
  int64_t p, q;
};

/// Normalizes (c1, c2): identity in exact mode; in scaled mode divides by g =
/// sign(c1) * gcd(|c1|, |c2|) so that p > 0. Magnitudes of 2^63 are left
/// unscaled (g = 1) because their quotient would not be representable.
Ratio normalize(int64_t c1, int64_t c2, MatchMode mode);

/// One entry of a row: an operand and the id of its (operand, coefficient)
/// term.
struct Entry {
  uint32_t op;
  uint32_t term;
};

struct Term {
  uint32_t op;
  int64_t coef;
};

/// A pair class as the queue stores it: two terms, the left one of the
/// smaller operand. In exact mode the class is exactly that term pair; in
/// scaled mode the pair stands for every term pair with the same operands and
/// reduced ratio (term ids are never reused, so the representative stays
/// valid). The class's row count is the bucket it sits in.
struct Pair {
  uint32_t lhsTerm, rhsTerm;
};

/// A pair with its row count, as counting finds it.
struct CountedPair {
  Pair pair;
  uint32_t count;
};

/// A pair class with its operands and reduced coefficients spelled out.
struct ResolvedPair {
  uint32_t lhs, rhs;
  Ratio ratio;
};

/// A row holding a class, and the factor g its terms carry (1 when exact).
struct Use {
  uint32_t row;
  int64_t scale;
};

/// Static facts of one extraction, shared by every search it runs.
struct SearchConfig {
  MatchMode match;
  Objective objective;
  uint64_t maxCandidates;
  /// ECSR widths of an input column index and of a value (bytes objective).
  unsigned colInBytes, valueBytes;
  /// Most nodes a result may hold (ExtractOptions::maxNodes; no bound is
  /// UINT64_MAX).
  uint64_t maxNodes;
  const Budget *budget;
  /// Where parallel work runs (counting lanes, concurrent repairs).
  Lanes *lanes;
};

} // namespace cse_sparse::extraction

#endif // CSE_SPARSE_LIB_ALGORITHM_SEARCHTYPES_H
