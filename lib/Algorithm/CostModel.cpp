//===- CostModel.cpp - predicted cost of a weight's kernel forms ----------===//

#include "cse-sparse/Algorithm/CostModel.h"

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
  // Cortex-M0+..M33/M4/M7 execute a load, a multiply-accumulate and loop
  // control per element; only the instruction count differs by loop shape:
  //   dense:  ldrsb w, ldrsb x, mla, add, cmp, bne            -> 5
  //   entry:  ldrh op, ldrsb coef, ldr x[op], mla, cmp, bne    -> 6
  //   node:   two index and two coefficient loads, two operand loads,
  //           mul, mla, str, loop control                      -> 11
  //   row:    pointer loads, accumulator load/store, loop      -> 8
  // Hosts with SIMD run dense loops many elements at a time: no model here.
  TargetCosts cortexM{5, 6, 11, 8};
  return llvm::StringSwitch<std::optional<TargetCosts>>(target)
      .Cases({"cortex-m4", "cortex-m7", "cortex-m33"}, cortexM)
      .Default(std::nullopt);
}

KernelCost cse_sparse::denseCost(uint32_t rows, uint32_t cols,
                                 unsigned weightBits,
                                 const TargetCosts &target) {
  KernelCost cost;
  cost.instructions = double(rows) * cols * target.densePerElement +
                      double(rows) * target.perRow;
  cost.tableBytes = uint64_t(rows) * cols * ((weightBits + 7) / 8);
  return cost;
}

KernelCost cse_sparse::sparseCost(const ExtendedCsr &e, unsigned accBits,
                                  const TargetCosts &target,
                                  unsigned coefficientBits) {
  KernelCost cost;
  uint64_t nnz = e.nnz(), nodes = e.nodes.size();
  auto [lo, hi] = e.coefficientRange();
  unsigned coefBytes =
      coefficientBits ? (coefficientBits + 7) / 8 : valueBytes(lo, hi);
  unsigned operandBytes = indexBytes(e.numOperands() ? e.numOperands() - 1 : 0);
  cost.instructions = double(nnz) * target.sparsePerEntry +
                      double(nodes) * target.perNode +
                      double(e.rows) * target.perRow;
  cost.tableBytes = (uint64_t(e.rows) + 1) * indexBytes(nnz) +
                    nnz * (operandBytes + coefBytes) +
                    2 * nodes * (operandBytes + coefBytes);
  cost.scratchBytes = nodes * ((accBits + 7) / 8);
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
