//===- CseSparse.h - cse_sparse dialect and attributes ----------*- C++ -*-===//

#ifndef CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSE_H
#define CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSE_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"

#include "cse-sparse/Dialect/CseSparse/IR/CseSparseDialect.h.inc"

#define GET_ATTRDEF_CLASSES
#include "cse-sparse/Dialect/CseSparse/IR/CseSparseAttrs.h.inc"

#endif // CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSE_H
