//===- Target.cpp - the targets cse-sparse compiles for -------------------===//

#include "cse-sparse/Compiler/Target.h"

#include "llvm/ADT/Twine.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir::cse_sparse;
using ::cse_sparse::CostModelKind;
using ::cse_sparse::Objective;

namespace {

struct TargetEntry {
  const char *name;
  /// The triple's architecture ("thumbv7em"); empty for the host's triple.
  const char *arch;
  /// LLVM's CPU; empty for the build machine's.
  const char *cpu;
  /// Target features with the FPU in use (hard float), or null where the
  /// core has no FPU: then soft float is its only ABI.
  const char *hardFeatures;
  unsigned indexBitwidth;
  bool embedded;
  CostModelKind costModel;
  Objective objective;
  /// The Armv7E-M / Armv8-M DSP extension (SMLAD, SXTB16).
  bool dsp = false;
};

/// Cortex-M cores run the kernels with 32-bit indices and are costed by
/// their own model, minimizing instructions; the host keeps its word size
/// and only rewrites what shares something. `host` compiles for the
/// architecture's baseline ("generic": an object built on one x86-64
/// machine runs on any other); `host-native` (an empty CPU) for the build
/// machine's own CPU, which may use instructions other machines lack.
constexpr TargetEntry kTargets[] = {
    {"cortex-m0plus", "thumbv6m", "cortex-m0plus", nullptr, 32, true,
     CostModelKind::CortexM0Plus, Objective::Instructions},
    {"cortex-m3", "thumbv7m", "cortex-m3", nullptr, 32, true,
     CostModelKind::CortexM3, Objective::Instructions},
    {"cortex-m4", "thumbv7em", "cortex-m4", "+vfp4d16sp", 32, true,
     CostModelKind::CortexM4, Objective::Instructions, /*dsp=*/true},
    {"cortex-m7", "thumbv7em", "cortex-m7", "+fp-armv8d16", 32, true,
     CostModelKind::CortexM7, Objective::Instructions, /*dsp=*/true},
    {"cortex-m33", "thumbv8m.main", "cortex-m33", "+fp-armv8d16sp,+dsp", 32,
     true, CostModelKind::CortexM33, Objective::Instructions, /*dsp=*/true},
    {"host", "", "generic", nullptr, 0, false, CostModelKind::None,
     Objective::Ops},
    {"host-native", "", "", nullptr, 0, false, CostModelKind::None,
     Objective::Ops},
};

const TargetEntry *findEntry(llvm::StringRef name) {
  for (const TargetEntry &e : kTargets)
    if (name == e.name)
      return &e;
  return nullptr;
}

/// What LLVM needs for `e` with `abi` (none on the host).
TargetDescription describe(const TargetEntry &e, std::optional<FloatAbi> abi) {
  TargetDescription t;
  t.name = e.name;
  t.floatAbi = abi;
  t.cpu = *e.cpu ? e.cpu : llvm::sys::getHostCPUName().str();
  t.indexBitwidth = e.indexBitwidth;
  t.embedded = e.embedded;
  t.costModel = e.costModel;
  t.objective = e.objective;
  t.dsp = e.dsp;
  if (!*e.arch) {
    t.triple = llvm::sys::getDefaultTargetTriple();
    return t;
  }
  bool hard = abi == FloatAbi::Hard;
  t.triple =
      (llvm::Twine(e.arch) + "-unknown-none-" + (hard ? "eabihf" : "eabi"))
          .str();
  // Soft float as clang's -mfloat-abi=soft: no FPU register, so no FPU
  // instruction either, even on a core that has one.
  t.features = hard ? (llvm::Twine(e.hardFeatures) + ",+thumb-mode").str()
                    : "+soft-float,-fpregs,+thumb-mode";
  // The Cortex-M33's DSP extension is optional, so named (with the FPU's
  // features for hard float, here for soft).
  if (e.dsp && !hard && llvm::StringRef(e.hardFeatures).contains("+dsp"))
    t.features += ",+dsp";
  return t;
}

/// The ABI a target uses unless told: hard where the core has an FPU.
std::optional<FloatAbi> defaultAbi(const TargetEntry &e) {
  if (!e.embedded)
    return std::nullopt;
  return e.hardFeatures ? FloatAbi::Hard : FloatAbi::Soft;
}

} // namespace

llvm::StringRef mlir::cse_sparse::floatAbiName(FloatAbi abi) {
  return abi == FloatAbi::Hard ? "hard" : "soft";
}

std::optional<TargetDescription>
mlir::cse_sparse::lookupTarget(llvm::StringRef name) {
  const TargetEntry *e = findEntry(name);
  if (!e)
    return std::nullopt;
  return describe(*e, defaultAbi(*e));
}

llvm::Expected<TargetDescription>
mlir::cse_sparse::lookupTarget(llvm::StringRef name, FloatAbi abi) {
  const TargetEntry *e = findEntry(name);
  if (!e)
    return llvm::createStringError("unknown --target '" + name +
                                   "' (expected " + targetNameList() + ")");
  if (!e->embedded)
    return llvm::createStringError("--float-abi applies to Cortex-M targets; " +
                                   name + " uses the host's own ABI");
  if (abi == FloatAbi::Hard && !e->hardFeatures)
    return llvm::createStringError(
        "--float-abi hard: " + name +
        " has no FPU, so soft float is its only ABI");
  return describe(*e, abi);
}

std::vector<llvm::StringRef> mlir::cse_sparse::targetNames() {
  std::vector<llvm::StringRef> names;
  for (const TargetEntry &e : kTargets)
    names.push_back(e.name);
  return names;
}

std::string mlir::cse_sparse::targetNameList() {
  std::vector<llvm::StringRef> names = targetNames();
  std::string list;
  for (size_t i = 0; i < names.size(); ++i)
    list += (i == 0                  ? ""
             : i + 1 == names.size() ? " or "
                                     : ", ") +
            names[i].str();
  return list;
}
