//===- CseSparseAttrs.td - cse_sparse attributes -----------*- tablegen -*-===//

#ifndef CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSEATTRS_TD
#define CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSEATTRS_TD

include "cse-sparse/Dialect/CseSparse/IR/CseSparseDialect.td"
include "mlir/IR/AttrTypeBase.td"

class CseSparse_Attr<string name, string attrMnemonic>
    : AttrDef<CseSparse_Dialect, name> {
  let mnemonic = attrMnemonic;
}

def CseSparse_AdderTreeAttr : CseSparse_Attr<"AdderTree", "adder_tree"> {
  let summary = "A table of two-term subexpressions in topological order";
  let description = [{
    Node `c` defines extended operand `num_inputs + c` as
    `coefficients[c][0] * e[operands[c][0]] + coefficients[c][1] * e[operands[c][1]]`
    with `operands[c][0] < operands[c][1] < num_inputs + c`, so nodes evaluate
    front to back. `operands` is a `K x 2` integer tensor, `coefficients` a
    `K x 2` tensor of the weights' element type. Both are elements
    attributes: `dense<...>`, or a `dense_resource<...>` blob (8-, 16-, 32- or
    64-bit integers, f32 or f64) so that large trees live in MLIR bytecode's
    resource section rather than in the attribute.

    ```mlir
    #cse_sparse.adder_tree<num_inputs = 8,
      operands = dense<[[0, 3]]> : tensor<1x2xi32>,
      coefficients = dense<[[1, -2]]> : tensor<1x2xi8>>
    ```
  }];
  let parameters = (ins "int64_t":$num_inputs,
                        "::mlir::ElementsAttr":$operands,
                        "::mlir::ElementsAttr":$coefficients);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Number of nodes K.
    int64_t getNumNodes() const;
    /// `operands` row-major (lhs, rhs per node); the attribute verified.
    ::llvm::SmallVector<int64_t> getOperandValues() const;
    /// `coefficients` as dense elements (a blob is copied).
    ::mlir::DenseElementsAttr getDenseCoefficients() const;
  }];
}

def CseSparse_EcsrAttr : CseSparse_Attr<"Ecsr", "ecsr"> {
  let summary = "A constant matrix in extended CSR over inputs and tree nodes";
  let description = [{
    The `M x N` matrix `type` (its element type is the weights' type) as rows
    over the extended operands of `tree`: row `i` is
    `sum over p in [row_ptr[i], row_ptr[i+1]) of values[p] * e[col_idx[p]]`.
    Within a row, `col_idx` is strictly increasing; stored values are non-zero.
    The arrays are elements attributes like the tree's: `dense<...>` or
    `dense_resource<...>` blobs.

    ```mlir
    #cse_sparse.ecsr<type = tensor<4x8xi8>,
      tree = #cse_sparse.adder_tree<num_inputs = 8,
        operands = dense<[[0, 3]]> : tensor<1x2xi32>,
        coefficients = dense<[[1, -2]]> : tensor<1x2xi8>>,
      row_ptr = dense<[0, 2, 4, 6, 7]> : tensor<5xi32>,
      col_idx = dense<[6, 8, 1, 4, 5, 8, 7]> : tensor<7xi32>,
      values = dense<[1, 1, 3, 1, 1, 1, 7]> : tensor<7xi8>>
    ```
  }];
  let parameters = (ins "::mlir::RankedTensorType":$type,
                        "AdderTreeAttr":$tree,
                        "::mlir::ElementsAttr":$row_ptr,
                        "::mlir::ElementsAttr":$col_idx,
                        "::mlir::ElementsAttr":$values);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The index arrays as integers; the attribute verified.
    ::llvm::SmallVector<int64_t> getRowPtrValues() const;
    ::llvm::SmallVector<int64_t> getColIdxValues() const;
    /// `values` as dense elements (a blob is copied).
    ::mlir::DenseElementsAttr getDenseValues() const;
  }];
}

#endif // CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSEATTRS_TD
