//===- Lanes.h - Where the extraction's parallel work runs ------*- C++ -*-===//
//
// Private to lib/Algorithm. See ExtractOptions::threadPool and
// docs/algorithm.md ("Threads").
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_ALGORITHM_LANES_H
#define CSE_SPARSE_LIB_ALGORITHM_LANES_H

#include "llvm/ADT/STLFunctionalExtras.h"

#include <memory>

namespace llvm {
class ThreadPoolInterface;
} // namespace llvm

namespace cse_sparse::extraction {

/// Runs a few lanes of work at once: as tasks of the caller's thread pool when
/// it has one, else on threads of its own, started on first use and kept for
/// the whole extraction. The calling thread always runs lane 0 itself, so a
/// caller that is a task of the same pool keeps its thread busy, and waiting
/// goes through a task group: a waiting pool thread runs queued tasks instead
/// of blocking, so extractions nested in pool tasks do not deadlock.
///
/// Callers keep the results of each piece of work apart (an operand's count,
/// a repair) and merge them in a fixed order, so results depend neither on
/// the pool nor on the number of lanes.
class Lanes {
public:
  /// `count` lanes (at least 1); `pool` may be null.
  Lanes(llvm::ThreadPoolInterface *pool, unsigned count);
  ~Lanes();
  Lanes(const Lanes &) = delete;
  Lanes &operator=(const Lanes &) = delete;

  unsigned count() const { return numLanes; }
  /// Calls fn(lane) for every lane in [0, n) concurrently and returns when
  /// all have returned; n is at most count().
  void run(unsigned n, llvm::function_ref<void(unsigned)> fn);

private:
  llvm::ThreadPoolInterface *pool;
  std::unique_ptr<llvm::ThreadPoolInterface> ownPool;
  unsigned numLanes;
};

} // namespace cse_sparse::extraction

#endif // CSE_SPARSE_LIB_ALGORITHM_LANES_H
