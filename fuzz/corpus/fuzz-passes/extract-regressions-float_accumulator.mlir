func.func @float_accumulator(%x: tensor<2x2xi8>) -> tensor<2x1xf32> {
  %w = arith.constant dense<[[1], [1]]> : tensor<2x1xi8>
  %zp = arith.constant 0 : i32
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x1xf32>
  %acc = linalg.fill ins(%z : f32) outs(%e : tensor<2x1xf32>) -> tensor<2x1xf32>
  %y = linalg.quantized_matmul ins(%x, %w, %zp, %zp : tensor<2x2xi8>, tensor<2x1xi8>, i32, i32) outs(%acc : tensor<2x1xf32>) -> tensor<2x1xf32>
  return %y : tensor<2x1xf32>
}
