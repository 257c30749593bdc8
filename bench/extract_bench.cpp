//===- extract_bench.cpp - Extraction figures over a matrix sweep ---------===//
//
// Prints a Markdown table: for each synthetic matrix, random search and greedy
// side by side (time, additions, ECSR/CSR bytes). Figures, not a timed test:
// docs/benchmarks.md holds a run and the command.
//
//===----------------------------------------------------------------------===//

#include "cse-sparse/Algorithm/EnumNames.h"
#include "cse-sparse/Algorithm/Extraction.h"
#include "cse-sparse/Algorithm/Generate.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <thread>

using namespace cse_sparse;
namespace cl = llvm::cl;

static cl::list<unsigned> sizes("sizes", cl::desc("Square sizes"),
                                cl::CommaSeparated);
static cl::list<double> densities("densities", cl::desc("Densities"),
                                  cl::CommaSeparated);
static cl::opt<unsigned> effort("effort", cl::desc("Random search restarts"),
                                cl::init(ExtractOptions().effort));
static cl::opt<unsigned>
    threads("num-threads", cl::desc("Threads (0: all cores)"), cl::init(0));
static cl::opt<bool> usePool(
    "thread-pool",
    cl::desc("Run the parallel work on a thread pool handed to the "
             "extraction (as the MLIR pass does), not on its own threads"),
    cl::init(false));
static cl::opt<double>
    greedyLimit("greedy-max-pairs",
                cl::desc("Skip greedy above this many pair occurrences "
                         "(x 1e6), to keep the sweep bounded"),
                cl::init(1000));
static cl::list<unsigned>
    effortSweep("effort-sweep",
                cl::desc("Instead of the sweep: quality vs effort on one "
                         "matrix (the first --sizes/--densities, int4 peaked)"),
                cl::CommaSeparated);
static cl::opt<double>
    maxPairs("max-pairs",
             cl::desc("Skip matrices above this many pair occurrences (x 1e6)"),
             cl::init(1000));

namespace {

/// Pair occurrences sum(rowlen choose 2): what the first count costs.
double pairOccurrences(const SparseMatrix &m) {
  double total = 0;
  for (uint32_t r = 0; r < m.rows(); ++r) {
    double len = double(m.rowEnd(r) - m.rowBegin(r));
    total += len * (len - 1) / 2;
  }
  return total;
}

} // namespace

int main(int argc, char **argv) {
  cl::ParseCommandLineOptions(argc, argv, "cse-sparse extraction benchmark\n");
  std::optional<llvm::DefaultThreadPool> pool;
  if (usePool)
    pool.emplace(llvm::hardware_concurrency(threads));
  static const unsigned kDefaultSizes[] = {128, 256, 512, 1024, 2048, 4096};
  static const double kDefaultDensities[] = {0.1, 0.25, 0.5};
  std::vector<unsigned> sz(sizes.begin(), sizes.end());
  if (sz.empty())
    sz.assign(std::begin(kDefaultSizes), std::end(kDefaultSizes));
  std::vector<double> dens(densities.begin(), densities.end());
  if (dens.empty())
    dens.assign(std::begin(kDefaultDensities), std::end(kDefaultDensities));

  if (!effortSweep.empty()) {
    GenerateOptions g;
    g.rows = g.cols = sz.front();
    g.density = dens.front();
    SparseMatrix m = generateMatrix(g);
    llvm::outs() << "int4 peaked " << g.rows << "x" << g.cols << " density "
                 << llvm::format("%.2f", g.density) << ", nnz " << m.nnz()
                 << "\n\n| effort | seconds | additions | vs effort 0 | "
                    "improving rounds |\n|---|---|---|---|---|\n";
    uint64_t base = 0;
    for (unsigned e : effortSweep) {
      ExtractOptions opts;
      opts.effort = e;
      opts.threads = threads;
      opts.threadPool = pool ? &*pool : nullptr;
      ExtractionResult r = extractCse(m, opts);
      ExtractionReport rep = makeReport(m, r);
      if (!base)
        base = rep.after.additions;
      double change =
          100.0 * (double(rep.after.additions) - double(base)) / double(base);
      llvm::outs() << "| " << e << " | " << llvm::format("%.3f", r.seconds)
                   << " | " << rep.after.additions << " | "
                   << llvm::format("%+.2f%%", change) << " | " << r.improvements
                   << " |\n";
      llvm::outs().flush();
    }
    return 0;
  }

  llvm::outs()
      << "| size | density | bits | values | nnz | random s | greedy s "
         "| additions plain | random | greedy | random vs greedy "
         "| ECSR/CSR random | ECSR/CSR greedy | ECSR/CSR ecsr-bytes objective "
         "|\n"
      << "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (unsigned n : sz) {
    for (double d : dens) {
      for (unsigned bits : {4u, 8u}) {
        for (ValueDistribution dist :
             {ValueDistribution::Peaked, ValueDistribution::PeakedPerChannel,
              ValueDistribution::Uniform}) {
          GenerateOptions g;
          g.rows = g.cols = n;
          g.density = d;
          g.bits = bits;
          g.distribution = dist;
          g.seed = 1;
          SparseMatrix m = generateMatrix(g);
          double pairs = pairOccurrences(m) / 1e6;
          if (pairs > maxPairs)
            continue;
          ExtractOptions opts;
          opts.effort = effort;
          opts.threads = threads;
          opts.threadPool = pool ? &*pool : nullptr;
          ExtractionResult random = extractCse(m, opts);
          ExtractionReport rr = makeReport(m, random);
          llvm::outs() << "| " << n << " | " << llvm::format("%.2f", d) << " | "
                       << bits << " | "
                       << enumName(kValueDistributionNames, dist) << " | "
                       << m.nnz() << " | " << llvm::format("%.3f", rr.seconds)
                       << " | ";
          bool runGreedy = pairs <= greedyLimit;
          ExtractionReport gr;
          if (runGreedy) {
            opts.algorithm = SearchAlgorithm::Greedy;
            gr = makeReport(m, extractCse(m, opts));
            llvm::outs() << llvm::format("%.3f", gr.seconds);
          } else {
            llvm::outs() << "skipped";
          }
          llvm::outs() << " | " << rr.before.additions << " | "
                       << rr.after.additions << " | ";
          if (runGreedy)
            llvm::outs() << gr.after.additions << " | "
                         << llvm::format("%+.2f%%",
                                         100.0 *
                                             (double(rr.after.additions) -
                                              double(gr.after.additions)) /
                                             double(gr.after.additions
                                                        ? gr.after.additions
                                                        : 1));
          else
            llvm::outs() << "- | -";
          llvm::outs() << " | " << llvm::format("%.3f", rr.bytesRatio())
                       << " | ";
          if (runGreedy)
            llvm::outs() << llvm::format("%.3f", gr.bytesRatio());
          else
            llvm::outs() << "-";
          opts.algorithm = SearchAlgorithm::Random;
          opts.objective = Objective::EcsrBytes;
          ExtractionReport br = makeReport(m, extractCse(m, opts));
          llvm::outs() << " | " << llvm::format("%.3f", br.bytesRatio())
                       << " |\n";
          llvm::outs().flush();
        }
      }
    }
  }
  llvm::outs() << "\nthreads: "
               << (threads ? threads : std::thread::hardware_concurrency())
               << (usePool ? " (thread pool)" : "") << ", effort " << effort
               << "\n";
  return 0;
}
