//===- ExtractionRecordTest.cpp - per-op results of --cse-sparse-extract --===//
//
// What a compiler reads from the pass without a file: one record per
// candidate op, the same as the JSON report, with the op standing for it.
//
//===----------------------------------------------------------------------===//

#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <set>

using namespace mlir;
using namespace mlir::cse_sparse;

namespace {

/// A layer to rewrite (its weight shares 1*x0 + 2*x1 in every row), and one
/// left alone (its weight is an argument).
constexpr const char *kTwoLayers = R"mlir(
func.func @f(%x: tensor<4x1xi8>, %v: tensor<3x4xi8>) -> (tensor<3x1xi32>, tensor<3x1xi32>) {
  %w = arith.constant dense<[[1, 2, 0, 3], [1, 2, 3, 0], [1, 2, 1, 1]]> : tensor<3x4xi8>
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<3x1xi32>
  %a = linalg.fill ins(%z : i32) outs(%e : tensor<3x1xi32>) -> tensor<3x1xi32>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi8>, tensor<4x1xi8>) outs(%a : tensor<3x1xi32>) -> tensor<3x1xi32>
  %u = linalg.matmul ins(%v, %x : tensor<3x4xi8>, tensor<4x1xi8>) outs(%a : tensor<3x1xi32>) -> tensor<3x1xi32>
  return %y, %u : tensor<3x1xi32>, tensor<3x1xi32>
}
)mlir";

class ExtractionRecords : public ::testing::Test {
protected:
  ExtractionRecords() {
    context.loadDialect<arith::ArithDialect, func::FuncDialect,
                        linalg::LinalgDialect, tensor::TensorDialect>();
  }

  OwningOpRef<ModuleOp> parse(StringRef text) {
    return parseSourceString<ModuleOp>(text, &context);
  }

  MLIRContext context;
};

/// The pass's report file, parsed.
llvm::json::Array readReport(StringRef path) {
  auto text = llvm::MemoryBuffer::getFile(path);
  EXPECT_TRUE(bool(text));
  if (!text)
    return {};
  llvm::Expected<llvm::json::Value> parsed =
      llvm::json::parse((*text)->getBuffer());
  EXPECT_TRUE(bool(parsed)) << llvm::toString(parsed.takeError());
  if (!parsed || !parsed->getAsArray())
    return {};
  return std::move(*parsed->getAsArray());
}

// One record per candidate op, in program order, matching the report entry
// for entry; the rewritten op's record points at the new cse_sparse.matmul.
TEST_F(ExtractionRecords, OnePerCandidateMatchingTheReport) {
  OwningOpRef<ModuleOp> module = parse(kTwoLayers);
  ASSERT_TRUE(module);
  llvm::SmallString<128> report;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("records", "json", report));
  CseSparseExtractPassOptions options;
  options.costModel = ::cse_sparse::CostModelKind::Sparse;
  options.report = std::string(report);
  std::vector<ExtractionRecord> records;
  PassManager pm(&context);
  pm.addPass(createCseSparseExtractPass(
      options, [&](const ExtractionRecord &r) { records.push_back(r); }));
  ASSERT_TRUE(succeeded(pm.run(*module)));
  llvm::json::Array entries = readReport(report);
  llvm::sys::fs::remove(report);

  ASSERT_EQ(records.size(), 2u);
  ASSERT_EQ(entries.size(), 2u);
  for (size_t i = 0; i < records.size(); ++i)
    EXPECT_EQ(toJSON(records[i]), entries[i]) << "record " << i;

  // Field by field, against the report's own spelling.
  const ExtractionRecord &rewritten = records[0];
  const llvm::json::Object *entry = entries[0].getAsObject();
  ASSERT_TRUE(entry);
  EXPECT_TRUE(rewritten.rewritten());
  EXPECT_EQ(rewritten.opName.getStringRef(), "linalg.matmul");
  EXPECT_EQ(entry->getString("form"), ::cse_sparse::toString(rewritten.form));
  EXPECT_EQ(entry->getInteger("rows"), int64_t(rewritten.figures.rows));
  EXPECT_EQ(entry->getInteger("cses"), int64_t(rewritten.figures.cses));
  EXPECT_EQ(rewritten.columns, std::optional<int64_t>(1));
  EXPECT_FALSE(rewritten.predicted); // no target cost model decided
  ASSERT_TRUE(rewritten.op);
  EXPECT_TRUE(isa<MatmulOp>(rewritten.op));
  EXPECT_EQ(rewritten.op->getParentOfType<ModuleOp>(), *module);

  const ExtractionRecord &left = records[1];
  entry = entries[1].getAsObject();
  ASSERT_TRUE(entry);
  EXPECT_FALSE(left.rewritten());
  EXPECT_EQ(left.reason, ExtractionReason::NoConstantWeight);
  EXPECT_EQ(entry->getString("reason"), "no_constant_weight");
  EXPECT_EQ(entry->getString("detail"), left.detail);
  // Left alone: the record's op is the candidate, still in the IR.
  ASSERT_TRUE(left.op);
  EXPECT_TRUE(isa<linalg::MatmulOp>(left.op));
  EXPECT_EQ(left.op->getParentOfType<ModuleOp>(), *module);
}

// A target cost model's predictions come with the ops it rewrote and those
// it found not profitable (this 3x4 layer is smaller dense on a Cortex-M4).
TEST_F(ExtractionRecords, NotProfitableCarriesPredictions) {
  OwningOpRef<ModuleOp> module = parse(kTwoLayers);
  ASSERT_TRUE(module);
  CseSparseExtractPassOptions options;
  options.costModel = ::cse_sparse::CostModelKind::CortexM4;
  std::vector<ExtractionRecord> records;
  PassManager pm(&context);
  pm.addPass(createCseSparseExtractPass(
      options, [&](const ExtractionRecord &r) { records.push_back(r); }));
  ASSERT_TRUE(succeeded(pm.run(*module)));
  ASSERT_EQ(records.size(), 2u);
  const ExtractionRecord &dense = records[0];
  EXPECT_EQ(dense.form, ::cse_sparse::KernelForm::Dense);
  EXPECT_EQ(dense.reason, ExtractionReason::NotProfitable);
  EXPECT_EQ(extractionReasonCode(*dense.reason), "not_profitable");
  ASSERT_TRUE(dense.predicted);
  EXPECT_EQ(dense.costModel, ::cse_sparse::CostModelKind::CortexM4);
  EXPECT_LT(dense.predicted->dense.tableBytes,
            dense.predicted->ecsr.tableBytes);
  llvm::json::Value json = toJSON(dense);
  const llvm::json::Object *predicted =
      json.getAsObject()->getObject("predicted");
  ASSERT_TRUE(predicted);
  EXPECT_EQ(predicted->getString("cost_model"), "cortex-m4");
  EXPECT_FALSE(records[1].predicted); // no weight, nothing to predict
}

// Nested under functions the pass manager runs in parallel: every function's
// records arrive, and no two calls overlap.
TEST_F(ExtractionRecords, ParallelRunsTakeTurns) {
  std::string text;
  for (int i = 0; i < 6; ++i)
    text += std::string(kTwoLayers)
                .replace(std::string(kTwoLayers).find("@f"), 2,
                         "@f" + std::to_string(i));
  OwningOpRef<ModuleOp> module = parse(text);
  ASSERT_TRUE(module);
  ASSERT_TRUE(context.isMultithreadingEnabled());
  CseSparseExtractPassOptions options;
  options.costModel = ::cse_sparse::CostModelKind::Sparse;
  std::vector<ExtractionRecord> records;
  std::atomic<int> inside{0};
  std::atomic<bool> overlapped{false};
  PassManager pm(&context);
  pm.nest<func::FuncOp>().addPass(
      createCseSparseExtractPass(options, [&](const ExtractionRecord &r) {
        if (inside.fetch_add(1) != 0)
          overlapped = true;
        records.push_back(r);
        inside.fetch_sub(1);
      }));
  ASSERT_TRUE(succeeded(pm.run(*module)));
  EXPECT_FALSE(overlapped);
  ASSERT_EQ(records.size(), 12u);
  std::set<Operation *> functions;
  for (const ExtractionRecord &r : records)
    functions.insert(r.op->getParentOfType<func::FuncOp>());
  EXPECT_EQ(functions.size(), 6u);
}

} // namespace
