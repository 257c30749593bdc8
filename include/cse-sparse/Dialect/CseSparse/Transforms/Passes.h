//===- Passes.h - cse_sparse transformation passes --------------*- C++ -*-===//

#ifndef CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_PASSES_H
#define CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_PASSES_H

#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/ExtractionRecord.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

#include "cse-sparse/Algorithm/EnumNames.h"

namespace mlir::cse_sparse {

#define GEN_PASS_DECL
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h.inc"

/// --cse-sparse-extract handing `onRecord` one ExtractionRecord per candidate
/// op (ExtractionRecord.h), in program order, after each successful run; with
/// `report=FILE` it also writes them as JSON. A null `onRecord` receives
/// nothing.
std::unique_ptr<Pass>
createCseSparseExtractPass(const CseSparseExtractPassOptions &options,
                           ExtractionRecordCallback onRecord);

#define GEN_PASS_REGISTRATION
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h.inc"

} // namespace mlir::cse_sparse

#endif // CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_PASSES_H
