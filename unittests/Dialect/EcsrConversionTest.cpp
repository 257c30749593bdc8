//===- EcsrConversionTest.cpp - ExtendedCsr <-> #cse_sparse.ecsr ----------===//

#include "cse-sparse/Dialect/CseSparse/Utils/EcsrConversion.h"
#include "cse-sparse/Algorithm/Extraction.h"
#include "cse-sparse/Algorithm/Generate.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::cse_sparse;

namespace {

TEST(EcsrConversion, RoundTripsExtractionResults) {
  MLIRContext context;
  context.loadDialect<CseSparseDialect>();
  // int4 and int8 weights, and +-300 (peaked: mostly small, so it shares).
  for (unsigned levels : {7u, 127u, 300u}) {
    ::cse_sparse::GenerateOptions g;
    g.rows = 40;
    g.cols = 30;
    g.levels = levels;
    g.density = 0.4;
    g.seed = levels;
    ::cse_sparse::SparseMatrix m = ::cse_sparse::generateMatrix(g);
    for (auto match :
         {::cse_sparse::MatchMode::Exact, ::cse_sparse::MatchMode::Scaled}) {
      ::cse_sparse::ExtractOptions opts;
      opts.match = match;
      ::cse_sparse::ExtendedCsr e = ::cse_sparse::extractCse(m, opts).ecsr;
      if (levels == 7) {
        ASSERT_FALSE(e.nodes.empty());
      }
      EcsrAttr attr = toEcsrAttr(&context, e);
      EXPECT_EQ(attr.getType().getElementType(),
                IntegerType::get(&context, levels <= 127 ? 8 : 16));
      FailureOr<::cse_sparse::ExtendedCsr> back = fromEcsrAttr(attr);
      ASSERT_TRUE(succeeded(back));
      EXPECT_EQ(back->nodes, e.nodes);
      EXPECT_EQ(back->rowPtr, e.rowPtr);
      EXPECT_EQ(back->operands, e.operands);
      EXPECT_EQ(back->coefs, e.coefs);
      EXPECT_EQ(back->expand(), m);
    }
  }
}

TEST(EcsrConversion, UnsignedWeightsWiden) {
  MLIRContext context;
  context.loadDialect<CseSparseDialect>();
  ::cse_sparse::SparseMatrix m = ::cse_sparse::SparseMatrix::fromDense(
      1, 2, {255, 1}, ::cse_sparse::ElementType{8, false});
  EcsrAttr attr =
      toEcsrAttr(&context, ::cse_sparse::ExtendedCsr::fromMatrix(m));
  // 255 does not fit a signed i8: the attribute uses i16 so it keeps its value.
  EXPECT_EQ(attr.getType().getElementType(), IntegerType::get(&context, 16));
  EXPECT_EQ(fromEcsrAttr(attr)->coefs, (std::vector<int64_t>{255, 1}));
}

TEST(EcsrConversion, BuildsAVerifiedMatmulModule) {
  MLIRContext context;
  ::cse_sparse::GenerateOptions g;
  g.rows = g.cols = 16;
  ::cse_sparse::SparseMatrix m = ::cse_sparse::generateMatrix(g);
  auto e = ::cse_sparse::extractCse(m, {}).ecsr;
  OwningOpRef<ModuleOp> module = buildMatmulModule(&context, e, "layer", 3);
  ASSERT_TRUE(module);
  EXPECT_TRUE(succeeded(verify(*module)));
}

} // namespace
