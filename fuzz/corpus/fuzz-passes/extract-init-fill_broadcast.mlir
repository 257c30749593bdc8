func.func @fill(%x: tensor<8x3xi8>) -> tensor<4x3xi32> {
  %w = arith.constant dense<[[1, 0, 0, -2, 0, 0, 1, 0],
                             [0, 3, 0, 0, 1, 0, 0, 0],
                             [1, 0, 0, -2, 0, 1, 0, 0],
                             [0, 0, 0, 0, 0, 0, 0, 7]]> : tensor<4x8xi8>
  %c5 = arith.constant 5 : i32
  %init = tensor.empty() : tensor<4x3xi32>
  %acc = linalg.fill ins(%c5 : i32) outs(%init : tensor<4x3xi32>) -> tensor<4x3xi32>
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x3xi8>) outs(%acc : tensor<4x3xi32>) -> tensor<4x3xi32>
  return %y : tensor<4x3xi32>
}

func.func @broadcast_bias(%x: tensor<2x8xi8>) -> tensor<2x4xi32> {
  %wt = arith.constant dense<[[1, 0, 1, 0], [0, 3, 0, 0], [0, 0, 0, 0], [-2, 0, -2, 0],
                              [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 7]]> : tensor<8x4xi8>
  %b = arith.constant dense<[10, 20, 30, 40]> : tensor<4xi32>
  %x_zp = arith.constant 3 : i32
  %w_zp = arith.constant 0 : i32
  %init = tensor.empty() : tensor<2x4xi32>
  %acc = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                         iterator_types = ["parallel", "parallel"]}
      ins(%b : tensor<4xi32>) outs(%init : tensor<2x4xi32>) {
  ^bb0(%in: i32, %out: i32):
    linalg.yield %in : i32
  } -> tensor<2x4xi32>
  %y = linalg.quantized_matmul ins(%x, %wt, %x_zp, %w_zp : tensor<2x8xi8>, tensor<8x4xi8>, i32, i32)
         outs(%acc : tensor<2x4xi32>) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}
