//===- cse-sparse-plugin.cpp - cse-sparse as an mlir-opt plugin -----------===//
//
// Entry points that upstream mlir-opt looks up after
// --load-dialect-plugin=CseSparsePlugin.so and
// --load-pass-plugin=CseSparsePlugin.so.
//
//===----------------------------------------------------------------------===//

#include "cse-sparse/Conversion/Passes.h"
#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/BufferizableOpInterfaceImpl.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h"
#include "cse-sparse/Pipelines/Pipelines.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Support/Compiler.h"

#include <mutex>

using namespace mlir;

/// Both entry points register the passes, so that either flag alone makes
/// them available; a pipeline registered twice is fatal in builds of MLIR with
/// assertions, hence once per process.
static void registerPassesAndPipelines() {
  static std::once_flag once;
  std::call_once(once, [] {
    mlir::cse_sparse::registerCseSparsePasses();
    mlir::cse_sparse::registerCseSparseConversionPasses();
    mlir::cse_sparse::registerCseSparsePipelines();
  });
}

/// The dialect and the external models cse-opt registers with it: without
/// the bufferization models, --one-shot-bufferize (and so the
/// --cse-sparse-to-llvm pipeline) cannot bufferize our ops.
extern "C" LLVM_ATTRIBUTE_WEAK DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "CseSparse", CSE_SPARSE_VERSION,
          [](DialectRegistry *registry) {
            registry->insert<mlir::cse_sparse::CseSparseDialect>();
            mlir::cse_sparse::registerBufferizableOpInterfaceExternalModels(
                *registry);
            registerPassesAndPipelines();
          }};
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "CseSparsePasses", CSE_SPARSE_VERSION,
          registerPassesAndPipelines};
}
