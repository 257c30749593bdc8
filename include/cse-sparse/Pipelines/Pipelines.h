//===- Pipelines.h - registered cse-sparse pass pipelines -------*- C++ -*-===//

#ifndef CSE_SPARSE_PIPELINES_PIPELINES_H
#define CSE_SPARSE_PIPELINES_PIPELINES_H

#include "cse-sparse/Algorithm/EnumNames.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/ExtractionRecord.h"

#include "mlir/Pass/PassOptions.h"

#include <string>

namespace mlir {
class OpPassManager;
namespace cse_sparse {

/// Options of `--cse-sparse-to-llvm`, linalg on tensors to the LLVM dialect.
struct CseSparseToLLVMOptions
    : public PassPipelineOptions<CseSparseToLLVMOptions> {
  PassOptions::Option<bool> extract{
      *this, "extract",
      llvm::cl::desc("Run --cse-sparse-extract first (off: the input already "
                     "holds cse_sparse ops, or is compiled dense)"),
      llvm::cl::init(true)};
  PassOptions::Option<::cse_sparse::CostModelKind> costModel{
      *this, "cost-model", llvm::cl::desc("cost-model of --cse-sparse-extract"),
      llvm::cl::init(::cse_sparse::CostModelKind::CortexM4),
      ::cse_sparse::clEnumValues(::cse_sparse::kCostModelNames)};
  PassOptions::Option<::cse_sparse::MatchMode> match{
      *this, "match", llvm::cl::desc("match of --cse-sparse-extract"),
      llvm::cl::init(::cse_sparse::MatchMode::Exact),
      ::cse_sparse::clEnumValues(::cse_sparse::kMatchModeNames)};
  PassOptions::Option<::cse_sparse::Objective> objective{
      *this, "objective", llvm::cl::desc("objective of --cse-sparse-extract"),
      llvm::cl::init(::cse_sparse::Objective::Ops),
      ::cse_sparse::clEnumValues(::cse_sparse::kObjectiveNames)};
  PassOptions::Option<::cse_sparse::NodeSchedule> nodeSchedule{
      *this, "node-schedule",
      llvm::cl::desc("node-schedule of --convert-cse-sparse-to-scf"),
      llvm::cl::init(::cse_sparse::NodeSchedule::Grouped),
      ::cse_sparse::clEnumValues(::cse_sparse::kNodeScheduleNames)};
  PassOptions::Option<bool> compactTables{
      *this, "compact-tables",
      llvm::cl::desc("compact-tables of --convert-cse-sparse-to-scf"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> armDsp{
      *this, "arm-dsp",
      llvm::cl::desc("Dense int8 matmuls with the Arm DSP extension's SMLAD "
                     "(cse-sparse-arm-dsp-matmul; Cortex-M4, M7, M33)"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> narrowScratch{
      *this, "narrow-scratch",
      llvm::cl::desc("narrow-scratch of --convert-cse-sparse-to-scf"),
      llvm::cl::init(false)};
  PassOptions::Option<uint64_t> seed{
      *this, "seed", llvm::cl::desc("seed of --cse-sparse-extract"),
      llvm::cl::init(1)};
  PassOptions::Option<unsigned> effort{
      *this, "effort", llvm::cl::desc("effort of --cse-sparse-extract"),
      llvm::cl::init(4)};
  PassOptions::Option<uint64_t> maxNodes{
      *this, "max-nodes", llvm::cl::desc("max-nodes of --cse-sparse-extract"),
      llvm::cl::init(0)};
  PassOptions::Option<double> timeLimit{
      *this, "time-limit",
      llvm::cl::desc("time-limit (seconds per op) of --cse-sparse-extract"),
      llvm::cl::init(0.0)};
  PassOptions::Option<std::string> report{
      *this, "report", llvm::cl::desc("report=FILE of --cse-sparse-extract")};
  PassOptions::Option<unsigned> indexBitwidth{
      *this, "index-bitwidth",
      llvm::cl::desc("Bits of `index` in the LLVM dialect (32 for Cortex-M; "
                     "0: the host's word)"),
      llvm::cl::init(0)};
  PassOptions::Option<bool> barePtr{
      *this, "bare-ptr",
      llvm::cl::desc("Embedded C ABI: memref arguments as bare pointers, "
                     "results as caller-provided out-parameters, temporaries "
                     "on the stack, no heap allocation"),
      llvm::cl::init(false)};
  PassOptions::Option<unsigned> tableAlignment{
      *this, "table-alignment",
      llvm::cl::desc("Byte alignment of constant tables and buffers"),
      llvm::cl::init(4)};
  PassOptions::Option<unsigned> maxStackBuffer{
      *this, "max-stack-buffer",
      llvm::cl::desc("With bare-ptr: largest temporary buffer (bytes) moved "
                     "to the stack; a larger one is an error"),
      llvm::cl::init(1u << 20)};
  PassOptions::Option<bool> planStack{
      *this, "plan-stack",
      llvm::cl::desc("One stack buffer per function, shared by the static "
                     "temporaries whose lifetimes do not overlap "
                     "(cse-sparse-plan-buffers; the stack is then the peak, "
                     "not the sum)"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> lifetimes{
      *this, "lifetimes",
      llvm::cl::desc("Mark each stack buffer's lifetime for LLVM's stack "
                     "coloring (cse-sparse-mark-lifetimes), which shares the "
                     "bytes of buffers never live together; plan-stack and "
                     "arena plan them instead"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> arena{
      *this, "arena",
      llvm::cl::desc("Public functions take the stack plan's buffer from the "
                     "caller as a last argument (an arena, as TFLite Micro's), "
                     "so nothing large is on the stack"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> approximateMath{
      *this, "approximate-math",
      llvm::cl::desc("f32 math functions as polynomials and exact roundings, "
                     "no libm (off: calls to libm's expf, tanhf, ...)"),
      llvm::cl::init(true)};
};

/// Appends `--cse-sparse-tosa-to-linalg` to `pm` (a `builtin.module` pass
/// manager): TOSA to linalg on tensors with upstream's conversions, between
/// a step that attaches a target environment admitting TFLite's rescales and
/// one that fails at any TOSA op left.
void buildTosaToLinalgStage(OpPassManager &pm);

/// Appends `--cse-sparse-to-llvm` to `pm` (a `builtin.module` pass
/// manager): its three stages in order. Every pass is created with typed
/// options; no option value is ever parsed as pipeline text.
void buildCseSparseToLLVMPipeline(OpPassManager &pm,
                                  const CseSparseToLLVMOptions &options);
/// The stages: extraction (nothing without `extract`), bufferization to
/// memrefs without heap, lowering to the LLVM dialect.
void buildExtractionStage(OpPassManager &pm,
                          const CseSparseToLLVMOptions &options);
/// The extraction stage handing `onRecord` the pass's per-op results
/// (createCseSparseExtractPass(options, onRecord) in Transforms/Passes.h).
void buildExtractionStage(OpPassManager &pm,
                          const CseSparseToLLVMOptions &options,
                          ExtractionRecordCallback onRecord);
void buildBufferizationStage(OpPassManager &pm,
                             const CseSparseToLLVMOptions &options);
void buildLoweringStage(OpPassManager &pm,
                        const CseSparseToLLVMOptions &options);
/// The lowering stage in two: the kernels as loops and, with `bare-ptr`, the
/// stack plan (every buffer in place, still memrefs: what a driver measures),
/// then the rest of the way to the LLVM dialect.
void buildKernelStage(OpPassManager &pm, const CseSparseToLLVMOptions &options);
void buildLLVMStage(OpPassManager &pm, const CseSparseToLLVMOptions &options);

/// The same as pipeline text, printed from the pass managers (for docs and
/// reports; tools should use the builders above).
std::string cseSparseToLLVMPipeline(const CseSparseToLLVMOptions &options);
std::string extractionStage(const CseSparseToLLVMOptions &options);
std::string bufferizationStage(const CseSparseToLLVMOptions &options);
std::string loweringStage(const CseSparseToLLVMOptions &options);

void registerCseSparsePipelines();

} // namespace cse_sparse
} // namespace mlir

#endif // CSE_SPARSE_PIPELINES_PIPELINES_H
