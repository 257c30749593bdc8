//===- Footprint.cpp - memory of a model as it is lowered -----------------===//

#include "cse-sparse/Compiler/Footprint.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Pass/PassManager.h"

using namespace mlir;
using namespace mlir::cse_sparse;

KernelFootprint
mlir::cse_sparse::loweredFootprint(Operation *kernelOp,
                                   const CseSparseToLLVMOptions &options) {
  return kernelFootprint(kernelOp, options.nodeSchedule, options.compactTables,
                         options.narrowScratch);
}

FailureOr<std::vector<LayerReport>>
mlir::cse_sparse::extractLayers(ModuleOp module,
                                const CseSparseToLLVMOptions &options) {
  std::vector<ExtractionRecord> records;
  PassManager pm(module.getContext());
  buildExtractionStage(pm, options, [&](const ExtractionRecord &record) {
    records.push_back(record);
  });
  if (failed(pm.run(module)))
    return failure();
  // Now, while the records' ops are the IR's: bufferization replaces them.
  std::vector<LayerReport> layers;
  layers.reserve(records.size());
  for (ExtractionRecord &record : records) {
    std::optional<KernelFootprint> kernel;
    if (record.rewritten())
      kernel = loweredFootprint(record.op, options);
    layers.push_back({std::move(record), kernel});
  }
  return layers;
}

LogicalResult
mlir::cse_sparse::countStackBytes(ModuleOp module,
                                  MutableArrayRef<EntryPoint> entries,
                                  const CseSparseToLLVMOptions &options) {
  bool heap = false;
  for (EntryPoint &e : entries) {
    auto func = module.lookupSymbol<func::FuncOp>(e.name);
    if (options.arena) {
      // The plan's buffer, as the last argument (cse-sparse-plan-buffers).
      unsigned last = func.getNumArguments() - 1;
      auto type = cast<MemRefType>(func.getArgumentTypes()[last]);
      e.arenaBytes = type.getNumElements();
      e.arenaAlignment =
          func.getArgAttrOfType<IntegerAttr>(last, "llvm.align").getInt();
    }
    func.walk([&](Operation *op) {
      if (isa<memref::AllocOp>(op)) {
        op->emitError("a temporary buffer too large for the stack (raise "
                      "max-stack-buffer or shrink the layer)");
        heap = true;
      }
      if (auto alloca = dyn_cast<memref::AllocaOp>(op)) {
        MemRefType type = alloca.getType();
        if (type.hasStaticShape())
          e.bufferBytes +=
              type.getNumElements() * ((type.getElementTypeBitWidth() + 7) / 8);
      }
      // Kernels not lowered yet (a caller that has not run
      // buildKernelStage): their scratch as that stage will allocate it.
      if (isa<MatmulOp, Conv2DOp>(op))
        e.bufferBytes += loweredFootprint(op, options).scratchBytes;
    });
  }
  return failure(heap);
}

llvm::json::Value mlir::cse_sparse::toJSON(const LayerReport &layer) {
  llvm::json::Value entry = toJSON(layer.record);
  if (const std::optional<KernelFootprint> &f = layer.kernel)
    (*entry.getAsObject())["kernel"] =
        llvm::json::Object{{"table_bytes", int64_t(f->tableBytes)},
                           {"scratch_bytes", int64_t(f->scratchBytes)},
                           {"nodes", int64_t(f->nodes)},
                           {"scratch_slots", int64_t(f->slots)}};
  return entry;
}
