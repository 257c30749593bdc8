// RUN: cse-opt %s --cse-sparse-extract="cost-model=none float-weights=1" -split-input-file | FileCheck %s

// A constant init that varies at most along the output rows folds into the
// op's bias, and the op overwrites an empty destination (overwrite_init): no
// pass writes the output before the kernel, and the kernel loads nothing
// from it. The weight: rows 0 and 2 share x0 - 2*x3.

// A fill of 5 on y = W x: bias 5 per row.
// CHECK-LABEL: func.func @fill
// CHECK-NOT: linalg.fill
// CHECK: %[[E:.+]] = tensor.empty() : tensor<4x3xi32>
// CHECK: cse_sparse.matmul <{{.+}}> bias(dense<5> : tensor<4xi32>) overwrite_init ins(%{{.+}} : tensor<8x3xi8>) outs(%[[E]] : tensor<4x3xi32>)
func.func @fill(%x: tensor<8x3xi8>) -> tensor<4x3xi32> {
  %w = arith.constant dense<[[1, 0, 0, -2, 0, 0, 1, 0],
                             [0, 3, 0, 0, 1, 0, 0, 0],
                             [1, 0, 0, -2, 0, 1, 0, 0],
                             [0, 0, 0, 0, 0, 0, 0, 7]]> : tensor<4x8xi8>
  %c5 = arith.constant 5 : i32
  %init = tensor.empty() : tensor<4x3xi32>
  %acc = linalg.fill ins(%c5 : i32) outs(%init : tensor<4x3xi32>) -> tensor<4x3xi32>
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x3xi8>) outs(%acc : tensor<4x3xi32>) -> tensor<4x3xi32>
  return %y : tensor<4x3xi32>
}

// The linear layer y = x W^T + b with the bias broadcast over the batch (a
// generic along dimension 1 of the transposed init), plus an input zero
// point of 3: bias = b - 3 * (row sums of W) = [10 - 0, 20 - 12, 30 - 0,
// 40 - 21], wrapped like the original.
// CHECK-LABEL: func.func @broadcast_bias
// CHECK-NOT: linalg.generic
// CHECK: cse_sparse.matmul <{{.+}}> bias(dense<[10, 8, 30, 19]> : tensor<4xi32>) overwrite_init ins(%{{.+}} : tensor<2x8xi8> transposed) outs(%{{.+}} : tensor<2x4xi32> transposed)
func.func @broadcast_bias(%x: tensor<2x8xi8>) -> tensor<2x4xi32> {
  %wt = arith.constant dense<[[1, 0, 1, 0], [0, 3, 0, 0], [0, 0, 0, 0], [-2, 0, -2, 0],
                              [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 7]]> : tensor<8x4xi8>
  %b = arith.constant dense<[10, 20, 30, 40]> : tensor<4xi32>
  %x_zp = arith.constant 3 : i32
  %w_zp = arith.constant 0 : i32
  %init = tensor.empty() : tensor<2x4xi32>
  %acc = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                         iterator_types = ["parallel", "parallel"]}
      ins(%b : tensor<4xi32>) outs(%init : tensor<2x4xi32>) {
  ^bb0(%in: i32, %out: i32):
    linalg.yield %in : i32
  } -> tensor<2x4xi32>
  %y = linalg.quantized_matmul ins(%x, %wt, %x_zp, %w_zp : tensor<2x8xi8>, tensor<8x4xi8>, i32, i32)
         outs(%acc : tensor<2x4xi32>) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

// -----

// TOSA's convolution: the bias broadcast along the channels of an nhwc
// output. 4 filters of a 1x1 window over 8 channels.
// CHECK-LABEL: func.func @conv_bias
// CHECK-NOT: linalg.generic
// CHECK: %[[E:.+]] = tensor.empty() : tensor<1x2x2x4xi32>
// CHECK: cse_sparse.conv_2d <{{.+}}> nhwc {{.+}} bias(dense<[7, -1, 0, 2147483647]> : tensor<4xi32>) overwrite_init ins(%{{.+}} : tensor<1x2x2x8xi8>) outs(%[[E]] : tensor<1x2x2x4xi32>)
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

// A broadcast along another dimension (the width) is not per filter: kept.
// CHECK-LABEL: func.func @conv_broadcast_width
// CHECK: %[[ACC:.+]] = linalg.generic
// CHECK: cse_sparse.conv_2d
// CHECK-NOT: overwrite_init
// CHECK-SAME: outs(%[[ACC]] : tensor<1x2x4x4xi32>)
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

// -----

#w = dense<[[1, 0, 0, -2, 0, 0, 1, 0],
            [0, 3, 0, 0, 1, 0, 0, 0],
            [1, 0, 0, -2, 0, 1, 0, 0],
            [0, 0, 0, 0, 0, 0, 0, 7]]> : tensor<4x8xi8>

// Inits that are not constant per row stay: a fill of a runtime value, a
// constant that is not a splat, and a function argument.
// CHECK-LABEL: func.func @kept
// CHECK-SAME: %[[ACC:[a-z0-9]+]]: tensor<4x3xi32>)
// CHECK: %[[F1:.+]] = linalg.fill ins(%{{.+}} : i32)
// CHECK: cse_sparse.matmul
// CHECK-NOT: overwrite_init
// CHECK-SAME: outs(%[[F1]] :
// CHECK: %[[C:.+]] = arith.constant dense<{{\[\[}}1, 2, 3]
// CHECK: cse_sparse.matmul
// CHECK-NOT: overwrite_init
// CHECK-SAME: outs(%[[C]] :
// CHECK: cse_sparse.matmul
// CHECK-NOT: overwrite_init
// CHECK-SAME: outs(%[[ACC]] :
func.func @kept(%x: tensor<8x3xi8>, %v: i32, %acc: tensor<4x3xi32>) -> (tensor<4x3xi32>, tensor<4x3xi32>, tensor<4x3xi32>) {
  %w = arith.constant #w
  %init = tensor.empty() : tensor<4x3xi32>
  %a1 = linalg.fill ins(%v : i32) outs(%init : tensor<4x3xi32>) -> tensor<4x3xi32>
  %y1 = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x3xi8>) outs(%a1 : tensor<4x3xi32>) -> tensor<4x3xi32>
  %a2 = arith.constant dense<[[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]]> : tensor<4x3xi32>
  %y2 = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x3xi8>) outs(%a2 : tensor<4x3xi32>) -> tensor<4x3xi32>
  %y3 = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x3xi8>) outs(%acc : tensor<4x3xi32>) -> tensor<4x3xi32>
  return %y1, %y2, %y3 : tensor<4x3xi32>, tensor<4x3xi32>, tensor<4x3xi32>
}

// A splat constant init folds like a fill.
// CHECK-LABEL: func.func @splat
// CHECK: cse_sparse.matmul <{{.+}}> bias(dense<-7> : tensor<4xi32>) overwrite_init
func.func @splat(%x: tensor<8x3xi8>) -> tensor<4x3xi32> {
  %w = arith.constant #w
  %acc = arith.constant dense<-7> : tensor<4x3xi32>
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x3xi8>) outs(%acc : tensor<4x3xi32>) -> tensor<4x3xi32>
  return %y : tensor<4x3xi32>
}

// A fill that is also used elsewhere stays for that use; the op overwrites
// the empty tensor the fill wrote (bufferization gives each its buffer).
// CHECK-LABEL: func.func @shared_fill
// CHECK: %[[E:.+]] = tensor.empty() : tensor<4x3xi32>
// CHECK: %[[F:.+]] = linalg.fill {{.+}} outs(%[[E]] :
// CHECK: %[[Y:.+]] = cse_sparse.matmul <{{.+}}> overwrite_init ins(%{{.+}} : tensor<8x3xi8>) outs(%[[E]] : tensor<4x3xi32>)
// CHECK: return %[[Y]], %[[F]]
func.func @shared_fill(%x: tensor<8x3xi8>) -> (tensor<4x3xi32>, tensor<4x3xi32>) {
  %w = arith.constant #w
  %c0 = arith.constant 0 : i32
  %init = tensor.empty() : tensor<4x3xi32>
  %acc = linalg.fill ins(%c0 : i32) outs(%init : tensor<4x3xi32>) -> tensor<4x3xi32>
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x3xi8>) outs(%acc : tensor<4x3xi32>) -> tensor<4x3xi32>
  return %y, %acc : tensor<4x3xi32>, tensor<4x3xi32>
}

// Dynamic batch: the fill's empty tensor, whatever its sizes, is the
// destination.
// CHECK-LABEL: func.func @dynamic
// CHECK-SAME: (%[[X:.+]]: tensor<8x?xi8>, %[[N:.+]]: index)
// CHECK-NOT: linalg.fill
// CHECK: %[[E:.+]] = tensor.empty(%[[N]]) : tensor<4x?xi32>
// CHECK-NOT: linalg.fill
// CHECK: cse_sparse.matmul <{{.+}}> overwrite_init ins(%[[X]] : tensor<8x?xi8>) outs(%[[E]] : tensor<4x?xi32>)
func.func @dynamic(%x: tensor<8x?xi8>, %n: index) -> tensor<4x?xi32> {
  %w = arith.constant #w
  %c0 = arith.constant 0 : i32
  %init = tensor.empty(%n) : tensor<4x?xi32>
  %acc = linalg.fill ins(%c0 : i32) outs(%init : tensor<4x?xi32>) -> tensor<4x?xi32>
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x?xi8>) outs(%acc : tensor<4x?xi32>) -> tensor<4x?xi32>
  return %y : tensor<4x?xi32>
}

// -----

// Floats: a fill of +0.0 folds (nothing to add); any other start value is
// kept, since adding it first or last rounds differently.
// CHECK-LABEL: func.func @floats
// CHECK: cse_sparse.matmul <{{.+}}> overwrite_init ins(
// CHECK: %[[F:.+]] = linalg.fill
// CHECK: cse_sparse.matmul
// CHECK-NOT: overwrite_init
// CHECK-SAME: outs(%[[F]] :
func.func @floats(%x: tensor<4x2xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>) {
  %w = arith.constant dense<[[0.5, 0.5, 0.0, 2.0], [0.5, 0.5, -1.5, 0.0], [0.5, 0.5, 0.0, -1.0]]> : tensor<3x4xf32>
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %init = tensor.empty() : tensor<3x2xf32>
  %a0 = linalg.fill ins(%zero : f32) outs(%init : tensor<3x2xf32>) -> tensor<3x2xf32>
  %y0 = linalg.matmul ins(%w, %x : tensor<3x4xf32>, tensor<4x2xf32>) outs(%a0 : tensor<3x2xf32>) -> tensor<3x2xf32>
  %a1 = linalg.fill ins(%one : f32) outs(%init : tensor<3x2xf32>) -> tensor<3x2xf32>
  %y1 = linalg.matmul ins(%w, %x : tensor<3x4xf32>, tensor<4x2xf32>) outs(%a1 : tensor<3x2xf32>) -> tensor<3x2xf32>
  return %y0, %y1 : tensor<3x2xf32>, tensor<3x2xf32>
}

// -----

// TOSA's matmul: a fill seen through a reshape (the batch of one collapsed
// away); a new empty tensor of the reshaped type is the destination.
// CHECK-LABEL: func.func @reshaped_fill
// CHECK-NOT: linalg.fill
// CHECK: %[[E:.+]] = tensor.empty() : tensor<4x3xi32>
// CHECK: cse_sparse.matmul <{{.+}}> overwrite_init ins(%{{.+}} : tensor<8x3xi8>) outs(%[[E]] : tensor<4x3xi32>)
func.func @reshaped_fill(%x: tensor<8x3xi8>) -> tensor<4x3xi32> {
  %w = arith.constant dense<[[1, 0, 0, -2, 0, 0, 1, 0],
                             [0, 3, 0, 0, 1, 0, 0, 0],
                             [1, 0, 0, -2, 0, 1, 0, 0],
                             [0, 0, 0, 0, 0, 0, 0, 7]]> : tensor<4x8xi8>
  %c0 = arith.constant 0 : i32
  %init = tensor.empty() : tensor<1x4x3xi32>
  %fill = linalg.fill ins(%c0 : i32) outs(%init : tensor<1x4x3xi32>) -> tensor<1x4x3xi32>
  %acc = tensor.collapse_shape %fill [[0, 1], [2]] : tensor<1x4x3xi32> into tensor<4x3xi32>
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x3xi8>) outs(%acc : tensor<4x3xi32>) -> tensor<4x3xi32>
  return %y : tensor<4x3xi32>
}
