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
  EXPECT_EQ(s.header, 28u);
  // Directory: depth, one level with one group (count, kind, its two input
  // coefficients); then the node's two one-byte input indices.
  EXPECT_EQ(s.nodeTable, 4u + 4u + (4u + 1u + 2u) + 2u);
  // Two input references: one segment (row_ptr 4 x 1 byte, column + value)
  // is smaller than three split by sign.
  EXPECT_EQ(s.inputSegment, 4u + 2u * 2u);
  // row_ptr 4 x 1 byte, 2 node references x 1 index byte, unit coefficients
  // not stored.
  EXPECT_EQ(s.cseSegment, 4u + 2u);
  EXPECT_EQ(encodeEcsr(e).size(), s.total());
  // Standard CSR: header, row_ptr, 6 x (column + value).
  EXPECT_EQ(plainCsrBytes(e.expand()), 28u + 4u + 6u * 2u);
  // Without nodes the layout is exactly standard CSR.
  EcsrSizes flat = computeEcsrSizes(ExtendedCsr::fromMatrix(e.expand()));
  EXPECT_EQ(flat.total(), plainCsrBytes(e.expand()));
  EXPECT_EQ(flat.nodeTable + flat.cseSegment, 0u);
}

TEST(ExtendedCsr, SplitsInputsBySignWhenSmaller) {
  // 2 x 40, mostly +-1: three sign segments beat one with values.
  std::vector<int64_t> dense(80);
  for (size_t i = 0; i < dense.size(); ++i)
    dense[i] = i % 7 == 0 ? 3 : (i % 2 ? -1 : 1);
  SparseMatrix m = SparseMatrix::fromDense(2, 40, dense);
  ExtendedCsr flat = ExtendedCsr::fromMatrix(m);
  EcsrSizes s = computeEcsrSizes(flat);
  // 3 row_ptr x 3 bytes, 80 columns, 12 values of 3.
  EXPECT_EQ(s.inputSegment, 9u + 80u + 12u);
  EXPECT_LT(s.total(), plainCsrBytes(m));
  auto decoded = decodeEcsr(encodeEcsr(flat));
  ASSERT_TRUE(bool(decoded)) << errorText(std::move(decoded));
  EXPECT_EQ(*decoded, flat);
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
  // Header 28, directory 15 (depth, groups, count, kind, 2 coefficients),
  // then the node's lhs index.
  bad = good;
  bad[43] = 7;
  EXPECT_THAT(errorText(decodeEcsr(bad)),
              HasSubstr("CSE table: input index 7 out of range (< 4)"));
  // After the node (2 bytes) and the input row_ptr (4): its first column.
  bad = good;
  bad[49] = 9;
  EXPECT_THAT(errorText(decodeEcsr(bad)),
              HasSubstr("input index 9 out of range (< 4)"));
  // The directory must account for every node: the group's count.
  bad = good;
  bad[36] = 2;
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
  // Depth 1: t2 (coefficients -1, 1), t0 (1, 1); depth 2: t1 (input-node);
  // depth 3: t3.
  EXPECT_EQ(c.nodes[0], (CseNode{1, 3, -1, 1}));
  EXPECT_EQ(c.nodes[1], (CseNode{0, 1, 1, 1}));
  EXPECT_EQ(c.nodes[2], (CseNode{2, 5, 1, 1}));
  EXPECT_EQ(c.nodes[3], (CseNode{4, 6, 1, 1}));
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

TEST(ExtendedCsr, NodeTableGroupsByKindAndCoefficients) {
  ExtendedCsr e = deeperTree();
  EcsrSizes s = computeEcsrSizes(e);
  // Directory: depth; level 1 with two input-input groups (count, kind, two
  // coefficients); level 2 with one input-node group (one coefficient);
  // level 3 with one node-node group. Then the nodes: two input indices each
  // at depth 1, an input and a node index, two node indices.
  EXPECT_EQ(s.nodeTable,
            4u + (4u + 2u * 7u) + (4u + 6u) + (4u + 5u) + 2u * 2u + 2u + 2u);
  EXPECT_EQ(encodeEcsr(e).size(), s.total());
  // A non-unit coefficient on a node reference stores all of them.
  e.nodes[3].rhsCoef = 2;
  EXPECT_EQ(computeEcsrSizes(e).nodeTable,
            4u + (4u + 2u * 7u) + (4u + 6u) + (4u + 5u) + 2u * 2u + 3u + 4u);
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

TEST(ExtendedCsr, DecoderRejectsUnknownFlagsAndReservedBytes) {
  std::vector<uint8_t> blob = encodeEcsr(smallTree());
  std::vector<uint8_t> flags = blob;
  flags[5] |= 0x80; // byte 5: flags
  EXPECT_THAT(errorText(decodeEcsr(flags)), HasSubstr("unknown ECSR flags"));
  std::vector<uint8_t> reserved = blob;
  reserved[13] = 1; // bytes 13-15: reserved widths
  EXPECT_EQ(errorText(decodeEcsr(reserved)), "reserved header bytes must be 0");
}

TEST(ExtendedCsr, DecoderChecksEveryDirectoryGroup) {
  // Found by the AddressSanitizer build: two input-input groups whose
  // coefficients use the bytes the second group's header needs.
  std::vector<uint8_t> blob = {'E', 'C', 'S', 'R', 1, 0,    1, 1, 1, 1, 1, 1,
                               1,   0,   0,   0,   2, 0,    0, 0, 4, 0, 0, 0,
                               4,   0,   0,   0,   3, 0,    0, 0, 2, 0, 0, 0,
                               1,   0,   0,   0,   0, 0xff, 1, 1, 0, 0, 0};
  EXPECT_EQ(errorText(decodeEcsr(blob)), "truncated node directory");
}

TEST(ExtendedCsr, DecoderSurvivesCorruptedBlobs) {
  // Every corrupted blob either fails with a message or decodes to a tree that
  // passes verify(): never a crash, never an unchecked structure.
  cse_sparse::Rng rng(11);
  std::vector<std::vector<uint8_t>> blobs = {encodeEcsr(smallTree()),
                                             encodeEcsr(deeperTree())};
  int decoded = 0, rejected = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    std::vector<uint8_t> bad = blobs[trial % blobs.size()];
    int flips = 1 + rng.below(3);
    for (int f = 0; f < flips; ++f)
      bad[rng.below(bad.size())] = uint8_t(rng.next());
    if (trial % 7 == 0)
      bad.resize(rng.below(bad.size() + 1));
    auto result = decodeEcsr(bad);
    if (!result) {
      EXPECT_FALSE(llvm::toString(result.takeError()).empty());
      ++rejected;
      continue;
    }
    ++decoded;
    EXPECT_EQ(errorText(result->verify()), "<success>");
    // A header may declare millions of inputs with no entries; evaluating
    // needs N + K values, so only small results are run.
    if (result->numOperands() <= (1u << 16)) {
      std::vector<int64_t> x(result->cols, 1);
      EXPECT_EQ(evaluate(*result, x).size(), result->rows);
    }
  }
  EXPECT_GT(rejected, 0);
  EXPECT_GT(decoded, 0);
}
} // namespace
