// RUN: cse-opt %s --cse-sparse-extract=cost-model=none | FileCheck %s

// The usual linear layer, y = x * W^T (examples/models/linear_int8.mlir): rows
// 0 and 2 of W share x0 - 2*x3. The product is W * x^T with x and the result
// in their stored layout (`transposed`): no copies.
// CHECK-LABEL: func.func @linear
// CHECK-SAME: (%[[X:.+]]: tensor<2x8xi8>)
// The zero fill folds away: the op overwrites an empty init.
// CHECK-NOT: linalg.fill
// CHECK: %[[ACC:.+]] = tensor.empty() : tensor<2x4xi32>
// CHECK-NOT: linalg.transpose
// CHECK: %[[Y:.+]] = cse_sparse.matmul <type = tensor<4x8xi8>, tree = <num_inputs = 8, operands = dense<{{\[\[}}0, 3]]> : tensor<1x2xi32>, coefficients = dense<{{\[\[}}1, -2]]> : tensor<1x2xi8>>,
// CHECK-SAME: col_idx = dense<[6, 8, 1, 4, 5, 8, 7]>
// CHECK-SAME: > overwrite_init ins(%[[X]] : tensor<2x8xi8> transposed) outs(%[[ACC]] : tensor<2x4xi32> transposed) -> tensor<2x4xi32>
// CHECK: return %[[Y]]
// CHECK-NOT: linalg.matmul
func.func @linear(%x: tensor<2x8xi8>) -> tensor<2x4xi32> {
  %w = arith.constant dense<[[1, 0, 0, -2, 0, 0, 1, 0],
                             [0, 3, 0, 0, 1, 0, 0, 0],
                             [1, 0, 0, -2, 0, 1, 0, 0],
                             [0, 0, 0, 0, 0, 0, 0, 7]]> : tensor<4x8xi8>
  %zero = arith.constant 0 : i32
  %init = tensor.empty() : tensor<2x4xi32>
  %acc = linalg.fill ins(%zero : i32) outs(%init : tensor<2x4xi32>) -> tensor<2x4xi32>
  %y = linalg.matmul
         indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                          affine_map<(m, n, k) -> (n, k)>,
                          affine_map<(m, n, k) -> (m, n)>]
         ins(%x, %w : tensor<2x8xi8>, tensor<4x8xi8>)
         outs(%acc : tensor<2x4xi32>) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

// The weight on the left, y = W * x: no transposes.
// CHECK-LABEL: func.func @weight_left
// CHECK-SAME: (%[[X:.+]]: tensor<4x3xi8>, %[[ACC:.+]]: tensor<3x3xi32>)
// CHECK-NOT: linalg.transpose
// CHECK: %[[Y:.+]] = cse_sparse.matmul <type = tensor<3x4xi8>{{.*}}> ins(%[[X]] : tensor<4x3xi8>) outs(%[[ACC]] : tensor<3x3xi32>) -> tensor<3x3xi32>
// CHECK: return %[[Y]]
func.func @weight_left(%x: tensor<4x3xi8>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %w = arith.constant dense<[[1, 1, 0, 2], [1, 1, 5, 0], [1, 1, 0, -1]]> : tensor<3x4xi8>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>)
                     outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}

// The weight on the right, stored K x M (y = x * Wt): the ECSR is Wt^T (3 x 4),
// rows x0 + x1 + 2*x3, x0 + x1 + 5*x2 and x0 + x1 - x3 sharing node 4 = x0 + x1.
// CHECK-LABEL: func.func @weight_right
// CHECK: cse_sparse.matmul <type = tensor<3x4xi8>, tree = <num_inputs = 4, operands = dense<{{\[\[}}0, 1]]>
// CHECK-SAME: row_ptr = dense<[0, 2, 4, 6]> : tensor<4xi32>, col_idx = dense<[3, 4, 2, 4, 3, 4]> : tensor<6xi32>, values = dense<[2, 1, 5, 1, -1, 1]> : tensor<6xi8>>
func.func @weight_right(%x: tensor<2x4xi8>, %acc: tensor<2x3xi32>) -> tensor<2x3xi32> {
  %wt = arith.constant dense<[[1, 1, 1], [1, 1, 1], [0, 5, 0], [2, 0, -1]]> : tensor<4x3xi8>
  %y = linalg.matmul ins(%x, %wt : tensor<2x4xi8>, tensor<4x3xi8>)
                     outs(%acc : tensor<2x3xi32>) -> tensor<2x3xi32>
  return %y : tensor<2x3xi32>
}

// Left alone: a weight that is not a constant, ...
// CHECK-LABEL: func.func @not_constant
// CHECK: linalg.matmul
// CHECK-NOT: cse_sparse.matmul
func.func @not_constant(%w: tensor<3x4xi8>, %x: tensor<4x3xi8>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>)
                     outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}

// ... float weights without float-weights=1 (sharing reassociates sums), ...
// CHECK-LABEL: func.func @float_weight
// CHECK: linalg.matmul
// CHECK-NOT: cse_sparse.matmul
func.func @float_weight(%x: tensor<4x3xf32>, %acc: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %w = arith.constant dense<[[1.0, 1.0, 0.0, 2.0], [1.0, 1.0, 5.0, 0.0], [1.0, 1.0, 0.0, -1.0]]> : tensor<3x4xf32>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xf32>, tensor<4x3xf32>)
                     outs(%acc : tensor<3x3xf32>) -> tensor<3x3xf32>
  return %y : tensor<3x3xf32>
}

// ... and a weight with nothing to share.
// CHECK-LABEL: func.func @nothing_shared
// CHECK: linalg.matmul
// CHECK-NOT: cse_sparse.matmul
func.func @nothing_shared(%x: tensor<3x2xi8>, %acc: tensor<3x2xi32>) -> tensor<3x2xi32> {
  %w = arith.constant dense<[[1, 0, 0], [0, 2, 0], [0, 0, 3]]> : tensor<3x3xi8>
  %y = linalg.matmul ins(%w, %x : tensor<3x3xi8>, tensor<3x2xi8>)
                     outs(%acc : tensor<3x2xi32>) -> tensor<3x2xi32>
  return %y : tensor<3x2xi32>
}
