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
  // 1 node: 2 operand bytes + 2 value bytes.
  EXPECT_EQ(s.nodeTable, 4u);
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
  // The first input column index sits right after the node table and input
  // row_ptr.
  bad = good;
  bad[24 + 4 + 4] = 7;
  EXPECT_THAT(errorText(decodeEcsr(bad)),
              HasSubstr("input index 7 out of range"));
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
