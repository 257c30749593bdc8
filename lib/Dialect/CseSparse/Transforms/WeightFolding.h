//===- WeightFolding.h - weights behind front-end plumbing ------*- C++ -*-===//
//
// Front ends rarely hand a contraction its weight as a bare constant: TOSA
// lowering reshapes and transposes it, torch-mlir casts it with a generic,
// and many keep it in a global. These helpers see through such chains and
// evaluate them at compile time, so the extraction pass reads the weight the
// contraction actually multiplies by.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_DIALECT_CSESPARSE_TRANSFORMS_WEIGHTFOLDING_H
#define CSE_SPARSE_LIB_DIALECT_CSESPARSE_TRANSFORMS_WEIGHTFOLDING_H

#include "mlir/IR/Value.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir::cse_sparse {

/// Why a fold failed: the kind, and a sentence for the user.
struct FoldError {
  enum Kind { NotConstant, ElementType, DynamicShape, TooLarge } kind;
  std::string message;
};

/// A tensor value known at compile time, row-major.
struct FoldedWeight {
  SmallVector<int64_t> shape;
  /// The element type of the folded value (what the consumer reads).
  Type elementType;
  /// Integer elements: each the two's complement bit pattern of its
  /// `elementType` value, sign-extended to 64 bits.
  std::vector<int64_t> ints;
  /// Float elements, exactly (every supported float type converts to double
  /// and back without loss).
  std::vector<double> floats;
  /// Whether ops in front of the constant were folded (then the values may
  /// need a narrower type than `elementType` says).
  bool throughOps = false;
  /// Set when the weight is held sparsely (it came from a `sparse<...>`
  /// constant): the strictly increasing row-major positions of the values in
  /// `ints` / `floats`; every other element is zero. A matrix far too large
  /// to expand then costs memory in proportion to its non-zeros only.
  std::optional<std::vector<uint64_t>> positions;

  int64_t numElements() const;
};

/// Expands a sparsely held weight into all its elements; fails (with
/// `error`) if there would be too many to hold.
bool densify(FoldedWeight &w, FoldError &error);

/// Whether `v` is a compile-time constant tensor the folder understands,
/// without evaluating it: `arith.constant` (dense or dense_resource),
/// `bufferization.to_tensor` of a constant `memref.get_global`,
/// `ml_program.global_load_const` of an immutable global, and any chain of
/// `tensor.cast`, `collapse_shape`, `expand_shape`, `reshape`,
/// `linalg.transpose`, elementwise `arith` casts and cast-only or
/// zero-point-subtracting `linalg.generic` ops in front of one.
bool isFoldableWeight(Value v);

/// The elements of `v` folded as isFoldableWeight describes, or what stopped
/// the fold.
std::optional<FoldedWeight> foldWeight(Value v, FoldError &error);

/// Reorders `w`'s dimensions: dimension i of the result is dimension
/// `order[i]` of `w` (linalg.transpose's permutation).
void transposeTo(FoldedWeight &w, ArrayRef<unsigned> order);

/// Erases `roots` and, transitively, the ops that computed their operands,
/// as far as nothing else uses them and they have no side effects, then the
/// private globals that erased loads read and nothing else does, if their
/// symbol table is `scope` or inside it: a folded dense weight would
/// otherwise stay in flash after lowering.
void eraseDeadChains(ArrayRef<Operation *> roots, Operation *scope);

} // namespace mlir::cse_sparse

#endif // CSE_SPARSE_LIB_DIALECT_CSESPARSE_TRANSFORMS_WEIGHTFOLDING_H
