#w = #cse_sparse.ecsr<type = tensor<4x8xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 8,
    operands = dense<[[0, 3]]> : tensor<1x2xi32>,
    coefficients = dense<[[1, -2]]> : tensor<1x2xi8>>,
  row_ptr = dense<[0, 2, 4, 6, 7]> : tensor<5xi32>,
  col_idx = dense<[6, 8, 1, 4, 5, 8, 7]> : tensor<7xi32>,
  values = dense<[1, 1, 3, 1, 1, 1, 7]> : tensor<7xi8>>

func.func @bias(%x: memref<8x?xi8>, %y: memref<4x?xi32>) {
  cse_sparse.matmul #w bias(dense<[5, 6, 7, 8]> : tensor<4xi32>) ins(%x : memref<8x?xi8>) outs(%y : memref<4x?xi32>)
  return
}

#zero = #cse_sparse.ecsr<type = tensor<2x3xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 3, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>,
  row_ptr = dense<[0, 0, 0]> : tensor<3xi32>, col_idx = dense<> : tensor<0xi32>, values = dense<> : tensor<0xi8>>
func.func @bias_only(%x: memref<3x4xi8>, %y: memref<2x4xi32>) {
  cse_sparse.matmul #zero bias(dense<[1, -1]> : tensor<2xi32>) ins(%x : memref<3x4xi8>) outs(%y : memref<2x4xi32>)
  return
}

func.func @conv(%x: memref<?x3x4x2xi8>, %y: memref<?x2x2x4xi32>) {
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [2, 1] dilations [1, 2] padding [1, 0, 1, 0] pad_value -128 : i8
    ins(%x : memref<?x3x4x2xi8>) outs(%y : memref<?x2x2x4xi32>)
  return
}

func.func @conv_nchw(%x: memref<1x2x3x3xi8>, %y: memref<1x4x2x2xi32>) {
  cse_sparse.conv_2d #w nchw window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0]
    ins(%x : memref<1x2x3x3xi8>) outs(%y : memref<1x4x2x2xi32>)
  return
}
