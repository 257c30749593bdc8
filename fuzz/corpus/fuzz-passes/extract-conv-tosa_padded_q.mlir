func.func @tosa_padded_q(%x: tensor<1x4x4x2xi8>, %acc: tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32> {
  %izp = arith.constant -128 : i32
  %wzp = arith.constant 0 : i32
  %pad = arith.constant -128 : i8
  %p = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %pad : i8
  } : tensor<1x4x4x2xi8> to tensor<1x6x6x2xi8>
  %w = arith.constant dense<[[[[1, 0], [0, 0], [0, 0]], [[0, 0], [0, 1], [0, 0]], [[0, 0], [0, 0], [0, 0]]],
                             [[[0, 0], [0, 0], [0, 0]], [[0, 0], [0, 0], [0, 0]], [[0, 0], [0, 0], [1, 0]]]]> : tensor<2x3x3x2xi8>
  %y = linalg.conv_2d_nhwc_fhwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%p, %w, %izp, %wzp : tensor<1x6x6x2xi8>, tensor<2x3x3x2xi8>, i32, i32) outs(%acc : tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32>
  return %y : tensor<1x4x4x2xi32>
}

func.func @pads(%x: tensor<1x2x3x3xi8>, %v: i8, %acc: tensor<1x2x5x4xi32>, %acc3: tensor<1x2x3x3xi32>, %acc4: tensor<1x2x4x3xi32>)
    -> (tensor<1x2x5x4xi32>, tensor<1x2x3x3xi32>, tensor<1x2x4x3xi32>) {
  %c0 = arith.constant 0 : i8
  %w = arith.constant dense<[[[[1]], [[1]]], [[[1]], [[-1]]]]> : tensor<2x2x1x1xi8>
  %w3 = arith.constant dense<[[[[1]], [[1]], [[1]]], [[[1]], [[-1]], [[1]]]]> : tensor<2x3x1x1xi8>
  %p = tensor.pad %x low[0, 0, 2, 0] high[0, 0, 0, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %c0 : i8
  } : tensor<1x2x3x3xi8> to tensor<1x2x5x4xi8>
  %y = linalg.conv_2d_nchw_fchw ins(%p, %w : tensor<1x2x5x4xi8>, tensor<2x2x1x1xi8>) outs(%acc : tensor<1x2x5x4xi32>) -> tensor<1x2x5x4xi32>
  %pc = tensor.pad %x low[0, 1, 0, 0] high[0, 0, 0, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %c0 : i8
  } : tensor<1x2x3x3xi8> to tensor<1x3x3x3xi8>
  %z = linalg.conv_2d_nchw_fchw ins(%pc, %w3 : tensor<1x3x3x3xi8>, tensor<2x3x1x1xi8>) outs(%acc3 : tensor<1x2x3x3xi32>) -> tensor<1x2x3x3xi32>
  %pv = tensor.pad %x low[0, 0, 1, 0] high[0, 0, 0, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %v : i8
  } : tensor<1x2x3x3xi8> to tensor<1x2x4x3xi8>
  %u = linalg.conv_2d_nchw_fchw ins(%pv, %w : tensor<1x2x4x3xi8>, tensor<2x2x1x1xi8>) outs(%acc4 : tensor<1x2x4x3xi32>) -> tensor<1x2x4x3xi32>
  return %y, %z, %u : tensor<1x2x5x4xi32>, tensor<1x2x3x3xi32>, tensor<1x2x4x3xi32>
}
