func.func @float_matmul(%x: tensor<4x3xf32>, %acc: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %w = arith.constant dense<[[0.5, 0.5, 0.0, 2.0], [0.5, 0.5, -1.5, 0.0], [0.5, 0.5, 0.0, -1.0]]> : tensor<3x4xf32>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xf32>, tensor<4x3xf32>)
                     outs(%acc : tensor<3x3xf32>) -> tensor<3x3xf32>
  return %y : tensor<3x3xf32>
}

func.func @nan_weight(%x: tensor<4x3xf32>, %acc: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %w = arith.constant dense<[[0.5, 0.5, 0.0, 0x7FC00000], [0.5, 0.5, -1.5, 0.0], [0.5, 0.5, 0.0, -1.0]]> : tensor<3x4xf32>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xf32>, tensor<4x3xf32>)
                     outs(%acc : tensor<3x3xf32>) -> tensor<3x3xf32>
  return %y : tensor<3x3xf32>
}

func.func @wide_float_filter(%x: tensor<1x4x4x2xf16>, %acc: tensor<1x3x3x3xf16>) -> tensor<1x3x3x3xf16> {
  %w = arith.constant dense<[[[[1.0, 0.5, 1.0], [1.0, 2.0, 1.00048828125]], [[1.0, 0.0, 1.0], [3.0, 1.0, 1.0]]],
                             [[[1.0, 0.5, 1.0], [1.0, 2.0, 1.0]], [[1.0, 0.0, 1.0], [3.0, 1.0, 1.0]]]]> : tensor<2x2x2x3xf32>
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<1x4x4x2xf16>, tensor<2x2x2x3xf32>) outs(%acc : tensor<1x3x3x3xf16>) -> tensor<1x3x3x3xf16>
  return %y : tensor<1x3x3x3xf16>
}

func.func @negative_zero_pad(%x: tensor<1x2x2x2xf32>, %acc: tensor<1x3x2x2xf32>) -> (tensor<1x3x2x2xf32>, tensor<1x3x2x2xf32>) {
  %w = arith.constant dense<[[[[0.5, 1.5]]], [[[0.5, 1.5]]]]> : tensor<2x1x1x2xf32>
  %nz = arith.constant -0.0 : f32
  %pz = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 1, 0, 0] high[0, 0, 0, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %nz : f32
  } : tensor<1x2x2x2xf32> to tensor<1x3x2x2xf32>
  %q = tensor.pad %x low[0, 1, 0, 0] high[0, 0, 0, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %pz : f32
  } : tensor<1x2x2x2xf32> to tensor<1x3x2x2xf32>
  %y = linalg.conv_2d_nhwc_fhwc ins(%p, %w : tensor<1x3x2x2xf32>, tensor<2x1x1x2xf32>) outs(%acc : tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
  %z = linalg.conv_2d_nhwc_fhwc ins(%q, %w : tensor<1x3x2x2xf32>, tensor<2x1x1x2xf32>) outs(%acc : tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
  return %y, %z : tensor<1x3x2x2xf32>, tensor<1x3x2x2xf32>
}
