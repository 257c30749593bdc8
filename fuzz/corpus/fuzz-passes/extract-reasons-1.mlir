func.func @dynamic_shape(%x: tensor<1x?x4x2xi8>, %acc: tensor<1x?x4x2xi32>) -> tensor<1x?x4x2xi32> {
  %w = arith.constant dense<1> : tensor<2x1x1x2xi8>
  %y = linalg.conv_2d_nhwc_fhwc ins(%x, %w : tensor<1x?x4x2xi8>, tensor<2x1x1x2xi8>) outs(%acc : tensor<1x?x4x2xi32>) -> tensor<1x?x4x2xi32>
  return %y : tensor<1x?x4x2xi32>
}

func.func @depthwise(%x: tensor<1x4x4x2xi8>, %acc: tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32> {
  %w = arith.constant dense<1> : tensor<1x1x2xi8>
  %y = linalg.depthwise_conv_2d_nhwc_hwc ins(%x, %w : tensor<1x4x4x2xi8>, tensor<1x1x2xi8>) outs(%acc : tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32>
  return %y : tensor<1x4x4x2xi32>
}

func.func @weight_not_shared(%x: tensor<2x3x4xi8>, %acc: tensor<2x3x3xi32>) -> tensor<2x3x3xi32> {
  %w = arith.constant dense<1> : tensor<2x4x3xi8>
  %y = linalg.batch_matmul ins(%x, %w : tensor<2x3x4xi8>, tensor<2x4x3xi8>) outs(%acc : tensor<2x3x3xi32>) -> tensor<2x3x3xi32>
  return %y : tensor<2x3x3xi32>
}

func.func @unsupported_form(%x: tensor<1x4x2xi8>, %acc: tensor<1x4x2xi32>, %v: tensor<4xi8>, %s: tensor<i32>,
                            %xg: tensor<4x2xi8>, %accg: tensor<2x2xi32>) {
  %w = arith.constant dense<1> : tensor<1x2x2xi8>
  %a = linalg.conv_1d_nwc_wcf ins(%x, %w : tensor<1x4x2xi8>, tensor<1x2x2xi8>) outs(%acc : tensor<1x4x2xi32>) -> tensor<1x4x2xi32>
  %c = arith.constant dense<[1, 2, 3, 4]> : tensor<4xi8>
  %b = linalg.dot ins(%c, %v : tensor<4xi8>, tensor<4xi8>) outs(%s : tensor<i32>) -> tensor<i32>
  %wg = arith.constant dense<1> : tensor<4x2xi8>
  %g = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
         ins(%wg, %xg : tensor<4x2xi8>, tensor<4x2xi8>) outs(%accg : tensor<2x2xi32>) {
  ^bb0(%p: i8, %q: i8, %o: i32):
    %ep = arith.extsi %p : i8 to i32
    %eq = arith.extsi %q : i8 to i32
    %m = arith.muli %ep, %eq : i32
    %r = arith.addi %o, %m : i32
    linalg.yield %r : i32
  } -> tensor<2x2xi32>
  return
}

func.func @not_profitable(%x: tensor<3x2xi8>, %acc: tensor<3x2xi32>) -> tensor<3x2xi32> {
  %w = arith.constant dense<[[1, 0, 0], [0, 2, 0], [0, 0, 3]]> : tensor<3x3xi8>
  %y = linalg.matmul ins(%w, %x : tensor<3x3xi8>, tensor<3x2xi8>) outs(%acc : tensor<3x2xi32>) -> tensor<3x2xi32>
  return %y : tensor<3x2xi32>
}
