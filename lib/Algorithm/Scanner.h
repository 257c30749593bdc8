//===- Scanner.h - When and how a search counts all pairs -------*- C++ -*-===//
//
// Private to lib/Algorithm. See docs/algorithm.md ("Data structures": memory
// bound, rent or buy; "Search": threads; "Time limit").
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_ALGORITHM_SCANNER_H
#define CSE_SPARSE_LIB_ALGORITHM_SCANNER_H

#include "Budget.h"
#include "CandidateQueue.h"
#include "PairCounter.h"
#include "SearchTypes.h"
#include "TermIndex.h"

namespace cse_sparse::extraction {

/// Fills the candidate queue by counting the pairs of every operand (a scan)
/// and decides when to scan again: when the stored candidates are used up
/// while classes were left out, when re-counting stale candidates has cost as
/// much as a scan (rent or buy), and to go on after a scan that stopped early
/// (at the cap, or at its share of the time limit). Scans run on `countLanes`
/// lanes and fill the queue in the order one lane would.
class Scanner {
public:
  Scanner(const SearchConfig &config, const TermIndex &index,
          const PairCounter &counter, CandidateQueue &queue,
          unsigned countLanes);

  /// Counts every pair class from scratch into an empty queue.
  void rescan();
  /// The highest level holding candidates, rescanning when due; 0 when the
  /// search is done.
  uint32_t nextLevel();

  /// A class was extracted.
  void noteExtraction() {
    ++extractionsSinceRescan;
    scannedSinceExtraction = 0;
  }
  /// A re-count that found a candidate stale read `work` words and entries.
  void noteStaleRecount(uint64_t work) { staleWork += work; }
  /// Scratch for counts made between scans (a new node's pairs).
  CountScratch &scratch() { return counts; }

private:
  bool outOfTime() const { return config->budget->exhausted(); }
  /// The operand counted at position `i` of a scan.
  uint32_t scanOperand(uint32_t i) const {
    return uint32_t((uint64_t(scanStart) + i) % index->numOperands());
  }
  /// Lanes for a pass over `numOps` operands.
  unsigned lanesFor(uint32_t numOps) const;
  /// Counts operands from position `scanStart` on (wrapping); returns how many
  /// it counted before the scan's share of the time ran out (all of them
  /// without a limit) or the queue was capped.
  uint32_t countAll();
  uint32_t countAllOnLanes(unsigned lanes);
  uint32_t estimateThreshold();

  const SearchConfig *config;
  const TermIndex *index;
  const PairCounter *counter;
  CandidateQueue *queue;
  unsigned countLanes;
  CountScratch counts;

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
  uint64_t staleWork = 0;
  Budget::Deadline scanDeadline;
};

} // namespace cse_sparse::extraction

#endif // CSE_SPARSE_LIB_ALGORITHM_SCANNER_H
