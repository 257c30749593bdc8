//===- KernelSchedule.cpp - evaluation order and scratch slots ------------===//

#include "cse-sparse/Algorithm/KernelSchedule.h"
#include "SearchTypes.h"

#include <algorithm>
#include <functional>
#include <queue>

using namespace cse_sparse;

namespace {

constexpr uint32_t kNone = ~uint32_t(0);

/// Appends `node` and the nodes it depends on, operands first, to `order`
/// unless already there (iterative: trees can be deep).
void scheduleNode(const ExtendedCsr &e, uint32_t node,
                  std::vector<bool> &scheduled, std::vector<uint32_t> &order) {
  std::vector<std::pair<uint32_t, bool>> stack{{node, false}};
  while (!stack.empty()) {
    auto [n, operandsDone] = stack.back();
    stack.pop_back();
    if (scheduled[n])
      continue;
    if (operandsDone) {
      scheduled[n] = true;
      order.push_back(n);
      continue;
    }
    stack.push_back({n, true});
    // rhs pushed first so lhs is evaluated first.
    for (uint32_t operand : {e.nodes[n].rhs, e.nodes[n].lhs})
      if (operand >= e.cols && !scheduled[operand - e.cols])
        stack.push_back({operand - e.cols, false});
  }
}

/// The smallest free slot, or a new one.
class SlotPool {
public:
  uint32_t take() {
    if (free.empty())
      return count++;
    uint32_t slot = free.top();
    free.pop();
    return slot;
  }
  void release(uint32_t slot) { free.push(slot); }
  uint32_t size() const { return count; }

private:
  std::priority_queue<uint32_t, std::vector<uint32_t>, std::greater<>> free;
  uint32_t count = 0;
};

/// Every node in the order of `e`, node c in slot c, before the first row;
/// slot K holds the zero the grouped rows' padding reads.
KernelSchedule scheduleInOrder(const ExtendedCsr &e) {
  KernelSchedule s;
  s.rows = e.rows;
  s.cols = e.cols;
  uint32_t k = e.nodes.size();
  s.numSlots = k + 1;
  for (uint32_t c = 0; c < k; ++c) {
    s.nodeOrder.push_back(c);
    s.nodeLhs.push_back(e.nodes[c].lhs);
    s.nodeRhs.push_back(e.nodes[c].rhs);
    s.nodeDst.push_back(e.cols + c);
  }
  s.nodeEnd.assign(e.rows, k);
  s.rowEnd.assign(e.rowPtr.begin() + 1, e.rowPtr.end());
  s.operands = e.operands;
  return s;
}

} // namespace

KernelSchedule cse_sparse::scheduleKernel(const ExtendedCsr &e,
                                          NodeSchedule mode) {
  KernelSchedule s;
  s.rows = e.rows;
  s.cols = e.cols;
  size_t k = e.nodes.size();
  if (mode == NodeSchedule::Grouped)
    return scheduleInOrder(e);

  // Evaluation order: before each row, the nodes it is the first to need.
  std::vector<bool> scheduled(k, false);
  std::vector<uint32_t> rowOfFirstNode(e.rows + 1, 0);
  for (uint32_t r = 0; r < e.rows; ++r) {
    rowOfFirstNode[r] = s.nodeOrder.size();
    for (uint64_t p = e.rowPtr[r]; p < e.rowPtr[r + 1]; ++p)
      if (e.operands[p] >= e.cols)
        scheduleNode(e, e.operands[p] - e.cols, scheduled, s.nodeOrder);
    s.nodeEnd.push_back(s.nodeOrder.size());
  }
  // Upfront: the same order, all of it before row 0.
  if (mode == NodeSchedule::Upfront)
    std::fill(s.nodeEnd.begin(), s.nodeEnd.end(), s.nodeOrder.size());

  // Events: node evaluation j is event j + (rows before it); a row is the
  // event after its nodes. lastUse[n] is the event of n's last reader.
  std::vector<uint64_t> lastUse(k, 0), evalEvent(k, 0);
  uint64_t event = 0;
  size_t j = 0;
  for (uint32_t r = 0; r < e.rows; ++r) {
    for (; j < s.nodeEnd[r]; ++j, ++event) {
      const CseNode &n = e.nodes[s.nodeOrder[j]];
      evalEvent[s.nodeOrder[j]] = event;
      for (uint32_t operand : {n.lhs, n.rhs})
        if (operand >= e.cols)
          lastUse[operand - e.cols] = event;
    }
    for (uint64_t p = e.rowPtr[r]; p < e.rowPtr[r + 1]; ++p)
      if (e.operands[p] >= e.cols)
        lastUse[e.operands[p] - e.cols] = event;
    ++event;
  }

  // Slots by linear scan. Operands are loaded before the result is stored,
  // so a node's result may take the slot its last-read operand frees.
  std::vector<uint32_t> slotOf(k, kNone);
  SlotPool pool;
  auto releaseIfLast = [&](uint32_t operand, uint64_t at) {
    if (operand >= e.cols && lastUse[operand - e.cols] == at &&
        slotOf[operand - e.cols] != kNone) {
      pool.release(slotOf[operand - e.cols]);
      slotOf[operand - e.cols] = kNone - 1; // released, never again
    }
  };
  auto operandIndex = [&](uint32_t operand) {
    return operand < e.cols ? operand : e.cols + slotOf[operand - e.cols];
  };
  event = 0;
  j = 0;
  for (uint32_t r = 0; r < e.rows; ++r) {
    for (; j < s.nodeEnd[r]; ++j, ++event) {
      uint32_t node = s.nodeOrder[j];
      const CseNode &n = e.nodes[node];
      s.nodeLhs.push_back(operandIndex(n.lhs));
      s.nodeRhs.push_back(operandIndex(n.rhs));
      releaseIfLast(n.lhs, event);
      if (n.rhs != n.lhs)
        releaseIfLast(n.rhs, event);
      slotOf[node] = pool.take();
      s.nodeDst.push_back(e.cols + slotOf[node]);
    }
    for (uint64_t p = e.rowPtr[r]; p < e.rowPtr[r + 1]; ++p)
      s.operands.push_back(operandIndex(e.operands[p]));
    for (uint64_t p = e.rowPtr[r]; p < e.rowPtr[r + 1]; ++p)
      releaseIfLast(e.operands[p], event);
    s.rowEnd.push_back(e.rowPtr[r + 1]);
    ++event;
  }
  s.numSlots = pool.size();
  return s;
}

unsigned cse_sparse::unsignedIndexBits(const std::vector<uint64_t> &values) {
  uint64_t max =
      values.empty() ? 0 : *std::max_element(values.begin(), values.end());
  return max < (1u << 8) ? 8 : max < (1u << 16) ? 16 : 32;
}

KernelTableLayout
cse_sparse::kernelTableLayout(const KernelSchedule &s, bool integerCoefficients,
                              std::pair<int64_t, int64_t> nodeRange,
                              std::pair<int64_t, int64_t> entryRange,
                              unsigned coefficientBits, bool compact) {
  KernelTableLayout layout;
  uint64_t k = s.nodeOrder.size(), nnz = s.operands.size();
  auto bytes = [](unsigned bits) { return uint64_t(bits + 7) / 8; };
  auto indexBytes = [&](const auto &v) {
    return bytes(unsignedIndexBits(std::vector<uint64_t>(v.begin(), v.end())));
  };
  auto recordBits = [&](std::pair<int64_t, int64_t> range) -> unsigned {
    int64_t lo = std::min<int64_t>(0, range.first);
    int64_t hi =
        std::max<int64_t>(int64_t(s.scratchElements()) - 1, range.second);
    return lo >= -128 && hi <= 127 ? 8 : lo >= -32768 && hi <= 32767 ? 16 : 32;
  };
  layout.bytes = s.rowEnd.size() * indexBytes(s.rowEnd);
  bool upfront = k && s.nodeEnd.front() == k;
  if (k && !upfront)
    layout.bytes += s.nodeEnd.size() * indexBytes(s.nodeEnd);
  uint64_t coefBytes = bytes(coefficientBits);
  bool records = integerCoefficients && coefficientBits <= 32;
  if (k && records) {
    layout.nodeBits = recordBits(nodeRange);
    layout.bytes += 5 * k * bytes(layout.nodeBits);
  } else if (k) {
    layout.bytes += k * (indexBytes(s.nodeLhs) + indexBytes(s.nodeRhs) +
                         indexBytes(s.nodeDst) + 2 * coefBytes);
  }
  uint64_t separate = nnz * (indexBytes(s.operands) + coefBytes);
  if (records &&
      (!compact || 2 * nnz * bytes(recordBits(entryRange)) <= separate)) {
    layout.entryBits = recordBits(entryRange);
    layout.bytes += 2 * nnz * bytes(layout.entryBits);
  } else {
    layout.bytes += separate;
  }
  return layout;
}

unsigned cse_sparse::scratchElementBits(const KernelSchedule &s,
                                        const ExtendedCsr &e,
                                        uint64_t inputMagnitude,
                                        unsigned accBits) {
  // Bounds saturate at 2^63: past 32 bits nothing narrower is possible.
  constexpr uint64_t kSaturated = uint64_t(1) << 63;
  auto times = [](uint64_t coef, uint64_t bound) -> uint64_t {
    if (coef && bound > kSaturated / coef)
      return kSaturated;
    return coef * bound;
  };
  std::vector<uint64_t> bound(s.scratchElements(), 0);
  for (uint32_t c = 0; c < s.cols; ++c)
    bound[c] = inputMagnitude;
  uint64_t largest = s.cols ? inputMagnitude : 0;
  for (size_t j = 0; j < s.nodeOrder.size(); ++j) {
    const CseNode &n = e.nodes[s.nodeOrder[j]];
    uint64_t lhs = times(extraction::magnitude(n.lhsCoef), bound[s.nodeLhs[j]]);
    uint64_t rhs = times(extraction::magnitude(n.rhsCoef), bound[s.nodeRhs[j]]);
    uint64_t v = lhs > kSaturated - rhs ? kSaturated : lhs + rhs;
    bound[s.nodeDst[j]] = v;
    largest = std::max(largest, v);
  }
  for (unsigned bits : {16u, 32u})
    if (bits < accBits && largest < (uint64_t(1) << (bits - 1)))
      return bits;
  return accBits;
}

std::vector<int64_t> cse_sparse::evaluateSchedule(const KernelSchedule &s,
                                                  const ExtendedCsr &e,
                                                  const std::vector<int64_t> &x,
                                                  unsigned accBits) {
  auto wrap = [accBits](uint64_t v) { return wrapToBits(v, accBits); };
  std::vector<int64_t> scratch(s.scratchElements(), 0);
  for (uint32_t c = 0; c < s.cols; ++c)
    scratch[c] = wrap(uint64_t(x[c]));
  std::vector<int64_t> y(s.rows, 0);
  size_t j = 0;
  uint64_t p = 0;
  for (uint32_t r = 0; r < s.rows; ++r) {
    for (; j < s.nodeEnd[r]; ++j) {
      const CseNode &n = e.nodes[s.nodeOrder[j]];
      uint64_t lhs = uint64_t(n.lhsCoef) * uint64_t(scratch[s.nodeLhs[j]]);
      uint64_t rhs = uint64_t(n.rhsCoef) * uint64_t(scratch[s.nodeRhs[j]]);
      scratch[s.nodeDst[j]] = wrap(lhs + rhs);
    }
    uint64_t acc = 0;
    for (; p < s.rowEnd[r]; ++p)
      acc += uint64_t(e.coefs[p]) * uint64_t(scratch[s.operands[p]]);
    y[r] = wrap(acc);
  }
  return y;
}
