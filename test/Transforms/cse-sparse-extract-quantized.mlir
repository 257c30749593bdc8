// RUN: cse-opt %s --cse-sparse-extract=cost-model=none | FileCheck %s

// examples/models/quantized_int8.mlir: y = (x - 3) * W^T with W^T constant.
// The activation zero point folds into a bias -3 * (row sums of W) = [0, -12,
// 0, -21] that the op adds to each output (no extra pass over the result);
// W itself is the linear example's weight.
// CHECK-LABEL: func.func @quantized
// CHECK-SAME: (%[[X:.+]]: tensor<2x8xi8>)
// CHECK: %[[ACC:.+]] = tensor.empty()
// CHECK-NOT: linalg.add
// CHECK: %[[Y:.+]] = cse_sparse.matmul <type = tensor<4x8xi8>, tree = <num_inputs = 8, operands = dense<{{\[\[}}0, 3]]>
// CHECK-SAME: bias(dense<[0, -12, 0, -21]> : tensor<4xi32>) overwrite_init
// CHECK-SAME: ins(%[[X]] : tensor<2x8xi8> transposed) outs(%[[ACC]] : tensor<2x4xi32> transposed)
// CHECK: return %[[Y]]
// CHECK-NOT: linalg.quantized_matmul
func.func @quantized(%x: tensor<2x8xi8>) -> tensor<2x4xi32> {
  %wt = arith.constant dense<[[1, 0, 1, 0], [0, 3, 0, 0], [0, 0, 0, 0], [-2, 0, -2, 0],
                              [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 7]]> : tensor<8x4xi8>
  %x_zp = arith.constant 3 : i32
  %w_zp = arith.constant 0 : i32
  %zero = arith.constant 0 : i32
  %init = tensor.empty() : tensor<2x4xi32>
  %acc = linalg.fill ins(%zero : i32) outs(%init : tensor<2x4xi32>) -> tensor<2x4xi32>
  %y = linalg.quantized_matmul ins(%x, %wt, %x_zp, %w_zp : tensor<2x8xi8>, tensor<8x4xi8>, i32, i32)
         outs(%acc : tensor<2x4xi32>) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

// A weight zero point shifts every entry: W = (Wt - 1)^T = [[1, -1, -128],
// [1, -1, 0]] (still i8), rows sharing x0 - x1; the bias is -2 * row sums of W.
// CHECK-LABEL: func.func @weight_zero_point
// CHECK: cse_sparse.matmul <type = tensor<2x3xi8>, tree = <num_inputs = 3, operands = dense<{{\[\[}}0, 1]]> : tensor<1x2xi32>, coefficients = dense<{{\[\[}}1, -1]]>
// CHECK-SAME: values = dense<[-128, 1, 1]> : tensor<3xi8>> bias(dense<[256, 0]> : tensor<2xi32>)
func.func @weight_zero_point(%x: tensor<5x3xi8>, %acc: tensor<5x2xi32>) -> tensor<5x2xi32> {
  %wt = arith.constant dense<[[2, 2], [0, 0], [-127, 1]]> : tensor<3x2xi8>
  %x_zp = arith.constant 2 : i32
  %w_zp = arith.constant 1 : i32
  %y = linalg.quantized_matmul ins(%x, %wt, %x_zp, %w_zp : tensor<5x3xi8>, tensor<3x2xi8>, i32, i32)
         outs(%acc : tensor<5x2xi32>) -> tensor<5x2xi32>
  return %y : tensor<5x2xi32>
}

// Zero points that are not constants leave the op alone.
// CHECK-LABEL: func.func @dynamic_zero_point
// CHECK: linalg.quantized_matmul
// CHECK-NOT: cse_sparse.matmul
func.func @dynamic_zero_point(%x: tensor<2x8xi8>, %zp: i32, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %wt = arith.constant dense<[[1, 0, 1, 0], [0, 3, 0, 0], [0, 0, 0, 0], [-2, 0, -2, 0],
                              [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 7]]> : tensor<8x4xi8>
  %c0 = arith.constant 0 : i32
  %y = linalg.quantized_matmul ins(%x, %wt, %zp, %c0 : tensor<2x8xi8>, tensor<8x4xi8>, i32, i32)
         outs(%acc : tensor<2x4xi32>) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}
