#huge = #cse_sparse.ecsr<type = tensor<1x1000000000xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 1000000000, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>,
  row_ptr = dense<[0, 1]> : tensor<2xi32>, col_idx = dense<[999999999]> : tensor<1xi32>, values = dense<[1]> : tensor<1xi8>>
func.func @huge_scratch(%x: memref<1000000000x1xi8>, %y: memref<1x1xi32>) {
  cse_sparse.matmul #huge ins(%x : memref<1000000000x1xi8>) outs(%y : memref<1x1xi32>)
  return
}
