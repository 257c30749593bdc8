func.func @hwcf(%x: tensor<1x4x4x2xi8>, %acc: tensor<1x3x3x4xi32>) -> tensor<1x3x3x4xi32> {
  %w = arith.constant dense<[[[[1, 0, 0, 1], [0, 0, 0, 0]], [[0, 2, 0, 0], [0, 0, 0, 0]]],
                             [[[0, 0, 0, 0], [0, 0, -1, 0]], [[0, 0, 0, 0], [1, 0, 0, 1]]]]> : tensor<2x2x2x4xi8>
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<1x4x4x2xi8>, tensor<2x2x2x4xi8>) outs(%acc : tensor<1x3x3x4xi32>) -> tensor<1x3x3x4xi32>
  return %y : tensor<1x3x3x4xi32>
}

func.func @fhwc(%x: tensor<1x5x4x2xi8>, %acc: tensor<1x2x2x4xi32>) -> tensor<1x2x2x4xi32> {
  %w = arith.constant dense<[[[[1, 0], [0, 0]], [[0, 0], [0, 1]]],
                             [[[0, 0], [2, 0]], [[0, 0], [0, 0]]],
                             [[[0, 0], [0, 0]], [[0, -1], [0, 0]]],
                             [[[1, 0], [0, 0]], [[0, 0], [0, 1]]]]> : tensor<4x2x2x2xi8>
  %y = linalg.conv_2d_nhwc_fhwc {dilations = dense<[1, 2]> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>}
         ins(%x, %w : tensor<1x5x4x2xi8>, tensor<4x2x2x2xi8>) outs(%acc : tensor<1x2x2x4xi32>) -> tensor<1x2x2x4xi32>
  return %y : tensor<1x2x2x4xi32>
}

func.func @fchw(%x: tensor<2x2x4x4xi8>, %acc: tensor<2x4x3x3xi32>) -> tensor<2x4x3x3xi32> {
  %w = arith.constant dense<[[[[1, 0], [0, 0]], [[0, 0], [0, 1]]],
                             [[[0, 2], [0, 0]], [[0, 0], [0, 0]]],
                             [[[0, 0], [0, 0]], [[0, 0], [-1, 0]]],
                             [[[1, 0], [0, 0]], [[0, 0], [0, 1]]]]> : tensor<4x2x2x2xi8>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<2x2x4x4xi8>, tensor<4x2x2x2xi8>) outs(%acc : tensor<2x4x3x3xi32>) -> tensor<2x4x3x3xi32>
  return %y : tensor<2x4x3x3xi32>
}
