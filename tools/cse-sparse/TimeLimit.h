//===- TimeLimit.h - --time-limit of extract and compile --------*- C++ -*-===//
//
// Both subcommands bound the search the same way; one wording and one check.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_TOOLS_CSE_SPARSE_TIMELIMIT_H
#define CSE_SPARSE_TOOLS_CSE_SPARSE_TIMELIMIT_H

#include "llvm/ADT/Twine.h"

#include <cmath>
#include <string>

namespace cse_sparse::tool {

/// The help of --time-limit: "Seconds " + what the limit applies to, then
/// what a result cut short is.
inline std::string timeLimitHelp(const llvm::Twine &what) {
  return ("Seconds " + what +
          " before it keeps its best result so far, still exact (0: no "
          "limit; the result may then depend on the machine's speed)")
      .str();
}

/// Whether `seconds` is a valid --time-limit; the error when it is not.
inline bool isValidTimeLimit(double seconds) {
  return seconds >= 0 && std::isfinite(seconds);
}
inline constexpr const char kTimeLimitError[] =
    "--time-limit must be a non-negative number of seconds";

} // namespace cse_sparse::tool

#endif // CSE_SPARSE_TOOLS_CSE_SPARSE_TIMELIMIT_H
