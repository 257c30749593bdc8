func.func @i128_weight(%x: tensor<2x2xi128>, %acc: tensor<2x2xi128>, %x32: tensor<2x2xi32>, %acc32: tensor<2x2xi32>)
    -> (tensor<2x2xi128>, tensor<2x2xi32>) {
  %w = arith.constant dense<[[1267650600228229401496703205376, 1], [1, 1]]> : tensor<2x2xi128>
  %y = linalg.matmul ins(%w, %x : tensor<2x2xi128>, tensor<2x2xi128>) outs(%acc : tensor<2x2xi128>) -> tensor<2x2xi128>
  %z = linalg.matmul ins(%w, %x32 : tensor<2x2xi128>, tensor<2x2xi32>) outs(%acc32 : tensor<2x2xi32>) -> tensor<2x2xi32>
  return %y, %z : tensor<2x2xi128>, tensor<2x2xi32>
}
