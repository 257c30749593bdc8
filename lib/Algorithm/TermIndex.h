//===- TermIndex.h - The matrix as one search rewrites it -------*- C++ -*-===//
//
// Private to lib/Algorithm. See docs/algorithm.md ("Data structures").
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_ALGORITHM_TERMINDEX_H
#define CSE_SPARSE_LIB_ALGORITHM_TERMINDEX_H

#include "SearchTypes.h"

#include "cse-sparse/Algorithm/ExtendedCsr.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <vector>

namespace cse_sparse::extraction {

/// The matrix of one search as it is rewritten: each row a list of (operand,
/// term) entries sorted by operand, each term's rows both ways (a sorted row
/// list, and for long input terms a row bitset), and the nodes extracted so
/// far. Knows nothing of pair classes or objectives.
class TermIndex {
public:
  /// Starts from a matrix with some nodes already extracted.
  explicit TermIndex(const ExtendedCsr &start);

  uint32_t numRows() const { return rows.size(); }
  uint32_t numInputs() const { return inputs; }
  uint32_t numOperands() const { return inputs + nodeList.size(); }
  uint32_t numTerms() const { return terms.size(); }
  const std::vector<CseNode> &nodes() const { return nodeList; }

  const Term &term(uint32_t t) const { return terms[t]; }
  llvm::ArrayRef<Entry> row(uint32_t r) const { return rows[r]; }
  /// The rows holding term `t`, sorted.
  llvm::ArrayRef<uint32_t> rowsOf(uint32_t t) const { return termRows[t]; }
  /// The terms of operand `op`, in order of creation.
  llvm::ArrayRef<uint32_t> termsOf(uint32_t op) const {
    return operandTerms[op];
  }
  std::optional<uint32_t> findTerm(uint32_t op, int64_t coef) const;

  /// Rows holding both terms; adds the words and list entries it read to
  /// `work`.
  uint32_t countCommonRows(uint32_t a, uint32_t b, uint64_t &work) const;
  /// Calls fn(row) for each row holding both terms, in row order.
  template <typename Fn>
  void forEachCommonRow(uint32_t a, uint32_t b, Fn fn) const {
    const auto &x = termRows[a], &y = termRows[b];
    size_t i = 0, j = 0;
    while (i < x.size() && j < y.size()) {
      if (x[i] < y[j])
        ++i;
      else if (y[j] < x[i])
        ++j;
      else
        fn(x[i]), ++i, ++j;
    }
  }

  /// Appends node `node` as the newest operand t and, in each use's row,
  /// replaces the entries of its two operands by (t, use.scale). `uses` is
  /// sorted by row. Returns t.
  uint32_t addNode(const CseNode &node, llvm::ArrayRef<Use> uses);

  ExtendedCsr toExtendedCsr(ElementType type) const;

private:
  uint32_t termId(uint32_t op, int64_t coef);
  /// Removes `rowList` (sorted) from the rows of `term`: one pass over its
  /// list however many rows go.
  void removeRows(uint32_t term, llvm::ArrayRef<uint32_t> rowList);

  uint32_t inputs;
  std::vector<Term> terms;
  llvm::DenseMap<std::pair<uint32_t, int64_t>, uint32_t> termIds;
  std::vector<std::vector<Entry>> rows;
  std::vector<std::vector<uint32_t>> termRows;
  /// Terms of inputs in at least 1/32 of the rows also have a row bitset
  /// (they are the long lists; node terms are born with few rows and only
  /// lose them), which makes re-counting a pair a few AND+popcount
  /// instructions. ~0u: none.
  std::vector<uint32_t> bitsetOf;
  std::vector<uint64_t> bitsets;
  uint32_t words;
  std::vector<llvm::SmallVector<uint32_t, 2>> operandTerms;
  std::vector<CseNode> nodeList;
};

} // namespace cse_sparse::extraction

#endif // CSE_SPARSE_LIB_ALGORITHM_TERMINDEX_H
