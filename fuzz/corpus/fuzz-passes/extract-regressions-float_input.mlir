func.func @float_input(%x: tensor<1x2xf32>) -> tensor<1x2xi32> {
  %w = arith.constant dense<[[1, 1], [1, 1]]> : tensor<2x2xi8>
  %zp = arith.constant 0 : i32
  %e = tensor.empty() : tensor<1x2xi32>
  %acc = linalg.fill ins(%zp : i32) outs(%e : tensor<1x2xi32>) -> tensor<1x2xi32>
  %y = linalg.quantized_matmul ins(%x, %w, %zp, %zp : tensor<1x2xf32>, tensor<2x2xi8>, i32, i32) outs(%acc : tensor<1x2xi32>) -> tensor<1x2xi32>
  return %y : tensor<1x2xi32>
}
