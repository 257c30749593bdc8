//===- KernelSchedule.h - evaluation order and scratch slots ----*- C++ -*-===//
//
// The order in which a generated kernel evaluates an ECSR product, and where
// it keeps intermediate values, so the scratch buffer stays small.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_ALGORITHM_KERNELSCHEDULE_H
#define CSE_SPARSE_ALGORITHM_KERNELSCHEDULE_H

#include "cse-sparse/Algorithm/ExtendedCsr.h"

#include "llvm/ADT/StringRef.h"

#include <optional>

namespace cse_sparse {

/// The kernel works on one input column at a time in a scratch array
/// e = (x[0..N-1] extended to the accumulator type, slots[0..S-1]). Before
/// row r it evaluates the nodes that row needs first (their own operands
/// first), writing each into a slot; a slot is reused once the last reader of
/// its node has run. Operands are indices into e.
struct KernelSchedule {
  uint32_t rows = 0, cols = 0;
  /// Scratch slots after the N inputs.
  uint32_t numSlots = 0;
  /// Nodes evaluated before row r: [nodeEnd[r-1], nodeEnd[r]) (0 for r = 0).
  std::vector<uint32_t> nodeEnd;
  /// Per evaluation: the ECSR node it computes, its operands, its slot as an
  /// index into e (N + slot).
  std::vector<uint32_t> nodeOrder, nodeLhs, nodeRhs, nodeDst;
  /// Entries of row r: [rowEnd[r-1], rowEnd[r]), in ECSR order, operands
  /// remapped into e.
  std::vector<uint64_t> rowEnd;
  std::vector<uint32_t> operands;

  uint64_t scratchElements() const { return uint64_t(cols) + numSlots; }
};

/// When nodes are evaluated.
enum class NodeSchedule {
  /// All nodes before the first row, in one loop: fewest instructions; a
  /// slot is reused only after nodes that only other nodes read.
  Upfront,
  /// Each node just before the first row that needs it: the smallest
  /// scratch, at the price of a node loop per row.
  PerRow,
  /// All nodes before the first row in the ECSR's own (canonical) order,
  /// node c in slot c, and one more slot holding zero, read from grouped
  /// tables (GroupedKernel.h): the smallest tables and fewest instructions,
  /// at a slot per node.
  Grouped,
};

/// Schedules `ecsr`, which must verify. Nodes no row depends on are not
/// evaluated, except under Grouped, which evaluates every node in the order
/// of `ecsr` (give it the canonical order). Deterministic.
KernelSchedule scheduleKernel(const ExtendedCsr &ecsr,
                              NodeSchedule mode = NodeSchedule::Upfront);

/// How the lowering stores a schedule's tables (docs/lowering.md). With
/// integer coefficients of at most 32 bits, each node's (lhs, rhs, dst, lhs
/// coefficient, rhs coefficient) is one record of the narrowest signed
/// 8/16/32-bit type holding its fields, so the node loop walks one pointer;
/// row entries are (operand, coefficient) records the same way. With
/// `compact`, entries use two arrays (narrow unsigned operands, coefficients
/// in their own type) when that is smaller: fewer bytes, but about 1.4 more
/// instructions per entry on Cortex-M4. Floats and wider integers always use
/// one array per field.
/// Row ends (and per-row node ends) are narrow unsigned arrays.
struct KernelTableLayout {
  /// Bits of a record field; 0 when the fields are separate arrays.
  unsigned nodeBits = 0, entryBits = 0;
  uint64_t bytes = 0;
};
/// The coefficient ranges are the smallest and largest node and row-entry
/// coefficients (integers); `coefficientBits` the stored width of one.
KernelTableLayout kernelTableLayout(const KernelSchedule &schedule,
                                    bool integerCoefficients,
                                    std::pair<int64_t, int64_t> nodeRange,
                                    std::pair<int64_t, int64_t> entryRange,
                                    unsigned coefficientBits,
                                    bool compact = false);
/// The narrowest of 8, 16, 32 bits holding every value, unsigned.
unsigned unsignedIndexBits(const std::vector<uint64_t> &values);

/// The bits of the narrowest signed scratch element, among 16, 32 and
/// `accBits`, that holds every value the schedule's scratch takes exactly
/// when each input lies in [-inputMagnitude, inputMagnitude]: the inputs,
/// and each evaluated node, |lhs coefficient| * bound(lhs) + |rhs
/// coefficient| * bound(rhs) (so no node's value wraps either). `accBits`
/// when nothing narrower is proven.
unsigned scratchElementBits(const KernelSchedule &schedule,
                            const ExtendedCsr &ecsr, uint64_t inputMagnitude,
                            unsigned accBits);

/// Runs the schedule on one input vector like the generated kernel, in
/// accBits-bit two's-complement arithmetic; coefficients come from `ecsr`.
std::vector<int64_t> evaluateSchedule(const KernelSchedule &schedule,
                                      const ExtendedCsr &ecsr,
                                      const std::vector<int64_t> &x,
                                      unsigned accBits = 64);

} // namespace cse_sparse

#endif // CSE_SPARSE_ALGORITHM_KERNELSCHEDULE_H
