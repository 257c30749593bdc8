#bias = affine_map<(d0, d1, d2, d3) -> (d3)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @depthwise(%x: tensor<1x8x8x8xi8>, %w: tensor<3x3x8x1xi8>, %bias: tensor<8xi32>) -> tensor<1x6x6x8xi32> {
  %c0 = arith.constant 0 : i32
  %izp = arith.constant -128 : i32
  %e = tensor.empty() : tensor<1x6x6x8x1xi32>
  %fill = linalg.fill ins(%c0 : i32) outs(%e : tensor<1x6x6x8x1xi32>) -> tensor<1x6x6x8x1xi32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w, %izp, %c0 : tensor<1x8x8x8xi8>, tensor<3x3x8x1xi8>, i32, i32) outs(%fill : tensor<1x6x6x8x1xi32>) -> tensor<1x6x6x8x1xi32>
  %c = tensor.collapse_shape %y [[0], [1], [2], [3, 4]] : tensor<1x6x6x8x1xi32> into tensor<1x6x6x8xi32>
  %e2 = tensor.empty() : tensor<1x6x6x8xi32>
  %r = linalg.generic {indexing_maps = [#bias, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%bias, %c : tensor<8xi32>, tensor<1x6x6x8xi32>) outs(%e2 : tensor<1x6x6x8xi32>) {
  ^bb0(%b: i32, %v: i32, %o: i32):
    %s = arith.addi %b, %v : i32
    linalg.yield %s : i32
  } -> tensor<1x6x6x8xi32>
  return %r : tensor<1x6x6x8xi32>
}
