//===- GroupedKernel.cpp - ECSR tables grouped as the kernel reads them ---===//

#include "cse-sparse/Algorithm/GroupedKernel.h"
#include "cse-sparse/Algorithm/KernelSchedule.h"

#include <algorithm>
#include <tuple>

using namespace cse_sparse;

namespace {

GroupKind kindOf(const CseNode &n, uint32_t cols) {
  if (n.lhs >= cols)
    return GroupKind::NodeNode;
  return n.rhs >= cols ? GroupKind::InputNode : GroupKind::InputInput;
}

/// What a group shares: its depth, kind and input-side coefficients. The
/// canonical order sorts nodes by exactly this, so groups are runs.
auto groupKey(const CseNode &n, unsigned depth, uint32_t cols) {
  GroupKind kind = kindOf(n, cols);
  return std::make_tuple(
      depth, kind, kind == GroupKind::NodeNode ? int64_t(1) : n.lhsCoef,
      kind == GroupKind::InputInput ? n.rhsCoef : int64_t(1));
}

void appendNode(GroupedKernel &g, const CseNode &n, uint32_t cols) {
  switch (kindOf(n, cols)) {
  case GroupKind::InputInput:
    g.inputPairs.insert(g.inputPairs.end(), {n.lhs, n.rhs});
    break;
  case GroupKind::InputNode:
    g.mixedInputs.push_back(n.lhs);
    g.mixedNodes.push_back(n.rhs);
    g.mixedCoefs.push_back(n.rhsCoef);
    break;
  case GroupKind::NodeNode:
    g.nodePairs.insert(g.nodePairs.end(), {n.lhs, n.rhs});
    g.nodePairCoefs.insert(g.nodePairCoefs.end(), {n.lhsCoef, n.rhsCoef});
    break;
  }
}

uint32_t tableSize(const GroupedKernel &g, GroupKind kind) {
  switch (kind) {
  case GroupKind::InputInput:
    return g.inputPairs.size() / 2;
  case GroupKind::InputNode:
    return g.mixedNodes.size();
  case GroupKind::NodeNode:
    return g.nodePairs.size() / 2;
  }
  return 0;
}

} // namespace

GroupedKernel cse_sparse::groupKernel(ExtendedCsr e) {
  canonicalizeNodeOrder(e);
  GroupedKernel g;
  std::vector<unsigned> depth = nodeDepths(e);
  for (uint32_t c = 0; c < e.nodes.size(); ++c) {
    const CseNode &n = e.nodes[c];
    g.nodeCoefsStored |= (n.lhs >= e.cols && n.lhsCoef != 1) ||
                         (n.rhs >= e.cols && n.rhsCoef != 1);
    bool extends = c > 0 && groupKey(n, depth[c], e.cols) ==
                                groupKey(e.nodes[c - 1], depth[c - 1], e.cols);
    if (!extends) {
      NodeGroup group;
      group.kind = kindOf(n, e.cols);
      group.first = c;
      group.offset = tableSize(g, group.kind);
      auto [d, kind, lhsCoef, rhsCoef] = groupKey(n, depth[c], e.cols);
      group.lhsCoef = lhsCoef;
      group.rhsCoef = rhsCoef;
      g.groups.push_back(group);
    }
    ++g.groups.back().count;
    appendNode(g, n, e.cols);
  }
  if (!g.nodeCoefsStored) {
    g.mixedCoefs.clear();
    g.nodePairCoefs.clear();
  }
  uint32_t zero = e.cols + e.nodes.size();
  std::vector<uint32_t> unit;
  std::vector<std::pair<uint32_t, int64_t>> scaled;
  for (uint32_t r = 0; r < e.rows; ++r) {
    unit.clear();
    scaled.clear();
    for (uint64_t p = e.rowPtr[r]; p < e.rowPtr[r + 1]; ++p) {
      if (e.coefs[p] == 1)
        unit.push_back(e.operands[p]);
      else
        scaled.push_back({e.operands[p], e.coefs[p]});
    }
    // Whole blocks in Unit: its last inputs move to Scaled. Operands are
    // increasing, so the inputs come first and the moved ones are the
    // last inputs; the rest keep their order.
    unsigned excess = unit.size() % kRowUnroll;
    auto inputsEnd = std::partition_point(
        unit.begin(), unit.end(), [&](uint32_t op) { return op < e.cols; });
    unsigned moved = std::min<unsigned>(excess, inputsEnd - unit.begin());
    for (auto it = inputsEnd - moved; it != inputsEnd; ++it)
      scaled.push_back({*it, 1});
    unit.erase(inputsEnd - moved, inputsEnd);
    while (unit.size() % kRowUnroll)
      unit.push_back(zero);
    while (scaled.size() % kRowUnroll)
      scaled.push_back({0, 0});
    g.refs[Unit].insert(g.refs[Unit].end(), unit.begin(), unit.end());
    for (auto [op, coef] : scaled) {
      g.refs[Scaled].push_back(op);
      g.scaledValues.push_back(coef);
    }
    for (unsigned s = 0; s < kNumRowSegments; ++s)
      g.rowEnd[s].push_back(g.refs[s].size() / kRowUnroll);
  }
  g.ecsr = std::move(e);
  return g;
}

uint64_t cse_sparse::groupedTableBytes(const GroupedKernel &g,
                                       unsigned coefficientBits) {
  auto indexBytes = [](const auto &v) -> uint64_t {
    if (v.empty())
      return 0;
    return v.size() *
           (unsignedIndexBits(std::vector<uint64_t>(v.begin(), v.end())) / 8);
  };
  uint64_t coefBytes = (coefficientBits + 7) / 8;
  uint64_t bytes = indexBytes(g.inputPairs) + indexBytes(g.mixedInputs) +
                   indexBytes(g.mixedNodes) + indexBytes(g.nodePairs) +
                   (g.mixedCoefs.size() + g.nodePairCoefs.size()) * coefBytes;
  for (unsigned s = 0; s < kNumRowSegments; ++s)
    if (!g.refs[s].empty())
      bytes += indexBytes(g.rowEnd[s]);
  bytes += indexBytes(g.refs[Unit]);
  bytes += 2 * g.refs[Scaled].size() * (scaledRecordBits(g) / 8);
  return bytes;
}

bool cse_sparse::isStorable(const GroupedKernel &g) {
  return g.refs[Scaled].empty() || scaledRecordBits(g) != 0;
}

unsigned cse_sparse::scaledRecordBits(const GroupedKernel &g) {
  if (g.refs[Scaled].empty())
    return 0;
  uint32_t maxRef =
      *std::max_element(g.refs[Scaled].begin(), g.refs[Scaled].end());
  auto [lo, hi] =
      std::minmax_element(g.scaledValues.begin(), g.scaledValues.end());
  for (unsigned bits : {8u, 16u, 32u}) {
    int64_t limit = int64_t(1) << (bits - 1);
    if (maxRef < (uint64_t(1) << bits) && *lo >= -limit && *hi < limit)
      return bits;
  }
  return 0;
}

std::vector<int64_t> cse_sparse::evaluateGrouped(const GroupedKernel &g,
                                                 const std::vector<int64_t> &x,
                                                 unsigned accBits) {
  const ExtendedCsr &e = g.ecsr;
  uint32_t n = e.cols;
  // Arithmetic mod 2^64, truncated at the end, as in evaluate().
  std::vector<uint64_t> ext(g.zeroElement() + 1, 0);
  for (uint32_t j = 0; j < n; ++j)
    ext[j] = uint64_t(x[j]);
  for (const NodeGroup &group : g.groups) {
    for (uint32_t i = 0; i < group.count; ++i) {
      uint32_t t = group.offset + i;
      uint64_t lhs = 0, rhs = 0, cl = uint64_t(group.lhsCoef),
               cr = uint64_t(group.rhsCoef);
      switch (group.kind) {
      case GroupKind::InputInput:
        lhs = ext[g.inputPairs[2 * t]];
        rhs = ext[g.inputPairs[2 * t + 1]];
        break;
      case GroupKind::InputNode:
        lhs = ext[g.mixedInputs[t]];
        rhs = ext[g.mixedNodes[t]];
        if (g.nodeCoefsStored)
          cr = uint64_t(g.mixedCoefs[t]);
        break;
      case GroupKind::NodeNode:
        lhs = ext[g.nodePairs[2 * t]];
        rhs = ext[g.nodePairs[2 * t + 1]];
        if (g.nodeCoefsStored) {
          cl = uint64_t(g.nodePairCoefs[2 * t]);
          cr = uint64_t(g.nodePairCoefs[2 * t + 1]);
        }
        break;
      }
      ext[n + group.first + i] = cl * lhs + cr * rhs;
    }
  }
  std::vector<int64_t> y(e.rows);
  for (uint32_t r = 0; r < e.rows; ++r) {
    uint64_t acc = 0;
    for (unsigned s = 0; s < kNumRowSegments; ++s) {
      uint64_t begin = r ? g.rowEnd[s][r - 1] * kRowUnroll : 0;
      for (uint64_t p = begin; p < g.rowEnd[s][r] * kRowUnroll; ++p) {
        uint64_t v = ext[g.refs[s][p]];
        acc += s == Unit ? v : uint64_t(g.scaledValues[p]) * v;
      }
    }
    y[r] = wrapToBits(acc, accBits);
  }
  return y;
}
