//===- Target.h - the targets cse-sparse compiles for -----------*- C++ -*-===//
//
// One table of the targets a model is compiled for: what LLVM needs to emit
// code for each (triple, CPU, features), the index width and ABI of the
// generated functions, and which cost model and objective the extraction
// uses there by default. The cost model's per-target costs stay in the
// algorithm library (CostModel.h), keyed by the CostModelKind named here.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_COMPILER_TARGET_H
#define CSE_SPARSE_COMPILER_TARGET_H

#include "cse-sparse/Algorithm/CostModel.h"
#include "cse-sparse/Algorithm/Extraction.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir::cse_sparse {

/// How floating-point values are passed, and whether the FPU is used:
/// `hard` passes them in FPU registers and computes with the FPU (the
/// `eabihf` triples); `soft` uses no FPU instruction and passes them in
/// integer registers (the `eabi` triples), so the object links with firmware
/// built with -mfloat-abi=soft and runs on cores without an FPU.
enum class FloatAbi { Soft, Hard };

struct TargetDescription {
  /// The name a user gives: "cortex-m4", "cortex-m7", "cortex-m33", "host".
  std::string name;
  /// The float ABI of an embedded target; none on the host (its own).
  std::optional<FloatAbi> floatAbi;
  /// LLVM's target triple, CPU and features.
  std::string triple, cpu, features;
  /// Bits of `index` in the generated code (0: the host's word).
  unsigned indexBitwidth = 0;
  /// A microcontroller: static relocation, instructions as the objective.
  bool embedded = false;
  /// The cost model choosing each layer's form unless one is named.
  ::cse_sparse::CostModelKind costModel = ::cse_sparse::CostModelKind::None;
  /// What extraction minimizes unless told.
  ::cse_sparse::Objective objective = ::cse_sparse::Objective::Ops;
  /// The core has the DSP extension: dense int8 products use SMLAD
  /// (cse-sparse-arm-dsp-matmul).
  bool dsp = false;
};

/// The target called `name` with its default float ABI (hard where the core
/// has an FPU), or none; "host" is the machine running this (LLVM's default
/// triple and the host CPU).
std::optional<TargetDescription> lookupTarget(llvm::StringRef name);

/// The target called `name` with the float ABI `abi`; an error that says why
/// if there is no such target or it has no such ABI (a core without an FPU
/// has no hard-float ABI; the host has only its own).
llvm::Expected<TargetDescription> lookupTarget(llvm::StringRef name,
                                               FloatAbi abi);

/// "soft" or "hard".
llvm::StringRef floatAbiName(FloatAbi abi);

/// Every target's name, in the table's order.
std::vector<llvm::StringRef> targetNames();

/// "cortex-m0plus, cortex-m3, ..., host or host-native", for messages.
std::string targetNameList();

} // namespace mlir::cse_sparse

#endif // CSE_SPARSE_COMPILER_TARGET_H
