//===- LifetimeMarkers.h - buffer lifetimes from memref to LLVM -*- C++ -*-===//
//
// memref has no lifetime markers and LLVM's need the alloca itself:
// cse-sparse-mark-lifetimes calls these two external functions with a
// buffer's address, which survives the conversion to the LLVM dialect, and
// cse-sparse-llvm-lifetimes replaces each call with llvm.intr.lifetime.start
// or .end on the alloca the address comes from.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_PIPELINES_LIFETIMEMARKERS_H
#define CSE_SPARSE_LIB_PIPELINES_LIFETIMEMARKERS_H

#include "llvm/ADT/StringRef.h"

namespace mlir::cse_sparse {

inline constexpr llvm::StringLiteral kLifetimeStartMarker =
    "__cse_sparse_lifetime_start";
inline constexpr llvm::StringLiteral kLifetimeEndMarker =
    "__cse_sparse_lifetime_end";

} // namespace mlir::cse_sparse

#endif // CSE_SPARSE_LIB_PIPELINES_LIFETIMEMARKERS_H
