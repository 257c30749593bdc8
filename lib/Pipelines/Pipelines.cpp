//===- Pipelines.cpp - registered cse-sparse pass pipelines ---------------===//
//
// Every pass is added through its `create...Pass(options)` function with typed
// options, never by parsing text: an option value is a value, whatever
// characters it holds (a value like `exact}` used to break out of the pasted
// pipeline text). The textual form is only printed from the pass managers.
//
//===----------------------------------------------------------------------===//

#include "cse-sparse/Pipelines/Pipelines.h"
#include "cse-sparse/Conversion/Passes.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h"
#include "cse-sparse/Pipelines/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToFuncs/MathToFuncs.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/TosaToArith/TosaToArith.h"
#include "mlir/Conversion/TosaToLinalg/TosaToLinalg.h"
#include "mlir/Conversion/TosaToMLProgram/TosaToMLProgram.h"
#include "mlir/Conversion/TosaToSCF/TosaToSCF.h"
#include "mlir/Conversion/TosaToTensor/TosaToTensor.h"
#include "mlir/Conversion/UBToLLVM/UBToLLVM.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::cse_sparse;

void mlir::cse_sparse::buildTosaToLinalgStage(OpPassManager &pm) {
  pm.addPass(createCseSparseAttachTosaTargetPass());
  // tosa.variable as ml_program globals (before the functions that read
  // them are converted).
  pm.addPass(createTosaToMLProgram());
  // Upstream's own pipeline: decompositions, shape inference, validation
  // against the target environment, then the ops with a linalg form.
  tosa::TosaValidationOptions validation;
  validation.strictOpSpecAlignment = false;
  validation.allowInvalidOpDatatypeCombinations = false;
  tosa::addTosaToLinalgPasses(pm, TosaToLinalgOptions(),
                              TosaToLinalgNamedOptions(), validation);
  // What the linalg conversions leave: control flow, rescales (with
  // tosa.apply_scale expanded: the LLVM stage has no lowering for it),
  // constants, and the reshapes, slices, pads and concatenations.
  pm.addNestedPass<func::FuncOp>(createTosaToSCFPass());
  TosaToArithPassOptions arith;
  arith.includeApplyRescale = true;
  pm.addPass(createTosaToArithPass(arith));
  pm.addPass(createTosaToTensorPass());
  // Folds the constant chains (reshapes and transposes of weights) the
  // conversions leave, so that extraction sees constants.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCseSparseFinishTosaPass());
}

void mlir::cse_sparse::buildExtractionStage(OpPassManager &pm,
                                            const CseSparseToLLVMOptions &o) {
  buildExtractionStage(pm, o, nullptr);
}

void mlir::cse_sparse::buildExtractionStage(OpPassManager &pm,
                                            const CseSparseToLLVMOptions &o,
                                            ExtractionRecordCallback onRecord) {
  // Also without extraction: dense layers save a pass over their outputs.
  // Before it, so that the pass folds a constant bias into its ops' tables.
  pm.addPass(createCseSparseFoldBiasAddPass());
  if (!o.extract)
    return;
  CseSparseExtractPassOptions extract;
  extract.costModel = o.costModel;
  extract.seed = o.seed;
  extract.effort = o.effort;
  extract.maxNodes = o.maxNodes;
  extract.timeLimit = o.timeLimit;
  extract.match = o.match;
  extract.objective = o.objective;
  extract.smladDense = o.armDsp;
  extract.report = o.report;
  pm.addPass(createCseSparseExtractPass(extract, std::move(onRecord)));
}

void mlir::cse_sparse::buildBufferizationStage(
    OpPassManager &pm, const CseSparseToLLVMOptions &o) {
  // What TOSA's lowering leaves unless asked (tosa-to-arith without
  // include-apply-rescale keeps tosa.apply_scale in rescales' bodies).
  TosaToArithPassOptions tosa;
  tosa.includeApplyRescale = true;
  pm.addPass(createTosaToArithPass(tosa));
  // linalg.softmax has no loop lowering; its decomposition does.
  pm.addPass(createCseSparseDecomposeLinalgPass());
  // arith ops on whole tensors (a cast of a weight or an activation, as front
  // ends write them) have no bufferization of their own: as linalg.generic
  // they do.
  pm.addNestedPass<func::FuncOp>(createConvertElementwiseToLinalgPass());
  // A C caller's inputs are `const T *`: updated in place, they would be
  // changed under it (or written to flash).
  if (o.barePtr)
    pm.addPass(createCseSparseReadOnlyInputsPass());
  // scf.for results computed into fresh tensors are stored into the
  // iteration arguments, and where that tensor is a tensor.empty it becomes
  // the iteration argument: loop-carried tensors bufferize in place.
  pm.addPass(createCseSparseLoopResultsInPlacePass());
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  bufferize.bufferAlignment = o.tableAlignment;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  // A temporary allocated in a loop body is needed one iteration at a time:
  // allocated once before the loop, it cannot grow the stack (or leak heap)
  // per iteration.
  pm.addNestedPass<func::FuncOp>(bufferization::createBufferLoopHoistingPass());
  if (!o.barePtr)
    return;
  // C callers pass every buffer: results become out-parameters, and what
  // remains of the temporaries goes on the stack.
  bufferization::BufferResultsToOutParamsPassOptions outParams;
  outParams.hoistStaticAllocs = true;
  outParams.modifyPublicFunctions = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  bufferization::PromoteBuffersToStackPassOptions toStack;
  toStack.maxAllocSizeInBytes = o.maxStackBuffer;
  toStack.maxRankOfAllocatedMemRef = 8;
  pm.addNestedPass<func::FuncOp>(
      bufferization::createPromoteBuffersToStackPass(toStack));
}

void mlir::cse_sparse::buildLoweringStage(OpPassManager &pm,
                                          const CseSparseToLLVMOptions &o) {
  buildKernelStage(pm, o);
  buildLLVMStage(pm, o);
}

void mlir::cse_sparse::buildKernelStage(OpPassManager &pm,
                                        const CseSparseToLLVMOptions &o) {
  ConvertCseSparseToSCFPassOptions kernels;
  kernels.tableAlignment = o.tableAlignment;
  kernels.nodeSchedule = o.nodeSchedule;
  kernels.compactTables = o.compactTables;
  kernels.narrowScratch = o.narrowScratch;
  pm.addPass(createConvertCseSparseToSCFPass(kernels));
  // Copies into and out of subviews (a bufferized tensor.pad) would call
  // memrefCopy from MLIR's runner library; as linalg.generic they are loops.
  pm.addPass(createCseSparseCopiesToLoopsPass());
  // What stays dense: int8 products and convolutions two MACs an
  // instruction where the core can, depthwise convolutions four channels a
  // word (the rest are upstream's loops, in the LLVM stage). Here, so that its
  // column buffer is planned, or marked, with the other temporaries.
  if (o.armDsp) {
    pm.addPass(createCseSparseArmDspMatmulPass());
    pm.addPass(createCseSparseArmDspConvPass());
    pm.addPass(createCseSparseArmDspDepthwisePass());
  }
  // C callers reserve the stack: one buffer per function, its bytes shared
  // by the temporaries (and kernel scratch) whose lifetimes do not overlap.
  if (o.planStack || o.arena) {
    CseSparsePlanBuffersPassOptions plan;
    plan.maxBytes = o.maxStackBuffer;
    plan.arena = o.arena;
    pm.addPass(createCseSparsePlanBuffersPass(plan));
  } else if (o.lifetimes) {
    pm.addPass(createCseSparseMarkLifetimesPass());
  }
}

void mlir::cse_sparse::buildLLVMStage(OpPassManager &pm,
                                      const CseSparseToLLVMOptions &o) {
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  // Transfers of rank 2 and up as rank-1 ones, unrolled: without a buffer
  // of vectors in between (whose vector.type_cast upstream lowers with a
  // 64-bit offset whatever the index width), and without loads a Cortex-M
  // would do element by element anyway.
  pm.addPass(createConvertVectorToSCFPass(
      VectorTransferToSCFOptions().enableFullUnroll()));
  // f32 functions as polynomials and exact roundings (no libm), then what
  // has no LLVM intrinsic (ipowi) as functions of their own.
  if (o.approximateMath)
    pm.addPass(createCseSparseApproximateMathPass());
  pm.addPass(createConvertMathToFuncs());
  pm.addPass(memref::createFoldMemRefAliasOpsPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createCanonicalizerPass());
  // Float min/max as compares and selects (llvm.maxnum is a call of fmaxf
  // on Cortex-M4), integer ceil/floor division (arith-to-llvm has no
  // pattern for either).
  pm.addPass(arith::createArithExpandOpsPass());
  unsigned bits = o.indexBitwidth;
  CseSparseConvertVectorToLLVMPassOptions vectors;
  vectors.indexBitwidth = bits;
  pm.addPass(createCseSparseConvertVectorToLLVMPass(vectors));
  // Not log1p as log(1 + x), which loses all precision near 0: libm's log1p.
  ConvertMathToLLVMPassOptions math;
  math.approximateLog1p = false;
  pm.addPass(createConvertMathToLLVMPass(math));
  // What has no intrinsic either (f64 erf, cbrt, ...; with approximate-math=0
  // also f32 ones) becomes a call of libm's function.
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createArithToLLVMConversionPass({bits}));
  pm.addPass(createConvertControlFlowToLLVMPass({bits}));
  pm.addPass(createConvertIndexToLLVMPass({bits}));
  FinalizeMemRefToLLVMConversionPassOptions memrefs;
  memrefs.indexBitwidth = bits;
  pm.addPass(createFinalizeMemRefToLLVMConversionPass(memrefs));
  ConvertFuncToLLVMPassOptions funcs;
  funcs.indexBitwidth = bits;
  funcs.useBarePtrCallConv = o.barePtr;
  pm.addPass(createConvertFuncToLLVMPass(funcs));
  pm.addPass(createUBToLLVMConversionPass({bits}));
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCseSparseLLVMLifetimesPass());
  pm.addPass(createCseSparseLLVMNoUnwindPass());
  // Conversions are partial: whatever they did not know is still here, and
  // would fail at translation at best. Fail now, at the op.
  pm.addPass(createCseSparseCheckLLVMPass());
}

void mlir::cse_sparse::buildCseSparseToLLVMPipeline(
    OpPassManager &pm, const CseSparseToLLVMOptions &options) {
  buildExtractionStage(pm, options, nullptr);
  buildBufferizationStage(pm, options);
  buildLoweringStage(pm, options);
}

namespace {
/// The stage `build` adds, printed as pipeline text.
std::string printStage(
    const CseSparseToLLVMOptions &o,
    function_ref<void(OpPassManager &, const CseSparseToLLVMOptions &)> build) {
  OpPassManager pm("builtin.module");
  build(pm, o);
  // The passes without the `builtin.module(...)` around them, as
  // parsePassPipeline(text, pm) takes them.
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::interleave(
      pm.getPasses(), os, [&](Pass &pass) { pass.printAsTextualPipeline(os); },
      ",");
  return text;
}
} // namespace

std::string
mlir::cse_sparse::cseSparseToLLVMPipeline(const CseSparseToLLVMOptions &o) {
  return printStage(o, buildCseSparseToLLVMPipeline);
}

std::string mlir::cse_sparse::extractionStage(const CseSparseToLLVMOptions &o) {
  return printStage(o, [](OpPassManager &pm, const CseSparseToLLVMOptions &o) {
    buildExtractionStage(pm, o);
  });
}

std::string
mlir::cse_sparse::bufferizationStage(const CseSparseToLLVMOptions &o) {
  return printStage(o, buildBufferizationStage);
}

std::string mlir::cse_sparse::loweringStage(const CseSparseToLLVMOptions &o) {
  return printStage(o, buildLoweringStage);
}

void mlir::cse_sparse::registerCseSparsePipelines() {
  // The pipeline's own steps, for running and testing one at a time.
  registerCseSparsePipelinesPasses();
  PassPipelineRegistration<CseSparseToLLVMOptions>(
      "cse-sparse-to-llvm",
      "Linalg on tensors to the LLVM dialect: extract CSEs, bufferize, lower "
      "cse_sparse and linalg to loops, then to LLVM (docs/lowering.md)",
      buildCseSparseToLLVMPipeline);
  PassPipelineRegistration<>(
      "cse-sparse-tosa-to-linalg",
      "TOSA (as TFLite models legalise to it) to linalg on tensors, ready for "
      "--cse-sparse-to-llvm: upstream's TOSA conversions with a target "
      "environment that admits TFLite's rescales, and an error at any TOSA op "
      "left (docs/lowering.md)",
      buildTosaToLinalgStage);
}
