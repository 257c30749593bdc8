//===- CostModelTest.cpp - kernel form costs and the choice among them ----===//

#include "cse-sparse/Algorithm/CostModel.h"

#include "gtest/gtest.h"

using namespace cse_sparse;

namespace {

TargetCosts m4() { return *targetCosts("cortex-m4"); }

TEST(CostModelTest, KnownAndUnknownTargets) {
  EXPECT_TRUE(targetCosts("cortex-m7"));
  EXPECT_TRUE(targetCosts("cortex-m33"));
  EXPECT_FALSE(targetCosts("cortex-a53"));
  EXPECT_FALSE(targetCosts(""));
}

TEST(CostModelTest, DenseScalesWithElements) {
  TargetCosts t = m4();
  KernelCost c = denseCost(4, 8, 8, t);
  EXPECT_DOUBLE_EQ(c.instructions, 32 * t.densePerElement + 4 * t.densePerRow);
  EXPECT_EQ(c.tableBytes, 32u);
  EXPECT_EQ(denseCost(4, 8, 16, t).tableBytes, 64u);
  EXPECT_EQ(denseCost(4, 8, 4, t).tableBytes, 32u); // i4 is stored in bytes
  EXPECT_EQ(c.scratchBytes, 0u);
}

TEST(CostModelTest, DenseWithSmladWhereTheCoreHasIt) {
  // The SMLAD kernel's fit: 1.80 per MAC and 10 per row on the M4, M7 and
  // M33; the same tables.
  for (const char *name : {"cortex-m4", "cortex-m7", "cortex-m33"}) {
    TargetCosts t = *targetCosts(name);
    KernelCost c = denseCost(256, 256, 8, t, /*smlad=*/true);
    EXPECT_DOUBLE_EQ(c.instructions, 256.0 * 256 * 1.80 + 256 * 10.0) << name;
    EXPECT_EQ(c.tableBytes, 65536u);
    EXPECT_LT(c.instructions, denseCost(256, 256, 8, t).instructions);
  }
  // Without the extension the flag changes nothing.
  for (const char *name : {"cortex-m3", "cortex-m0plus"}) {
    TargetCosts t = *targetCosts(name);
    EXPECT_DOUBLE_EQ(denseCost(64, 32, 8, t, /*smlad=*/true).instructions,
                     denseCost(64, 32, 8, t).instructions)
        << name;
  }
}

TEST(CostModelTest, SparseCostsFollowTheKernelLayout) {
  // 3 x 300: row 0 = x0 + x299, row 2 = 2 * (x0 + x299) + 5 * x1, via node
  // 300 = x0 + x299.
  ExtendedCsr e;
  e.rows = 3;
  e.cols = 300;
  e.nodes = {{0, 299, 1, 1}};
  e.rowPtr = {0, 1, 1, 3};
  e.operands = {300, 1, 300};
  e.coefs = {1, 5, 2};
  ASSERT_FALSE(bool(e.verify()));
  TargetCosts t = m4();
  // Grouped tables, the default: Unit holds row 0's node padded to a block
  // of four with the zero element (301); Scaled row 2's two references
  // padded with (0, 0), as 16-bit records since index 300 needs 16 bits.
  KernelCost g = sparseCost(e, 32, t);
  EXPECT_DOUBLE_EQ(g.instructions, 4 * t.unitPerRef + 4 * t.scaledPerRef +
                                       t.groupedPerNode +
                                       3 * 2 * t.groupedPerRowSegment);
  EXPECT_EQ(g.tableBytes, /*input pairs*/ 2u * 2u + /*unit*/ 3u + 4u * 2u +
                              /*scaled*/ 3u + 4u * 2u * 2u);
  // The inputs, the node and the zero element.
  EXPECT_EQ(g.scratchBytes, 302u * 4u);
  EXPECT_EQ(sparseCost(e, 64, t).scratchBytes, 302u * 8u);
  // A target without grouped costs prices the records kernel.
  t.unitPerRef = 0;
  KernelCost c = sparseCost(e, 32, t);
  EXPECT_DOUBLE_EQ(c.instructions,
                   3 * t.sparsePerEntry + t.perNode + 3 * t.sparsePerRow);
  // Row ends 3 x 1 byte; scratch index 300 needs 16-bit records: one node
  // record of 5 fields and 3 entry records of 2, 2 bytes each.
  EXPECT_EQ(c.tableBytes, 3u + (5u + 6u) * 2u);
  // The 300 inputs and one slot.
  EXPECT_EQ(c.scratchBytes, 301u * 4u);
  EXPECT_EQ(sparseCost(e, 64, t).scratchBytes, 301u * 8u);
  // Float weights (coded): separate arrays, 4-byte coefficients.
  KernelCost f = sparseCost(e, 32, t, /*coefficientBits=*/32);
  EXPECT_EQ(f.tableBytes, 3u + /*lhs 0*/ 1u + /*rhs 299*/ 2u + /*dst 300*/ 2u +
                              2u * 4u +
                              /*operands*/ 3u * 2u + 3u * 4u);
}

KernelCost cost(double instructions, uint64_t bytes) {
  return {instructions, bytes, 0};
}

TEST(CostModelTest, ChoosesFastestNotLargerThanDense) {
  FormChoice c =
      chooseForm(cost(100, 50), cost(80, 40), cost(60, 45), CostGoal::Speed, 0);
  EXPECT_EQ(c.form, KernelForm::Ecsr);
  // ECSR faster but larger than dense: not admissible, CSR is.
  c = chooseForm(cost(100, 50), cost(80, 40), cost(60, 51), CostGoal::Speed, 0);
  EXPECT_EQ(c.form, KernelForm::Csr);
  // Both sparse forms larger: dense stays.
  c = chooseForm(cost(100, 50), cost(80, 60), cost(60, 51), CostGoal::Speed, 0);
  EXPECT_EQ(c.form, KernelForm::Dense);
}

TEST(CostModelTest, SizeGoalKeepsSpeed) {
  FormChoice c =
      chooseForm(cost(100, 50), cost(90, 40), cost(101, 20), CostGoal::Size, 0);
  EXPECT_EQ(c.form, KernelForm::Csr); // ECSR smaller but slower than dense
  c = chooseForm(cost(100, 50), cost(90, 40), cost(100, 20), CostGoal::Size, 0);
  EXPECT_EQ(c.form, KernelForm::Ecsr);
}

TEST(CostModelTest, MinimumGainAndTies) {
  // 20% faster than dense: enough for 0.2, not for 0.25.
  EXPECT_EQ(chooseForm(cost(100, 50), cost(200, 50), cost(80, 50),
                       CostGoal::Speed, 0.2)
                .form,
            KernelForm::Ecsr);
  EXPECT_EQ(chooseForm(cost(100, 50), cost(200, 50), cost(80, 50),
                       CostGoal::Speed, 0.25)
                .form,
            KernelForm::Dense);
  // Equal figures: the simpler form.
  EXPECT_EQ(chooseForm(cost(100, 50), cost(100, 50), cost(100, 50),
                       CostGoal::Speed, 0)
                .form,
            KernelForm::Dense);
  EXPECT_EQ(
      chooseForm(cost(100, 50), cost(80, 50), cost(80, 50), CostGoal::Speed, 0)
          .form,
      KernelForm::Csr);
}

} // namespace
