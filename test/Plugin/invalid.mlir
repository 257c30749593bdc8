// Our verifiers run inside upstream mlir-opt with the plugin.
// REQUIRES: packaging
// RUN: mlir-opt %s --load-dialect-plugin=%cse_sparse_plugin \
// RUN:   -split-input-file -verify-diagnostics

// expected-error @+1 {{node 0: operands (0, 4) must satisfy 0 <= lhs < rhs < 4 (topological order)}}
func.func private @f() attributes {w = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 4]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 8,
    operands = dense<> : tensor<0x2xi32>,
    coefficients = dense<> : tensor<0x2xi8>>,
  row_ptr = dense<[0, 1, 1, 1, 1]> : tensor<5xi32>,
  col_idx = dense<[0]> : tensor<1xi32>,
  values = dense<[1]> : tensor<1xi8>>

func.func @f(%x: tensor<8x2xi8>, %acc: tensor<3x2xi32>) -> tensor<3x2xi32> {
  // expected-error @+1 {{'cse_sparse.matmul' op init (M x B) has M = 3, the weight has 4 rows}}
  %y = cse_sparse.matmul #w ins(%x : tensor<8x2xi8>) outs(%acc : tensor<3x2xi32>) -> tensor<3x2xi32>
  return %y : tensor<3x2xi32>
}
