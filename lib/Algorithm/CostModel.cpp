//===- CostModel.cpp - predicted cost of a weight's kernel forms ----------===//

#include "cse-sparse/Algorithm/CostModel.h"
#include "cse-sparse/Algorithm/Extraction.h"
#include "cse-sparse/Algorithm/GroupedKernel.h"
#include "cse-sparse/Algorithm/KernelSchedule.h"

#include "llvm/ADT/StringSwitch.h"

#include <algorithm>

using namespace cse_sparse;

llvm::StringRef cse_sparse::toString(KernelForm form) {
  switch (form) {
  case KernelForm::Dense:
    return "dense";
  case KernelForm::Csr:
    return "csr";
  case KernelForm::Ecsr:
    return "ecsr";
  }
  return "";
}

std::optional<TargetCosts> cse_sparse::targetCosts(llvm::StringRef target) {
  // Least-squares fits to the exact Cortex-M4 instruction counts of the
  // kernels this project generates (bench/cortex_m.py on 19 matrices, every
  // fit within 5%): dense from upstream MLIR 4.25 per multiply-accumulate and
  // 9.4 per row; cse-sparse 4.46 per row entry, 10.9 per node, 30.8 per row
  // (loop setup, accumulator, and the per-column input copy). M7 and M33 run
  // the same Thumb-2 code; these are instructions, not cycles. Hosts with
  // SIMD run dense loops many elements at a time: no model for them.
  // Compact tables (two entry arrays): 1.5 more per entry when the kernel
  // also evaluates nodes, about none for plain CSR (measured likewise).
  TargetCosts cortexM{4.25, 9.4, 4.46, 10.9, 30.8, 1.5, 0.05};
  // The grouped kernel, fitted likewise (bench/fit_grouped_costs.py on the
  // csr, ecsr and ecsr-sc kernels of the 19 matrices, all 57 within 4.5%):
  // 3.42 per Unit reference, 4.58 per Scaled reference (padding included),
  // 8.47 per node, 11.29 per row and segment (the segment loop's setup; the
  // input copy and the output store fall in here too).
  cortexM.unitPerRef = 3.42;
  cortexM.scaledPerRef = 4.58;
  cortexM.groupedPerNode = 8.47;
  cortexM.groupedPerRowSegment = 11.29;
  // With the DSP extension (Cortex-M4, M7, M33) an int8 matmul kept dense
  // runs cse-sparse-arm-dsp-matmul's SMLAD loops: 1.80 per
  // multiply-accumulate and 10 per row, within 3% of the counts from
  // 128x128 to 1024x1024 (bench/cortex_m.py, the dense variant).
  TargetCosts cortexMDsp = cortexM;
  cortexMDsp.smladPerElement = 1.80;
  cortexMDsp.smladPerRow = 10.0;
  // Cortex-M3 runs the same Thumb-2 code (counts within 0.1% of the M4's).
  // Cortex-M0+ (ARMv6-M: Thumb-1, 8 low registers, no post-increment loads)
  // fitted the same way on qemu's Cortex-M0 (bench/cortex_m.py --target
  // cortex-m0plus, 4 matrices, 12 sparse kernels within 2.2%, dense within
  // 1.5%): 6.44 per multiply-accumulate and 14.2 per row dense; 8.19 per
  // entry, 23.3 per node and 65.3 per row sparse.
  TargetCosts cortexM0Plus{6.44, 14.2, 8.19, 23.3, 65.3, 0.2, 0.6};
  // Its grouped kernel (fit_grouped_costs.py on peaked int4 matrices of
  // 96x96 at densities 0.25 and 0.5 and 128x128 at 0.1 and 0.25, the largest
  // whose benchmark fits the board's flash: 9 of 12 kernels within 3.3%,
  // scaled matching at 96x96 d=0.25 within 4.6%, plain CSR at density 0.1
  // (the csr and ecsr variants, one kernel) within 7.1%): 5.06 per Unit and
  // 8.69 per Scaled reference, 11.57 per node, 12.64 per row segment.
  cortexM0Plus.unitPerRef = 5.06;
  cortexM0Plus.scaledPerRef = 8.69;
  cortexM0Plus.groupedPerNode = 11.57;
  cortexM0Plus.groupedPerRowSegment = 12.64;
  return llvm::StringSwitch<std::optional<TargetCosts>>(target)
      .Case("cortex-m3", cortexM)
      .Cases({"cortex-m4", "cortex-m7", "cortex-m33"}, cortexMDsp)
      .Case("cortex-m0plus", cortexM0Plus)
      .Default(std::nullopt);
}

std::optional<TargetCosts> cse_sparse::targetCosts(CostModelKind model) {
  switch (model) {
  case CostModelKind::CortexM0Plus:
    return targetCosts("cortex-m0plus");
  case CostModelKind::CortexM3:
    return targetCosts("cortex-m3");
  case CostModelKind::CortexM4:
    return targetCosts("cortex-m4");
  case CostModelKind::CortexM7:
    return targetCosts("cortex-m7");
  case CostModelKind::CortexM33:
    return targetCosts("cortex-m33");
  case CostModelKind::None:
  case CostModelKind::Sparse:
  case CostModelKind::Csr:
    return std::nullopt;
  }
  return std::nullopt;
}

KernelCost cse_sparse::denseCost(uint32_t rows, uint32_t cols,
                                 unsigned weightBits, const TargetCosts &target,
                                 bool smlad) {
  KernelCost cost;
  bool dsp = smlad && target.smladPerElement > 0;
  cost.instructions =
      double(rows) * cols *
          (dsp ? target.smladPerElement : target.densePerElement) +
      double(rows) * (dsp ? target.smladPerRow : target.densePerRow);
  cost.tableBytes = uint64_t(rows) * cols * ((weightBits + 7) / 8);
  return cost;
}

KernelCost cse_sparse::sparseCost(const ExtendedCsr &e, unsigned accBits,
                                  const TargetCosts &target,
                                  unsigned coefficientBits, bool compact) {
  KernelCost cost;
  auto [lo, hi] = e.coefficientRange();
  // The attribute stores the narrowest signed type (EcsrConversion).
  unsigned bits = coefficientBits ? coefficientBits
                                  : ElementType::narrowestSigned(lo, hi).bits;
  if (coefficientBits == 0 && !compact && target.unitPerRef > 0) {
    GroupedKernel g = groupKernel(e);
    // Past 32-bit coefficients the lowering stores records, and so the
    // price is theirs.
    if (isStorable(g)) {
      unsigned segments = !g.refs[Unit].empty() + !g.refs[Scaled].empty();
      cost.instructions =
          double(g.refs[Unit].size()) * target.unitPerRef +
          double(g.refs[Scaled].size()) * target.scaledPerRef +
          double(e.nodes.size()) * target.groupedPerNode +
          double(e.rows) * segments * target.groupedPerRowSegment;
      cost.tableBytes = groupedTableBytes(g, bits);
      cost.scratchBytes = (uint64_t(g.zeroElement()) + 1) * ((accBits + 7) / 8);
      return cost;
    }
  }
  KernelSchedule schedule = scheduleKernel(e, NodeSchedule::Upfront);
  cost.instructions = double(e.nnz()) * target.sparsePerEntry +
                      double(schedule.nodeOrder.size()) * target.perNode +
                      double(e.rows) * target.sparsePerRow;
  // Node and entry coefficient ranges apart: records are sized per table.
  std::pair<int64_t, int64_t> nodeRange{0, 0}, entryRange{0, 0};
  for (const CseNode &n : e.nodes)
    for (int64_t c : {n.lhsCoef, n.rhsCoef})
      nodeRange = {std::min(nodeRange.first, c), std::max(nodeRange.second, c)};
  for (int64_t c : e.coefs)
    entryRange = {std::min(entryRange.first, c),
                  std::max(entryRange.second, c)};
  KernelTableLayout layout = kernelTableLayout(
      schedule, coefficientBits == 0, nodeRange, entryRange, bits, compact);
  cost.tableBytes = layout.bytes;
  // Only a layout that really stores entries as arrays costs the extra.
  if (compact && layout.entryBits == 0 && coefficientBits == 0)
    cost.instructions +=
        double(e.nnz()) * (schedule.nodeOrder.empty()
                               ? target.compactPerEntryWithoutNodes
                               : target.compactPerEntry);
  cost.scratchBytes = schedule.scratchElements() * ((accBits + 7) / 8);
  return cost;
}

FormChoice cse_sparse::chooseForm(const KernelCost &dense,
                                  const KernelCost &csr, const KernelCost &ecsr,
                                  CostGoal goal, double minGain) {
  auto primary = [&](const KernelCost &c) {
    return goal == CostGoal::Speed ? c.instructions : double(c.tableBytes);
  };
  auto secondary = [&](const KernelCost &c) {
    return goal == CostGoal::Speed ? double(c.tableBytes) : c.instructions;
  };
  FormChoice choice{KernelForm::Dense, dense, csr, ecsr};
  double best = primary(dense);
  double limit = primary(dense) * (1.0 - std::max(0.0, minGain));
  auto consider = [&](KernelForm form, const KernelCost &c) {
    if (secondary(c) <= secondary(dense) && primary(c) <= limit &&
        primary(c) < best) {
      best = primary(c);
      choice.form = form;
    }
  };
  consider(KernelForm::Csr, csr);
  consider(KernelForm::Ecsr, ecsr);
  return choice;
}

FormChoice cse_sparse::chooseForm(const KernelCost &dense,
                                  const LayoutCosts &csr,
                                  const LayoutCosts &ecsr, CostGoal goal,
                                  double minGain) {
  auto pick = [&](const LayoutCosts &c) -> std::pair<KernelCost, bool> {
    bool recordsFit = goal == CostGoal::Speed
                          ? c.records.tableBytes <= dense.tableBytes
                          : c.records.instructions <= dense.instructions;
    bool compactFits = goal == CostGoal::Speed
                           ? c.compact.tableBytes <= dense.tableBytes
                           : c.compact.instructions <= dense.instructions;
    if (goal == CostGoal::Speed)
      return recordsFit || !compactFits ? std::pair{c.records, false}
                                        : std::pair{c.compact, true};
    return compactFits || !recordsFit ? std::pair{c.compact, true}
                                      : std::pair{c.records, false};
  };
  auto [csrCost, csrCompact] = pick(csr);
  auto [ecsrCost, ecsrCompact] = pick(ecsr);
  FormChoice choice = chooseForm(dense, csrCost, ecsrCost, goal, minGain);
  choice.compact = choice.form == KernelForm::Csr    ? csrCompact
                   : choice.form == KernelForm::Ecsr ? ecsrCompact
                                                     : false;
  return choice;
}
