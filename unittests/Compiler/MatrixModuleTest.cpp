//===- MatrixModuleTest.cpp - a weight matrix as a linalg model -----------===//

#include "cse-sparse/Compiler/MatrixModule.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::cse_sparse;
using ::cse_sparse::ElementType;
using ::cse_sparse::SparseMatrix;

namespace {

/// The module's weight constant.
ElementsAttr weightOf(ModuleOp module) {
  ElementsAttr weight;
  module.walk([&](arith::ConstantOp c) {
    if (auto e = dyn_cast<ElementsAttr>(c.getValue()))
      weight = e;
  });
  return weight;
}

TEST(MatrixModule, SmallMatrix) {
  MLIRContext context;
  SparseMatrix m =
      SparseMatrix::fromDense(2, 3, {0, 3, 0, -1, 0, 5}, ElementType{8, true});
  OwningOpRef<ModuleOp> module =
      buildMatrixModule(&context, m, "net", 2, "w.mtx");
  ASSERT_TRUE(module);
  ASSERT_TRUE(succeeded(verify(*module)));
  std::string text;
  llvm::raw_string_ostream os(text);
  module->print(os);
  EXPECT_EQ(text, R"mlir(module {
  func.func @net(%arg0: tensor<3x2xi8>) -> tensor<2x2xi32> {
    %cst = arith.constant dense<[[0, 3, 0], [-1, 0, 5]]> : tensor<2x3xi8>
    %c0_i32 = arith.constant 0 : i32
    %0 = tensor.empty() : tensor<2x2xi32>
    %1 = linalg.fill ins(%c0_i32 : i32) outs(%0 : tensor<2x2xi32>) -> tensor<2x2xi32>
    %2 = linalg.matmul ins(%cst, %arg0 : tensor<2x3xi8>, tensor<3x2xi8>) outs(%1 : tensor<2x2xi32>) -> tensor<2x2xi32>
    return %2 : tensor<2x2xi32>
  }
}
)mlir");
  // Diagnostics point at the file, under the entry point's name.
  std::string where;
  llvm::raw_string_ostream(where) << module->getLoc();
  EXPECT_EQ(where, "loc(\"net\"(\"w.mtx\":0:0))");
}

// The raw-data constant is the attribute element-by-element construction
// gives (uniqued: the same object).
TEST(MatrixModule, DenseWeightIsTheUsualAttribute) {
  MLIRContext context;
  SparseMatrix m = SparseMatrix::fromDense(2, 2, {200, 0, 0, 3},
                                           ElementType{8, /*isSigned=*/false});
  EXPECT_EQ(matrixInputBits(m), 8u);
  EXPECT_EQ(matrixWeightBits(m), 16u); // 200 is not an i8
  OwningOpRef<ModuleOp> module = buildMatrixModule(&context, m, "u8", 1, "u8");
  ASSERT_TRUE(module);
  auto type = RankedTensorType::get({2, 2}, IntegerType::get(&context, 16));
  SmallVector<APInt> values = {APInt(16, 200), APInt(16, 0), APInt(16, 0),
                               APInt(16, 3)};
  EXPECT_EQ(weightOf(*module), DenseElementsAttr::get(type, values));
}

// Above kMaxDenseWeightElements the weight is sparse<indices, values>: the
// non-zeros only, never expanded.
TEST(MatrixModule, LargeWeightStaysSparse) {
  MLIRContext context;
  SparseMatrix m = SparseMatrix::fromTriplets(
      2048, 1024, {{0, 0, 3}, {2047, 1023, -5}, {6, 999, 100}},
      ElementType{8, true});
  OwningOpRef<ModuleOp> module =
      buildMatrixModule(&context, m, "mid", 1, "mid.mtx");
  ASSERT_TRUE(module);
  ASSERT_TRUE(succeeded(verify(*module)));
  auto weight = dyn_cast_or_null<SparseElementsAttr>(weightOf(*module));
  ASSERT_TRUE(weight);
  EXPECT_EQ(llvm::to_vector(weight.getIndices().getValues<int64_t>()),
            (SmallVector<int64_t>{0, 0, 6, 999, 2047, 1023}));
  EXPECT_EQ(llvm::to_vector(weight.getValues().getValues<int8_t>()),
            (SmallVector<int8_t>{3, 100, -5}));
}

TEST(MatrixModule, WideWeightsAreRefused) {
  SparseMatrix wide = SparseMatrix::fromDense(1, 1, {1}, ElementType{64, true});
  EXPECT_EQ(llvm::toString(checkMatrixWeights(wide)),
            "i64 weights are wider than the 32 bits a kernel supports");
  SparseMatrix big =
      SparseMatrix::fromDense(1, 1, {3000000000}, ElementType{32, false});
  EXPECT_EQ(llvm::toString(checkMatrixWeights(big)),
            "u32 weight 3000000000 needs more than the 32 signed bits a "
            "kernel supports");
  EXPECT_FALSE(checkMatrixWeights(
      SparseMatrix::fromDense(1, 1, {-7}, ElementType{8, true})));
}

} // namespace
