// TOSA's depthwise_conv2d as upstream lowers it (a zero fill, the op, a
// collapse of the channel multiplier, then the bias added by a generic) ends
// as the op starting from the broadcast bias (cse-sparse-fold-bias-add).
// RUN: cse-opt %s --cse-sparse-tosa-to-linalg --cse-sparse-fold-bias-add | FileCheck %s
// RUN: cse-opt %s --cse-sparse-tosa-to-linalg | FileCheck %s --check-prefix=BEFORE
// BEFORE:       linalg.fill
// BEFORE:       linalg.depthwise_conv_2d_nhwc_hwcm_q
// BEFORE:       arith.addi

// CHECK-LABEL: func.func @depthwise
// CHECK-NOT:     linalg.fill
// CHECK:         %[[B:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<8xi32>) outs(%{{.*}} : tensor<1x6x6x8x1xi32>)
// CHECK:         %[[Y:.*]] = linalg.depthwise_conv_2d_nhwc_hwcm_q {{.*}} outs(%[[B]] : tensor<1x6x6x8x1xi32>)
// CHECK:         %[[R:.*]] = tensor.collapse_shape %[[Y]]
// CHECK-NOT:     linalg.generic
// CHECK:         return %[[R]]
func.func @depthwise(%x: tensor<1x6x6x8xi8>) -> tensor<1x6x6x8xi32> {
  %w = "tosa.const"() {values = dense<3> : tensor<3x3x8x1xi8>} : () -> tensor<3x3x8x1xi8>
  %b = "tosa.const"() {values = dense<[1, 2, 3, 4, 5, 6, 7, 8]> : tensor<8xi32>} : () -> tensor<8xi32>
  %izp = "tosa.const"() {values = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %wzp = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %y = tosa.depthwise_conv2d %x, %w, %b, %izp, %wzp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x6x6x8xi8>, tensor<3x3x8x1xi8>, tensor<8xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x6x6x8xi32>
  return %y : tensor<1x6x6x8xi32>
}
