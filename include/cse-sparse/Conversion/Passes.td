//===- Passes.td - conversions out of cse_sparse -----------*- tablegen -*-===//

#ifndef CSE_SPARSE_CONVERSION_PASSES_TD
#define CSE_SPARSE_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertCseSparseToSCFPass : Pass<"convert-cse-sparse-to-scf", "ModuleOp"> {
  let summary = "Lower cse_sparse.matmul and conv_2d on memrefs to scf loops over constant tables";
  let description = [{
    Replaces each `cse_sparse.matmul` and `cse_sparse.conv_2d` on memrefs by
    loops that read the weight from `memref.global constant` tables
    (docs/lowering.md). Per input column (a batch element; for a
    convolution, an output pixel) the kernel copies the column, extended to
    the accumulator type, into a scratch array (for a convolution it gathers
    the pixel's patch, the pad value where a tap falls outside the input); evaluates the adder-tree nodes into scratch slots
    (all before the rows, or each just before its first reader row with
    `node-schedule=per-row`; a slot is reused once its last reader has run);
    then accumulates each row's entries, plus the op's `bias` if it has one. The scratch array is one
    `memref.alloca` of static size (inputs + slots) at the start of the
    enclosing function: no heap.

    With `node-schedule=grouped`, the default, integer weights are read from
    the ECSR format's arrays (GroupedKernel.h): nodes in canonical order,
    each in its own slot, one loop per group of nodes with their input-side
    coefficients as constants; each row's references of coefficient 1
    (Unit) and its (index, coefficient) records (Scaled) in blocks of four,
    padded, with `llvm.loop` metadata on the loops. With `upfront` or
    `per-row`, with an op's `compact_tables` hint or `compact-tables`, and
    for float weights, integer weights pack each node's indices and
    coefficients, and each entry's operand and coefficient, into records of
    the narrowest of 8, 16 or 32 bits, so each loop walks one table
    (`compact-tables` stores entries as two arrays when smaller); float
    weights keep one table per field, indices in the narrowest unsigned
    width. An op whose weight has no
    non-zero entries becomes a loop adding its bias, or is erased if it has
    none (it leaves init unchanged).

    With `narrow-scratch`, the scratch array's elements are the narrowest
    signed integers (16 bits, or 32 under a 64-bit accumulator) that hold
    every input and node value exactly, by a bound over the schedule (each
    node at most |lhs coefficient| bound(lhs) + |rhs coefficient|
    bound(rhs)); loads extend to the accumulator type, node results are
    truncated back, and where no bound fits the accumulator type stays.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::LLVM::LLVMDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect"];
  let options = [
    Option<"tableAlignment", "table-alignment", "unsigned", "4",
           "Byte alignment of the constant tables (0: the type's own)">,
    Option<"nodeSchedule", "node-schedule", "::cse_sparse::NodeSchedule",
           "::cse_sparse::NodeSchedule::Grouped",
           "How nodes are evaluated and tables laid out: grouped (ECSR "
           "order and grouped tables: smallest, fastest) | upfront (records, "
           "all nodes before the rows) | per-row (records, each node just "
           "before its first reader: the smallest scratch)",
           "::cse_sparse::clEnumValues(::cse_sparse::kNodeScheduleNames)">,
    Option<"compactTables", "compact-tables", "bool", "false",
           "Store row entries as two arrays when smaller than records: "
           "fewer bytes, more instructions">,
    Option<"narrowScratch", "narrow-scratch", "bool", "false",
           "Keep the scratch in 16 bits (or 32 under a 64-bit accumulator) "
           "where every value provably fits: half the RAM, 1-4% more "
           "instructions on Cortex-M4 (no store-multiple in the gather)">,
    Option<"remarks", "remarks", "bool", "false",
           "Emit a remark per op with its table and scratch bytes">,
  ];
}

#endif // CSE_SPARSE_CONVERSION_PASSES_TD
