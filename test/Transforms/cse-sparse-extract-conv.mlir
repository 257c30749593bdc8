// RUN: cse-opt %s --cse-sparse-extract="cost-model=sparse remarks=1" -verify-diagnostics -split-input-file | FileCheck %s

// Convolutions with a constant filter become cse_sparse.conv_2d: the filter
// is the F x (Kh*Kw*C) weight, column (kh*Kw + kw)*C + c, whatever the
// linalg filter layout.

// The same four filters in the three layouts give the same weight. Filter f
// has taps (kh, kw, c): f0 = 1 at (0,0,0) and (1,1,1); f1 = 2 at (0,1,0);
// f2 = -1 at (1,0,1); f3 = 1 at (0,0,0) and (1,1,1) like f0. Columns:
// (0,0,0) = 0, (0,1,0) = 2, (1,0,1) = 5, (1,1,1) = 7; f0 and f3 share node 8
// = e0 + e7.
// CHECK-LABEL: func.func @hwcf
// CHECK-SAME: (%[[X:.+]]: tensor<1x4x4x2xi8>, %[[ACC:.+]]: tensor<1x3x3x4xi32>)
// CHECK: %[[Y:.+]] = cse_sparse.conv_2d <type = tensor<4x8xi8>
// CHECK-SAME: operands = dense<{{\[\[}}0, 7]]> : tensor<1x2xi32>, coefficients = dense<1> : tensor<1x2xi8>>, row_ptr = dense<[0, 1, 2, 3, 4]> : tensor<5xi32>, col_idx = dense<[8, 2, 5, 8]> : tensor<4xi32>, values = dense<[1, 2, -1, 1]> : tensor<4xi8>>
// CHECK-SAME: nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0]
// CHECK-SAME: ins(%[[X]] : tensor<1x4x4x2xi8>) outs(%[[ACC]] : tensor<1x3x3x4xi32>) -> tensor<1x3x3x4xi32>
// CHECK: return %[[Y]]
func.func @hwcf(%x: tensor<1x4x4x2xi8>, %acc: tensor<1x3x3x4xi32>) -> tensor<1x3x3x4xi32> {
  // [kh][kw][c][f]
  %w = arith.constant dense<[[[[1, 0, 0, 1], [0, 0, 0, 0]], [[0, 2, 0, 0], [0, 0, 0, 0]]],
                             [[[0, 0, 0, 0], [0, 0, -1, 0]], [[0, 0, 0, 0], [1, 0, 0, 1]]]]> : tensor<2x2x2x4xi8>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 4x8, nnz 6, CSEs 1}}
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<1x4x4x2xi8>, tensor<2x2x2x4xi8>) outs(%acc : tensor<1x3x3x4xi32>) -> tensor<1x3x3x4xi32>
  return %y : tensor<1x3x3x4xi32>
}

// CHECK-LABEL: func.func @fhwc
// CHECK: cse_sparse.conv_2d <type = tensor<4x8xi8>
// CHECK-SAME: operands = dense<{{\[\[}}0, 7]]> : tensor<1x2xi32>, coefficients = dense<1> : tensor<1x2xi8>>, row_ptr = dense<[0, 1, 2, 3, 4]> : tensor<5xi32>, col_idx = dense<[8, 2, 5, 8]> : tensor<4xi32>, values = dense<[1, 2, -1, 1]> : tensor<4xi8>>
// CHECK-SAME: nhwc window [2, 2] strides [2, 1] dilations [1, 2] padding [0, 0, 0, 0]
func.func @fhwc(%x: tensor<1x5x4x2xi8>, %acc: tensor<1x2x2x4xi32>) -> tensor<1x2x2x4xi32> {
  // [f][kh][kw][c]
  %w = arith.constant dense<[[[[1, 0], [0, 0]], [[0, 0], [0, 1]]],
                             [[[0, 0], [2, 0]], [[0, 0], [0, 0]]],
                             [[[0, 0], [0, 0]], [[0, -1], [0, 0]]],
                             [[[1, 0], [0, 0]], [[0, 0], [0, 1]]]]> : tensor<4x2x2x2xi8>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 4x8, nnz 6, CSEs 1}}
  %y = linalg.conv_2d_nhwc_fhwc {dilations = dense<[1, 2]> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>}
         ins(%x, %w : tensor<1x5x4x2xi8>, tensor<4x2x2x2xi8>) outs(%acc : tensor<1x2x2x4xi32>) -> tensor<1x2x2x4xi32>
  return %y : tensor<1x2x2x4xi32>
}

// CHECK-LABEL: func.func @fchw
// CHECK: cse_sparse.conv_2d <type = tensor<4x8xi8>
// CHECK-SAME: operands = dense<{{\[\[}}0, 7]]> : tensor<1x2xi32>, coefficients = dense<1> : tensor<1x2xi8>>, row_ptr = dense<[0, 1, 2, 3, 4]> : tensor<5xi32>, col_idx = dense<[8, 2, 5, 8]> : tensor<4xi32>, values = dense<[1, 2, -1, 1]> : tensor<4xi8>>
// CHECK-SAME: nchw window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0]
// CHECK-SAME: ins(%{{.+}} : tensor<2x2x4x4xi8>) outs(%{{.+}} : tensor<2x4x3x3xi32>)
func.func @fchw(%x: tensor<2x2x4x4xi8>, %acc: tensor<2x4x3x3xi32>) -> tensor<2x4x3x3xi32> {
  // [f][c][kh][kw]
  %w = arith.constant dense<[[[[1, 0], [0, 0]], [[0, 0], [0, 1]]],
                             [[[0, 2], [0, 0]], [[0, 0], [0, 0]]],
                             [[[0, 0], [0, 0]], [[0, 0], [-1, 0]]],
                             [[[1, 0], [0, 0]], [[0, 0], [0, 1]]]]> : tensor<4x2x2x2xi8>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 4x8, nnz 6, CSEs 1}}
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<2x2x4x4xi8>, tensor<4x2x2x2xi8>) outs(%acc : tensor<2x4x3x3xi32>) -> tensor<2x4x3x3xi32>
  return %y : tensor<2x4x3x3xi32>
}

// -----

// A pointwise convolution is the contraction over all pixels: a 1x1 window,
// and with the default cost model its figures name the pixels as columns.
// CHECK-LABEL: func.func @pointwise
// CHECK: cse_sparse.conv_2d <type = tensor<3x4xi8>{{.*}}> nhwc window [1, 1] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] ins(%{{.+}} : tensor<1x8x8x4xi8>)
func.func @pointwise(%x: tensor<1x8x8x4xi8>, %acc: tensor<1x8x8x3xi32>) -> tensor<1x8x8x3xi32> {
  %w = arith.constant dense<[[[[1, 1, 0, 2]]], [[[1, 1, 5, 0]]], [[[1, 1, 0, -1]]]]> : tensor<3x1x1x4xi8>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 3x4, nnz 9, CSEs 1}}
  %y = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<1x8x8x4xi8>, tensor<3x1x1x4xi8>) outs(%acc : tensor<1x8x8x3xi32>) -> tensor<1x8x8x3xi32>
  return %y : tensor<1x8x8x3xi32>
}

// -----

// TOSA lowering pads a quantized convolution's input with the input zero
// point; the pad folds into the op (and is erased), the zero points into the
// weight and a per-filter bias: -(-128) * row sums (2 and 1).
// CHECK-LABEL: func.func @tosa_padded_q
// CHECK-SAME: (%[[X:.+]]: tensor<1x4x4x2xi8>,
// CHECK-NOT: tensor.pad
// CHECK: cse_sparse.conv_2d <type = tensor<2x18xi8>{{.*}}> nhwc window [3, 3] strides [1, 1] dilations [1, 1] padding [1, 1, 1, 1] pad_value -128 : i8 bias(dense<[256, 128]> : tensor<2xi32>) ins(%[[X]] : tensor<1x4x4x2xi8>)
// CHECK-NOT: linalg.conv
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
  // expected-remark @+1 {{cse-sparse-extract: csr 2x18, nnz 3}}
  %y = linalg.conv_2d_nhwc_fhwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%p, %w, %izp, %wzp : tensor<1x6x6x2xi8>, tensor<2x3x3x2xi8>, i32, i32) outs(%acc : tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32>
  return %y : tensor<1x4x4x2xi32>
}

// A zero pad needs no pad_value; a pad that also pads channels, or whose
// value is not a constant, stays in front of the op.
// CHECK-LABEL: func.func @pads
// CHECK: cse_sparse.conv_2d <{{.*}}> nchw window [1, 1] strides [1, 1] dilations [1, 1] padding [2, 0, 0, 1] ins(%{{.+}} : tensor<1x2x3x3xi8>)
// CHECK: %[[P:.+]] = tensor.pad
// CHECK: cse_sparse.conv_2d <{{.*}}> nchw window [1, 1] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] ins(%[[P]] : tensor<1x3x3x3xi8>)
// CHECK: %[[Q:.+]] = tensor.pad
// CHECK: cse_sparse.conv_2d <{{.*}}> nchw window [1, 1] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] ins(%[[Q]] : tensor<1x2x4x3xi8>)
func.func @pads(%x: tensor<1x2x3x3xi8>, %v: i8, %acc: tensor<1x2x5x4xi32>, %acc3: tensor<1x2x3x3xi32>, %acc4: tensor<1x2x4x3xi32>)
    -> (tensor<1x2x5x4xi32>, tensor<1x2x3x3xi32>, tensor<1x2x4x3xi32>) {
  %c0 = arith.constant 0 : i8
  %w = arith.constant dense<[[[[1]], [[1]]], [[[1]], [[-1]]]]> : tensor<2x2x1x1xi8>
  %w3 = arith.constant dense<[[[[1]], [[1]], [[1]]], [[[1]], [[-1]], [[1]]]]> : tensor<2x3x1x1xi8>
  %p = tensor.pad %x low[0, 0, 2, 0] high[0, 0, 0, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %c0 : i8
  } : tensor<1x2x3x3xi8> to tensor<1x2x5x4xi8>
  // expected-remark @+1 {{cse-sparse-extract: csr 2x2}}
  %y = linalg.conv_2d_nchw_fchw ins(%p, %w : tensor<1x2x5x4xi8>, tensor<2x2x1x1xi8>) outs(%acc : tensor<1x2x5x4xi32>) -> tensor<1x2x5x4xi32>
  %pc = tensor.pad %x low[0, 1, 0, 0] high[0, 0, 0, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %c0 : i8
  } : tensor<1x2x3x3xi8> to tensor<1x3x3x3xi8>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 2x3}}
  %z = linalg.conv_2d_nchw_fchw ins(%pc, %w3 : tensor<1x3x3x3xi8>, tensor<2x3x1x1xi8>) outs(%acc3 : tensor<1x2x3x3xi32>) -> tensor<1x2x3x3xi32>
  %pv = tensor.pad %x low[0, 0, 1, 0] high[0, 0, 0, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %v : i8
  } : tensor<1x2x3x3xi8> to tensor<1x2x4x3xi8>
  // expected-remark @+1 {{cse-sparse-extract: csr 2x2}}
  %u = linalg.conv_2d_nchw_fchw ins(%pv, %w : tensor<1x2x4x3xi8>, tensor<2x2x1x1xi8>) outs(%acc4 : tensor<1x2x4x3xi32>) -> tensor<1x2x4x3xi32>
  return %y, %z, %u : tensor<1x2x5x4xi32>, tensor<1x2x3x3xi32>, tensor<1x2x4x3xi32>
}

// -----

// What stays a linalg convolution, and why.
func.func @left_alone(%x: tensor<1x4x4x2xi8>, %f: tensor<2x1x1x2xi8>, %acc: tensor<1x4x4x2xi32>,
                      %xd: tensor<1x?x4x2xi8>, %accd: tensor<1x?x4x2xi32>, %zp: i32,
                      %x1: tensor<1x4x2xi8>, %acc1: tensor<1x4x2xi32>) {
  %w = arith.constant dense<1> : tensor<2x1x1x2xi8>
  %dw = arith.constant dense<1> : tensor<1x1x2xi8>
  %c0 = arith.constant 0 : i32
  // expected-remark @+1 {{left alone: the filter is not constant}}
  %a = linalg.conv_2d_nhwc_fhwc ins(%x, %f : tensor<1x4x4x2xi8>, tensor<2x1x1x2xi8>) outs(%acc : tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32>
  // expected-remark @+1 {{left alone: depthwise convolution: each channel has its own filter, so no weights are shared across channels; left to the dense kernel}}
  %b = linalg.depthwise_conv_2d_nhwc_hwc ins(%x, %dw : tensor<1x4x4x2xi8>, tensor<1x1x2xi8>) outs(%acc : tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32>
  // expected-remark @+1 {{left alone: only the batch dimension may be dynamic}}
  %c = linalg.conv_2d_nhwc_fhwc ins(%xd, %w : tensor<1x?x4x2xi8>, tensor<2x1x1x2xi8>) outs(%accd : tensor<1x?x4x2xi32>) -> tensor<1x?x4x2xi32>
  // expected-remark @+1 {{left alone: a zero point is not a compile-time constant}}
  %d = linalg.conv_2d_nhwc_fhwc_q ins(%x, %w, %zp, %c0 : tensor<1x4x4x2xi8>, tensor<2x1x1x2xi8>, i32, i32) outs(%acc : tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32>
  %w1 = arith.constant dense<1> : tensor<1x2x2xi8>
  // expected-remark @+1 {{left alone: convolution form 'linalg.conv_1d_nwc_wcf' is not rewritten (2-D nhwc_hwcf, nhwc_fhwc, nchw_fchw and their _q forms are)}}
  %e = linalg.conv_1d_nwc_wcf ins(%x1, %w1 : tensor<1x4x2xi8>, tensor<1x2x2xi8>) outs(%acc1 : tensor<1x4x2xi32>) -> tensor<1x4x2xi32>
  // Pooling has no weight: not a candidate, no remark.
  %win = tensor.empty() : tensor<1x1xi8>
  %pool = linalg.pooling_nhwc_sum ins(%x, %win : tensor<1x4x4x2xi8>, tensor<1x1xi8>) outs(%acc : tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32>
  return
}

// A convolution generalized to linalg.generic (--linalg-generalize-named-ops)
// is read as the named one: strides and dilations from its image map, zero
// points from its scalar inputs.
// CHECK-LABEL: func.func @generic_conv
// CHECK: cse_sparse.conv_2d <type = tensor<2x8xi8>{{.*}}> nhwc window [2, 2] strides [2, 1] dilations [1, 2] padding [0, 0, 0, 0] bias(dense<6> : tensor<2xi32>)
// CHECK-NOT: linalg.generic
#in = affine_map<(n, h, w, f, kh, kw, c) -> (n, h * 2 + kh, w + kw * 2, c)>
#fl = affine_map<(n, h, w, f, kh, kw, c) -> (f, kh, kw, c)>
#zp = affine_map<(n, h, w, f, kh, kw, c) -> ()>
#out = affine_map<(n, h, w, f, kh, kw, c) -> (n, h, w, f)>
func.func @generic_conv(%x: tensor<1x5x5x2xi8>, %acc: tensor<1x2x3x2xi32>) -> tensor<1x2x3x2xi32> {
  %w = arith.constant dense<[[[[1, 0], [0, 1]], [[1, 0], [0, 0]]], [[[0, 1], [1, 0]], [[0, 0], [1, 0]]]]> : tensor<2x2x2x2xi8>
  %izp = arith.constant -2 : i32
  %wzp = arith.constant 0 : i32
  // expected-remark @+1 {{cse-sparse-extract: csr 2x8, nnz 6}}
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

// A convolution generic in no named layout (the filter as (kh, c, kw, f))
// is recognized as a convolution and left with a reason.
// CHECK-LABEL: func.func @generic_conv_other_layout
// CHECK: linalg.generic
#fl2 = affine_map<(n, h, w, f, kh, kw, c) -> (kh, c, kw, f)>
#in2 = affine_map<(n, h, w, f, kh, kw, c) -> (n, h + kh, w + kw, c)>
func.func @generic_conv_other_layout(%x: tensor<1x4x4x2xi8>, %acc: tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32> {
  %w = arith.constant dense<1> : tensor<1x2x1x2xi8>
  // expected-remark @+1 {{left alone: a convolution generic that is not a generalized 2-D nhwc_hwcf, nhwc_fhwc or nchw_fchw convolution}}
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
