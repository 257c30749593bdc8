//===- CseSparseToSCF.h - cse_sparse kernels to loops ----------*- C++ -*-===//

#ifndef CSE_SPARSE_CONVERSION_CSESPARSETOSCF_H
#define CSE_SPARSE_CONVERSION_CSESPARSETOSCF_H

#include "cse-sparse/Algorithm/KernelSchedule.h"
#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"

namespace mlir {
class ConversionTarget;
class RewritePatternSet;
} // namespace mlir

namespace mlir::cse_sparse {

/// How --convert-cse-sparse-to-scf lowers (its options, typed).
struct CseSparseToSCFOptions {
  /// Byte alignment of the constant tables (0: the type's own).
  unsigned tableAlignment = 4;
  ::cse_sparse::NodeSchedule nodeSchedule = ::cse_sparse::NodeSchedule::Grouped;
  /// Entries as two arrays when smaller, for every op (an op's own
  /// `compact_tables` asks for it alone).
  bool compactTables = false;
  /// The scratch in the narrowest integer type that provably holds every
  /// value (scratchElementBits), not the accumulator type.
  bool narrowScratch = false;
  /// A remark per op with its table and scratch bytes.
  bool remarks = false;
};

/// Patterns lowering cse_sparse.matmul and cse_sparse.conv_2d on memrefs to
/// arith, memref and scf: loops over private constant `memref.global` tables
/// (created at the start of the enclosing module) and one `memref.alloca`
/// scratch at the start of the enclosing function. An op that is still on
/// tensors, lacks an enclosing module or function, or would need a scratch
/// over 2 GiB does not match; checkCseSparseToSCFPreconditions says why.
void populateCseSparseToSCFConversionPatterns(
    RewritePatternSet &patterns, const CseSparseToSCFOptions &options = {});

/// Marks the cse_sparse kernel ops illegal and what the patterns produce
/// (arith, memref, scf) legal.
void configureCseSparseToSCFConversionTarget(ConversionTarget &target);

/// Emits an error at every cse_sparse kernel op under `root` that the
/// patterns cannot lower, saying why; fails if there is one.
LogicalResult checkCseSparseToSCFPreconditions(Operation *root);

/// Memory of the kernel --convert-cse-sparse-to-scf emits for a weight.
struct KernelFootprint {
  uint64_t nodes = 0, slots = 0;
  /// The scratch array (inputs and slots, in the accumulator type or a
  /// narrower one holding every value), on the stack.
  uint64_t scratchBytes = 0;
  /// The constant tables (flash), without alignment padding.
  uint64_t tableBytes = 0;
};
/// With the input's element type (and whether it is unsigned), the scratch
/// is counted in the narrower type the lowering picks where the values
/// provably fit; without, in the accumulator type (an upper bound).
KernelFootprint kernelFootprint(
    EcsrAttr weight, Type accumulatorType,
    ::cse_sparse::NodeSchedule mode = ::cse_sparse::NodeSchedule::Grouped,
    bool compactTables = false, Type inputType = nullptr,
    bool unsignedInput = false);
/// The same for a cse_sparse.matmul or cse_sparse.conv_2d, its bias table
/// included; `compactTables` and `narrowScratch` as the pass options.
KernelFootprint kernelFootprint(
    Operation *kernelOp,
    ::cse_sparse::NodeSchedule mode = ::cse_sparse::NodeSchedule::Grouped,
    bool compactTables = false, bool narrowScratch = false);

} // namespace mlir::cse_sparse

#endif // CSE_SPARSE_CONVERSION_CSESPARSETOSCF_H
