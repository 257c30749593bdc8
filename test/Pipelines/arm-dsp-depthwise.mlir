// cse-sparse-arm-dsp-depthwise: int8 depthwise convolutions as SXTAB16 and
// SMLABB/SMLATT loops (exactness on the board, from TOSA:
// test/Integration/ARM/dsp-depthwise-cortex-m4.test).
// RUN: cse-opt %s --split-input-file --cse-sparse-arm-dsp-depthwise | FileCheck %s

// As TOSA lowers TFLite's depthwise_conv2d: the _q form with a channel
// multiplier of 1, input zero point -128. Six channels: one block of four,
// then two one at a time. The filter is viewed without its multiplier, the
// nine taps unrolled; the input's halves get 128 added (0x00800080), the
// filter's (zero point 0) are only widened.
// CHECK-LABEL: func.func @hwcm_q
// CHECK-SAME:    (%[[X:.*]]: memref<1x9x9x6xi8>, %[[W:.*]]: memref<3x3x6x1xi8>, %[[Y:.*]]: memref<1x4x4x6x1xi32>)
// CHECK:         %[[F:.*]] = memref.collapse_shape %[[W]] {{\[}}[0], [1], [2, 3]] : memref<3x3x6x1xi8> into memref<3x3x6xi8>
// CHECK:         scf.for %[[N:.*]] =
// CHECK:           scf.for %[[OH:.*]] =
// CHECK:             scf.for %[[OW:.*]] =
// CHECK:               %[[IH:.*]] = arith.muli %[[OH]], %c2
// CHECK:               %[[IW:.*]] = arith.muli %[[OW]], %c2
// CHECK:               scf.for %[[C:.*]] = %{{.*}} to %c4{{.*}} step %c4
// CHECK:                 %[[S0:.*]] = memref.load %[[Y]][%[[N]], %[[OH]], %[[OW]], %[[C]], %c0
// CHECK-COUNT-3:         memref.load %[[Y]]
// CHECK:                 vector.load %[[X]][%[[N]], %{{.*}}, %{{.*}}, %[[C]]] : memref<1x9x9x6xi8>, vector<4xi8>
// CHECK:                 llvm.call_intrinsic "llvm.arm.sxtab16"(%c8388736_i32
// CHECK:                 llvm.call_intrinsic "llvm.arm.sxtab16"(%c8388736_i32
// CHECK:                 vector.load %[[F]][%c0{{.*}}, %c0{{.*}}, %[[C]]] : memref<3x3x6xi8>, vector<4xi8>
// CHECK:                 llvm.call_intrinsic "llvm.arm.sxtb16"
// CHECK:                 llvm.call_intrinsic "llvm.arm.sxtb16"
// CHECK:                 llvm.call_intrinsic "llvm.arm.smlabb"({{.*}}, {{.*}}, %[[S0]])
// CHECK:                 llvm.call_intrinsic "llvm.arm.smlabb"
// CHECK:                 llvm.call_intrinsic "llvm.arm.smlatt"
// CHECK:                 llvm.call_intrinsic "llvm.arm.smlatt"
// CHECK-COUNT-32:        llvm.call_intrinsic "llvm.arm.sml{{abb|att}}"
// CHECK-COUNT-4:         memref.store %{{.*}}, %[[Y]]
// CHECK-NOT:             llvm.call_intrinsic
// Channel 4, then 5: (x + 128) * w, one tap at a time.
// CHECK:               memref.load %[[Y]][%[[N]], %[[OH]], %[[OW]], %c4
// CHECK:               memref.load %[[X]]
// CHECK:               arith.extsi {{.*}} : i8 to i32
// CHECK:               arith.subi %{{.*}}, %c-128_i32
// CHECK:               arith.muli
// CHECK:               memref.store %{{.*}}, %[[Y]][%[[N]], %[[OH]], %[[OW]], %c4
// CHECK:               memref.store %{{.*}}, %[[Y]][%[[N]], %[[OH]], %[[OW]], %c5
// CHECK-NOT:     linalg.depthwise
func.func @hwcm_q(%x: memref<1x9x9x6xi8>, %w: memref<3x3x6x1xi8>, %y: memref<1x4x4x6x1xi32>) {
  %izp = arith.constant -128 : i32
  %wzp = arith.constant 0 : i32
  linalg.depthwise_conv_2d_nhwc_hwcm_q {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w, %izp, %wzp : memref<1x9x9x6xi8>, memref<3x3x6x1xi8>, i32, i32) outs(%y : memref<1x4x4x6x1xi32>)
  return
}

// -----

// A nonzero filter zero point is subtracted the same way: 3 - 5 = -2 in each
// half is 0xfffefffe. No channel left over, no collapse (no multiplier).
// CHECK-LABEL: func.func @hwc_q
// CHECK-NOT:     memref.collapse_shape
// CHECK:         llvm.call_intrinsic "llvm.arm.sxtab16"(%c-65538_i32
// CHECK:         llvm.call_intrinsic "llvm.arm.sxtab16"(%c-65538_i32
// CHECK:         llvm.call_intrinsic "llvm.arm.sxtab16"(%c-262149_i32
// CHECK:         llvm.call_intrinsic "llvm.arm.sxtab16"(%c-262149_i32
// CHECK-NOT:     arith.muli %{{.*}} : i32
// CHECK-NOT:     linalg.depthwise
func.func @hwc_q(%x: memref<1x5x5x4xi8>, %w: memref<3x3x4xi8>, %y: memref<1x3x3x4xi32>) {
  %izp = arith.constant 2 : i32
  %wzp = arith.constant 5 : i32
  linalg.depthwise_conv_2d_nhwc_hwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w, %izp, %wzp : memref<1x5x5x4xi8>, memref<3x3x4xi8>, i32, i32) outs(%y : memref<1x3x3x4xi32>)
  return
}

// -----

// 7x7 = 49 taps, more than are unrolled: two loops carry the four sums.
// Dynamic image sizes; dilation 2 along the width.
// CHECK-LABEL: func.func @hwc_window7
// CHECK-SAME:    (%[[X:.*]]: memref<2x?x?x8xi8>, %[[W:.*]]: memref<7x7x8xi8>, %[[Y:.*]]: memref<2x?x?x8xi32>)
// CHECK:         scf.for %[[N:.*]] =
// CHECK:           %[[OHS:.*]] = memref.dim %[[Y]], %c1
// CHECK:           %[[OWS:.*]] = memref.dim %[[Y]], %c2
// CHECK:           scf.for %[[OH:.*]] = %{{.*}} to %[[OHS]]
// CHECK:             scf.for %[[OW:.*]] = %{{.*}} to %[[OWS]]
// CHECK:               scf.for %[[C:.*]] = %{{.*}} to %c8 step %c4
// CHECK:                 scf.for %[[KH:.*]] = %{{.*}} to %c7 step %{{.*}} iter_args({{.*}}) -> (i32, i32, i32, i32)
// CHECK:                   scf.for %[[KW:.*]] = %{{.*}} to %c7{{.*}} step %{{.*}} iter_args({{.*}}) -> (i32, i32, i32, i32)
// CHECK:                     %[[D:.*]] = arith.muli %[[KW]], %c2
// CHECK:                     %[[IW:.*]] = arith.addi %{{.*}}, %[[D]]
// CHECK:                     vector.load %[[X]][%[[N]], %{{.*}}, %[[IW]], %[[C]]]
// CHECK:                     vector.load %[[W]][%[[KH]], %[[KW]], %[[C]]]
// CHECK-COUNT-4:             llvm.call_intrinsic "llvm.arm.sml{{abb|att}}"
// CHECK-NOT:                 llvm.call_intrinsic "llvm.arm.sml
// CHECK:                     scf.yield
func.func @hwc_window7(%x: memref<2x?x?x8xi8>, %w: memref<7x7x8xi8>, %y: memref<2x?x?x8xi32>) {
  linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<[1, 2]> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : memref<2x?x?x8xi8>, memref<7x7x8xi8>) outs(%y : memref<2x?x?x8xi32>)
  return
}

// -----

// Left to upstream's loops: a channel multiplier of 2, a zero point that is
// not a constant, one whose difference with an int8 would not fit 16 bits,
// int16 input, NCHW, input channels not contiguous, a filter of dynamic
// shape, and tensors.
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-8: linalg.depthwise_conv_2d
// CHECK-NOT:     llvm.call_intrinsic
// CHECK:         return
func.func @left_alone(%x: memref<1x5x5x4xi8>, %w2: memref<3x3x4x2xi8>, %y2: memref<1x3x3x4x2xi32>,
                      %w: memref<3x3x4xi8>, %y: memref<1x3x3x4xi32>, %zp: i32,
                      %x16: memref<1x5x5x4xi16>, %xc: memref<1x4x5x5xi8>, %wc: memref<4x3x3xi8>,
                      %yc: memref<1x4x3x3xi32>,
                      %xs: memref<1x5x5x4xi8, strided<[200, 40, 8, 2]>>, %wd: memref<3x3x?xi8>,
                      %t: tensor<1x5x5x4xi8>, %tw: tensor<3x3x4xi8>, %ty: tensor<1x3x3x4xi32>) -> tensor<1x3x3x4xi32> {
  %c0 = arith.constant 0 : i32
  %far = arith.constant 32700 : i32
  linalg.depthwise_conv_2d_nhwc_hwcm {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w2 : memref<1x5x5x4xi8>, memref<3x3x4x2xi8>) outs(%y2 : memref<1x3x3x4x2xi32>)
  linalg.depthwise_conv_2d_nhwc_hwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w, %zp, %c0 : memref<1x5x5x4xi8>, memref<3x3x4xi8>, i32, i32) outs(%y : memref<1x3x3x4xi32>)
  linalg.depthwise_conv_2d_nhwc_hwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w, %c0, %far : memref<1x5x5x4xi8>, memref<3x3x4xi8>, i32, i32) outs(%y : memref<1x3x3x4xi32>)
  linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x16, %w : memref<1x5x5x4xi16>, memref<3x3x4xi8>) outs(%y : memref<1x3x3x4xi32>)
  linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%xc, %wc : memref<1x4x5x5xi8>, memref<4x3x3xi8>) outs(%yc : memref<1x4x3x3xi32>)
  linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%xs, %w : memref<1x5x5x4xi8, strided<[200, 40, 8, 2]>>, memref<3x3x4xi8>) outs(%y : memref<1x3x3x4xi32>)
  linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %wd : memref<1x5x5x4xi8>, memref<3x3x?xi8>) outs(%y : memref<1x3x3x4xi32>)
  %r = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%t, %tw : tensor<1x5x5x4xi8>, tensor<3x3x4xi8>) outs(%ty : tensor<1x3x3x4xi32>) -> tensor<1x3x3x4xi32>
  return %r : tensor<1x3x3x4xi32>
}

// -----

// The bias broadcast into the output (cse-sparse-fold-bias-add's, bufferized)
// is folded: the sums start from the bias itself and the broadcast goes.
// An unrelated op in between (a copy into another buffer) does not stop it.
// CHECK-LABEL: func.func @bias_start
// CHECK-SAME:    (%[[X:.*]]: memref<1x5x5x4xi8>, %[[W:.*]]: memref<3x3x4x1xi8>, %[[BIAS:.*]]: memref<4xi32>, %[[Y:.*]]: memref<1x3x3x4x1xi32>
// CHECK-NOT:     linalg.generic
// CHECK:         memref.copy
// CHECK-NOT:     linalg.generic
// CHECK:         scf.for %[[C:.*]] = %{{.*}} to %c4{{.*}} step %c4
// CHECK:           memref.load %[[BIAS]][%[[C]]]
// CHECK:           %[[C1:.*]] = arith.addi %[[C]], %c1
// CHECK:           memref.load %[[BIAS]][%[[C1]]]
// CHECK-NOT:       memref.load %[[Y]]
// CHECK:           memref.store %{{.*}}, %[[Y]]
#channel = affine_map<(d0, d1, d2, d3, d4) -> (d3)>
#id5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
func.func @bias_start(%x: memref<1x5x5x4xi8>, %w: memref<3x3x4x1xi8>, %bias: memref<4xi32>, %y: memref<1x3x3x4x1xi32>,
                      %a: memref<8xi8>, %b: memref<8xi8>) {
  %izp = arith.constant -128 : i32
  %wzp = arith.constant 0 : i32
  linalg.generic {indexing_maps = [#channel, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]}
    ins(%bias : memref<4xi32>) outs(%y : memref<1x3x3x4x1xi32>) {
  ^bb0(%in: i32, %out: i32):
    linalg.yield %in : i32
  }
  memref.copy %a, %b : memref<8xi8> to memref<8xi8>
  linalg.depthwise_conv_2d_nhwc_hwcm_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w, %izp, %wzp : memref<1x5x5x4xi8>, memref<3x3x4x1xi8>, i32, i32) outs(%y : memref<1x3x3x4x1xi32>)
  return
}

// -----

// Kept: the output is read between the broadcast and the convolution, the
// bias is written there, or the bias is a view of the output; the sums then
// start from the output.
// CHECK-LABEL: func.func @bias_kept
// CHECK-SAME:    (%[[X:.*]]: memref<1x5x5x4xi8>, %[[W:.*]]: memref<3x3x4xi8>, %[[BIAS:.*]]: memref<4xi32>, %[[Y:.*]]: memref<1x3x3x4xi32>
// CHECK:         linalg.generic
// CHECK:         memref.load %[[Y]]
// CHECK:         scf.for
// CHECK:           memref.load %[[Y]]
// CHECK:         linalg.generic
// CHECK:         memref.store %{{.*}}, %[[BIAS]]
// CHECK:         scf.for
// CHECK:           memref.load %[[Y]]
// CHECK:         %[[VIEW:.*]] = memref.subview %[[Y]]
// CHECK:         linalg.generic {{.*}} ins(%[[VIEW]]
// CHECK:         scf.for
// CHECK:           memref.load %[[Y]]
#channel4 = affine_map<(d0, d1, d2, d3) -> (d3)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @bias_kept(%x: memref<1x5x5x4xi8>, %w: memref<3x3x4xi8>, %bias: memref<4xi32>, %y: memref<1x3x3x4xi32>) -> i32 {
  %c0 = arith.constant 0 : index
  %v = arith.constant 7 : i32
  linalg.generic {indexing_maps = [#channel4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%bias : memref<4xi32>) outs(%y : memref<1x3x3x4xi32>) {
  ^bb0(%in: i32, %out: i32):
    linalg.yield %in : i32
  }
  %r = memref.load %y[%c0, %c0, %c0, %c0] : memref<1x3x3x4xi32>
  linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : memref<1x5x5x4xi8>, memref<3x3x4xi8>) outs(%y : memref<1x3x3x4xi32>)
  linalg.generic {indexing_maps = [#channel4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%bias : memref<4xi32>) outs(%y : memref<1x3x3x4xi32>) {
  ^bb0(%in: i32, %out: i32):
    linalg.yield %in : i32
  }
  memref.store %v, %bias[%c0] : memref<4xi32>
  linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : memref<1x5x5x4xi8>, memref<3x3x4xi8>) outs(%y : memref<1x3x3x4xi32>)
  %view = memref.subview %y[0, 2, 2, 0] [1, 1, 1, 4] [1, 1, 1, 1] : memref<1x3x3x4xi32> to memref<4xi32, strided<[1], offset: 32>>
  linalg.generic {indexing_maps = [#channel4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%view : memref<4xi32, strided<[1], offset: 32>>) outs(%y : memref<1x3x3x4xi32>) {
  ^bb0(%in: i32, %out: i32):
    linalg.yield %in : i32
  }
  linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : memref<1x5x5x4xi8>, memref<3x3x4xi8>) outs(%y : memref<1x3x3x4xi32>)
  return %r : i32
}
