// RUN: cse-opt %s --cse-sparse-extract="cost-model=sparse remarks=1" -verify-diagnostics -split-input-file | FileCheck %s

// Weights held as `sparse<indices, values>` constants are read without
// expanding them: memory and time follow the non-zeros, not M x N.
// (test/Integration/Host/sparse-constants.mlir runs them.)

// The linear example's weight, sparse: the same ECSR as from dense elements.
// CHECK-LABEL: func.func @small
// CHECK: cse_sparse.matmul <type = tensor<4x8xi8>, tree = <num_inputs = 8, operands = dense<{{\[\[}}0, 3]]>
// CHECK-SAME: col_idx = dense<[6, 8, 1, 4, 5, 8, 7]>
// CHECK-NOT: sparse<
func.func @small(%x: tensor<8x2xi8>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %w = arith.constant sparse<[[0, 0], [0, 3], [0, 6], [1, 1], [1, 4], [2, 0], [2, 3], [2, 5], [3, 7]], [1, -2, 1, 3, 1, 1, -2, 1, 7]> : tensor<4x8xi8>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 4x8, nnz 9, CSEs 1}}
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y : tensor<4x2xi32>
}

// Stored inputs x outputs, coordinates in any order, behind a transpose.
// CHECK-LABEL: func.func @transposed
// CHECK: cse_sparse.matmul <type = tensor<4x8xi8>{{.*}}col_idx = dense<[6, 8, 1, 4, 5, 8, 7]>
func.func @transposed(%x: tensor<8x2xi8>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %wt = arith.constant sparse<[[7, 3], [0, 0], [3, 0], [6, 0], [1, 1], [4, 1], [0, 2], [3, 2], [5, 2]], [7, 1, -2, 1, 3, 1, 1, -2, 1]> : tensor<8x4xi8>
  %e = tensor.empty() : tensor<4x8xi8>
  %w = linalg.transpose ins(%wt : tensor<8x4xi8>) outs(%e : tensor<4x8xi8>) permutation = [1, 0]
  // expected-remark @+1 {{cse-sparse-extract: ecsr 4x8, nnz 9, CSEs 1}}
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y : tensor<4x2xi32>
}

// -----

// 100000 x 100000 with five non-zeros: 10^10 elements, never expanded (it
// used to abort with "out of memory" on the way to cse-sparse compile).
// CHECK-LABEL: func.func @huge
// CHECK: cse_sparse.matmul <type = tensor<100000x100000xi8>
func.func @huge(%x: tensor<100000xi8>, %acc: tensor<100000xi32>) -> tensor<100000xi32> {
  %w = arith.constant sparse<[[0, 0], [0, 99999], [5, 0], [5, 99999], [99999, 7]], [1, 2, 1, 2, -3]> : tensor<100000x100000xi8>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 100000x100000, nnz 5, CSEs 1}}
  %y = linalg.matvec ins(%w, %x : tensor<100000x100000xi8>, tensor<100000xi8>) outs(%acc : tensor<100000xi32>) -> tensor<100000xi32>
  return %y : tensor<100000xi32>
}

// A weight zero point would make every zero non-zero: a large sparse weight
// is then left alone rather than expanded.
func.func @huge_zero_point(%x: tensor<1x100000xi8>, %acc: tensor<1x100000xi32>) -> tensor<1x100000xi32> {
  %w = arith.constant sparse<[[0, 0], [7, 3]], [1, 2]> : tensor<100000x100000xi8>
  %xzp = arith.constant 0 : i32
  %wzp = arith.constant 1 : i32
  // expected-remark @+1 {{left alone: the sparse weight is too large to expand (its zeros would not stay zero)}}
  %y = linalg.quantized_matmul ins(%x, %w, %xzp, %wzp : tensor<1x100000xi8>, tensor<100000x100000xi8>, i32, i32) outs(%acc : tensor<1x100000xi32>) -> tensor<1x100000xi32>
  return %y : tensor<1x100000xi32>
}

// -----

// Malformed sparse constants are not weights.
func.func @duplicate(%x: tensor<3x2xi8>, %acc: tensor<2x2xi32>) -> tensor<2x2xi32> {
  %w = arith.constant sparse<[[0, 0], [0, 0]], [1, 2]> : tensor<2x3xi8>
  // expected-remark @+1 {{left alone: a sparse weight has duplicate coordinates}}
  %y = linalg.matmul ins(%w, %x : tensor<2x3xi8>, tensor<3x2xi8>) outs(%acc : tensor<2x2xi32>) -> tensor<2x2xi32>
  return %y : tensor<2x2xi32>
}
