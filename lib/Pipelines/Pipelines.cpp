//===- Pipelines.cpp - registered cse-sparse pass pipelines ---------------===//

#include "cse-sparse/Pipelines/Pipelines.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::cse_sparse;

std::string
mlir::cse_sparse::cseSparseToLLVMPipeline(const CseSparseToLLVMOptions &o) {
  std::string text;
  llvm::raw_string_ostream os(text);
  if (o.extract)
    os << llvm::formatv("cse-sparse-extract{{cost-model={0} seed={1} "
                        "effort={2}},",
                        std::string(o.costModel), uint64_t(o.seed),
                        unsigned(o.effort));
  os << llvm::formatv("one-shot-bufferize{{bufferize-function-boundaries "
                      "function-boundary-type-conversion=identity-layout-map "
                      "buffer-alignment={0}},",
                      unsigned(o.tableAlignment));
  if (o.barePtr)
    // C callers pass every buffer: results become out-parameters, and what
    // remains of the temporaries goes on the stack.
    os << "buffer-results-to-out-params{hoist-static-allocs "
          "modify-public-functions},"
       << llvm::formatv(
              "func.func(promote-buffers-to-stack{{max-alloc-size-in-bytes={0}"
              " max-rank-of-allocated-memref=8}),",
              unsigned(o.maxStackBuffer));
  unsigned bits = o.indexBitwidth;
  os << llvm::formatv("convert-cse-sparse-to-scf{{table-alignment={0}},",
                      unsigned(o.tableAlignment))
     << "func.func(convert-linalg-to-loops),fold-memref-alias-ops,"
        "expand-strided-metadata,lower-affine,convert-scf-to-cf,canonicalize,"
     << llvm::formatv("convert-arith-to-llvm{{index-bitwidth={0}},"
                      "convert-cf-to-llvm{{index-bitwidth={0}},"
                      "convert-index-to-llvm{{index-bitwidth={0}},"
                      "finalize-memref-to-llvm{{index-bitwidth={0}},"
                      "convert-func-to-llvm{{index-bitwidth={0} "
                      "use-bare-ptr-memref-call-conv={1}},",
                      bits, bool(o.barePtr))
     << "reconcile-unrealized-casts";
  return text;
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
