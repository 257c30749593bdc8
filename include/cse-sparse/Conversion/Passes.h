//===- Passes.h - conversions out of cse_sparse -----------------*- C++ -*-===//

#ifndef CSE_SPARSE_CONVERSION_PASSES_H
#define CSE_SPARSE_CONVERSION_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

#include "cse-sparse/Algorithm/EnumNames.h"

namespace mlir::cse_sparse {

#define GEN_PASS_DECL
#include "cse-sparse/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "cse-sparse/Conversion/Passes.h.inc"

} // namespace mlir::cse_sparse

#endif // CSE_SPARSE_CONVERSION_PASSES_H
