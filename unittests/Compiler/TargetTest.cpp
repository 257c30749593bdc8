//===- TargetTest.cpp - the target table ----------------------------------===//

#include "cse-sparse/Compiler/Target.h"

#include "cse-sparse/Algorithm/EnumNames.h"

#include "llvm/TargetParser/Host.h"

#include <gtest/gtest.h>

using namespace mlir::cse_sparse;
using ::cse_sparse::CostModelKind;

namespace {

TEST(Target, CortexM) {
  std::optional<TargetDescription> t = lookupTarget("cortex-m7");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->name, "cortex-m7");
  EXPECT_EQ(t->triple, "thumbv7em-unknown-none-eabihf");
  EXPECT_EQ(t->cpu, "cortex-m7");
  EXPECT_EQ(t->features, "+fp-armv8d16,+thumb-mode");
  EXPECT_EQ(t->indexBitwidth, 32u);
  EXPECT_TRUE(t->embedded);
  EXPECT_EQ(t->costModel, CostModelKind::CortexM7);
  EXPECT_EQ(t->objective, ::cse_sparse::Objective::Instructions);
  EXPECT_TRUE(t->dsp);
}

TEST(Target, DspExtension) {
  for (llvm::StringRef name : {"cortex-m4", "cortex-m7", "cortex-m33"})
    EXPECT_TRUE(lookupTarget(name)->dsp) << name.str();
  for (llvm::StringRef name : {"cortex-m0plus", "cortex-m3", "host"})
    EXPECT_FALSE(lookupTarget(name)->dsp) << name.str();
  // The M33's DSP extension is optional in the core, so named in both ABIs.
  EXPECT_TRUE(
      llvm::StringRef(lookupTarget("cortex-m33")->features).contains("+dsp"));
  llvm::Expected<TargetDescription> soft =
      lookupTarget("cortex-m33", FloatAbi::Soft);
  ASSERT_TRUE(bool(soft));
  EXPECT_TRUE(llvm::StringRef(soft->features).contains("+dsp"));
}

TEST(Target, NoFpuMeansSoftFloat) {
  for (llvm::StringRef name : {"cortex-m0plus", "cortex-m3"}) {
    std::optional<TargetDescription> t = lookupTarget(name);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->floatAbi, FloatAbi::Soft);
    EXPECT_TRUE(llvm::StringRef(t->triple).ends_with("-none-eabi"));
    EXPECT_TRUE(llvm::StringRef(t->features).contains("+soft-float"));
    llvm::Expected<TargetDescription> hard = lookupTarget(name, FloatAbi::Hard);
    ASSERT_FALSE(hard);
    EXPECT_EQ(llvm::toString(hard.takeError()),
              ("--float-abi hard: " + name +
               " has no FPU, so soft float is its only ABI")
                  .str());
  }
  EXPECT_EQ(lookupTarget("cortex-m0plus")->triple,
            "thumbv6m-unknown-none-eabi");
  EXPECT_EQ(lookupTarget("cortex-m3")->triple, "thumbv7m-unknown-none-eabi");
}

TEST(Target, FloatAbiChoice) {
  std::optional<TargetDescription> hard = lookupTarget("cortex-m4");
  ASSERT_TRUE(hard);
  EXPECT_EQ(hard->floatAbi, FloatAbi::Hard);
  EXPECT_EQ(hard->triple, "thumbv7em-unknown-none-eabihf");
  llvm::Expected<TargetDescription> soft =
      lookupTarget("cortex-m4", FloatAbi::Soft);
  ASSERT_TRUE(bool(soft));
  EXPECT_EQ(soft->triple, "thumbv7em-unknown-none-eabi");
  EXPECT_EQ(soft->cpu, "cortex-m4");
  EXPECT_EQ(soft->features, "+soft-float,-fpregs,+thumb-mode");
  EXPECT_EQ(soft->costModel, CostModelKind::CortexM4);
  llvm::Expected<TargetDescription> host = lookupTarget("host", FloatAbi::Soft);
  ASSERT_FALSE(host);
  EXPECT_EQ(llvm::toString(host.takeError()),
            "--float-abi applies to Cortex-M targets; host uses the host's "
            "own ABI");
  llvm::Expected<TargetDescription> unknown =
      lookupTarget("cortex-a53", FloatAbi::Soft);
  ASSERT_FALSE(unknown);
  llvm::consumeError(unknown.takeError());
}

TEST(Target, Host) {
  std::optional<TargetDescription> t = lookupTarget("host");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->triple, llvm::sys::getDefaultTargetTriple());
  // Portable: not the build machine's CPU (issue 14: an object built here
  // faulted on another x86-64 machine).
  EXPECT_EQ(t->cpu, "generic");
  EXPECT_EQ(t->indexBitwidth, 0u);
  EXPECT_FALSE(t->embedded);
  EXPECT_EQ(t->costModel, CostModelKind::None);
  EXPECT_EQ(t->objective, ::cse_sparse::Objective::Ops);
}

TEST(Target, HostNative) {
  std::optional<TargetDescription> t = lookupTarget("host-native");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->triple, llvm::sys::getDefaultTargetTriple());
  EXPECT_EQ(t->cpu, llvm::sys::getHostCPUName());
  EXPECT_FALSE(t->embedded);
}

TEST(Target, Unknown) {
  EXPECT_FALSE(lookupTarget("cortex-a53"));
  EXPECT_FALSE(lookupTarget(""));
  EXPECT_EQ(targetNameList(), "cortex-m0plus, cortex-m3, cortex-m4, "
                              "cortex-m7, cortex-m33, host or host-native");
}

// Every embedded target is costed by the cost model of the same name, which
// has costs (the algorithm library's table, not a copy here).
TEST(Target, EmbeddedTargetsHaveTheirCostModel) {
  for (llvm::StringRef name : targetNames()) {
    std::optional<TargetDescription> t = lookupTarget(name);
    ASSERT_TRUE(t) << name.str();
    if (!t->embedded)
      continue;
    EXPECT_EQ(
        ::cse_sparse::enumName(::cse_sparse::kCostModelNames, t->costModel),
        name);
    EXPECT_TRUE(::cse_sparse::targetCosts(t->costModel)) << name.str();
  }
}

} // namespace
