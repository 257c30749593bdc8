#w = #cse_sparse.ecsr<type = tensor<1x1xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 1, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>,
  row_ptr = dense<[0, 1]> : tensor<2xi32>, col_idx = dense<[0]> : tensor<1xi32>, values = dense<[3]> : tensor<1xi8>>
func.func @tensors(%x: tensor<1x1xi8>, %y: tensor<1x1xi32>) -> tensor<1x1xi32> {
  %r = cse_sparse.matmul #w ins(%x : tensor<1x1xi8>) outs(%y : tensor<1x1xi32>) -> tensor<1x1xi32>
  return %r : tensor<1x1xi32>
}
