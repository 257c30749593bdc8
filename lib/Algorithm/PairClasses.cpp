//===- PairClasses.cpp - Pair classes under the match mode ----------------===//

#include "PairClasses.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"

using namespace cse_sparse;
using namespace cse_sparse::extraction;

static uint64_t gcd(uint64_t a, uint64_t b) {
  while (b) {
    uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

Ratio cse_sparse::extraction::normalize(int64_t c1, int64_t c2,
                                        MatchMode mode) {
  if (mode == MatchMode::Exact)
    return {c1, c2};
  uint64_t m1 = magnitude(c1), m2 = magnitude(c2);
  constexpr uint64_t kTop = uint64_t(1) << 63;
  if (m1 == kTop || m2 == kTop)
    return {c1, c2};
  int64_t g = int64_t(gcd(m1, m2));
  if (c1 < 0)
    g = -g;
  return {c1 / g, c2 / g};
}

ResolvedPair PairClasses::resolve(Pair p) const {
  const Term &a = index->term(p.lhsTerm), &b = index->term(p.rhsTerm);
  return {a.op, b.op, normalize(a.coef, b.coef, match)};
}

template <typename Fn> void PairClasses::forEachTermPair(Pair p, Fn fn) const {
  if (!scaled()) {
    fn(p.lhsTerm, p.rhsTerm, int64_t(1));
    return;
  }
  ResolvedPair c = resolve(p);
  const Ratio &ratio = c.ratio;
  for (uint32_t a : index->termsOf(c.lhs)) {
    int64_t c1 = index->term(a).coef, rhsCoef;
    if (index->rowsOf(a).empty() || (ratio.p == -1 && c1 == INT64_MIN) ||
        c1 % ratio.p != 0)
      continue;
    int64_t g = c1 / ratio.p;
    if (__builtin_mul_overflow(g, ratio.q, &rhsCoef))
      continue;
    if (auto b = index->findTerm(c.rhs, rhsCoef))
      fn(a, *b, g);
  }
}

uint32_t PairClasses::countRows(Pair p, uint64_t &work) const {
  uint32_t n = 0;
  forEachTermPair(p, [&](uint32_t a, uint32_t b, int64_t) {
    n += index->countCommonRows(a, b, work);
  });
  return n;
}

void PairClasses::collectUses(Pair p, llvm::SmallVectorImpl<Use> &uses) const {
  uses.clear();
  forEachTermPair(p, [&](uint32_t a, uint32_t b, int64_t g) {
    index->forEachCommonRow(a, b, [&](uint32_t row) {
      uses.push_back({row, g});
    });
  });
  if (!scaled())
    return;
  if (filterLoneScales) {
    // Counting operations, a row that needs multiplier |g| >= 2 pays for the
    // product g*t unless another row shares it: keep such rows only in groups
    // of two or more with the same |g|. Group sizes only shrink, so the
    // filtered count stays an upper bound for the queue.
    llvm::SmallDenseMap<uint64_t, uint32_t, 8> perScale;
    for (const Use &u : uses)
      ++perScale[magnitude(u.scale)];
    llvm::erase_if(uses, [&](const Use &u) {
      uint64_t m = magnitude(u.scale);
      return m >= 2 && perScale[m] < 2;
    });
  }
  llvm::sort(uses, [](const Use &u, const Use &v) { return u.row < v.row; });
}
