//===- Target.cpp - the targets cse-sparse compiles for -------------------===//

#include "cse-sparse/Compiler/Target.h"

#include "llvm/TargetParser/Host.h"

using namespace mlir::cse_sparse;
using ::cse_sparse::CostModelKind;
using ::cse_sparse::Objective;

namespace {

struct TargetEntry {
  const char *name, *triple, *cpu, *features;
  unsigned indexBitwidth;
  bool embedded;
  CostModelKind costModel;
  Objective objective;
};

/// Cortex-M cores run the kernels with 32-bit indices and are costed by
/// their own model, minimizing instructions; the host keeps its word size
/// and only rewrites what shares something. An empty triple means the
/// host's. `host` compiles for the architecture's baseline ("generic": an
/// object built on one x86-64 machine runs on any other); `host-native`
/// (an empty CPU) for the build machine's own CPU, which may use
/// instructions other machines lack.
constexpr TargetEntry kTargets[] = {
    {"cortex-m4", "thumbv7em-unknown-none-eabihf", "cortex-m4",
     "+vfp4d16sp,+thumb-mode", 32, true, CostModelKind::CortexM4,
     Objective::Instructions},
    {"cortex-m7", "thumbv7em-unknown-none-eabihf", "cortex-m7",
     "+fp-armv8d16,+thumb-mode", 32, true, CostModelKind::CortexM7,
     Objective::Instructions},
    {"cortex-m33", "thumbv8m.main-unknown-none-eabihf", "cortex-m33",
     "+fp-armv8d16sp,+dsp,+thumb-mode", 32, true, CostModelKind::CortexM33,
     Objective::Instructions},
    {"host", "", "generic", "", 0, false, CostModelKind::None, Objective::Ops},
    {"host-native", "", "", "", 0, false, CostModelKind::None, Objective::Ops},
};

} // namespace

std::optional<TargetDescription>
mlir::cse_sparse::lookupTarget(llvm::StringRef name) {
  for (const TargetEntry &e : kTargets) {
    if (name != e.name)
      continue;
    TargetDescription t;
    t.name = e.name;
    t.triple = *e.triple ? e.triple : llvm::sys::getDefaultTargetTriple();
    t.cpu = *e.cpu ? e.cpu : llvm::sys::getHostCPUName().str();
    t.features = e.features;
    t.indexBitwidth = e.indexBitwidth;
    t.embedded = e.embedded;
    t.costModel = e.costModel;
    t.objective = e.objective;
    return t;
  }
  return std::nullopt;
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
