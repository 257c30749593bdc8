#w = #cse_sparse.ecsr<type = tensor<1x2xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 2, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>,
  row_ptr = dense<[0, 2]> : tensor<2xi32>, col_idx = dense<[0, 1]> : tensor<2xi32>, values = dense<[3, -3]> : tensor<2xi8>>
func.func @transposed(%x: memref<5x2xi8>, %y: memref<5x1xi32>) {
  cse_sparse.matmul #w ins(%x : memref<5x2xi8> transposed) outs(%y : memref<5x1xi32> transposed)
  return
}
