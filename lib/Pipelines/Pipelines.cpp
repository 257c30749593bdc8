//===- Pipelines.cpp - registered cse-sparse pass pipelines ---------------===//

#include "cse-sparse/Pipelines/Pipelines.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::cse_sparse;

std::string mlir::cse_sparse::extractionStage(const CseSparseToLLVMOptions &o) {
  if (!o.extract)
    return "";
  std::string report =
      o.report.empty() ? "" : " report=\"" + std::string(o.report) + "\"";
  return llvm::formatv("cse-sparse-extract{{cost-model={0} seed={1} "
                       "effort={2} match={3} objective={4}{5}}",
                       std::string(o.costModel), uint64_t(o.seed),
                       unsigned(o.effort), std::string(o.match),
                       std::string(o.objective), report)
      .str();
}

std::string
mlir::cse_sparse::bufferizationStage(const CseSparseToLLVMOptions &o) {
  std::string text;
  llvm::raw_string_ostream os(text);
  // arith ops on whole tensors (a cast of a weight or an activation, as front
  // ends write them) have no bufferization of their own: as linalg.generic
  // they do.
  os << "func.func(convert-elementwise-to-linalg),";
  os << llvm::formatv("one-shot-bufferize{{bufferize-function-boundaries "
                      "function-boundary-type-conversion=identity-layout-map "
                      "buffer-alignment={0}}",
                      unsigned(o.tableAlignment));
  if (o.barePtr)
    // C callers pass every buffer: results become out-parameters, and what
    // remains of the temporaries goes on the stack.
    os << ",buffer-results-to-out-params{hoist-static-allocs "
          "modify-public-functions},"
       << llvm::formatv(
              "func.func(promote-buffers-to-stack{{max-alloc-size-in-bytes={0}"
              " max-rank-of-allocated-memref=8})",
              unsigned(o.maxStackBuffer));
  return text;
}

std::string mlir::cse_sparse::loweringStage(const CseSparseToLLVMOptions &o) {
  unsigned bits = o.indexBitwidth;
  return llvm::formatv(
             "convert-cse-sparse-to-scf{{table-alignment={0} "
             "node-schedule={3} compact-tables={4}},"
             "func.func(convert-linalg-to-loops),fold-memref-alias-ops,"
             "expand-strided-metadata,lower-affine,convert-scf-to-cf,"
             "canonicalize,convert-arith-to-llvm{{index-bitwidth={1}},"
             "convert-cf-to-llvm{{index-bitwidth={1}},"
             "convert-index-to-llvm{{index-bitwidth={1}},"
             "finalize-memref-to-llvm{{index-bitwidth={1}},"
             "convert-func-to-llvm{{index-bitwidth={1} "
             "use-bare-ptr-memref-call-conv={2}},reconcile-unrealized-casts",
             unsigned(o.tableAlignment), bits, bool(o.barePtr),
             std::string(o.nodeSchedule), bool(o.compactTables))
      .str();
}

std::string
mlir::cse_sparse::cseSparseToLLVMPipeline(const CseSparseToLLVMOptions &o) {
  std::string extract = extractionStage(o);
  return (extract.empty() ? "" : extract + ",") + bufferizationStage(o) + "," +
         loweringStage(o);
}

void mlir::cse_sparse::buildCseSparseToLLVMPipeline(
    OpPassManager &pm, const CseSparseToLLVMOptions &options) {
  // The text names registered passes with valid options: parsing cannot fail
  // unless a pass is missing from the binary.
  if (failed(parsePassPipeline(cseSparseToLLVMPipeline(options), pm)))
    llvm::report_fatal_error("cse-sparse-to-llvm: pipeline does not parse");
}

void mlir::cse_sparse::registerCseSparsePipelines() {
  PassPipelineRegistration<CseSparseToLLVMOptions>(
      "cse-sparse-to-llvm",
      "Linalg on tensors to the LLVM dialect: extract CSEs, bufferize, lower "
      "cse_sparse and linalg to loops, then to LLVM (docs/lowering.md)",
      buildCseSparseToLLVMPipeline);
}
