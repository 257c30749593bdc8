//===- KernelScheduleTest.cpp - kernel evaluation order and scratch slots -===//

#include "cse-sparse/Algorithm/KernelSchedule.h"
#include "TestUtils.h"
#include "cse-sparse/Algorithm/EnumNames.h"
#include "cse-sparse/Algorithm/Extraction.h"

#include <gtest/gtest.h>

using namespace cse_sparse;
using namespace cse_sparse::test;

namespace {

/// Rows: r0 = t0 + x3, r1 = t1, r2 = x2, r3 = t0 with t0 = x0 + x1 and
/// t1 = t0 + 2*x2.
ExtendedCsr chain() {
  ExtendedCsr e;
  e.rows = 4;
  e.cols = 4;
  e.nodes = {{0, 1, 1, 1}, {2, 4, 2, 1}};
  e.rowPtr = {0, 2, 3, 4, 5};
  e.operands = {3, 4, 5, 2, 4};
  e.coefs = {1, 1, 1, -3, 1};
  return e;
}

TEST(KernelSchedule, NodesJustBeforeTheirFirstRow) {
  ExtendedCsr e = chain();
  ASSERT_EQ(errorText(e.verify()), "<success>");
  KernelSchedule s = scheduleKernel(e, NodeSchedule::PerRow);
  // Row 0 needs t0; row 1 needs t1; rows 2 and 3 need nothing new.
  EXPECT_EQ(s.nodeEnd, (std::vector<uint32_t>{1, 2, 2, 2}));
  EXPECT_EQ(s.nodeOrder, (std::vector<uint32_t>{0, 1}));
  // t0 lives until row 3, so t1 needs a second slot.
  EXPECT_EQ(s.numSlots, 2u);
  EXPECT_EQ(s.nodeDst, (std::vector<uint32_t>{4, 5}));
  EXPECT_EQ(s.nodeLhs, (std::vector<uint32_t>{0, 2}));
  EXPECT_EQ(s.nodeRhs, (std::vector<uint32_t>{1, 4}));
  EXPECT_EQ(s.operands, (std::vector<uint32_t>{3, 4, 5, 2, 4}));
  std::vector<int64_t> x = {1, 10, 100, 1000};
  EXPECT_EQ(evaluateSchedule(s, e, x), evaluate(e, x));
}

TEST(KernelSchedule, SlotsAreReusedAfterTheLastReader) {
  // Rows 0 and 1 each use their own node once: one slot serves both.
  ExtendedCsr e;
  e.rows = 2;
  e.cols = 4;
  e.nodes = {{0, 1, 1, 1}, {2, 3, 1, -1}};
  e.rowPtr = {0, 1, 2};
  e.operands = {4, 5};
  e.coefs = {1, 2};
  ASSERT_EQ(errorText(e.verify()), "<success>");
  KernelSchedule s = scheduleKernel(e, NodeSchedule::PerRow);
  EXPECT_EQ(s.numSlots, 1u);
  EXPECT_EQ(s.nodeDst, (std::vector<uint32_t>{4, 4}));
  std::vector<int64_t> x = {1, 2, 3, 4};
  EXPECT_EQ(evaluateSchedule(s, e, x), evaluate(e, x));
}

TEST(KernelSchedule, UpfrontEvaluatesEverythingBeforeRowZero) {
  ExtendedCsr e = chain();
  KernelSchedule s = scheduleKernel(e, NodeSchedule::Upfront);
  EXPECT_EQ(s.nodeEnd, (std::vector<uint32_t>{2, 2, 2, 2}));
  EXPECT_EQ(s.nodeOrder, (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(s.numSlots, 2u);
  std::vector<int64_t> x = {1, 10, 100, 1000};
  EXPECT_EQ(evaluateSchedule(s, e, x), evaluate(e, x));
}

TEST(KernelSchedule, UpfrontReusesOnlyNodeOnlySlots) {
  // t0 = x0 + x1 is read only by t1 = t0 + x2; rows read t1 and t2 = x2 + x3.
  // Upfront, t1 takes t0's slot (read for the last time as t1 is computed);
  // t2, evaluated while t1 is still live, needs a second one.
  ExtendedCsr e;
  e.rows = 2;
  e.cols = 4;
  e.nodes = {{0, 1, 1, 1}, {2, 4, 1, 1}, {2, 3, 1, 1}};
  e.rowPtr = {0, 1, 2};
  e.operands = {5, 6};
  e.coefs = {1, 1};
  ASSERT_EQ(errorText(e.verify()), "<success>");
  KernelSchedule s = scheduleKernel(e, NodeSchedule::Upfront);
  EXPECT_EQ(s.numSlots, 2u);
  EXPECT_EQ(s.nodeDst, (std::vector<uint32_t>{4, 4, 5}));
  std::vector<int64_t> x = {1, 2, 3, 4};
  EXPECT_EQ(evaluateSchedule(s, e, x), evaluate(e, x));
  EXPECT_EQ(parseEnumName(kNodeScheduleNames, "per-row"), NodeSchedule::PerRow);
  EXPECT_EQ(parseEnumName(kNodeScheduleNames, "upfront"),
            NodeSchedule::Upfront);
  EXPECT_EQ(parseEnumName(kNodeScheduleNames, "sometimes"), std::nullopt);
}

TEST(KernelSchedule, UnusedNodesAreNotEvaluated) {
  ExtendedCsr e = chain();
  e.operands = {3, 4, 2, 2, 4}; // row 1 = x2: t1 is dead
  ASSERT_EQ(errorText(e.verify()), "<success>");
  KernelSchedule s = scheduleKernel(e, NodeSchedule::PerRow);
  EXPECT_EQ(s.nodeOrder, (std::vector<uint32_t>{0}));
  EXPECT_EQ(s.numSlots, 1u);
}

TEST(KernelSchedule, ScratchNarrowsWhereTheValuesProvablyFit) {
  ExtendedCsr e = chain();
  KernelSchedule s = scheduleKernel(e, NodeSchedule::PerRow);
  // int8 inputs: t0 within 256, t1 = t0 + 2*x2 within 512.
  EXPECT_EQ(scratchElementBits(s, e, 128, 32), 16u);
  // int16 inputs: 32768 itself does not fit int16.
  EXPECT_EQ(scratchElementBits(s, e, 32768, 32), 32u);
  EXPECT_EQ(scratchElementBits(s, e, 32768, 64), 32u);
  // Never wider than the accumulator.
  EXPECT_EQ(scratchElementBits(s, e, 1u << 20, 32), 32u);

  // t0 = 7 x0 + 7 x1 (1792), t1 = 7 x2 + 7 t0 (13440), t2 = x0 + 7 t1
  // (94208), which row 1 reads: 32 bits.
  ExtendedCsr deep;
  deep.rows = 2;
  deep.cols = 3;
  deep.nodes = {{0, 1, 7, 7}, {2, 3, 7, 7}, {0, 4, 1, 7}};
  deep.rowPtr = {0, 1, 2};
  deep.operands = {3, 5};
  deep.coefs = {1, 1};
  ASSERT_EQ(errorText(deep.verify()), "<success>");
  KernelSchedule d = scheduleKernel(deep, NodeSchedule::Upfront);
  EXPECT_EQ(scratchElementBits(d, deep, 128, 32), 32u);
  EXPECT_EQ(scratchElementBits(d, deep, 128, 64), 32u);
  // A coefficient that overflows any bound saturates, and nothing narrower
  // is proven: with inputs within 2, t0 and t1 fit 16 bits (28, 210) and
  // only t2 = x0 + INT64_MIN * t1 does not; 2^63 * 210 wraps to 0, so a
  // bound that did not saturate would give 16 bits (found in review: an
  // earlier version of this check passed either way).
  deep.nodes[2].rhsCoef = INT64_MIN;
  EXPECT_EQ(scratchElementBits(d, deep, 2, 64), 64u);
  deep.nodes[2].rhsCoef = 1;
  EXPECT_EQ(scratchElementBits(d, deep, 2, 64), 16u);
}

TEST(KernelSchedule, MatchesTheEvaluatorOnExtractedMatrices) {
  Rng rng(7);
  for (uint32_t size : {16u, 64u, 200u}) {
    for (double density : {0.1, 0.4}) {
      GenerateOptions g;
      g.rows = size;
      g.cols = size + 3;
      g.density = density;
      g.bits = 4;
      g.seed = size;
      SparseMatrix m = generateMatrix(g);
      ExtendedCsr e = extractCse(m, ExtractOptions()).ecsr;
      KernelSchedule s = scheduleKernel(e, NodeSchedule::PerRow);
      EXPECT_LE(s.numSlots, e.nodes.size());
      EXPECT_EQ(s.nodeOrder.size(), e.nodes.size());
      for (int trial = 0; trial < 3; ++trial) {
        auto x = randomVector(rng, m.cols(), -128, 127);
        ASSERT_EQ(evaluateSchedule(s, e, x, 32), multiplyReference(m, x, 32));
        ASSERT_EQ(evaluateSchedule(s, e, x, 16), multiplyReference(m, x, 16));
      }
    }
  }
}

} // namespace
