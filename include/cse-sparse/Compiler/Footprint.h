//===- Footprint.h - memory of a model as it is lowered ---------*- C++ -*-===//
//
// Per layer and per entry point, the memory --cse-sparse-to-llvm gives a
// model: each rewritten layer's kernel tables and scratch, each entry point's
// stack buffers. Every figure is computed from the pipeline options the
// stages are built with, so the accounting cannot assume another node
// schedule or table layout than the lowering's.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_COMPILER_FOOTPRINT_H
#define CSE_SPARSE_COMPILER_FOOTPRINT_H

#include "cse-sparse/Compiler/CHeader.h"
#include "cse-sparse/Conversion/CseSparseToSCF.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/ExtractionRecord.h"
#include "cse-sparse/Pipelines/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <vector>

namespace mlir::cse_sparse {

/// One candidate op of a model after extraction: what the pass decided and,
/// when it was rewritten, the kernel the lowering stage will build for it.
struct LayerReport {
  ExtractionRecord record;
  std::optional<KernelFootprint> kernel;
};

/// The kernel a cse_sparse.matmul or conv_2d lowers to in
/// buildLoweringStage(options): its node schedule and table layout.
KernelFootprint loweredFootprint(Operation *kernelOp,
                                 const CseSparseToLLVMOptions &options);

/// Runs buildExtractionStage(options) on `module`: one layer per candidate
/// op, in program order, each rewritten one with its loweredFootprint. None
/// when options.extract is off. Fails, after the pass's errors, if the stage
/// does.
FailureOr<std::vector<LayerReport>>
extractLayers(ModuleOp module, const CseSparseToLLVMOptions &options);

/// After buildKernelStage(options) (or only buildBufferizationStage): adds
/// to each entry point's bufferBytes its buffers on the stack, the
/// `memref.alloca`s (after the kernel stage with bare-ptr, the one buffer of
/// the stack plan: its peak, kernel scratch included) and the scratch of any
/// kernel not lowered yet, as buildKernelStage(options) will allocate it. A
/// temporary left on the heap (`memref.alloc`) is an error at it. With
/// options.arena, also sets each entry point's arenaBytes and
/// arenaAlignment from its arena argument.
LogicalResult countStackBytes(ModuleOp module,
                              MutableArrayRef<EntryPoint> entries,
                              const CseSparseToLLVMOptions &options);

/// The layer as its entry in a compile report: the pass's report entry
/// (toJSON of the record) and, for a kernel, `kernel` with `table_bytes`,
/// `scratch_bytes`, `nodes` and `scratch_slots`.
llvm::json::Value toJSON(const LayerReport &layer);

} // namespace mlir::cse_sparse

#endif // CSE_SPARSE_COMPILER_FOOTPRINT_H
