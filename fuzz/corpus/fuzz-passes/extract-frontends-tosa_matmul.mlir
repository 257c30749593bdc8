func.func @tosa_matmul(%x: tensor<1x2x8xi8>, %acc: tensor<1x2x4xi32>) -> tensor<1x2x4xi32> {
  %wt = arith.constant dense<[[[1, 0, 1, 0], [0, 3, 0, 0], [0, 0, 0, 0], [-2, 0, -2, 0],
                               [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 7]]]> : tensor<1x8x4xi8>
  %y = linalg.batch_matmul ins(%x, %wt : tensor<1x2x8xi8>, tensor<1x8x4xi8>) outs(%acc : tensor<1x2x4xi32>) -> tensor<1x2x4xi32>
  return %y : tensor<1x2x4xi32>
}

func.func @tosa_quantized_matmul(%x: tensor<1x2x8xi8>, %acc: tensor<1x2x4xi32>) -> tensor<1x2x4xi32> {
  %w2 = arith.constant dense<[[1, 0, 1, 0], [0, 3, 0, 0], [0, 0, 0, 0], [-2, 0, -2, 0],
                              [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 7]]> : tensor<8x4xi8>
  %wt = tensor.expand_shape %w2 [[0, 1], [2]] output_shape [1, 8, 4] : tensor<8x4xi8> into tensor<1x8x4xi8>
  %xzp = arith.constant 3 : i32
  %wzp = arith.constant 0 : i32
  %y = linalg.quantized_batch_matmul ins(%x, %wt, %xzp, %wzp : tensor<1x2x8xi8>, tensor<1x8x4xi8>, i32, i32) outs(%acc : tensor<1x2x4xi32>) -> tensor<1x2x4xi32>
  return %y : tensor<1x2x4xi32>
}

func.func @reshaped(%x: tensor<8x1xi8>, %acc: tensor<4x1xi32>) -> tensor<4x1xi32> {
  %flat = arith.constant dense<[1, 0, 0, -2, 0, 0, 1, 0, 0, 3, 0, 0, 1, 0, 0, 0,
                                1, 0, 0, -2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7]> : tensor<32xi8>
  %shape = arith.constant dense<[4, 8]> : tensor<2xi64>
  %w = tensor.reshape %flat(%shape) : (tensor<32xi8>, tensor<2xi64>) -> tensor<4x8xi8>
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x1xi8>) outs(%acc : tensor<4x1xi32>) -> tensor<4x1xi32>
  return %y : tensor<4x1xi32>
}
