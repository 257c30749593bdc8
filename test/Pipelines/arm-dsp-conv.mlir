// cse-sparse-arm-dsp-conv: int8 NHWC/FHWC convolutions as SMLAD loops over
// window rows (exactness on the board, from TOSA:
// test/Integration/ARM/dsp-conv-cortex-m4.test).
// RUN: cse-opt %s --split-input-file --cse-sparse-arm-dsp-conv | FileCheck %s

// As TOSA lowers TFLite's conv2d: the _q form, input zero point -128.
// Input and filter viewed with their last two dimensions as one (a
// reinterpret_cast: a window row of 3 x 5 = 15 bytes is one span); three
// filters: a block of two, then the last one. Per span: one iteration of two
// words (8 bytes), one word, then three single bytes; the input's halves get
// 128 added (0x00800080), the filter's (zero point 0) are only widened.
// CHECK-LABEL: func.func @fhwc_q
// CHECK-SAME:    (%[[X:.*]]: memref<1x7x7x5xi8>, %[[W:.*]]: memref<3x3x3x5xi8>, %[[Y:.*]]: memref<1x3x5x3xi32>)
// CHECK:         %[[XR:.*]] = memref.reinterpret_cast %[[X]] to offset: [0], sizes: [1, 7, 35], strides: [245, 35, 1]
// CHECK:         %[[WR:.*]] = memref.reinterpret_cast %[[W]] to offset: [0], sizes: [3, 3, 15], strides: [45, 15, 1]
// CHECK:         scf.for %[[N:.*]] =
// CHECK:           scf.for %[[OH:.*]] =
// CHECK:             scf.for %[[OW:.*]] =
// CHECK:               %[[IH:.*]] = arith.muli %[[OH]], %c2
// CHECK:               %[[COL:.*]] = arith.muli %[[OW]], %c5
// CHECK:               scf.for %[[F:.*]] = %{{.*}} to %c2{{.*}} step %c2
// CHECK:                 %[[F1:.*]] = arith.addi %[[F]], %c1
// CHECK:                 %[[S0:.*]] = memref.load %[[Y]][%[[N]], %[[OH]], %[[OW]], %[[F]]]
// CHECK:                 %[[S1:.*]] = memref.load %[[Y]][%[[N]], %[[OH]], %[[OW]], %[[F1]]]
// CHECK:                 scf.for %{{.*}} = %c0{{.*}} to %c8{{.*}} step %c8{{.*}} iter_args(%{{.*}} = %[[S0]], %{{.*}} = %[[S1]])
// CHECK:                   vector.load %[[XR]][%[[N]], %{{.*}}, %{{.*}}] : memref<1x7x35xi8, strided<[245, 35, 1]>>, vector<4xi8>
// CHECK:                   llvm.call_intrinsic "llvm.arm.sxtab16"(%c8388736_i32
// CHECK:                   llvm.call_intrinsic "llvm.arm.sxtab16"(%c8388736_i32
// CHECK:                   vector.load %[[WR]][%[[F]],
// CHECK:                   llvm.call_intrinsic "llvm.arm.sxtb16"
// CHECK:                   llvm.call_intrinsic "llvm.arm.smlad"
// CHECK-COUNT-7:           llvm.call_intrinsic "llvm.arm.smlad"
// CHECK:                 scf.for %{{.*}} = %c8{{.*}} to %c12{{.*}} step %c4{{.*}} iter_args
// CHECK-COUNT-4:           llvm.call_intrinsic "llvm.arm.smlad"
// CHECK:                 scf.for %{{.*}} = %c12{{.*}} to %c15{{.*}} step %c1{{.*}} iter_args
// CHECK:                   arith.extsi {{.*}} : i8 to i32
// CHECK:                   arith.subi %{{.*}}, %c-128_i32
// CHECK:                   arith.muli
// The next two window rows, then the sums are stored.
// CHECK-COUNT-2:         scf.for %{{.*}} = %c0{{.*}} to %c8{{.*}} step %c8
// CHECK:                 memref.store %{{.*}}, %[[Y]][%[[N]], %[[OH]], %[[OW]], %[[F]]]
// CHECK:                 memref.store %{{.*}}, %[[Y]][%[[N]], %[[OH]], %[[OW]], %[[F1]]]
// The last filter alone.
// CHECK:               memref.load %[[Y]][%[[N]], %[[OH]], %[[OW]], %c2
// CHECK:               memref.store %{{.*}}, %[[Y]][%[[N]], %[[OH]], %[[OW]], %c2
// CHECK-NOT:     linalg.conv
func.func @fhwc_q(%x: memref<1x7x7x5xi8>, %w: memref<3x3x3x5xi8>, %y: memref<1x3x5x3xi32>) {
  %izp = arith.constant -128 : i32
  %wzp = arith.constant 0 : i32
  linalg.conv_2d_nhwc_fhwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>}
    ins(%x, %w, %izp, %wzp : memref<1x7x7x5xi8>, memref<3x3x3x5xi8>, i32, i32) outs(%y : memref<1x3x5x3xi32>)
  return
}

// -----

// A dilated width: each tap's 8 channels are a span (two words, no bytes),
// at the tap's column in the filter's row; dynamic image sizes; the sums
// start from a bias broadcast into the output just before, which goes.
// CHECK-LABEL: func.func @dilated_bias
// CHECK-SAME:    (%[[X:.*]]: memref<?x?x?x8xi8>, %[[W:.*]]: memref<2x1x3x8xi8>, %[[BIAS:.*]]: memref<2xi32>, %[[Y:.*]]: memref<?x?x?x2xi32>)
// CHECK-NOT:     linalg.generic
// CHECK:         %[[XR:.*]] = memref.reinterpret_cast %[[X]] to offset: [0], sizes: [%{{.*}}, %{{.*}}, %{{.*}}], strides: [%{{.*}}, %{{.*}}, 1] : memref<?x?x?x8xi8> to memref<?x?x?xi8, strided<[?, ?, 1]>>
// CHECK:         scf.for %[[F:.*]] = %{{.*}} to %c2{{.*}} step %c2
// CHECK:           memref.load %[[BIAS]][%[[F]]]
// CHECK:           memref.load %[[BIAS]]
// CHECK-NOT:       memref.load %[[Y]]
// Tap kw reads from column 16 kw of the pixel's input row (dilation 2 x 8
// channels) and from column 8 kw of the filter's row.
// CHECK:           arith.muli %c0{{.*}}, %c16
// CHECK:           scf.for %{{.*}} = %c0{{.*}} to %c8{{.*}} step %c8
// CHECK:           %[[TAP:.*]] = arith.muli %c1{{.*}}, %c16
// CHECK:           arith.addi %{{.*}}, %[[TAP]]
// CHECK:           arith.muli %c1{{.*}}, %c8
// CHECK:           scf.for %{{.*}} = %c0{{.*}} to %c8{{.*}} step %c8
// CHECK:           arith.muli %c2{{.*}}, %c16
// CHECK:           scf.for %{{.*}} = %c0{{.*}} to %c8{{.*}} step %c8
// CHECK-NOT:       scf.for
// CHECK:           memref.store
#filter = affine_map<(d0, d1, d2, d3) -> (d3)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @dilated_bias(%x: memref<?x?x?x8xi8>, %w: memref<2x1x3x8xi8>, %bias: memref<2xi32>, %y: memref<?x?x?x2xi32>) {
  linalg.generic {indexing_maps = [#filter, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%bias : memref<2xi32>) outs(%y : memref<?x?x?x2xi32>) {
  ^bb0(%in: i32, %out: i32):
    linalg.yield %in : i32
  }
  linalg.conv_2d_nhwc_fhwc {dilations = dense<[1, 2]> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : memref<?x?x?x8xi8>, memref<2x1x3x8xi8>) outs(%y : memref<?x?x?x2xi32>)
  return
}

// -----

// Left to upstream's loops: HWCF and NCHW filters, a zero point that is not
// a constant, one wider than 64 bits, an input whose rows are not
// contiguous, a filter of dynamic shape, int16 input, and tensors.
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-8: linalg.conv_2d
// CHECK-NOT:     llvm.call_intrinsic
// CHECK:         return
func.func @left_alone(%x: memref<1x5x5x4xi8>, %hwcf: memref<3x3x4x2xi8>, %fhwc: memref<2x3x3x4xi8>,
                      %y: memref<1x3x3x2xi32>, %zp: i32, %xc: memref<1x4x5x5xi8>, %fchw: memref<2x4x3x3xi8>,
                      %yc: memref<1x2x3x3xi32>, %xs: memref<1x5x5x4xi8, strided<[200, 40, 8, 1]>>,
                      %fd: memref<?x3x3x4xi8>, %x16: memref<1x5x5x4xi16>,
                      %t: tensor<1x5x5x4xi8>, %tw: tensor<2x3x3x4xi8>, %ty: tensor<1x3x3x2xi32>) -> tensor<1x3x3x2xi32> {
  %c0 = arith.constant 0 : i32
  linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %hwcf : memref<1x5x5x4xi8>, memref<3x3x4x2xi8>) outs(%y : memref<1x3x3x2xi32>)
  linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%xc, %fchw : memref<1x4x5x5xi8>, memref<2x4x3x3xi8>) outs(%yc : memref<1x2x3x3xi32>)
  linalg.conv_2d_nhwc_fhwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %fhwc, %zp, %c0 : memref<1x5x5x4xi8>, memref<2x3x3x4xi8>, i32, i32) outs(%y : memref<1x3x3x2xi32>)
  %wide = arith.constant 170141183460469231731687303715884105727 : i128
  linalg.conv_2d_nhwc_fhwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %fhwc, %wide, %c0 : memref<1x5x5x4xi8>, memref<2x3x3x4xi8>, i128, i32) outs(%y : memref<1x3x3x2xi32>)
  linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%xs, %fhwc : memref<1x5x5x4xi8, strided<[200, 40, 8, 1]>>, memref<2x3x3x4xi8>) outs(%y : memref<1x3x3x2xi32>)
  linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %fd : memref<1x5x5x4xi8>, memref<?x3x3x4xi8>) outs(%y : memref<1x3x3x2xi32>)
  linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x16, %fhwc : memref<1x5x5x4xi16>, memref<2x3x3x4xi8>) outs(%y : memref<1x3x3x2xi32>)
  %r = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%t, %tw : tensor<1x5x5x4xi8>, tensor<2x3x3x4xi8>) outs(%ty : tensor<1x3x3x2xi32>) -> tensor<1x3x3x2xi32>
  return %r : tensor<1x3x3x2xi32>
}

// -----

// A constant filter with weight zero point 0 (TOSA's int8 weights) and a
// constant bias broadcast into the output: the input zero point comes out of
// the loop, folded into the bias at compile time: 5 - (-128) x 10 = 1285 and
// -5 - (-128) x -6 = -773; the input is only widened.
// CHECK-DAG:   memref.global "private" constant @[[$START:__cse_sparse_conv_start]] : memref<2xi32> = dense<[1285, -773]>
// CHECK-LABEL: func.func @constant_filter_and_bias
// CHECK-NOT:     linalg.generic
// CHECK:         %[[START:.*]] = memref.get_global @[[$START]]
// CHECK:         scf.for %[[F:.*]] = %{{.*}} to %c2{{.*}} step %c2
// CHECK:           memref.load %[[START]][%[[F]]]
// CHECK-NOT:       llvm.arm.sxtab16
// CHECK:           llvm.call_intrinsic "llvm.arm.sxtb16"
// CHECK-NOT:       llvm.arm.sxtab16
// CHECK:         return
#channel = affine_map<(d0, d1, d2, d3) -> (d3)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
memref.global "private" constant @filter : memref<2x1x1x4xi8> = dense<[[[[1, 2, 3, 4]]], [[[-1, -2, -3, 0]]]]>
memref.global "private" constant @bias : memref<2xi32> = dense<[5, -5]>
func.func @constant_filter_and_bias(%x: memref<1x3x3x4xi8>, %y: memref<1x3x3x2xi32>) {
  %izp = arith.constant -128 : i32
  %wzp = arith.constant 0 : i32
  %w = memref.get_global @filter : memref<2x1x1x4xi8>
  %b = memref.get_global @bias : memref<2xi32>
  linalg.generic {indexing_maps = [#channel, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%b : memref<2xi32>) outs(%y : memref<1x3x3x2xi32>) {
  ^bb0(%in: i32, %out: i32):
    linalg.yield %in : i32
  }
  linalg.conv_2d_nhwc_fhwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w, %izp, %wzp : memref<1x3x3x4xi8>, memref<2x1x1x4xi8>, i32, i32) outs(%y : memref<1x3x3x2xi32>)
  return
}

// -----

// Without a bias, and with window rows of 256 bytes (long enough to pay for
// it), the corrections -(64) x 256 are a vector of their own, added to each
// start; with rows of 4 bytes the zero point stays in the loop. Two
// convolutions, two vectors (the second renamed).
// CHECK-DAG:   memref.global "private" constant @[[$CORR0:__cse_sparse_conv_zero_correction]] : memref<2xi32> = dense<-16384>
// CHECK-DAG:   memref.global "private" constant @[[$CORR1:__cse_sparse_conv_zero_correction_[0-9]+]] : memref<2xi32> = dense<16384>
// CHECK-LABEL: func.func @long_rows
// CHECK:         %[[CORR:.*]] = memref.get_global @[[$CORR0]]
// CHECK:         scf.for %[[F:.*]] = %{{.*}} to %c2{{.*}} step %c2
// CHECK:           %[[S:.*]] = memref.load %{{.*}}[%{{.*}}, %{{.*}}, %{{.*}}, %[[F]]]
// CHECK:           %[[C:.*]] = memref.load %[[CORR]][%[[F]]]
// CHECK:           arith.addi %[[S]], %[[C]]
// CHECK-NOT:       llvm.arm.sxtab16
// CHECK:         memref.get_global @[[$CORR1]]
// CHECK:         llvm.call_intrinsic "llvm.arm.sxtab16"
// CHECK:         return
memref.global "private" constant @ones : memref<2x1x1x256xi8> = dense<1>
memref.global "private" constant @short : memref<2x1x1x4xi8> = dense<1>
func.func @long_rows(%x: memref<1x2x2x256xi8>, %y: memref<1x2x2x2xi32>, %xs: memref<1x2x2x4xi8>) {
  %wzp = arith.constant 0 : i32
  %izp = arith.constant 64 : i32
  %izp2 = arith.constant -64 : i32
  %w = memref.get_global @ones : memref<2x1x1x256xi8>
  %ws = memref.get_global @short : memref<2x1x1x4xi8>
  linalg.conv_2d_nhwc_fhwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w, %izp, %wzp : memref<1x2x2x256xi8>, memref<2x1x1x256xi8>, i32, i32) outs(%y : memref<1x2x2x2xi32>)
  linalg.conv_2d_nhwc_fhwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w, %izp2, %wzp : memref<1x2x2x256xi8>, memref<2x1x1x256xi8>, i32, i32) outs(%y : memref<1x2x2x2xi32>)
  linalg.conv_2d_nhwc_fhwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%xs, %ws, %izp, %wzp : memref<1x2x2x4xi8>, memref<2x1x1x4xi8>, i32, i32) outs(%y : memref<1x2x2x2xi32>)
  return
}
