//===- Passes.h - the steps of --cse-sparse-to-llvm -------------*- C++ -*-===//

#ifndef CSE_SPARSE_PIPELINES_PASSES_H
#define CSE_SPARSE_PIPELINES_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::cse_sparse {

#define GEN_PASS_DECL
#include "cse-sparse/Pipelines/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "cse-sparse/Pipelines/Passes.h.inc"

} // namespace mlir::cse_sparse

#endif // CSE_SPARSE_PIPELINES_PASSES_H
