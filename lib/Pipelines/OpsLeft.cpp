//===- OpsLeft.cpp - one error per kind of op a stage left ----------------===//

#include "OpsLeft.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/MapVector.h"

using namespace mlir;

bool mlir::cse_sparse::reportOpsLeft(
    Operation *root, function_ref<bool(Operation *)> isLeft,
    function_ref<std::string(Operation *)> why) {
  llvm::MapVector<OperationName, std::pair<Operation *, unsigned>> left;
  // Outside in: a function that did not convert comes before its body.
  root->walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (isLeft(op))
      ++left.try_emplace(op->getName(), op, 0u).first->second.second;
  });
  for (auto &[name, first] : left) {
    auto [op, count] = first;
    // At the op's location but without the op printed after the error (as
    // emitOpError would): a function is the whole function.
    InFlightDiagnostic diag = emitError(op->getLoc())
                              << "'" << name << "' op " << why(op);
    if (count > 1)
      diag.attachNote() << count - 1 << " more '" << name
                        << "' op(s) in the module";
  }
  return !left.empty();
}
