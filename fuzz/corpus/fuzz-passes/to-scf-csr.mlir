#csr = #cse_sparse.ecsr<type = tensor<2x3xi16>,
  tree = #cse_sparse.adder_tree<num_inputs = 3, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi16>>,
  row_ptr = dense<[0, 1, 2]> : tensor<3xi32>, col_idx = dense<[0, 2]> : tensor<2xi32>, values = dense<[300, -1]> : tensor<2xi16>>
func.func @csr(%x: memref<3x1xi8>, %y: memref<2x1xi32>) {
  cse_sparse.matmul #csr unsigned_input ins(%x : memref<3x1xi8>) outs(%y : memref<2x1xi32>)
  return
}
