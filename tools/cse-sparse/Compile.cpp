//===- Compile.cpp - `cse-sparse compile`: model or matrix to firmware ----===//
//
// The command line over the compiler library (lib/Compiler): reads a model
// (linalg on tensors) or a weight matrix, runs --cse-sparse-to-llvm in three
// stages, and writes an object file for the target, a C header for its entry
// points and the per-layer report, all or nothing.
//
//===----------------------------------------------------------------------===//

#include "Compile.h"
#include "OutputFiles.h"
#include "TimeLimit.h"

#include "cse-sparse/Algorithm/EnumNames.h"
#include "cse-sparse/Algorithm/MatrixIO.h"
#include "cse-sparse/Compiler/CHeader.h"
#include "cse-sparse/Compiler/Footprint.h"
#include "cse-sparse/Compiler/MatrixModule.h"
#include "cse-sparse/Compiler/ObjectEmission.h"
#include "cse-sparse/Compiler/Target.h"
#include "cse-sparse/Conversion/Passes.h"
#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/BufferizableOpInterfaceImpl.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h"
#include "cse-sparse/Pipelines/Pipelines.h"

#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/WithColor.h"

#include <cmath>

using namespace mlir;
namespace cl = llvm::cl;
using ::cse_sparse::tool::CreatedDirectories;
using ::cse_sparse::tool::OutputFile;
using ::cse_sparse::tool::OutputFiles;
using mlir::cse_sparse::EntryPoint;
using mlir::cse_sparse::LayerReport;
using mlir::cse_sparse::ObjectSizes;

namespace {

cl::OptionCategory category("cse-sparse compile options");

/// "cortex-m4 | cortex-m7 | ...", from the target table.
const std::string targetHelp =
    llvm::join(mlir::cse_sparse::targetNames(), " | ");

cl::SubCommand compileCommand(
    "compile", "Compile a model (.mlir) or a weight matrix (.mtx/.npy) to an "
               "object file, a C header and a report");
cl::opt<std::string> input(cl::Positional, cl::Required,
                           cl::desc("<model.mlir|matrix.mtx|matrix.npy>"),
                           cl::sub(compileCommand));
cl::opt<std::string> outDir("o", cl::Required,
                            cl::desc("Output directory (created if missing)"),
                            cl::sub(compileCommand), cl::cat(category));
cl::opt<std::string> target("target", cl::desc(targetHelp),
                            cl::init("cortex-m4"), cl::sub(compileCommand),
                            cl::cat(category));
cl::opt<mlir::cse_sparse::FloatAbi> floatAbi(
    "float-abi",
    cl::desc("Float ABI of a Cortex-M target (default: hard where the core "
             "has an FPU, soft otherwise)"),
    cl::values(clEnumValN(mlir::cse_sparse::FloatAbi::Hard, "hard",
                          "FPU instructions, float arguments in FPU "
                          "registers (eabihf)"),
               clEnumValN(mlir::cse_sparse::FloatAbi::Soft, "soft",
                          "no FPU instruction, float arguments in integer "
                          "registers (eabi): links with -mfloat-abi=soft "
                          "firmware")),
    cl::sub(compileCommand), cl::cat(category));
cl::opt<std::string> name("name",
                          cl::desc("Base name of the outputs and, for a "
                                   "matrix, of the entry point (default: the "
                                   "input's stem)"),
                          cl::sub(compileCommand), cl::cat(category));
cl::opt<unsigned> batch("batch",
                        cl::desc("Matrix input: input columns per call"),
                        cl::init(1), cl::sub(compileCommand),
                        cl::cat(category));
cl::opt<::cse_sparse::CostModelKind>
    costModel("cost-model",
              cl::desc("Cost model choosing each layer's form (default: the "
                       "target's; none on host)"),
              ::cse_sparse::clEnumValues(::cse_sparse::kCostModelNames),
              cl::sub(compileCommand), cl::cat(category));
cl::opt<::cse_sparse::MatchMode>
    match("match", cl::desc("Pair matching"),
          ::cse_sparse::clEnumValues(::cse_sparse::kMatchModeNames),
          cl::init(::cse_sparse::MatchMode::Exact), cl::sub(compileCommand),
          cl::cat(category));
cl::opt<::cse_sparse::Objective>
    objective("objective",
              cl::desc("What extraction minimizes (default: instructions on "
                       "Cortex-M, ops on host)"),
              ::cse_sparse::clEnumValues(::cse_sparse::kObjectiveNames),
              cl::sub(compileCommand), cl::cat(category));
cl::opt<::cse_sparse::NodeSchedule>
    nodeSchedule("node-schedule",
                 cl::desc("When adder-tree nodes are evaluated"),
                 ::cse_sparse::clEnumValues(::cse_sparse::kNodeScheduleNames),
                 cl::init(::cse_sparse::NodeSchedule::Grouped),
                 cl::sub(compileCommand), cl::cat(category));
cl::opt<bool> compactTables(
    "compact-tables",
    cl::desc("Smaller kernel tables for every layer, at more instructions "
             "(the cost model picks them per layer when needed)"),
    cl::sub(compileCommand), cl::cat(category));
cl::opt<bool> narrowScratch(
    "narrow-scratch",
    cl::desc("Kernel scratch in 16 bits where every value provably fits: "
             "half the RAM, a few percent more instructions"),
    cl::sub(compileCommand), cl::cat(category));
cl::opt<bool> planStack(
    "plan-stack",
    cl::desc("One stack buffer per entry point, shared by the temporaries "
             "whose lifetimes do not overlap: the stack is the peak, not the "
             "sum (LLVM then sees one object, which can cost code size)"),
    cl::sub(compileCommand), cl::cat(category));
cl::opt<bool> arena(
    "arena",
    cl::desc("Each entry point takes its scratch from the caller: a last "
             "parameter `uint8_t *arena` of NAME_ARENA_BYTES bytes aligned to "
             "NAME_ARENA_ALIGN (the header's), holding the stack plan's "
             "buffer, as TFLite Micro's tensor arena; nothing large is on the "
             "stack"),
    cl::sub(compileCommand), cl::cat(category));
cl::opt<bool> noExtract("no-extract",
                        cl::desc("Compile every contraction dense through "
                                 "upstream MLIR (the baseline)"),
                        cl::sub(compileCommand), cl::cat(category));
cl::opt<bool> noDsp(
    "no-dsp",
    cl::desc("Keep the dense kernels off the DSP extension (SMLAD, SXTAB16) "
             "on cores that have it: upstream's loops, as on a Cortex-M3 (a "
             "baseline for comparisons)"),
    cl::sub(compileCommand), cl::cat(category));
cl::opt<uint64_t> seed("seed", cl::desc("Random search seed"), cl::init(1),
                       cl::sub(compileCommand), cl::cat(category));
cl::opt<uint64_t> maxNodes(
    "max-nodes",
    cl::desc("Most shared subexpressions per layer (0: no bound); each takes "
             "a scratch slot"),
    cl::init(0), cl::sub(compileCommand), cl::cat(category));
cl::opt<unsigned> effort("effort",
                         cl::desc("Destroy-and-repair rounds after greedy"),
                         cl::init(4), cl::sub(compileCommand),
                         cl::cat(category));
const std::string timeLimitHelp =
    ::cse_sparse::tool::timeLimitHelp("each layer's search may take");
cl::opt<double> timeLimit("time-limit", cl::desc(timeLimitHelp), cl::init(0),
                          cl::sub(compileCommand), cl::cat(category));

int fail(const llvm::Twine &msg) {
  llvm::WithColor::error(llvm::errs(), "cse-sparse compile") << msg << "\n";
  return 1;
}

/// The base name of the outputs and of a matrix's entry point: `--name` or
/// the input's stem, as a C identifier. A `--name` with a path in it is
/// refused (the outputs would leave DIR); one that is not an identifier is
/// changed, with a warning.
llvm::Expected<std::string> outputBaseName() {
  if (name.getNumOccurrences() == 0)
    return mlir::cse_sparse::cIdentifier(llvm::sys::path::stem(input));
  if (name.empty() || name == "." || name == ".." ||
      llvm::any_of(name.getValue(), [](char c) {
        return llvm::sys::path::is_separator(c,
                                             llvm::sys::path::Style::posix) ||
               llvm::sys::path::is_separator(c,
                                             llvm::sys::path::Style::windows);
      }))
    return llvm::createStringError("--name '" + name +
                                   "' must be a file name in the output "
                                   "directory, without a path");
  std::string id = mlir::cse_sparse::cIdentifier(name);
  if (id != name)
    llvm::WithColor::warning(llvm::errs(), "cse-sparse compile")
        << "--name '" << name << "' is not a C identifier the header can use; "
        << "the outputs and entry point are named '" << id << "'\n";
  return id;
}

/// A constant tensor left dense after extraction may hold at most this many
/// bytes: no microcontroller's flash holds more, and lowering expands it into
/// LLVM IR and the object byte by byte.
constexpr uint64_t kMaxDenseConstantBytes = uint64_t(64) << 20;

/// Bytes of a dense tensor of `type` (saturating), or nullopt if not static.
std::optional<uint64_t> denseBytes(ShapedType type) {
  if (!type.hasStaticShape())
    return std::nullopt;
  Type element = type.getElementType();
  uint64_t bytes =
      element.isIntOrFloat() ? (element.getIntOrFloatBitWidth() + 7) / 8 : 8;
  for (int64_t d : type.getShape())
    bytes = llvm::SaturatingMultiply(bytes, uint64_t(d));
  return bytes;
}

/// The layer of `op` if the pass left it dense.
const LayerReport *denseLayer(ArrayRef<LayerReport> layers, Operation *op) {
  for (const LayerReport &layer : layers)
    if (layer.record.op == op && !layer.record.rewritten())
      return &layer;
  return nullptr;
}

/// Refuses a constant tensor that would be lowered dense above
/// kMaxDenseConstantBytes, before bufferization and LLVM expand it. The
/// error says why its layer was left dense, from the pass's record.
LogicalResult checkDenseConstants(ModuleOp module,
                                  ArrayRef<LayerReport> layers) {
  WalkResult result = module->walk([&](Operation *op) {
    for (NamedAttribute attr : op->getAttrs()) {
      auto elements = dyn_cast<ElementsAttr>(attr.getValue());
      std::optional<uint64_t> bytes =
          elements ? denseBytes(elements.getShapedType()) : std::nullopt;
      if (!bytes || *bytes <= kMaxDenseConstantBytes)
        continue;
      InFlightDiagnostic error = op->emitError();
      error << "a constant " << elements.getShapedType() << " of " << *bytes
            << " bytes would be compiled dense, above the "
            << kMaxDenseConstantBytes
            << "-byte (64 MiB) limit of cse-sparse compile";
      if (noExtract) {
        error << " (--no-extract compiles every layer dense)";
        return WalkResult::interrupt();
      }
      const LayerReport *layer = nullptr;
      for (Operation *user : op->getUsers())
        if (!layer)
          layer = denseLayer(layers, user);
      error << " (its layer was left dense";
      if (layer)
        error << ": " << layer->record.detail;
      // The one reason an option of compile changes.
      if (layer && layer->record.reason ==
                       mlir::cse_sparse::ExtractionReason::NotProfitable)
        error << "; --cost-model sparse rewrites it";
      error << ")";
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

/// Runs one stage of --cse-sparse-to-llvm, built with typed options (an
/// option value is never parsed as pipeline text).
LogicalResult
runStage(ModuleOp module,
         const mlir::cse_sparse::CseSparseToLLVMOptions &options,
         void (*build)(OpPassManager &,
                       const mlir::cse_sparse::CseSparseToLLVMOptions &)) {
  PassManager pm(module.getContext());
  build(pm, options);
  return pm.run(module);
}

/// The one-screen report: object, entry points, and a line per layer.
void writeTextReport(llvm::raw_ostream &os,
                     const mlir::cse_sparse::TargetDescription &t,
                     StringRef objectPath, const ObjectSizes &sizes,
                     ArrayRef<EntryPoint> entries, StringRef costModelName,
                     ArrayRef<LayerReport> layers, bool tosa) {
  os << "cse-sparse compile " << input << " --target " << target;
  if (t.floatAbi)
    os << " --float-abi " << mlir::cse_sparse::floatAbiName(*t.floatAbi);
  os << "\n";
  if (tosa)
    os << "input    TOSA, lowered to linalg by --cse-sparse-tosa-to-linalg\n";
  os << "object   " << objectPath << ": flash " << sizes.flash
     << " bytes, static RAM " << sizes.ram << " bytes, no heap\n";
  for (const EntryPoint &e : entries) {
    os << "entry    " << e.prototype << "  stack ";
    if (e.stackBytes)
      os << *e.stackBytes << " bytes";
    else
      os << "not bounded";
    os << " (buffers " << e.bufferBytes << " bytes)";
    if (e.arenaBytes)
      os << ", arena " << *e.arenaBytes << " bytes (aligned to "
         << e.arenaAlignment << ")";
    os << "\n";
  }
  os << "layers   (cost model " << costModelName << ")\n";
  bool anyRewritten = false;
  for (const LayerReport &layer : layers) {
    const mlir::cse_sparse::ExtractionRecord &r = layer.record;
    if (!r.rewritten()) {
      // Left alone: which op, and why.
      os << "  dense " << r.opName.getStringRef() << " ("
         << mlir::cse_sparse::extractionReasonCode(*r.reason)
         << "): " << r.detail << "\n";
      continue;
    }
    anyRewritten = true;
    const ::cse_sparse::ExtractionReport &f = r.figures;
    os << llvm::formatv(
        "  {0,-5} {1}x{2} nnz {3}: CSEs {4}, additions {5} -> {6}",
        ::cse_sparse::toString(r.form), f.rows, f.cols, f.nnz, f.cses,
        f.before.additions, f.after.additions);
    if (layer.kernel)
      os << llvm::formatv(", tables {0} B, scratch {1} B",
                          layer.kernel->tableBytes, layer.kernel->scratchBytes);
    if (const std::optional<::cse_sparse::FormChoice> &p = r.predicted)
      os << llvm::formatv("; predicted instr dense {0}, csr {1}, ecsr {2}",
                          std::lround(p->dense.instructions),
                          std::lround(p->csr.instructions),
                          std::lround(p->ecsr.instructions));
    os << "\n";
  }
  if (!anyRewritten)
    os << "  none rewritten: every contraction stays dense"
       << (noExtract ? " (--no-extract)" : "") << "\n";
}

/// The machine-readable report (schema cse-sparse.compile.v1).
void writeJsonReport(llvm::raw_ostream &os, StringRef base,
                     const mlir::cse_sparse::TargetDescription &t,
                     const ObjectSizes &sizes, ArrayRef<EntryPoint> entries,
                     StringRef costModelName, ArrayRef<LayerReport> layers,
                     StringRef inputKind) {
  llvm::json::Array entryJson;
  for (const EntryPoint &e : entries) {
    llvm::json::Object entry{
        {"name", e.name},
        {"prototype", e.prototype},
        {"stack_bytes", e.stackBytes ? llvm::json::Value(int64_t(*e.stackBytes))
                                     : llvm::json::Value(nullptr)},
        {"buffer_bytes", int64_t(e.bufferBytes)}};
    if (e.arenaBytes) {
      entry["arena_bytes"] = int64_t(*e.arenaBytes);
      entry["arena_alignment"] = int64_t(e.arenaAlignment);
    }
    entryJson.push_back(std::move(entry));
  }
  llvm::json::Array layerJson;
  for (const LayerReport &layer : layers)
    layerJson.push_back(toJSON(layer));
  llvm::json::Object report{
      {"schema", "cse-sparse.compile.v1"},
      {"target", target.getValue()},
      {"triple", t.triple},
      {"float_abi",
       t.floatAbi
           ? llvm::json::Value(mlir::cse_sparse::floatAbiName(*t.floatAbi))
           : llvm::json::Value(nullptr)},
      {"input", input.getValue()},
      {"input_kind", inputKind},
      {"cost_model", costModelName},
      {"object", (base + ".o").str()},
      {"flash_bytes", int64_t(sizes.flash)},
      {"static_ram_bytes", int64_t(sizes.ram)},
      {"entry_points", std::move(entryJson)},
      {"layers", std::move(layerJson)}};
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(report))) << "\n";
}

/// The four files `compile` writes.
struct CompileOutputs {
  OutputFile *object, *header, *json, *text;
};

/// Reserves the outputs (their temporaries) before any long work, so that an
/// unwritable directory, or a directory in the place of an output, is found
/// at once.
llvm::Expected<CompileOutputs> reserveOutputs(OutputFiles &files,
                                              StringRef base) {
  CompileOutputs outputs;
  for (auto [file, extension] : {std::pair{&outputs.object, ".o"},
                                 {&outputs.header, ".h"},
                                 {&outputs.json, ".report.json"},
                                 {&outputs.text, ".report.txt"}}) {
    auto added = files.add((outDir + "/" + base + extension).str());
    if (!added)
      return added.takeError();
    *file = &*added;
  }
  return outputs;
}

/// y = W * x from a matrix file; null after reporting the error.
OwningOpRef<ModuleOp> loadMatrix(MLIRContext &context, StringRef base) {
  auto error = [](const llvm::Twine &msg) {
    fail(msg);
    return OwningOpRef<ModuleOp>();
  };
  auto matrix = ::cse_sparse::readMatrixFile(input);
  if (!matrix)
    return error(llvm::toString(matrix.takeError()));
  if (llvm::Error err = mlir::cse_sparse::checkMatrixWeights(*matrix))
    return error(input + ": " + llvm::toString(std::move(err)));
  uint64_t bytes = uint64_t(matrix->rows()) * matrix->cols() *
                   (mlir::cse_sparse::matrixWeightBits(*matrix) / 8);
  if (noExtract && bytes > kMaxDenseConstantBytes)
    // Refused before building anything: the dense lowering would expand it.
    return error(input + ": the " + llvm::Twine(matrix->rows()) + "x" +
                 llvm::Twine(matrix->cols()) + " weight is " +
                 llvm::Twine(bytes) + " bytes dense, above the " +
                 llvm::Twine(kMaxDenseConstantBytes) +
                 "-byte (64 MiB) limit of cse-sparse compile for a dense "
                 "layer (--no-extract compiles it dense)");
  return mlir::cse_sparse::buildMatrixModule(&context, *matrix, base, batch,
                                             input);
}

/// Whether the input is a weight matrix rather than a model.
bool isMatrixInput() {
  StringRef extension = llvm::sys::path::extension(input);
  return extension == ".mtx" || extension == ".npy";
}

/// The model to compile: the parsed .mlir file, or y = W * x built from a
/// matrix file; null after reporting the error.
OwningOpRef<ModuleOp> loadInput(MLIRContext &context, StringRef base) {
  if (isMatrixInput())
    return loadMatrix(context, base);
  StringRef extension = llvm::sys::path::extension(input);
  // Text or bytecode: the parser tells them apart by their first bytes.
  if (extension != ".mlir" && extension != ".mlirbc") {
    fail("unsupported input '" + input +
         "' (expected .mlir, .mlirbc, .mtx or .npy)");
    return nullptr;
  }
  llvm::SourceMgr sourceMgr;
  std::string message;
  auto file = openInputFile(input, &message);
  if (!file) {
    fail(message);
    return nullptr;
  }
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  return parseSourceFile<ModuleOp>(sourceMgr, &context); // errors located
}

/// Whether `module` holds TOSA (a TFLite model as legalised), which
/// --cse-sparse-tosa-to-linalg lowers before anything else.
bool holdsTosa(ModuleOp module) {
  if (module->hasAttr("tosa.target_env"))
    return true;
  return module
      ->walk([](Operation *op) {
        return isa_and_nonnull<tosa::TosaDialect>(op->getDialect())
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

/// Sets the pipeline's options for the target: its cost model, objective
/// and index width unless the command line names them, and the bare-pointer
/// C ABI the header declares.
void setPipelineOptions(mlir::cse_sparse::CseSparseToLLVMOptions &options,
                        const mlir::cse_sparse::TargetDescription &t) {
  options.costModel =
      costModel.getNumOccurrences() ? costModel.getValue() : t.costModel;
  options.seed = seed;
  options.effort = effort;
  options.maxNodes = maxNodes;
  options.timeLimit = timeLimit;
  options.match = match;
  options.objective =
      objective.getNumOccurrences() ? objective.getValue() : t.objective;
  options.nodeSchedule = nodeSchedule;
  options.compactTables = compactTables;
  options.narrowScratch = narrowScratch;
  options.extract = !noExtract;
  options.indexBitwidth = t.indexBitwidth;
  options.barePtr = true;
  options.armDsp = t.dsp && !noDsp;
  options.planStack = planStack;
  options.arena = arena;
}

/// Flushes standard output; its error, which would otherwise abort the
/// process at exit ("IO failure on output stream").
llvm::Error flushStandardOutput() {
  llvm::outs().flush();
  std::error_code ec = llvm::outs().error();
  if (!ec)
    return llvm::Error::success();
  llvm::outs().clear_error();
  return llvm::createStringError(ec, "standard output: " + ec.message());
}

} // namespace

bool ::cse_sparse::tool::compileSelected() { return bool(compileCommand); }

int ::cse_sparse::tool::runCompile() {
  std::optional<mlir::cse_sparse::TargetDescription> t =
      mlir::cse_sparse::lookupTarget(target);
  if (!t)
    return fail("unknown --target '" + target + "' (expected " +
                mlir::cse_sparse::targetNameList() + ")");
  if (floatAbi.getNumOccurrences()) {
    llvm::Expected<mlir::cse_sparse::TargetDescription> withAbi =
        mlir::cse_sparse::lookupTarget(target, floatAbi);
    if (!withAbi)
      return fail(llvm::toString(withAbi.takeError()));
    t = *withAbi;
  }
  if (batch == 0)
    return fail("--batch must be at least 1");
  if (!::cse_sparse::tool::isValidTimeLimit(timeLimit))
    return fail(::cse_sparse::tool::kTimeLimitError);
  llvm::Expected<std::string> base = outputBaseName();
  if (!base)
    return fail(llvm::toString(base.takeError()));

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  registry.insert<mlir::cse_sparse::CseSparseDialect>();
  mlir::cse_sparse::registerBufferizableOpInterfaceExternalModels(registry);
  registerAllPasses();
  mlir::cse_sparse::registerCseSparsePasses();
  mlir::cse_sparse::registerCseSparseConversionPasses();
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  // An error names its op's location; printing the op too would dump a
  // whole module, or a constant of millions of elements.
  context.printOpOnDiagnostic(false);

  // Every output is written to a temporary and renamed into place at the
  // end, all or none: a failure anywhere leaves DIR as it was. (Declared
  // first, the directories outlive the temporaries in them.)
  CreatedDirectories directories;
  if (llvm::Error err = directories.create(outDir))
    return fail(llvm::toString(std::move(err)));
  OutputFiles files(llvm::ArrayRef<std::string>(input.getValue()));
  llvm::Expected<CompileOutputs> outputs = reserveOutputs(files, *base);
  if (!outputs)
    return fail(llvm::toString(outputs.takeError()));

  OwningOpRef<ModuleOp> module = loadInput(context, *base);
  if (!module)
    return 1;

  // Diagnostics from here on print with their locations.
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  bool tosa = holdsTosa(*module);
  StringRef inputKind = isMatrixInput() ? "matrix" : tosa ? "tosa" : "linalg";
  if (tosa) {
    PassManager pm(&context);
    mlir::cse_sparse::buildTosaToLinalgStage(pm);
    if (failed(pm.run(*module)))
      return fail("lowering TOSA to linalg failed");
  }
  FailureOr<std::vector<EntryPoint>> entries =
      mlir::cse_sparse::describeEntryPoints(*module, arena);
  if (failed(entries))
    return 1;

  // One set of options for every stage and every figure of the report.
  mlir::cse_sparse::CseSparseToLLVMOptions options;
  setPipelineOptions(options, *t);
  FailureOr<std::vector<LayerReport>> layers =
      mlir::cse_sparse::extractLayers(*module, options);
  if (failed(layers))
    return fail("extraction failed");
  if (failed(checkDenseConstants(*module, *layers)))
    return 1;

  if (failed(runStage(*module, options,
                      mlir::cse_sparse::buildBufferizationStage)))
    return fail("bufferization failed");
  if (failed(runStage(*module, options, mlir::cse_sparse::buildKernelStage)))
    return fail("lowering the kernels failed");
  // The buffers, before LLVM shares the bytes of those never live together
  // (with --plan-stack, the plan's one buffer).
  if (failed(mlir::cse_sparse::countStackBytes(*module, *entries, options)))
    return 1;
  if (failed(runStage(*module, options, mlir::cse_sparse::buildLLVMStage)))
    return fail("lowering to LLVM failed");

  llvm::StringMap<mlir::cse_sparse::FunctionStack> stacks;
  if (failed(mlir::cse_sparse::emitObject(*module, *t, outputs->object->os(),
                                          &stacks)))
    return 1;
  for (EntryPoint &e : *entries)
    if (auto it = stacks.find(e.name); it != stacks.end() && it->second.bounded)
      e.stackBytes = it->second.bytes;
  if (llvm::Error err = outputs->object->close())
    return fail(llvm::toString(std::move(err)));
  StringRef objectPath = outputs->object->path();
  auto sizes =
      mlir::cse_sparse::objectFileSizes(outputs->object->writtenPath());
  if (!sizes)
    return fail(objectPath + ": " + llvm::toString(sizes.takeError()));

  mlir::cse_sparse::HeaderInfo header;
  header.baseName = *base;
  header.targetName = target;
  header.triple = t->triple;
  header.cpu = t->cpu;
  if (t->floatAbi)
    header.floatAbi = mlir::cse_sparse::floatAbiName(*t->floatAbi);
  header.sourceName = input;
  header.flashBytes = sizes->flash;
  header.ramBytes = sizes->ram;
  for (const LayerReport &layer : *layers)
    if (layer.record.rewritten() && layer.kernel)
      header.layers.push_back(
          llvm::formatv("{0} {1}x{2}: tables {3} bytes, scratch {4} bytes",
                        ::cse_sparse::toString(layer.record.form),
                        layer.record.figures.rows, layer.record.figures.cols,
                        layer.kernel->tableBytes, layer.kernel->scratchBytes));
  mlir::cse_sparse::writeHeader(outputs->header->os(), header, *entries);

  StringRef costModelName =
      ::cse_sparse::enumName(::cse_sparse::kCostModelNames,
                             ::cse_sparse::CostModelKind(options.costModel));
  writeJsonReport(outputs->json->os(), *base, *t, *sizes, *entries,
                  costModelName, *layers, inputKind);
  std::string text;
  llvm::raw_string_ostream os(text);
  writeTextReport(os, *t, objectPath, *sizes, *entries, costModelName, *layers,
                  tosa);
  outputs->text->os() << text;
  // Standard output is one of the outputs: if it cannot be written, nothing
  // is.
  llvm::outs() << text;
  if (llvm::Error err = flushStandardOutput())
    return fail(llvm::toString(std::move(err)));
  if (llvm::Error err = files.commit())
    return fail(llvm::toString(std::move(err)));
  directories.keep();
  return 0;
}
