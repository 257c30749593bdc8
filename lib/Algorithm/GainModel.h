//===- GainModel.h - What extracting a pair class saves ---------*- C++ -*-===//
//
// Private to lib/Algorithm. See docs/algorithm.md ("Cost model").
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_ALGORITHM_GAINMODEL_H
#define CSE_SPARSE_LIB_ALGORITHM_GAINMODEL_H

#include "SearchTypes.h"
#include "TermIndex.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace cse_sparse::extraction {

/// The objective's change when a class is extracted from the given rows. Under
/// the ops objective with scaled matching the number of distinct products
/// (operand, |coef| >= 2) can change, so their uses are counted here and kept
/// up to date by noteExtraction.
class GainModel {
public:
  GainModel(const SearchConfig &config, const ExtendedCsr &start);

  /// Whether rows needing a multiplier |g| >= 2 count only in groups (see
  /// PairClasses).
  bool tracksProducts() const { return trackProducts; }

  int64_t gain(const ResolvedPair &c, llvm::ArrayRef<Use> uses,
               const TermIndex &index) const;
  /// Records that `c` became operand `node` in `uses`.
  void noteExtraction(const ResolvedPair &c, llvm::ArrayRef<Use> uses,
                      uint32_t node);

private:
  void addProduct(uint32_t op, int64_t coef, int delta);
  /// The gain under a grouped-kernel objective (bytes, instructions): per
  /// use the costs of the two references removed less the one added, less
  /// the node's cost and, when its coefficient pair is new, its group's.
  int64_t groupedGain(const ResolvedPair &c, llvm::ArrayRef<Use> uses,
                      llvm::function_ref<int64_t(int64_t)> refCost,
                      int64_t nodeCost, int64_t groupCost) const;
  bool tracksGroups() const {
    return config->objective == Objective::Instructions ||
           config->objective == Objective::Bytes;
  }

  const SearchConfig *config;
  bool trackProducts;
  /// Uses of each product (operand, |coef| >= 2); only where they can change.
  llvm::DenseMap<std::pair<uint32_t, uint64_t>, uint32_t> productUses;
  /// The instructions and bytes objectives: node coefficient pairs seen so
  /// far. A pair of new coefficients opens a node group, a loop of its own.
  llvm::DenseSet<std::pair<int64_t, int64_t>> nodeCoefficients;
};

} // namespace cse_sparse::extraction

#endif // CSE_SPARSE_LIB_ALGORITHM_GAINMODEL_H
