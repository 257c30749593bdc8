func.func @floats(%x: tensor<4x2xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>) {
  %w = arith.constant dense<[[0.5, 0.5, 0.0, 2.0], [0.5, 0.5, -1.5, 0.0], [0.5, 0.5, 0.0, -1.0]]> : tensor<3x4xf32>
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %init = tensor.empty() : tensor<3x2xf32>
  %a0 = linalg.fill ins(%zero : f32) outs(%init : tensor<3x2xf32>) -> tensor<3x2xf32>
  %y0 = linalg.matmul ins(%w, %x : tensor<3x4xf32>, tensor<4x2xf32>) outs(%a0 : tensor<3x2xf32>) -> tensor<3x2xf32>
  %a1 = linalg.fill ins(%one : f32) outs(%init : tensor<3x2xf32>) -> tensor<3x2xf32>
  %y1 = linalg.matmul ins(%w, %x : tensor<3x4xf32>, tensor<4x2xf32>) outs(%a1 : tensor<3x2xf32>) -> tensor<3x2xf32>
  return %y0, %y1 : tensor<3x2xf32>, tensor<3x2xf32>
}
