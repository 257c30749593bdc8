//===- CseSparse.h - cse_sparse dialect and attributes ----------*- C++ -*-===//

#ifndef CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSE_H
#define CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSE_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "cse-sparse/Dialect/CseSparse/IR/CseSparseDialect.h.inc"
#include "cse-sparse/Dialect/CseSparse/IR/CseSparseEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "cse-sparse/Dialect/CseSparse/IR/CseSparseAttrs.h.inc"

namespace mlir::cse_sparse {
/// The results of a destination-style cse_sparse op writing `init`: init's
/// type on tensors, none on memrefs (the op then updates the buffer).
inline SmallVector<Type, 1> resultTypesFor(Value init) {
  if (isa<RankedTensorType>(init.getType()))
    return {init.getType()};
  return {};
}
} // namespace mlir::cse_sparse

#define GET_OP_CLASSES
#include "cse-sparse/Dialect/CseSparse/IR/CseSparseOps.h.inc"

#endif // CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSE_H
