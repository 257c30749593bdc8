func.func @reshaped_fill(%x: tensor<8x3xi8>) -> tensor<4x3xi32> {
  %w = arith.constant dense<[[1, 0, 0, -2, 0, 0, 1, 0],
                             [0, 3, 0, 0, 1, 0, 0, 0],
                             [1, 0, 0, -2, 0, 1, 0, 0],
                             [0, 0, 0, 0, 0, 0, 0, 7]]> : tensor<4x8xi8>
  %c0 = arith.constant 0 : i32
  %init = tensor.empty() : tensor<1x4x3xi32>
  %fill = linalg.fill ins(%c0 : i32) outs(%init : tensor<1x4x3xi32>) -> tensor<1x4x3xi32>
  %acc = tensor.collapse_shape %fill [[0, 1], [2]] : tensor<1x4x3xi32> into tensor<4x3xi32>
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x3xi8>) outs(%acc : tensor<4x3xi32>) -> tensor<4x3xi32>
  return %y : tensor<4x3xi32>
}
