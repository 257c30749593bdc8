//===- CseSparseToSCFTest.cpp - the lowering as patterns
//-------------------===//
//
// What another compiler does with our conversion: mix the patterns into its
// own conversion, and check the preconditions itself.
//
//===----------------------------------------------------------------------===//

#include "cse-sparse/Conversion/CseSparseToSCF.h"
#include "cse-sparse/Conversion/Passes.h"

#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Transforms/DialectConversion.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::cse_sparse;

namespace {

constexpr const char *kWeight = R"mlir(
#w = #cse_sparse.ecsr<type = tensor<2x3xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 3,
    operands = dense<[[0, 1]]> : tensor<1x2xi32>,
    coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>,
  row_ptr = dense<[0, 2, 3]> : tensor<3xi32>,
  col_idx = dense<[2, 3, 3]> : tensor<3xi32>,
  values = dense<[1, 5, -1]> : tensor<3xi8>>
)mlir";

class CseSparseToSCF : public ::testing::Test {
protected:
  CseSparseToSCF() {
    context.loadDialect<CseSparseDialect, func::FuncDialect,
                        arith::ArithDialect, memref::MemRefDialect,
                        scf::SCFDialect, cf::ControlFlowDialect>();
  }

  OwningOpRef<ModuleOp> parse(StringRef body) {
    return parseSourceString<ModuleOp>((Twine(kWeight) + body).str(), &context);
  }

  static unsigned count(ModuleOp module, StringRef dialect) {
    unsigned n = 0;
    module.walk([&](Operation *op) {
      n += op->getDialect() && op->getDialect()->getNamespace() == dialect;
    });
    return n;
  }

  MLIRContext context;
};

// Our patterns and upstream's scf-to-cf patterns in one conversion: the
// kernel's loops become branches in the same application.
TEST_F(CseSparseToSCF, MixesIntoAnotherConversion) {
  OwningOpRef<ModuleOp> module = parse(R"mlir(
func.func @f(%x: memref<3x4xi8>, %y: memref<2x4xi32>) {
  cse_sparse.matmul #w ins(%x : memref<3x4xi8>) outs(%y : memref<2x4xi32>)
  return
})mlir");
  ASSERT_TRUE(module);
  ASSERT_TRUE(succeeded(checkCseSparseToSCFPreconditions(*module)));
  RewritePatternSet patterns(&context);
  CseSparseToSCFOptions options;
  options.nodeSchedule = ::cse_sparse::NodeSchedule::PerRow;
  populateCseSparseToSCFConversionPatterns(patterns, options);
  populateSCFToControlFlowConversionPatterns(patterns);
  ConversionTarget target(context);
  configureCseSparseToSCFConversionTarget(target);
  // As --convert-scf-to-cf does: scf.yield goes with its parent.
  target.addIllegalOp<scf::ForOp, scf::IfOp>();
  target.addLegalDialect<cf::ControlFlowDialect, func::FuncDialect>();
  target.addLegalOp<scf::YieldOp>();
  target.addLegalOp<ModuleOp>();
  ASSERT_TRUE(
      succeeded(applyFullConversion(*module, target, std::move(patterns))));
  EXPECT_TRUE(succeeded(verify(*module)));
  EXPECT_EQ(count(*module, "cse_sparse"), 0u);
  EXPECT_EQ(count(*module, "scf"), 0u);
  EXPECT_GT(count(*module, "cf"), 0u);
  // The tables are module-level constants.
  unsigned globals = 0;
  for (auto global : module->getOps<memref::GlobalOp>())
    globals += global.getConstant();
  EXPECT_GT(globals, 0u);
}

// An op on tensors is not lowered: the patterns do not match, and the check
// says why at the op.
TEST_F(CseSparseToSCF, RefusesTensorsWithAReason) {
  OwningOpRef<ModuleOp> module = parse(R"mlir(
func.func @f(%x: tensor<3x4xi8>, %y: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %r = cse_sparse.matmul #w ins(%x : tensor<3x4xi8>) outs(%y : tensor<2x4xi32>) -> tensor<2x4xi32>
  return %r : tensor<2x4xi32>
})mlir");
  ASSERT_TRUE(module);
  std::string message;
  {
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      message = diag.str();
      return success();
    });
    EXPECT_TRUE(failed(checkCseSparseToSCFPreconditions(*module)));
  }
  EXPECT_NE(message.find("must be bufferized"), std::string::npos) << message;

  RewritePatternSet patterns(&context);
  populateCseSparseToSCFConversionPatterns(patterns);
  ConversionTarget target(context);
  configureCseSparseToSCFConversionTarget(target);
  ScopedDiagnosticHandler quiet(&context,
                                [](Diagnostic &) { return success(); });
  EXPECT_TRUE(
      failed(applyPartialConversion(*module, target, std::move(patterns))));
  EXPECT_EQ(count(*module, "cse_sparse"), 1u);
}

} // namespace
