//===- FuzzContext.h - what the MLIR fuzz targets share ---------*- C++ -*-===//
//
// fuzz-passes and fuzz-pipeline run what cse-opt runs: the same registry,
// the same environment switch for printing, and one context kept across
// inputs.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_FUZZ_FUZZCONTEXT_H
#define CSE_SPARSE_FUZZ_FUZZCONTEXT_H

#include "cse-sparse/Conversion/Passes.h"
#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/BufferizableOpInterfaceImpl.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"

#include <cstdlib>
#include <memory>

namespace cse_sparse::fuzz {

/// Every upstream dialect, extension and pass, and ours, as in cse-opt
/// (the passes are registered on first use).
inline const mlir::DialectRegistry &registry() {
  static const mlir::DialectRegistry *registry = [] {
    mlir::registerAllPasses();
    mlir::cse_sparse::registerCseSparsePasses();
    mlir::cse_sparse::registerCseSparseConversionPasses();
    auto *r = new mlir::DialectRegistry;
    mlir::registerAllDialects(*r);
    mlir::registerAllExtensions(*r);
    r->insert<mlir::cse_sparse::CseSparseDialect>();
    mlir::cse_sparse::registerBufferizableOpInterfaceExternalModels(*r);
    return r;
  }();
  return *registry;
}

/// Whether each input and its outcome are printed (CSE_SPARSE_FUZZ_PRINT).
inline bool printing() {
  static bool print = std::getenv("CSE_SPARSE_FUZZ_PRINT") != nullptr;
  return print;
}

/// The context for the next input, made by `newContext`. Inputs share one:
/// a fresh context per input, loading the dialects a pipeline needs, made
/// each run 1.6 to 2.4 times slower. It is replaced now and then because it
/// keeps every attribute, type and resource blob it ever uniqued (each
/// generated constant is one); nothing it keeps changes how a later input
/// runs.
/// CSE_SPARSE_FUZZ_INPUTS_PER_CONTEXT=N replaces it every N inputs (1: a
/// fresh context per input), to reproduce a failure that depends on an
/// earlier input, or on the replacement itself.
inline mlir::MLIRContext &
contextForNextInput(std::unique_ptr<mlir::MLIRContext> (*newContext)()) {
  static const unsigned inputsPerContext = [] {
    const char *n = std::getenv("CSE_SPARSE_FUZZ_INPUTS_PER_CONTEXT");
    unsigned value =
        n ? static_cast<unsigned>(std::strtoul(n, nullptr, 10)) : 0;
    return value ? value : 1000u;
  }();
  static std::unique_ptr<mlir::MLIRContext> ctx;
  static unsigned inputs = 0;
  if (!ctx || ++inputs % inputsPerContext == 0)
    ctx = newContext();
  return *ctx;
}

} // namespace cse_sparse::fuzz

#endif // CSE_SPARSE_FUZZ_FUZZCONTEXT_H
