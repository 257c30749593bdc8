func.func @pointwise(%x: tensor<1x8x8x4xi8>, %acc: tensor<1x8x8x3xi32>) -> tensor<1x8x8x3xi32> {
  %w = arith.constant dense<[[[[1, 1, 0, 2]]], [[[1, 1, 5, 0]]], [[[1, 1, 0, -1]]]]> : tensor<3x1x1x4xi8>
  %y = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<1x8x8x4xi8>, tensor<3x1x1x4xi8>) outs(%acc : tensor<1x8x8x3xi32>) -> tensor<1x8x8x3xi32>
  return %y : tensor<1x8x8x3xi32>
}
