#wf = #cse_sparse.ecsr<type = tensor<2x3xf32>,
  tree = #cse_sparse.adder_tree<num_inputs = 3,
    operands = dense<[[0, 2]]> : tensor<1x2xi32>,
    coefficients = dense<[[0.5, 1.0]]> : tensor<1x2xf32>>,
  row_ptr = dense<[0, 1, 3]> : tensor<3xi32>,
  col_idx = dense<[3, 1, 3]> : tensor<3xi32>,
  values = dense<[1.0, 2.0, -1.0]> : tensor<3xf32>>
func.func @floats(%x: memref<3x1xf32>, %y: memref<2x1xf32>) {
  cse_sparse.matmul #wf ins(%x : memref<3x1xf32>) outs(%y : memref<2x1xf32>)
  return
}
