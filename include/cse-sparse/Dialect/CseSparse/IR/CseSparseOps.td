//===- CseSparseOps.td - cse_sparse operations -------------*- tablegen -*-===//

#ifndef CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSEOPS_TD
#define CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSEOPS_TD

include "cse-sparse/Dialect/CseSparse/IR/CseSparseAttrs.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/IR/EnumAttr.td"
include "mlir/Interfaces/DestinationStyleOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

class CseSparse_Op<string mnemonic, list<Trait> traits = []>
    : Op<CseSparse_Dialect, mnemonic, traits>;

// Constants the lowering reads element by element: a `dense_resource` blob
// cannot be iterated, so it is not accepted.
def CseSparse_DenseElementsAttr : ElementsAttrBase<
    CPred<"::llvm::isa<::mlir::DenseIntOrFPElementsAttr>($_self)">,
    "dense integer or float elements"> {
  let storageType = [{ ::mlir::DenseIntOrFPElementsAttr }];
  let returnType = [{ ::mlir::DenseIntOrFPElementsAttr }];
  let convertFromStorage = "$_self";
}

def CseSparse_MatmulOp : CseSparse_Op<"matmul", [
    DestinationStyleOpInterface,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let summary = "Multiplies an extended-CSR constant by an input, accumulating";
  let description = [{
    `init + weight * input`: `weight` is an `M x N` extended-CSR constant,
    `input` is `N x B`, `init` and the result are `M x B`. The op evaluates
    the adder tree on the input's columns and then the rows, in one step: the
    tree's intermediate values are an implementation detail of the lowering,
    not a value in the IR (docs/dialect-design.md).

    `transposed` after an operand's type says it is stored the other way
    round: the input as `B x N`, init and the result as `B x M` (the layout of
    `X * W^T`, the usual linear layer, and of a batch folded into rows). The
    kernel indexes it that way; no transpose is materialized.

    `bias`, a 1-D constant with one value per output row in the type of
    `init`, is added to each output once: how zero points fold exactly
    (`sum_k (w - zw)(x - zx) = sum_k (w - zw) x - zx * sum_k (w - zw)`, the
    last term a constant per row) without an extra pass over the result.

    `compact_tables` asks the lowering for its smaller table layout (fewer
    bytes, more instructions per entry): a hint the extraction pass sets when
    its cost model chose that layout; the result is the same either way.

    `overwrite_init` drops the `init` term: the result is
    `bias + weight * input`, and init's values are not read (it only names
    the destination, so bufferization neither copies nor fills it). The
    extraction pass sets it when init was a constant fill or a broadcast
    constant per output row, which it folds into `bias`: the kernel then
    neither clears the output first nor loads it per output.

    Destination-passing style: on tensors the op returns the updated `init`;
    on memrefs it writes `init` in place and returns nothing.

    Integer arithmetic follows `linalg.matmul`: the input is sign-extended
    (zero-extended with `unsigned_input`) and the coefficients sign-extended
    to the (signless) integer type of `init`, which must be at least as wide
    as both; products and sums wrap in two's complement at that width, so
    the result equals the dense product bit for bit. Unsigned weights are
    stored as signed coefficients of a wider type (u8 255 as i16), or as
    their residue modulo 2^width when they are as wide as `init`. Floats
    accumulate in the float type of `init` (`unsigned_input` is invalid).

    ```mlir
    %y = cse_sparse.matmul #cse_sparse.ecsr<...>
           ins(%x : tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
    %z = cse_sparse.matmul #cse_sparse.ecsr<...> unsigned_input
           ins(%u : tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
    %l = cse_sparse.matmul #cse_sparse.ecsr<...>
           ins(%xt : tensor<2x8xi8> transposed)
           outs(%acct : tensor<2x4xi32> transposed) -> tensor<2x4xi32>
    cse_sparse.matmul #cse_sparse.ecsr<...>
           ins(%xm : memref<8x2xi8>) outs(%ym : memref<4x2xi32>)
    ```
  }];
  let arguments = (ins CseSparse_EcsrAttr:$weight,
                       AnyShaped:$input,
                       AnyShaped:$init,
                       OptionalAttr<CseSparse_DenseElementsAttr>:$bias,
                       UnitAttr:$unsigned_input,
                       UnitAttr:$compact_tables,
                       UnitAttr:$overwrite_init,
                       UnitAttr:$transpose_input,
                       UnitAttr:$transpose_init);
  let results = (outs Variadic<AnyRankedTensor>:$result);
  // Every builder derives the results from init: its type on tensors, none
  // on memrefs.
  let builders = [
    OpBuilder<(ins "EcsrAttr":$weight, "Value":$input, "Value":$init,
                   CArg<"::mlir::DenseIntOrFPElementsAttr", "{}">:$bias,
                   CArg<"bool", "false">:$unsignedInput,
                   CArg<"bool", "false">:$compactTables,
                   CArg<"bool", "false">:$transposeInput,
                   CArg<"bool", "false">:$transposeInit), [{
      build($_builder, $_state, resultTypesFor(init), weight, input, init,
            bias, unsignedInput, compactTables, /*overwriteInit=*/false,
            transposeInput, transposeInit);
    }]>,
    // The op of `properties` on other operands (bufferization, type
    // conversions): every attribute is kept, discardable ones included.
    OpBuilder<(ins "Value":$input, "Value":$init,
                   "const Properties &":$properties,
                   CArg<"::llvm::ArrayRef<::mlir::NamedAttribute>", "{}">:$discardableAttributes), [{
      build($_builder, $_state, resultTypesFor(init),
            ::mlir::ValueRange{input, init}, properties,
            discardableAttributes);
    }]>
  ];
  let assemblyFormat = [{
    $weight (`bias` `(` $bias^ `)`)? (`unsigned_input` $unsigned_input^)?
    (`compact_tables` $compact_tables^)?
    (`overwrite_init` $overwrite_init^)?
    `ins` `(` $input `:` type($input) (`transposed` $transpose_input^)? `)`
    `outs` `(` $init `:` type($init) (`transposed` $transpose_init^)? `)`
    attr-dict (`->` type($result)^)?
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::MutableOperandRange getDpsInitsMutable() {
      return getInitMutable();
    }
    /// The positions of N (inputs) and of B (the batch) in the input's
    /// shape, and of M and B in init's.
    unsigned getInputRowDim() { return getTransposeInput() ? 1 : 0; }
    unsigned getInitRowDim() { return getTransposeInit() ? 1 : 0; }
  }];
}

def CseSparse_ConvLayout : I32EnumAttr<"ConvLayout",
    "Activation layout of a convolution's input and output", [
      I32EnumAttrCase<"nhwc", 0>,
      I32EnumAttrCase<"nchw", 1>]> {
  let cppNamespace = "::mlir::cse_sparse";
}

def CseSparse_Conv2DOp : CseSparse_Op<"conv_2d", [
    DestinationStyleOpInterface,
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>]> {
  let summary = "2-D convolution by an extended-CSR filter, accumulating";
  let description = [{
    `init + conv(input, weight)`. `weight` is an `F x (Kh*Kw*C)`
    extended-CSR constant: row `f` is filter `f`, column `(kh*Kw + kw)*C + c`
    its tap at window position `(kh, kw)` on channel `c`, whatever the layout
    of the linalg filter it came from. The output pixel `(n, oh, ow)` reads
    the patch `input[n, oh*sh + kh*dh - top, ow*sw + kw*dw - left, c]`; taps
    that fall outside the input read `pad_value` (zero if absent), so a
    `tensor.pad` in front of the convolution folds into the op.

    The layout is `nhwc` (input `N x H x W x C`, init `N x OH x OW x F`) or
    `nchw` (`N x C x H x W` and `N x F x OH x OW`). `window` is
    `[Kh, Kw]`, `strides` `[sh, sw]`, `dilations` `[dh, dw]`, `padding`
    `[top, bottom, left, right]`; every tap of every output pixel must lie
    in the padded input.

    The lowering gathers each pixel's patch, padding values included,
    straight into the kernel's scratch (no im2col tensor), then evaluates the
    adder tree and the rows as `cse_sparse.matmul` does. Arithmetic,
    `bias`, `unsigned_input`, `compact_tables` and `overwrite_init` are
    those of `cse_sparse.matmul` (the bias per filter); `pad_value` has the input's element type and is
    extended like the input.

    ```mlir
    %y = cse_sparse.conv_2d #cse_sparse.ecsr<...> nhwc window [3, 3]
           strides [1, 1] dilations [1, 1] padding [1, 1, 1, 1]
           pad_value -128 : i8 bias(dense<[...]> : tensor<16xi32>)
           ins(%x : tensor<1x8x8x4xi8>) outs(%acc : tensor<1x8x8x16xi32>)
           -> tensor<1x8x8x16xi32>
    ```
  }];
  let arguments = (ins CseSparse_EcsrAttr:$weight,
                       AnyShaped:$input,
                       AnyShaped:$init,
                       CseSparse_ConvLayout:$layout,
                       DenseI64ArrayAttr:$window,
                       DenseI64ArrayAttr:$strides,
                       DenseI64ArrayAttr:$dilations,
                       DenseI64ArrayAttr:$padding,
                       OptionalAttr<TypedAttrInterface>:$pad_value,
                       OptionalAttr<CseSparse_DenseElementsAttr>:$bias,
                       UnitAttr:$unsigned_input,
                       UnitAttr:$compact_tables,
                       UnitAttr:$overwrite_init);
  let results = (outs Variadic<AnyRankedTensor>:$result);
  let builders = [
    OpBuilder<(ins "EcsrAttr":$weight, "Value":$input, "Value":$init,
                   "ConvLayout":$layout, "::llvm::ArrayRef<int64_t>":$window,
                   "::llvm::ArrayRef<int64_t>":$strides,
                   "::llvm::ArrayRef<int64_t>":$dilations,
                   "::llvm::ArrayRef<int64_t>":$padding,
                   CArg<"::mlir::TypedAttr", "{}">:$padValue,
                   CArg<"::mlir::DenseIntOrFPElementsAttr", "{}">:$bias,
                   CArg<"bool", "false">:$unsignedInput,
                   CArg<"bool", "false">:$compactTables), [{
      build($_builder, $_state, resultTypesFor(init), weight, input, init,
            layout, window, strides, dilations, padding, padValue, bias,
            unsignedInput, compactTables, /*overwriteInit=*/false);
    }]>,
    OpBuilder<(ins "Value":$input, "Value":$init,
                   "const Properties &":$properties,
                   CArg<"::llvm::ArrayRef<::mlir::NamedAttribute>", "{}">:$discardableAttributes), [{
      build($_builder, $_state, resultTypesFor(init),
            ::mlir::ValueRange{input, init}, properties,
            discardableAttributes);
    }]>
  ];
  let assemblyFormat = [{
    $weight $layout `window` $window `strides` $strides
    `dilations` $dilations `padding` $padding
    (`pad_value` $pad_value^)? (`bias` `(` $bias^ `)`)?
    (`unsigned_input` $unsigned_input^)? (`compact_tables` $compact_tables^)?
    (`overwrite_init` $overwrite_init^)?
    `ins` `(` $input `:` type($input) `)`
    `outs` `(` $init `:` type($init) `)`
    attr-dict (`->` type($result)^)?
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::MutableOperandRange getDpsInitsMutable() {
      return getInitMutable();
    }
    /// Positions of the channel and the two spatial dimensions in the input
    /// and init shapes.
    unsigned getChannelDim() {
      return getLayout() == ConvLayout::nhwc ? 3 : 1;
    }
    unsigned getSpatialDim(unsigned i) {
      return (getLayout() == ConvLayout::nhwc ? 1 : 2) + i;
    }
  }];
}

#endif // CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSEOPS_TD
