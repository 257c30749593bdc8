//===- cse-opt.cpp - mlir-opt with the cse-sparse dialect and passes ------===//

#include "cse-sparse/Conversion/Passes.h"
#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/BufferizableOpInterfaceImpl.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h"
#include "cse-sparse/Pipelines/Pipelines.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::cse_sparse::registerCseSparsePasses();
  mlir::cse_sparse::registerCseSparseConversionPasses();
  mlir::cse_sparse::registerCseSparsePipelines();
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<mlir::cse_sparse::CseSparseDialect>();
  mlir::cse_sparse::registerBufferizableOpInterfaceExternalModels(registry);
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "cse-sparse optimizer driver\n", registry));
}
