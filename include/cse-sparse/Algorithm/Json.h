//===- Json.h - JSON export of an extraction result -------------*- C++ -*-===//
//
// Schema "cse-sparse.extraction.v1", documented in docs/json-schema.md, so that
// an external tool can re-evaluate a result without our code.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_ALGORITHM_JSON_H
#define CSE_SPARSE_ALGORITHM_JSON_H

#include "cse-sparse/Algorithm/Extraction.h"

#include "llvm/Support/raw_ostream.h"

namespace cse_sparse {

void writeExtractionJson(llvm::raw_ostream &os, const ExtendedCsr &ecsr,
                         const ExtractionReport &report,
                         const ExtractOptions &options);

} // namespace cse_sparse

#endif // CSE_SPARSE_ALGORITHM_JSON_H
