//===- TermIndex.cpp - The matrix as one search rewrites it ---------------===//

#include "TermIndex.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cassert>

using namespace cse_sparse;
using namespace cse_sparse::extraction;

TermIndex::TermIndex(const ExtendedCsr &e)
    : inputs(e.cols), words((e.rows + 63) / 64), nodeList(e.nodes) {
  rows.resize(e.rows);
  operandTerms.resize(e.numOperands());
  for (uint32_t r = 0; r < e.rows; ++r) {
    rows[r].reserve(e.rowPtr[r + 1] - e.rowPtr[r]);
    for (uint64_t p = e.rowPtr[r]; p < e.rowPtr[r + 1]; ++p) {
      uint32_t op = e.operands[p];
      uint32_t t = termId(op, e.coefs[p]);
      rows[r].push_back({op, t});
      termRows[t].push_back(r);
    }
  }
  // Bitsets for input terms only (node terms are born with few rows), and
  // only for terms in at least 1/32 of the rows: then a bitset (M/8 bytes)
  // takes at most the bytes of its row list, so all of them together stay
  // within 4 bytes per non-zero. A bitset for every term would take
  // terms * M / 8 bytes: 8 GB for an int8 matrix of 16384 rows whose columns
  // hold every value. Rarer terms are probed or merged, as node terms are.
  constexpr uint64_t kBitsetMinShare = 32;
  bitsetOf.assign(terms.size(), ~0u);
  uint32_t numBitsets = 0;
  for (uint32_t t = 0; t < terms.size(); ++t)
    if (terms[t].op < inputs &&
        termRows[t].size() * kBitsetMinShare >= uint64_t(e.rows))
      bitsetOf[t] = numBitsets++;
  bitsets.assign(uint64_t(numBitsets) * words, 0);
  for (uint32_t t = 0; t < terms.size(); ++t)
    if (bitsetOf[t] != ~0u)
      for (uint32_t r : termRows[t])
        bitsets[uint64_t(bitsetOf[t]) * words + r / 64] |= uint64_t(1)
                                                           << (r % 64);
}

uint32_t TermIndex::termId(uint32_t op, int64_t coef) {
  auto [it, inserted] = termIds.try_emplace({op, coef}, terms.size());
  if (inserted) {
    terms.push_back({op, coef});
    termRows.emplace_back();
    bitsetOf.push_back(~0u);
    operandTerms[op].push_back(it->second);
  }
  return it->second;
}

std::optional<uint32_t> TermIndex::findTerm(uint32_t op, int64_t coef) const {
  auto it = termIds.find({op, coef});
  if (it == termIds.end())
    return std::nullopt;
  return it->second;
}

// Without the instruction GCC calls a slow library routine; every x86-64 CPU
// since 2008 has it.
#if defined(__GNUC__) && defined(__x86_64__)
__attribute__((target("popcnt")))
#endif
static uint32_t
commonBits(const uint64_t *a, const uint64_t *b, uint32_t words) {
  uint32_t n = 0;
  for (uint32_t w = 0; w < words; ++w)
    n += __builtin_popcountll(a[w] & b[w]);
  return n;
}

uint32_t TermIndex::countCommonRows(uint32_t a, uint32_t b,
                                    uint64_t &work) const {
  const auto &ra = termRows[a], &rb = termRows[b];
  if (ra.empty() || rb.empty())
    return 0;
  if (bitsetOf[a] != ~0u && bitsetOf[b] != ~0u) {
    work += words;
    return commonBits(&bitsets[uint64_t(bitsetOf[a]) * words],
                      &bitsets[uint64_t(bitsetOf[b]) * words], words);
  }
  // Probe the shorter list against the other's bitset, or merge two lists.
  uint32_t small = ra.size() <= rb.size() ? a : b, large = small == a ? b : a;
  uint32_t n = 0;
  if (bitsetOf[large] != ~0u) {
    const uint64_t *wl = &bitsets[uint64_t(bitsetOf[large]) * words];
    work += termRows[small].size();
    for (uint32_t r : termRows[small])
      n += (wl[r / 64] >> (r % 64)) & 1;
    return n;
  }
  work += termRows[small].size() + termRows[large].size();
  forEachCommonRow(small, large, [&](uint32_t) { ++n; });
  return n;
}

void TermIndex::removeRows(uint32_t term, llvm::ArrayRef<uint32_t> rowList) {
  auto &list = termRows[term];
  // Both lists are sorted: one merge pass keeps the rows not in rowList.
  size_t out = 0, j = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    if (j < rowList.size() && list[i] == rowList[j]) {
      ++j;
      continue;
    }
    list[out++] = list[i];
  }
  assert(j == rowList.size() && "term not in every row");
  list.resize(out);
  if (bitsetOf[term] != ~0u)
    for (uint32_t row : rowList)
      bitsets[uint64_t(bitsetOf[term]) * words + row / 64] &=
          ~(uint64_t(1) << (row % 64));
}

uint32_t TermIndex::addNode(const CseNode &node, llvm::ArrayRef<Use> uses) {
  uint32_t t = numOperands();
  nodeList.push_back(node);
  operandTerms.emplace_back();
  // (term, row) pairs leaving the term lists; uses are sorted by row, so each
  // term's rows come out sorted.
  llvm::SmallVector<std::pair<uint32_t, uint32_t>, 64> removed;
  for (const Use &u : uses) {
    std::vector<Entry> &row = rows[u.row];
    llvm::erase_if(row, [&](const Entry &e) {
      if (e.op != node.lhs && e.op != node.rhs)
        return false;
      removed.push_back({e.term, u.row});
      return true;
    });
    uint32_t term = termId(t, u.scale);
    // t is the newest operand, so appending keeps the row sorted.
    row.push_back({t, term});
    termRows[term].push_back(u.row);
  }
  // Rows are unique within a term and already ascending: sorting the pairs
  // is the stable sort by term (without std::stable_sort's temporary
  // buffer, which libstdc++ 12 declares deprecated to clang).
  llvm::sort(removed);
  llvm::SmallVector<uint32_t, 64> rowList;
  for (size_t i = 0; i < removed.size();) {
    uint32_t term = removed[i].first;
    rowList.clear();
    for (; i < removed.size() && removed[i].first == term; ++i)
      rowList.push_back(removed[i].second);
    removeRows(term, rowList);
  }
  return t;
}

ExtendedCsr TermIndex::toExtendedCsr(ElementType type) const {
  ExtendedCsr e;
  e.rows = rows.size();
  e.cols = inputs;
  e.type = type;
  e.nodes = nodeList;
  e.rowPtr.reserve(rows.size() + 1);
  size_t entries = 0;
  for (const auto &row : rows)
    entries += row.size();
  e.operands.reserve(entries);
  e.coefs.reserve(entries);
  for (const auto &row : rows) {
    for (const Entry &entry : row) {
      e.operands.push_back(entry.op);
      e.coefs.push_back(terms[entry.term].coef);
    }
    e.rowPtr.push_back(e.coefs.size());
  }
  return e;
}
