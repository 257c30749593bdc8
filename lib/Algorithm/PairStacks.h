//===- PairStacks.h - LIFO stacks of pairs in shared chunks -----*- C++ -*-===//
//
// Private to lib/Algorithm: the storage of the candidate queue's buckets.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_ALGORITHM_PAIRSTACKS_H
#define CSE_SPARSE_LIB_ALGORITHM_PAIRSTACKS_H

#include "SearchTypes.h"

#include <memory>
#include <vector>

namespace cse_sparse::extraction {

/// LIFO stacks of pairs, one per count, in fixed-size chunks shared through a
/// free list: a stack that empties gives its chunks to the next that grows, so
/// memory follows the number of pairs held, not the sum of each stack's
/// largest size (as it would with a vector per count), and growing never
/// copies.
class PairStacks {
public:
  explicit PairStacks(uint32_t numStacks) : stacks(numStacks) {}

  bool empty(uint32_t s) const { return stacks[s].chunks.empty(); }
  uint64_t size(uint32_t s) const {
    const Stack &st = stacks[s];
    return st.chunks.empty() ? 0
                             : (st.chunks.size() - 1) * kChunkPairs + st.fill;
  }
  void push(uint32_t s, Pair p) {
    Stack &st = stacks[s];
    if (st.chunks.empty() || st.fill == kChunkPairs) {
      st.chunks.push_back(takeChunk());
      st.fill = 0;
    }
    chunkData(st.chunks.back())[st.fill++] = p;
  }
  Pair pop(uint32_t s) {
    Stack &st = stacks[s];
    Pair p = chunkData(st.chunks.back())[--st.fill];
    if (st.fill == 0) {
      freeChunks.push_back(st.chunks.back());
      st.chunks.pop_back();
      st.fill = kChunkPairs;
    }
    return p;
  }
  /// Calls fn(pair) for each pair of stack `s`, in no particular order.
  template <typename Fn> void forEach(uint32_t s, Fn fn) const {
    const Stack &st = stacks[s];
    for (size_t c = 0; c < st.chunks.size(); ++c) {
      uint32_t n = c + 1 == st.chunks.size() ? st.fill : kChunkPairs;
      const Pair *data = chunkData(st.chunks[c]);
      for (uint32_t i = 0; i < n; ++i)
        fn(data[i]);
    }
  }
  /// Empties stack `s`, keeping its chunks for reuse.
  void clear(uint32_t s) {
    Stack &st = stacks[s];
    freeChunks.insert(freeChunks.end(), st.chunks.begin(), st.chunks.end());
    st.chunks.clear();
    st.fill = 0;
  }

private:
  /// 8 KiB a chunk: small next to the stacks that matter, large enough that
  /// the chunk lists stay short.
  static constexpr uint32_t kChunkPairs = 1024;
  struct Stack {
    std::vector<uint32_t> chunks;
    /// Pairs in the last chunk.
    uint32_t fill = 0;
  };
  uint32_t takeChunk() {
    if (!freeChunks.empty()) {
      uint32_t c = freeChunks.back();
      freeChunks.pop_back();
      return c;
    }
    // Uninitialized: every slot is written before it is read.
    storage.push_back(std::unique_ptr<Pair[]>(new Pair[kChunkPairs]));
    return storage.size() - 1;
  }
  Pair *chunkData(uint32_t c) { return storage[c].get(); }
  const Pair *chunkData(uint32_t c) const { return storage[c].get(); }

  std::vector<Stack> stacks;
  std::vector<std::unique_ptr<Pair[]>> storage;
  std::vector<uint32_t> freeChunks;
};

} // namespace cse_sparse::extraction

#endif // CSE_SPARSE_LIB_ALGORITHM_PAIRSTACKS_H
