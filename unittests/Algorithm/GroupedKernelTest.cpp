//===- GroupedKernelTest.cpp - grouped ECSR kernel tables -----------------===//

#include "cse-sparse/Algorithm/GroupedKernel.h"
#include "TestUtils.h"
#include "cse-sparse/Algorithm/Extraction.h"
#include "cse-sparse/Algorithm/KernelSchedule.h"

#include <gtest/gtest.h>

using namespace cse_sparse;
using namespace cse_sparse::test;

namespace {

/// t0 = x0 + x1 (kind 0), t1 = 2*x2 + t0 (kind 1), t2 = t0 + t1 (kind 2);
/// rows: r0 = t2 - x3, r1 = 3*x1 + t0, r2 = x0 + x2, r3 = (empty).
ExtendedCsr allKinds() {
  ExtendedCsr e;
  e.rows = 4;
  e.cols = 4;
  e.nodes = {{0, 1, 1, 1}, {2, 4, 2, 1}, {4, 5, 1, 1}};
  e.rowPtr = {0, 2, 4, 6, 6};
  e.operands = {3, 6, 1, 4, 0, 2};
  e.coefs = {-1, 1, 3, 1, 1, 1};
  return e;
}

TEST(GroupedKernel, TablesFollowTheEcsrLayout) {
  ExtendedCsr e = allKinds();
  ASSERT_EQ(errorText(e.verify()), "<success>");
  GroupedKernel g = groupKernel(e);
  ASSERT_EQ(g.groups.size(), 3u);
  EXPECT_EQ(g.groups[0].kind, GroupKind::InputInput);
  EXPECT_EQ(g.groups[1].kind, GroupKind::InputNode);
  EXPECT_EQ(g.groups[1].lhsCoef, 2);
  EXPECT_EQ(g.groups[2].kind, GroupKind::NodeNode);
  EXPECT_EQ(g.inputPairs, (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(g.mixedInputs, (std::vector<uint32_t>{2}));
  EXPECT_EQ(g.mixedNodes, (std::vector<uint32_t>{4}));
  EXPECT_EQ(g.nodePairs, (std::vector<uint32_t>{4, 5}));
  EXPECT_FALSE(g.nodeCoefsStored);
  EXPECT_TRUE(g.mixedCoefs.empty());
  // Coefficient 1: r0's t2 (index 6), r1's t0 (4), r2's x0 and x2; the rest
  // scaled: r0's -x3, r1's 3*x1. Unit runs are whole blocks of four: r2's
  // inputs move to Scaled with coefficient 1; r0 and r1 have no input to
  // move and are padded with the zero element (4 + 3 = 7). Scaled runs are
  // padded with (0, 0).
  EXPECT_EQ(g.zeroElement(), 7u);
  EXPECT_EQ(g.refs[Unit], (std::vector<uint32_t>{6, 7, 7, 7, 4, 7, 7, 7}));
  EXPECT_EQ(g.rowEnd[Unit], (std::vector<uint64_t>{1, 2, 2, 2}));
  EXPECT_EQ(g.refs[Scaled],
            (std::vector<uint32_t>{3, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0}));
  EXPECT_EQ(g.scaledValues,
            (std::vector<int64_t>{-1, 0, 0, 0, 3, 0, 0, 0, 1, 1, 0, 0}));
  EXPECT_EQ(g.rowEnd[Scaled], (std::vector<uint64_t>{1, 2, 3, 3}));
  EXPECT_EQ(scaledRecordBits(g), 8u);
  // Node tables 6 bytes, Unit 4 + 8, Scaled 4 + 12 two-byte records.
  EXPECT_EQ(groupedTableBytes(g, 8), 6u + 12 + 28);
  // What the bytes objective counts: the tables and three groups of one
  // node, each straight code.
  EXPECT_EQ(shippedBytes(e), 6u + 12 + 28 + 3 * kSmallGroupCodeBytes);
  std::vector<int64_t> x = {1, 10, 100, 1000};
  EXPECT_EQ(evaluateGrouped(g, x), evaluate(e, x));
}

TEST(GroupedKernel, NodeSideCoefficientsAreStoredWhenNotOne) {
  ExtendedCsr e = allKinds();
  e.nodes[2].rhsCoef = -2; // t2 = t0 - 2*t1
  GroupedKernel g = groupKernel(e);
  EXPECT_TRUE(g.nodeCoefsStored);
  EXPECT_EQ(g.nodePairCoefs, (std::vector<int64_t>{1, -2}));
  EXPECT_EQ(g.mixedCoefs, (std::vector<int64_t>{1}));
  std::vector<int64_t> x = {-7, 10, 100, 1000};
  EXPECT_EQ(evaluateGrouped(g, x), evaluate(e, x));
}

TEST(GroupedKernel, ExactOnExtractedMatrices) {
  Rng rng(3);
  for (MatchMode match : {MatchMode::Exact, MatchMode::Scaled}) {
    for (uint32_t size : {16u, 96u, 300u}) {
      GenerateOptions gen;
      gen.rows = size;
      gen.cols = size + 5;
      gen.density = 0.3;
      gen.bits = 4;
      gen.seed = size;
      SparseMatrix m = generateMatrix(gen);
      ExtractOptions options;
      options.match = match;
      ExtendedCsr e = extractCse(m, options).ecsr;
      GroupedKernel g = groupKernel(e);
      uint64_t nodes = 0;
      for (const NodeGroup &group : g.groups) {
        EXPECT_EQ(group.first, nodes);
        nodes += group.count;
      }
      EXPECT_EQ(nodes, e.nodes.size());
      for (int trial = 0; trial < 3; ++trial) {
        auto x = randomVector(rng, m.cols(), -128, 127);
        ASSERT_EQ(evaluateGrouped(g, x, 32), multiplyReference(m, x, 32));
        ASSERT_EQ(evaluateGrouped(g, x, 16), multiplyReference(m, x, 16));
      }
      // The schedule of the same order evaluates the same values.
      KernelSchedule s = scheduleKernel(g.ecsr, NodeSchedule::Grouped);
      EXPECT_EQ(s.numSlots, e.nodes.size() + 1);
      for (unsigned seg = 0; seg < kNumRowSegments; ++seg)
        EXPECT_EQ(g.refs[seg].size(), g.rowEnd[seg].back() * kRowUnroll);
      // Without nodes nothing pads Unit: its references stay inputs.
      if (e.nodes.empty()) {
        for (uint32_t ref : g.refs[Unit])
          EXPECT_LT(ref, e.cols);
      }
      auto x = randomVector(rng, m.cols(), -128, 127);
      EXPECT_EQ(evaluateSchedule(s, g.ecsr, x, 32),
                multiplyReference(m, x, 32));
    }
  }
}

} // namespace
