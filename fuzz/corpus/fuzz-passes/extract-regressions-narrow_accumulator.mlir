func.func @narrow_accumulator(%x: tensor<1x2xi16>) -> tensor<1x2xi8> {
  %w = arith.constant dense<[[1, 1], [1, 1]]> : tensor<2x2xi8>
  %zp = arith.constant 0 : i32
  %z = arith.constant 0 : i8
  %e = tensor.empty() : tensor<1x2xi8>
  %acc = linalg.fill ins(%z : i8) outs(%e : tensor<1x2xi8>) -> tensor<1x2xi8>
  %y = linalg.quantized_matmul ins(%x, %w, %zp, %zp : tensor<1x2xi16>, tensor<2x2xi8>, i32, i32) outs(%acc : tensor<1x2xi8>) -> tensor<1x2xi8>
  return %y : tensor<1x2xi8>
}
