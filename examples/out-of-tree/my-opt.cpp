//===- my-opt.cpp - an out-of-tree opt tool with cse-sparse ---------------===//
//
// What a compiler that embeds cse-sparse registers: the dialect with its
// bufferization models, the passes and the pipeline. Only the upstream
// dialects that our input uses are registered, to keep this quick to build.
//
//===----------------------------------------------------------------------===//

#include "cse-sparse/Conversion/Passes.h"
#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/BufferizableOpInterfaceImpl.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h"
#include "cse-sparse/Pipelines/Pipelines.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::cse_sparse::registerCseSparsePasses();
  mlir::cse_sparse::registerCseSparseConversionPasses();
  mlir::cse_sparse::registerCseSparsePipelines();

  mlir::DialectRegistry registry;
  registry.insert<mlir::arith::ArithDialect, mlir::func::FuncDialect,
                  mlir::linalg::LinalgDialect, mlir::tensor::TensorDialect,
                  mlir::cse_sparse::CseSparseDialect>();
  mlir::cse_sparse::registerBufferizableOpInterfaceExternalModels(registry);
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "an out-of-tree opt tool with cse-sparse\n", registry));
}
