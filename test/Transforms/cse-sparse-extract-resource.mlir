// RUN: cse-opt %s --cse-sparse-extract=cost-model=none | FileCheck %s

// Weights as dense_resource blobs, as front ends emit them: the blob holds
// [[1, 1, 0, 2], [1, 1, 5, 0], [1, 1, 0, -1]] (i8, after the 4-byte alignment
// header), and the result matches the dense case in cse-sparse-extract.mlir.
// CHECK-LABEL: func.func @linear_resource
// CHECK: cse_sparse.matmul <type = tensor<3x4xi8>, tree = <num_inputs = 4, operands = dense<{{\[\[}}0, 1]]> : tensor<1x2xi32>, coefficients = dense<1> : tensor<1x2xi8>>,
// CHECK-SAME: row_ptr = dense<[0, 2, 4, 6]> : tensor<4xi32>, col_idx = dense<[3, 4, 2, 4, 3, 4]> : tensor<6xi32>, values = dense<[2, 1, 5, 1, -1, 1]> : tensor<6xi8>>
// CHECK-NOT: linalg.matmul
func.func @linear_resource(%x: tensor<4x3xi8>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %w = arith.constant dense_resource<weights> : tensor<3x4xi8>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>)
                     outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}

{-#
  dialect_resources: {
    builtin: {
      weights: "0x010000000101000201010500010100FF"
    }
  }
#-}
