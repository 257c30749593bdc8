// RUN: cse-opt %s --convert-cse-sparse-to-scf="node-schedule=per-row remarks=1" -verify-diagnostics | FileCheck %s
// The op's compact_tables hint stores entries as two arrays when smaller:
// RUN: cse-opt %s --convert-cse-sparse-to-scf | FileCheck %s --check-prefix=COMPACT
// RUN: not cse-opt %s --convert-cse-sparse-to-scf="node-schedule=lazy" 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: for the --node-schedule option: Cannot find option named 'lazy'!

// Per row, each node is evaluated just before the first row that reads it:
// rows carry where their nodes begin and read where they end from a table.
// Rows: r0 = t0 + x3, r1 = t1, r2 = x2, r3 = t0 with t0 = x0 + x1 and
// t1 = t0 + 2*x2; t0 lives until row 3, so two slots.
#w = #cse_sparse.ecsr<type = tensor<4x4xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 4,
    operands = dense<[[0, 1], [2, 4]]> : tensor<2x2xi32>,
    coefficients = dense<[[1, 1], [2, 1]]> : tensor<2x2xi8>>,
  row_ptr = dense<[0, 2, 3, 4, 5]> : tensor<5xi32>,
  col_idx = dense<[3, 4, 5, 2, 4]> : tensor<5xi32>,
  values = dense<[1, 1, 1, -3, 1]> : tensor<5xi8>>
// CHECK-DAG: memref.global "private" constant @{{.+}}node_end : memref<4xi8> = dense<[1, 2, 2, 2]>
// CHECK-DAG: memref.global "private" constant @{{.+}}nodes : memref<2x5xi8> = dense<{{\[\[}}0, 1, 4, 1, 1], [2, 4, 5, 2, 1]]>
// CHECK-LABEL: func.func @per_row
// CHECK: memref.alloca() : memref<6xi32>
// CHECK: scf.for %[[R:[^ ]+]] = {{.+}} iter_args(%[[NB:.+]] = %{{.+}}, %{{.+}} = %{{.+}}) -> (index, index)
// CHECK:   %[[NE:.+]] = arith.index_castui
// CHECK:   scf.for %{{.+}} = %[[NB]] to %[[NE]]
func.func @per_row(%x: memref<4x1xi8>, %y: memref<4x1xi32>) {
  // expected-remark @+1 {{4x4, 2 nodes in 2 scratch slots (per row), scratch 24 bytes, tables 28 bytes}}
  cse_sparse.matmul #w ins(%x : memref<4x1xi8>) outs(%y : memref<4x1xi32>)
  return
}

// 300-column input: scratch indices need 16 bits, so records would be i16;
// two arrays (u16 operands, i8 values) are smaller.
#c = #cse_sparse.ecsr<type = tensor<2x300xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 300, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>,
  row_ptr = dense<[0, 2, 3]> : tensor<3xi32>, col_idx = dense<[0, 299, 150]> : tensor<3xi32>, values = dense<[1, -2, 3]> : tensor<3xi8>>
// COMPACT-DAG: memref.global "private" constant @{{.+}}operands : memref<3xi16> = dense<[0, 299, 150]>
// COMPACT-DAG: memref.global "private" constant @{{.+}}values : memref<3xi8> = dense<[1, -2, 3]>
// COMPACT-LABEL: func.func @compact
// COMPACT-NOT: entries
func.func @compact(%x: memref<300x1xi8>, %y: memref<2x1xi32>) {
  // expected-remark @+1 {{2x300, 0 nodes in 0 scratch slots, scratch 1200 bytes, tables 11 bytes}}
  cse_sparse.matmul #c compact_tables ins(%x : memref<300x1xi8>) outs(%y : memref<2x1xi32>)
  return
}
