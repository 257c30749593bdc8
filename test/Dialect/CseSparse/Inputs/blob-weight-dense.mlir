// The dense twin of ../blob-weights.mlir (not a test by itself).

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 8,
    operands = dense<[[0, 3]]> : tensor<1x2xi32>,
    coefficients = dense<[[1, -2]]> : tensor<1x2xi8>>,
  row_ptr = dense<[0, 2, 4, 6, 7]> : tensor<5xi32>,
  col_idx = dense<[6, 8, 1, 4, 5, 8, 7]> : tensor<7xi32>,
  values = dense<[1, 1, 3, 1, 1, 1, 7]> : tensor<7xi8>>

func.func @layer(%x: memref<8x3xi8>, %y: memref<4x3xi32>) {
  cse_sparse.matmul #w bias(dense<[1, 2, 3, 4]> : tensor<4xi32>) ins(%x : memref<8x3xi8>) outs(%y : memref<4x3xi32>)
  return
}
