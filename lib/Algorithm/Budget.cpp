//===- Budget.cpp - Wall-clock budget of one extraction -------------------===//

#include "Budget.h"

using namespace cse_sparse::extraction;

Budget::Budget(double seconds) {
  // Beyond a few years the limit cannot matter; the clock's range can.
  constexpr double kForever = 1e8;
  if (!(seconds > 0) || seconds >= kForever)
    return;
  deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                std::chrono::duration<double>(seconds));
}

bool Budget::exhausted() const {
  if (!deadline)
    return false;
  if (hit.load(std::memory_order_relaxed))
    return true;
  if (Clock::now() < *deadline)
    return false;
  hit.store(true, std::memory_order_relaxed);
  return true;
}

Budget::Deadline Budget::shareOfRest(double share) const {
  if (!deadline)
    return std::nullopt;
  auto now = Clock::now();
  if (now >= *deadline)
    return now;
  return now +
         std::chrono::duration_cast<Clock::duration>((*deadline - now) * share);
}
