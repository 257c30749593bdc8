//===- Passes.td - cse_sparse transformation passes --------*- tablegen -*-===//

#ifndef CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_PASSES_TD
#define CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def CseSparseExtractPass : Pass<"cse-sparse-extract"> {
  let summary = "Rewrite constant-weight linalg contractions to cse_sparse.matmul";
  let description = [{
    Finds linalg contractions on tensors whose weight is an `arith.constant`
    (`dense` or `dense_resource` elements) and rewrites them to
    `cse_sparse.matmul` with the weight's common subexpressions extracted
    (docs/algorithm.md). Matched: `linalg.matmul` with the weight on either
    side, in any orientation its `indexing_maps` express (the linear layer
    `X * W^T` included); `linalg.matvec`, `linalg.vecmat`; `linalg.generic`
    ops that are one of these (a multiply-accumulate body, any loop order);
    `linalg.batch_matmul` with one weight shared by the batch (static or
    dynamic batch); `linalg.quantized_matmul` with constant zero points,
    folded exactly into the weight and a per-output bias. Integer weights
    follow the op's extensions: `cast_unsigned` (or `arith.extui` in a
    generic body) reads the weight unsigned and marks the input
    `unsigned_input`; products wrap at the accumulator width exactly as in
    the original op.

    Per op, a cost model for the target chooses the dense op (left as it
    was), plain CSR (`cse_sparse.matmul` with an empty adder tree) or the
    extended CSR; a sparse form is chosen only when it is predicted no
    slower and no larger than dense, and at least `min-gain` better in the
    goal's figure. `cost-model=none` rewrites whenever a subexpression is
    shared.

    Independent ops are extracted in parallel when the context allows
    threads; the output is the same with and without threads, and the same
    seed always gives the same IR.
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
           "What extraction minimizes: ops (additions and multiplications) | "
           "bytes (ECSR v1) | instructions (of the Cortex-M kernel)">,
    Option<"costModel", "cost-model", "std::string", "\"cortex-m4\"",
           "Target whose predicted costs choose each op's form: cortex-m4 | "
           "cortex-m7 | cortex-m33 | none (rewrite whenever something is "
           "shared) | sparse (always rewrite, to CSR if nothing is shared) | "
           "csr (always plain CSR: the same kernel without subexpressions)">,
    Option<"goal", "goal", "std::string", "\"speed\"",
           "What the cost model minimizes first: speed (instructions) | size "
           "(constant-table bytes); the other may not get worse than dense">,
    Option<"minGain", "min-gain", "double", "0.0",
           "Smallest relative improvement over dense, in the goal's figure, "
           "for a sparse form to be chosen (0.1 = 10%)">,
    Option<"floatWeights", "float-weights", "bool", "false",
           "Also rewrite float weights. Off by default: sharing "
           "subexpressions reassociates sums, so results can differ from the "
           "dense op in the last bits">,
    Option<"report", "report", "std::string", "\"\"",
           "Write a JSON report of the rewritten ops to this file">,
    Option<"remarks", "remarks", "bool", "false",
           "Emit a remark per op: its figures when rewritten, the reason "
           "when left alone">,
  ];
}

#endif // CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_PASSES_TD
