// With bare-ptr a dynamic memref has no LLVM form: the pipeline fails at the
// function with cse-sparse-check-llvm's error (the lifetime markers of its
// kernel's scratch once left a dangling call to the erased declaration).
// RUN: not cse-opt %s --cse-sparse-to-llvm="bare-ptr=1 index-bitwidth=32" 2>&1 | FileCheck %s --check-prefix=UNCONVERTED
// UNCONVERTED: error: 'func.func' op cannot be lowered to LLVM by --cse-sparse-to-llvm: its signature has no LLVM form
// UNCONVERTED-NOT: does not reference a symbol
#w = #cse_sparse.ecsr<type = tensor<4x8xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 8,
    operands = dense<[[0, 3]]> : tensor<1x2xi32>,
    coefficients = dense<[[1, -2]]> : tensor<1x2xi8>>,
  row_ptr = dense<[0, 2, 4, 6, 7]> : tensor<5xi32>,
  col_idx = dense<[6, 8, 1, 4, 5, 8, 7]> : tensor<7xi32>,
  values = dense<[1, 1, 3, 1, 1, 1, 7]> : tensor<7xi8>>
func.func @dynamic(%x: memref<?x3x4x2xi8>, %y: memref<?x2x2x4xi32>) {
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [2, 1] dilations [1, 2] padding [1, 0, 1, 0] pad_value -128 : i8
    ins(%x : memref<?x3x4x2xi8>) outs(%y : memref<?x2x2x4xi32>)
  return
}
