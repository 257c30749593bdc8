//===- cse-sparse.cpp - Command-line front door ---------------------------===//
//
// `cse-sparse gen` writes synthetic pruned, quantized matrices; `cse-sparse
// extract` extracts CSEs from a matrix file and prints a one-screen report;
// `cse-sparse compile` (Compile.cpp) turns a model or matrix into firmware.
//
//===----------------------------------------------------------------------===//

#include "Compile.h"
#include "OutputFiles.h"
#include "TimeLimit.h"

#include "cse-sparse/Algorithm/EnumNames.h"
#include "cse-sparse/Algorithm/Extraction.h"
#include "cse-sparse/Algorithm/Generate.h"
#include "cse-sparse/Algorithm/Json.h"
#include "cse-sparse/Algorithm/MatrixIO.h"
#include "cse-sparse/Algorithm/Random.h"
#include "cse-sparse/Dialect/CseSparse/Utils/EcsrConversion.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace cse_sparse;
using cse_sparse::tool::OutputFiles;
namespace cl = llvm::cl;

namespace {

cl::OptionCategory category("cse-sparse options");

cl::SubCommand genCommand("gen",
                          "Write a synthetic pruned, quantized matrix (.mtx or "
                          ".npy)");
cl::opt<std::string> genOutput(cl::Positional, cl::Required,
                               cl::desc("<output.mtx|output.npy>"),
                               cl::sub(genCommand));
cl::opt<unsigned> genRows("rows", cl::desc("Rows (outputs)"), cl::init(128),
                          cl::sub(genCommand), cl::cat(category));
cl::opt<unsigned> genCols("cols", cl::desc("Columns (inputs)"), cl::init(128),
                          cl::sub(genCommand), cl::cat(category));
cl::opt<double> genDensity("density", cl::desc("Fraction of non-zeros, 0..1"),
                           cl::init(0.25), cl::sub(genCommand),
                           cl::cat(category));
cl::opt<unsigned> genBits("bits",
                          cl::desc("Quantization bits: values in "
                                   "+-(2^(bits-1)-1)"),
                          cl::init(4), cl::sub(genCommand), cl::cat(category));
cl::opt<unsigned> genLevels("levels",
                            cl::desc("Values in +-levels (overrides --bits)"),
                            cl::init(0), cl::sub(genCommand),
                            cl::cat(category));
cl::opt<ValueDistribution> genDist("dist", cl::desc("Value distribution"),
                                   clEnumValues(kValueDistributionNames),
                                   cl::init(ValueDistribution::Peaked),
                                   cl::sub(genCommand), cl::cat(category));
cl::opt<uint64_t> genSeed("seed", cl::desc("Random seed"), cl::init(1),
                          cl::sub(genCommand), cl::cat(category));

cl::SubCommand extractCommand("extract",
                              "Extract CSEs from a matrix and print a report");
cl::opt<std::string> extractInput(cl::Positional, cl::Required,
                                  cl::desc("<matrix.mtx|matrix.npy>"),
                                  cl::sub(extractCommand));
cl::opt<uint64_t> extractSeed("seed", cl::desc("Random seed"), cl::init(1),
                              cl::sub(extractCommand), cl::cat(category));
cl::opt<unsigned> extractEffort(
    "effort", cl::desc("Random search: destroy-and-repair rounds after greedy"),
    cl::init(ExtractOptions().effort), cl::sub(extractCommand),
    cl::cat(category));
cl::opt<unsigned> extractThreads(
    "threads",
    cl::desc("Threads (0: all cores); the result does not depend "
             "on it"),
    cl::init(0), cl::sub(extractCommand), cl::cat(category));
cl::opt<SearchAlgorithm> extractAlgorithm("algorithm",
                                          cl::desc("Search algorithm"),
                                          clEnumValues(kSearchAlgorithmNames),
                                          cl::init(SearchAlgorithm::Random),
                                          cl::sub(extractCommand),
                                          cl::cat(category));
cl::opt<MatchMode> extractMatch("match", cl::desc("Pair matching"),
                                clEnumValues(kMatchModeNames),
                                cl::init(MatchMode::Exact),
                                cl::sub(extractCommand), cl::cat(category));
cl::opt<Objective> extractObjective("objective",
                                    cl::desc("What extraction minimizes"),
                                    clEnumValues(kObjectiveNames),
                                    cl::init(Objective::Ops),
                                    cl::sub(extractCommand), cl::cat(category));
cl::opt<uint64_t>
    extractMaxNodes("max-nodes",
                    cl::desc("Most shared subexpressions (0: no bound)"),
                    cl::init(0), cl::sub(extractCommand), cl::cat(category));
cl::opt<uint64_t> extractMaxCandidates(
    "max-candidates",
    cl::desc("Bound on stored pair candidates (memory; >= 1024)"),
    cl::init(ExtractOptions().maxCandidates), cl::sub(extractCommand),
    cl::cat(category));
const std::string extractTimeLimitHelp =
    ::cse_sparse::tool::timeLimitHelp("the search may take");
cl::opt<double> extractTimeLimit("time-limit", cl::desc(extractTimeLimitHelp),
                                 cl::init(0), cl::sub(extractCommand),
                                 cl::cat(category));
cl::opt<std::string>
    extractEmitMlir("emit-mlir",
                    cl::desc("Write the result as a function using the "
                             "cse_sparse dialect to this file ('-' for "
                             "stdout)"),
                    cl::sub(extractCommand), cl::cat(category));
cl::opt<std::string> extractJson("json",
                                 cl::desc("Write the result as JSON to this "
                                          "file ('-' for stdout)"),
                                 cl::sub(extractCommand), cl::cat(category));

int fatal(const llvm::Twine &msg) {
  llvm::WithColor::error(llvm::errs(), "cse-sparse") << msg << "\n";
  return 1;
}

int runGen() {
  if (genRows > kMaxMatrixDim || genCols > kMaxMatrixDim)
    return fatal("--rows and --cols must be at most " +
                 llvm::Twine(kMaxMatrixDim));
  if (!(genDensity >= 0.0 && genDensity <= 1.0))
    return fatal("--density must be in [0, 1]");
  if (genLevels == 0 && (genBits < 2 || genBits > 32))
    return fatal("--bits must be in 2..32");
  if (genLevels > (1u << 31) - 1)
    return fatal("--levels must be below 2^31");
  GenerateOptions opts;
  opts.rows = genRows;
  opts.cols = genCols;
  opts.density = genDensity;
  opts.bits = genBits;
  opts.levels = genLevels;
  opts.distribution = genDist;
  opts.seed = genSeed;
  // Checked: a size whose non-zeros cannot fit memory is refused before
  // any is drawn.
  auto m = tryGenerateMatrix(opts);
  if (!m)
    return fatal(llvm::toString(m.takeError()));
  if (auto err = writeMatrixFile(*m, genOutput))
    return fatal(llvm::toString(std::move(err)));
  llvm::outs() << "wrote " << genOutput << ": " << m->rows() << " x "
               << m->cols() << ", nnz " << m->nnz() << ", "
               << enumName(kValueDistributionNames, ValueDistribution(genDist))
               << " " << m->type().str() << "\n";
  return 0;
}

void printReport(llvm::raw_ostream &os, const ExtractionReport &r,
                 const ExtractionResult &result, const ExtractOptions &opts,
                 llvm::StringRef typeName) {
  auto pct = [](uint64_t before, uint64_t after) {
    return before ? 100.0 * (double(after) - double(before)) / double(before)
                  : 0.0;
  };
  os << "matrix            " << r.rows << " x " << r.cols << " " << typeName
     << ", nnz " << r.nnz << " (density "
     << llvm::format("%.4f",
                     r.rows && r.cols ? double(r.nnz) / r.rows / r.cols : 0.0)
     << "), distinct values " << r.distinctValues << "\n";
  os << "search            " << enumName(kSearchAlgorithmNames, opts.algorithm)
     << ", match " << enumName(kMatchModeNames, opts.match)
     << (opts.match == MatchMode::Best
             ? (" (" + enumName(kMatchModeNames, result.match) + " kept)").str()
             : std::string())
     << ", objective " << enumName(kObjectiveNames, opts.objective) << ", seed "
     << opts.seed << ", effort " << opts.effort << " (" << result.rounds
     << " destroy-and-repair rounds, " << result.improvements << " improved)\n";
  os << "CSEs              " << r.cses << "\n";
  os << "additions         " << r.before.additions << " -> "
     << r.after.additions
     << llvm::format(" (%+.1f%%)", pct(r.before.additions, r.after.additions))
     << "\n";
  os << "multiplications   " << r.before.multiplications << " -> "
     << r.after.multiplications
     << llvm::format(" (%+.1f%%)",
                     pct(r.before.multiplications, r.after.multiplications))
     << "\n";
  os << "adder tree depth  " << r.depth << "\n";
  if (result.timedOut)
    os << "time limit        reached: the result is exact, the search was "
          "cut short\n";
  os << "residual nnz      " << r.residualNnz << "\n";
  os << "bytes             ECSR " << r.ecsrBytes << " vs CSR " << r.csrBytes
     << llvm::format(" (ratio %.3f)", r.bytesRatio()) << "; ECSR without CSEs "
     << r.ecsrBytesWithoutCses << "\n";
  os << "extraction time   " << llvm::format("%.3f s", r.seconds) << "\n";
}

int runExtract() {
  ExtractOptions opts;
  opts.algorithm = extractAlgorithm;
  opts.match = extractMatch;
  opts.objective = extractObjective;
  opts.seed = extractSeed;
  opts.effort = extractEffort;
  opts.threads = extractThreads;
  if (extractMaxCandidates < 1024)
    return fatal("--max-candidates must be at least 1024");
  opts.maxCandidates = extractMaxCandidates;
  opts.maxNodes = extractMaxNodes;
  if (!::cse_sparse::tool::isValidTimeLimit(extractTimeLimit))
    return fatal(::cse_sparse::tool::kTimeLimitError);
  opts.timeLimitSeconds = extractTimeLimit;

  auto matrix = readMatrixFile(extractInput);
  if (!matrix)
    return fatal(llvm::toString(matrix.takeError()));
  // The outputs are reserved before the extraction, which can take minutes:
  // an unwritable path, or one naming the input, is refused at once.
  OutputFiles files(llvm::ArrayRef<std::string>(extractInput.getValue()));
  cse_sparse::tool::OutputFile *mlirOut = nullptr, *jsonOut = nullptr;
  for (auto [path, file] : {std::pair{&extractEmitMlir, &mlirOut},
                            std::pair{&extractJson, &jsonOut}}) {
    if (path->empty())
      continue;
    auto added = files.add(*path);
    if (!added)
      return fatal(llvm::toString(added.takeError()));
    *file = &*added;
  }
  ExtractionResult result = extractCse(*matrix, opts);
  if (!exactOnRandomVectors(*matrix, result.ecsr))
    return fatal("internal error: extracted form differs from W*x");
  ExtractionReport report = makeReport(*matrix, result);
  // With the JSON on stdout, the report moves to stderr so the JSON stays
  // parseable.
  llvm::raw_ostream &reportOs = extractJson == "-" || extractEmitMlir == "-"
                                    ? llvm::errs()
                                    : llvm::outs();
  printReport(reportOs, report, result, opts, matrix->type().str());
  reportOs << "check             exact on 3 random vectors\n";

  if (mlirOut) {
    mlir::MLIRContext context;
    auto module =
        mlir::cse_sparse::buildMatmulModule(&context, result.ecsr, "matmul");
    if (mlir::failed(mlir::verify(*module)))
      return fatal("internal error: emitted MLIR does not verify");
    module->print(mlirOut->os());
  }
  if (jsonOut)
    writeExtractionJson(jsonOut->os(), result.ecsr, report, opts);
  if (auto err = files.commit())
    return fatal(llvm::toString(std::move(err)));
  return 0;
}

/// Flushes standard output and reports its error, which would otherwise
/// abort the process at exit ("IO failure on output stream").
int checkStandardOutput(int status) {
  llvm::outs().flush();
  std::error_code ec = llvm::outs().error();
  if (!ec)
    return status;
  llvm::outs().clear_error();
  fatal("standard output: " + ec.message());
  return 1;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "cse-sparse: common-subexpression extraction for pruned, quantized "
      "constant matrices\n\n"
      "  cse-sparse gen OUT.mtx|OUT.npy [--rows R --cols C --density D "
      "--bits B --dist peaked --seed S]\n"
      "  cse-sparse extract MATRIX [--algorithm random|greedy] "
      "[--match exact|scaled] [--objective ops|bytes|ecsr-bytes|instructions] "
      "[--seed N] "
      "[--effort E] [--json OUT]\n"
      "  cse-sparse compile MODEL.mlir|MATRIX -o OUTDIR [--target "
      "cortex-m0plus|cortex-m3|cortex-m4|cortex-m7|cortex-m33|host|"
      "host-native] [--float-abi soft|hard]\n");
  if (genCommand)
    return checkStandardOutput(runGen());
  if (extractCommand)
    return checkStandardOutput(runExtract());
  if (cse_sparse::tool::compileSelected())
    return checkStandardOutput(cse_sparse::tool::runCompile());
  return fatal("expected a command: gen, extract or compile (see --help)");
}
