//===- Budget.h - Wall-clock budget of one extraction -----------*- C++ -*-===//
//
// Private to lib/Algorithm. See ExtractOptions::timeLimitSeconds and
// docs/algorithm.md ("Time limit").
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_ALGORITHM_BUDGET_H
#define CSE_SPARSE_LIB_ALGORITHM_BUDGET_H

#include <atomic>
#include <chrono>
#include <optional>

namespace cse_sparse::extraction {

/// The wall-clock budget of one extraction. Searches ask between steps (one
/// operand's pair count, one candidate, one round), so a step in progress
/// always finishes and the state stays a valid adder tree. Shared by the
/// counting lanes and the concurrent repairs, hence the atomic latch.
class Budget {
public:
  using Clock = std::chrono::steady_clock;
  using Deadline = std::optional<Clock::time_point>;

  /// No limit for 0, negative, NaN or absurdly large `seconds`.
  explicit Budget(double seconds);

  bool exhausted() const;
  /// Whether exhausted() ever answered yes.
  bool wasExhausted() const { return hit.load(std::memory_order_relaxed); }
  /// The moment `share` of the time left is used up; none without a limit.
  Deadline shareOfRest(double share) const;
  /// The budget is exhausted or `d` has passed.
  bool past(const Deadline &d) const {
    return exhausted() || (d && Clock::now() >= *d);
  }

private:
  Deadline deadline;
  mutable std::atomic<bool> hit{false};
};

} // namespace cse_sparse::extraction

#endif // CSE_SPARSE_LIB_ALGORITHM_BUDGET_H
