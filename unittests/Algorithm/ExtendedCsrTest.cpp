//===- ExtendedCsrTest.cpp - ECSR layout, codec, evaluator ----------------===//

#include "cse-sparse/Algorithm/ExtendedCsr.h"
#include "TestUtils.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace cse_sparse;
using namespace cse_sparse::test;
using ::testing::HasSubstr;

namespace {

/// y0 = x0 + 2 x1 + x2, y1 = x0 + 2 x1 - x3, y2 = 0: t0 = x0 + 2 x1 is shared.
ExtendedCsr smallTree() {
  ExtendedCsr e;
  e.rows = 3;
  e.cols = 4;
  e.type = {8, true};
  e.nodes = {{0, 1, 1, 2}};
  e.rowPtr = {0, 2, 4, 4};
  e.operands = {2, 4, 3, 4};
  e.coefs = {1, 1, -1, 1};
  return e;
}

TEST(ExtendedCsr, EvaluatesTheTree) {
  ExtendedCsr e = smallTree();
  ASSERT_FALSE(errorText(e.verify()) != "<success>");
  EXPECT_EQ(evaluate(e, {1, 10, 100, 1000}),
            (std::vector<int64_t>{121, -979, 0}));
  SparseMatrix m = e.expand();
  EXPECT_EQ(m.toDense(),
            (std::vector<int64_t>{1, 2, 1, 0, 1, 2, 0, -1, 0, 0, 0, 0}));
}

TEST(ExtendedCsr, CountsOperations) {
  ExtendedCsr e = smallTree();
  OpCounts ops = countOps(e);
  // One node plus one addition per two-term row; the product 2*x1 once.
  EXPECT_EQ(ops.additions, 3u);
  EXPECT_EQ(ops.multiplications, 1u);
  EXPECT_EQ(adderTreeDepth(e), 1u);
  OpCounts plain = countOps(ExtendedCsr::fromMatrix(e.expand()));
  EXPECT_EQ(plain.additions, 4u);
  EXPECT_EQ(plain.multiplications, 1u);
}

TEST(ExtendedCsr, SizesFollowTheDocumentedLayout) {
  ExtendedCsr e = smallTree();
  EcsrSizes s = computeEcsrSizes(e);
  EXPECT_EQ(s.header, 24u);
  // Directory (8 bytes, no level beyond 1), one input-input node: 2 one-byte
  // input indices + 2 value bytes.
  EXPECT_EQ(s.nodeTable, 8u + 4u);
  // row_ptr 4 x 1 byte, 2 input entries x (1 col + 1 value).
  EXPECT_EQ(s.inputSegment, 4u + 4u);
  // row_ptr 4 x 1 byte, 2 CSE entries x 1 index byte, unit coefficients not
  // stored.
  EXPECT_EQ(s.cseSegment, 4u + 2u);
  EXPECT_EQ(encodeEcsr(e).size(), s.total());
  EcsrSizes plain = computeEcsrSizes(ExtendedCsr::fromMatrix(e.expand()));
  EXPECT_EQ(plain.total(), 24u + 4u + 6u * 2u);
  EXPECT_EQ(plain.cseSegment, 0u);
}

TEST(ExtendedCsr, WidthRules) {
  EXPECT_EQ(indexBytes(0), 1u);
  EXPECT_EQ(indexBytes(255), 1u);
  EXPECT_EQ(indexBytes(256), 2u);
  EXPECT_EQ(indexBytes(65535), 2u);
  EXPECT_EQ(indexBytes(65536), 4u);
  bool isUnsigned;
  EXPECT_EQ(valueBytes(-128, 127, &isUnsigned), 1u);
  EXPECT_FALSE(isUnsigned);
  EXPECT_EQ(valueBytes(0, 255, &isUnsigned), 1u);
  EXPECT_TRUE(isUnsigned);
  EXPECT_EQ(valueBytes(-129, 5), 2u);
  EXPECT_EQ(valueBytes(INT64_MIN, 0), 8u);
}

TEST(ExtendedCsr, RoundTripsThroughBytes) {
  ExtendedCsr e = smallTree();
  auto decoded = decodeEcsr(encodeEcsr(e));
  ASSERT_TRUE(bool(decoded)) << errorText(std::move(decoded));
  EXPECT_EQ(*decoded, e);
  // Non-unit CSE coefficients and unsigned values take the other flag paths.
  e.coefs = {200, 3, 7, 250};
  e.nodes[0].rhsCoef = 255;
  auto again = decodeEcsr(encodeEcsr(e));
  ASSERT_TRUE(bool(again)) << errorText(std::move(again));
  EXPECT_EQ(*again, e);
}

TEST(ExtendedCsr, DecoderRejectsDamage) {
  std::vector<uint8_t> good = encodeEcsr(smallTree());
  EXPECT_THAT(errorText(decodeEcsr({1, 2, 3})), HasSubstr("shorter than"));
  auto bad = good;
  bad[0] = 'X';
  EXPECT_THAT(errorText(decodeEcsr(bad)), HasSubstr("bad magic"));
  bad = good;
  bad[4] = 9;
  EXPECT_THAT(errorText(decodeEcsr(bad)), HasSubstr("version"));
  bad = good;
  bad[6] = 3;
  EXPECT_THAT(errorText(decodeEcsr(bad)), HasSubstr("invalid field width"));
  bad = good;
  bad.pop_back();
  EXPECT_THAT(errorText(decodeEcsr(bad)), HasSubstr("truncated"));
  bad = good;
  bad.push_back(0);
  EXPECT_THAT(errorText(decodeEcsr(bad)), HasSubstr("trailing"));
  // Header 24, directory 8, then the node's lhs input index.
  bad = good;
  bad[32] = 7;
  EXPECT_THAT(errorText(decodeEcsr(bad)),
              HasSubstr("CSE table: input index 7 out of range (< 4)"));
  // After the node table (4) and the input row_ptr (4): the first column.
  bad = good;
  bad[40] = 9;
  EXPECT_THAT(errorText(decodeEcsr(bad)),
              HasSubstr("input index 9 out of range (< 4)"));
  // The directory must account for every node.
  bad = good;
  bad[24] = 2;
  EXPECT_THAT(errorText(decodeEcsr(bad)),
              HasSubstr("node directory counts 2 nodes, header says 1"));
}

/// Two levels and all three node kinds, numbered out of canonical order:
/// t0 = x0 + x1, t1 = t0 + x2 (depth 2), t2 = x3 - x1 (depth 1),
/// t3 = t1 + t2 (depth 3).
ExtendedCsr deeperTree() {
  ExtendedCsr e;
  e.rows = 2;
  e.cols = 4;
  e.nodes = {{0, 1, 1, 1}, {2, 4, 1, 1}, {1, 3, -1, 1}, {5, 6, 1, 1}};
  e.rowPtr = {0, 2, 4};
  e.operands = {0, 7, 5, 6};
  e.coefs = {3, 1, 1, 1};
  return e;
}

TEST(ExtendedCsr, CanonicalOrderIsByDepthThenKind) {
  ExtendedCsr e = deeperTree();
  ASSERT_EQ(errorText(e.verify()), "<success>");
  ExtendedCsr c = e;
  canonicalizeNodeOrder(c);
  ASSERT_EQ(errorText(c.verify()), "<success>");
  // Depth 1: t0, t2 (input-input); depth 2: t1 (input-node); depth 3: t3.
  EXPECT_EQ(c.nodes[0], (CseNode{0, 1, 1, 1}));
  EXPECT_EQ(c.nodes[1], (CseNode{1, 3, -1, 1}));
  EXPECT_EQ(c.nodes[2], (CseNode{2, 4, 1, 1}));
  EXPECT_EQ(c.nodes[3], (CseNode{5, 6, 1, 1}));
  EXPECT_EQ(c.expand(), e.expand());
  for (int64_t x0 : {-3, 7})
    EXPECT_EQ(evaluate(c, {x0, 2, -5, 11}), evaluate(e, {x0, 2, -5, 11}));
  // Canonicalizing again changes nothing; the blob decodes to the canonical
  // form.
  ExtendedCsr again = c;
  canonicalizeNodeOrder(again);
  EXPECT_EQ(again, c);
  auto decoded = decodeEcsr(encodeEcsr(e));
  ASSERT_TRUE(bool(decoded)) << errorText(std::move(decoded));
  EXPECT_EQ(*decoded, c);
}

TEST(ExtendedCsr, NodeTableIsTypedByKind) {
  ExtendedCsr e = deeperTree();
  EcsrSizes s = computeEcsrSizes(e);
  // Directory: 8 + 2 levels x 8. Input-input: 2 x (1 + 1) each, two of them.
  // Input-node: 1 + 1 + 1 (node index), unit coefficient not stored.
  // Node-node: 2 x 1.
  EXPECT_EQ(s.nodeTable, 8u + 16u + 2u * 4u + 3u + 2u);
  EXPECT_EQ(encodeEcsr(e).size(), s.total());
  // A non-unit coefficient on a node reference stores all of them.
  e.nodes[3].rhsCoef = 2;
  EXPECT_EQ(computeEcsrSizes(e).nodeTable, 8u + 16u + 2u * 4u + 4u + 4u);
  auto decoded = decodeEcsr(encodeEcsr(e));
  ASSERT_TRUE(bool(decoded)) << errorText(std::move(decoded));
  EXPECT_EQ(decoded->expand(), e.expand());
}

TEST(ExtendedCsr, VerifierNamesTheBrokenRule) {
  ExtendedCsr e = smallTree();
  e.nodes[0].rhs = 4;
  EXPECT_THAT(errorText(e.verify()), HasSubstr("topological"));
  e = smallTree();
  e.nodes[0].lhsCoef = 0;
  EXPECT_THAT(errorText(e.verify()), HasSubstr("zero coefficient"));
  e = smallTree();
  e.rowPtr = {0, 2, 1, 4};
  EXPECT_THAT(errorText(e.verify()), HasSubstr("decreases"));
  e = smallTree();
  e.rowPtr = {1, 2, 4, 4};
  EXPECT_THAT(errorText(e.verify()), HasSubstr("row_ptr[0]"));
  e = smallTree();
  e.rowPtr = {0, 2, 4};
  EXPECT_THAT(errorText(e.verify()), HasSubstr("entries, expected 4"));
  e = smallTree();
  e.operands[1] = 2;
  EXPECT_THAT(errorText(e.verify()), HasSubstr("strictly increasing"));
  e = smallTree();
  e.operands[3] = 5;
  EXPECT_THAT(errorText(e.verify()), HasSubstr("out of range"));
  e = smallTree();
  e.coefs[2] = 0;
  EXPECT_THAT(errorText(e.verify()), HasSubstr("zero coefficient"));
}

TEST(ExtendedCsr, AccumulatorWrapsLikeTwosComplement) {
  SparseMatrix m = SparseMatrix::fromDense(1, 2, {127, 127});
  std::vector<int64_t> x = {INT32_MAX, INT32_MAX};
  // 254 * (2^31 - 1) mod 2^32, as a signed 32-bit value.
  int64_t expect = int32_t(uint32_t(uint64_t(254) * uint64_t(INT32_MAX)));
  EXPECT_EQ(multiplyReference(m, x, 32)[0], expect);
  EXPECT_EQ(evaluate(ExtendedCsr::fromMatrix(m), x, 32)[0], expect);
  EXPECT_EQ(multiplyReference(m, x, 64)[0], int64_t(254) * INT32_MAX);
}

} // namespace
