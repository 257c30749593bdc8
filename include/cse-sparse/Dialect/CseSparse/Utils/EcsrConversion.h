//===- EcsrConversion.h - ExtendedCsr <-> #cse_sparse.ecsr ------*- C++ -*-===//
//
// The bridge between the algorithm layer's ExtendedCsr and the dialect's
// attribute, for the CLI, the extraction pass and the lowering.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_DIALECT_CSESPARSE_UTILS_ECSRCONVERSION_H
#define CSE_SPARSE_DIALECT_CSESPARSE_UTILS_ECSRCONVERSION_H

#include "cse-sparse/Algorithm/ExtendedCsr.h"
#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"

#include "mlir/IR/BuiltinOps.h"

namespace mlir::cse_sparse {

/// The narrowest signless integer type of 8, 16, 32 or 64 bits holding
/// every coefficient of `ecsr` as a signed value (unsigned source types
/// widen: u8 255 needs i16), or `maxBits` if narrower: an accumulator of
/// fewer than 8 bits sees coefficients modulo 2^maxBits, which is all they
/// are then.
IntegerType coefficientType(MLIRContext *context,
                            const ::cse_sparse::ExtendedCsr &ecsr,
                            unsigned maxBits = 64);

/// Builds the attribute; index arrays are i32 unless a value needs i64.
/// Coefficients are of coefficientType(context, ecsr, maxBits).
EcsrAttr toEcsrAttr(MLIRContext *context,
                    const ::cse_sparse::ExtendedCsr &ecsr,
                    unsigned maxBits = 64);

/// Builds a float attribute from an extraction on coded values:
/// `value(coef, onNode)` gives the float of a coefficient, which multiplies a
/// tree node when `onNode` and an input otherwise.
EcsrAttr toFloatEcsrAttr(MLIRContext *context,
                         const ::cse_sparse::ExtendedCsr &ecsr, FloatType type,
                         function_ref<double(int64_t, bool)> value);

/// Reads an integer attribute back (float weights are not representable).
FailureOr<::cse_sparse::ExtendedCsr> fromEcsrAttr(EcsrAttr attr);

/// The attribute's structure (shape, nodes, rows) for any element type; every
/// coefficient reads as 1. For scheduling, which does not look at values.
::cse_sparse::ExtendedCsr ecsrStructure(EcsrAttr attr);

/// A module with `func.func @<name>(%x: tensor<N x batch x T>, %acc: tensor<M
/// x batch x A>) -> tensor<M x batch x A>` computing `acc + W * x` with one
/// cse_sparse.matmul; T is the coefficient type and A the narrowest of i32/i64
/// that holds a product.
OwningOpRef<ModuleOp> buildMatmulModule(MLIRContext *context,
                                        const ::cse_sparse::ExtendedCsr &ecsr,
                                        StringRef name, int64_t batch = 1);

} // namespace mlir::cse_sparse

#endif // CSE_SPARSE_DIALECT_CSESPARSE_UTILS_ECSRCONVERSION_H
