//===- Passes.td - conversions out of cse_sparse -----------*- tablegen -*-===//

#ifndef CSE_SPARSE_CONVERSION_PASSES_TD
#define CSE_SPARSE_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertCseSparseToSCFPass : Pass<"convert-cse-sparse-to-scf", "ModuleOp"> {
  let summary = "Lower cse_sparse.matmul on memrefs to scf loops over constant tables";
  let description = [{
    Replaces each `cse_sparse.matmul` on memrefs by loops that read the
    weight from `memref.global constant` tables (docs/lowering.md). Per input
    column the kernel copies the column, extended to the accumulator type,
    into a scratch array; before each output row it evaluates the adder-tree
    nodes that row is the first to need, into scratch slots that are reused
    once their last reader has run (KernelSchedule); then it accumulates the
    row's entries. The scratch array is one `memref.alloca` of static size
    (inputs + slots) at the start of the enclosing function: no heap.

    Tables hold indices in the narrowest of 8, 16 or 32 bits and the
    coefficients in the attribute's type, so the inner loops load narrow
    values. An op whose weight has no non-zero entries is erased (it leaves
    init unchanged).
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect"];
  let options = [
    Option<"tableAlignment", "table-alignment", "unsigned", "4",
           "Byte alignment of the constant tables (0: the type's own)">,
    Option<"remarks", "remarks", "bool", "false",
           "Emit a remark per op with its table and scratch bytes">,
  ];
}

#endif // CSE_SPARSE_CONVERSION_PASSES_TD
