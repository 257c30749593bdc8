//===- Passes.td - cse_sparse transformation passes --------*- tablegen -*-===//

#ifndef CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_PASSES_TD
#define CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def CseSparseExtractPass : Pass<"cse-sparse-extract"> {
  let summary = "Rewrite constant-weight linalg contractions to cse_sparse.matmul";
  let description = [{
    Finds `linalg.matmul` ops on tensors whose weight is an integer
    `arith.constant` and rewrites them to `cse_sparse.matmul` with the
    weight's common subexpressions extracted (docs/algorithm.md). Handled
    forms: the weight on the left (`W * X`), and on the right either
    transposed through `indexing_maps` (`X * W^T`, the usual linear layer) or
    not (`X * Wt`); right-hand forms are wrapped in `linalg.transpose` ops so
    the product is `W * X^T`. `linalg.matvec` and `linalg.vecmat` with a
    constant matrix work on `N x 1` columns. `linalg.quantized_matmul` with
    constant zero points folds them exactly into the weight and a bias.
    `linalg.batch_matmul` with one weight shared by the batch folds the batch
    into the columns. Weights may be `dense` or `dense_resource` elements. An op is rewritten only when
    extraction finds
    at least one subexpression that lowers the objective; everything else is
    left as it was.
  }];
  let dependentDialects = ["::mlir::cse_sparse::CseSparseDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
  let options = [
    Option<"seed", "seed", "uint64_t", "1",
           "Seed of the random search (same input and seed, same IR)">,
    Option<"effort", "effort", "unsigned", "4",
           "Destroy-and-repair rounds after greedy (0: greedy only)">,
    Option<"match", "match", "std::string", "\"exact\"",
           "Pair matching: exact | scaled">,
    Option<"objective", "objective", "std::string", "\"ops\"",
           "What extraction minimizes: ops | bytes">,
    Option<"report", "report", "std::string", "\"\"",
           "Write a JSON report of the rewritten ops to this file">,
    Option<"remarks", "remarks", "bool", "false",
           "Emit a remark per op: its figures when rewritten, the reason "
           "when left alone">,
  ];
}

#endif // CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_PASSES_TD
