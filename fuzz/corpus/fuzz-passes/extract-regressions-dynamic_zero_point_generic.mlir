func.func @dynamic_zero_point_generic(%x: tensor<3x8xi8>, %zp: i32) -> tensor<3x4xi32> {
  %e = tensor.empty() : tensor<3x8xi32>
  %xi = linalg.generic {indexing_maps = [affine_map<(a, b) -> (a, b)>, affine_map<(a, b) -> (a, b)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<3x8xi8>) outs(%e : tensor<3x8xi32>) {
  ^bb0(%a: i8, %o: i32):
    %c = arith.extsi %a : i8 to i32
    %s = arith.subi %c, %zp : i32
    linalg.yield %s : i32
  } -> tensor<3x8xi32>
  %w = arith.constant dense<[[1, 0, 0, -2, 0, 0, 1, 0], [0, 3, 0, 0, 1, 0, 0, 0], [1, 0, 0, -2, 0, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 7]]> : tensor<4x8xi32>
  %acc = arith.constant dense<5> : tensor<3x4xi32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
        ins(%xi, %w : tensor<3x8xi32>, tensor<4x8xi32>) outs(%acc : tensor<3x4xi32>) -> tensor<3x4xi32>
  return %y : tensor<3x4xi32>
}
