//===- FootprintTest.cpp - memory of a model as it is lowered -------------===//
//
// The accounting agrees with the lowering it describes: each kernel's figures
// with what --convert-cse-sparse-to-scf reports, and each entry point's stack
// with the buffers left in the function once it has run.
//
//===----------------------------------------------------------------------===//

#include "cse-sparse/Compiler/Footprint.h"

#include "cse-sparse/Conversion/Passes.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/BufferizableOpInterfaceImpl.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::cse_sparse;
using ::cse_sparse::NodeSchedule;

namespace {

/// Rows 0-1 share x0 + 2 x1 and rows 2-3 share 3 x2 + x3: evaluated per
/// row, the second subexpression can take the first one's slot.
constexpr const char *kLayer = R"mlir(
func.func @net(%x: tensor<4x1xi8>) -> tensor<4x1xi32> {
  %w = arith.constant dense<[[1, 2, 1, 0], [1, 2, 0, 1], [0, 0, 3, 1], [1, 0, 3, 1]]> : tensor<4x4xi8>
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<4x1xi32>
  %a = linalg.fill ins(%z : i32) outs(%e : tensor<4x1xi32>) -> tensor<4x1xi32>
  %y = linalg.matmul ins(%w, %x : tensor<4x4xi8>, tensor<4x1xi8>) outs(%a : tensor<4x1xi32>) -> tensor<4x1xi32>
  return %y : tensor<4x1xi32>
}
)mlir";

class Footprint : public ::testing::TestWithParam<NodeSchedule> {
protected:
  Footprint() : context(registry()) { context.loadAllAvailableDialects(); }

  static DialectRegistry registry() {
    DialectRegistry registry;
    registerAllDialects(registry);
    registerAllExtensions(registry);
    registry.insert<CseSparseDialect>();
    registerBufferizableOpInterfaceExternalModels(registry);
    return registry;
  }

  MLIRContext context;
};

TEST_P(Footprint, AgreesWithTheLowering) {
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(kLayer, &context);
  ASSERT_TRUE(module);
  CseSparseToLLVMOptions options;
  options.costModel = ::cse_sparse::CostModelKind::Sparse;
  options.nodeSchedule = GetParam();
  options.barePtr = true;

  FailureOr<std::vector<LayerReport>> layers = extractLayers(*module, options);
  ASSERT_TRUE(succeeded(layers));
  ASSERT_EQ(layers->size(), 1u);
  const LayerReport &layer = layers->front();
  ASSERT_TRUE(layer.record.rewritten());
  ASSERT_TRUE(layer.kernel);
  EXPECT_GT(layer.kernel->nodes, 0u);
  KernelFootprint expected =
      kernelFootprint(layer.record.op, GetParam(), /*compactTables=*/false);
  EXPECT_EQ(layer.kernel->scratchBytes, expected.scratchBytes);
  EXPECT_EQ(layer.kernel->tableBytes, expected.tableBytes);
  llvm::json::Value json = toJSON(layer);
  const llvm::json::Object *kernel = json.getAsObject()->getObject("kernel");
  ASSERT_TRUE(kernel);
  EXPECT_EQ(kernel->getInteger("scratch_bytes"),
            int64_t(layer.kernel->scratchBytes));

  FailureOr<std::vector<EntryPoint>> entries = describeEntryPoints(*module);
  ASSERT_TRUE(succeeded(entries));
  PassManager bufferize(&context);
  buildBufferizationStage(bufferize, options);
  ASSERT_TRUE(succeeded(bufferize.run(*module)));
  ASSERT_TRUE(succeeded(countStackBytes(*module, *entries, options)));

  // The kernels alone, with their remarks.
  std::string remarks;
  ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
    if (d.getSeverity() == DiagnosticSeverity::Remark)
      remarks += d.str();
    return success();
  });
  ConvertCseSparseToSCFPassOptions lower;
  lower.nodeSchedule = options.nodeSchedule;
  lower.remarks = true;
  PassManager pm(&context);
  pm.addPass(createConvertCseSparseToSCFPass(lower));
  ASSERT_TRUE(succeeded(pm.run(*module)));
  EXPECT_NE(remarks.find(("scratch " + llvm::Twine(layer.kernel->scratchBytes) +
                          " bytes, tables " +
                          llvm::Twine(layer.kernel->tableBytes) + " bytes")
                             .str()),
            std::string::npos)
      << remarks;

  uint64_t stack = 0;
  module->walk([&](memref::AllocaOp alloca) {
    MemRefType type = alloca.getType();
    stack += type.getNumElements() * ((type.getElementTypeBitWidth() + 7) / 8);
  });
  EXPECT_EQ(entries->front().bufferBytes, stack);
}

INSTANTIATE_TEST_SUITE_P(
    Schedules, Footprint,
    ::testing::Values(NodeSchedule::Upfront, NodeSchedule::PerRow),
    [](const ::testing::TestParamInfo<NodeSchedule> &info) {
      return info.param == NodeSchedule::PerRow ? "PerRow" : "Upfront";
    });

// The schedule changes the figures: accounting with another schedule than
// the lowering's would show.
TEST_F(Footprint, PerRowNeedsLessScratch) {
  auto scratch = [&](NodeSchedule schedule) {
    OwningOpRef<ModuleOp> module =
        parseSourceString<ModuleOp>(kLayer, &context);
    CseSparseToLLVMOptions options;
    options.costModel = ::cse_sparse::CostModelKind::Sparse;
    options.nodeSchedule = schedule;
    FailureOr<std::vector<LayerReport>> layers =
        extractLayers(*module, options);
    return succeeded(layers) && layers->size() == 1 && layers->front().kernel
               ? layers->front().kernel->scratchBytes
               : 0;
  };
  uint64_t upfront = scratch(NodeSchedule::Upfront);
  uint64_t perRow = scratch(NodeSchedule::PerRow);
  EXPECT_GT(perRow, 0u);
  EXPECT_LT(perRow, upfront);
}

// Without extraction there is nothing to account for.
TEST_F(Footprint, NoExtraction) {
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(kLayer, &context);
  CseSparseToLLVMOptions options;
  options.extract = false;
  FailureOr<std::vector<LayerReport>> layers = extractLayers(*module, options);
  ASSERT_TRUE(succeeded(layers));
  EXPECT_TRUE(layers->empty());
}

} // namespace
