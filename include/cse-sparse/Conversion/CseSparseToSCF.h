//===- CseSparseToSCF.h - what a lowered cse_sparse kernel costs -*- C++
//-*-===//

#ifndef CSE_SPARSE_CONVERSION_CSESPARSETOSCF_H
#define CSE_SPARSE_CONVERSION_CSESPARSETOSCF_H

#include "cse-sparse/Algorithm/KernelSchedule.h"
#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"

namespace mlir::cse_sparse {

/// Memory of the kernel --convert-cse-sparse-to-scf emits for a weight.
struct KernelFootprint {
  uint64_t nodes = 0, slots = 0;
  /// The scratch array (inputs and slots, accumulator type), on the stack.
  uint64_t scratchBytes = 0;
  /// The constant tables (flash), without alignment padding.
  uint64_t tableBytes = 0;
};
KernelFootprint kernelFootprint(
    EcsrAttr weight, Type accumulatorType,
    ::cse_sparse::NodeSchedule mode = ::cse_sparse::NodeSchedule::Upfront,
    bool compactTables = false);
/// The same for a cse_sparse.matmul or cse_sparse.conv_2d, its bias table
/// included; `compactTables` as the pass option.
KernelFootprint kernelFootprint(
    Operation *kernelOp,
    ::cse_sparse::NodeSchedule mode = ::cse_sparse::NodeSchedule::Upfront,
    bool compactTables = false);

} // namespace mlir::cse_sparse

#endif // CSE_SPARSE_CONVERSION_CSESPARSETOSCF_H
