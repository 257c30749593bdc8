// RUN: cse-opt %s | cse-opt | FileCheck %s

// The linear_int8 example's weight (examples/models/linear_int8.mlir) with the
// shared x0 - 2*x3 of rows 0 and 2 as node 8.
// CHECK-LABEL: func.func private @linear_weight()
// CHECK-SAME: weight = #cse_sparse.ecsr<type = tensor<4x8xi8>,
// CHECK-SAME: tree = <num_inputs = 8, operands = dense<{{\[\[}}0, 3]]> : tensor<1x2xi32>, coefficients = dense<{{\[\[}}1, -2]]> : tensor<1x2xi8>>,
// CHECK-SAME: row_ptr = dense<[0, 2, 4, 6, 7]> : tensor<5xi32>,
// CHECK-SAME: col_idx = dense<[6, 8, 1, 4, 5, 8, 7]> : tensor<7xi32>,
// CHECK-SAME: values = dense<[1, 1, 3, 1, 1, 1, 7]> : tensor<7xi8>>
func.func private @linear_weight() attributes {weight = #cse_sparse.ecsr<
  type = tensor<4x8xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 8,
    operands = dense<[[0, 3]]> : tensor<1x2xi32>,
    coefficients = dense<[[1, -2]]> : tensor<1x2xi8>>,
  row_ptr = dense<[0, 2, 4, 6, 7]> : tensor<5xi32>,
  col_idx = dense<[6, 8, 1, 4, 5, 8, 7]> : tensor<7xi32>,
  values = dense<[1, 1, 3, 1, 1, 1, 7]> : tensor<7xi8>>}

// A tree of depth 2 (node 5 uses node 4), float weights, and an empty row.
// CHECK-LABEL: func.func private @float_tree()
// CHECK-SAME: tree = <num_inputs = 4, operands = dense<{{\[\[}}0, 1], [2, 4]]> : tensor<2x2xi32>, coefficients = dense<{{\[\[}}5.000000e-01, 1.000000e+00], [1.000000e+00, 1.000000e+00]]> : tensor<2x2xf32>>
// CHECK-SAME: row_ptr = dense<[0, 1, 1, 3]> : tensor<4xi64>
func.func private @float_tree() attributes {weight = #cse_sparse.ecsr<
  type = tensor<3x4xf32>,
  tree = #cse_sparse.adder_tree<num_inputs = 4,
    operands = dense<[[0, 1], [2, 4]]> : tensor<2x2xi32>,
    coefficients = dense<[[0.5, 1.0], [1.0, 1.0]]> : tensor<2x2xf32>>,
  row_ptr = dense<[0, 1, 1, 3]> : tensor<4xi64>,
  col_idx = dense<[5, 3, 4]> : tensor<3xi64>,
  values = dense<[2.0, -1.0, 1.0]> : tensor<3xf32>>}

// No nodes at all: plain CSR.
// CHECK-LABEL: func.func private @plain()
// CHECK-SAME: operands = dense<> : tensor<0x2xi32>
func.func private @plain() attributes {weight = #cse_sparse.ecsr<
  type = tensor<2x3xi16>,
  tree = #cse_sparse.adder_tree<num_inputs = 3,
    operands = dense<> : tensor<0x2xi32>,
    coefficients = dense<> : tensor<0x2xi16>>,
  row_ptr = dense<[0, 1, 2]> : tensor<3xi32>,
  col_idx = dense<[2, 0]> : tensor<2xi32>,
  values = dense<[-300, 300]> : tensor<2xi16>>}
