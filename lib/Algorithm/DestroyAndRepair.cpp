//===- DestroyAndRepair.cpp - Large-neighbourhood search rounds -----------===//

#include "DestroyAndRepair.h"
#include "Budget.h"
#include "Lanes.h"
#include "Search.h"
#include "WindowSearch.h"

#include "cse-sparse/Algorithm/Random.h"

#include "llvm/ADT/STLExtras.h"

#include <iterator>

using namespace cse_sparse;
using namespace cse_sparse::extraction;

ExtendedCsr cse_sparse::extraction::inlineNodes(const ExtendedCsr &e,
                                                std::vector<bool> destroy) {
  uint32_t n = e.cols;
  size_t k = e.nodes.size();
  auto destroyed = [&](uint32_t op) { return op >= n && destroy[op - n]; };
  // Users follow the nodes they use, so one forward pass closes the set.
  for (size_t c = 0; c < k; ++c)
    if (destroyed(e.nodes[c].lhs) || destroyed(e.nodes[c].rhs))
      destroy[c] = true;
  std::vector<uint32_t> newId(k, 0);
  uint32_t next = n;
  for (size_t c = 0; c < k; ++c)
    if (!destroy[c])
      newId[c] = next++;
  auto rename = [&](uint32_t op) { return op < n ? op : newId[op - n]; };

  using Terms = std::vector<std::pair<uint32_t, int64_t>>;
  std::vector<Terms> expansion(k);
  // Appends coef * e[op], expanded over surviving operands.
  auto append = [&](Terms &out, uint32_t op, int64_t coef) {
    if (!destroyed(op)) {
      out.push_back({rename(op), coef});
      return;
    }
    for (auto [o, v] : expansion[op - n])
      out.push_back({o, int64_t(uint64_t(v) * uint64_t(coef))});
  };
  // Sorts by operand and sums repeats (wrapping, as the kernel would).
  auto canonicalize = [](Terms &t) {
    llvm::sort(t, [](auto &a, auto &b) { return a.first < b.first; });
    Terms merged;
    for (auto [op, v] : t) {
      if (!merged.empty() && merged.back().first == op)
        merged.back().second =
            int64_t(uint64_t(merged.back().second) + uint64_t(v));
      else
        merged.push_back({op, v});
    }
    llvm::erase_if(merged, [](auto &term) { return term.second == 0; });
    t = std::move(merged);
  };

  ExtendedCsr out;
  out.rows = e.rows;
  out.cols = n;
  out.type = e.type;
  for (size_t c = 0; c < k; ++c) {
    const CseNode &node = e.nodes[c];
    if (!destroy[c]) {
      out.nodes.push_back(
          {rename(node.lhs), rename(node.rhs), node.lhsCoef, node.rhsCoef});
      continue;
    }
    append(expansion[c], node.lhs, node.lhsCoef);
    append(expansion[c], node.rhs, node.rhsCoef);
    canonicalize(expansion[c]);
  }
  Terms row;
  for (uint32_t r = 0; r < e.rows; ++r) {
    row.clear();
    for (uint64_t p = e.rowPtr[r]; p < e.rowPtr[r + 1]; ++p)
      append(row, e.operands[p], e.coefs[p]);
    canonicalize(row);
    for (auto [op, v] : row) {
      out.operands.push_back(op);
      out.coefs.push_back(v);
    }
    out.rowPtr.push_back(out.coefs.size());
  }
  return out;
}

namespace {

struct Repair {
  ExtendedCsr result;
  uint64_t peakCandidates = 0;
};

} // namespace

/// One destroy-and-repair step: top-level nodes (used by rows only) are
/// multiplied back into their rows with probability kDestroyFraction, and the
/// freed terms are extracted again with the randomized window selection.
static Repair destroyAndRepair(const ExtendedCsr &current,
                               const SearchConfig &config, uint64_t seed,
                               unsigned window) {
  constexpr double kDestroyFraction = 0.2;
  Rng rng(seed);
  size_t k = current.nodes.size();
  std::vector<bool> usedByNode(k, false), destroy(k, false);
  for (const CseNode &node : current.nodes)
    for (uint32_t op : {node.lhs, node.rhs})
      if (op >= current.cols)
        usedByNode[op - current.cols] = true;
  for (size_t c = 0; c < k; ++c)
    destroy[c] = !usedByNode[c] && rng.uniform() < kDestroyFraction;
  // Repairs run side by side, so each counts on one lane.
  Search repair(inlineNodes(current, destroy), config, /*countLanes=*/1,
                /*trackDegrees=*/true);
  repair.scans().rescan();
  runWindowSearch(repair, rng.next(), window);
  return {repair.result(), repair.candidates().peakCount()};
}

RoundsOutcome cse_sparse::extraction::improveByDestroyAndRepair(
    ExtendedCsr &current, uint64_t &value, const SearchConfig &config,
    uint64_t seed, unsigned effort) {
  // Each round repairs the current result kRepairs ways, with seeds that
  // depend only on (seed, round, j), and keeps the best if it is no worse:
  // the outcome does not depend on how many lanes evaluate the repairs.
  constexpr unsigned kRepairs = 2;
  static const unsigned kWindows[] = {16, 4, 64, 8, 32, 128};
  RoundsOutcome out;
  Repair repaired[kRepairs];
  for (unsigned round = 0; round < effort && !config.budget->exhausted();
       ++round) {
    auto repairOne = [&](unsigned j) {
      uint64_t repairSeed =
          Rng(seed * 0x9e3779b97f4a7c15ULL + round * kRepairs + j).next();
      repaired[j] = destroyAndRepair(
          current, config, repairSeed,
          kWindows[(round * kRepairs + j) % std::size(kWindows)]);
    };
    if (config.lanes->count() >= kRepairs) {
      config.lanes->run(kRepairs, repairOne);
    } else {
      for (unsigned j = 0; j < kRepairs; ++j)
        repairOne(j);
    }
    unsigned bestJ = 0;
    uint64_t bestValue = UINT64_MAX;
    for (unsigned j = 0; j < kRepairs; ++j) {
      out.peakCandidates =
          std::max(out.peakCandidates, repaired[j].peakCandidates);
      uint64_t v = objectiveValue(repaired[j].result, config.objective);
      if (v < bestValue) {
        bestValue = v;
        bestJ = j;
      }
    }
    ++out.rounds;
    // Equal values are accepted too: moving between equally good results
    // lets later rounds reach different neighbourhoods.
    if (bestValue <= value) {
      out.improvements += bestValue < value;
      value = bestValue;
      current = std::move(repaired[bestJ].result);
    }
  }
  return out;
}
