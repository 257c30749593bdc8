//===- ExtractionRecord.h - what --cse-sparse-extract decided ---*- C++ -*-===//
//
// The per-op results of --cse-sparse-extract as C++ values: one record per
// candidate op, rewritten or left alone. A compiler gets them through
// createCseSparseExtractPass(options, onRecord) (Passes.h) instead of reading
// the pass's JSON report back, and the report is these records as JSON.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_EXTRACTIONRECORD_H
#define CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_EXTRACTIONRECORD_H

#include "cse-sparse/Algorithm/CostModel.h"
#include "cse-sparse/Algorithm/Extraction.h"

#include "mlir/IR/Location.h"
#include "mlir/IR/OperationSupport.h"
#include "llvm/Support/JSON.h"

#include <functional>
#include <optional>
#include <string>

namespace mlir::cse_sparse {

/// Why --cse-sparse-extract left a candidate op as it was
/// (docs/dialect-design.md, "Why an op stays as it was").
enum class ExtractionReason {
  NotOnTensors,
  NoConstantWeight,
  FloatWeightsDisabled,
  UnsupportedElementType,
  NonFiniteWeight,
  DynamicZeroPoint,
  DynamicShape,
  Depthwise,
  WeightNotShared,
  UnsupportedForm,
  NotProfitable,
};

/// The reason's code in the report and remarks: "not_on_tensors", ...
llvm::StringRef extractionReasonCode(ExtractionReason reason);

/// What --cse-sparse-extract decided about one candidate op (a contraction
/// or convolution it matched or classified).
struct ExtractionRecord {
  ExtractionRecord(OperationName opName, Location loc)
      : opName(opName), loc(loc) {}

  /// The candidate's name and location (a rewritten candidate is erased).
  OperationName opName;
  Location loc;
  /// The op standing for the candidate in the IR after the pass: the new
  /// cse_sparse.matmul or cse_sparse.conv_2d when rewritten, the candidate
  /// itself when left alone. Valid until the IR is next changed.
  Operation *op = nullptr;

  /// Dense when the op was left alone.
  ::cse_sparse::KernelForm form = ::cse_sparse::KernelForm::Dense;
  bool rewritten() const { return form != ::cse_sparse::KernelForm::Dense; }

  /// Left alone: why, as a code and in words (the remark's text).
  std::optional<ExtractionReason> reason;
  std::string detail;

  /// The target cost model's predictions for each form, when one decided:
  /// every rewritten op and the ops it found not profitable, under
  /// cost-model=cortex-m4, -m7 or -m33.
  std::optional<::cse_sparse::FormChoice> predicted;
  ::cse_sparse::CostModelKind costModel = ::cse_sparse::CostModelKind::None;

  /// Rewritten: the weight's extraction figures for the chosen form (for a
  /// plain CSR, without subexpressions; `seconds` is the search's time),
  /// whether its kernel uses compact tables, and the columns of one product
  /// (the batch or a convolution's output pixels; none if dynamic).
  ::cse_sparse::ExtractionReport figures;
  bool compactTables = false;
  std::optional<int64_t> columns;
  /// Float weights, coded as integers: `figures.ecsrBytes` and `csrBytes`
  /// describe the codes, not a format (ECSR v1 stores integers only).
  bool floatWeights = false;
};

/// The record as its entry in the pass's `report=FILE` (schema in
/// docs/dialect-design.md, "Report").
llvm::json::Value toJSON(const ExtractionRecord &record);

/// Receives the records of one run of the pass, in program order, once the
/// run has succeeded; calls from runs on different ops never overlap.
using ExtractionRecordCallback = std::function<void(const ExtractionRecord &)>;

} // namespace mlir::cse_sparse

#endif // CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_EXTRACTIONRECORD_H
