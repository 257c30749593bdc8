func.func @tosa_style_q(%x: tensor<1x5x5x4xi8>) -> tensor<1x3x3x5xi32> {
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<1x3x3x5xi32>
  %acc = linalg.fill ins(%z : i32) outs(%e : tensor<1x3x3x5xi32>) -> tensor<1x3x3x5xi32>
  %izp = arith.constant -128 : i32
  %wzp = arith.constant 0 : i32
  %cpad = arith.constant -128 : i8
  %p = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %cpad : i8
  } : tensor<1x5x5x4xi8> to tensor<1x7x7x4xi8>
  %w = arith.constant dense<[[[[0, 1, -1, -3], [0, 0, -2, 2], [-2, 1, 1, 2]], [[0, 2, 0, 0], [-1, 1, 1, 1], [0, 3, 1, 0]], [[1, 1, 0, 1], [0, 0, -3, 0], [1, 0, 0, 0]]], [[[0, 3, -1, 0], [-1, 3, 0, -3], [0, -1, 0, -3]], [[0, 0, 0, 0], [-2, -3, 1, 0], [-1, 2, 0, 0]], [[3, -2, 3, 2], [0, 0, 1, -2], [2, -2, 0, 0]]], [[[-2, -2, -2, -2], [-1, 0, 0, 2], [0, 2, -3, 0]], [[3, -3, 2, 1], [3, 0, 0, 0], [0, 1, 0, 0]], [[0, 0, -1, -3], [-2, 0, 0, 0], [0, -1, 1, 0]]], [[[-3, -2, -1, 0], [1, 0, -3, 0], [0, 3, 0, -2]], [[-1, -1, 0, 0], [-2, 0, 0, 0], [-1, 3, 0, 0]], [[0, -1, -3, 2], [-3, 0, 2, 0], [0, -2, 0, 0]]], [[[2, 0, 0, -3], [2, 0, 1, 0], [0, 0, 0, 0]], [[1, 0, 1, -3], [3, 1, 3, 0], [-2, 0, 3, 1]], [[0, 0, 0, 0], [0, 0, 1, 2], [-1, 0, 1, 0]]]]> : tensor<5x3x3x4xi8>
  %y = linalg.conv_2d_nhwc_fhwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
         ins(%p, %w, %izp, %wzp : tensor<1x7x7x4xi8>, tensor<5x3x3x4xi8>, i32, i32) outs(%acc : tensor<1x3x3x5xi32>) -> tensor<1x3x3x5xi32>
  return %y : tensor<1x3x3x5xi32>
}

