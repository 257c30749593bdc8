//===- Compile.cpp - `cse-sparse compile`: model or matrix to firmware ----===//
//
// Reads a model (linalg on tensors) or a weight matrix, runs
// --cse-sparse-to-llvm in three stages, and writes an object file for the
// target, a C header for its entry points and the per-layer report.
//
//===----------------------------------------------------------------------===//

#include "Compile.h"
#include "OutputFiles.h"

#include "cse-sparse/Algorithm/MatrixIO.h"
#include "cse-sparse/Algorithm/EnumNames.h"
#include "cse-sparse/Conversion/CseSparseToSCF.h"
#include "cse-sparse/Conversion/Passes.h"
#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/BufferizableOpInterfaceImpl.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h"
#include "cse-sparse/Pipelines/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

#include <cmath>

using namespace mlir;
namespace cl = llvm::cl;
using ::cse_sparse::tool::OutputFile;
using ::cse_sparse::tool::OutputFiles;

namespace {

cl::OptionCategory category("cse-sparse compile options");

cl::SubCommand compileCommand(
    "compile", "Compile a model (.mlir) or a weight matrix (.mtx/.npy) to an "
               "object file, a C header and a report");
cl::opt<std::string> input(cl::Positional, cl::Required,
                           cl::desc("<model.mlir|matrix.mtx|matrix.npy>"),
                           cl::sub(compileCommand));
cl::opt<std::string> outDir("o", cl::Required,
                            cl::desc("Output directory (created if missing)"),
                            cl::sub(compileCommand), cl::cat(category));
cl::opt<std::string> target("target",
                            cl::desc("cortex-m4 | cortex-m7 | cortex-m33 | "
                                     "host"),
                            cl::init("cortex-m4"), cl::sub(compileCommand),
                            cl::cat(category));
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
                 cl::init(::cse_sparse::NodeSchedule::Upfront),
                 cl::sub(compileCommand), cl::cat(category));
cl::opt<bool> compactTables(
    "compact-tables",
    cl::desc("Smaller kernel tables for every layer, at more instructions "
             "(the cost model picks them per layer when needed)"),
    cl::sub(compileCommand), cl::cat(category));
cl::opt<bool> noExtract("no-extract",
                        cl::desc("Compile every contraction dense through "
                                 "upstream MLIR (the baseline)"),
                        cl::sub(compileCommand), cl::cat(category));
cl::opt<uint64_t> seed("seed", cl::desc("Random search seed"), cl::init(1),
                       cl::sub(compileCommand), cl::cat(category));
cl::opt<unsigned> effort("effort",
                         cl::desc("Destroy-and-repair rounds after greedy"),
                         cl::init(4), cl::sub(compileCommand),
                         cl::cat(category));
cl::opt<double> timeLimit(
    "time-limit",
    cl::desc("Seconds each layer's search may take before it keeps its best "
             "result so far, still exact (0: no limit; the result may then "
             "depend on the machine's speed)"),
    cl::init(0), cl::sub(compileCommand), cl::cat(category));

int fail(const llvm::Twine &msg) {
  llvm::WithColor::error(llvm::errs(), "cse-sparse compile") << msg << "\n";
  return 1;
}

/// What the driver needs to know about a target.
struct TargetInfo {
  std::string triple, cpu, features;
  unsigned indexBitwidth;
  bool embedded;
};

std::optional<TargetInfo> lookupTarget(StringRef name) {
  if (name == "cortex-m4")
    return TargetInfo{"thumbv7em-unknown-none-eabihf", "cortex-m4",
                      "+vfp4d16sp,+thumb-mode", 32, true};
  if (name == "cortex-m7")
    return TargetInfo{"thumbv7em-unknown-none-eabihf", "cortex-m7",
                      "+fp-armv8d16,+thumb-mode", 32, true};
  if (name == "cortex-m33")
    return TargetInfo{"thumbv8m.main-unknown-none-eabihf", "cortex-m33",
                      "+fp-armv8d16sp,+dsp,+thumb-mode", 32, true};
  if (name == "host")
    return TargetInfo{llvm::sys::getDefaultTargetTriple(),
                      llvm::sys::getHostCPUName().str(), "", 0, false};
  return std::nullopt;
}

/// Names a function in the generated header cannot have: C and C++ keywords
/// (the header is `extern "C"` for C++ too) and the names <stdint.h> defines or
/// reserves (int*_t, uint*_t, INT*_MAX, UINT*_C, ...).
bool isReservedInHeader(StringRef id) {
  static const llvm::StringSet<> keywords = {
      // C (through C23)
      "auto", "break", "case", "char", "const", "continue", "default", "do",
      "double", "else", "enum", "extern", "float", "for", "goto", "if",
      "inline", "int", "long", "register", "restrict", "return", "short",
      "signed", "sizeof", "static", "struct", "switch", "typedef", "union",
      "unsigned", "void", "volatile", "while", "alignas", "alignof", "bool",
      "constexpr", "false", "nullptr", "static_assert", "thread_local", "true",
      "typeof", "typeof_unqual",
      // C++
      "and", "and_eq", "asm", "bitand", "bitor", "catch", "char8_t", "char16_t",
      "char32_t", "class", "compl", "concept", "consteval", "constinit",
      "const_cast", "co_await", "co_return", "co_yield", "decltype", "delete",
      "dynamic_cast", "explicit", "export", "friend", "mutable", "namespace",
      "new", "noexcept", "not", "not_eq", "operator", "or", "or_eq", "private",
      "protected", "public", "reinterpret_cast", "requires", "static_cast",
      "template", "this", "throw", "try", "typeid", "typename", "using",
      "virtual", "wchar_t", "xor", "xor_eq",
      // <stdint.h> limits outside the INT*/UINT* pattern
      "SIZE_MAX", "SIZE_WIDTH", "PTRDIFF_MIN", "PTRDIFF_MAX", "PTRDIFF_WIDTH",
      "SIG_ATOMIC_MIN", "SIG_ATOMIC_MAX", "SIG_ATOMIC_WIDTH", "WCHAR_MIN",
      "WCHAR_MAX", "WCHAR_WIDTH", "WINT_MIN", "WINT_MAX", "WINT_WIDTH"};
  if (keywords.contains(id))
    return true;
  // Leading underscores: the implementation's (_Bool, __cplusplus, ...).
  if (id.starts_with("__") ||
      (id.size() > 1 && id[0] == '_' && llvm::isUpper(id[1])))
    return true;
  if ((id.starts_with("int") || id.starts_with("uint")) && id.ends_with("_t"))
    return true;
  return (id.starts_with("INT") || id.starts_with("UINT")) &&
         (id.ends_with("_MAX") || id.ends_with("_MIN") ||
          id.ends_with("_WIDTH") || id.ends_with("_C"));
}

bool isCIdentifier(StringRef text) {
  return !text.empty() && !llvm::isDigit(text[0]) &&
         llvm::all_of(text,
                      [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

/// `text` as a name the header can use: characters C does not allow become
/// '_', a leading digit gets a prefix, a reserved name a trailing '_'.
std::string identifier(StringRef text) {
  std::string id;
  for (char c : text)
    id += llvm::isAlnum(c) ? c : '_';
  if (id.empty() || llvm::isDigit(id[0]))
    id = "w_" + id;
  if (id.size() > 1 && id[0] == '_' && (id[1] == '_' || llvm::isUpper(id[1])))
    id = "w" + id;
  if (isReservedInHeader(id))
    id += "_";
  return id;
}

/// The base name of the outputs and of a matrix's entry point: `--name` or
/// the input's stem, as a C identifier. A `--name` with a path in it is
/// refused (the outputs would leave DIR); one that is not an identifier is
/// changed, with a warning.
llvm::Expected<std::string> outputBaseName() {
  if (name.getNumOccurrences() == 0)
    return identifier(llvm::sys::path::stem(input));
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
  std::string id = identifier(name);
  if (id != name)
    llvm::WithColor::warning(llvm::errs(), "cse-sparse compile")
        << "--name '" << name << "' is not a C identifier the header can use; "
        << "the outputs and entry point are named '" << id << "'\n";
  return id;
}

/// Above this many elements a matrix's weight is built as a
/// `sparse<indices, values>` constant: the dense form would take memory and
/// time in proportion to M x N however few non-zeros there are. Below it the
/// dense form, which every pass reads.
constexpr uint64_t kMaxDenseWeightElements = uint64_t(1) << 20;

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

/// Bits of a matrix's input elements: its file's type, rounded up to 8, 16 or
/// 32.
unsigned inputBits(const ::cse_sparse::SparseMatrix &m) {
  return m.type().bits <= 8 ? 8 : m.type().bits <= 16 ? 16 : 32;
}

/// Bits of a matrix's weight elements: the narrowest of 8, 16 and 32 (or 64,
/// refused) holding its values as signed numbers, and at least the input's
/// (a u8 weight of 200 needs i16: as i8 it would be -56).
unsigned weightBits(const ::cse_sparse::SparseMatrix &m) {
  auto [lo, hi] = m.valueRange();
  return std::max(::cse_sparse::ElementType::narrowestSigned(lo, hi).bits,
                  inputBits(m));
}

/// The constant of `m`: dense when small, else `sparse<indices, values>`
/// built straight from the CSR arrays, never expanded.
ElementsAttr weightAttr(RankedTensorType type,
                        const ::cse_sparse::SparseMatrix &m) {
  unsigned bits = type.getElementTypeBitWidth();
  auto value = [&](int64_t v) {
    return APInt(bits, uint64_t(v), /*isSigned=*/true);
  };
  if (uint64_t(m.rows()) * m.cols() <= kMaxDenseWeightElements) {
    SmallVector<APInt> values(uint64_t(m.rows()) * m.cols(), APInt(bits, 0));
    for (uint32_t r = 0; r < m.rows(); ++r)
      for (uint64_t p = m.rowBegin(r); p < m.rowEnd(r); ++p)
        values[uint64_t(r) * m.cols() + m.columnIndices()[p]] =
            value(m.nonzeros()[p]);
    return DenseElementsAttr::get(type, values);
  }
  int64_t nnz = int64_t(m.nnz());
  std::vector<int64_t> indices;
  indices.reserve(2 * nnz);
  SmallVector<APInt> values;
  values.reserve(nnz);
  for (uint32_t r = 0; r < m.rows(); ++r)
    for (uint64_t p = m.rowBegin(r); p < m.rowEnd(r); ++p) {
      indices.push_back(r);
      indices.push_back(m.columnIndices()[p]);
      values.push_back(value(m.nonzeros()[p]));
    }
  MLIRContext *ctx = type.getContext();
  auto indexAttr = DenseIntElementsAttr::get(
      RankedTensorType::get({nnz, 2}, IntegerType::get(ctx, 64)), indices);
  auto valueAttr = DenseElementsAttr::get(
      RankedTensorType::get({nnz}, type.getElementType()), values);
  return SparseElementsAttr::get(type, indexAttr, valueAttr);
}

/// y(M x B) = W(M x N) * x(N x B) as linalg on tensors, W the constant.
OwningOpRef<ModuleOp> matrixModule(MLIRContext *ctx,
                                   const ::cse_sparse::SparseMatrix &m,
                                   StringRef fn, int64_t columns) {
  OpBuilder b(ctx);
  // Named after the entry point, and pointing at the file for diagnostics.
  Location loc =
      NameLoc::get(b.getStringAttr(fn), FileLineColLoc::get(ctx, input, 0, 0));
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());
  unsigned wBits = weightBits(m);
  auto wType =
      RankedTensorType::get({m.rows(), m.cols()}, b.getIntegerType(wBits));
  unsigned accBits = wBits <= 16 ? 32 : 64;
  auto xType = RankedTensorType::get({m.cols(), columns},
                                     b.getIntegerType(inputBits(m)));
  auto yType =
      RankedTensorType::get({m.rows(), columns}, b.getIntegerType(accBits));
  auto func =
      func::FuncOp::create(b, loc, fn, b.getFunctionType({xType}, {yType}));
  b.setInsertionPointToStart(func.addEntryBlock());
  Value w = arith::ConstantOp::create(b, loc, weightAttr(wType, m));
  Value zero = arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(b.getIntegerType(accBits), 0));
  Value empty =
      tensor::EmptyOp::create(b, loc, yType.getShape(), yType.getElementType());
  Value acc = linalg::FillOp::create(b, loc, zero, empty).getResult(0);
  Value y = linalg::MatmulOp::create(b, loc, TypeRange{yType},
                                     ValueRange{w, func.getArgument(0)},
                                     ValueRange{acc})
                .getResult(0);
  func::ReturnOp::create(b, loc, y);
  return module;
}

/// The extraction report's entry for the op at `where` if it was left dense.
const llvm::json::Object *denseLayer(const llvm::json::Array &layers,
                                     Location where) {
  std::string text;
  llvm::raw_string_ostream(text) << where;
  for (const llvm::json::Value &layer : layers) {
    const llvm::json::Object *l = layer.getAsObject();
    if (l && l->getString("location") == text &&
        l->getString("form") == "dense")
      return l;
  }
  return nullptr;
}

/// Refuses a constant tensor that would be lowered dense above
/// kMaxDenseConstantBytes, before bufferization and LLVM expand it. The
/// error says why its layer was left dense, from the pass's report.
LogicalResult checkDenseConstants(ModuleOp module,
                                  const llvm::json::Array &layers) {
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
      const llvm::json::Object *layer = nullptr;
      for (Operation *user : op->getUsers())
        if (!layer)
          layer = denseLayer(layers, user->getLoc());
      error << " (its layer was left dense";
      if (layer)
        error << ": " << layer->getString("detail").value_or("");
      // The one reason an option of compile changes.
      if (layer && layer->getString("reason") == "not_profitable")
        error << "; --cost-model sparse rewrites it";
      error << ")";
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

/// The C type of a tensor element, or "" if it has none.
std::string cType(Type t) {
  if (auto i = dyn_cast<IntegerType>(t))
    if (llvm::is_contained({8u, 16u, 32u, 64u}, i.getWidth()))
      return "int" + std::to_string(i.getWidth()) + "_t";
  if (t.isF32())
    return "float";
  if (t.isF64())
    return "double";
  return "";
}

std::string shapeText(RankedTensorType t) {
  std::string s;
  for (int64_t d : t.getShape())
    s += "[" + std::to_string(d) + "]";
  return s;
}

/// One public function of the model: its C prototype and memory use.
struct EntryPoint {
  std::string name, prototype, shapes;
  uint64_t stackBytes = 0;
};

/// Checks the entry points and writes their C prototypes (inputs `const`,
/// results as out-parameters, as the bare-pointer ABI passes them).
LogicalResult describeEntryPoints(ModuleOp module,
                                  std::vector<EntryPoint> &entries) {
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isExternal() || func.isPrivate())
      continue;
    EntryPoint e;
    e.name = func.getName().str();
    if (!isCIdentifier(e.name) || isReservedInHeader(e.name))
      return func.emitError()
             << "entry point '" << e.name
             << "' cannot be declared in a C header ("
             << (isCIdentifier(e.name) ? "a C or C++ keyword or a <stdint.h> "
                                         "name"
                                       : "not a C identifier")
             << "); rename the function";
    std::string params;
    auto add = [&](Type type, StringRef role, unsigned i, bool isConst) {
      auto tensor = dyn_cast<RankedTensorType>(type);
      if (!tensor || !tensor.hasStaticShape() ||
          cType(tensor.getElementType()).empty()) {
        func.emitError() << "entry point '" << e.name << "': " << role << " "
                         << i << " has type " << type
                         << "; a C entry point needs a static tensor of "
                            "i8/i16/i32/i64/f32/f64";
        return failure();
      }
      std::string pname = (role == "input" ? "in" : "out") + std::to_string(i);
      if (!params.empty())
        params += ", ";
      params += (isConst ? "const " : "") + cType(tensor.getElementType()) +
                " *" + pname;
      e.shapes += " *   " + pname + ": " + cType(tensor.getElementType()) +
                  shapeText(tensor) + " (row-major)\n";
      return success();
    };
    FunctionType type = func.getFunctionType();
    for (auto [i, t] : llvm::enumerate(type.getInputs()))
      if (failed(add(t, "input", i, true)))
        return failure();
    for (auto [i, t] : llvm::enumerate(type.getResults()))
      if (failed(add(t, "result", i, false)))
        return failure();
    e.prototype = "void " + e.name + "(" + params + ");";
    entries.push_back(std::move(e));
  }
  if (entries.empty())
    return module.emitError("nothing to compile: no public function with a "
                            "body");
  return success();
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

/// Flash (allocated, read-only: code and constants) and static RAM bytes of
/// an object file.
struct ObjectSizes {
  uint64_t flash = 0, ram = 0;
};
llvm::Expected<ObjectSizes> objectSizes(StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return llvm::errorCodeToError(buffer.getError());
  auto object = llvm::object::ObjectFile::createObjectFile(**buffer);
  if (!object)
    return object.takeError();
  if (!isa<llvm::object::ELFObjectFileBase>(**object))
    return llvm::createStringError("not an ELF object");
  ObjectSizes sizes;
  for (const llvm::object::SectionRef &section : (*object)->sections()) {
    uint64_t flags = llvm::object::ELFSectionRef(section).getFlags();
    if (!(flags & llvm::ELF::SHF_ALLOC))
      continue; // symbols, relocations, notes: not in the image
    if (flags & llvm::ELF::SHF_WRITE)
      sizes.ram += section.getSize();
    else
      sizes.flash += section.getSize();
  }
  return sizes;
}

/// Translates `module` to LLVM IR, optimizes it at -O2 and writes the
/// target's object file to `os`.
LogicalResult emitObject(ModuleOp module, const TargetInfo &t,
                         llvm::raw_pwrite_stream &os) {
  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargets();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmPrinters();
  llvm::Triple triple(t.triple);
  std::string error;
  const llvm::Target *llvmTarget =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!llvmTarget)
    return module.emitError("no LLVM target for ") << t.triple << ": " << error;
  llvm::TargetOptions options;
  std::unique_ptr<llvm::TargetMachine> machine(llvmTarget->createTargetMachine(
      triple, t.cpu, t.features, options,
      t.embedded ? llvm::Reloc::Static : llvm::Reloc::PIC_));
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext);
  if (!llvmModule)
    return module.emitError("translation to LLVM IR failed");
  llvmModule->setTargetTriple(triple);
  llvmModule->setDataLayout(machine->createDataLayout());
  if (llvm::Error err =
          makeOptimizingTransformer(2, 0, machine.get())(llvmModule.get()))
    return module.emitError("LLVM optimization failed: ")
           << llvm::toString(std::move(err));
  llvm::legacy::PassManager codegen;
  if (machine->addPassesToEmitFile(codegen, os, nullptr,
                                   llvm::CodeGenFileType::ObjectFile))
    return module.emitError("the target cannot emit object files");
  codegen.run(*llvmModule);
  return success();
}

/// The extraction pass's per-layer report, each layer with the footprint of
/// the kernel it will lower to (tables, scratch), matched by location.
llvm::Expected<llvm::json::Array> readLayers(StringRef path, ModuleOp module) {
  auto text = llvm::MemoryBuffer::getFile(path);
  if (!text)
    return llvm::createStringError(text.getError(),
                                   path + ": " + text.getError().message());
  auto parsed = llvm::json::parse((*text)->getBuffer());
  if (!parsed)
    return parsed.takeError();
  llvm::json::Array layers;
  if (auto *array = parsed->getAsArray())
    layers = std::move(*array);
  llvm::StringMap<mlir::cse_sparse::KernelFootprint> footprints;
  module->walk([&](Operation *op) {
    if (!isa<mlir::cse_sparse::MatmulOp, mlir::cse_sparse::Conv2DOp>(op))
      return;
    std::string where;
    llvm::raw_string_ostream(where) << op->getLoc();
    footprints[where] = mlir::cse_sparse::kernelFootprint(
        op, ::cse_sparse::NodeSchedule::Upfront, compactTables);
  });
  for (llvm::json::Value &layer : layers) {
    llvm::json::Object *obj = layer.getAsObject();
    auto where = obj ? obj->getString("location") : std::nullopt;
    if (!where || !footprints.count(*where))
      continue;
    const mlir::cse_sparse::KernelFootprint &f = footprints[*where];
    (*obj)["kernel"] =
        llvm::json::Object{{"table_bytes", int64_t(f.tableBytes)},
                           {"scratch_bytes", int64_t(f.scratchBytes)},
                           {"nodes", int64_t(f.nodes)},
                           {"scratch_slots", int64_t(f.slots)}};
  }
  return layers;
}

/// After bufferization: adds each entry point's stack buffers (temporaries
/// and kernel scratch) to `entries`; a temporary left on the heap is an error.
LogicalResult countStack(ModuleOp module, std::vector<EntryPoint> &entries) {
  bool heap = false;
  for (EntryPoint &e : entries) {
    auto func = module.lookupSymbol<func::FuncOp>(e.name);
    func.walk([&](Operation *op) {
      if (isa<memref::AllocOp>(op)) {
        op->emitError("a temporary buffer too large for the stack (raise "
                      "max-stack-buffer or shrink the layer)");
        heap = true;
      }
      if (auto alloca = dyn_cast<memref::AllocaOp>(op)) {
        MemRefType type = alloca.getType();
        if (type.hasStaticShape())
          e.stackBytes +=
              type.getNumElements() * ((type.getElementTypeBitWidth() + 7) / 8);
      }
      if (isa<mlir::cse_sparse::MatmulOp, mlir::cse_sparse::Conv2DOp>(op))
        e.stackBytes += mlir::cse_sparse::kernelFootprint(op)
                            .scratchBytes; // the layout does not change it
    });
  }
  return failure(heap);
}

void writeHeader(llvm::raw_ostream &os, StringRef base, StringRef targetName,
                 const TargetInfo &t, const ObjectSizes &sizes,
                 ArrayRef<EntryPoint> entries) {
  std::string guard = base.upper() + "_H";
  os << "/* " << base << ".h: generated by cse-sparse compile for "
     << targetName << " from " << llvm::sys::path::filename(input)
     << ".\n * Object: " << base << ".o (" << t.triple << ", " << t.cpu
     << "); flash " << sizes.flash
     << " bytes (code and constant tables), static RAM " << sizes.ram
     << " bytes. No heap.\n */\n#ifndef " << guard << "\n#define " << guard
     << "\n\n#include <stdint.h>\n\n#ifdef __cplusplus\nextern "
     << "\"C\" {\n#endif\n\n";
  for (const EntryPoint &e : entries)
    os << "/* " << e.name << ": buffers are row-major and must not overlap.\n"
       << e.shapes << " * Stack: about " << e.stackBytes
       << " bytes of buffers (plus the call frame).\n */\n"
       << e.prototype << "\n\n";
  os << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << guard << " */\n";
}

/// The one-screen report: object, entry points, and a line per layer.
void writeTextReport(llvm::raw_ostream &os, StringRef objectPath,
                     const ObjectSizes &sizes, ArrayRef<EntryPoint> entries,
                     StringRef costModelName, const llvm::json::Array &layers) {
  os << "cse-sparse compile " << input << " --target " << target << "\n"
     << "object   " << objectPath << ": flash " << sizes.flash
     << " bytes, static RAM " << sizes.ram << " bytes, no heap\n";
  for (const EntryPoint &e : entries)
    os << "entry    " << e.prototype << "  stack buffers " << e.stackBytes
       << " bytes\n";
  os << "layers   (cost model " << costModelName << ")\n";
  auto instructions = [](const llvm::json::Object *p, StringRef form) {
    const llvm::json::Object *f = p->getObject(form);
    return int64_t(f ? f->getNumber("instructions").value_or(0) : 0);
  };
  bool anyRewritten = false;
  for (const llvm::json::Value &layer : layers) {
    const llvm::json::Object *l = layer.getAsObject();
    if (!l)
      continue;
    StringRef form = l->getString("form").value_or("");
    if (form == "dense") {
      // Left alone: which op, and why.
      os << "  dense " << l->getString("op").value_or("") << " ("
         << l->getString("reason").value_or("")
         << "): " << l->getString("detail").value_or("") << "\n";
      continue;
    }
    anyRewritten = true;
    auto num = [&](StringRef key) { return l->getInteger(key).value_or(0); };
    os << llvm::formatv(
        "  {0,-5} {1}x{2} nnz {3}: CSEs {4}, additions {5} -> {6}", form,
        num("rows"), num("cols"), num("nnz"), num("cses"),
        num("additions_before"), num("additions_after"));
    if (const llvm::json::Object *k = l->getObject("kernel"))
      os << llvm::formatv(", tables {0} B, scratch {1} B",
                          k->getInteger("table_bytes").value_or(0),
                          k->getInteger("scratch_bytes").value_or(0));
    if (const llvm::json::Object *p = l->getObject("predicted"))
      os << llvm::formatv("; predicted instr dense {0}, csr {1}, ecsr {2}",
                          instructions(p, "dense"), instructions(p, "csr"),
                          instructions(p, "ecsr"));
    os << "\n";
  }
  if (!anyRewritten)
    os << "  none rewritten: every contraction stays dense"
       << (noExtract ? " (--no-extract)" : "") << "\n";
}

/// The directories `compile` created for DIR (DIR and missing parents),
/// removed again, deepest first and only while empty, unless kept: a failed
/// compile leaves no empty directory behind.
class CreatedDirectories {
public:
  CreatedDirectories() = default;
  CreatedDirectories(const CreatedDirectories &) = delete;
  ~CreatedDirectories() {
    for (const std::string &dir : created)
      llvm::sys::fs::remove(dir); // fails, harmlessly, unless empty
  }
  void keep() { created.clear(); }

  /// Creates the output directory if missing; refuses a path that exists and
  /// is not a directory (create_directories takes any existing path).
  llvm::Error create(StringRef dir) {
    for (StringRef d = dir; !d.empty() && !llvm::sys::fs::exists(d);
         d = llvm::sys::path::parent_path(d))
      created.push_back(d.str());
    if (std::error_code ec = llvm::sys::fs::create_directories(dir)) {
      created.clear(); // what was made, if anything, is not ours to judge
      return llvm::createStringError(
          ec, dir + ": cannot create directory: " + ec.message());
    }
    if (!llvm::sys::fs::is_directory(dir))
      return llvm::createStringError(
          std::make_error_code(std::errc::not_a_directory),
          dir + ": not a directory");
    return llvm::Error::success();
  }

private:
  std::vector<std::string> created;
};

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

/// The model to compile: the parsed .mlir file, or y = W * x built from a
/// matrix file; null after reporting the error.
OwningOpRef<ModuleOp> loadInput(MLIRContext &context, StringRef base) {
  auto error = [](const llvm::Twine &msg) {
    fail(msg);
    return OwningOpRef<ModuleOp>();
  };
  StringRef extension = llvm::sys::path::extension(input);
  if (extension == ".mlir") {
    llvm::SourceMgr sourceMgr;
    std::string message;
    auto file = openInputFile(input, &message);
    if (!file)
      return error(message);
    sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
    SourceMgrDiagnosticHandler handler(sourceMgr, &context);
    return parseSourceFile<ModuleOp>(sourceMgr, &context); // errors located
  }
  if (extension != ".mtx" && extension != ".npy")
    return error("unsupported input '" + input +
                 "' (expected .mlir, .mtx or .npy)");
  auto matrix = ::cse_sparse::readMatrixFile(input);
  if (!matrix)
    return error(llvm::toString(matrix.takeError()));
  if (matrix->type().bits > 32)
    return error(input + ": " + matrix->type().str() +
                 " weights are wider than the 32 bits a kernel supports");
  if (weightBits(*matrix) > 32)
    return error(input + ": " + matrix->type().str() + " weight " +
                 llvm::Twine(matrix->valueRange().second) +
                 " needs more than the 32 signed bits a kernel supports");
  uint64_t bytes =
      uint64_t(matrix->rows()) * matrix->cols() * (weightBits(*matrix) / 8);
  if (noExtract && bytes > kMaxDenseConstantBytes)
    // Refused before building anything: the dense lowering would expand it.
    return error(input + ": the " + llvm::Twine(matrix->rows()) + "x" +
                 llvm::Twine(matrix->cols()) + " weight is " +
                 llvm::Twine(bytes) + " bytes dense, above the " +
                 llvm::Twine(kMaxDenseConstantBytes) +
                 "-byte (64 MiB) limit of cse-sparse compile for a dense "
                 "layer (--no-extract compiles it dense)");
  return matrixModule(&context, *matrix, base, batch);
}

/// A file of ours, removed when this goes out of scope or on a crash.
struct ScratchFile {
  std::string path;
  ScratchFile() = default;
  ScratchFile(const ScratchFile &) = delete;
  ~ScratchFile() {
    if (path.empty())
      return;
    llvm::sys::fs::remove(path);
    llvm::sys::DontRemoveFileOnSignal(path);
  }
};

/// Runs the extraction stage and returns its per-layer report (empty with
/// --no-extract). The pass writes the report to a fresh temporary file of
/// ours, never to a name a user's file may have, and not in the output
/// directory, whose disk may be the one that is full.
llvm::Expected<llvm::json::Array>
extractLayers(ModuleOp module,
              mlir::cse_sparse::CseSparseToLLVMOptions &options,
              StringRef base) {
  if (!options.extract)
    return llvm::json::Array();
  ScratchFile report;
  int fd;
  llvm::SmallString<256> path;
  if (std::error_code ec = llvm::sys::fs::createTemporaryFile(
          "cse-sparse-" + base + "-layers", "json", fd, path))
    return llvm::createStringError(
        ec,
        "cannot create a temporary file for the layer report: " + ec.message());
  llvm::sys::Process::SafelyCloseFileDescriptor(fd);
  llvm::sys::RemoveFileOnSignal(path);
  report.path = std::string(path);
  options.report = report.path;
  if (failed(runStage(module, options, mlir::cse_sparse::buildExtractionStage)))
    return llvm::createStringError("extraction failed");
  return readLayers(report.path, module);
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
  std::optional<TargetInfo> t = lookupTarget(target);
  if (!t)
    return fail("unknown --target '" + target +
                "' (expected cortex-m4, cortex-m7, cortex-m33 or host)");
  if (batch == 0)
    return fail("--batch must be at least 1");
  if (!(timeLimit >= 0) || !std::isfinite(timeLimit))
    return fail("--time-limit must be a non-negative number of seconds");
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
  std::vector<EntryPoint> entries;
  if (failed(describeEntryPoints(*module, entries)))
    return 1;

  mlir::cse_sparse::CseSparseToLLVMOptions options;
  // Each Cortex-M target's own cost model unless one is named.
  options.costModel =
      costModel.getNumOccurrences()
          ? costModel.getValue()
          : ::cse_sparse::parseEnumName(::cse_sparse::kCostModelNames, target)
                .value_or(::cse_sparse::CostModelKind::None);
  options.seed = seed;
  options.effort = effort;
  options.timeLimit = timeLimit;
  options.match = match;
  options.objective = objective.getNumOccurrences() ? objective.getValue()
                      : t->embedded ? ::cse_sparse::Objective::Instructions
                                    : ::cse_sparse::Objective::Ops;
  options.nodeSchedule = nodeSchedule;
  options.compactTables = compactTables;
  options.extract = !noExtract;
  options.indexBitwidth = t->indexBitwidth;
  options.barePtr = true;

  // Per-layer figures, with the kernels' footprints before they lower away.
  auto layers = extractLayers(*module, options, *base);
  if (!layers)
    return fail(llvm::toString(layers.takeError()));
  if (failed(checkDenseConstants(*module, *layers)))
    return 1;

  if (failed(runStage(*module, options,
                      mlir::cse_sparse::buildBufferizationStage)))
    return fail("bufferization failed");
  if (failed(countStack(*module, entries)))
    return 1;
  if (failed(runStage(*module, options, mlir::cse_sparse::buildLoweringStage)))
    return fail("lowering to LLVM failed");

  if (failed(emitObject(*module, *t, outputs->object->os())))
    return 1;
  if (llvm::Error err = outputs->object->close())
    return fail(llvm::toString(std::move(err)));
  StringRef objectPath = outputs->object->path();
  auto sizes = objectSizes(outputs->object->writtenPath());
  if (!sizes)
    return fail(objectPath + ": " + llvm::toString(sizes.takeError()));

  writeHeader(outputs->header->os(), *base, target, *t, *sizes, entries);

  llvm::json::Array entryJson;
  for (const EntryPoint &e : entries)
    entryJson.push_back(
        llvm::json::Object{{"name", e.name},
                           {"prototype", e.prototype},
                           {"stack_bytes", int64_t(e.stackBytes)}});
  std::string costModelName =
      ::cse_sparse::enumName(::cse_sparse::kCostModelNames,
                             ::cse_sparse::CostModelKind(options.costModel))
          .str();
  llvm::json::Object reportJson{{"schema", "cse-sparse.compile.v1"},
                                {"target", target.getValue()},
                                {"triple", t->triple},
                                {"input", input.getValue()},
                                {"cost_model", costModelName},
                                {"object", *base + ".o"},
                                {"flash_bytes", int64_t(sizes->flash)},
                                {"static_ram_bytes", int64_t(sizes->ram)},
                                {"entry_points", std::move(entryJson)},
                                {"layers", llvm::json::Array(*layers)}};
  outputs->json->os() << llvm::formatv("{0:2}",
                                       llvm::json::Value(std::move(reportJson)))
                      << "\n";

  std::string text;
  llvm::raw_string_ostream os(text);
  writeTextReport(os, objectPath, *sizes, entries, costModelName, *layers);
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
