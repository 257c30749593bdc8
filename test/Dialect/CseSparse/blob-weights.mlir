// The weight of test/Dialect/CseSparse/attrs.mlir with every array in a
// dense_resource blob; Inputs/blob-weight-dense.mlir is the same with dense<>.
// Both must lower to the same IR, also through MLIR bytecode.
// RUN: cse-opt %s | cse-opt | FileCheck %s --check-prefix=ROUNDTRIP
// ROUNDTRIP: row_ptr = dense_resource<w_row_ptr> : tensor<5xi32>
// ROUNDTRIP: w_values: "0x0100000001010301010107"
// RUN: cse-opt %s --convert-cse-sparse-to-scf > %t.blob.mlir
// RUN: cse-opt %S/Inputs/blob-weight-dense.mlir --convert-cse-sparse-to-scf > %t.dense.mlir
// RUN: diff %t.blob.mlir %t.dense.mlir
// RUN: cse-opt %s --emit-bytecode -o %t.mlirbc
// RUN: cse-opt %t.mlirbc --convert-cse-sparse-to-scf > %t.bytecode.mlir
// RUN: diff %t.bytecode.mlir %t.dense.mlir
// The bytecode file holds the blobs, not the attribute's text copy of them.
// RUN: cse-opt %t.mlirbc | FileCheck %s --check-prefix=ROUNDTRIP
// The lowering reads the weight: not empty.
// RUN: FileCheck %s --input-file %t.dense.mlir
// CHECK: memref.global "private" constant @__cse_sparse_{{.*}}unit_refs

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 8,
    operands = dense_resource<w_operands> : tensor<1x2xi32>,
    coefficients = dense_resource<w_coefficients> : tensor<1x2xi8>>,
  row_ptr = dense_resource<w_row_ptr> : tensor<5xi32>,
  col_idx = dense_resource<w_col_idx> : tensor<7xi32>,
  values = dense_resource<w_values> : tensor<7xi8>>

func.func @layer(%x: memref<8x3xi8>, %y: memref<4x3xi32>) {
  cse_sparse.matmul #w bias(dense<[1, 2, 3, 4]> : tensor<4xi32>) ins(%x : memref<8x3xi8>) outs(%y : memref<4x3xi32>)
  return
}

{-#
  dialect_resources: {
    builtin: {
      w_operands: "0x040000000000000003000000",
      w_coefficients: "0x0100000001FE",
      w_row_ptr: "0x040000000000000002000000040000000600000007000000",
      w_col_idx: "0x0400000006000000080000000100000004000000050000000800000007000000",
      w_values: "0x0100000001010301010107"
    }
  }
#-}
