func.func @conv_bias(%x: tensor<1x2x2x8xi8>) -> tensor<1x2x2x4xi32> {
  %w = arith.constant dense<[[[[1, 0, 0, -2, 0, 0, 1, 0]]],
                             [[[0, 3, 0, 0, 1, 0, 0, 0]]],
                             [[[1, 0, 0, -2, 0, 1, 0, 0]]],
                             [[[0, 0, 0, 0, 0, 0, 0, 7]]]]> : tensor<4x1x1x8xi8>
  %b = arith.constant dense<[7, -1, 0, 2147483647]> : tensor<4xi32>
  %init = tensor.empty() : tensor<1x2x2x4xi32>
  %acc = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                         iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%b : tensor<4xi32>) outs(%init : tensor<1x2x2x4xi32>) {
  ^bb0(%in: i32, %out: i32):
    linalg.yield %in : i32
  } -> tensor<1x2x2x4xi32>
  %y = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<1x2x2x8xi8>, tensor<4x1x1x8xi8>) outs(%acc : tensor<1x2x2x4xi32>) -> tensor<1x2x2x4xi32>
  return %y : tensor<1x2x2x4xi32>
}

func.func @conv_broadcast_width(%x: tensor<1x2x4x8xi8>) -> tensor<1x2x4x4xi32> {
  %w = arith.constant dense<[[[[1, 0, 0, -2, 0, 0, 1, 0]]],
                             [[[0, 3, 0, 0, 1, 0, 0, 0]]],
                             [[[1, 0, 0, -2, 0, 1, 0, 0]]],
                             [[[0, 0, 0, 0, 0, 0, 0, 7]]]]> : tensor<4x1x1x8xi8>
  %b = arith.constant dense<[7, -1, 0, 5]> : tensor<4xi32>
  %init = tensor.empty() : tensor<1x2x4x4xi32>
  %acc = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d2)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
                         iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%b : tensor<4xi32>) outs(%init : tensor<1x2x4x4xi32>) {
  ^bb0(%in: i32, %out: i32):
    linalg.yield %in : i32
  } -> tensor<1x2x4x4xi32>
  %y = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<1x2x4x8xi8>, tensor<4x1x1x8xi8>) outs(%acc : tensor<1x2x4x4xi32>) -> tensor<1x2x4x4xi32>
  return %y : tensor<1x2x4x4xi32>
}
