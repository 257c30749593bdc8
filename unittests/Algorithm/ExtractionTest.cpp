//===- ExtractionTest.cpp - CSE extraction: exactness, determinism --------===//

#include "cse-sparse/Algorithm/Extraction.h"
#include "TestUtils.h"
#include "cse-sparse/Algorithm/Generate.h"

#include <gtest/gtest.h>

#include <tuple>

using namespace cse_sparse;
using namespace cse_sparse::test;

namespace {

/// Everything a result must satisfy, whatever the options.
void expectExact(const SparseMatrix &m, const ExtractionResult &r,
                 const ExtractOptions &opts, Rng &rng) {
  const ExtendedCsr &e = r.ecsr;
  ASSERT_EQ(errorText(e.verify()), "<success>");
  EXPECT_EQ(e.expand(), m);
  for (int trial = 0; trial < 4; ++trial) {
    auto x = randomVector(rng, m.cols(), -128, 127);
    ASSERT_EQ(evaluate(e, x), multiplyReference(m, x));
    ASSERT_EQ(evaluate(e, x, 32), multiplyReference(m, x, 32));
  }
  auto decoded = decodeEcsr(encodeEcsr(e));
  ASSERT_TRUE(bool(decoded)) << errorText(std::move(decoded));
  EXPECT_EQ(*decoded, e);
  // A result never costs more than the matrix without CSEs.
  EXPECT_LE(r.objective, r.objectiveWithout);
  EXPECT_EQ(r.objective, objectiveValue(e, opts.objective));
}

TEST(Extraction, FindsTheSharedPair) {
  // Rows 0-2 share 3*x0 - x2; row 3 has it scaled by 2.
  SparseMatrix m = SparseMatrix::fromDense(
      4, 4, {3, 0, -1, 1, 3, 1, -1, 0, 3, 0, -1, 0, 6, 0, -2, 1});
  ExtractOptions opts;
  opts.algorithm = SearchAlgorithm::Greedy;
  ExtractionResult exact = extractCse(m, opts);
  ASSERT_EQ(exact.ecsr.nodes.size(), 1u);
  EXPECT_EQ(exact.ecsr.nodes[0], (CseNode{0, 2, 3, -1}));
  // 7 additions before; the node costs 1 and saves one in each of rows 0-2.
  EXPECT_EQ(countOps(exact.ecsr).additions, 7u - 3u + 1u);

  opts.match = MatchMode::Scaled;
  // Alone with multiplier 2, row 3 would pay a product to save one addition,
  // so under the ops objective it keeps its terms.
  ExtractionResult lone = extractCse(m, opts);
  ASSERT_EQ(lone.ecsr.nodes.size(), 1u);
  EXPECT_EQ(lone.ecsr.rowPtr[4] - lone.ecsr.rowPtr[3], 3u);
  // A second row with multiplier 2 shares that product: both use the node.
  SparseMatrix m2 = SparseMatrix::fromDense(
      5, 4, {3, 0, -1, 1, 3, 1, -1, 0, 3, 0, -1, 0, 6, 0, -2, 1, 6, 1, -2, 0});
  ExtractionResult scaled = extractCse(m2, opts);
  ASSERT_EQ(scaled.ecsr.nodes.size(), 1u);
  EXPECT_EQ(scaled.ecsr.nodes[0], (CseNode{0, 2, 3, -1}));
  for (uint32_t row : {3u, 4u}) {
    uint64_t last = scaled.ecsr.rowPtr[row + 1] - 1;
    EXPECT_EQ(scaled.ecsr.operands[last], 4u);
    EXPECT_EQ(scaled.ecsr.coefs[last], 2);
  }
  Rng rng(7);
  expectExact(m2, scaled, opts, rng);
}

TEST(Extraction, KeepsOnlyProfitableCses) {
  // Every pair occurs once: nothing to share.
  SparseMatrix m = SparseMatrix::fromDense(2, 4, {1, 2, 0, 0, 0, 0, 3, 4});
  for (auto alg : {SearchAlgorithm::Greedy, SearchAlgorithm::Random}) {
    ExtractOptions opts;
    opts.algorithm = alg;
    EXPECT_TRUE(extractCse(m, opts).ecsr.nodes.empty());
  }
}

TEST(Extraction, BytesObjectiveNeverGrowsTheTables) {
  GenerateOptions g;
  g.density = 0.3;
  for (uint32_t n : {96u, 300u}) {
    g.rows = g.cols = n;
    SparseMatrix m = generateMatrix(g);
    ExtractOptions opts;
    opts.objective = Objective::Bytes;
    ExtractionResult r = extractCse(m, opts);
    uint64_t flat = computeEcsrSizes(ExtendedCsr::fromMatrix(m)).total();
    // With N <= 256 a +-1 input reference costs one byte and a node reference
    // two once there are more than 256 nodes: nothing pays, the matrix stays
    // flat. With N > 256 sharing pays.
    if (n <= 256)
      EXPECT_EQ(computeEcsrSizes(r.ecsr).total(), flat);
    else
      EXPECT_LT(computeEcsrSizes(r.ecsr).total(), flat * 8 / 10);
    Rng rng(3);
    expectExact(m, r, opts, rng);
  }
}

/// Matrices that stress the edges: empty, single row/column, all zero, dense,
/// extremes.
std::vector<SparseMatrix> edgeMatrices() {
  std::vector<SparseMatrix> out;
  out.push_back(SparseMatrix(0, 0));
  out.push_back(SparseMatrix(0, 5));
  out.push_back(SparseMatrix(5, 0));
  out.push_back(SparseMatrix(4, 4));
  out.push_back(SparseMatrix::fromDense(1, 6, {1, 1, 1, 1, 1, 1}));
  out.push_back(SparseMatrix::fromDense(6, 1, {1, -1, 1, -1, 2, 2}));
  std::vector<int64_t> extremes;
  for (int i = 0; i < 64; ++i)
    extremes.push_back(i % 3 == 0 ? -128 : (i % 3 == 1 ? 127 : -128));
  out.push_back(SparseMatrix::fromDense(8, 8, extremes));
  std::vector<int64_t> dense(12 * 10);
  for (size_t i = 0; i < dense.size(); ++i)
    dense[i] = int64_t(i % 5) - 2 == 0 ? 1 : int64_t(i % 5) - 2;
  out.push_back(SparseMatrix::fromDense(12, 10, dense));
  // Values at the ends of int64: scaled matching must not overflow.
  out.push_back(SparseMatrix::fromDense(
      3, 3,
      {INT64_MIN, INT64_MAX, 1, INT64_MIN, INT64_MAX, 1, INT64_MIN, 1, 1}));
  return out;
}

/// Random matrices of many shapes, densities and value distributions.
std::vector<SparseMatrix> randomMatrices(unsigned count) {
  std::vector<SparseMatrix> out;
  Rng rng(2024);
  for (unsigned i = 0; i < count; ++i) {
    GenerateOptions g;
    g.rows = 1 + rng.below(48);
    g.cols = 1 + rng.below(48);
    g.density = 0.05 + 0.9 * rng.uniform();
    g.bits = i % 3 == 0 ? 8 : 4;
    g.levels = i % 7 == 0 ? 2 : 0;
    g.distribution = ValueDistribution(i % 3);
    g.seed = rng.next();
    out.push_back(generateMatrix(g));
  }
  return out;
}

using Modes = std::tuple<SearchAlgorithm, MatchMode, Objective>;
class ExtractionProperty : public ::testing::TestWithParam<Modes> {};

TEST_P(ExtractionProperty, ExactOnEdgeAndRandomMatrices) {
  auto [alg, match, objective] = GetParam();
  ExtractOptions opts;
  opts.algorithm = alg;
  opts.match = match;
  opts.objective = objective;
  opts.effort = 2;
  Rng rng(99);
  std::vector<SparseMatrix> all = edgeMatrices();
  for (SparseMatrix &m : randomMatrices(150))
    all.push_back(std::move(m));
  for (size_t i = 0; i < all.size(); ++i) {
    SCOPED_TRACE("matrix " + std::to_string(i));
    opts.seed = i;
    expectExact(all[i], extractCse(all[i], opts), opts, rng);
    if (HasFatalFailure())
      return;
  }
}

INSTANTIATE_TEST_SUITE_P(
    AllModes, ExtractionProperty,
    ::testing::Combine(::testing::Values(SearchAlgorithm::Random,
                                         SearchAlgorithm::Greedy),
                       ::testing::Values(MatchMode::Exact, MatchMode::Scaled),
                       ::testing::Values(Objective::Ops, Objective::Bytes,
                                         Objective::Instructions)),
    [](const ::testing::TestParamInfo<Modes> &info) {
      return std::string(toString(std::get<0>(info.param))) + "_" +
             toString(std::get<1>(info.param)) + "_" +
             toString(std::get<2>(info.param));
    });

TEST(Extraction, SameSeedSameResultAnyThreadCount) {
  GenerateOptions g;
  g.rows = g.cols = 128;
  SparseMatrix m = generateMatrix(g);
  ExtractOptions opts;
  opts.seed = 42;
  opts.effort = 3;
  opts.threads = 1;
  ExtractionResult a = extractCse(m, opts);
  opts.threads = 3;
  ExtractionResult b = extractCse(m, opts);
  EXPECT_EQ(a.ecsr, b.ecsr);
  EXPECT_EQ(a.improvements, b.improvements);
  opts.match = MatchMode::Scaled;
  EXPECT_EQ(extractCse(m, opts).ecsr, extractCse(m, opts).ecsr);
}

TEST(Extraction, BoundedCandidateMemoryStaysExact) {
  // A tiny candidate budget forces threshold raises and rescans.
  GenerateOptions g;
  g.rows = g.cols = 160;
  g.density = 0.4;
  SparseMatrix m = generateMatrix(g);
  ExtractOptions opts;
  opts.algorithm = SearchAlgorithm::Greedy;
  ExtractionResult unbounded = extractCse(m, opts);
  opts.maxCandidates = 1024;
  ExtractionResult bounded = extractCse(m, opts);
  Rng rng(5);
  expectExact(m, bounded, opts, rng);
  // The bound costs at most a little quality.
  EXPECT_LT(double(bounded.objective), 1.05 * double(unbounded.objective));
  EXPECT_LT(bounded.objective, bounded.objectiveWithout);
}

TEST(Extraction, SharesOnPeakedInt4) {
  GenerateOptions g;
  g.rows = g.cols = 256;
  g.density = 0.25;
  SparseMatrix m = generateMatrix(g);
  ExtractOptions opts;
  ExtractionResult r = extractCse(m, opts);
  ExtractionReport rep = makeReport(m, r);
  // Peaked int4 shares a lot: a third of the additions at least.
  EXPECT_LT(rep.after.additions, rep.before.additions * 2 / 3);
  EXPECT_GT(rep.cses, 0u);
}

TEST(Extraction, RandomSearchNeverLosesToGreedy) {
  // Random search starts from greedy's result and only accepts repairs that
  // are no worse.
  for (uint64_t seed : {1, 2, 3}) {
    GenerateOptions g;
    g.rows = g.cols = 128;
    g.seed = seed;
    SparseMatrix m = generateMatrix(g);
    ExtractOptions opts;
    opts.seed = seed;
    ExtractionResult random = extractCse(m, opts);
    opts.algorithm = SearchAlgorithm::Greedy;
    ExtractionResult greedy = extractCse(m, opts);
    EXPECT_LE(random.objective, greedy.objective);
    EXPECT_EQ(random.rounds, ExtractOptions().effort);
  }
}

TEST(Generate, DeterministicAndAtDensity) {
  GenerateOptions g;
  g.rows = 200;
  g.cols = 100;
  g.density = 0.1;
  SparseMatrix a = generateMatrix(g), b = generateMatrix(g);
  EXPECT_EQ(a, b);
  EXPECT_NEAR(double(a.nnz()) / (200 * 100), 0.1, 0.02);
  auto [lo, hi] = a.valueRange();
  EXPECT_GE(lo, -7);
  EXPECT_LE(hi, 7);
  g.seed = 2;
  EXPECT_FALSE(generateMatrix(g) == a);
}

} // namespace
