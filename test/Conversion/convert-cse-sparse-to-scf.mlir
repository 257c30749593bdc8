// RUN: cse-opt %s --convert-cse-sparse-to-scf="node-schedule=upfront remarks=1" -split-input-file -verify-diagnostics | FileCheck %s

// W (4 x 8): rows x6 + t, 3*x1 + x4, x5 + t, 7*x7 with t = x0 - 2*x3.
#w = #cse_sparse.ecsr<type = tensor<4x8xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 8,
    operands = dense<[[0, 3]]> : tensor<1x2xi32>,
    coefficients = dense<[[1, -2]]> : tensor<1x2xi8>>,
  row_ptr = dense<[0, 2, 4, 6, 7]> : tensor<5xi32>,
  col_idx = dense<[6, 8, 1, 4, 5, 8, 7]> : tensor<7xi32>,
  values = dense<[1, 1, 3, 1, 1, 1, 7]> : tensor<7xi8>>

// Integer weights: one table of node records (lhs, rhs, dst, lhs coefficient,
// rhs coefficient) and one of entry records (operand, coefficient), here i8,
// plus the rows' ends. t is evaluated before the rows into scratch slot 8
// (after the 8 inputs) and read by rows 0 and 2.
// CHECK-DAG: memref.global "private" constant @[[NODES:.+]] : memref<1x5xi8> = dense<{{\[\[}}0, 3, 8, 1, -2]]> {alignment = 4 : i64}
// CHECK-DAG: memref.global "private" constant @[[ENTRIES:.+]] : memref<7x2xi8> = dense<{{\[\[}}6, 1], [8, 1], [1, 3], [4, 1], [5, 1], [8, 1], [7, 7]]> {alignment = 4 : i64}
// CHECK-DAG: memref.global "private" constant @[[ROW_END:.+]] : memref<4xi8> = dense<[2, 4, 6, 7]> {alignment = 4 : i64}
// CHECK-LABEL: func.func @kernel
// CHECK-SAME: (%[[X:.+]]: memref<8x?xi8>, %[[Y:.+]]: memref<4x?xi32>)
// CHECK: %[[SCRATCH:.+]] = memref.alloca() : memref<9xi32>
// CHECK: %[[B:.+]] = memref.dim %[[Y]], %{{.+}} : memref<4x?xi32>
// CHECK: scf.for %[[COL:.+]] = %{{.+}} to %[[B]]
// Copy the column, sign-extended.
// CHECK:   scf.for %[[I:.+]] =
// CHECK:     %[[XV:.+]] = memref.load %[[X]][%[[I]], %[[COL]]]
// CHECK:     %[[XE:.+]] = arith.extsi %[[XV]] : i8 to i32
// CHECK:     memref.store %[[XE]], %[[SCRATCH]][%[[I]]]
// The nodes, all before the rows.
// CHECK:   scf.for
// CHECK:     arith.index_cast {{.+}} : i8 to index
// CHECK:     arith.muli
// CHECK:     arith.muli
// CHECK:     arith.addi
// CHECK:     memref.store {{.+}}, %[[SCRATCH]]
// Rows, carrying where their entries begin.
// CHECK:   scf.for %[[R:[^ ]+]] = {{.+}} iter_args(%{{.+}} = %{{.+}}, %[[EB:.+]] = %{{.+}}) -> (index, index)
// CHECK:     arith.index_castui {{.+}} : i8 to index
// CHECK:     %[[ACC0:.+]] = memref.load %[[Y]][%[[R]], %[[COL]]]
// CHECK:     %[[ACC:.+]] = scf.for {{.+}} iter_args(%[[A:.+]] = %[[ACC0]]) -> (i32)
// CHECK:       memref.load %[[SCRATCH]]
// CHECK:     memref.store %[[ACC]], %[[Y]][%[[R]], %[[COL]]]
// CHECK-NOT: cse_sparse.matmul
func.func @kernel(%x: memref<8x?xi8>, %y: memref<4x?xi32>) {
  // expected-remark @+1 {{convert-cse-sparse-to-scf: 4x8, 1 nodes in 1 scratch slots (upfront), scratch 36 bytes, tables 23 bytes}}
  cse_sparse.matmul #w ins(%x : memref<8x?xi8>) outs(%y : memref<4x?xi32>)
  return
}

// -----

// Plain CSR (no nodes): no node table; a zero-extended input; records of
// i16 because a coefficient needs it.
#csr = #cse_sparse.ecsr<type = tensor<2x3xi16>,
  tree = #cse_sparse.adder_tree<num_inputs = 3, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi16>>,
  row_ptr = dense<[0, 1, 2]> : tensor<3xi32>, col_idx = dense<[0, 2]> : tensor<2xi32>, values = dense<[300, -1]> : tensor<2xi16>>
// CHECK-DAG: memref.global "private" constant @{{.+}}entries : memref<2x2xi16> = dense<{{\[\[}}0, 300], [2, -1]]>
// CHECK-LABEL: func.func @csr
// CHECK-NOT: nodes
// CHECK: memref.alloca() : memref<3xi32>
// CHECK: arith.extui %{{.+}} : i8 to i32
// CHECK: arith.extsi %{{.+}} : i16 to i32
func.func @csr(%x: memref<3x1xi8>, %y: memref<2x1xi32>) {
  // expected-remark @+1 {{convert-cse-sparse-to-scf: 2x3, 0 nodes in 0 scratch slots, scratch 12 bytes, tables 10 bytes}}
  cse_sparse.matmul #csr unsigned_input ins(%x : memref<3x1xi8>) outs(%y : memref<2x1xi32>)
  return
}

// -----

// An all-zero weight leaves init as it is: the op just goes away.
#zero = #cse_sparse.ecsr<type = tensor<2x3xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 3, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>,
  row_ptr = dense<0> : tensor<3xi32>, col_idx = dense<> : tensor<0xi32>, values = dense<> : tensor<0xi8>>
// CHECK-LABEL: func.func @zero
// CHECK-NEXT: return
func.func @zero(%x: memref<3x1xi8>, %y: memref<2x1xi32>) {
  cse_sparse.matmul #zero ins(%x : memref<3x1xi8>) outs(%y : memref<2x1xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<1x1xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 1, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>,
  row_ptr = dense<[0, 1]> : tensor<2xi32>, col_idx = dense<[0]> : tensor<1xi32>, values = dense<[3]> : tensor<1xi8>>
func.func @tensors(%x: tensor<1x1xi8>, %y: tensor<1x1xi32>) -> tensor<1x1xi32> {
  // expected-error @+1 {{'cse_sparse.matmul' op must be bufferized before convert-cse-sparse-to-scf (run one-shot-bufferize)}}
  %r = cse_sparse.matmul #w ins(%x : tensor<1x1xi8>) outs(%y : tensor<1x1xi32>) -> tensor<1x1xi32>
  return %r : tensor<1x1xi32>
}

// -----

// Stored B x N and B x M (the linear layer): the kernel indexes them that
// way round, no copy.
#w = #cse_sparse.ecsr<type = tensor<1x2xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 2, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>,
  row_ptr = dense<[0, 2]> : tensor<2xi32>, col_idx = dense<[0, 1]> : tensor<2xi32>, values = dense<[3, -3]> : tensor<2xi8>>
// CHECK-LABEL: func.func @transposed
// CHECK-SAME: (%[[X:.+]]: memref<5x2xi8>, %[[Y:.+]]: memref<5x1xi32>)
// CHECK: %[[B:.+]] = memref.dim %[[Y]], %{{.+}} : memref<5x1xi32>
// CHECK: scf.for %[[COL:.+]] = %{{.+}} to %[[B]]
// CHECK:   scf.for %[[I:.+]] =
// CHECK:     memref.load %[[X]][%[[COL]], %[[I]]]
// CHECK:   scf.for %[[R:[^ ]+]] =
// CHECK:     memref.load %[[Y]][%[[COL]], %[[R]]]
// CHECK:     memref.store %{{.+}}, %[[Y]][%[[COL]], %[[R]]]
// CHECK-NOT: memref.copy
func.func @transposed(%x: memref<5x2xi8>, %y: memref<5x1xi32>) {
  // expected-remark @+1 {{1x2, 0 nodes in 0 scratch slots, scratch 8 bytes, tables 5 bytes}}
  cse_sparse.matmul #w ins(%x : memref<5x2xi8> transposed) outs(%y : memref<5x1xi32> transposed)
  return
}

// -----

// Float weights keep one table per field; indices unsigned and narrow.
#wf = #cse_sparse.ecsr<type = tensor<2x3xf32>,
  tree = #cse_sparse.adder_tree<num_inputs = 3,
    operands = dense<[[0, 2]]> : tensor<1x2xi32>,
    coefficients = dense<[[0.5, 1.0]]> : tensor<1x2xf32>>,
  row_ptr = dense<[0, 1, 3]> : tensor<3xi32>,
  col_idx = dense<[3, 1, 3]> : tensor<3xi32>,
  values = dense<[1.0, 2.0, -1.0]> : tensor<3xf32>>
// CHECK-DAG: memref.global "private" constant @{{.+}}node_lhs_coef : memref<1xf32> = dense<5.000000e-01>
// CHECK-DAG: memref.global "private" constant @{{.+}}operands : memref<3xi8> = dense<[3, 1, 3]>
// CHECK-DAG: memref.global "private" constant @{{.+}}values : memref<3xf32> = dense<[1.000000e+00, 2.000000e+00, -1.000000e+00]>
// CHECK-LABEL: func.func @floats
// CHECK: memref.alloca() : memref<4xf32>
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @floats(%x: memref<3x1xf32>, %y: memref<2x1xf32>) {
  // expected-remark @+1 {{2x3, 1 nodes in 1 scratch slots (upfront), scratch 16 bytes, tables}}
  cse_sparse.matmul #wf ins(%x : memref<3x1xf32>) outs(%y : memref<2x1xf32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 8,
    operands = dense<[[0, 3]]> : tensor<1x2xi32>,
    coefficients = dense<[[1, -2]]> : tensor<1x2xi8>>,
  row_ptr = dense<[0, 2, 4, 6, 7]> : tensor<5xi32>,
  col_idx = dense<[6, 8, 1, 4, 5, 8, 7]> : tensor<7xi32>,
  values = dense<[1, 1, 3, 1, 1, 1, 7]> : tensor<7xi8>>

// A bias is one more table, in the accumulator's type, added once per output
// when its accumulator is loaded.
// CHECK-DAG: memref.global "private" constant @[[$BIAS:.+]] : memref<4xi32> = dense<[5, 6, 7, 8]>
// CHECK-LABEL: func.func @bias
// CHECK: %[[BT:.+]] = memref.get_global @[[$BIAS]]
// CHECK: scf.for %[[R:[^ ]+]] = {{.+}} iter_args
// CHECK:   %[[ACC0:.+]] = memref.load %{{.+}}[%[[R]], %{{.+}}]
// CHECK:   %[[BV:.+]] = memref.load %[[BT]][%[[R]]]
// CHECK:   arith.addi %[[ACC0]], %[[BV]] : i32
func.func @bias(%x: memref<8x?xi8>, %y: memref<4x?xi32>) {
  // expected-remark @+1 {{convert-cse-sparse-to-scf: 4x8, 1 nodes in 1 scratch slots (upfront), scratch 36 bytes, tables 39 bytes}}
  cse_sparse.matmul #w bias(dense<[5, 6, 7, 8]> : tensor<4xi32>) ins(%x : memref<8x?xi8>) outs(%y : memref<4x?xi32>)
  return
}

// A weight without entries still adds its bias: one loop over the outputs,
// no scratch.
// CHECK-LABEL: func.func @bias_only
// CHECK-NOT: memref.alloca
// CHECK: scf.for
// CHECK:   scf.for
// CHECK:     memref.load
// CHECK:     memref.load
// CHECK:     arith.addi
// CHECK:     memref.store
// CHECK-NOT: cse_sparse.matmul
#zero = #cse_sparse.ecsr<type = tensor<2x3xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 3, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>,
  row_ptr = dense<[0, 0, 0]> : tensor<3xi32>, col_idx = dense<> : tensor<0xi32>, values = dense<> : tensor<0xi8>>
func.func @bias_only(%x: memref<3x4xi8>, %y: memref<2x4xi32>) {
  cse_sparse.matmul #zero bias(dense<[1, -1]> : tensor<2xi32>) ins(%x : memref<3x4xi8>) outs(%y : memref<2x4xi32>)
  return
}

// A convolution: #w as 4 filters of a 2x2 window over 2 channels. The
// columns are the output pixels (n, oh, ow); each gathers its patch into the
// scratch, tap (kh, kw) of channel c into slot (kh*2 + kw)*2 + c, reading
// the input at (oh*2 + kh - 1, ow + kw*2 - 1) with strides [2, 1], dilations
// [1, 2], one row and one column of padding at the top and left. A tap in
// the padding stores the pad value, sign-extended like the input. The rows
// then store to init[n, oh, ow, f].
// CHECK-LABEL: func.func @conv
// CHECK-SAME: (%[[X:.+]]: memref<?x3x4x2xi8>, %[[Y:.+]]: memref<?x2x2x4xi32>)
// CHECK: %[[SCRATCH:.+]] = memref.alloca() : memref<9xi32>
// CHECK: %[[N:.+]] = memref.dim %[[Y]], %{{.+}} : memref<?x2x2x4xi32>
// CHECK: scf.for %[[B:.+]] = %{{.+}} to %[[N]]
// CHECK:   scf.for %[[OH:.+]] =
// CHECK:     scf.for %[[OW:.+]] =
// CHECK:       scf.for %[[KH:.+]] =
// CHECK:         scf.for %[[KW:.+]] =
// CHECK:           %[[IN:.+]] = arith.andi
// CHECK:           scf.if %[[IN]] {
// CHECK:             scf.for %[[C:.+]] =
// CHECK:               %[[XV:.+]] = memref.load %[[X]][%[[B]], %{{.+}}, %{{.+}}, %[[C]]]
// CHECK:               arith.extsi %[[XV]] : i8 to i32
// CHECK:           } else {
// CHECK:             %[[PAD:.+]] = arith.constant -128 : i8
// CHECK:             %[[PADE:.+]] = arith.extsi %[[PAD]] : i8 to i32
// CHECK:             scf.for
// CHECK:               memref.store %[[PADE]], %[[SCRATCH]]
// CHECK:       scf.for %[[F:[^ ]+]] =
// CHECK:         memref.load %[[Y]][%[[B]], %[[OH]], %[[OW]], %[[F]]]
// CHECK:         memref.store %{{.+}}, %[[Y]][%[[B]], %[[OH]], %[[OW]], %[[F]]]
func.func @conv(%x: memref<?x3x4x2xi8>, %y: memref<?x2x2x4xi32>) {
  // expected-remark @+1 {{convert-cse-sparse-to-scf: 4x8, 1 nodes in 1 scratch slots (upfront), scratch 36 bytes, tables 23 bytes}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [2, 1] dilations [1, 2] padding [1, 0, 1, 0] pad_value -128 : i8
    ins(%x : memref<?x3x4x2xi8>) outs(%y : memref<?x2x2x4xi32>)
  return
}

// Without padding there is no bounds check; nchw indexes channels second.
// CHECK-LABEL: func.func @conv_nchw
// CHECK-SAME: (%[[X:.+]]: memref<1x2x3x3xi8>, %[[Y:.+]]: memref<1x4x2x2xi32>)
// CHECK-NOT: scf.if
// CHECK: memref.load %[[X]][%{{.+}}, %[[C:.+]], %{{.+}}, %{{.+}}]
// CHECK: memref.load %[[Y]][%{{.+}}, %[[F:.+]], %{{.+}}, %{{.+}}]
func.func @conv_nchw(%x: memref<1x2x3x3xi8>, %y: memref<1x4x2x2xi32>) {
  // expected-remark @+1 {{convert-cse-sparse-to-scf: 4x8}}
  cse_sparse.conv_2d #w nchw window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0]
    ins(%x : memref<1x2x3x3xi8>) outs(%y : memref<1x4x2x2xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>,
  row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>

// On tensors, the conv_2d op must be bufferized first.
func.func @conv_tensors(%x: tensor<1x2x3x3xi8>, %y: tensor<1x4x2x2xi32>) -> tensor<1x4x2x2xi32> {
  // expected-error @+1 {{'cse_sparse.conv_2d' op must be bufferized before convert-cse-sparse-to-scf (run one-shot-bufferize)}}
  %r = cse_sparse.conv_2d #w nchw window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0]
    ins(%x : tensor<1x2x3x3xi8>) outs(%y : tensor<1x4x2x2xi32>) -> tensor<1x4x2x2xi32>
  return %r : tensor<1x4x2x2xi32>
}

// -----

// A scratch buffer no target can address (issue 12, row 4: with 2^63 - 1
// inputs it was silently truncated; the verifier now stops that one, this is
// the limit below it).
#huge = #cse_sparse.ecsr<type = tensor<1x1000000000xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 1000000000, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>,
  row_ptr = dense<[0, 1]> : tensor<2xi32>, col_idx = dense<[999999999]> : tensor<1xi32>, values = dense<[1]> : tensor<1xi8>>
func.func @huge_scratch(%x: memref<1000000000x1xi8>, %y: memref<1x1xi32>) {
  // expected-error @+1 {{'cse_sparse.matmul' op needs a scratch buffer of 4000000004 bytes (inputs and live nodes), over 2 GiB}}
  cse_sparse.matmul #huge ins(%x : memref<1000000000x1xi8>) outs(%y : memref<1x1xi32>)
  return
}
