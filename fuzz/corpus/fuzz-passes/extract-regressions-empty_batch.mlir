func.func @empty_batch(%x: tensor<0x3x4xi8>, %acc: tensor<0x3x3xi32>) -> tensor<0x3x3xi32> {
  %wt = arith.constant dense<[[1, 1, 1], [1, 1, 1], [0, 5, 0], [2, 0, -1]]> : tensor<4x3xi8>
  %y = linalg.batch_matmul indexing_maps = [affine_map<(s, m, n, k) -> (s, m, k)>, affine_map<(s, m, n, k) -> (k, n)>, affine_map<(s, m, n, k) -> (s, m, n)>]
         ins(%x, %wt : tensor<0x3x4xi8>, tensor<4x3xi8>) outs(%acc : tensor<0x3x3xi32>) -> tensor<0x3x3xi32>
  return %y : tensor<0x3x3xi32>
}
