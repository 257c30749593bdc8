//===- fuzz-ir.cpp - parsing and verifying cse_sparse IR from text --------===//
//
// Any text must parse and verify, or be rejected with diagnostics; a module
// that verifies must print and parse back to the same text.

#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"

#include <cstdlib>

using namespace mlir;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static MLIRContext *context = [] {
    DialectRegistry registry;
    registry.insert<cse_sparse::CseSparseDialect, func::FuncDialect,
                    arith::ArithDialect, memref::MemRefDialect>();
    auto *ctx = new MLIRContext(registry, MLIRContext::Threading::DISABLED);
    ctx->loadAllAvailableDialects();
    // Diagnostics are expected; keep them quiet.
    ctx->getDiagEngine().registerHandler([](Diagnostic &) {});
    return ctx;
  }();
  // MLIR's lexer reads up to a terminating NUL, as MemoryBuffers provide;
  // libFuzzer's bytes have none, std::string does.
  std::string text(reinterpret_cast<const char *>(data), size);
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, context);
  if (!module || failed(verify(*module)))
    return 0;
  std::string printed;
  llvm::raw_string_ostream os(printed);
  module->print(os);
  OwningOpRef<ModuleOp> again = parseSourceString<ModuleOp>(printed, context);
  if (!again)
    std::abort();
  std::string reprinted;
  llvm::raw_string_ostream os2(reprinted);
  again->print(os2);
  if (printed != reprinted)
    std::abort();
  return 0;
}
