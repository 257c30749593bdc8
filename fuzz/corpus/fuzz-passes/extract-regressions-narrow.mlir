func.func @narrow(%x: tensor<4x2xi4>, %acc: tensor<3x2xi4>) -> tensor<3x2xi4> {
  %w = arith.constant dense<[[1, 1, 0, 2], [1, 1, 5, 0], [1, 1, 0, -1]]> : tensor<3x4xi4>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi4>, tensor<4x2xi4>) outs(%acc : tensor<3x2xi4>) -> tensor<3x2xi4>
  return %y : tensor<3x2xi4>
}
