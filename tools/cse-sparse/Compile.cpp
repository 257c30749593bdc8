//===- Compile.cpp - `cse-sparse compile`: model or matrix to firmware ----===//
//
// Reads a model (linalg on tensors) or a weight matrix, runs
// --cse-sparse-to-llvm in three stages, and writes an object file for the
// target, a C header for its entry points and the per-layer report.
//
//===----------------------------------------------------------------------===//

#include "Compile.h"

#include "cse-sparse/Algorithm/MatrixIO.h"
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

#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;
namespace cl = llvm::cl;

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
cl::opt<std::string> costModel("cost-model",
                               cl::desc("Cost model choosing each layer's "
                                        "form (default: the target's; none "
                                        "on host)"),
                               cl::sub(compileCommand), cl::cat(category));
cl::opt<std::string> match("match", cl::desc("Pair matching: exact | scaled"),
                           cl::init("exact"), cl::sub(compileCommand),
                           cl::cat(category));
cl::opt<std::string>
    objective("objective",
              cl::desc("What extraction minimizes: ops | bytes | instructions "
                       "(default: instructions on Cortex-M, ops on host)"),
              cl::sub(compileCommand), cl::cat(category));
cl::opt<std::string> nodeSchedule(
    "node-schedule", cl::desc("upfront (fastest) | per-row (smallest scratch)"),
    cl::init("upfront"), cl::sub(compileCommand), cl::cat(category));
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

/// A C identifier from a file stem.
std::string identifier(StringRef text) {
  std::string id;
  for (char c : text)
    id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0])))
    id = "w_" + id;
  return id;
}

/// y(M x B) = W(M x N) * x(N x B) as linalg on tensors, W the constant.
OwningOpRef<ModuleOp> matrixModule(MLIRContext *ctx,
                                   const ::cse_sparse::SparseMatrix &m,
                                   StringRef fn, int64_t columns) {
  OpBuilder b(ctx);
  Location loc = NameLoc::get(b.getStringAttr(fn));
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc);
  b.setInsertionPointToEnd(module->getBody());
  unsigned bits = m.type().bits <= 8 ? 8 : m.type().bits <= 16 ? 16 : 32;
  auto wType =
      RankedTensorType::get({m.rows(), m.cols()}, b.getIntegerType(bits));
  unsigned accBits = bits <= 16 ? 32 : 64;
  auto xType =
      RankedTensorType::get({m.cols(), columns}, b.getIntegerType(bits));
  auto yType =
      RankedTensorType::get({m.rows(), columns}, b.getIntegerType(accBits));
  auto func =
      func::FuncOp::create(b, loc, fn, b.getFunctionType({xType}, {yType}));
  b.setInsertionPointToStart(func.addEntryBlock());
  std::vector<int64_t> dense(uint64_t(m.rows()) * m.cols(), 0);
  for (uint32_t r = 0; r < m.rows(); ++r)
    for (uint64_t p = m.rowBegin(r); p < m.rowEnd(r); ++p)
      dense[uint64_t(r) * m.cols() + m.columnIndices()[p]] = m.nonzeros()[p];
  SmallVector<APInt> values;
  for (int64_t v : dense)
    values.push_back(APInt(bits, uint64_t(v), /*isSigned=*/true,
                           /*implicitTrunc=*/true));
  Value w =
      arith::ConstantOp::create(b, loc, DenseElementsAttr::get(wType, values));
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

LogicalResult runStage(ModuleOp module, StringRef pipeline) {
  if (pipeline.empty())
    return success();
  PassManager pm(module.getContext());
  if (failed(parsePassPipeline(pipeline, pm)))
    return failure();
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

LogicalResult emitObject(ModuleOp module, const TargetInfo &t, StringRef path) {
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
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return module.emitError("cannot write ") << path << ": " << ec.message();
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

} // namespace

bool ::cse_sparse::tool::compileSelected() { return bool(compileCommand); }

int ::cse_sparse::tool::runCompile() {
  std::optional<TargetInfo> t = lookupTarget(target);
  if (!t)
    return fail("unknown --target '" + target +
                "' (expected cortex-m4, cortex-m7, cortex-m33 or host)");
  if (batch == 0)
    return fail("--batch must be at least 1");
  StringRef extension = llvm::sys::path::extension(input);
  std::string base =
      name.empty() ? identifier(llvm::sys::path::stem(input)) : name.getValue();

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

  OwningOpRef<ModuleOp> module;
  if (extension == ".mlir") {
    llvm::SourceMgr sourceMgr;
    std::string error;
    auto file = openInputFile(input, &error);
    if (!file)
      return fail(error);
    sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
    SourceMgrDiagnosticHandler handler(sourceMgr, &context);
    module = parseSourceFile<ModuleOp>(sourceMgr, &context);
    if (!module)
      return 1; // the parser reported where
  } else if (extension == ".mtx" || extension == ".npy") {
    auto matrix = ::cse_sparse::readMatrixFile(input);
    if (!matrix)
      return fail(llvm::toString(matrix.takeError()));
    if (matrix->type().bits > 32)
      return fail(input + ": " + matrix->type().str() +
                  " weights are wider than the 32 bits a kernel supports");
    module = matrixModule(&context, *matrix, base, batch);
  } else {
    return fail("unsupported input '" + input +
                "' (expected .mlir, .mtx or .npy)");
  }

  // Diagnostics from here on print with their locations.
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  std::vector<EntryPoint> entries;
  if (failed(describeEntryPoints(*module, entries)))
    return 1;
  if (std::error_code ec = llvm::sys::fs::create_directories(outDir))
    return fail(outDir + ": cannot create directory: " + ec.message());

  mlir::cse_sparse::CseSparseToLLVMOptions options;
  options.costModel = costModel.empty()
                          ? (t->embedded ? target.getValue() : "none")
                          : costModel.getValue();
  options.seed = seed;
  options.effort = effort;
  options.match = match;
  options.objective = !objective.empty() ? objective.getValue()
                      : t->embedded      ? std::string("instructions")
                                         : std::string("ops");
  options.nodeSchedule = nodeSchedule;
  options.compactTables = compactTables;
  options.extract = !noExtract;
  options.indexBitwidth = t->indexBitwidth;
  options.barePtr = true;
  std::string layersPath = outDir + "/" + base + ".layers.json";
  options.report = layersPath;
  if (failed(runStage(*module, mlir::cse_sparse::extractionStage(options))))
    return fail("extraction failed");
  if (noExtract) {
    // No report to read: an empty list of rewritten layers.
    std::error_code ec;
    llvm::raw_fd_ostream empty(layersPath, ec);
    if (ec)
      return fail(layersPath + ": " + ec.message());
    empty << "[]\n";
  }

  // Per-layer figures, with the kernels' footprints before they lower away.
  auto layers = readLayers(layersPath, *module);
  llvm::sys::fs::remove(layersPath);
  if (!layers)
    return fail(layersPath + ": " + llvm::toString(layers.takeError()));

  if (failed(runStage(*module, mlir::cse_sparse::bufferizationStage(options))))
    return fail("bufferization failed");
  if (failed(countStack(*module, entries)))
    return 1;
  if (failed(runStage(*module, mlir::cse_sparse::loweringStage(options))))
    return fail("lowering to LLVM failed");

  std::string objectPath = outDir + "/" + base + ".o";
  if (failed(emitObject(*module, *t, objectPath)))
    return 1;
  auto sizes = objectSizes(objectPath);
  if (!sizes)
    return fail(objectPath + ": " + llvm::toString(sizes.takeError()));

  std::error_code ec;
  llvm::raw_fd_ostream header(outDir + "/" + base + ".h", ec);
  if (ec)
    return fail(base + ".h: " + ec.message());
  writeHeader(header, base, target, *t, *sizes, entries);

  llvm::json::Array entryJson;
  for (const EntryPoint &e : entries)
    entryJson.push_back(
        llvm::json::Object{{"name", e.name},
                           {"prototype", e.prototype},
                           {"stack_bytes", int64_t(e.stackBytes)}});
  llvm::json::Object reportJson{{"schema", "cse-sparse.compile.v1"},
                                {"target", target.getValue()},
                                {"triple", t->triple},
                                {"input", input.getValue()},
                                {"cost_model", std::string(options.costModel)},
                                {"object", base + ".o"},
                                {"flash_bytes", int64_t(sizes->flash)},
                                {"static_ram_bytes", int64_t(sizes->ram)},
                                {"entry_points", std::move(entryJson)},
                                {"layers", llvm::json::Array(*layers)}};
  llvm::raw_fd_ostream json(outDir + "/" + base + ".report.json", ec);
  if (ec)
    return fail(base + ".report.json: " + ec.message());
  json << llvm::formatv("{0:2}", llvm::json::Value(std::move(reportJson)))
       << "\n";

  std::string text;
  llvm::raw_string_ostream os(text);
  writeTextReport(os, objectPath, *sizes, entries, options.costModel, *layers);
  llvm::outs() << text;
  llvm::raw_fd_ostream textFile(outDir + "/" + base + ".report.txt", ec);
  if (ec)
    return fail(base + ".report.txt: " + ec.message());
  textFile << text;
  return 0;
}
