//===- CseSparse.h - cse_sparse dialect and attributes ----------*- C++ -*-===//

#ifndef CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSE_H
#define CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSE_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "cse-sparse/Dialect/CseSparse/IR/CseSparseDialect.h.inc"
#include "cse-sparse/Dialect/CseSparse/IR/CseSparseEnums.h.inc"

namespace mlir::cse_sparse {
/// The elements of `attr` as bit patterns of the element width (floats as
/// their bits), for the elements attributes the dialect accepts: dense
/// elements, a `dense_resource` blob of 8-, 16-, 32- or 64-bit integers or
/// f32 / f64, and any elements attribute that iterates APInt or APFloat
/// values. Otherwise fails, with the reason in `why`.
FailureOr<SmallVector<APInt>> readElementBits(ElementsAttr attr,
                                              std::string &why);
/// `attr` as dense elements: itself if it is one, otherwise a copy.
FailureOr<DenseElementsAttr> toDenseElements(ElementsAttr attr,
                                             std::string &why);
} // namespace mlir::cse_sparse

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

namespace mlir::cse_sparse {
/// Checks the contents of `weight`'s `dense_resource` blobs. The attribute's
/// own verifier cannot when it is built before the blobs are loaded (text
/// files list resources after the IR), so the ops holding a weight call
/// this; weights without blobs pass at once.
LogicalResult
verifyWeightContents(EcsrAttr weight,
                     function_ref<InFlightDiagnostic()> emitError);
} // namespace mlir::cse_sparse

#define GET_OP_CLASSES
#include "cse-sparse/Dialect/CseSparse/IR/CseSparseOps.h.inc"

#endif // CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSE_H
