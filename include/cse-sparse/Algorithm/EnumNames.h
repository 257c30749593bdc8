//===- EnumNames.h - the one name table of each option enum -----*- C++ -*-===//
//
// Every option that picks from a fixed set is an enum with one table here:
// the pass options (clEnumValues below), the pipeline options, the command
// line tools, the JSON reports and the error messages all read the names
// from it, so no two places can spell a value differently.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_ALGORITHM_ENUMNAMES_H
#define CSE_SPARSE_ALGORITHM_ENUMNAMES_H

#include "cse-sparse/Algorithm/CostModel.h"
#include "cse-sparse/Algorithm/Extraction.h"
#include "cse-sparse/Algorithm/Generate.h"
#include "cse-sparse/Algorithm/KernelSchedule.h"

#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <optional>
#include <string>

namespace cse_sparse {

template <typename Enum> struct EnumName {
  Enum value;
  const char *name;
  const char *help;
};

inline constexpr EnumName<SearchAlgorithm> kSearchAlgorithmNames[] = {
    {SearchAlgorithm::Random, "random",
     "greedy, then destroy-and-repair rounds"},
    {SearchAlgorithm::Greedy, "greedy", "most frequent pair first"},
};

inline constexpr EnumName<MatchMode> kMatchModeNames[] = {
    {MatchMode::Exact, "exact", "pairs with identical coefficients"},
    {MatchMode::Scaled, "scaled", "pairs equal up to a common factor"},
    {MatchMode::Best, "best",
     "exact and scaled; the lower objective value is kept"},
};

inline constexpr EnumName<Objective> kObjectiveNames[] = {
    {Objective::Ops, "ops", "additions and multiplications"},
    {Objective::Bytes, "bytes", "bytes the kernel ships (tables and code)"},
    {Objective::EcsrBytes, "ecsr-bytes", "ECSR v1 format bytes"},
    {Objective::Instructions, "instructions",
     "instructions of the Cortex-M kernel"},
};

inline constexpr EnumName<CostModelKind> kCostModelNames[] = {
    {CostModelKind::CortexM0Plus, "cortex-m0plus",
     "the same for Cortex-M0+ (Thumb-1)"},
    {CostModelKind::CortexM3, "cortex-m3", "the same for Cortex-M3"},
    {CostModelKind::CortexM4, "cortex-m4",
     "dense, CSR or ECSR by Cortex-M4 instructions and bytes"},
    {CostModelKind::CortexM7, "cortex-m7", "the same for Cortex-M7"},
    {CostModelKind::CortexM33, "cortex-m33", "the same for Cortex-M33"},
    {CostModelKind::None, "none", "ECSR where it shares something"},
    {CostModelKind::Sparse, "sparse", "ECSR always"},
    {CostModelKind::Csr, "csr", "plain CSR always"},
};

inline constexpr EnumName<CostGoal> kCostGoalNames[] = {
    {CostGoal::Speed, "speed", "fewest instructions first"},
    {CostGoal::Size, "size", "fewest bytes first"},
};

inline constexpr EnumName<NodeSchedule> kNodeScheduleNames[] = {
    {NodeSchedule::Upfront, "upfront",
     "all nodes before the rows, one loop: fastest"},
    {NodeSchedule::PerRow, "per-row",
     "each node before its first reader row: the smallest scratch"},
    {NodeSchedule::Grouped, "grouped",
     "ECSR order, grouped tables: smallest tables, fewest instructions"},
};

inline constexpr EnumName<ValueDistribution> kValueDistributionNames[] = {
    {ValueDistribution::Uniform, "uniform", "values uniform over +-1..+-qmax"},
    {ValueDistribution::Peaked, "peaked",
     "Laplace weights pruned and quantized per tensor"},
    {ValueDistribution::PeakedPerChannel, "peaked-per-channel",
     "the same with one scale per row"},
};

template <typename Enum, size_t N>
std::optional<Enum> parseEnumName(const EnumName<Enum> (&table)[N],
                                  llvm::StringRef name) {
  for (const EnumName<Enum> &e : table)
    if (name == e.name)
      return e.value;
  return std::nullopt;
}

template <typename Enum, size_t N>
llvm::StringRef enumName(const EnumName<Enum> (&table)[N], Enum value) {
  for (const EnumName<Enum> &e : table)
    if (e.value == value)
      return e.name;
  return "";
}

/// "a, b or c", for error messages.
template <typename Enum, size_t N>
std::string enumNameList(const EnumName<Enum> (&table)[N]) {
  std::string list;
  for (size_t i = 0; i < N; ++i)
    list += std::string(i == 0       ? ""
                        : i + 1 == N ? " or "
                                     : ", ") +
            table[i].name;
  return list;
}

/// A command-line modifier adding a table's names as the values of an enum
/// option: what clEnumValN lists spell out, from the one table. Works with
/// llvm::cl::opt and with MLIR's pass options (which are cl::opts).
template <typename Enum, size_t N> struct EnumValues {
  const EnumName<Enum> (&table)[N];
  template <typename Opt> void apply(Opt &option) const {
    for (const EnumName<Enum> &e : table)
      option.getParser().addLiteralOption(e.name, e.value, e.help);
  }
};

template <typename Enum, size_t N>
EnumValues<Enum, N> clEnumValues(const EnumName<Enum> (&table)[N]) {
  return {table};
}

} // namespace cse_sparse

#endif // CSE_SPARSE_ALGORITHM_ENUMNAMES_H
