func.func @torch_linear(%x: tensor<2x8xi32>, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %w = arith.constant dense<[[1, 0, 0, -2, 0, 0, 1, 0], [0, 3, 0, 0, 1, 0, 0, 0],
                             [1, 0, 0, -2, 0, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 7]]> : tensor<4x8xi8>
  %e = tensor.empty() : tensor<4x8xi32>
  %w32 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
           ins(%w : tensor<4x8xi8>) outs(%e : tensor<4x8xi32>) {
  ^bb0(%a: i8, %o: i32):
    %c = arith.extsi %a : i8 to i32
    linalg.yield %c : i32
  } -> tensor<4x8xi32>
  %et = tensor.empty() : tensor<8x4xi32>
  %wt = linalg.transpose ins(%w32 : tensor<4x8xi32>) outs(%et : tensor<8x4xi32>) permutation = [1, 0]
  %y = linalg.matmul ins(%x, %wt : tensor<2x8xi32>, tensor<8x4xi32>) outs(%acc : tensor<2x4xi32>) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

func.func @generic_transpose_extsi(%x: tensor<8x3xi16>, %acc: tensor<4x3xi32>) -> tensor<4x3xi32> {
  %wt = arith.constant dense<[[1, 0, 1, 0], [0, 3, 0, 0], [0, 0, 0, 0], [-2, 0, -2, 0],
                              [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 7]]> : tensor<8x4xi8>
  %e = tensor.empty() : tensor<4x8xi8>
  %w = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
         ins(%wt : tensor<8x4xi8>) outs(%e : tensor<4x8xi8>) {
  ^bb0(%a: i8, %o: i8):
    linalg.yield %a : i8
  } -> tensor<4x8xi8>
  %w16 = arith.extsi %w : tensor<4x8xi8> to tensor<4x8xi16>
  %y = linalg.matmul ins(%w16, %x : tensor<4x8xi16>, tensor<8x3xi16>) outs(%acc : tensor<4x3xi32>) -> tensor<4x3xi32>
  return %y : tensor<4x3xi32>
}
