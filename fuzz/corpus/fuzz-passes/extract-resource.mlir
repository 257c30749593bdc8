func.func @linear_resource(%x: tensor<4x3xi8>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %w = arith.constant dense_resource<weights> : tensor<3x4xi8>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>)
                     outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}

{-#
  dialect_resources: {
    builtin: {
      weights: "0x010000000101000201010500010100FF"
    }
  }
#-}
