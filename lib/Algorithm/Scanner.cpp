//===- Scanner.cpp - When and how a search counts all pairs ---------------===//

#include "Scanner.h"
#include "Lanes.h"

#include <atomic>
#include <chrono>

using namespace cse_sparse::extraction;

Scanner::Scanner(const SearchConfig &config, const TermIndex &index,
                 const PairCounter &counter, CandidateQueue &queue,
                 unsigned countLanes)
    : config(&config), index(&index), counter(&counter), queue(&queue),
      countLanes(std::max(1u, std::min(countLanes, config.lanes->count()))) {}

unsigned Scanner::lanesFor(uint32_t numOps) const {
  // Below a few dozen operands a pass is too short to share.
  return numOps < 64 ? 1 : countLanes;
}

void Scanner::rescan() {
  // After a scan that stopped at the cap, the classes at that count are still
  // plentiful (counts only fall, a little per extraction): start the next scan
  // at the same threshold. Estimating it again would sample every operand
  // without the pruning a high threshold gives the scan itself, and cost more
  // than the scan (on every-column-identical matrices, most of the time).
  bool capped = queue->capped();
  queue->clear();
  extractionsSinceRescan = 0;
  // With a time limit a scan takes at most half the time left (see
  // partialScan), its threshold estimate an eighth of that.
  constexpr double kScanShare = 0.5;
  scanDeadline = config->budget->shareOfRest(kScanShare);
  uint64_t workBefore = counts.work;
  if (!capped)
    queue->setThreshold(estimateThreshold());
  uint32_t numOps = index->numOperands();
  uint32_t counted = countAll();
  if (capped && queue->liveCount() == 0 && counted == numOps) {
    // Every count fell below the old threshold after all: estimate it anew.
    queue->clear();
    queue->setThreshold(estimateThreshold());
    counted = countAll();
  }
  lastScanWork = counts.work - workBefore;
  staleWork = 0;
  scannedSinceExtraction += counted;
  partialScan = counted < numOps;
  scanStart = partialScan ? scanOperand(counted) : 0;
}

uint32_t Scanner::countAll() {
  uint32_t numOps = index->numOperands();
  unsigned lanes = lanesFor(numOps);
  if (lanes > 1)
    return countAllOnLanes(lanes);
  uint32_t i = 0;
  while (i < numOps && !config->budget->past(scanDeadline)) {
    counter->count(scanOperand(i++), /*forward=*/true, queue->admissionCount(),
                   counts,
                   [&](Pair p, uint32_t count) { queue->add(p, count); });
    if (queue->capped())
      break;
  }
  return i;
}

/// Counts on `lanes` lanes and queues the classes in scan order, as one lane
/// would: the queue (and so the result) does not depend on the lane count.
/// Operands go in batches, each counted with the admission count at its start
/// (it only rises, and the queue checks again), so what waits to be queued is
/// one batch's classes, not the whole matrix's.
uint32_t Scanner::countAllOnLanes(unsigned lanes) {
  uint32_t numOps = index->numOperands();
  // Where each operand's classes wait: a run of one lane's buffer.
  struct Slice {
    uint32_t lane, size;
    size_t begin;
  };
  std::vector<std::vector<CountedPair>> found(lanes);
  std::vector<Slice> slices;
  std::vector<CountScratch> scratch(lanes);
  // Batches grow while they are quick and yield few classes, and shrink when
  // they yield many: few waits for the last operand of a batch on ordinary
  // matrices, bounded buffers on adversarial ones, and a time limit noticed
  // between batches.
  uint32_t batch = lanes * 8;
  uint32_t first = 0;
  while (first < numOps && !config->budget->past(scanDeadline)) {
    uint32_t end =
        uint32_t(std::min<uint64_t>(numOps, uint64_t(first) + batch));
    uint32_t minCount = queue->admissionCount();
    slices.resize(end - first);
    auto batchStart = std::chrono::steady_clock::now();
    // Lanes take the next operand as they become free: an operand's work
    // falls from first to last, and a lane may be slowed by other jobs on
    // the machine, so fixed shares would leave lanes waiting.
    std::atomic<uint32_t> next{first};
    config->lanes->run(lanes, [&](unsigned lane) {
      for (uint32_t i = next++; i < end; i = next++) {
        size_t before = found[lane].size();
        // Past the time limit the search stops after this scan.
        if (!outOfTime())
          counter->count(scanOperand(i), /*forward=*/true, minCount,
                         scratch[lane], [&](Pair p, uint32_t count) {
                           found[lane].push_back({p, count});
                         });
        slices[i - first] = {lane, uint32_t(found[lane].size() - before),
                             before};
      }
    });
    uint64_t yielded = 0;
    uint32_t merged = first;
    while (merged < end && !queue->capped()) {
      const Slice &slice = slices[merged - first];
      yielded += slice.size;
      for (uint32_t k = 0; k < slice.size; ++k) {
        const CountedPair &c = found[slice.lane][slice.begin + k];
        queue->add(c.pair, c.count);
      }
      ++merged;
    }
    for (auto &f : found)
      f.clear();
    first = merged;
    for (CountScratch &s : scratch) {
      counts.work += s.work;
      s.work = 0;
    }
    // Capped: the rest of the batch is counted again by the next scan, as one
    // lane would not have counted it.
    if (queue->capped())
      break;
    double seconds = std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - batchStart)
                         .count();
    if (yielded > config->maxCandidates / 4 || seconds > 0.2)
      batch = std::max<uint32_t>(batch / 2, lanes);
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
uint32_t Scanner::estimateThreshold() {
  constexpr uint32_t kSample = 8;
  // A sample of every kSample-th operand costs about 1/kSample of the scan
  // (rescan() gives the scan half the time left).
  auto deadline = config->budget->shareOfRest(0.5 / kSample);
  uint32_t numOps = index->numOperands();
  uint32_t samples = (numOps + kSample - 1) / kSample;
  // Lanes as for the scan; a histogram is a sum, the same in any order.
  unsigned lanes = lanesFor(numOps);
  std::vector<std::vector<uint64_t>> histograms(lanes);
  std::vector<uint32_t> sampledBy(lanes, 0);
  std::vector<CountScratch> scratch(lanes > 1 ? lanes : 0);
  std::atomic<uint32_t> next{0};
  auto sample = [&](unsigned lane, CountScratch &s) {
    for (uint32_t i = next++; i < samples && !config->budget->past(deadline);
         i = next++) {
      counter->count(scanOperand(i * kSample), /*forward=*/true, 2, s,
                     [&](Pair, uint32_t count) {
                       auto &h = histograms[lane];
                       if (h.size() <= count)
                         h.resize(count + 1);
                       ++h[count];
                     });
      ++sampledBy[lane];
    }
  };
  if (lanes == 1) {
    sample(0, counts);
  } else {
    config->lanes->run(lanes,
                       [&](unsigned lane) { sample(lane, scratch[lane]); });
    for (CountScratch &s : scratch)
      counts.work += s.work;
  }
  std::vector<uint64_t> histogram;
  uint32_t sampled = 0;
  for (unsigned lane = 0; lane < lanes; ++lane) {
    sampled += sampledBy[lane];
    if (histogram.size() < histograms[lane].size())
      histogram.resize(histograms[lane].size());
    for (size_t level = 0; level < histograms[lane].size(); ++level)
      histogram[level] += histograms[lane][level];
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

uint32_t Scanner::nextLevel() {
  while (true) {
    uint32_t top = queue->topLevel();
    // Rent or buy: once re-counting stale candidates has cost as much as a
    // scan, a rescan (on the rows as they are now) is the cheaper way on.
    bool stale = staleWork > lastScanWork && extractionsSinceRescan > 0;
    if (top >= queue->countThreshold() && (!stale || outOfTime()))
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
      if (scannedSinceExtraction >= index->numOperands())
        return 0;
    } else if (queue->admissionCount() <= 2 || extractionsSinceRescan == 0) {
      // Everything stored is used up and no class was left out (below the
      // threshold or the cap), or a rescan led to no extraction and would
      // only find the same pairs again.
      return 0;
    }
    rescan();
  }
}
