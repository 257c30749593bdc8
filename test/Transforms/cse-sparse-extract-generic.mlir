// RUN: cse-opt %s --cse-sparse-extract="cost-model=none remarks=1" -verify-diagnostics | FileCheck %s

// linalg.generic ops that are matmul, matvec or vecmat contractions are matched
// whatever the loop order; other generic ops are not the pass's business.

#W = dense<[[1, 0, 0, -2, 0, 0, 1, 0],
            [0, 3, 0, 0, 1, 0, 0, 0],
            [1, 0, 0, -2, 0, 1, 0, 0],
            [0, 0, 0, 0, 0, 0, 0, 7]]> : tensor<4x8xi8>

// The linear layer y = x * W^T written as a generic with the reduction loop
// first: the same ECSR as the named op (cse-sparse-extract.mlir @linear).
// CHECK-LABEL: func.func @linear_generic
// CHECK-SAME: (%[[X:.+]]: tensor<2x8xi8>, %[[ACC:.+]]: tensor<2x4xi32>)
// CHECK: %[[Y:.+]] = cse_sparse.matmul <type = tensor<4x8xi8>, tree = <num_inputs = 8, operands = dense<{{\[\[}}0, 3]]> : tensor<1x2xi32>, coefficients = dense<{{\[\[}}1, -2]]> : tensor<1x2xi8>>,
// CHECK-SAME: col_idx = dense<[6, 8, 1, 4, 5, 8, 7]>
// CHECK-SAME: ins(%[[X]] : tensor<2x8xi8> transposed) outs(%[[ACC]] : tensor<2x4xi32> transposed)
// CHECK: return %[[Y]]
// CHECK-NOT: linalg.generic
func.func @linear_generic(%x: tensor<2x8xi8>, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %w = arith.constant #W
  // expected-remark @+1 {{cse-sparse-extract: ecsr 4x8, nnz 9, CSEs 1}}
  %y = linalg.generic {
         indexing_maps = [affine_map<(k, b, m) -> (b, k)>,
                          affine_map<(k, b, m) -> (m, k)>,
                          affine_map<(k, b, m) -> (b, m)>],
         iterator_types = ["reduction", "parallel", "parallel"]}
         ins(%x, %w : tensor<2x8xi8>, tensor<4x8xi8>) outs(%acc : tensor<2x4xi32>) {
  ^bb0(%a: i8, %b: i8, %c: i32):
    %ea = arith.extsi %a : i8 to i32
    %eb = arith.extsi %b : i8 to i32
    %p = arith.muli %eb, %ea : i32
    %s = arith.addi %p, %c : i32
    linalg.yield %s : i32
  } -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

// Weight on the left, result transposed: C^T = W * X only marks the init.
// CHECK-LABEL: func.func @transposed_result
// CHECK-SAME: (%[[X:.+]]: tensor<8x2xi8>, %[[ACC:.+]]: tensor<2x4xi32>)
// CHECK: %[[Y:.+]] = cse_sparse.matmul {{.*}} ins(%[[X]] : tensor<8x2xi8>) outs(%[[ACC]] : tensor<2x4xi32> transposed)
// CHECK: return %[[Y]]
func.func @transposed_result(%x: tensor<8x2xi8>, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %w = arith.constant #W
  // expected-remark @+1 {{cse-sparse-extract: ecsr 4x8}}
  %y = linalg.generic {
         indexing_maps = [affine_map<(m, b, k) -> (m, k)>,
                          affine_map<(m, b, k) -> (k, b)>,
                          affine_map<(m, b, k) -> (b, m)>],
         iterator_types = ["parallel", "parallel", "reduction"]}
         ins(%w, %x : tensor<4x8xi8>, tensor<8x2xi8>) outs(%acc : tensor<2x4xi32>) {
  ^bb0(%a: i8, %b: i8, %c: i32):
    %ea = arith.extsi %a : i8 to i32
    %eb = arith.extsi %b : i8 to i32
    %p = arith.muli %ea, %eb : i32
    %s = arith.addi %c, %p : i32
    linalg.yield %s : i32
  } -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

// A matrix-vector generic: N x 1 columns as for linalg.matvec.
// CHECK-LABEL: func.func @matvec_generic
// CHECK: tensor.expand_shape
// CHECK: cse_sparse.matmul {{.*}} ins(%{{.+}} : tensor<8x1xi8>) outs(%{{.+}} : tensor<4x1xi32>)
// CHECK: tensor.collapse_shape
func.func @matvec_generic(%x: tensor<8xi8>, %acc: tensor<4xi32>) -> tensor<4xi32> {
  %w = arith.constant #W
  // expected-remark @+1 {{cse-sparse-extract: ecsr 4x8}}
  %y = linalg.generic {
         indexing_maps = [affine_map<(m, k) -> (m, k)>,
                          affine_map<(m, k) -> (k)>,
                          affine_map<(m, k) -> (m)>],
         iterator_types = ["parallel", "reduction"]}
         ins(%w, %x : tensor<4x8xi8>, tensor<8xi8>) outs(%acc : tensor<4xi32>) {
  ^bb0(%a: i8, %b: i8, %c: i32):
    %ea = arith.extsi %a : i8 to i32
    %eb = arith.extsi %b : i8 to i32
    %p = arith.muli %ea, %eb : i32
    %s = arith.addi %c, %p : i32
    linalg.yield %s : i32
  } -> tensor<4xi32>
  return %y : tensor<4xi32>
}

// Not contractions: an elementwise op on a constant, and a max-reduction.
// Neither gets a remark.
// CHECK-LABEL: func.func @not_contractions
// CHECK-COUNT-2: linalg.generic
// CHECK-NOT: cse_sparse.matmul
func.func @not_contractions(%x: tensor<4x8xi8>, %v: tensor<2x8xi8>, %acc: tensor<2x4xi8>) -> (tensor<4x8xi8>, tensor<2x4xi8>) {
  %w = arith.constant #W
  %e = linalg.generic {
         indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>,
                          affine_map<(i, j) -> (i, j)>],
         iterator_types = ["parallel", "parallel"]}
         ins(%w, %x : tensor<4x8xi8>, tensor<4x8xi8>) outs(%x : tensor<4x8xi8>) {
  ^bb0(%a: i8, %b: i8, %c: i8):
    %s = arith.addi %a, %b : i8
    linalg.yield %s : i8
  } -> tensor<4x8xi8>
  %m = linalg.generic {
         indexing_maps = [affine_map<(b, m, k) -> (b, k)>,
                          affine_map<(b, m, k) -> (m, k)>,
                          affine_map<(b, m, k) -> (b, m)>],
         iterator_types = ["parallel", "parallel", "reduction"]}
         ins(%v, %w : tensor<2x8xi8>, tensor<4x8xi8>) outs(%acc : tensor<2x4xi8>) {
  ^bb0(%a: i8, %b: i8, %c: i8):
    %p = arith.muli %a, %b : i8
    %s = arith.maxsi %c, %p : i8
    linalg.yield %s : i8
  } -> tensor<2x4xi8>
  return %e, %m : tensor<4x8xi8>, tensor<2x4xi8>
}
