func.func @left_alone(%x: tensor<1x4x4x2xi8>, %f: tensor<2x1x1x2xi8>, %acc: tensor<1x4x4x2xi32>,
                      %xd: tensor<1x?x4x2xi8>, %accd: tensor<1x?x4x2xi32>, %zp: i32,
                      %x1: tensor<1x4x2xi8>, %acc1: tensor<1x4x2xi32>) {
  %w = arith.constant dense<1> : tensor<2x1x1x2xi8>
  %dw = arith.constant dense<1> : tensor<1x1x2xi8>
  %c0 = arith.constant 0 : i32
  %a = linalg.conv_2d_nhwc_fhwc ins(%x, %f : tensor<1x4x4x2xi8>, tensor<2x1x1x2xi8>) outs(%acc : tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32>
  %b = linalg.depthwise_conv_2d_nhwc_hwc ins(%x, %dw : tensor<1x4x4x2xi8>, tensor<1x1x2xi8>) outs(%acc : tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32>
  %c = linalg.conv_2d_nhwc_fhwc ins(%xd, %w : tensor<1x?x4x2xi8>, tensor<2x1x1x2xi8>) outs(%accd : tensor<1x?x4x2xi32>) -> tensor<1x?x4x2xi32>
  %d = linalg.conv_2d_nhwc_fhwc_q ins(%x, %w, %zp, %c0 : tensor<1x4x4x2xi8>, tensor<2x1x1x2xi8>, i32, i32) outs(%acc : tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32>
  %w1 = arith.constant dense<1> : tensor<1x2x2xi8>
  %e = linalg.conv_1d_nwc_wcf ins(%x1, %w1 : tensor<1x4x2xi8>, tensor<1x2x2xi8>) outs(%acc1 : tensor<1x4x2xi32>) -> tensor<1x4x2xi32>
  %win = tensor.empty() : tensor<1x1xi8>
  %pool = linalg.pooling_nhwc_sum ins(%x, %win : tensor<1x4x4x2xi8>, tensor<1x1xi8>) outs(%acc : tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32>
  return
}

#in = affine_map<(n, h, w, f, kh, kw, c) -> (n, h * 2 + kh, w + kw * 2, c)>
#fl = affine_map<(n, h, w, f, kh, kw, c) -> (f, kh, kw, c)>
#zp = affine_map<(n, h, w, f, kh, kw, c) -> ()>
#out = affine_map<(n, h, w, f, kh, kw, c) -> (n, h, w, f)>
func.func @generic_conv(%x: tensor<1x5x5x2xi8>, %acc: tensor<1x2x3x2xi32>) -> tensor<1x2x3x2xi32> {
  %w = arith.constant dense<[[[[1, 0], [0, 1]], [[1, 0], [0, 0]]], [[[0, 1], [1, 0]], [[0, 0], [1, 0]]]]> : tensor<2x2x2x2xi8>
  %izp = arith.constant -2 : i32
  %wzp = arith.constant 0 : i32
  %y = linalg.generic {indexing_maps = [#in, #fl, #zp, #zp, #out], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
         ins(%x, %w, %izp, %wzp : tensor<1x5x5x2xi8>, tensor<2x2x2x2xi8>, i32, i32) outs(%acc : tensor<1x2x3x2xi32>) {
  ^bb0(%a: i8, %b: i8, %za: i32, %zb: i32, %o: i32):
    %ea = arith.extsi %a : i8 to i32
    %sa = arith.subi %ea, %za : i32
    %eb = arith.extsi %b : i8 to i32
    %sb = arith.subi %eb, %zb : i32
    %p = arith.muli %sa, %sb : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<1x2x3x2xi32>
  return %y : tensor<1x2x3x2xi32>
}

#fl2 = affine_map<(n, h, w, f, kh, kw, c) -> (kh, c, kw, f)>
#in2 = affine_map<(n, h, w, f, kh, kw, c) -> (n, h + kh, w + kw, c)>
func.func @generic_conv_other_layout(%x: tensor<1x4x4x2xi8>, %acc: tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32> {
  %w = arith.constant dense<1> : tensor<1x2x1x2xi8>
  %y = linalg.generic {indexing_maps = [#in2, #fl2, #out], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
         ins(%x, %w : tensor<1x4x4x2xi8>, tensor<1x2x1x2xi8>) outs(%acc : tensor<1x4x4x2xi32>) {
  ^bb0(%a: i8, %b: i8, %o: i32):
    %ea = arith.extsi %a : i8 to i32
    %eb = arith.extsi %b : i8 to i32
    %p = arith.muli %ea, %eb : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<1x4x4x2xi32>
  return %y : tensor<1x4x4x2xi32>
}
