func.func @nchw_q_dilated(%x: tensor<2x2x5x5xi8>) -> tensor<2x3x3x3xi32> {
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<2x3x3x3xi32>
  %acc = linalg.fill ins(%z : i32) outs(%e : tensor<2x3x3x3xi32>) -> tensor<2x3x3x3xi32>
  %izp = arith.constant -7 : i32
  %wzp = arith.constant 1 : i32
  %w = arith.constant dense<[[[[-2, 3], [0, 1]], [[-2, -3], [-3, 0]]], [[[1, 0], [0, 0]], [[2, 0], [0, 0]]], [[[-2, 0], [-2, -3]], [[0, 1], [3, 0]]]]> : tensor<3x2x2x2xi8>
  %y = linalg.conv_2d_nchw_fchw_q {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w, %izp, %wzp : tensor<2x2x5x5xi8>, tensor<3x2x2x2xi8>, i32, i32) outs(%acc : tensor<2x3x3x3xi32>) -> tensor<2x3x3x3xi32>
  return %y : tensor<2x3x3x3xi32>
}

