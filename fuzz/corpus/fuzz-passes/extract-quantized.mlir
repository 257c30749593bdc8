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

func.func @weight_zero_point(%x: tensor<5x3xi8>, %acc: tensor<5x2xi32>) -> tensor<5x2xi32> {
  %wt = arith.constant dense<[[2, 2], [0, 0], [-127, 1]]> : tensor<3x2xi8>
  %x_zp = arith.constant 2 : i32
  %w_zp = arith.constant 1 : i32
  %y = linalg.quantized_matmul ins(%x, %wt, %x_zp, %w_zp : tensor<5x3xi8>, tensor<3x2xi8>, i32, i32)
         outs(%acc : tensor<5x2xi32>) -> tensor<5x2xi32>
  return %y : tensor<5x2xi32>
}

func.func @dynamic_zero_point(%x: tensor<2x8xi8>, %zp: i32, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %wt = arith.constant dense<[[1, 0, 1, 0], [0, 3, 0, 0], [0, 0, 0, 0], [-2, 0, -2, 0],
                              [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 7]]> : tensor<8x4xi8>
  %c0 = arith.constant 0 : i32
  %y = linalg.quantized_matmul ins(%x, %wt, %zp, %c0 : tensor<2x8xi8>, tensor<8x4xi8>, i32, i32)
         outs(%acc : tensor<2x4xi32>) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}
