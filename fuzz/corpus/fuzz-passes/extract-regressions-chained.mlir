func.func @chained(%x: tensor<4xi8>) -> tensor<2xi32> {
  %w1 = arith.constant dense<[[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 0, 0]]> : tensor<3x4xi8>
  %w2 = arith.constant dense<[[1, 1, 1], [1, 1, 1]]> : tensor<2x3xi32>
  %z = arith.constant 0 : i32
  %e1 = tensor.empty() : tensor<3xi32>
  %a1 = linalg.fill ins(%z : i32) outs(%e1 : tensor<3xi32>) -> tensor<3xi32>
  %h = linalg.matvec ins(%w1, %x : tensor<3x4xi8>, tensor<4xi8>) outs(%a1 : tensor<3xi32>) -> tensor<3xi32>
  %e2 = tensor.empty() : tensor<2xi32>
  %a2 = linalg.fill ins(%z : i32) outs(%e2 : tensor<2xi32>) -> tensor<2xi32>
  %y = linalg.matvec ins(%w2, %h : tensor<2x3xi32>, tensor<3xi32>) outs(%a2 : tensor<2xi32>) -> tensor<2xi32>
  return %y : tensor<2xi32>
}
