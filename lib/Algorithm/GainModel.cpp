//===- GainModel.cpp - What extracting a pair class saves -----------------===//

#include "GainModel.h"

#include <algorithm>

using namespace cse_sparse;
using namespace cse_sparse::extraction;

GainModel::GainModel(const SearchConfig &config, const ExtendedCsr &start)
    : config(&config), trackProducts(config.match == MatchMode::Scaled &&
                                     config.objective == Objective::Ops) {
  if (tracksGroups())
    for (const CseNode &n : start.nodes)
      nodeCoefficients.insert(coefficientPair(n.lhsCoef, n.rhsCoef));
  if (!trackProducts)
    return;
  for (const CseNode &n : start.nodes) {
    addProduct(n.lhs, n.lhsCoef, +1);
    addProduct(n.rhs, n.rhsCoef, +1);
  }
  for (uint64_t p = 0; p < start.coefs.size(); ++p)
    addProduct(start.operands[p], start.coefs[p], +1);
}

void GainModel::addProduct(uint32_t op, int64_t coef, int delta) {
  if (trackProducts && magnitude(coef) >= 2)
    productUses[{op, magnitude(coef)}] += delta;
}

void GainModel::noteExtraction(const ResolvedPair &c, llvm::ArrayRef<Use> uses,
                               uint32_t node) {
  if (tracksGroups())
    nodeCoefficients.insert(coefficientPair(c.ratio.p, c.ratio.q));
  if (!trackProducts)
    return;
  addProduct(c.lhs, c.ratio.p, +1);
  addProduct(c.rhs, c.ratio.q, +1);
  // Each row held g*p*e[lhs] + g*q*e[rhs] and now holds g*e[node].
  for (const Use &u : uses) {
    addProduct(c.lhs, u.scale * c.ratio.p, -1);
    addProduct(c.rhs, u.scale * c.ratio.q, -1);
    addProduct(node, u.scale, +1);
  }
}

int64_t GainModel::groupedGain(const ResolvedPair &c, llvm::ArrayRef<Use> uses,
                               llvm::function_ref<int64_t(int64_t)> refCost,
                               int64_t nodeCost, int64_t groupCost) const {
  const Ratio &ratio = c.ratio;
  // Each use trades two references for one, of the use's scale.
  int64_t saved = 0;
  for (const Use &u : uses)
    saved += refCost(u.scale * ratio.p) + refCost(u.scale * ratio.q) -
             refCost(u.scale);
  bool newGroup = !nodeCoefficients.contains(coefficientPair(ratio.p, ratio.q));
  return saved - nodeCost - (newGroup ? groupCost : 0);
}

int64_t GainModel::gain(const ResolvedPair &c, llvm::ArrayRef<Use> uses,
                        const TermIndex &index) const {
  int64_t f = uses.size();
  const Ratio &ratio = c.ratio;
  if (config->objective == Objective::EcsrBytes) {
    // Widths as they stand now; the final comparison uses exact sizes. An
    // input reference with coefficient +-1 and a node reference in exact mode
    // store no value (docs/ecsr-format.md).
    int64_t colCse = indexBytes(index.nodes().size());
    int64_t value = config->valueBytes;
    bool exact = config->match == MatchMode::Exact;
    uint32_t numInputs = index.numInputs();
    auto refBytes = [&](uint32_t op, int64_t coef) -> int64_t {
      bool unit = coef == 1 || coef == -1;
      if (op < numInputs)
        return config->colInBytes + (unit ? 0 : value);
      return colCse + (exact ? 0 : value);
    };
    // Each row trades two references for one. The node stores its operands'
    // indices; input-side coefficients live once per group in the directory.
    int64_t saved = 0;
    for (const Use &u : uses)
      saved += refBytes(c.lhs, u.scale * ratio.p) +
               refBytes(c.rhs, u.scale * ratio.q) -
               refBytes(index.numOperands(), u.scale);
    auto nodeSide = [&](uint32_t op, int64_t coef) -> int64_t {
      return op < numInputs ? config->colInBytes : refBytes(op, coef);
    };
    int64_t node = nodeSide(c.lhs, ratio.p) + nodeSide(c.rhs, ratio.q);
    return saved - node;
  }
  if (config->objective == Objective::Bytes) {
    // The grouped tables (GroupedKernel.h), widths as they stand now; the
    // final comparison uses exact sizes. A reference of coefficient 1 is a
    // scratch index; any other an (index, coefficient) record; a node two
    // indices, and a node of new coefficients a loop of code.
    int64_t scratchIndex = indexBytes(index.numOperands() + 1);
    int64_t field = std::max<int64_t>(scratchIndex, config->valueBytes);
    return groupedGain(
        c, uses,
        [&](int64_t coef) { return coef == 1 ? scratchIndex : 2 * field; },
        2 * scratchIndex, kSmallGroupCodeBytes);
  }
  if (config->objective == Objective::Instructions)
    return groupedGain(c, uses, entryCost, kNodeCost, kGroupCost);
  int64_t g = f - 1;
  if (!trackProducts)
    return g;
  // Net change in the number of distinct products with |coef| >= 2.
  llvm::SmallDenseMap<std::pair<uint32_t, uint64_t>, int64_t, 16> net;
  auto note = [&](uint32_t op, int64_t coef, int64_t delta) {
    if (magnitude(coef) >= 2)
      net[{op, magnitude(coef)}] += delta;
  };
  for (const Use &u : uses) {
    note(c.lhs, u.scale * ratio.p, -1);
    note(c.rhs, u.scale * ratio.q, -1);
    note(index.numOperands(), u.scale, +1);
  }
  note(c.lhs, ratio.p, +1);
  note(c.rhs, ratio.q, +1);
  for (auto &[key, delta] : net) {
    auto it = productUses.find(key);
    int64_t before = it == productUses.end() ? 0 : it->second;
    int64_t after = before + delta;
    if (before == 0 && after > 0)
      --g;
    else if (before > 0 && after == 0)
      ++g;
  }
  return g;
}
