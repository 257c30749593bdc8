//===- Search.cpp - One run of pair extraction over a matrix --------------===//

#include "Search.h"

using namespace cse_sparse;
using namespace cse_sparse::extraction;

Search::Search(const ExtendedCsr &start, const SearchConfig &config,
               unsigned countLanes, bool trackDegrees)
    : config(&config), type(start.type), index(start),
      pairClasses(config.match,
                  config.match == MatchMode::Scaled &&
                      config.objective == Objective::Ops,
                  index),
      gains(config, start), counter(config.match, index),
      queue(start.rows, index.numOperands(), config.maxCandidates, pairClasses,
            trackDegrees),
      scanner(config, index, counter, queue, countLanes) {}

bool Search::validate(Pair p, uint32_t level,
                      llvm::SmallVectorImpl<Use> &uses) {
  // The bitset count bounds the filtered one (lone scales), so most stale
  // candidates are settled without building their row lists.
  uint64_t work = 0;
  uint32_t count = pairClasses.countRows(p, work);
  if (gains.tracksProducts() && count >= level) {
    pairClasses.collectUses(p, uses);
    count = uses.size();
  }
  if (count < 2) {
    queue.drop(p);
    return false;
  }
  if (count < level) {
    scanner.noteStaleRecount(work);
    // Below the threshold it could not be taken before the next rescan, which
    // finds it again: drop it rather than hold memory for it.
    if (count < queue.countThreshold()) {
      queue.drop(p);
      return false;
    }
    queue.requeue(p, count);
    return false;
  }
  if (!gains.tracksProducts())
    pairClasses.collectUses(p, uses);
  if (gain(pairClasses.resolve(p), uses) <= 0) {
    queue.drop(p);
    return false;
  }
  return true;
}

void Search::extract(const ResolvedPair &c, llvm::ArrayRef<Use> uses) {
  scanner.noteExtraction();
  gains.noteExtraction(c, uses, index.numOperands());
  uint32_t node = index.addNode({c.lhs, c.rhs, c.ratio.p, c.ratio.q}, uses);
  queue.addOperand();
  counter.count(node, /*forward=*/false, queue.admissionCount(),
                scanner.scratch(),
                [&](Pair p, uint32_t count) { queue.add(p, count); });
}
