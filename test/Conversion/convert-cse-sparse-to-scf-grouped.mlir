// RUN: cse-opt %s --convert-cse-sparse-to-scf=remarks=1 -verify-diagnostics | FileCheck %s

// The grouped tables, the default for integer weights (GroupedKernel.h).
// W (4 x 8): rows x6 + t, 3*x1 + x4, x5 + t, 7*x7 with t = x0 - 2*x3.
#w = #cse_sparse.ecsr<type = tensor<4x8xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 8,
    operands = dense<[[0, 3]]> : tensor<1x2xi32>,
    coefficients = dense<[[1, -2]]> : tensor<1x2xi8>>,
  row_ptr = dense<[0, 2, 4, 6, 7]> : tensor<5xi32>,
  col_idx = dense<[6, 8, 1, 4, 5, 8, 7]> : tensor<7xi32>,
  values = dense<[1, 1, 3, 1, 1, 1, 7]> : tensor<7xi8>>

// One input-input node group, its coefficients (1, -2) in the code, not the
// tables. Unit: the node t (scratch 8) in rows 0 and 2, each padded to a
// block of four with the zero element (9); the +1 inputs x6, x4, x5 move to
// Scaled, as (index, coefficient) records in blocks of four padded with
// (0, 0). Row ends count blocks.
// CHECK-DAG: memref.global "private" constant @{{.+}}_input_pairs : memref<1x2xi8> = dense<{{\[\[}}0, 3]]>
// CHECK-DAG: memref.global "private" constant @{{.+}}_unit_refs : memref<2x4xi8> = dense<{{\[\[}}8, 9, 9, 9], [8, 9, 9, 9]]>
// CHECK-DAG: memref.global "private" constant @{{.+}}_unit_row_end : memref<4xi8> = dense<[1, 1, 2, 2]>
// CHECK-DAG: memref.global "private" constant @{{.+}}_scaled : memref<4x8xi8> = dense<{{\[\[}}6, 1, 0, 0, 0, 0, 0, 0], [1, 3, 4, 1, 0, 0, 0, 0], [5, 1, 0, 0, 0, 0, 0, 0], [7, 7, 0, 0, 0, 0, 0, 0]]>
// CHECK-DAG: memref.global "private" constant @{{.+}}_scaled_row_end : memref<4xi8> = dense<[1, 2, 3, 4]>
// CHECK-LABEL: func.func @kernel
// The inputs, the node and the zero element.
// CHECK: %[[SCRATCH:.+]] = memref.alloca() : memref<10xi32>
// CHECK: scf.for %[[COL:.+]] =
// CHECK:   scf.for
// CHECK:   %[[ZERO:.+]] = arith.constant 0 : i32
// CHECK:   memref.store %[[ZERO]], %[[SCRATCH]][%{{.+}}] : memref<10xi32>
// The node group: t = x0 - 2 * x3 into slot 8, unrolled by LLVM at most 4.
// CHECK:   scf.for %[[J:.+]] =
// CHECK:     %[[M2:.+]] = arith.constant -2 : i32
// CHECK:     arith.muli %[[M2]],
// CHECK:     memref.store {{.+}}, %[[SCRATCH]]
// CHECK:   } {loop_annotation = #[[NODES:.+]]}
// Per row: the Unit blocks (four adds), then the Scaled blocks (four
// multiply-adds), neither unrolled again.
// CHECK:   scf.for %[[R:.+]] = {{.+}} iter_args({{.+}}) -> (index, index)
// CHECK:     scf.for {{.+}} iter_args
// CHECK-COUNT-4: arith.addi
// CHECK:     } {loop_annotation = #[[ROWS:.+]]}
// CHECK:     scf.for {{.+}} iter_args
// CHECK-COUNT-4: arith.muli
// CHECK:     } {loop_annotation = #[[ROWS]]}
// The row loop is not unrolled either: two rows at once spill the table
// pointers (890 more instructions at 256x256, docs/lowering.md).
// CHECK:     scf.yield
// CHECK:   } {loop_annotation = #[[ROWS]]}
func.func @kernel(%x: memref<8x?xi8>, %y: memref<4x?xi32>) {
  // expected-remark @+1 {{4x8, 1 nodes in 2 scratch slots (grouped), scratch 40 bytes, tables 50 bytes}}
  cse_sparse.matmul #w ins(%x : memref<8x?xi8>) outs(%y : memref<4x?xi32>)
  return
}

// The compact_tables hint keeps the record kernel.
// CHECK-LABEL: func.func @hinted
// CHECK-NOT: unit_refs
// CHECK: return
func.func @hinted(%x: memref<8x?xi8>, %y: memref<4x?xi32>) {
  // expected-remark @+1 {{4x8, 1 nodes in 1 scratch slots (upfront)}}
  cse_sparse.matmul #w compact_tables ins(%x : memref<8x?xi8>) outs(%y : memref<4x?xi32>)
  return
}

// overwrite_init: each output starts from its bias, or from zero, and init
// is only stored to, never loaded.
// CHECK-LABEL: func.func @overwrite
// CHECK-SAME: (%{{.+}}: memref<8x?xi8>, %[[Y:.+]]: memref<4x?xi32>, %{{.+}}: memref<8x?xi8>, %[[Z:.+]]: memref<4x?xi32>)
// CHECK-NOT: memref.load %[[Y]]
// CHECK:   scf.for %[[R:.+]] = {{.+}} iter_args({{.+}}) -> (index, index)
// CHECK-NOT: memref.load %[[Y]]
// CHECK:     %[[B:.+]] = memref.load %{{.+}}[%[[R]]] : memref<4xi32>
// CHECK-NOT: memref.load %[[Y]]
// CHECK:     scf.for {{.+}} iter_args(%{{.+}} = %[[B]])
// CHECK-NOT: memref.load %[[Y]]
// CHECK:     memref.store %{{.+}}, %[[Y]][%[[R]], %{{.+}}]
// CHECK-NOT: memref.load %[[Y]]
// CHECK-NOT: memref.load %[[Z]]
// CHECK:   scf.for %[[R2:.+]] = {{.+}} iter_args({{.+}}) -> (index, index)
// CHECK-NOT: memref.load %[[Z]]
// CHECK:     %[[C0:.+]] = arith.constant 0 : i32
// CHECK-NOT: memref.load %[[Z]]
// CHECK:     scf.for {{.+}} iter_args(%{{.+}} = %[[C0]])
// CHECK:     memref.store %{{.+}}, %[[Z]][%[[R2]], %{{.+}}]
// CHECK-NOT: memref.load %[[Z]]
// CHECK: return
func.func @overwrite(%x: memref<8x?xi8>, %y: memref<4x?xi32>, %x2: memref<8x?xi8>, %z: memref<4x?xi32>) {
  // expected-remark @+1 {{4x8, 1 nodes in 2 scratch slots (grouped), scratch 40 bytes, tables 66 bytes}}
  cse_sparse.matmul #w bias(dense<[1, 2, 3, 4]> : tensor<4xi32>) overwrite_init ins(%x : memref<8x?xi8>) outs(%y : memref<4x?xi32>)
  // expected-remark @+1 {{4x8, 1 nodes in 2 scratch slots (grouped), scratch 40 bytes, tables 50 bytes}}
  cse_sparse.matmul #w overwrite_init ins(%x2 : memref<8x?xi8>) outs(%z : memref<4x?xi32>)
  return
}

// An all-zero weight with overwrite_init writes zeros (or its bias): the
// result does not depend on what init held.
#zero = #cse_sparse.ecsr<type = tensor<2x3xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 3, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>,
  row_ptr = dense<[0, 0, 0]> : tensor<3xi32>, col_idx = dense<> : tensor<0xi32>, values = dense<> : tensor<0xi8>>
// CHECK-LABEL: func.func @overwrite_zero_weight
// CHECK-SAME: (%{{.+}}: memref<3x?xi8>, %[[Y:.+]]: memref<2x?xi32>)
// CHECK: %[[C0:.+]] = arith.constant 0 : i32
// CHECK: memref.store %[[C0]], %[[Y]]
// CHECK-NOT: memref.load %[[Y]]
// CHECK: return
func.func @overwrite_zero_weight(%x: memref<3x?xi8>, %y: memref<2x?xi32>) {
  cse_sparse.matmul #zero overwrite_init ins(%x : memref<3x?xi8>) outs(%y : memref<2x?xi32>)
  return
}
