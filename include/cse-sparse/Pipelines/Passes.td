//===- Passes.td - the steps of --cse-sparse-to-llvm ------*- tablegen -*-===//
//
// The passes --cse-sparse-to-llvm adds next to upstream's, each where
// upstream has patterns but no pass, or a pass without the option the
// pipeline needs (docs/lowering.md says where each one runs and why).
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_PIPELINES_PASSES_TD
#define CSE_SPARSE_PIPELINES_PASSES_TD

include "mlir/Pass/PassBase.td"

def CseSparseDecomposeLinalgPass : Pass<"cse-sparse-decompose-linalg"> {
  let summary = "Decompose linalg ops that have no loop lowering (linalg.softmax)";
  let description = [{
    Replaces every op implementing `linalg::AggregatedOpInterface` (in
    MLIR 22, `linalg.softmax`) by the ops its `decomposeOperation` builds:
    `linalg.generic` and `linalg.fill` on tensors, which bufferize and lower
    to loops (`convert-linalg-to-loops` does not take `linalg.softmax`, and
    would leave it in the output). Run on tensors, before One-Shot
    Bufferize. An op that cannot be decomposed (a softmax on memrefs) is an
    error at that op.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::tensor::TensorDialect"];
}

def CseSparseFoldBiasAddPass : Pass<"cse-sparse-fold-bias-add"> {
  let summary = "Start an accumulating linalg op from its bias instead of "
                "adding the bias to its result";
  let description = [{
    TOSA lowers `depthwise_conv2d` (and front ends other layers) as an op
    accumulating into a zero `linalg.fill`, then a `linalg.generic` adding a
    1-D bias broadcast along one dimension of the result, possibly through a
    `tensor.collapse_shape` that drops a unit dimension (the depthwise
    channel multiplier). When the op's body is `out + f(inputs)` with integer
    addition (every linalg contraction and convolution), the bias can be the
    op's starting value instead: the fill becomes a `linalg.generic` that
    broadcasts the bias into the same init, and the addition disappears. One
    pass over the outputs (the fill's stores) is saved and the addition's
    loads, and `--cse-sparse-extract` then folds a constant bias into its own
    ops' tables. Integer addition wraps the same in any order, so the result
    is exact; floating-point adds are left alone (the order would change the
    rounding), as are fills of other values, results with other uses,
    biases broadcast along more than one dimension and biases computed after
    the op.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def CseSparseLoopResultsInPlacePass
    : Pass<"cse-sparse-loop-results-in-place"> {
  let summary = "Write each scf.for tensor result into its iteration argument";
  let description = [{
    One-Shot Bufferize requires the tensor an `scf.for` yields to bufferize
    to the same buffer as the matching iteration argument; front ends
    compute the next value into a fresh `tensor.empty` instead, and
    bufferization fails with "Yield operand #0 is not equivalent to the
    corresponding iter bbArg". This pass inserts
    `bufferization.materialize_in_destination %next in %iter_arg` before the
    yield for every yielded tensor that is not the iteration argument
    itself, the form upstream recommends: bufferized, the value is stored
    into the iteration argument's buffer. Run `eliminate-empty-tensors`
    after it, so that a `tensor.empty` the value was computed into becomes
    that buffer and the store disappears.
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect"];
}

def CseSparseReadOnlyInputsPass
    : Pass<"cse-sparse-read-only-inputs", "ModuleOp"> {
  let summary = "Keep bufferization from writing into public functions' inputs";
  let description = [{
    Marks every tensor argument of a public `func.func` with a body
    `bufferization.writable = false`. One-Shot Bufferize otherwise takes
    function arguments as writable and may update one in place (a loop
    whose `iter_args` start at an input, a `tensor.insert` into one), while
    the C ABI of `bare-ptr=1` passes inputs as `const T *`: the caller's
    data, perhaps in flash. Marked, the input is copied first where it
    would be written.
  }];
}

def CseSparseCopiesToLoopsPass : Pass<"cse-sparse-copies-to-loops"> {
  let summary = "Turn memref.copy that would call memrefCopy into linalg.generic";
  let description = [{
    `finalize-memref-to-llvm` lowers a `memref.copy` between contiguous
    memrefs to `llvm.memcpy` and every other one (a copy into a subview,
    as bufferized `tensor.pad` and `tensor.insert_slice` make) to a call of
    `memrefCopy`, a function of MLIR's C runner library that no firmware
    has. This pass rewrites each ranked `memref.copy` of the second kind
    into the element-wise copy `linalg::makeMemRefCopyOp` builds, for
    `convert-linalg-to-loops` to lower; copies of contiguous memrefs keep
    `llvm.memcpy`.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def CseSparseApproximateMathPass : Pass<"cse-sparse-approximate-math"> {
  let summary = "Lower f32 math functions to arithmetic, without libm";
  let description = [{
    Rewrites the f32 functions of the `math` dialect that a model's
    activations use into arithmetic, so that no call of libm remains for
    them (f16 and bf16 ones are computed in f32):

    - exp, expm1, log, log2, log1p, tanh, erf, erfc, asin and acos by
      upstream's polynomial approximations
      (`populateMathPolynomialApproximationPatterns`), which stay within 4
      ULP of the exact result on f32's normal range
      (test/Integration/Host/math.mlir);
    - trunc, floor, ceil, round and roundeven exactly, through a 32-bit
      integer conversion (Cortex-M4's FPU has no rounding instruction: LLVM
      would call `floorf` and the like, and upstream's expansions convert
      through i64, `__aeabi_f2lz` and `__aeabi_l2f`);
    - rsqrt, clampf and fpowi with a constant exponent by upstream's
      expansions (`math-expand-ops`).

    Upstream also approximates sin, cos, atan, atan2 and cbrt, and expands
    the hyperbolic functions, exp2 and powf, but up to 1e-5 off, losing all
    precision near zero, overflowing early, or NaN for a negative base:
    those, integer functions and f64 ones are left to
    `convert-math-to-llvm` (an FPU instruction where there is one) and
    `convert-math-to-libm` (a call of libm).
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def CseSparseConvertVectorToLLVMPass
    : Pass<"cse-sparse-convert-vector-to-llvm", "ModuleOp"> {
  let summary = "convert-vector-to-llvm with the pipeline's index bitwidth";
  let description = [{
    Upstream's `convert-vector-to-llvm` (the same lowering patterns and
    conversion) with an `index-bitwidth` option: upstream's pass always
    converts `index` to 64 bits, so memrefs and indices it converts would
    not match the 32-bit ones of the other conversions on a Cortex-M. It
    also lowers `vector.multi_reduction` and `vector.outerproduct`, and
    unrolls n-D `vector.from_elements` and `vector.to_elements` (the
    unrolled transfers of `convert-vector-to-scf` build them), which
    upstream's pass leaves.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect"];
  let options = [
    Option<"indexBitwidth", "index-bitwidth", "unsigned", "0",
           "Bits of `index` in the LLVM dialect (0: from the data layout)">,
  ];
}

def CseSparseLLVMNoUnwindPass : Pass<"cse-sparse-llvm-nounwind", "ModuleOp"> {
  let summary = "Mark every llvm.func with a body nounwind";
  let description = [{
    The generated functions are C functions: nothing unwinds through them.
    Without `nounwind`, the ARM back end gives each function that calls
    another an unwind table entry naming the personality routine
    `__aeabi_unwind_cpp_pr0`, which pulls libgcc's unwinder (and its
    `__exidx_start` / `__exidx_end`) into the firmware. Marked, each
    function gets a `.cantunwind` entry that references nothing.
  }];
}

def CseSparseCheckLLVMPass : Pass<"cse-sparse-check-llvm", "ModuleOp"> {
  let summary = "Fail on any op that translation to LLVM IR cannot take";
  let description = [{
    The last step of `--cse-sparse-to-llvm`. Every op must be in the LLVM
    dialect by now (the module itself aside): conversions are partial and
    leave what they do not know, which would only fail at translation, or
    not at all in a pass pipeline. Each kind of op left (an op of another
    dialect, an unregistered op, an unresolved
    `builtin.unrealized_conversion_cast`) is an error at its first
    occurrence, naming the op, and the pass fails.
  }];
}

def CseSparseAttachTosaTargetPass
    : Pass<"cse-sparse-attach-tosa-target", "ModuleOp"> {
  let summary = "Give a TOSA module without a target environment one that "
                "admits what TFLite models use";
  let description = [{
    The first step of `--cse-sparse-tosa-to-linalg`. Upstream's TOSA
    validation checks every op against the module's `tosa.target_env`, and
    without one it takes a default that lacks the `doubleround` extension
    (every `tosa.rescale` of a TFLite model is `DOUBLE_ROUND`) and the
    floating-point profile. A module with no environment gets TOSA 1.0,
    level 8K, profiles `pro_int` and `pro_fp` and every extension; one that
    declares its own keeps it, so that validation holds it to what it
    declares.
  }];
  let dependentDialects = ["::mlir::tosa::TosaDialect"];
}

def CseSparseFinishTosaPass : Pass<"cse-sparse-finish-tosa", "ModuleOp"> {
  let summary = "Fail on any TOSA op left, then drop the TOSA target "
                "environment";
  let description = [{
    The last step of `--cse-sparse-tosa-to-linalg`. Upstream's conversions
    are partial: an op they do not lower (`tosa.custom`, an op on dynamic
    shapes, a `tosa.variable`) stays, and would only fail much later, or at
    translation. Each kind of TOSA op left is an error at its first
    occurrence, naming the op. When none is left, the module's
    `tosa.target_env` describes nothing any more and is removed (tools
    without the TOSA dialect, such as `mlir-runner`, could not read it).
  }];
}

def CseSparsePlanBuffersPass : Pass<"cse-sparse-plan-buffers", "ModuleOp"> {
  let summary = "Place each function's temporary buffers in one stack buffer, "
                "sharing memory between buffers whose lifetimes do not overlap";
  let description = [{
    Every static `memref.alloc` and `memref.alloca` at the top of a
    function's body (the buffers bufferization leaves and the kernels'
    scratch) becomes a `memref.view` into one `memref.alloca` of i8. Each
    buffer is live from the first to the last top-level op of the body that
    uses it or a view of it (a loop that uses it counts as a whole); a
    buffer passed to a call or returned is live throughout. Buffers whose
    lifetimes do not overlap share bytes: the largest are placed first, each
    at the lowest offset, aligned, that does not overlap a buffer live at
    the same time. The function's stack buffers are then the peak of the
    plan, not the sum of its buffers. A total above `max-bytes` is an error
    at the function. Deallocations of planned buffers are removed. A
    function of more than one block (unstructured control flow) is left as
    it is: lifetimes are spans of its single block.

    With `arena`, a public function takes that buffer from its caller
    instead, as a last argument `memref<N x i8>` (N may be 0) marked
    `llvm.noalias` and `llvm.align` (the largest alignment a buffer needs,
    at least 8): nothing of the plan is on its stack, and there is no limit.
    A public function another function calls is an error at it (its callers
    would need the arena too).
  }];
  let options = [
    Option<"maxBytes", "max-bytes", "uint64_t", /*default=*/"1u << 20",
           "Largest plan (bytes) a function may put on the stack">,
    Option<"arena", "arena", "bool", /*default=*/"false",
           "Public functions take the plan's buffer as a last argument">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect"];
}


def CseSparseMarkLifetimesPass
    : Pass<"cse-sparse-mark-lifetimes", "ModuleOp"> {
  let summary = "Mark where each stack buffer of a function is live, for "
                "LLVM's stack coloring";
  let description = [{
    The alternative to `cse-sparse-plan-buffers` that keeps each buffer its
    own allocation, so that LLVM still knows that two buffers never alias,
    and lets LLVM's stack coloring share the bytes of buffers whose
    lifetimes do not overlap. Each static `memref.alloca` at the top of a
    function's body gets the lifetime `cse-sparse-plan-buffers` computes
    (from the first to the last top-level op that uses it or a view of it),
    marked by calls of `__cse_sparse_lifetime_start` before the first and
    `__cse_sparse_lifetime_end` after the last, each with the buffer's
    address (`memref.extract_aligned_pointer_as_index`).
    `cse-sparse-llvm-lifetimes` turns them into `llvm.intr.lifetime.start`
    and `.end` once the module is in the LLVM dialect. A buffer passed to a
    call, whose address is taken, or that the function returns gets no
    markers (it is live throughout), nor does a heap buffer, nor any buffer
    of a function of more than one block.
  }];
  let dependentDialects = ["::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect"];
}

def CseSparseLLVMLifetimesPass
    : Pass<"cse-sparse-llvm-lifetimes", "ModuleOp"> {
  let summary = "Turn cse-sparse-mark-lifetimes' calls into LLVM lifetime "
                "intrinsics";
  let description = [{
    In the LLVM dialect: each call of `__cse_sparse_lifetime_start` or
    `__cse_sparse_lifetime_end` whose argument is the address of an
    `llvm.alloca` (through `llvm.ptrtoint` and the memref descriptor's
    `llvm.insertvalue`/`llvm.extractvalue`) becomes
    `llvm.intr.lifetime.start` or `.end` on that alloca. If one address in
    a function cannot be traced, the function loses all its markers (every
    buffer is then live throughout, which is always correct). The declarations are removed: no
    object references them.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def CseSparseArmDspMatmulPass
    : Pass<"cse-sparse-arm-dsp-matmul", "ModuleOp"> {
  let summary = "Lower int8 linalg.matmul on memrefs with the Arm DSP "
                "extension's SMLAD and SXTB16";
  let description = [{
    For Cortex-M cores with the DSP extension (M4, M7, M33). A signed int8
    x int8 -> int32 `linalg.matmul` on memrefs becomes loops, in one of two
    forms: the default maps, C = A * B, with A's rows the weights (A static,
    contiguous, at least four rows), each column of B copied first into a
    K-byte buffer at the function's entry; or C = A * B^T (the fully
    connected layer), with B's rows the weights (static, contiguous) and A's
    rows read in place. Two weight rows at a time, eight columns an
    iteration: each word of four input bytes is widened by
    `llvm.arm.sxtb16` into (x0, x2) and (x1, x3) once for both rows, each
    row's word likewise, and `llvm.arm.smlad` accumulates two products at a
    time (exact: 32-bit wrap-around like `arith.addi`). A single word, then
    single columns, finish a row; an odd last row is a block of its own.
    Other matmuls are left to upstream's lowering.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def CseSparseArmDspConvPass : Pass<"cse-sparse-arm-dsp-conv", "ModuleOp"> {
  let summary = "Lower int8 NHWC/FHWC convolutions on memrefs with the Arm "
                "DSP extension's SMLAD and SXTAB16";
  let description = [{
    For Cortex-M cores with the DSP extension (M4, M7, M33): what a
    convolution the cost model keeps dense runs as. A
    `linalg.conv_2d_nhwc_fhwc` or `_q` (TOSA's `conv2d`) with int8 input and
    filter, an int32 output and constant zero points, on memrefs (input and
    filter with identity layouts, the filter static), becomes loops over the
    output pixels and, per pixel, two filters at a time. With an undilated
    width, a row of the pixel's window is KW x C consecutive input bytes and
    the filter's row KW x C consecutive filter bytes: their dot product
    takes two words an iteration, each input word widened once for both
    filters by `llvm.arm.sxtab16` (which subtracts the zero point) and two
    products added at a time by `llvm.arm.smlad` (exact: 32-bit wrap-around);
    a last word, then single bytes, finish a span. With a dilated width
    each tap's C bytes are a span. Spans are unrolled up to 25, else loops.
    With a constant filter (a constant `memref.global`) and a filter zero
    point of 0, the input zero point leaves the loop: -z times each
    filter's weight sum is added to a constant bias at compile time, or,
    over rows of 256 bytes or more, kept as a constant vector added to each
    output's start.
    Where a `linalg.generic` broadcasting a vector along the output
    channels writes the output just before (TOSA's bias; nothing in between
    touching either buffer), the sums start from the vector and the
    broadcast is erased. Other convolutions (HWCF or NCHW layouts, strided
    buffers, dynamic zero points) are left to upstream's lowering.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

def CseSparseArmDspDepthwisePass
    : Pass<"cse-sparse-arm-dsp-depthwise", "ModuleOp"> {
  let summary = "Lower int8 depthwise convolutions on memrefs with the Arm "
                "DSP extension's SXTAB16, SMLABB and SMLATT";
  let description = [{
    For Cortex-M cores with the DSP extension (M4, M7, M33). A depthwise
    convolution as TOSA lowers TFLite's (`linalg.depthwise_conv_2d_nhwc_hwcm`
    with a channel multiplier of 1, or `_nhwc_hwc`, and their `_q` forms with
    constant zero points) on memrefs, with int8 input and filter and an int32
    output, becomes loops over the output pixels and, within a pixel, four
    channels an iteration: each tap's four input bytes and four filter bytes
    are loaded as one word each and widened into int16 halves by
    `llvm.arm.sxtab16`, which also subtracts the zero point, and
    `llvm.arm.smlabb`/`llvm.arm.smlatt` accumulate the four products (exact:
    32-bit wrap-around like `arith.addi`). The taps are unrolled up to 5x5;
    the last `C mod 4` channels take one multiply-accumulate at a time.
    Where a `linalg.generic` broadcasting a vector along the channels writes
    the output just before (`cse-sparse-fold-bias-add`'s bias, bufferized;
    nothing in between touching either buffer), the sums start from the
    vector and the broadcast is erased. The
    filter must be static with contiguous channels, the input's channels
    contiguous, and each zero point within 16 bits of every int8 value.
    Other depthwise convolutions (NCHW, channel multipliers above 1, dynamic
    zero points) are left to upstream's lowering.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect"];
}

#endif // CSE_SPARSE_PIPELINES_PASSES_TD
