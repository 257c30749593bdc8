// RUN: cse-opt %s | cse-opt | FileCheck %s

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 8,
    operands = dense<[[0, 3]]> : tensor<1x2xi32>,
    coefficients = dense<[[1, -2]]> : tensor<1x2xi8>>,
  row_ptr = dense<[0, 2, 4, 6, 7]> : tensor<5xi32>,
  col_idx = dense<[6, 8, 1, 4, 5, 8, 7]> : tensor<7xi32>,
  values = dense<[1, 1, 3, 1, 1, 1, 7]> : tensor<7xi8>>

#wf = #cse_sparse.ecsr<type = tensor<2x3xf32>,
  tree = #cse_sparse.adder_tree<num_inputs = 3,
    operands = dense<[[0, 2]]> : tensor<1x2xi32>,
    coefficients = dense<[[0.5, 1.0]]> : tensor<1x2xf32>>,
  row_ptr = dense<[0, 1, 3]> : tensor<3xi32>,
  col_idx = dense<[3, 1, 3]> : tensor<3xi32>,
  values = dense<[1.0, 2.0, -1.0]> : tensor<3xf32>>

// CHECK-LABEL: func.func @tensors
// CHECK-SAME: (%[[X:.+]]: tensor<8x2xi8>, %[[ACC:.+]]: tensor<4x2xi32>)
// CHECK: %[[Y:.+]] = cse_sparse.matmul <type = tensor<4x8xi8>
// CHECK-SAME: ins(%[[X]] : tensor<8x2xi8>) outs(%[[ACC]] : tensor<4x2xi32>) -> tensor<4x2xi32>
// CHECK: return %[[Y]]
func.func @tensors(%x: tensor<8x2xi8>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %y = cse_sparse.matmul #w ins(%x : tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y : tensor<4x2xi32>
}

// Zero-extended input; the accumulator as wide as the input wraps like
// linalg.matmul.
// CHECK-LABEL: func.func @unsigned_input
// CHECK: cse_sparse.matmul <{{.*}}> unsigned_input ins(%{{.+}} : tensor<8x2xi8>) outs(%{{.+}} : tensor<4x2xi8>) -> tensor<4x2xi8>
func.func @unsigned_input(%x: tensor<8x2xi8>, %acc: tensor<4x2xi8>) -> tensor<4x2xi8> {
  %y = cse_sparse.matmul #w unsigned_input ins(%x : tensor<8x2xi8>) outs(%acc : tensor<4x2xi8>) -> tensor<4x2xi8>
  return %y : tensor<4x2xi8>
}

// The linear layer's layout: input B x N and init B x M.
// CHECK-LABEL: func.func @transposed
// CHECK: cse_sparse.matmul <{{.*}}> ins(%{{.+}} : tensor<2x8xi8> transposed) outs(%{{.+}} : tensor<2x4xi32> transposed) -> tensor<2x4xi32>
// CHECK: cse_sparse.matmul <{{.*}}> ins(%{{.+}} : memref<3x8xi8> transposed) outs(%{{.+}} : memref<4x3xi32>)
func.func @transposed(%x: tensor<2x8xi8>, %acc: tensor<2x4xi32>, %xm: memref<3x8xi8>, %ym: memref<4x3xi32>) -> tensor<2x4xi32> {
  %y = cse_sparse.matmul #w ins(%x : tensor<2x8xi8> transposed) outs(%acc : tensor<2x4xi32> transposed) -> tensor<2x4xi32>
  cse_sparse.matmul #w ins(%xm : memref<3x8xi8> transposed) outs(%ym : memref<4x3xi32>)
  return %y : tensor<2x4xi32>
}

// CHECK-LABEL: func.func @memrefs
// CHECK: cse_sparse.matmul <{{.*}}> ins(%{{.+}} : memref<8x1xi8>) outs(%{{.+}} : memref<4x1xi32>)
// CHECK-NOT: ->
func.func @memrefs(%x: memref<8x1xi8>, %y: memref<4x1xi32>) {
  cse_sparse.matmul #w ins(%x : memref<8x1xi8>) outs(%y : memref<4x1xi32>)
  return
}

// Dynamic batch; float weights, input and accumulator.
// CHECK-LABEL: func.func @float_dynamic_batch
// CHECK: cse_sparse.matmul <type = tensor<2x3xf32>{{.*}}> ins(%{{.+}} : tensor<3x?xf32>) outs(%{{.+}} : tensor<2x?xf32>) -> tensor<2x?xf32>
func.func @float_dynamic_batch(%x: tensor<3x?xf32>, %acc: tensor<2x?xf32>) -> tensor<2x?xf32> {
  %y = cse_sparse.matmul #wf ins(%x : tensor<3x?xf32>) outs(%acc : tensor<2x?xf32>) -> tensor<2x?xf32>
  return %y : tensor<2x?xf32>
}

// A per-row bias (folded zero points) on the matmul.
// CHECK-LABEL: func.func @bias
// CHECK: cse_sparse.matmul <{{.*}}> bias(dense<[1, -2, 3, 4]> : tensor<4xi32>) ins(%{{.+}} : tensor<8x2xi8>)
func.func @bias(%x: tensor<8x2xi8>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %y = cse_sparse.matmul #w bias(dense<[1, -2, 3, 4]> : tensor<4xi32>) ins(%x : tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y : tensor<4x2xi32>
}

// Convolutions: #w as 4 filters of a 2x2 window over 2 channels, in both
// layouts, padded with a zero point, strided and dilated, on memrefs.
// CHECK-LABEL: func.func @conv
// CHECK: cse_sparse.conv_2d <{{.*}}> nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] ins(%{{.+}} : tensor<1x3x3x2xi8>) outs(%{{.+}} : tensor<1x2x2x4xi32>) -> tensor<1x2x2x4xi32>
// CHECK: cse_sparse.conv_2d <{{.*}}> nchw window [2, 2] strides [2, 1] dilations [1, 2] padding [1, 0, 1, 1] pad_value -128 : i8 bias(dense<[1, 2, 3, 4]> : tensor<4xi32>) unsigned_input compact_tables ins(%{{.+}} : tensor<2x2x3x3xi8>) outs(%{{.+}} : tensor<2x4x2x2xi32>) -> tensor<2x4x2x2xi32>
// CHECK: cse_sparse.conv_2d <{{.*}}> nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] ins(%{{.+}} : memref<?x3x3x2xi8>) outs(%{{.+}} : memref<?x2x2x4xi32>)
// CHECK-NOT: ->
func.func @conv(%x: tensor<1x3x3x2xi8>, %acc: tensor<1x2x2x4xi32>,
                %xc: tensor<2x2x3x3xi8>, %accc: tensor<2x4x2x2xi32>,
                %xm: memref<?x3x3x2xi8>, %ym: memref<?x2x2x4xi32>) -> (tensor<1x2x2x4xi32>, tensor<2x4x2x2xi32>) {
  %y = cse_sparse.conv_2d #w nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0]
         ins(%x : tensor<1x3x3x2xi8>) outs(%acc : tensor<1x2x2x4xi32>) -> tensor<1x2x2x4xi32>
  // Height: (2-1)*2 + (2-1)*1 + 1 = 4 <= 3 + 1; width: (2-1)*1 + (2-1)*2 + 1 = 4 <= 3 + 1 + 1.
  %z = cse_sparse.conv_2d #w nchw window [2, 2] strides [2, 1] dilations [1, 2] padding [1, 0, 1, 1]
         pad_value -128 : i8 bias(dense<[1, 2, 3, 4]> : tensor<4xi32>) unsigned_input compact_tables
         ins(%xc : tensor<2x2x3x3xi8>) outs(%accc : tensor<2x4x2x2xi32>) -> tensor<2x4x2x2xi32>
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0]
    ins(%xm : memref<?x3x3x2xi8>) outs(%ym : memref<?x2x2x4xi32>)
  return %y, %z : tensor<1x2x2x4xi32>, tensor<2x4x2x2xi32>
}

// overwrite_init on both ops: the result does not read init's values.
// CHECK-LABEL: func.func @overwrite_init
// CHECK: cse_sparse.matmul <{{.*}}> bias(dense<[1, -2, 3, 4]> : tensor<4xi32>) overwrite_init ins(%{{.+}} : tensor<8x2xi8>) outs(%{{.+}} : tensor<4x2xi32>) -> tensor<4x2xi32>
// CHECK: cse_sparse.conv_2d <{{.*}}> nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] compact_tables overwrite_init ins(%{{.+}} : tensor<1x3x3x2xi8>) outs(%{{.+}} : tensor<1x2x2x4xi32>) -> tensor<1x2x2x4xi32>
func.func @overwrite_init(%x: tensor<8x2xi8>, %xc: tensor<1x3x3x2xi8>) -> (tensor<4x2xi32>, tensor<1x2x2x4xi32>) {
  %e = tensor.empty() : tensor<4x2xi32>
  %y = cse_sparse.matmul #w bias(dense<[1, -2, 3, 4]> : tensor<4xi32>) overwrite_init ins(%x : tensor<8x2xi8>) outs(%e : tensor<4x2xi32>) -> tensor<4x2xi32>
  %ec = tensor.empty() : tensor<1x2x2x4xi32>
  %z = cse_sparse.conv_2d #w nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0]
         compact_tables overwrite_init ins(%xc : tensor<1x3x3x2xi8>) outs(%ec : tensor<1x2x2x4xi32>) -> tensor<1x2x2x4xi32>
  return %y, %z : tensor<4x2xi32>, tensor<1x2x2x4xi32>
}
