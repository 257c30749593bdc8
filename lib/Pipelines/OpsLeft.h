//===- OpsLeft.h - one error per kind of op a stage left --------*- C++ -*-===//
//
// The checks that end a stage of conversions (the TOSA stage, the LLVM
// stage): conversions are partial, so whatever they did not know is still
// there, and is reported once per kind of op.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_PIPELINES_OPSLEFT_H
#define CSE_SPARSE_LIB_PIPELINES_OPSLEFT_H

#include "mlir/IR/Operation.h"

#include <string>

namespace mlir::cse_sparse {

/// For each kind of op under `root` (outside in) that `isLeft` selects, in
/// the order of their first occurrences: an error at the first one, "'NAME'
/// op " followed by `why(op)`, and a note counting the others of its kind
/// (one error per kind says everything a thousand would). Returns whether
/// any op was left.
bool reportOpsLeft(Operation *root, function_ref<bool(Operation *)> isLeft,
                   function_ref<std::string(Operation *)> why);

} // namespace mlir::cse_sparse

#endif // CSE_SPARSE_LIB_PIPELINES_OPSLEFT_H
