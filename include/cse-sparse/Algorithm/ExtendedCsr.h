//===- ExtendedCsr.h - CSR over inputs and CSE nodes ------------*- C++ -*-===//
//
// The result of extraction: an adder tree of two-term CSE nodes plus CSR rows
// over the extended operand space (docs/ecsr-format.md). Also the cost figures
// every layer reports.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_ALGORITHM_EXTENDEDCSR_H
#define CSE_SPARSE_ALGORITHM_EXTENDEDCSR_H

#include "cse-sparse/Algorithm/SparseMatrix.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <vector>

namespace cse_sparse {

/// CSE node c defines extended operand N+c as lhsCoef*e[lhs] + rhsCoef*e[rhs],
/// where lhs < rhs < N+c: nodes are in topological order.
struct CseNode {
  uint32_t lhs, rhs;
  int64_t lhsCoef, rhsCoef;
  bool operator==(const CseNode &o) const {
    return lhs == o.lhs && rhs == o.rhs && lhsCoef == o.lhsCoef &&
           rhsCoef == o.rhsCoef;
  }
};

/// y[i] = sum over row i of coefs[p] * e[operands[p]], e = (x[0..N-1],
/// t[0..K-1]). Within a row, operands are strictly increasing, so input
/// references come first.
struct ExtendedCsr {
  uint32_t rows = 0, cols = 0;
  ElementType type;
  std::vector<CseNode> nodes;
  std::vector<uint64_t> rowPtr{0};
  std::vector<uint32_t> operands;
  std::vector<int64_t> coefs;

  uint64_t numOperands() const { return uint64_t(cols) + nodes.size(); }
  /// Smallest and largest coefficient over nodes and rows ({0, 0} if none).
  std::pair<int64_t, int64_t> coefficientRange() const;
  uint64_t nnz() const { return coefs.size(); }
  bool operator==(const ExtendedCsr &o) const {
    return rows == o.rows && cols == o.cols && nodes == o.nodes &&
           rowPtr == o.rowPtr && operands == o.operands && coefs == o.coefs;
  }

  /// The same matrix with no CSE nodes (plain CSR).
  static ExtendedCsr fromMatrix(const SparseMatrix &matrix);
  /// Multiplies the tree out again. Exact: two's-complement wrap-around as the
  /// kernel does.
  SparseMatrix expand() const;
  /// Checks every structural invariant; the error says which one fails and
  /// where.
  llvm::Error verify() const;
};

/// Operation counts of a product with one input vector. Additions: one per CSE
/// node plus (terms - 1) per non-empty row (a subtraction is an addition).
/// Multiplications: one per distinct (operand, |coefficient|) with
/// |coefficient| >= 2 among rows and nodes: a +/-1 product is free, and a
/// product needed twice is computed once.
struct OpCounts {
  uint64_t additions = 0;
  uint64_t multiplications = 0;
  uint64_t total() const { return additions + multiplications; }
};
OpCounts countOps(const ExtendedCsr &ecsr);

/// Depth of each node: 1 + the deeper of its operands (inputs have depth 0).
std::vector<unsigned> nodeDepths(const ExtendedCsr &ecsr);
/// Longest chain of CSE nodes (0 without nodes).
unsigned adderTreeDepth(const ExtendedCsr &ecsr);

/// Byte sizes of the ECSR v1 layout (docs/ecsr-format.md): header, CSE table,
/// input segment, CSE segment. Plain CSR is the same layout with no CSE nodes.
struct EcsrSizes {
  uint64_t header = 0, nodeTable = 0, inputSegment = 0, cseSegment = 0;
  uint64_t total() const {
    return header + nodeTable + inputSegment + cseSegment;
  }
};
EcsrSizes computeEcsrSizes(const ExtendedCsr &ecsr);

/// Bytes of standard CSR for the matrix with the same width rules: header,
/// row_ptr, one index and one value per non-zero (docs/ecsr-format.md).
uint64_t plainCsrBytes(const SparseMatrix &matrix);

/// Narrowest of 1, 2, 4 bytes for an unsigned index <= maxValue.
unsigned indexBytes(uint64_t maxValue);
/// Narrowest of 1, 2, 4, 8 bytes holding every value in [lo, hi], signed, or
/// unsigned when lo >= 0 and that is narrower. Sets *isUnsigned accordingly.
unsigned valueBytes(int64_t lo, int64_t hi, bool *isUnsigned = nullptr);

/// Renumbers nodes into the canonical order of the ECSR layout: by depth, and
/// within a depth input-input, input-node, node-node (a topological order).
/// Results of extraction are canonical already.
void canonicalizeNodeOrder(ExtendedCsr &ecsr);

/// Serializes to the ECSR v1 byte layout, nodes in canonical order;
/// encodeEcsr(e).size() == computeEcsrSizes(e).total().
std::vector<uint8_t> encodeEcsr(const ExtendedCsr &ecsr);
/// Parses and verifies an ECSR v1 blob.
llvm::Expected<ExtendedCsr> decodeEcsr(const std::vector<uint8_t> &bytes);

/// `value` modulo 2^bits as a signed `bits`-bit integer (bits in 1..64),
/// sign-extended: what a `bits`-wide two's-complement accumulator holds.
int64_t wrapToBits(uint64_t value, unsigned bits);

/// y = ecsr * x for one input vector, in accBits-bit two's-complement
/// arithmetic (accBits in 1..64); results are sign-extended to int64_t.
std::vector<int64_t> evaluate(const ExtendedCsr &ecsr,
                              const std::vector<int64_t> &x,
                              unsigned accBits = 64);
/// The reference: y = W * x straight from the matrix, same arithmetic.
std::vector<int64_t> multiplyReference(const SparseMatrix &matrix,
                                       const std::vector<int64_t> &x,
                                       unsigned accBits = 64);
/// Whether `ecsr` computes exactly `matrix` * x for a few random int8
/// vectors x (a fixed seed): the check the tools print and the benchmarks
/// rely on.
bool exactOnRandomVectors(const SparseMatrix &matrix, const ExtendedCsr &ecsr,
                          unsigned trials = 3);

} // namespace cse_sparse

#endif // CSE_SPARSE_ALGORITHM_EXTENDEDCSR_H
