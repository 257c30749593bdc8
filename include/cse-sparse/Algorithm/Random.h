//===- Random.h - Seeded, platform-independent PRNG -------------*- C++ -*-===//
//
// The same seed must give the same matrices and the same extraction on every
// machine, so we use our own generator and distributions rather than
// <random>'s, whose distributions are implementation-defined.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_ALGORITHM_RANDOM_H
#define CSE_SPARSE_ALGORITHM_RANDOM_H

#include <cstdint>

namespace cse_sparse {

/// xoshiro256** seeded through splitmix64 (Blackman & Vigna).
class Rng {
public:
  explicit Rng(uint64_t seed) {
    for (uint64_t &s : state)
      s = splitmix(seed);
  }

  uint64_t next() {
    uint64_t result = rotl(state[1] * 5, 7) * 9;
    uint64_t t = state[1] << 17;
    state[2] ^= state[0];
    state[3] ^= state[1];
    state[1] ^= state[2];
    state[0] ^= state[3];
    state[2] ^= t;
    state[3] = rotl(state[3], 45);
    return result;
  }

  /// Uniform in [0, bound), bound > 0 (Lemire's multiply-shift; the tiny bias
  /// is irrelevant for tie-breaking and synthetic data).
  uint64_t below(uint64_t bound) {
    return uint64_t((unsigned __int128)next() * bound >> 64);
  }

  /// Uniform in [0, 1).
  double uniform() { return double(next() >> 11) * 0x1.0p-53; }

private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t splitmix(uint64_t &x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t state[4];
};

} // namespace cse_sparse

#endif // CSE_SPARSE_ALGORITHM_RANDOM_H
