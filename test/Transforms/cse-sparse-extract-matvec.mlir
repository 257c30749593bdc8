// RUN: cse-opt %s --cse-sparse-extract=cost-model=none | FileCheck %s

// matvec and vecmat with the same weight W (vecmat stores it as W^T) give the
// same extended CSR; vectors become N x 1 columns around cse_sparse.matmul.
// CHECK-LABEL: func.func @matvec
// CHECK-SAME: (%[[X:.+]]: tensor<4xi8>, %[[ACC:.+]]: tensor<3xi32>)
// CHECK: %[[XC:.+]] = tensor.expand_shape %[[X]] {{\[\[}}0, 1]] output_shape [4, 1] : tensor<4xi8> into tensor<4x1xi8>
// CHECK: %[[AC:.+]] = tensor.expand_shape %[[ACC]] {{\[\[}}0, 1]] output_shape [3, 1] : tensor<3xi32> into tensor<3x1xi32>
// CHECK: %[[Y:.+]] = cse_sparse.matmul <type = tensor<3x4xi8>, [[$ECSR:.+]]> ins(%[[XC]] : tensor<4x1xi8>) outs(%[[AC]] : tensor<3x1xi32>) -> tensor<3x1xi32>
// CHECK: %[[R:.+]] = tensor.collapse_shape %[[Y]] {{\[\[}}0, 1]] : tensor<3x1xi32> into tensor<3xi32>
// CHECK: return %[[R]]
func.func @matvec(%x: tensor<4xi8>, %acc: tensor<3xi32>) -> tensor<3xi32> {
  %w = arith.constant dense<[[1, 1, 0, 2], [1, 1, 5, 0], [1, 1, 0, -1]]> : tensor<3x4xi8>
  %y = linalg.matvec ins(%w, %x : tensor<3x4xi8>, tensor<4xi8>)
                     outs(%acc : tensor<3xi32>) -> tensor<3xi32>
  return %y : tensor<3xi32>
}

// CHECK-LABEL: func.func @vecmat
// CHECK: cse_sparse.matmul <type = tensor<3x4xi8>, [[$ECSR]]> ins(%{{.+}} : tensor<4x1xi8>) outs(%{{.+}} : tensor<3x1xi32>)
// CHECK: tensor.collapse_shape
func.func @vecmat(%x: tensor<4xi8>, %acc: tensor<3xi32>) -> tensor<3xi32> {
  %wt = arith.constant dense<[[1, 1, 1], [1, 1, 1], [0, 5, 0], [2, 0, -1]]> : tensor<4x3xi8>
  %y = linalg.vecmat ins(%x, %wt : tensor<4xi8>, tensor<4x3xi8>)
                     outs(%acc : tensor<3xi32>) -> tensor<3xi32>
  return %y : tensor<3xi32>
}

// A matvec whose vector is the constant is not a constant-weight product here.
// CHECK-LABEL: func.func @constant_vector
// CHECK: linalg.matvec
// CHECK-NOT: cse_sparse.matmul
func.func @constant_vector(%a: tensor<3x4xi8>, %acc: tensor<3xi32>) -> tensor<3xi32> {
  %x = arith.constant dense<[1, 1, 0, 2]> : tensor<4xi8>
  %y = linalg.matvec ins(%a, %x : tensor<3x4xi8>, tensor<4xi8>)
                     outs(%acc : tensor<3xi32>) -> tensor<3xi32>
  return %y : tensor<3xi32>
}
