func.func @small(%x: tensor<8x2xi8>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %w = arith.constant sparse<[[0, 0], [0, 3], [0, 6], [1, 1], [1, 4], [2, 0], [2, 3], [2, 5], [3, 7]], [1, -2, 1, 3, 1, 1, -2, 1, 7]> : tensor<4x8xi8>
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y : tensor<4x2xi32>
}

func.func @transposed(%x: tensor<8x2xi8>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %wt = arith.constant sparse<[[7, 3], [0, 0], [3, 0], [6, 0], [1, 1], [4, 1], [0, 2], [3, 2], [5, 2]], [7, 1, -2, 1, 3, 1, 1, -2, 1]> : tensor<8x4xi8>
  %e = tensor.empty() : tensor<4x8xi8>
  %w = linalg.transpose ins(%wt : tensor<8x4xi8>) outs(%e : tensor<4x8xi8>) permutation = [1, 0]
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y : tensor<4x2xi32>
}
