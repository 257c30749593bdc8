//===- Extraction.cpp - Common two-term subexpression extraction ----------===//
//
// Pair classes (lhs operand, rhs operand, coefficient ratio) are counted with
// dense per-term counters, kept in a bucket queue keyed by an upper bound of
// their row count and re-counted lazily when they reach the top. See
// docs/algorithm.md.
//
//===----------------------------------------------------------------------===//

#include "cse-sparse/Algorithm/Extraction.h"
#include "cse-sparse/Algorithm/Random.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <chrono>
#include <thread>

using namespace cse_sparse;

std::optional<SearchAlgorithm>
cse_sparse::parseSearchAlgorithm(const std::string &s) {
  if (s == "random")
    return SearchAlgorithm::Random;
  if (s == "greedy")
    return SearchAlgorithm::Greedy;
  return std::nullopt;
}
std::optional<MatchMode> cse_sparse::parseMatchMode(const std::string &s) {
  if (s == "exact")
    return MatchMode::Exact;
  if (s == "scaled")
    return MatchMode::Scaled;
  return std::nullopt;
}
std::optional<Objective> cse_sparse::parseObjective(const std::string &s) {
  if (s == "ops")
    return Objective::Ops;
  if (s == "bytes")
    return Objective::Bytes;
  if (s == "instructions")
    return Objective::Instructions;
  return std::nullopt;
}
const char *cse_sparse::toString(SearchAlgorithm a) {
  return a == SearchAlgorithm::Random ? "random" : "greedy";
}
const char *cse_sparse::toString(MatchMode m) {
  return m == MatchMode::Exact ? "exact" : "scaled";
}
const char *cse_sparse::toString(Objective o) {
  switch (o) {
  case Objective::Ops:
    return "ops";
  case Objective::Bytes:
    return "bytes";
  case Objective::Instructions:
    return "instructions";
  }
  return "";
}

uint64_t cse_sparse::objectiveValue(const ExtendedCsr &ecsr,
                                    Objective objective) {
  switch (objective) {
  case Objective::Ops:
    return countOps(ecsr).total();
  case Objective::Bytes:
    return computeEcsrSizes(ecsr).total();
  case Objective::Instructions:
    return uint64_t(kEntryCost) * ecsr.nnz() +
           uint64_t(kNodeCost) * ecsr.nodes.size();
  }
  return 0;
}

namespace {

uint64_t magnitude(int64_t v) {
  return v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v);
}

uint64_t gcd(uint64_t a, uint64_t b) {
  while (b) {
    uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/// A coefficient pair reduced to its match class: (p, q) with c1 = g*p, c2 =
/// g*q.
struct Ratio {
  int64_t p, q;
};

/// Normalizes (c1, c2): identity in exact mode; in scaled mode divides by g =
/// sign(c1) * gcd(|c1|, |c2|) so that p > 0. Magnitudes of 2^63 are left
/// unscaled (g = 1) because their quotient would not be representable.
Ratio normalize(int64_t c1, int64_t c2, MatchMode mode) {
  if (mode == MatchMode::Exact)
    return {c1, c2};
  uint64_t m1 = magnitude(c1), m2 = magnitude(c2);
  constexpr uint64_t kTop = uint64_t(1) << 63;
  if (m1 == kTop || m2 == kTop)
    return {c1, c2};
  int64_t g = int64_t(gcd(m1, m2));
  if (c1 < 0)
    g = -g;
  return {c1 / g, c2 / g};
}

struct Entry {
  uint32_t op;
  uint32_t term;
};
struct Term {
  uint32_t op;
  int64_t coef;
};
/// A pair class in the queue. Exact mode: a and b are the two terms (operand
/// and coefficient fixed). Scaled mode: a and b are operands and `ratio` the
/// reduced coefficient pair. Either way a's operand is the smaller one.
struct Candidate {
  uint32_t a, b, ratio, count;
};
/// A candidate with its operands and coefficients spelled out.
struct ResolvedPair {
  uint32_t lhs, rhs;
  Ratio ratio;
};
struct Use {
  uint32_t row;
  int64_t scale;
};
/// Dense per-term counters and the list of those touched; one per counting
/// thread.
struct Counter {
  std::vector<uint32_t> counts;
  std::vector<uint32_t> touched;
  /// Counter increments so far: the cost of the counts it made.
  uint64_t work = 0;
};

constexpr uint32_t kDropped = ~0u;
constexpr uint32_t kNoRatio = ~0u;

/// The wall-clock budget of one extraction. Searches ask between steps (one
/// operand's pair count, one candidate, one round), so a step in progress
/// always finishes and the state stays a valid adder tree. Shared by the
/// counting threads and the concurrent repairs, hence the atomic latch.
class Budget {
public:
  explicit Budget(double seconds) {
    // Beyond a few years the limit cannot matter; the clock's range can.
    constexpr double kForever = 1e8;
    if (!(seconds > 0) || seconds >= kForever)
      return;
    deadline = std::chrono::steady_clock::now() +
               std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                   std::chrono::duration<double>(seconds));
  }
  bool exhausted() const {
    if (!deadline)
      return false;
    if (hit.load(std::memory_order_relaxed))
      return true;
    if (std::chrono::steady_clock::now() < *deadline)
      return false;
    hit.store(true, std::memory_order_relaxed);
    return true;
  }
  bool wasExhausted() const { return hit.load(std::memory_order_relaxed); }
  /// The moment `share` of the time left is used up; none without a limit.
  std::optional<std::chrono::steady_clock::time_point>
  shareOfRest(double share) const {
    if (!deadline)
      return std::nullopt;
    auto now = std::chrono::steady_clock::now();
    if (now >= *deadline)
      return now;
    return now +
           std::chrono::duration_cast<std::chrono::steady_clock::duration>(
               (*deadline - now) * share);
  }

private:
  std::optional<std::chrono::steady_clock::time_point> deadline;
  mutable std::atomic<bool> hit{false};
};

/// Static facts of one extraction shared by every run.
struct Config {
  MatchMode match;
  Objective objective;
  uint64_t maxCandidates;
  unsigned colInBytes, valueBytes;
  const Budget *budget;
};

/// One run's state: the rows, the adder tree so far and the candidate queue.
class SearchState {
public:
  /// Starts from a matrix with some nodes already extracted.
  SearchState(const ExtendedCsr &start, const Config &config);

  /// Counts every pair class from scratch into an empty queue.
  void rescan();
  /// Threads for counting passes (exact mode; the queue is filled in the same
  /// order whatever the number).
  void setCountThreads(unsigned threads) { countThreads = threads; }
  /// Greedy runs never read operand degrees; not maintaining them saves time.
  void setTrackDegrees(bool track) { trackDegrees = track; }
  void runGreedy();
  void runRandom(uint64_t seed, unsigned windowSize);
  ExtendedCsr result() const;
  /// Most pool slots (live or awaiting reuse) held at once: what bounds the
  /// queue's memory.
  uint64_t peakPoolSlots() const { return peakPool; }

private:
  uint32_t termId(uint32_t op, int64_t coef);
  uint32_t ratioId(Ratio r);
  /// Empties the candidate queue (keeping capacities).
  void clearQueue();
  uint32_t numOperands() const { return numInputs + nodes.size(); }

  template <typename Fn>
  void countPairs(uint32_t op, bool forward, uint32_t minCount,
                  Counter &scratch, Fn emit);
  /// Smallest count a new class needs to be stored.
  uint32_t admissionCount() const { return std::max(threshold, capLevel + 1); }
  void addCandidate(uint32_t a, uint32_t b, uint32_t ratio, uint32_t count);
  ResolvedPair resolve(const Candidate &c) const;
  void pushBucket(uint32_t index);
  void dropCandidate(uint32_t index);
  void raiseThreshold();
  /// Rebuilds the pool without dropped entries once they outnumber the live
  /// ones, renumbering the buckets and the window.
  void compactPool();
  /// Counts operands from position `scanStart` on (wrapping), on `threads`
  /// threads; returns how many it counted before the scan's share of the time
  /// ran out (all of them without a limit).
  uint32_t countAll(unsigned threads);
  uint32_t countAllThreaded(unsigned threads);
  /// The operand counted at position `i` of a scan.
  uint32_t scanOperand(uint32_t i) const {
    return uint32_t((uint64_t(scanStart) + i) % numOperands());
  }
  uint32_t estimateThreshold();
  bool outOfTime() const { return config->budget->exhausted(); }
  /// The current count (estimate or scan) has used its share of the time.
  bool pastDeadline(
      const std::optional<std::chrono::steady_clock::time_point> &d) const {
    return outOfTime() || (d && std::chrono::steady_clock::now() >= *d);
  }
  /// Highest non-empty bucket level, rescanning below the threshold; 0 when
  /// done.
  uint32_t topLevel();
  /// Calls fn(lhsTerm, rhsTerm, scale) for each pair of terms in the class.
  template <typename Fn> void forEachTermPair(const Candidate &c, Fn fn) const;
  uint32_t countRows(uint32_t a, uint32_t b) const;
  uint32_t countClass(const Candidate &c) const;
  /// The rows holding the class, sorted, with each row's scale.
  void collectUses(const Candidate &c, llvm::SmallVectorImpl<Use> &uses) const;
  std::optional<uint32_t> findTerm(uint32_t op, int64_t coef) const;
  /// Removes `rowList` (sorted) from the rows of `term`: one pass over its
  /// list however many rows go.
  void removeRows(uint32_t term, llvm::ArrayRef<uint32_t> rowList);
  int64_t gain(const ResolvedPair &c, llvm::ArrayRef<Use> uses) const;
  void extract(const ResolvedPair &c, llvm::ArrayRef<Use> uses);
  /// Re-counts candidate `index`; returns true if it is valid at `level` and
  /// worth extracting (uses filled), otherwise re-queues or drops it and
  /// returns false.
  bool validate(uint32_t index, uint32_t level,
                llvm::SmallVectorImpl<Use> &uses);

  const Config *config;
  uint32_t numInputs;
  ElementType type;
  std::vector<Term> terms;
  llvm::DenseMap<std::pair<uint32_t, int64_t>, uint32_t> termIds;
  std::vector<std::vector<Entry>> rows;
  /// Rows holding each term, sorted. Terms of inputs also have a row bitset
  /// (they are the long lists; CSE terms are born with few rows and only lose
  /// them), which makes re-counting a candidate a few AND+popcount
  /// instructions.
  std::vector<std::vector<uint32_t>> termRows;
  std::vector<uint32_t> bitsetOf;
  std::vector<uint64_t> bitsets;
  uint32_t words;
  std::vector<llvm::SmallVector<uint32_t, 2>> operandTerms;
  std::vector<CseNode> nodes;
  std::vector<Ratio> ratios;
  llvm::DenseMap<std::pair<int64_t, int64_t>, uint32_t> ratioIds;

  std::vector<Candidate> pool;
  std::vector<std::vector<uint32_t>> buckets;
  /// Candidates taken out of the buckets by runRandom's window (kept here so
  /// that compactPool can renumber them).
  llvm::SmallVector<uint32_t, 64> window;
  uint32_t top = 0;
  /// Every class with a count >= threshold is in the pool (counts as upper
  /// bounds), except those refused at or below capLevel (below).
  uint32_t threshold = 2;
  /// Non-zero when every stored candidate had the same count and alone filled
  /// the budget: no more classes of that count or lower are stored until the
  /// next rescan.
  uint32_t capLevel = 0;
  uint64_t live = 0, peakPool = 0;
  uint64_t extractionsSinceRescan = 0;
  /// A scan may count only some operands: it stops where the cap is reached
  /// (counting on would only find classes it refuses), and with a time limit
  /// it takes at most half the time left, so that something is extracted even
  /// when one full count would take all of it. The next scan goes on from
  /// where the last one stopped.
  bool partialScan = false;
  uint32_t scanStart = 0;
  /// Operands counted since the last extraction: a partial scan that went all
  /// the way round without finding anything to take ends the search.
  uint64_t scannedSinceExtraction = 0;

  /// Cost of the last scan (counter increments) and of the re-counts since
  /// then that found a candidate stale (words and list entries read). Once
  /// the stale re-counts have cost as much as a scan, a rescan replaces the
  /// stale queue: the rent-or-buy rule, which keeps the waste within the cost
  /// of the scans made.
  uint64_t lastScanWork = 0;
  mutable uint64_t recountWork = 0;
  uint64_t staleWork = 0;
  std::optional<std::chrono::steady_clock::time_point> scanDeadline;
  bool trackDegrees = true;
  unsigned countThreads = 1;
  std::vector<uint32_t> degree;
  /// Uses of each product (operand, |coef| >= 2); only tracked where they can
  /// change.
  llvm::DenseMap<std::pair<uint32_t, uint64_t>, uint32_t> productUses;
  bool trackProducts;

  /// Counting scratch for the single-threaded paths.
  Counter counter;
};

SearchState::SearchState(const ExtendedCsr &e, const Config &cfg)
    : config(&cfg), numInputs(e.cols), type(e.type),
      trackProducts(cfg.match == MatchMode::Scaled &&
                    cfg.objective == Objective::Ops) {
  nodes = e.nodes;
  rows.resize(e.rows);
  operandTerms.resize(e.numOperands());
  words = (e.rows + 63) / 64;
  auto useProduct = [&](uint32_t op, int64_t coef) {
    if (trackProducts && magnitude(coef) >= 2)
      ++productUses[{op, magnitude(coef)}];
  };
  for (const CseNode &n : nodes) {
    useProduct(n.lhs, n.lhsCoef);
    useProduct(n.rhs, n.rhsCoef);
  }
  for (uint32_t r = 0; r < e.rows; ++r) {
    for (uint64_t p = e.rowPtr[r]; p < e.rowPtr[r + 1]; ++p) {
      uint32_t op = e.operands[p];
      uint32_t t = termId(op, e.coefs[p]);
      rows[r].push_back({op, t});
      termRows[t].push_back(r);
      useProduct(op, e.coefs[p]);
    }
  }
  // Bitsets for input terms only (node terms are born with few rows), and
  // only for terms in at least 1/32 of the rows: then a bitset (M/8 bytes)
  // takes at most the bytes of its row list, so all of them together stay
  // within 4 bytes per non-zero. A bitset for every term would take
  // terms * M / 8 bytes: 8 GB for an int8 matrix of 16384 rows whose columns
  // hold every value. Rarer terms are probed or merged, as node terms are.
  constexpr uint64_t kBitsetMinShare = 32;
  bitsetOf.assign(terms.size(), ~0u);
  uint32_t numBitsets = 0;
  for (uint32_t t = 0; t < terms.size(); ++t)
    if (terms[t].op < numInputs &&
        termRows[t].size() * kBitsetMinShare >= uint64_t(e.rows))
      bitsetOf[t] = numBitsets++;
  bitsets.assign(uint64_t(numBitsets) * words, 0);
  for (uint32_t t = 0; t < terms.size(); ++t)
    if (bitsetOf[t] != ~0u)
      for (uint32_t r : termRows[t])
        bitsets[uint64_t(bitsetOf[t]) * words + r / 64] |= uint64_t(1)
                                                           << (r % 64);
  buckets.resize(e.rows + 1);
  degree.assign(e.numOperands(), 0);
}

uint32_t SearchState::termId(uint32_t op, int64_t coef) {
  auto [it, inserted] = termIds.try_emplace({op, coef}, terms.size());
  if (inserted) {
    terms.push_back({op, coef});
    termRows.emplace_back();
    bitsetOf.push_back(~0u);
    operandTerms[op].push_back(it->second);
  }
  return it->second;
}

uint32_t SearchState::ratioId(Ratio r) {
  auto [it, inserted] = ratioIds.try_emplace({r.p, r.q}, ratios.size());
  if (inserted)
    ratios.push_back(r);
  return it->second;
}

/// Counts the pair classes of operand `op` with the operands after it (forward)
/// or before it, and calls emit(a, b, ratio, count) (see Candidate) for each
/// class seen in
/// >= minCount rows.
template <typename Fn>
void SearchState::countPairs(uint32_t op, bool forward, uint32_t minCount,
                             Counter &scratch, Fn emit) {
  std::vector<uint32_t> &counter = scratch.counts;
  std::vector<uint32_t> &touched = scratch.touched;
  if (counter.size() < terms.size())
    counter.resize(terms.size(), 0);
  // Scaled classes merge across the operand's coefficients, so they are summed
  // here, in first-seen order (deterministic, unlike DenseMap iteration).
  llvm::DenseMap<std::pair<uint32_t, uint32_t>, uint32_t> mergedIndex;
  llvm::SmallVector<std::pair<std::pair<uint32_t, uint32_t>, uint32_t>> merged;
  bool scaled = config->match == MatchMode::Scaled;
  for (uint32_t own : operandTerms[op]) {
    // An exact class is one term pair, so a term in fewer rows than minCount
    // cannot reach it (scaled classes sum over the operand's terms).
    if (!scaled && termRows[own].size() < minCount)
      continue;
    for (uint32_t r : termRows[own]) {
      const std::vector<Entry> &row = rows[r];
      auto pos =
          std::lower_bound(row.begin(), row.end(), op,
                           [](const Entry &e, uint32_t v) { return e.op < v; });
      auto begin = forward ? pos + 1 : row.begin();
      auto end = forward ? row.end() : pos;
      scratch.work += end - begin;
      for (auto it = begin; it != end; ++it)
        if (counter[it->term]++ == 0)
          touched.push_back(it->term);
    }
    int64_t ownCoef = terms[own].coef;
    for (uint32_t partner : touched) {
      uint32_t count = counter[partner];
      counter[partner] = 0;
      if (!scaled) {
        if (count >= minCount)
          emit(forward ? own : partner, forward ? partner : own, kNoRatio,
               count);
        continue;
      }
      const Term &pt = terms[partner];
      Ratio r = forward ? normalize(ownCoef, pt.coef, config->match)
                        : normalize(pt.coef, ownCoef, config->match);
      auto [it, inserted] =
          mergedIndex.try_emplace({pt.op, ratioId(r)}, merged.size());
      if (inserted)
        merged.push_back({it->first, 0});
      merged[it->second].second += count;
    }
    touched.clear();
  }
  if (!scaled)
    return;
  for (auto &[key, count] : merged)
    if (count >= minCount)
      emit(forward ? op : key.first, forward ? key.first : op, key.second,
           count);
}

ResolvedPair SearchState::resolve(const Candidate &c) const {
  if (config->match == MatchMode::Exact)
    return {terms[c.a].op, terms[c.b].op, {terms[c.a].coef, terms[c.b].coef}};
  return {c.a, c.b, ratios[c.ratio]};
}

void SearchState::addCandidate(uint32_t a, uint32_t b, uint32_t ratio,
                               uint32_t count) {
  // Classes below the threshold (or the cap) wait for the next rescan, where
  // they are counted again on shorter rows. Storing them anyway, as pairs of
  // new nodes once were, made memory grow with every extraction.
  if (count < admissionCount())
    return;
  pool.push_back({a, b, ratio, count});
  peakPool = std::max<uint64_t>(peakPool, pool.size());
  if (trackDegrees) {
    ResolvedPair pair = resolve(pool.back());
    ++degree[pair.lhs];
    ++degree[pair.rhs];
  }
  ++live;
  pushBucket(pool.size() - 1);
  if (live > config->maxCandidates)
    raiseThreshold();
  // Dropped entries keep their slots until here: reclaim them once they
  // outnumber the live ones, so the pool stays within twice the budget.
  if (pool.size() > 2 * live + 1024)
    compactPool();
}

void SearchState::pushBucket(uint32_t index) {
  uint32_t level = pool[index].count;
  buckets[level].push_back(index);
  top = std::max(top, level);
}

void SearchState::dropCandidate(uint32_t index) {
  Candidate &c = pool[index];
  if (trackDegrees) {
    ResolvedPair pair = resolve(c);
    --degree[pair.lhs];
    --degree[pair.rhs];
  }
  --live;
  c.count = kDropped;
}

/// Keeps memory bounded: drops the lowest buckets until at most half the budget
/// is live. Dropped classes come back through rescan() once the higher ones are
/// used up.
void SearchState::raiseThreshold() {
  uint64_t keep = 0;
  uint32_t level = top;
  while (level > threshold &&
         keep + buckets[level].size() <= config->maxCandidates / 2)
    keep += buckets[level--].size();
  // The top level always stays: otherwise no pair could ever be taken.
  uint32_t newThreshold = std::min(std::max(level + 1, threshold + 1), top);
  if (newThreshold <= threshold) {
    // Everything stored has one count (say every column of the matrix is the
    // same) and fills the budget alone. Store no more of that count: the
    // stored ones are taken first, and a rescan finds the others.
    capLevel = std::max(capLevel, top);
    return;
  }
  for (uint32_t l = threshold; l < newThreshold && l < buckets.size(); ++l) {
    for (uint32_t index : buckets[l])
      if (pool[index].count == l)
        dropCandidate(index);
    buckets[l].clear();
    buckets[l].shrink_to_fit();
  }
  threshold = newThreshold;
}

void SearchState::compactPool() {
  std::vector<Candidate> kept;
  kept.reserve(live);
  auto keep = [&](uint32_t &index) {
    kept.push_back(pool[index]);
    index = kept.size() - 1;
  };
  // A live candidate sits in exactly one place: the bucket of its count, or
  // the window. Bucket order is kept, so the search is unchanged.
  for (uint32_t level = 0; level < buckets.size(); ++level) {
    auto &bucket = buckets[level];
    llvm::erase_if(bucket,
                   [&](uint32_t index) { return pool[index].count != level; });
    for (uint32_t &index : bucket)
      keep(index);
  }
  for (uint32_t &index : window)
    keep(index);
  pool = std::move(kept);
}

void SearchState::clearQueue() {
  // Capacities stay: within the budget, and refilled right away.
  pool.clear();
  for (auto &b : buckets)
    b.clear();
  window.clear();
  std::fill(degree.begin(), degree.end(), 0);
  live = 0;
  top = 0;
  capLevel = 0;
}

void SearchState::rescan() {
  // After a scan that stopped at the cap, the classes at that count are still
  // plentiful (counts only fall, a little per extraction): start the next scan
  // at the same threshold. Estimating it again would sample every operand
  // without the pruning a high threshold gives the scan itself, and cost more
  // than the scan (on every-column-identical matrices, most of the time).
  bool capped = capLevel != 0;
  clearQueue();
  extractionsSinceRescan = 0;
  // With a time limit a scan takes at most half the time left (see
  // partialScan), its threshold estimate an eighth of that.
  constexpr double kScanShare = 0.5;
  scanDeadline = config->budget->shareOfRest(kScanShare);
  uint64_t workBefore = counter.work;
  if (!capped)
    threshold = estimateThreshold();
  uint32_t numOps = numOperands();
  // Scaled mode interns ratios while counting, so it counts on one thread.
  unsigned threads = countThreads;
  if (config->match == MatchMode::Scaled || numOps < 64)
    threads = 1;
  uint32_t counted = countAll(threads);
  if (capped && live == 0 && counted == numOps) {
    // Every count fell below the old threshold after all: estimate it anew.
    clearQueue();
    threshold = estimateThreshold();
    counted = countAll(threads);
  }
  lastScanWork = counter.work - workBefore;
  staleWork = 0;
  scannedSinceExtraction += counted;
  partialScan = counted < numOps;
  scanStart = partialScan ? scanOperand(counted) : 0;
}

uint32_t SearchState::countAll(unsigned threads) {
  if (threads > 1)
    return countAllThreaded(threads);
  uint32_t numOps = numOperands(), i = 0;
  while (i < numOps && !pastDeadline(scanDeadline)) {
    countPairs(scanOperand(i++), /*forward=*/true, admissionCount(), counter,
               [&](uint32_t a, uint32_t b, uint32_t ratio, uint32_t count) {
                 addCandidate(a, b, ratio, count);
               });
    if (capLevel)
      break;
  }
  return i;
}

/// Counts on `threads` threads and queues the classes in scan order, as one
/// thread would: the queue (and so the result) does not depend on the thread
/// count. Operands go in batches, each counted with the admission count at its
/// start (it only rises, and addCandidate checks again), so what waits to be
/// queued is one batch's classes, not the whole matrix's.
uint32_t SearchState::countAllThreaded(unsigned threads) {
  uint32_t numOps = numOperands();
  std::vector<std::vector<Candidate>> found(threads);
  std::vector<std::vector<uint32_t>> perOperand(threads);
  std::vector<Counter> scratch(threads);
  // Batches grow while they are quick and yield few classes, and shrink when
  // they yield many: few thread starts on ordinary matrices, bounded buffers
  // on adversarial ones, and a time limit noticed between batches.
  uint32_t batch = threads * 8;
  uint32_t first = 0;
  while (first < numOps && !pastDeadline(scanDeadline)) {
    uint32_t end =
        uint32_t(std::min<uint64_t>(numOps, uint64_t(first) + batch));
    uint32_t minCount = admissionCount();
    auto batchStart = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t)
      workers.emplace_back([&, t] {
        // Operands are dealt round-robin: their work falls from first to
        // last, so contiguous ranges would be unbalanced.
        for (uint32_t i = first + t; i < end; i += threads) {
          size_t before = found[t].size();
          // Past the time limit the search stops after this scan.
          if (!outOfTime())
            countPairs(
                scanOperand(i), /*forward=*/true, minCount, scratch[t],
                [&](uint32_t a, uint32_t b, uint32_t ratio, uint32_t count) {
                  found[t].push_back({a, b, ratio, count});
                });
          perOperand[t].push_back(found[t].size() - before);
        }
      });
    for (std::thread &w : workers)
      w.join();
    uint64_t yielded = 0;
    std::vector<size_t> next(threads, 0);
    uint32_t merged = first;
    while (merged < end && !capLevel) {
      uint32_t t = (merged - first) % threads;
      uint32_t n = perOperand[t][(merged - first) / threads];
      yielded += n;
      for (uint32_t k = 0; k < n; ++k) {
        const Candidate &c = found[t][next[t]++];
        addCandidate(c.a, c.b, c.ratio, c.count);
      }
      ++merged;
    }
    for (unsigned t = 0; t < threads; ++t) {
      found[t].clear();
      perOperand[t].clear();
    }
    first = merged;
    for (Counter &c : scratch) {
      counter.work += c.work;
      c.work = 0;
    }
    // Capped: the rest of the batch is counted again by the next scan, as one
    // thread would not have counted it.
    if (capLevel)
      break;
    double seconds = std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - batchStart)
                         .count();
    if (yielded > config->maxCandidates / 4 || seconds > 0.2)
      batch = std::max<uint32_t>(batch / 2, threads);
    else if (yielded < config->maxCandidates / 16 && seconds < 0.05)
      batch = std::min<uint32_t>(batch * 2, 1u << 20);
  }
  return first;
}

/// Smallest count threshold whose classes fit half the candidate budget,
/// estimated by counting the classes of every kSample-th operand. Storing
/// fewer, higher classes and rescanning later (on shorter rows) is cheaper than
/// queueing and re-counting millions of two-row classes that mostly vanish
/// before their turn.
uint32_t SearchState::estimateThreshold() {
  constexpr uint32_t kSample = 8;
  // A sample of every kSample-th operand costs about 1/kSample of the scan
  // (rescan() gives the scan half the time left).
  auto deadline = config->budget->shareOfRest(0.5 / kSample);
  uint32_t numOps = numOperands();
  uint32_t samples = (numOps + kSample - 1) / kSample;
  // Threads as for the scan; a histogram is a sum, the same in any order.
  unsigned threads = countThreads;
  if (config->match == MatchMode::Scaled || numOps < 64)
    threads = 1;
  std::vector<std::vector<uint64_t>> histograms(threads);
  std::vector<uint32_t> sampledBy(threads, 0);
  std::vector<Counter> scratch(threads > 1 ? threads : 0);
  auto sample = [&](unsigned t, Counter &counts) {
    for (uint32_t s = t; s < samples && !pastDeadline(deadline); s += threads) {
      countPairs(scanOperand(s * kSample), /*forward=*/true, 2, counts,
                 [&](uint32_t, uint32_t, uint32_t, uint32_t count) {
                   auto &h = histograms[t];
                   if (h.size() <= count)
                     h.resize(count + 1);
                   ++h[count];
                 });
      ++sampledBy[t];
    }
  };
  if (threads == 1) {
    sample(0, counter);
  } else {
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t)
      workers.emplace_back(sample, t, std::ref(scratch[t]));
    for (std::thread &w : workers)
      w.join();
    for (Counter &c : scratch)
      counter.work += c.work;
  }
  std::vector<uint64_t> histogram;
  uint32_t sampled = 0;
  for (unsigned t = 0; t < threads; ++t) {
    sampled += sampledBy[t];
    if (histogram.size() < histograms[t].size())
      histogram.resize(histograms[t].size());
    for (size_t level = 0; level < histograms[t].size(); ++level)
      histogram[level] += histograms[t][level];
  }
  if (sampled == 0)
    return 2;
  // Each sampled operand stands for kSample, or more if time cut the sample.
  double weight = double(kSample) * double(samples) / double(sampled);
  // Never above the highest level seen: those classes exist, so the queue is
  // not empty.
  double estimate = 0;
  for (uint32_t level = histogram.size(); level-- > 2;) {
    estimate += double(histogram[level]) * weight;
    if (estimate > double(config->maxCandidates / 2))
      return std::min<uint32_t>(level + 1, histogram.size() - 1);
  }
  return 2;
}

uint32_t SearchState::topLevel() {
  while (true) {
    while (top >= 2 && buckets[top].empty())
      --top;
    // Rent or buy: once re-counting stale candidates has cost as much as a
    // scan, a rescan (on the rows as they are now) is the cheaper way on.
    bool stale = staleWork > lastScanWork && extractionsSinceRescan > 0;
    if (top >= threshold && (!stale || outOfTime()))
      return top;
    if (outOfTime())
      return 0;
    if (stale) {
      rescan();
      continue;
    }
    if (partialScan) {
      // Go on counting where the last scan stopped, unless a whole round of
      // the operands found nothing to take.
      if (scannedSinceExtraction >= numOperands())
        return 0;
    } else if (admissionCount() <= 2 || extractionsSinceRescan == 0) {
      // Everything stored is used up and no class was left out (below the
      // threshold or the cap), or a rescan led to no extraction and would
      // only find the same pairs again.
      return 0;
    }
    rescan();
  }
}

std::optional<uint32_t> SearchState::findTerm(uint32_t op, int64_t coef) const {
  auto it = termIds.find({op, coef});
  if (it == termIds.end())
    return std::nullopt;
  return it->second;
}

template <typename Fn>
void SearchState::forEachTermPair(const Candidate &c, Fn fn) const {
  if (config->match == MatchMode::Exact) {
    fn(c.a, c.b, int64_t(1));
    return;
  }
  const Ratio &ratio = ratios[c.ratio];
  for (uint32_t a : operandTerms[c.a]) {
    int64_t c1 = terms[a].coef, rhsCoef;
    if (termRows[a].empty() || (ratio.p == -1 && c1 == INT64_MIN) ||
        c1 % ratio.p != 0)
      continue;
    int64_t g = c1 / ratio.p;
    if (__builtin_mul_overflow(g, ratio.q, &rhsCoef))
      continue;
    if (auto b = findTerm(c.b, rhsCoef))
      fn(a, *b, g);
  }
}

uint32_t SearchState::countRows(uint32_t a, uint32_t b) const {
  const auto &ra = termRows[a], &rb = termRows[b];
  if (ra.empty() || rb.empty())
    return 0;
  if (bitsetOf[a] != ~0u && bitsetOf[b] != ~0u) {
    const uint64_t *wa = &bitsets[uint64_t(bitsetOf[a]) * words];
    const uint64_t *wb = &bitsets[uint64_t(bitsetOf[b]) * words];
    recountWork += words;
    uint32_t n = 0;
    for (uint32_t w = 0; w < words; ++w)
      n += __builtin_popcountll(wa[w] & wb[w]);
    return n;
  }
  // Probe the shorter list against the other's bitset, or merge two lists.
  uint32_t small = ra.size() <= rb.size() ? a : b, large = small == a ? b : a;
  uint32_t n = 0;
  if (bitsetOf[large] != ~0u) {
    const uint64_t *wl = &bitsets[uint64_t(bitsetOf[large]) * words];
    recountWork += termRows[small].size();
    for (uint32_t r : termRows[small])
      n += (wl[r / 64] >> (r % 64)) & 1;
    return n;
  }
  const auto &x = termRows[small], &y = termRows[large];
  recountWork += x.size() + y.size();
  size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i] < y[j])
      ++i;
    else if (y[j] < x[i])
      ++j;
    else
      ++n, ++i, ++j;
  }
  return n;
}

uint32_t SearchState::countClass(const Candidate &c) const {
  uint32_t n = 0;
  forEachTermPair(
      c, [&](uint32_t a, uint32_t b, int64_t) { n += countRows(a, b); });
  return n;
}

void SearchState::collectUses(const Candidate &c,
                              llvm::SmallVectorImpl<Use> &uses) const {
  uses.clear();
  forEachTermPair(c, [&](uint32_t a, uint32_t b, int64_t g) {
    const auto &x = termRows[a], &y = termRows[b];
    size_t i = 0, j = 0;
    while (i < x.size() && j < y.size()) {
      if (x[i] < y[j])
        ++i;
      else if (y[j] < x[i])
        ++j;
      else
        uses.push_back({x[i], g}), ++i, ++j;
    }
  });
  if (config->match != MatchMode::Scaled)
    return;
  if (trackProducts) {
    // Counting operations, a row that needs multiplier |g| >= 2 pays for the
    // product g*t unless another row shares it: keep such rows only in groups
    // of two or more with the same |g|. Group sizes only shrink, so the
    // filtered count stays an upper bound for the queue.
    llvm::SmallDenseMap<uint64_t, uint32_t, 8> perScale;
    for (const Use &u : uses)
      ++perScale[magnitude(u.scale)];
    llvm::erase_if(uses, [&](const Use &u) {
      uint64_t m = magnitude(u.scale);
      return m >= 2 && perScale[m] < 2;
    });
  }
  llvm::sort(uses, [](const Use &u, const Use &v) { return u.row < v.row; });
}

void SearchState::removeRows(uint32_t term, llvm::ArrayRef<uint32_t> rowList) {
  auto &list = termRows[term];
  // Both lists are sorted: one merge pass keeps the rows not in rowList.
  size_t out = 0, j = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    if (j < rowList.size() && list[i] == rowList[j]) {
      ++j;
      continue;
    }
    list[out++] = list[i];
  }
  assert(j == rowList.size() && "term not in every row");
  list.resize(out);
  if (bitsetOf[term] != ~0u)
    for (uint32_t row : rowList)
      bitsets[uint64_t(bitsetOf[term]) * words + row / 64] &=
          ~(uint64_t(1) << (row % 64));
}

int64_t SearchState::gain(const ResolvedPair &c,
                          llvm::ArrayRef<Use> uses) const {
  int64_t f = uses.size();
  const Ratio &ratio = c.ratio;
  if (config->objective == Objective::Bytes) {
    // Widths as they stand now; the final comparison uses exact sizes. An
    // input reference with coefficient +-1 and a node reference in exact mode
    // store no value (docs/ecsr-format.md).
    int64_t colCse = indexBytes(nodes.size());
    int64_t value = config->valueBytes;
    bool exact = config->match == MatchMode::Exact;
    auto refBytes = [&](uint32_t op, int64_t coef) -> int64_t {
      bool unit = coef == 1 || coef == -1;
      if (op < numInputs)
        return config->colInBytes + (unit ? 0 : value);
      return colCse + (exact ? 0 : value);
    };
    // Each row trades two references for one. The node stores its operands'
    // indices; input-side coefficients live once per group in the directory.
    int64_t saved = 0;
    for (const Use &u : uses)
      saved += refBytes(c.lhs, u.scale * ratio.p) +
               refBytes(c.rhs, u.scale * ratio.q) -
               refBytes(numOperands(), u.scale);
    auto nodeSide = [&](uint32_t op, int64_t coef) -> int64_t {
      return op < numInputs ? config->colInBytes : refBytes(op, coef);
    };
    int64_t node = nodeSide(c.lhs, ratio.p) + nodeSide(c.rhs, ratio.q);
    return saved - node;
  }
  // Each use trades two row entries for one; the node is evaluated once.
  // Multipliers cost nothing there (a multiply-accumulate either way).
  if (config->objective == Objective::Instructions)
    return kEntryCost * f - kNodeCost;
  int64_t g = f - 1;
  if (!trackProducts)
    return g;
  // Net change in the number of distinct products with |coef| >= 2.
  llvm::SmallDenseMap<std::pair<uint32_t, uint64_t>, int64_t, 16> net;
  auto note = [&](uint32_t op, int64_t coef, int64_t delta) {
    if (magnitude(coef) >= 2)
      net[{op, magnitude(coef)}] += delta;
  };
  for (const Use &u : uses) {
    note(c.lhs, u.scale * ratio.p, -1);
    note(c.rhs, u.scale * ratio.q, -1);
    note(numOperands(), u.scale, +1);
  }
  note(c.lhs, ratio.p, +1);
  note(c.rhs, ratio.q, +1);
  for (auto &[key, delta] : net) {
    auto it = productUses.find(key);
    int64_t before = it == productUses.end() ? 0 : it->second;
    int64_t after = before + delta;
    if (before == 0 && after > 0)
      --g;
    else if (before > 0 && after == 0)
      ++g;
  }
  return g;
}

void SearchState::extract(const ResolvedPair &c, llvm::ArrayRef<Use> uses) {
  uint32_t t = numOperands();
  const Ratio ratio = c.ratio;
  ++extractionsSinceRescan;
  scannedSinceExtraction = 0;
  nodes.push_back({c.lhs, c.rhs, ratio.p, ratio.q});
  operandTerms.emplace_back();
  degree.push_back(0);
  auto addProduct = [&](uint32_t op, int64_t coef, int delta) {
    if (trackProducts && magnitude(coef) >= 2)
      productUses[{op, magnitude(coef)}] += delta;
  };
  addProduct(c.lhs, ratio.p, +1);
  addProduct(c.rhs, ratio.q, +1);
  // (term, row) pairs leaving the term lists; uses are sorted by row, so each
  // term's rows come out sorted.
  llvm::SmallVector<std::pair<uint32_t, uint32_t>, 64> removed;
  for (const Use &u : uses) {
    std::vector<Entry> &row = rows[u.row];
    llvm::erase_if(row, [&](const Entry &e) {
      if (e.op != c.lhs && e.op != c.rhs)
        return false;
      addProduct(e.op, terms[e.term].coef, -1);
      removed.push_back({e.term, u.row});
      return true;
    });
    uint32_t term = termId(t, u.scale);
    // t is the newest operand, so appending keeps the row sorted.
    row.push_back({t, term});
    termRows[term].push_back(u.row);
    addProduct(t, u.scale, +1);
  }
  std::stable_sort(removed.begin(), removed.end(),
                   [](auto &x, auto &y) { return x.first < y.first; });
  llvm::SmallVector<uint32_t, 64> rowList;
  for (size_t i = 0; i < removed.size();) {
    uint32_t term = removed[i].first;
    rowList.clear();
    for (; i < removed.size() && removed[i].first == term; ++i)
      rowList.push_back(removed[i].second);
    removeRows(term, rowList);
  }
  countPairs(t, /*forward=*/false, admissionCount(), counter,
             [&](uint32_t a, uint32_t b, uint32_t r, uint32_t count) {
               addCandidate(a, b, r, count);
             });
}

bool SearchState::validate(uint32_t index, uint32_t level,
                           llvm::SmallVectorImpl<Use> &uses) {
  Candidate &c = pool[index];
  // The bitset count bounds the filtered one (trackProducts), so most stale
  // candidates are settled without building their row lists.
  uint64_t workBefore = recountWork;
  uint32_t count = countClass(c);
  if (trackProducts && count >= level) {
    collectUses(c, uses);
    count = uses.size();
  }
  if (count < 2) {
    dropCandidate(index);
    return false;
  }
  if (count < level) {
    staleWork += recountWork - workBefore;
    // Below the threshold it could not be taken before the next rescan, which
    // finds it again: drop it rather than hold memory for it.
    if (count < threshold) {
      dropCandidate(index);
      return false;
    }
    c.count = count;
    pushBucket(index);
    return false;
  }
  if (!trackProducts)
    collectUses(c, uses);
  if (gain(resolve(c), uses) <= 0) {
    dropCandidate(index);
    return false;
  }
  return true;
}

void SearchState::runGreedy() {
  llvm::SmallVector<Use, 64> uses;
  while (!outOfTime()) {
    uint32_t level = topLevel();
    if (!level)
      break;
    uint32_t index = buckets[level].back();
    buckets[level].pop_back();
    if (pool[index].count != level)
      continue; // dropped by raiseThreshold
    if (!validate(index, level, uses))
      continue;
    ResolvedPair pair = resolve(pool[index]);
    dropCandidate(index);
    extract(pair, uses);
  }
}

/// Among up to `window` pairs of the highest count, extracts the one whose
/// operands take part in the fewest other candidates (ties broken at random): a
/// pair whose operands have few alternatives destroys the fewest other sharing
/// opportunities, as min-degree-first does for matchings.
void SearchState::runRandom(uint64_t seed, unsigned windowSize) {
  Rng rng(seed);
  llvm::SmallVector<Use, 64> uses;
  // The window is a member: compactPool renumbers it.
  llvm::SmallVectorImpl<uint32_t> &chosen = window;
  chosen.clear();
  uint32_t windowLevel = 0;
  auto flush = [&] {
    for (uint32_t index : chosen)
      pushBucket(index);
    chosen.clear();
  };
  while (!outOfTime()) {
    // New pairs (with the node just made) may outrank the window: start it
    // afresh.
    while (top >= 2 && buckets[top].empty())
      --top;
    if (!chosen.empty() && top > windowLevel)
      flush();
    if (chosen.empty()) {
      // Only with an empty window: a rescan rebuilds the pool the window points
      // into.
      windowLevel = topLevel();
      if (windowLevel == 0)
        break;
    }
    // Fill the window with pairs valid at windowLevel.
    auto &bucket = buckets[windowLevel];
    while (chosen.size() < windowSize && !bucket.empty()) {
      uint32_t index = bucket.back();
      bucket.pop_back();
      if (pool[index].count != windowLevel)
        continue;
      if (validate(index, windowLevel, uses))
        chosen.push_back(index);
    }
    if (chosen.empty())
      continue;
    size_t best = 0;
    uint64_t bestScore = UINT64_MAX, ties = 0;
    for (size_t i = 0; i < chosen.size(); ++i) {
      ResolvedPair c = resolve(pool[chosen[i]]);
      uint64_t score = uint64_t(degree[c.lhs]) + degree[c.rhs];
      if (score < bestScore) {
        bestScore = score;
        best = i;
        ties = 1;
      } else if (score == bestScore && rng.below(++ties) == 0) {
        best = i; // reservoir sampling: uniform among the ties
      }
    }
    uint32_t index = chosen[best];
    chosen.erase(chosen.begin() + best);
    collectUses(pool[index], uses);
    ResolvedPair c = resolve(pool[index]);
    if (gain(c, uses) <= 0) {
      dropCandidate(index);
      continue;
    }
    dropCandidate(index);
    extract(c, uses);
    // Pairs sharing an operand with the extracted one may have lost rows:
    // re-queue them.
    llvm::erase_if(chosen, [&](uint32_t i) {
      ResolvedPair o = resolve(pool[i]);
      bool shares =
          o.lhs == c.lhs || o.lhs == c.rhs || o.rhs == c.lhs || o.rhs == c.rhs;
      if (shares)
        pushBucket(i);
      return shares;
    });
  }
  // Stopped by the time limit with a window open: its candidates are simply
  // not taken.
  chosen.clear();
}

ExtendedCsr SearchState::result() const {
  ExtendedCsr e;
  e.rows = rows.size();
  e.cols = numInputs;
  e.type = type;
  e.nodes = nodes;
  e.rowPtr.reserve(rows.size() + 1);
  for (const auto &row : rows) {
    for (const Entry &entry : row) {
      e.operands.push_back(entry.op);
      e.coefs.push_back(terms[entry.term].coef);
    }
    e.rowPtr.push_back(e.coefs.size());
  }
  return e;
}

/// Multiplies the nodes marked in `destroy`, and every node that uses one of
/// them, back into the rows. Surviving nodes keep their order (so stay
/// topological) and are renumbered densely.
ExtendedCsr inlineNodes(const ExtendedCsr &e, std::vector<bool> destroy) {
  uint32_t n = e.cols;
  size_t k = e.nodes.size();
  auto destroyed = [&](uint32_t op) { return op >= n && destroy[op - n]; };
  // Users follow the nodes they use, so one forward pass closes the set.
  for (size_t c = 0; c < k; ++c)
    if (destroyed(e.nodes[c].lhs) || destroyed(e.nodes[c].rhs))
      destroy[c] = true;
  std::vector<uint32_t> newId(k, 0);
  uint32_t next = n;
  for (size_t c = 0; c < k; ++c)
    if (!destroy[c])
      newId[c] = next++;
  auto rename = [&](uint32_t op) { return op < n ? op : newId[op - n]; };

  using Terms = std::vector<std::pair<uint32_t, int64_t>>;
  std::vector<Terms> expansion(k);
  // Appends coef * e[op], expanded over surviving operands.
  auto append = [&](Terms &out, uint32_t op, int64_t coef) {
    if (!destroyed(op)) {
      out.push_back({rename(op), coef});
      return;
    }
    for (auto [o, v] : expansion[op - n])
      out.push_back({o, int64_t(uint64_t(v) * uint64_t(coef))});
  };
  // Sorts by operand and sums repeats (wrapping, as the kernel would).
  auto canonicalize = [](Terms &t) {
    llvm::sort(t, [](auto &a, auto &b) { return a.first < b.first; });
    Terms merged;
    for (auto [op, v] : t) {
      if (!merged.empty() && merged.back().first == op)
        merged.back().second =
            int64_t(uint64_t(merged.back().second) + uint64_t(v));
      else
        merged.push_back({op, v});
    }
    llvm::erase_if(merged, [](auto &term) { return term.second == 0; });
    t = std::move(merged);
  };

  ExtendedCsr out;
  out.rows = e.rows;
  out.cols = n;
  out.type = e.type;
  for (size_t c = 0; c < k; ++c) {
    const CseNode &node = e.nodes[c];
    if (!destroy[c]) {
      out.nodes.push_back(
          {rename(node.lhs), rename(node.rhs), node.lhsCoef, node.rhsCoef});
      continue;
    }
    append(expansion[c], node.lhs, node.lhsCoef);
    append(expansion[c], node.rhs, node.rhsCoef);
    canonicalize(expansion[c]);
  }
  Terms row;
  for (uint32_t r = 0; r < e.rows; ++r) {
    row.clear();
    for (uint64_t p = e.rowPtr[r]; p < e.rowPtr[r + 1]; ++p)
      append(row, e.operands[p], e.coefs[p]);
    canonicalize(row);
    for (auto [op, v] : row) {
      out.operands.push_back(op);
      out.coefs.push_back(v);
    }
    out.rowPtr.push_back(out.coefs.size());
  }
  return out;
}

} // namespace

namespace {

/// One destroy-and-repair step: top-level nodes (used by rows only) are
/// multiplied back into their rows with probability `destroyFraction`, and the
/// freed terms are extracted again with the randomized window selection.
ExtendedCsr destroyAndRepair(const ExtendedCsr &current, const Config &config,
                             uint64_t seed, unsigned window,
                             uint64_t &peakCandidates) {
  constexpr double kDestroyFraction = 0.2;
  Rng rng(seed);
  size_t k = current.nodes.size();
  std::vector<bool> usedByNode(k, false), destroy(k, false);
  for (const CseNode &node : current.nodes)
    for (uint32_t op : {node.lhs, node.rhs})
      if (op >= current.cols)
        usedByNode[op - current.cols] = true;
  for (size_t c = 0; c < k; ++c)
    destroy[c] = !usedByNode[c] && rng.uniform() < kDestroyFraction;
  SearchState repair(inlineNodes(current, destroy), config);
  repair.rescan();
  repair.runRandom(rng.next(), window);
  peakCandidates = repair.peakPoolSlots();
  return repair.result();
}

} // namespace

ExtractionResult cse_sparse::extractCse(const SparseMatrix &matrix,
                                        const ExtractOptions &options) {
  auto start = std::chrono::steady_clock::now();
  Budget budget(options.timeLimitSeconds);
  auto [lo, hi] = matrix.valueRange();
  Config config{options.match,
                options.objective,
                std::max<uint64_t>(options.maxCandidates, 1024),
                indexBytes(matrix.cols() ? matrix.cols() - 1 : 0),
                valueBytes(lo, hi),
                &budget};
  // More threads than a handful would only add start-up cost to the counts.
  constexpr unsigned kMaxThreads = 64;
  unsigned threads = std::min(
      kMaxThreads, options.threads
                       ? options.threads
                       : std::max(1u, std::thread::hardware_concurrency()));

  ExtractionResult out;
  out.ecsr = ExtendedCsr::fromMatrix(matrix);
  out.objective = out.objectiveWithout =
      objectiveValue(out.ecsr, options.objective);

  // Both algorithms start with greedy's trajectory, so random search never
  // does worse than the baseline.
  ExtendedCsr current;
  {
    // Greedy runs alone, so its counting passes may use every thread.
    SearchState state(out.ecsr, config);
    state.setCountThreads(threads);
    state.rescan();
    state.setTrackDegrees(false);
    state.runGreedy();
    current = state.result();
    out.peakCandidates = state.peakPoolSlots();
  }
  uint64_t value = objectiveValue(current, options.objective);

  if (options.algorithm == SearchAlgorithm::Random) {
    // Each round repairs the current result kRepairs ways, with seeds that
    // depend only on (seed, round, j), and keeps the best if it is no worse:
    // the outcome does not depend on how many threads evaluate the repairs.
    constexpr unsigned kRepairs = 2;
    static const unsigned kWindows[] = {16, 4, 64, 8, 32, 128};
    std::vector<ExtendedCsr> repaired(kRepairs);
    uint64_t peaks[kRepairs] = {};
    for (unsigned round = 0; round < options.effort && !budget.exhausted();
         ++round) {
      auto repairOne = [&](unsigned j) {
        uint64_t seed =
            Rng(options.seed * 0x9e3779b97f4a7c15ULL + round * kRepairs + j)
                .next();
        repaired[j] = destroyAndRepair(
            current, config, seed,
            kWindows[(round * kRepairs + j) % std::size(kWindows)], peaks[j]);
      };
      if (threads >= 2) {
        std::thread helper(repairOne, 1);
        repairOne(0);
        helper.join();
      } else {
        for (unsigned j = 0; j < kRepairs; ++j)
          repairOne(j);
      }
      for (uint64_t peak : peaks)
        out.peakCandidates = std::max(out.peakCandidates, peak);
      unsigned bestJ = 0;
      uint64_t bestValue = UINT64_MAX;
      for (unsigned j = 0; j < kRepairs; ++j) {
        uint64_t v = objectiveValue(repaired[j], options.objective);
        if (v < bestValue) {
          bestValue = v;
          bestJ = j;
        }
      }
      ++out.rounds;
      // Equal values are accepted too: moving between equally good results
      // lets later rounds reach different neighbourhoods.
      if (bestValue <= value) {
        out.improvements += bestValue < value;
        value = bestValue;
        current = std::move(repaired[bestJ]);
      }
    }
  }

  // Strictly lower only: CSEs must pay for themselves.
  if (value < out.objective) {
    out.objective = value;
    out.ecsr = std::move(current);
    canonicalizeNodeOrder(out.ecsr);
  }
  out.timedOut = budget.wasExhausted();
  out.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  return out;
}

ExtractionReport cse_sparse::makeReport(const SparseMatrix &matrix,
                                        const ExtractionResult &result) {
  ExtractionReport r;
  r.rows = matrix.rows();
  r.cols = matrix.cols();
  r.nnz = matrix.nnz();
  r.distinctValues = matrix.distinctValues();
  ExtendedCsr plain = ExtendedCsr::fromMatrix(matrix);
  r.before = countOps(plain);
  r.after = countOps(result.ecsr);
  r.cses = result.ecsr.nodes.size();
  r.residualNnz = result.ecsr.nnz();
  r.depth = adderTreeDepth(result.ecsr);
  r.csrBytes = plainCsrBytes(matrix);
  r.ecsrBytesWithoutCses = computeEcsrSizes(plain).total();
  r.ecsrBytes = computeEcsrSizes(result.ecsr).total();
  r.seconds = result.seconds;
  return r;
}
