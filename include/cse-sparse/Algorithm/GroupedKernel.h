//===- GroupedKernel.h - ECSR tables as the kernel reads them ---*- C++ -*-===//
//
// The default runtime tables of a generated kernel: the arrays of the ECSR v1
// layout (docs/ecsr-format.md) as separate narrow arrays, so that the bytes
// that ship are close to the size the format reports. Nodes are in the
// canonical order and each has its own scratch slot (node c at e[N + c]), so
// no destination is stored; groups of nodes share their input-side
// coefficients, which the kernel takes as constants; rows keep their
// references of coefficient 1 without one.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_ALGORITHM_GROUPEDKERNEL_H
#define CSE_SPARSE_ALGORITHM_GROUPEDKERNEL_H

#include "cse-sparse/Algorithm/ExtendedCsr.h"

#include <array>
#include <cstdint>
#include <vector>

namespace cse_sparse {

/// Node operands: (input, input), (input, node), (node, node).
enum class GroupKind : uint8_t { InputInput, InputNode, NodeNode };

/// Nodes [first, first + count) of the canonical order, all of `kind` with
/// the same input-side coefficients; their operands are entries
/// [offset, offset + count) of the kind's tables.
struct NodeGroup {
  GroupKind kind;
  uint32_t first = 0, count = 0, offset = 0;
  /// Input-side coefficients (lhsCoef for kinds 0 and 1, rhsCoef for kind
  /// 0); a node side is 1 unless `nodeCoefsStored`.
  int64_t lhsCoef = 1, rhsCoef = 1;
};

/// Row references: Unit, those with coefficient 1, as indices into the
/// scratch (inputs j, nodes N + c); Scaled, the rest with their
/// coefficients. Each row's runs are whole multiples of kRowUnroll, so the
/// kernel's loops need no remainder code: up to kRowUnroll - 1 input
/// references of coefficient 1 move from Unit to Scaled (or, when a row has
/// too few, Unit is padded with the scratch element that holds zero), and
/// Scaled is padded with (input 0, coefficient 0).
enum RowSegment : unsigned { Unit, Scaled };
constexpr unsigned kNumRowSegments = 2;
constexpr unsigned kRowUnroll = 4;

struct GroupedKernel {
  /// The matrix with its nodes in canonical order.
  ExtendedCsr ecsr;
  std::vector<NodeGroup> groups;
  /// Operands as scratch indices (input j, node c at N + c), which the
  /// kernel uses as they are: a node table holding c would cost an addition
  /// of N per node operand. Kind 0: (lhs, rhs), two per node.
  std::vector<uint32_t> inputPairs;
  /// Kind 1: the input and the node.
  std::vector<uint32_t> mixedInputs, mixedNodes;
  /// Kind 2: (lhs, rhs), two per node.
  std::vector<uint32_t> nodePairs;
  /// Whether a node operand that is a node has a coefficient other than 1
  /// (scaled matching); then these hold every node side's:
  /// per kind 1 node its rhs coefficient, per kind 2 node (lhs, rhs).
  bool nodeCoefsStored = false;
  std::vector<int64_t> mixedCoefs, nodePairCoefs;
  /// Per segment: the end of each row's references in blocks of kRowUnroll
  /// (M values; row r starts where row r - 1 ended), the references as indices
  /// into the scratch (inputs j, nodes N + c, the zero element N + K), and for
  /// Scaled their coefficients (the lowering stores Scaled as (reference,
  /// coefficient) records).
  std::array<std::vector<uint64_t>, kNumRowSegments> rowEnd;
  std::array<std::vector<uint32_t>, kNumRowSegments> refs;
  std::vector<int64_t> scaledValues;

  /// The scratch element that holds 0: after the inputs and the nodes.
  uint32_t zeroElement() const { return ecsr.cols + ecsr.nodes.size(); }
};

/// The grouped tables of `ecsr`, which must verify; nodes are renumbered
/// into the canonical order (canonicalizeNodeOrder) first. Deterministic.
GroupedKernel groupKernel(ExtendedCsr ecsr);

/// Bytes of the tables as the lowering stores them: each index array in the
/// narrowest unsigned 8/16/32-bit type holding its values, each node
/// coefficient array in `coefficientBits`, Scaled as records of
/// scaledRecordBits; empty arrays are not stored.
uint64_t groupedTableBytes(const GroupedKernel &kernel,
                           unsigned coefficientBits);

/// The field width of the Scaled records (reference unsigned, coefficient
/// signed): the narrowest of 8, 16, 32 holding both; 0 if there are none or
/// a coefficient needs 64 bits.
unsigned scaledRecordBits(const GroupedKernel &kernel);
/// Whether the lowering can store `kernel`'s tables: its Scaled records fit
/// 32-bit fields. Otherwise it lowers (and the cost model prices) records.
bool isStorable(const GroupedKernel &kernel);

/// Runs the tables on one input vector like the generated kernel, in
/// accBits-bit two's-complement arithmetic: the model the tests compare with
/// multiplyReference.
std::vector<int64_t> evaluateGrouped(const GroupedKernel &kernel,
                                     const std::vector<int64_t> &x,
                                     unsigned accBits = 64);

} // namespace cse_sparse

#endif // CSE_SPARSE_ALGORITHM_GROUPEDKERNEL_H
