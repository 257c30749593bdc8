//===- CostModel.h - predicted cost of a weight's kernel forms --*- C++ -*-===//
//
// Predicts what a constant-weight matrix-vector product costs on a target in
// each form a compiler can pick: dense, plain CSR, or extended CSR with the
// adder tree. The extraction pass uses it to decide per op; docs/cost-model.md
// derives the figures.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_ALGORITHM_COSTMODEL_H
#define CSE_SPARSE_ALGORITHM_COSTMODEL_H

#include "cse-sparse/Algorithm/ExtendedCsr.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>

namespace cse_sparse {

enum class KernelForm { Dense, Csr, Ecsr };
llvm::StringRef toString(KernelForm form);

/// Cost of one product with one input column; instructions scale with the
/// batch, tables do not.
struct KernelCost {
  /// Predicted instructions executed.
  double instructions = 0;
  /// Constant tables (flash on a microcontroller).
  uint64_t tableBytes = 0;
  /// Intermediate values kept while the kernel runs (at most one per node).
  uint64_t scratchBytes = 0;
};

/// Instructions per unit of work of each kernel on a Cortex-M core, fitted to
/// exact instruction counts measured in qemu (bench/cortex_m.py,
/// docs/cost-model.md).
struct TargetCosts {
  double densePerElement;
  double densePerRow;
  double sparsePerEntry;
  double perNode;
  double sparsePerRow;
  /// Extra per entry with compact tables, with and without tree nodes.
  double compactPerEntry, compactPerEntryWithoutNodes;
  /// The dense int8 kernel with the DSP extension's SMLAD (two rows, eight
  /// columns an iteration), per multiply-accumulate and per row; 0 where
  /// the core has no DSP extension.
  double smladPerElement = 0, smladPerRow = 0;
  /// The grouped kernel (GroupedKernel.h, the default lowering of integer
  /// weights): per Unit and per Scaled reference after the padding to
  /// blocks, per node, per row and segment it loops over; 0 where not
  /// fitted (records are priced).
  double unitPerRef = 0, scaledPerRef = 0, groupedPerNode = 0,
         groupedPerRowSegment = 0;
};
/// Costs for a named target: "cortex-m0plus", "cortex-m3", "cortex-m4",
/// "cortex-m7" or "cortex-m33".
std::optional<TargetCosts> targetCosts(llvm::StringRef target);

/// How the extraction pass chooses a kernel form per op: by a target's
/// costs, or always the same form (names in EnumNames.h).
enum class CostModelKind {
  CortexM0Plus,
  CortexM3,
  CortexM4,
  CortexM7,
  CortexM33,
  None,
  Sparse,
  Csr
};
/// The costs of a target model; none for None, Sparse and Csr.
std::optional<TargetCosts> targetCosts(CostModelKind model);

/// Whether the DSP kernels subtract `zeroPoint` exactly from int8 values in
/// the 16-bit halves SXTAB16 widens them into (every int8 minus it fits 16
/// bits); a zero point outside leaves a layer to the scalar loop.
constexpr bool dspSubtractsExactly(int64_t zeroPoint) {
  return zeroPoint >= INT16_MIN + 128 && zeroPoint <= INT16_MAX - 127;
}

/// The M x N matrix stored dense with `weightBits`-bit elements; with
/// `smlad`, run by the SMLAD kernel where the target has one.
KernelCost denseCost(uint32_t rows, uint32_t cols, unsigned weightBits,
                     const TargetCosts &target, bool smlad = false);
/// CSR or extended CSR as --convert-cse-sparse-to-scf lowers it by default:
/// integer weights with the grouped tables (GroupedKernel.h), others and
/// `compact` ones with the upfront schedule and kernelTableLayout's records,
/// so the table and scratch bytes are exact. `accBits` sizes the scratch;
/// `coefficientBits` the coefficients when they are not the integers they
/// hold (codes of floats: then stored as separate float arrays), 0
/// otherwise.
/// `compact` costs the compact table layout instead of records.
KernelCost sparseCost(const ExtendedCsr &ecsr, unsigned accBits,
                      const TargetCosts &target, unsigned coefficientBits = 0,
                      bool compact = false);

/// What the choice optimizes first; the other figure may not get worse than
/// dense's.
enum class CostGoal { Speed, Size };

struct FormChoice {
  KernelForm form = KernelForm::Dense;
  /// The sparse forms' costs in the layout each would use.
  KernelCost dense, csr, ecsr;
  /// Whether the chosen sparse form uses compact tables.
  bool compact = false;
};

/// A sparse form's cost with record tables and with compact tables.
struct LayoutCosts {
  KernelCost records, compact;
};

/// Picks the form with the best `goal` figure among those no worse than dense
/// in the other figure, and among sparse forms only those at least `minGain`
/// (a fraction) better than dense in `goal`. Ties go to the simpler form.
FormChoice chooseForm(const KernelCost &dense, const KernelCost &csr,
                      const KernelCost &ecsr, CostGoal goal, double minGain);
/// The same, each sparse form first taking its layout: records (faster)
/// unless only the compact layout is no worse than dense in the other figure
/// (speed goal), compact (smaller) unless only records are (size goal).
FormChoice chooseForm(const KernelCost &dense, const LayoutCosts &csr,
                      const LayoutCosts &ecsr, CostGoal goal, double minGain);

} // namespace cse_sparse

#endif // CSE_SPARSE_ALGORITHM_COSTMODEL_H
