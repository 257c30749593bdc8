#w = #cse_sparse.ecsr<type = tensor<4x4xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 4,
    operands = dense<[[0, 1], [2, 4]]> : tensor<2x2xi32>,
    coefficients = dense<[[1, 1], [2, 1]]> : tensor<2x2xi8>>,
  row_ptr = dense<[0, 2, 3, 4, 5]> : tensor<5xi32>,
  col_idx = dense<[3, 4, 5, 2, 4]> : tensor<5xi32>,
  values = dense<[1, 1, 1, -3, 1]> : tensor<5xi8>>
func.func @per_row(%x: memref<4x1xi8>, %y: memref<4x1xi32>) {
  cse_sparse.matmul #w ins(%x : memref<4x1xi8>) outs(%y : memref<4x1xi32>)
  return
}

#c = #cse_sparse.ecsr<type = tensor<2x300xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 300, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>,
  row_ptr = dense<[0, 2, 3]> : tensor<3xi32>, col_idx = dense<[0, 299, 150]> : tensor<3xi32>, values = dense<[1, -2, 3]> : tensor<3xi8>>
func.func @compact(%x: memref<300x1xi8>, %y: memref<2x1xi32>) {
  cse_sparse.matmul #c compact_tables ins(%x : memref<300x1xi8>) outs(%y : memref<2x1xi32>)
  return
}
