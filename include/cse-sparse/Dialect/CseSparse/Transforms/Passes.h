//===- Passes.h - cse_sparse transformation passes --------------*- C++ -*-===//

#ifndef CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_PASSES_H
#define CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_PASSES_H

#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

#include "cse-sparse/Algorithm/EnumNames.h"

namespace mlir::cse_sparse {

#define GEN_PASS_DECL
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h.inc"

} // namespace mlir::cse_sparse

#endif // CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_PASSES_H
