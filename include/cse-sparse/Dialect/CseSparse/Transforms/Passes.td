//===- Passes.td - cse_sparse transformation passes --------*- tablegen -*-===//

#ifndef CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_PASSES_TD
#define CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def CseSparseExtractPass : Pass<"cse-sparse-extract"> {
  let summary = "Rewrite constant-weight linalg contractions and convolutions to cse_sparse ops";
  let description = [{
    Finds linalg contractions and convolutions on tensors whose weight is a
    compile-time constant and rewrites them to `cse_sparse.matmul` or
    `cse_sparse.conv_2d` with the weight's common subexpressions extracted
    (docs/algorithm.md). docs/dialect-design.md lists every form.

    Matched: `linalg.matmul` with the weight on either side, in any
    orientation its `indexing_maps` express (the linear layer `X * W^T`
    included); `linalg.matvec`, `linalg.vecmat`; `linalg.generic` ops that
    are one of these (a multiply-accumulate body, any loop order, scalar
    zero-point inputs as `--linalg-generalize-named-ops` writes
    `quantized_matmul`); `linalg.batch_matmul` and
    `linalg.quantized_batch_matmul` with one weight for the whole batch (2-D,
    or 3-D with a batch of one as `tosa.matmul` lowers to);
    `linalg.quantized_matmul`; `linalg.conv_2d_nhwc_hwcf`,
    `conv_2d_nhwc_fhwc`, `conv_2d_nchw_fchw` and their `_q` forms, any batch,
    stride and dilation, and their `linalg.generic` forms, with a constant
    `tensor.pad` of the spatial dimensions in front folded into the op.

    Zero points fold exactly wherever they are constants: in the named
    `_q` ops, written out in a contraction body as `ext(x) - zp`, or
    subtracted from the activation by its own elementwise generic. The
    weight's zero point shifts the weight; the activation's becomes a
    per-output `bias` of the new op.

    Weights are read through what front ends put in front of them and folded
    at compile time: `arith.constant` (`dense` or `dense_resource`),
    `memref.global` constants read by `bufferization.to_tensor`, immutable
    `ml_program.global`s, `tensor.cast` / `collapse_shape` / `expand_shape` /
    `reshape`, `linalg.transpose`, elementwise `arith` casts and cast,
    transpose or zero-point generics. The folded chain and private globals
    nothing else reads are erased.

    Integer weights follow the op's extensions: `cast_unsigned` (or
    `arith.extui` in a generic body) reads the weight unsigned and marks the
    input `unsigned_input`; products wrap at the accumulator width exactly as
    in the original op.

    Per op, a cost model for the target chooses the dense op (left as it
    was), plain CSR (an empty adder tree) or the extended CSR; a sparse form
    is chosen only when it is predicted no slower and no larger than dense,
    and at least `min-gain` better in the goal's figure. Costs are per column
    (batch element or output pixel), so the choice does not depend on how
    many there are. `cost-model=none` rewrites whenever a subexpression is
    shared.

    No silent skips: every contraction or convolution left as it was gets a
    remark with the reason (`remarks=1`) and an entry in the report
    (`report=FILE`) with a reason code: `not_on_tensors`,
    `no_constant_weight`, `float_weights_disabled`,
    `unsupported_element_type`, `non_finite_weight`, `dynamic_zero_point`,
    `dynamic_shape`, `depthwise`, `weight_not_shared`, `unsupported_form`,
    `not_profitable`. A compiler reads the same results as C++ values,
    without a file: `createCseSparseExtractPass(options, onRecord)` hands
    `onRecord` an `ExtractionRecord` per candidate op (ExtractionRecord.h),
    the rewritten ones with the new op.

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
    Option<"maxNodes", "max-nodes", "uint64_t", "0",
           "Most nodes (shared subexpressions) per op (0: no bound). The "
           "grouped kernel keeps each node in its own scratch slot, so its "
           "scratch is N + max-nodes + 1 elements at most">,
    Option<"timeLimit", "time-limit", "double", "0.0",
           "Seconds each op's search may take before it returns its best "
           "result so far, still exact (0: no limit; with a limit the IR may "
           "depend on the machine's speed)">,
    Option<"match", "match", "::cse_sparse::MatchMode",
           "::cse_sparse::MatchMode::Exact",
           "Pair matching: exact | scaled | best (both searches, the lower "
           "objective value kept)",
           "::cse_sparse::clEnumValues(::cse_sparse::kMatchModeNames)">,
    Option<"objective", "objective", "::cse_sparse::Objective",
           "::cse_sparse::Objective::Ops",
           "What extraction minimizes: ops (additions and multiplications) | "
           "bytes (the kernel's tables and code) | ecsr-bytes (the ECSR v1 "
           "format) | instructions (of the Cortex-M kernel)",
           "::cse_sparse::clEnumValues(::cse_sparse::kObjectiveNames)">,
    Option<"costModel", "cost-model", "::cse_sparse::CostModelKind",
           "::cse_sparse::CostModelKind::CortexM4",
           "How each op's form is chosen: cortex-m4 | cortex-m7 | cortex-m33 "
           "(the target's predicted costs) | none (rewrite whenever something "
           "is shared) | sparse (always rewrite, to CSR if nothing is shared) "
           "| csr (always plain CSR: the same kernel without subexpressions)",
           "::cse_sparse::clEnumValues(::cse_sparse::kCostModelNames)">,
    Option<"goal", "goal", "::cse_sparse::CostGoal",
           "::cse_sparse::CostGoal::Speed",
           "What the cost model minimizes first: speed (instructions) | size "
           "(constant-table bytes); the other may not get worse than dense",
           "::cse_sparse::clEnumValues(::cse_sparse::kCostGoalNames)">,
    Option<"minGain", "min-gain", "double", "0.0",
           "Smallest relative improvement over dense, in the goal's figure, "
           "for a sparse form to be chosen (0.1 = 10%)">,
    Option<"smladDense", "smlad-dense", "bool", "false",
           "An int8 linalg.matmul kept dense runs as the DSP extension's "
           "SMLAD loops (the pipeline's arm-dsp): the cost model prices it "
           "so on targets with the extension">,
    Option<"floatWeights", "float-weights", "bool", "false",
           "Also rewrite float weights. Off by default: sharing "
           "subexpressions reassociates sums, so results can differ from the "
           "dense op in the last bits">,
    Option<"report", "report", "std::string", "\"\"",
           "Write a JSON report of every candidate op (rewritten or left "
           "alone, with the reason) to this file">,
    Option<"remarks", "remarks", "bool", "false",
           "Emit a remark per op: its figures when rewritten, the reason "
           "when left alone">,
  ];
}

#endif // CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_PASSES_TD
