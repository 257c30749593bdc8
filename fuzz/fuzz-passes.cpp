//===- fuzz-passes.cpp - the passes on mutated MLIR text ------------------===//
//
// The input is MLIR text, mutated by libFuzzer from readable .mlir seeds
// (fuzz/corpus/fuzz-passes, tokens in fuzz/dict/fuzz-passes.dict). A text
// that parses and verifies, with every upstream dialect and cse_sparse
// registered, and stays within the budget below, goes through
//   (0) if it holds TOSA ops, --cse-sparse-tosa-to-linalg (what compile
//       runs on a TOSA model), and the rest on its output if it succeeds;
//   (a) --cse-sparse-extract (cost model, match and float weights from the
//       options byte; remarks and the JSON report on);
//   (b) where the module then holds cse_sparse ops: one-shot-bufferize, then
//       --convert-cse-sparse-to-scf with both node schedules;
//   (c) the whole --cse-sparse-to-llvm pipeline (host or embedded ABI), and,
//       if that fails, the same pipeline with extract=0.
//
// Must hold: no crash, sanitizer report or hang; a pass fails only with an
// error diagnostic; our passes (and the bufferization of our ops) never
// leave IR that fails to verify, even when they fail; --convert-cse-sparse-
// to-scf leaves no cse_sparse op when it succeeds; --cse-sparse-to-llvm
// succeeds wherever it succeeds with extract=0. A violation prints the input,
// its options, the diagnostics and the offending IR, then aborts.
//
// Options. A first byte >= 0x80 (no MLIR text starts with one) is an options
// byte and is not part of the text; without it, the options come from a hash
// of the text, so that plain .mlir seeds and their mutants still cover every
// combination. Bits 0-1: cost model none | sparse | csr | cortex-m4; bit 2:
// match exact | scaled; bit 3: the pipeline's node-schedule upfront |
// per-row; bit 4: compact-tables; bit 5: the pipeline's embedded ABI
// (bare-ptr=1 index-bitwidth=32); bit 6: float-weights=1 in (a). The
// pipeline's temporaries (lifetime markers | plan-stack | arena) follow the
// text's length modulo 3, its arm-dsp the length divided by 3, modulo 2.
//
// Budget. Inputs that are slow for legitimate reasons (a splat constant of
// 10^9 elements is a few bytes of text, and the pass reads every weight
// element) are rejected after verification, before any pass: more than
// kMaxOps operations, constants (every elements attribute: dense, splat,
// sparse and resources counted by their shape) of more than
// kMaxConstantElements elements in all, or a vector type of more than
// kMaxVectorElements elements (the LLVM lowering unrolls n-D vectors).
// Tensor and memref types may be as large as they like: shapes alone cost
// the passes nothing, and overflows in size computations are worth finding.
//
// Mutations. Besides libFuzzer's byte mutations (with the dictionary), a
// custom mutator edits tokens (numbers, element types, a dimension in every
// shape, sibling ops and keywords, lines, the options byte) and a custom
// cross-over appends another input's function or global: most byte-mutated
// texts do not parse, most token-edited ones do.
//
// Upstream bugs. MLIR 22's parser crashes on five constructs before any
// pass of ours runs; inputs holding them are skipped, and counted
// (upstreamParserCrash below; docs/robustness.md has the reproducers).
//
// CSE_SPARSE_FUZZ_PRINT=1 prints what became of every input;
// CSE_SPARSE_FUZZ_STATS=1 prints how many inputs had each outcome at exit;
// CSE_SPARSE_FUZZ_STATS=FILE appends them to FILE (-fork=N runs children).
//
//===----------------------------------------------------------------------===//

#include "FuzzContext.h"
#include "cse-sparse/Conversion/Passes.h"
#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/BufferizableOpInterfaceImpl.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h"
#include "cse-sparse/Pipelines/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/IR/Verifier.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>

using namespace mlir;
using ::cse_sparse::fuzz::contextForNextInput;
using ::cse_sparse::fuzz::printing;
using ::cse_sparse::fuzz::registry;

namespace {

//===----------------------------------------------------------------------===//
// Options
//===----------------------------------------------------------------------===//

struct FuzzOptions {
  ::cse_sparse::CostModelKind costModel;
  bool scaled = false;
  bool perRowPipeline = false;
  bool compactTables = false;
  bool embedded = false;
  bool floatWeights = false;
  /// Where the pipeline puts the temporaries: 0 allocations with lifetime
  /// markers, 1 our stack plan, 2 the caller's arena.
  unsigned stack = 0;
  /// The pipeline's arm-dsp (dense int8 matmuls and depthwise convolutions
  /// with the DSP extension).
  bool armDsp = false;
};

FuzzOptions decodeOptions(uint8_t bits) {
  using ::cse_sparse::CostModelKind;
  static const CostModelKind costModels[] = {
      CostModelKind::None, CostModelKind::Sparse, CostModelKind::Csr,
      CostModelKind::CortexM4};
  FuzzOptions o;
  o.costModel = costModels[bits & 3];
  o.scaled = bits & 4;
  o.perRowPipeline = bits & 8;
  o.compactTables = bits & 16;
  o.embedded = bits & 32;
  o.floatWeights = bits & 64;
  return o;
}

/// FNV-1a: options for a text without an options byte.
uint8_t hashBits(StringRef text) {
  uint32_t h = 2166136261u;
  for (unsigned char c : text)
    h = (h ^ c) * 16777619u;
  return (h ^ (h >> 16)) & 0x7f;
}

//===----------------------------------------------------------------------===//
// Upstream crashes the harness steps around
//===----------------------------------------------------------------------===//

bool isIdentifierChar(char c) {
  return llvm::isAlnum(c) || c == '_' || c == '$' || c == '.';
}

/// Skips a string literal starting at text[i] (a '"'); returns the index
/// after it.
size_t skipString(StringRef text, size_t i) {
  for (++i; i < text.size() && text[i] != '"'; ++i)
    if (text[i] == '\\')
      ++i;
  return i + 1;
}

/// Skips whitespace and `//` comments.
size_t skipSpace(StringRef text, size_t i) {
  while (i < text.size()) {
    if (llvm::isSpace(text[i])) {
      ++i;
    } else if (text.substr(i).starts_with("//")) {
      i = text.find('\n', i);
      if (i == StringRef::npos)
        return text.size();
    } else {
      break;
    }
  }
  return i;
}

/// After a linalg op name at `i`, in the op's custom form: whether a `<` at
/// bracket depth 0 opens properties that are not a dictionary, before the op
/// reaches its operands (`ins`, `outs`, a value, `:` or `->`).
bool opensNonDictionaryProperties(StringRef text, size_t i) {
  int depth = 0;
  while ((i = skipSpace(text, i)) < text.size()) {
    char c = text[i];
    if (c == '"') {
      i = skipString(text, i);
      continue;
    }
    if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      if (--depth < 0)
        return false;
    } else if (depth == 0) {
      if (c == '<') {
        size_t next = skipSpace(text, i + 1);
        return next >= text.size() || text[next] != '{';
      }
      if (c == '%' || c == ':' || text.substr(i).starts_with("->"))
        return false;
      if (isIdentifierChar(c)) {
        size_t end = i;
        while (end < text.size() && isIdentifierChar(text[end]))
          ++end;
        StringRef word = text.slice(i, end);
        if (word == "ins" || word == "outs")
          return false;
        i = end;
        continue;
      }
    }
    ++i;
  }
  return false;
}

/// Calls `visit(word, end)` for each bare identifier of `text` outside
/// strings and comments, `end` being the index after it. Stops, returning
/// true, when `visit` does.
template <typename Visit> bool anyBareIdentifier(StringRef text, Visit visit) {
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '"') {
      i = skipString(text, i);
      continue;
    }
    if (text.substr(i).starts_with("//")) {
      i = skipSpace(text, i);
      continue;
    }
    if (!isIdentifierChar(c)) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < text.size() && isIdentifierChar(text[i]))
      ++i;
    // `#linalg...`, `!linalg...`, `@linalg...` and the like are not bare.
    char before = start ? text[start - 1] : ' ';
    if (!StringRef("#!@%^").contains(before) && visit(text.slice(start, i), i))
      return true;
  }
  return false;
}

/// MLIR 22's linalg structured-op parser (parseCommonStructuredOpParts,
/// Dialect/Linalg/IR/LinalgOps.cpp) reads optional `<attr>` properties and
/// casts them to DictionaryAttr unchecked: `linalg.matmul <1> ins(...)`
/// reads garbage (a SEGV in NamedAttrList::push_back under the parser).
/// True for any linalg op in custom form with such properties; the check
/// errs on the side of skipping.
bool hasLinalgPropertiesNotDictionary(StringRef text) {
  return anyBareIdentifier(text, [&](StringRef word, size_t end) {
    return word.starts_with("linalg.") &&
           opensNonDictionaryProperties(text, end);
  });
}

/// Whether `text` at `i` is `[` elements `]`, each ending where
/// `skipElement` says (npos: not an element there).
bool isList(StringRef text, size_t i,
            function_ref<size_t(StringRef, size_t)> skipElement) {
  i = skipSpace(text, i);
  if (i >= text.size() || text[i] != '[')
    return false;
  i = skipSpace(text, i + 1);
  if (i < text.size() && text[i] == ']')
    return true;
  while (i < text.size()) {
    size_t end = skipElement(text, i);
    if (end == StringRef::npos)
      return false;
    i = skipSpace(text, end);
    if (i < text.size() && text[i] == ']')
      return true;
    if (i >= text.size() || text[i] != ',')
      return false;
    i = skipSpace(text, i + 1);
  }
  return false;
}

/// The end of a decimal integer of at most 18 digits at `i`, or npos.
size_t skipInteger(StringRef text, size_t i) {
  if (text[i] == '-')
    ++i;
  size_t digits = 0;
  while (i < text.size() && llvm::isDigit(text[i]))
    ++i, ++digits;
  return digits == 0 || digits > 18 ? StringRef::npos : i;
}

/// The end of a string literal at `i`, or npos.
size_t skipStringLiteral(StringRef text, size_t i) {
  return text[i] == '"' ? skipString(text, i) : StringRef::npos;
}

/// MLIR 22's linalg.transpose, linalg.broadcast and linalg.reduce parsers
/// (parseDenseI64ArrayAttr, LinalgOps.cpp) set `permutation` or
/// `dimensions` to what DenseI64ArrayAttr::parse returns without checking
/// it: `permutation = [a]` sets a null attribute (a SEGV in
/// NamedAttrList::set, after the parse error). True for either keyword
/// followed by `=` and anything but a list of integers.
bool hasBadDenseI64Array(StringRef text) {
  return anyBareIdentifier(text, [&](StringRef word, size_t end) {
    if (word != "permutation" && word != "dimensions")
      return false;
    size_t i = skipSpace(text, end);
    return i < text.size() && text[i] == '=' &&
           !isList(text, i + 1, skipInteger);
  });
}

/// MLIR 22's linalg.generic parser (GenericOp::parse) reads
/// `iterator_types` with getAsValueRange<StringAttr>, which casts every
/// element unchecked: `linalg.generic {iterator_types = [1]}` takes an
/// integer for a string (ASan: allocation-size-too-big of 0xbebebebe...,
/// the size read from uninitialized memory; SEGV without ASan). True for
/// `iterator_types =` and anything but a list of string literals.
bool hasBadIteratorTypes(StringRef text) {
  return anyBareIdentifier(text, [&](StringRef word, size_t end) {
    if (word != "iterator_types")
      return false;
    size_t i = skipSpace(text, end);
    return i < text.size() && text[i] == '=' &&
           !isList(text, i + 1, skipStringLiteral);
  });
}

/// MLIR 22's linalg.batch_matmul and linalg.batch_reduce_matmul region
/// builders (BatchMatmulOp::regionBuilder, LinalgOps.cpp) do not check the
/// element types, as matmul's does: an `index` (or vector, pointer, ...)
/// accumulator reaches an llvm_unreachable and the parser calls address 0
/// (SEGV). True for either op in custom form with anything but integer,
/// float or complex element types up to the end of its `outs(...)`.
bool hasNonNumericBatchMatmul(StringRef text) {
  return anyBareIdentifier(text, [&](StringRef word, size_t end) {
    if (word != "linalg.batch_matmul" && word != "linalg.batch_reduce_matmul")
      return false;
    size_t outs = text.find("outs(", end);
    size_t close =
        outs == StringRef::npos ? StringRef::npos : text.find(')', outs);
    StringRef span = text.slice(end, close);
    return span.contains("index") || span.contains('!') ||
           span.contains("vector<") || span.contains("none") ||
           span.contains("tuple<");
  });
}

/// MLIR 22 reads a resource blob's first 4 bytes as its alignment and checks
/// it is a power of two, which 0 passes: the blob is then allocated with
/// alignment 0 (ASan: invalid-allocation-alignment in llvm::allocate_buffer,
/// under the parser of `dialect_resources`). The hex string's spelling is
/// read raw, so the prefix is exact.
bool hasZeroAlignmentBlob(StringRef text) {
  return text.contains("\"0x00000000");
}

/// The construct of `text` that crashes upstream's parser, if any.
const char *upstreamParserCrash(StringRef text) {
  if (hasLinalgPropertiesNotDictionary(text))
    return "linalg properties not a dictionary";
  if (hasBadDenseI64Array(text))
    return "linalg permutation/dimensions not integers";
  if (hasBadIteratorTypes(text))
    return "linalg.generic iterator_types not strings";
  if (hasNonNumericBatchMatmul(text))
    return "linalg.batch_matmul on non-numeric types";
  if (hasZeroAlignmentBlob(text))
    return "resource blob of alignment 0";
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Budget
//===----------------------------------------------------------------------===//

constexpr int64_t kMaxOps = 512;
constexpr int64_t kMaxConstantElements = int64_t(1) << 14;
constexpr int64_t kMaxVectorElements = int64_t(1) << 16;

/// Elements of the static part of a shaped type, saturating at INT64_MAX.
int64_t staticElements(ShapedType shaped) {
  if (!shaped.hasRank())
    return 0;
  int64_t n = 1;
  for (int64_t d : shaped.getShape()) {
    if (d == 0)
      return 0;
    if (ShapedType::isDynamic(d) || d < 0)
      continue;
    if (n > std::numeric_limits<int64_t>::max() / d)
      return std::numeric_limits<int64_t>::max();
    n *= d;
  }
  return n;
}

/// Why the module is over budget, or "" if it is not.
std::string overBudget(ModuleOp module) {
  int64_t ops = 0, constants = 0, largestVector = 0;
  auto visitType = [&](Type type) {
    if (auto vector = dyn_cast<VectorType>(type))
      largestVector = std::max(largestVector, staticElements(vector));
  };
  auto visitAttr = [&](Attribute attr) {
    if (auto elements = dyn_cast<ElementsAttr>(attr)) {
      int64_t n = staticElements(elements.getShapedType());
      constants = n > std::numeric_limits<int64_t>::max() - constants
                      ? std::numeric_limits<int64_t>::max()
                      : constants + n;
    }
  };
  module->walk([&](Operation *op) {
    ++ops;
    for (Type type : op->getResultTypes())
      type.walk(visitType);
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (BlockArgument arg : block.getArguments())
          arg.getType().walk(visitType);
    // Inherent attributes (properties) included.
    op->getAttrDictionary().walk(visitAttr, visitType);
  });
  if (ops > kMaxOps)
    return std::to_string(ops) + " ops";
  if (constants > kMaxConstantElements)
    return std::to_string(constants) + " constant elements";
  if (largestVector > kMaxVectorElements)
    return "a vector of " + std::to_string(largestVector) + " elements";
  return "";
}

//===----------------------------------------------------------------------===//
// Context and diagnostics
//===----------------------------------------------------------------------===//

/// Everything diagnostics say about the current input, and how many errors.
std::string diagnostics;
unsigned errorCount = 0;

/// Counts of outcomes, printed at exit with CSE_SPARSE_FUZZ_STATS.
llvm::StringMap<unsigned> &stats() {
  static auto *counts = new llvm::StringMap<unsigned>;
  return *counts;
}

void count(StringRef what) {
  if (printing())
    llvm::errs() << "// fuzz-passes: " << what << "\n";
  ++stats()[what];
}

void printStats() {
  std::vector<std::pair<std::string, unsigned>> rows;
  for (auto &entry : stats())
    rows.emplace_back(entry.getKey().str(), entry.getValue());
  llvm::sort(rows);
  // stdio: llvm::errs() may already be destroyed at exit.
  StringRef where = std::getenv("CSE_SPARSE_FUZZ_STATS");
  FILE *out = where == "1" ? stderr : std::fopen(where.str().c_str(), "a");
  if (!out)
    return;
  std::fprintf(out, "fuzz-passes: outcomes\n");
  for (auto &[what, n] : rows)
    std::fprintf(out, "  %u\t%s\n", n, what.c_str());
  if (out != stderr)
    std::fclose(out);
}

std::unique_ptr<MLIRContext> newContext() {
  static bool statsAtExit =
      std::getenv("CSE_SPARSE_FUZZ_STATS") && !std::atexit(printStats);
  (void)statsAtExit;
  auto ctx = std::make_unique<MLIRContext>(registry(),
                                           MLIRContext::Threading::DISABLED);
  // Dialects load as the parser meets them; loading all of them up front
  // would make every context slower to build for nothing.
  ctx->printOpOnDiagnostic(false);
  ctx->printStackTraceOnDiagnostic(false);
  ctx->getDiagEngine().registerHandler([](Diagnostic &d) {
    static const char *severities[] = {"note", "warning", "error", "remark"};
    if (d.getSeverity() == DiagnosticSeverity::Error)
      ++errorCount;
    llvm::raw_string_ostream os(diagnostics);
    os << d.getLocation() << ": "
       << severities[static_cast<unsigned>(d.getSeverity())] << ": " << d
       << "\n";
    for (const Diagnostic &note : d.getNotes())
      os << "  note: " << note << "\n";
  });
  return ctx;
}

//===----------------------------------------------------------------------===//
// Failure reports
//===----------------------------------------------------------------------===//

/// The input being run, for the failure report.
struct Input {
  StringRef text;
  const FuzzOptions *options;
} input;

std::string describe(const FuzzOptions &o) {
  return "cost-model=" +
         ::cse_sparse::enumName(::cse_sparse::kCostModelNames, o.costModel)
             .str() +
         " match=" + (o.scaled ? "scaled" : "exact") +
         " float-weights=" + std::to_string(o.floatWeights) +
         "; pipeline node-schedule=" +
         (o.perRowPipeline ? "per-row" : "upfront") +
         " compact-tables=" + std::to_string(o.compactTables) +
         (o.embedded ? " bare-ptr=1 index-bitwidth=32" : "") +
         (o.stack == 1   ? " plan-stack=1"
          : o.stack == 2 ? " arena=1"
                         : "") +
         (o.armDsp ? " arm-dsp=1" : "");
}

[[noreturn]] void fail(const Twine &what, Operation *ir = nullptr) {
  llvm::errs() << "fuzz-passes: " << what
               << "\n--- options: " << describe(*input.options)
               << "\n--- input\n"
               << input.text << "\n--- diagnostics\n"
               << diagnostics;
  if (ir) {
    // Generic form: the custom printers may assume verified IR.
    llvm::errs() << "--- IR\n";
    ir->print(llvm::errs(), OpPrintingFlags().printGenericOpForm());
  }
  llvm::errs() << "\n---\n";
  llvm::errs().flush();
  std::abort();
}

//===----------------------------------------------------------------------===//
// Running passes
//===----------------------------------------------------------------------===//

/// Passes of ours whose IR the pass manager's verifier checks after them: a
/// failure that leaves invalid IR is theirs (the rewrites of linalg ops into
/// other linalg ops or loops never fail on their own).
bool isOurs(StringRef passArgument) {
  return llvm::is_contained({StringRef("cse-sparse-extract"),
                             StringRef("convert-cse-sparse-to-scf"),
                             StringRef("cse-sparse-fold-bias-add"),
                             StringRef("cse-sparse-arm-dsp-matmul"),
                             StringRef("cse-sparse-arm-dsp-conv"),
                             StringRef("cse-sparse-arm-dsp-depthwise")},
                            passArgument);
}

bool holdsCseSparseOps(Operation *root) {
  bool found = false;
  root->walk([&](Operation *op) {
    if (isa<mlir::cse_sparse::MatmulOp, mlir::cse_sparse::Conv2DOp>(op)) {
      found = true;
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return found;
}

/// Which pass of a pipeline failed first (the innermost: a nested pass
/// manager's adaptor fails after the pass inside it), and whether it emitted
/// an error. Contexts are single-threaded, so a stack of error counts at
/// each pass's start is enough.
struct FailureTracker : public PassInstrumentation {
  SmallVector<unsigned> errorsAtStart;
  std::string failedPass;
  bool failedWithError = false;

  void runBeforePass(Pass *, Operation *) override {
    errorsAtStart.push_back(errorCount);
  }
  void runAfterPass(Pass *, Operation *) override { errorsAtStart.pop_back(); }
  void runAfterPassFailed(Pass *pass, Operation *op) override {
    unsigned before = errorsAtStart.pop_back_val();
    if (!failedPass.empty())
      return;
    failedPass = pass->getArgument().str();
    if (failedPass.empty())
      failedPass = pass->getName().str();
    failedWithError = errorCount > before;
    if (!failedWithError)
      fail("pass '" + failedPass + "' failed without an error diagnostic", op);
    // The pass manager verifies after each pass; our passes' failures must
    // leave valid IR too.
    if (isOurs(failedPass) && failed(verify(op)))
      fail("'" + failedPass + "' left IR that does not verify", op);
  }
};

/// Runs `pm` on `module`; a failure must come with an error. With the
/// verifier off, our own checks follow.
LogicalResult runChecked(PassManager &pm, ModuleOp module, StringRef what) {
  unsigned before = errorCount;
  if (succeeded(pm.run(module)))
    return success();
  if (errorCount == before)
    fail(what + " failed without an error diagnostic", module);
  return failure();
}

/// (a) --cse-sparse-extract. Returns its output when it succeeds.
OwningOpRef<ModuleOp> checkExtraction(ModuleOp module, const FuzzOptions &o) {
  mlir::cse_sparse::CseSparseExtractPassOptions options;
  options.costModel = o.costModel;
  options.match = o.scaled ? ::cse_sparse::MatchMode::Scaled
                           : ::cse_sparse::MatchMode::Exact;
  // Few rounds: the search is fuzz-extraction's job; here the IR is.
  options.effort = 1;
  options.floatWeights = o.floatWeights;
  options.remarks = true;
  // Builds every entry of the report (and writes it nowhere).
  options.report = "/dev/null";
  OwningOpRef<ModuleOp> clone = module.clone();
  PassManager pm(module.getContext());
  pm.enableVerifier(false);
  pm.addPass(mlir::cse_sparse::createCseSparseExtractPass(options));
  if (failed(runChecked(pm, *clone, "--cse-sparse-extract"))) {
    if (failed(verify(*clone)))
      fail("--cse-sparse-extract failed and left IR that does not verify",
           *clone);
    count("extract: failed with an error");
    return nullptr;
  }
  if (failed(verify(*clone)))
    fail("--cse-sparse-extract produced IR that does not verify", *clone);
  count(holdsCseSparseOps(*clone) ? "extract: ok, cse_sparse ops"
                                  : "extract: ok, no cse_sparse ops");
  return clone;
}

/// Whether IR that fails to verify after bufferization is the fault of our
/// bufferization models: some op failing its own verifier has the location
/// of a cse_sparse op (the models build every op at the op they replace).
/// Upstream's own gaps show up here too: an ml_program.global whose
/// initial value has another shape than the global (its verifier does not
/// check) becomes a memref.global that fails to verify.
bool invalidOpsAreOurs(ModuleOp module, const DenseSet<Location> &ours) {
  bool found = false;
  module->walk([&](Operation *op) {
    if (ours.contains(op->getLoc()) &&
        failed(verify(op, /*verifyRecursively=*/false)))
      found = true;
  });
  return found;
}

/// (b) one-shot-bufferize, then --convert-cse-sparse-to-scf with each node
/// schedule.
void checkConversion(ModuleOp module, const FuzzOptions &o) {
  OwningOpRef<ModuleOp> buffers = module.clone();
  {
    DenseSet<Location> ours;
    buffers->walk([&](Operation *op) {
      if (isa<mlir::cse_sparse::MatmulOp, mlir::cse_sparse::Conv2DOp>(op))
        ours.insert(op->getLoc());
    });
    PassManager pm(module.getContext());
    // Verified below: the bufferization of our ops is ours.
    pm.enableVerifier(false);
    if (failed(parsePassPipeline(
            "one-shot-bufferize{bufferize-function-boundaries "
            "function-boundary-type-conversion=identity-layout-map}",
            pm)))
      llvm::report_fatal_error("fuzz-passes: bufferization does not parse");
    LogicalResult result = runChecked(pm, *buffers, "one-shot-bufferize");
    if (failed(verify(*buffers))) {
      if (invalidOpsAreOurs(*buffers, ours))
        fail("one-shot-bufferize left a cse_sparse op (or an op made from "
             "one) that does not verify",
             *buffers);
      count("bufferize: upstream left IR that does not verify");
      return;
    }
    if (failed(result)) {
      count("bufferize: failed with an error");
      return;
    }
  }
  for (::cse_sparse::NodeSchedule schedule :
       {::cse_sparse::NodeSchedule::Upfront,
        ::cse_sparse::NodeSchedule::PerRow}) {
    mlir::cse_sparse::ConvertCseSparseToSCFPassOptions options;
    options.nodeSchedule = schedule;
    options.compactTables = o.compactTables;
    options.remarks = true;
    OwningOpRef<ModuleOp> clone = buffers->clone();
    PassManager pm(module.getContext());
    pm.enableVerifier(false);
    pm.addPass(mlir::cse_sparse::createConvertCseSparseToSCFPass(options));
    std::string what =
        "--convert-cse-sparse-to-scf=node-schedule=" +
        ::cse_sparse::enumName(::cse_sparse::kNodeScheduleNames, schedule)
            .str();
    LogicalResult result = runChecked(pm, *clone, what);
    if (failed(verify(*clone)))
      fail(what + (succeeded(result) ? " produced" : " failed and left") +
               " IR that does not verify",
           *clone);
    if (failed(result)) {
      count("convert: failed with an error");
      continue;
    }
    if (holdsCseSparseOps(*clone))
      fail(what + " succeeded but left a cse_sparse op", *clone);
    count("convert: ok");
  }
}

bool holdsTosaOps(ModuleOp module) {
  bool found = false;
  module->walk([&](Operation *op) {
    found = op->getName().getDialectNamespace() == "tosa";
    return found ? WalkResult::interrupt() : WalkResult::advance();
  });
  return found;
}

/// (0) For a module holding TOSA ops: --cse-sparse-tosa-to-linalg on a
/// clone, which may fail only with an error diagnostic, and must leave IR
/// that verifies when it succeeds. Returns its output, or null.
OwningOpRef<ModuleOp> lowerTosa(ModuleOp module) {
  OwningOpRef<ModuleOp> clone = module.clone();
  PassManager pm(module.getContext());
  mlir::cse_sparse::buildTosaToLinalgStage(pm);
  unsigned before = errorCount;
  if (failed(pm.run(*clone))) {
    if (errorCount == before)
      fail("--cse-sparse-tosa-to-linalg failed without an error diagnostic",
           *clone);
    count("tosa-to-linalg: failed");
    return nullptr;
  }
  if (failed(verify(*clone)))
    fail("--cse-sparse-tosa-to-linalg produced IR that does not verify",
         *clone);
  count("tosa-to-linalg: ok");
  return clone;
}

/// One run of --cse-sparse-to-llvm on a clone of `module`.
LogicalResult runPipeline(ModuleOp module, const FuzzOptions &o, bool extract,
                          std::string &failedPass) {
  mlir::cse_sparse::CseSparseToLLVMOptions options;
  options.extract = extract;
  options.costModel = o.costModel;
  options.match = o.scaled ? ::cse_sparse::MatchMode::Scaled
                           : ::cse_sparse::MatchMode::Exact;
  options.nodeSchedule = o.perRowPipeline ? ::cse_sparse::NodeSchedule::PerRow
                                          : ::cse_sparse::NodeSchedule::Upfront;
  options.compactTables = o.compactTables;
  options.planStack = o.stack == 1;
  options.arena = o.stack == 2;
  options.armDsp = o.armDsp;
  options.effort = 1;
  if (o.embedded) {
    options.barePtr = true;
    options.indexBitwidth = 32;
  }
  OwningOpRef<ModuleOp> clone = module.clone();
  PassManager pm(module.getContext());
  auto tracker = std::make_unique<FailureTracker>();
  FailureTracker *track = tracker.get();
  pm.addInstrumentation(std::move(tracker));
  mlir::cse_sparse::buildCseSparseToLLVMPipeline(pm, options);
  unsigned before = errorCount;
  if (succeeded(pm.run(*clone)))
    return success();
  if (errorCount == before)
    fail("--cse-sparse-to-llvm failed without an error diagnostic", *clone);
  failedPass = track->failedPass;
  return failure();
}

/// (c) the pipeline; with extraction it may fail only where it fails
/// without.
void checkPipeline(ModuleOp module, const FuzzOptions &o) {
  std::string failedPass;
  if (succeeded(runPipeline(module, o, /*extract=*/true, failedPass))) {
    count("pipeline: ok");
    return;
  }
  std::string withExtraction = diagnostics;
  std::string dense;
  if (succeeded(runPipeline(module, o, /*extract=*/false, dense))) {
    diagnostics = withExtraction;
    fail("--cse-sparse-to-llvm failed in '" + failedPass +
         "' while it succeeds with extract=0");
  }
  count("pipeline: failed in " + failedPass);
}

//===----------------------------------------------------------------------===//
// Mutations that keep the text MLIR
//===----------------------------------------------------------------------===//

// libFuzzer's byte mutations leave almost every input unparsable (99% in
// the first runs), so the passes saw some 10 modules a second. These edit
// tokens instead: a number, an element type, a dimension everywhere, an op
// or keyword for a sibling, a line; or splice in another input's function.
// Byte mutations (with the dictionary) still make up a sixth, for the
// parser's and verifiers' error paths (libFuzzer stacks up to five
// mutations on an input, and one byte mutation usually breaks the text).

using Rng = std::minstd_rand;

size_t pick(Rng &rng, size_t n) { return n ? rng() % n : 0; }

/// Splits an input into its options byte (if any) and text.
std::pair<std::string, std::string> splitHeader(const uint8_t *data,
                                                size_t size) {
  std::string bytes(reinterpret_cast<const char *>(data), size);
  if (!bytes.empty() && static_cast<unsigned char>(bytes[0]) >= 0x80)
    return {bytes.substr(0, 1), bytes.substr(1)};
  return {"", bytes};
}

bool isWordChar(char c) { return llvm::isAlnum(c) || c == '_' || c == '$'; }

/// Where `word` occurs in `text` as a whole token (a shape's `x` may
/// precede an element type).
SmallVector<size_t> occurrences(StringRef text, StringRef word) {
  SmallVector<size_t> found;
  for (size_t i = text.find(word); i != StringRef::npos;
       i = text.find(word, i + 1)) {
    size_t end = i + word.size();
    bool startOk = i == 0 || !isWordChar(text[i - 1]) ||
                   (text[i - 1] == 'x' && i >= 2 && llvm::isDigit(text[i - 2]));
    bool endOk = end == text.size() || !isWordChar(text[end]);
    if (startOk && endOk &&
        (i == 0 || !StringRef("%@#^").contains(text[i - 1])))
      found.push_back(i);
  }
  return found;
}

/// Decimal numbers that are not part of a name (`i8`, `%arg0`, `d1`), with
/// whether each is a shape dimension (`<4x`, `x8x`).
struct Number {
  size_t begin, end;
  bool dimension;
};

SmallVector<Number> numbers(StringRef text) {
  SmallVector<Number> found;
  for (size_t i = 0; i < text.size();) {
    if (!llvm::isDigit(text[i])) {
      ++i;
      continue;
    }
    size_t begin = i;
    while (i < text.size() && llvm::isDigit(text[i]))
      ++i;
    char before = begin ? text[begin - 1] : ' ';
    // `4x8`, `?x8`: the 8 follows a dimension.
    bool afterDimension =
        before == 'x' && begin >= 2 &&
        (llvm::isDigit(text[begin - 2]) || text[begin - 2] == '?');
    if ((isWordChar(before) && !afterDimension) ||
        StringRef("%@#^.").contains(before))
      continue;
    bool dimension =
        i < text.size() && text[i] == 'x' && (before == '<' || afterDimension);
    found.push_back({begin, i, dimension});
  }
  return found;
}

std::string interestingNumber(Rng &rng, StringRef old) {
  static const char *values[] = {
      "0",          "1",           "2",
      "3",          "4",           "5",
      "7",          "8",           "16",
      "127",        "128",         "255",
      "256",        "32767",       "65535",
      "65536",      "2147483647",  "2147483648",
      "4294967295", "4294967296",  "9223372036854775807",
      "1000000",    "100000000000"};
  // A neighbour of the old value (in unsigned arithmetic: no overflow).
  uint64_t v = 0;
  if (!old.getAsInteger(10, v) && pick(rng, 2))
    return std::to_string(pick(rng, 2) ? v + 1 : v - 1);
  return values[pick(rng, std::size(values))];
}

/// Interchangeable tokens: a swap often keeps the module valid.
const std::vector<std::vector<StringRef>> &siblings() {
  static const std::vector<std::vector<StringRef>> groups = {
      {"i1", "i2", "i4", "i8", "i16", "i32", "i64", "f16", "bf16", "f32", "f64",
       "index"},
      {"arith.addi", "arith.subi", "arith.muli", "arith.maxsi", "arith.andi"},
      {"arith.extsi", "arith.extui", "arith.trunci", "arith.bitcast"},
      {"arith.addf", "arith.subf", "arith.mulf", "arith.maximumf"},
      {"\"parallel\"", "\"reduction\""},
      {"d0", "d1", "d2", "d3", "d4"},
      {"linalg.conv_2d_nhwc_hwcf", "linalg.conv_2d_nhwc_fhwc",
       "linalg.conv_2d_nchw_fchw", "linalg.depthwise_conv_2d_nhwc_hwcm"},
      {"linalg.conv_2d_nhwc_hwcf_q", "linalg.conv_2d_nhwc_fhwc_q",
       "linalg.conv_2d_nchw_fchw_q", "linalg.depthwise_conv_2d_nhwc_hwcm_q"},
      {"linalg.matvec", "linalg.vecmat"},
      {"linalg.matmul", "linalg.batch_matmul", "linalg.quantized_matmul",
       "linalg.quantized_batch_matmul", "linalg.batch_reduce_matmul"},
      {"cast_signed", "cast_unsigned"},
      {"nhwc", "nchw"},
      {"transposed", "unsigned_input", "compact_tables"},
      {"dense", "sparse", "dense_resource"},
      {"low", "high"},
      {"constant", "mutable"},
  };
  return groups;
}

/// One structured mutation of `text`; false if it found nothing to do.
bool mutateText(std::string &text, Rng &rng) {
  switch (pick(rng, 6)) {
  case 0: {
    // A number: a weight, a dimension, a stride, an index.
    SmallVector<Number> found = numbers(text);
    if (found.empty())
      return false;
    Number n = found[pick(rng, found.size())];
    StringRef old = StringRef(text).slice(n.begin, n.end);
    text.replace(n.begin, n.end - n.begin, interestingNumber(rng, old));
    return true;
  }
  case 1: {
    // A dimension everywhere it occurs in a shape, so types stay agreeing.
    SmallVector<Number> found = numbers(text);
    llvm::erase_if(found, [](const Number &n) { return !n.dimension; });
    if (found.empty())
      return false;
    Number n = found[pick(rng, found.size())];
    std::string old = text.substr(n.begin, n.end - n.begin);
    std::string replacement = std::to_string(pick(rng, 9));
    SmallVector<Number> all = numbers(text);
    for (Number m : llvm::reverse(all))
      if (m.dimension && text.compare(m.begin, m.end - m.begin, old) == 0)
        text.replace(m.begin, m.end - m.begin, replacement);
    return true;
  }
  case 2:
  case 3: {
    // A token for a sibling: one occurrence, or (element types, keeping
    // the module consistent) every one.
    const auto &groups = siblings();
    const auto &group = groups[pick(rng, groups.size())];
    StringRef from = group[pick(rng, group.size())];
    StringRef to = group[pick(rng, group.size())];
    SmallVector<size_t> at = occurrences(text, from);
    if (at.empty() || from == to)
      return false;
    if (pick(rng, 2)) {
      for (size_t i : llvm::reverse(at))
        text.replace(i, from.size(), to.str());
    } else {
      text.replace(at[pick(rng, at.size())], from.size(), to.str());
    }
    return true;
  }
  default: {
    // A line: deleted, duplicated, or moved.
    SmallVector<StringRef> lines;
    StringRef(text).split(lines, '\n');
    if (lines.size() < 2)
      return false;
    std::vector<std::string> out(lines.begin(), lines.end());
    size_t i = pick(rng, out.size()), j = pick(rng, out.size());
    switch (pick(rng, 3)) {
    case 0:
      out.erase(out.begin() + i);
      break;
    case 1:
      out.insert(out.begin() + j, out[i]);
      break;
    default:
      std::swap(out[i], out[j]);
    }
    text = llvm::join(out, "\n");
    return true;
  }
  }
}

/// The top-level items (functions, globals, aliases) of `text`: each starts
/// at a line beginning in column 0 and runs to the next.
SmallVector<StringRef> topLevelItems(StringRef text) {
  SmallVector<StringRef> items;
  size_t start = StringRef::npos;
  for (size_t i = 0; i < text.size(); i = text.find('\n', i) + 1) {
    char c = text[i];
    bool opens = !llvm::isSpace(c) && c != '}' && c != '^' && c != ')' &&
                 !text.substr(i).starts_with("//");
    if (opens) {
      if (start != StringRef::npos)
        items.push_back(text.slice(start, i));
      start = i;
    }
    if (text.find('\n', i) == StringRef::npos)
      break;
  }
  if (start != StringRef::npos)
    items.push_back(text.substr(start));
  return items;
}

} // namespace

extern "C" size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t maxSize);

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size,
                                          size_t maxSize, unsigned seed) {
  Rng rng(seed);
  auto [header, text] = splitHeader(data, size);
  unsigned choice = pick(rng, 12);
  if (choice < 2)
    return LLVMFuzzerMutate(data, size, maxSize);
  if (choice == 2) {
    // Other options: a new options byte, or none (options from the hash).
    header = pick(rng, 4) ? std::string(1, char(0x80 | pick(rng, 128))) : "";
  } else if (!mutateText(text, rng)) {
    return LLVMFuzzerMutate(data, size, maxSize);
  }
  std::string result = header + text;
  if (result.size() > maxSize)
    return LLVMFuzzerMutate(data, size, maxSize);
  std::memcpy(data, result.data(), result.size());
  return result.size();
}

/// Appends one top-level item of the second input to the first (chains of
/// layers, globals next to their readers); symbols may then clash, which
/// the verifier reports like any other error.
extern "C" size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1,
                                            const uint8_t *data2, size_t size2,
                                            uint8_t *out, size_t maxOutSize,
                                            unsigned seed) {
  Rng rng(seed);
  auto [header, text] = splitHeader(data1, size1);
  std::string other = splitHeader(data2, size2).second;
  SmallVector<StringRef> items = topLevelItems(other);
  if (items.empty())
    return 0;
  std::string result =
      header + text + "\n" + items[pick(rng, items.size())].str();
  if (result.size() > maxOutSize)
    return 0;
  std::memcpy(out, result.data(), result.size());
  return result.size();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  StringRef bytes(reinterpret_cast<const char *>(data), size);
  uint8_t bits;
  if (!bytes.empty() && static_cast<unsigned char>(bytes.front()) >= 0x80) {
    bits = bytes.front() & 0x7f;
    bytes = bytes.drop_front();
  } else {
    bits = hashBits(bytes);
  }
  FuzzOptions options = decodeOptions(bits);
  options.stack = bytes.size() % 3;
  options.armDsp = bytes.size() / 3 % 2;
  // MLIR's lexer reads up to a terminating NUL, which std::string provides.
  std::string text = bytes.str();
  input = {text, &options};
  MLIRContext &ctx = contextForNextInput(newContext);
  diagnostics.clear();
  if (printing())
    llvm::errs() << "// ----- " << describe(options) << "\n" << text << "\n";
  if (const char *construct = upstreamParserCrash(text)) {
    count(std::string("skipped: ") + construct);
    return 0;
  }
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &ctx);
  if (!module) {
    count("parse: failed");
    return 0;
  }
  if (failed(verify(*module))) {
    count("verify: failed");
    return 0;
  }
  if (std::string why = overBudget(*module); !why.empty()) {
    count("over budget");
    if (printing())
      llvm::errs() << "// over budget: " << why << "\n";
    return 0;
  }
  // TOSA (a front end's output): lowered to linalg first, as compile does.
  if (holdsTosaOps(*module)) {
    module = lowerTosa(*module);
    if (!module)
      return 0;
  }
  OwningOpRef<ModuleOp> extracted = checkExtraction(*module, options);
  ModuleOp lowered = extracted ? *extracted : *module;
  if (holdsCseSparseOps(lowered))
    checkConversion(lowered, options);
  checkPipeline(*module, options);
  if (printing())
    llvm::errs() << diagnostics;
  return 0;
}
