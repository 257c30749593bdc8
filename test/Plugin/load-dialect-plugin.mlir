// Upstream mlir-opt parses and prints the cse_sparse dialect once
// CseSparsePlugin.so is loaded with --load-dialect-plugin, and only then.
// REQUIRES: packaging
// RUN: mlir-opt %s --load-dialect-plugin=%cse_sparse_plugin \
// RUN:   | mlir-opt --load-dialect-plugin=%cse_sparse_plugin | FileCheck %s
// RUN: mlir-opt --load-dialect-plugin=%cse_sparse_plugin --show-dialects \
// RUN:   | FileCheck %s --check-prefix=DIALECTS
// RUN: not mlir-opt %s 2>&1 | FileCheck %s --check-prefix=NOPLUGIN

// DIALECTS: cse_sparse
// NOPLUGIN: error: #"cse_sparse"<"ecsr<
// NOPLUGIN: attribute created with unregistered dialect

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 8,
    operands = dense<[[0, 3]]> : tensor<1x2xi32>,
    coefficients = dense<[[1, -2]]> : tensor<1x2xi8>>,
  row_ptr = dense<[0, 2, 4, 6, 7]> : tensor<5xi32>,
  col_idx = dense<[6, 8, 1, 4, 5, 8, 7]> : tensor<7xi32>,
  values = dense<[1, 1, 3, 1, 1, 1, 7]> : tensor<7xi8>>

// CHECK-LABEL: func.func @tensors
// CHECK-SAME: (%[[X:.+]]: tensor<8x2xi8>, %[[ACC:.+]]: tensor<4x2xi32>)
// CHECK: %[[Y:.+]] = cse_sparse.matmul <type = tensor<4x8xi8>, tree = <num_inputs = 8, operands = dense<{{\[\[}}0, 3]]>
// CHECK-SAME: ins(%[[X]] : tensor<8x2xi8>) outs(%[[ACC]] : tensor<4x2xi32>) -> tensor<4x2xi32>
// CHECK: return %[[Y]]
func.func @tensors(%x: tensor<8x2xi8>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %y = cse_sparse.matmul #w ins(%x : tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y : tensor<4x2xi32>
}
