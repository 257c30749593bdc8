//===- adversarial.cpp - Extraction time and memory on worst cases --------===//
//
// Builds one adversarial matrix in memory (or reads a file), extracts it and
// prints one Markdown table row: seconds, peak resident memory of the
// extraction, additions before and after, whether the time limit stopped it,
// and the exactness check. bench/adversarial.sh runs the cases that
// docs/algorithm.md ("Worst cases and budgets") quotes.
//
// Peak memory comes from the kernel, not from a tool: on Linux the high-water
// mark is reset after the matrix is built (/proc/self/clear_refs) and read
// back from /proc/self/status, so the figure is the extraction's own (plus the
// input matrix, which stays resident). Elsewhere getrusage's whole-process
// maximum is printed instead. --give-up reports a run without a time limit
// that takes too long: the peak so far, then exit status 3.
//
//===----------------------------------------------------------------------===//

#include "cse-sparse/Algorithm/EnumNames.h"
#include "cse-sparse/Algorithm/Extraction.h"
#include "cse-sparse/Algorithm/Generate.h"
#include "cse-sparse/Algorithm/MatrixIO.h"
#include "cse-sparse/Algorithm/Random.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <string>
#include <sys/resource.h>
#include <thread>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace cse_sparse;
namespace cl = llvm::cl;

static cl::opt<std::string>
    matrixCase(cl::Positional, cl::Required,
               cl::desc("identical | pm1 | peaked | FILE.mtx | FILE.npy"));
static cl::opt<unsigned> size("size", cl::desc("Rows and columns"),
                              cl::init(1024));
static cl::opt<double> density("density", cl::desc("Density (peaked)"),
                               cl::init(0.25));
static cl::opt<unsigned> bits("bits", cl::desc("Value bits (peaked)"),
                              cl::init(4));
static cl::opt<std::string> algorithm("algorithm", cl::init("random"),
                                      cl::desc("random | greedy"));
static cl::opt<unsigned> effort("effort", cl::init(ExtractOptions().effort),
                                cl::desc("Destroy-and-repair rounds"));
static cl::opt<unsigned> threads("num-threads", cl::init(0),
                                 cl::desc("Threads (0: all cores)"));
static cl::opt<uint64_t>
    maxCandidates("max-candidates", cl::init(ExtractOptions().maxCandidates),
                  cl::desc("Bound on stored pair candidates"));
static cl::opt<double> timeLimit("time-limit", cl::init(0),
                                 cl::desc("Seconds (0: none)"));
static cl::opt<std::string> writeTo("write", cl::init(""),
                                    cl::desc("Also write the matrix here"));
static cl::opt<double>
    giveUp("give-up", cl::init(0),
           cl::desc("Seconds after which to print the peak memory so far and "
                    "exit with status 3 (0: wait): for runs without a limit"));

namespace {

/// Every column the same random int8 column (values +-1..+-127): each row is
/// one value repeated, so every pair of columns is shared by all rows with the
/// same value. Hundreds of millions of pair classes, all about equally
/// frequent.
SparseMatrix identicalColumns(uint32_t n) {
  Rng rng(1);
  std::vector<int64_t> column(n);
  for (int64_t &v : column) {
    v = 1 + int64_t(rng.below(127));
    if (rng.next() >> 63)
      v = -v;
  }
  std::vector<int64_t> dense(uint64_t(n) * n);
  for (uint32_t r = 0; r < n; ++r)
    std::fill_n(dense.begin() + uint64_t(r) * n, n, column[r]);
  return SparseMatrix::fromDense(n, n, dense, ElementType{8, true});
}

/// Dense, every entry +1 or -1 at random: every pair of columns is shared by
/// about a quarter of the rows in each of its four sign patterns.
SparseMatrix denseSigns(uint32_t n) {
  Rng rng(2);
  std::vector<int64_t> dense(uint64_t(n) * n);
  for (int64_t &v : dense)
    v = (rng.next() >> 63) ? -1 : 1;
  return SparseMatrix::fromDense(n, n, dense, ElementType{8, true});
}

/// Resets the kernel's peak-RSS mark to the current RSS; false if it cannot.
bool resetPeakMemory() {
#if defined(__GLIBC__)
  // Return what building the matrix freed, so it does not count as peak.
  malloc_trim(0);
#endif
  std::ofstream clear("/proc/self/clear_refs");
  if (!clear)
    return false;
  clear << "5";
  clear.flush();
  return bool(clear);
}

/// Peak resident memory in MiB: VmHWM where available, else getrusage.
double peakMemoryMiB(bool afterReset) {
  if (afterReset) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
      if (line.rfind("VmHWM:", 0) == 0)
        return std::stod(line.substr(6)) / 1024.0;
  }
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_maxrss) / 1024.0;
}

} // namespace

int main(int argc, char **argv) {
  cl::ParseCommandLineOptions(
      argc, argv, "cse-sparse extraction on adversarial matrices\n");
  SparseMatrix m;
  std::string label = matrixCase;
  if (matrixCase == "identical") {
    m = identicalColumns(size);
  } else if (matrixCase == "pm1") {
    m = denseSigns(size);
  } else if (matrixCase == "peaked") {
    GenerateOptions g;
    g.rows = g.cols = size;
    g.density = density;
    g.bits = bits;
    m = generateMatrix(g);
  } else {
    auto read = readMatrixFile(matrixCase);
    if (!read) {
      llvm::errs() << "error: " << llvm::toString(read.takeError()) << "\n";
      return 1;
    }
    m = std::move(*read);
  }
  if (!writeTo.empty())
    if (auto err = writeMatrixFile(m, writeTo)) {
      llvm::errs() << "error: " << llvm::toString(std::move(err)) << "\n";
      return 1;
    }

  ExtractOptions opts;
  auto alg = parseEnumName(kSearchAlgorithmNames, algorithm);
  if (!alg) {
    llvm::errs() << "error: unknown --algorithm '" << algorithm << "'\n";
    return 1;
  }
  opts.algorithm = *alg;
  opts.effort = effort;
  opts.threads = threads;
  opts.maxCandidates = maxCandidates;
  opts.timeLimitSeconds = timeLimit;

  // Options that differ from the defaults are named.
  std::string run = enumName(kSearchAlgorithmNames, opts.algorithm).str();
  if (timeLimit > 0)
    run += llvm::formatv(", limit {0} s", llvm::format("%g", double(timeLimit)))
               .str();
  if (opts.effort != ExtractOptions().effort)
    run += llvm::formatv(", effort {0}", opts.effort).str();
  if (opts.maxCandidates != ExtractOptions().maxCandidates)
    run += llvm::formatv(", max-candidates {0}", opts.maxCandidates).str();
  auto rowStart = [&] {
    llvm::outs() << "| " << label << " | " << m.rows() << "x" << m.cols()
                 << " | " << m.nnz() << " | " << run << " | ";
  };

  bool reset = resetPeakMemory();
  // The extraction runs on its own thread so that --give-up can report a run
  // that does not finish (nothing but the time limit stops an extraction).
  ExtractionResult r;
  std::mutex mutex;
  std::condition_variable finished;
  bool done = false;
  std::thread worker([&] {
    ExtractionResult result = extractCse(m, opts);
    std::lock_guard<std::mutex> lock(mutex);
    r = std::move(result);
    done = true;
    finished.notify_one();
  });
  {
    std::unique_lock<std::mutex> lock(mutex);
    auto isDone = [&] { return done; };
    if (giveUp <= 0) {
      finished.wait(lock, isDone);
    } else if (!finished.wait_for(lock,
                                  std::chrono::duration<double>(double(giveUp)),
                                  isDone)) {
      rowStart();
      llvm::outs() << "did not finish in " << llvm::format("%g", double(giveUp))
                   << " | " << llvm::format("%.0f", peakMemoryMiB(reset))
                   << " so far | - | - | - |\n";
      llvm::outs().flush();
      std::_Exit(3);
    }
  }
  worker.join();
  double peak = peakMemoryMiB(reset);
  ExtractionReport rep = makeReport(m, r);
  bool exact = exactOnRandomVectors(m, r.ecsr);

  rowStart();
  llvm::outs() << llvm::format("%.1f", r.seconds) << " | "
               << llvm::format("%.0f", peak) << (reset ? "" : " (process)")
               << " | " << rep.before.additions << " -> " << rep.after.additions
               << " | " << (r.timedOut ? "yes" : "no") << " | "
               << (exact ? "exact" : "WRONG") << " |\n";
  return exact ? 0 : 2;
}
