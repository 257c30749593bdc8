//===- CseSparseOps.td - cse_sparse operations -------------*- tablegen -*-===//

#ifndef CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSEOPS_TD
#define CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSEOPS_TD

include "cse-sparse/Dialect/CseSparse/IR/CseSparseAttrs.td"
include "mlir/Interfaces/DestinationStyleOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

class CseSparse_Op<string mnemonic, list<Trait> traits = []>
    : Op<CseSparse_Dialect, mnemonic, traits>;

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

    `compact_tables` asks the lowering for its smaller table layout (fewer
    bytes, more instructions per entry): a hint the extraction pass sets when
    its cost model chose that layout; the result is the same either way.

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
                       UnitAttr:$unsigned_input,
                       UnitAttr:$compact_tables,
                       UnitAttr:$transpose_input,
                       UnitAttr:$transpose_init);
  let results = (outs Variadic<AnyRankedTensor>:$result);
  let assemblyFormat = [{
    $weight (`unsigned_input` $unsigned_input^)?
    (`compact_tables` $compact_tables^)?
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

#endif // CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSEOPS_TD
