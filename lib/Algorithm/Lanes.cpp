//===- Lanes.cpp - Where the extraction's parallel work runs --------------===//

#include "Lanes.h"

#include "llvm/Support/ThreadPool.h"

#include <algorithm>
#include <cassert>

using namespace cse_sparse::extraction;

Lanes::Lanes(llvm::ThreadPoolInterface *callerPool, unsigned count)
    : pool(callerPool), numLanes(std::max(1u, count)) {
  if (pool || numLanes == 1)
    return;
  // Threads of our own, kept for the extraction (the pool starts them on
  // first use): counting passes run in many short batches, and starting
  // threads for each cost more than the batch on small matrices.
  ownPool = std::make_unique<llvm::DefaultThreadPool>(
      llvm::hardware_concurrency(numLanes - 1));
  pool = ownPool.get();
}

Lanes::~Lanes() = default;

void Lanes::run(unsigned n, llvm::function_ref<void(unsigned)> fn) {
  assert(n <= numLanes && "more lanes than were asked for");
  if (n <= 1) {
    if (n == 1)
      fn(0);
    return;
  }
  llvm::ThreadPoolTaskGroup group(*pool);
  for (unsigned lane = 1; lane < n; ++lane)
    group.async([fn, lane] { fn(lane); });
  fn(0);
  group.wait();
}
