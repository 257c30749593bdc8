//===- fuzz-matrix-readers.cpp - the .mtx and .npy readers on any bytes ---===//
//
// Every input must give a matrix or an error, never a crash; a matrix that is
// read must also survive a write and read back unchanged.

#include "cse-sparse/Algorithm/MatrixIO.h"

#include "llvm/Support/Error.h"

#include <cstdlib>

using namespace cse_sparse;

static void roundTrip(const SparseMatrix &m) {
  auto again = parseMatrixMarket(writeMatrixMarket(m), "round-trip.mtx");
  if (!again || !(*again == m))
    std::abort();
  auto npy = parseNpy(writeNpy(m), "round-trip.npy");
  if (!npy || !(*npy == m))
    std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  // Bound the work per input: a valid header may ask for a large matrix.
  for (auto parse : {parseMatrixMarket, parseNpy}) {
    llvm::Expected<SparseMatrix> m = parse(bytes, "fuzz");
    if (!m) {
      llvm::consumeError(m.takeError());
      continue;
    }
    if (uint64_t(m->rows()) * m->cols() <= (1u << 16))
      roundTrip(*m);
  }
  return 0;
}
