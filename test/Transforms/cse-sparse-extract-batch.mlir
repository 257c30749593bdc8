// RUN: cse-opt %s --cse-sparse-extract="cost-model=none remarks=1" -verify-diagnostics | FileCheck %s
// The report's columns are S*B when both are static, null otherwise:
// RUN: cse-opt %s --cse-sparse-extract="cost-model=none report=%t.json" -o /dev/null
// RUN: FileCheck %s --check-prefix=REPORT < %t.json
// REPORT: "columns": 6,
// REPORT: "columns": null,
// REPORT: "columns": null,

// linalg.batch_matmul with one weight shared by the batch (its indexing map has
// no batch dimension): the batch folds into the columns, S*B = 2*3 = 6. The
// weight is stored K x N, so the ECSR is its transpose.
// CHECK-LABEL: func.func @shared_weight
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xi8>, %[[ACC:.+]]: tensor<2x3x3xi32>)
// CHECK: %[[XC:.+]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1], [2]] : tensor<2x3x4xi8> into tensor<6x4xi8>
// CHECK: %[[AC:.+]] = tensor.collapse_shape %[[ACC]] {{\[\[}}0, 1], [2]] : tensor<2x3x3xi32> into tensor<6x3xi32>
// CHECK: %[[Y:.+]] = cse_sparse.matmul <type = tensor<3x4xi8>{{.*}}col_idx = dense<[3, 4, 2, 4, 3, 4]>{{.*}}> ins(%[[XC]] : tensor<6x4xi8> transposed) outs(%[[AC]] : tensor<6x3xi32> transposed)
// CHECK: %[[R:.+]] = tensor.expand_shape %[[Y]] {{\[\[}}0, 1], [2]] output_shape [2, 3, 3] : tensor<6x3xi32> into tensor<2x3x3xi32>
// CHECK: return %[[R]]
func.func @shared_weight(%x: tensor<2x3x4xi8>, %acc: tensor<2x3x3xi32>) -> tensor<2x3x3xi32> {
  %wt = arith.constant dense<[[1, 1, 1], [1, 1, 1], [0, 5, 0], [2, 0, -1]]> : tensor<4x3xi8>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 3x4, nnz 9, CSEs 1}}
  %y = linalg.batch_matmul
         indexing_maps = [affine_map<(s, m, n, k) -> (s, m, k)>,
                          affine_map<(s, m, n, k) -> (k, n)>,
                          affine_map<(s, m, n, k) -> (s, m, n)>]
         ins(%x, %wt : tensor<2x3x4xi8>, tensor<4x3xi8>)
         outs(%acc : tensor<2x3x3xi32>) -> tensor<2x3x3xi32>
  return %y : tensor<2x3x3xi32>
}

// A weight per batch element is not shared: left alone, with no leftovers.
// CHECK-LABEL: func.func @per_batch_weight
// CHECK-NOT: tensor.collapse_shape
// CHECK: linalg.batch_matmul
func.func @per_batch_weight(%x: tensor<2x3x4xi8>, %acc: tensor<2x3x3xi32>) -> tensor<2x3x3xi32> {
  %w = arith.constant dense<1> : tensor<2x4x3xi8>
  // expected-remark @+1 {{left alone: each batch element has its own weight}}
  %y = linalg.batch_matmul ins(%x, %w : tensor<2x3x4xi8>, tensor<2x4x3xi8>)
                           outs(%acc : tensor<2x3x3xi32>) -> tensor<2x3x3xi32>
  return %y : tensor<2x3x3xi32>
}

// Shared but with nothing to share: the reshapes made for the rewrite go away.
// CHECK-LABEL: func.func @shared_nothing
// CHECK-NOT: tensor.collapse_shape
// CHECK: linalg.batch_matmul
func.func @shared_nothing(%x: tensor<2x3x3xi8>, %acc: tensor<2x3x3xi32>) -> tensor<2x3x3xi32> {
  %w = arith.constant dense<[[1, 0, 0], [0, 2, 0], [0, 0, 3]]> : tensor<3x3xi8>
  // expected-remark @+1 {{left alone: not profitable: no shared subexpression}}
  %y = linalg.batch_matmul
         indexing_maps = [affine_map<(s, m, n, k) -> (s, m, k)>,
                          affine_map<(s, m, n, k) -> (k, n)>,
                          affine_map<(s, m, n, k) -> (s, m, n)>]
         ins(%x, %w : tensor<2x3x3xi8>, tensor<3x3xi8>)
         outs(%acc : tensor<2x3x3xi32>) -> tensor<2x3x3xi32>
  return %y : tensor<2x3x3xi32>
}

// A dynamic batch: the collapsed rows are dynamic, and the result is expanded
// back with the init's own batch size.
// CHECK-LABEL: func.func @dynamic_batch
// CHECK-SAME: (%[[X:.+]]: tensor<?x3x4xi8>, %[[ACC:.+]]: tensor<?x3x3xi32>)
// CHECK: tensor.collapse_shape %[[X]] {{\[\[}}0, 1], [2]] : tensor<?x3x4xi8> into tensor<?x4xi8>
// CHECK: cse_sparse.matmul {{.*}} ins(%{{.+}} : tensor<?x4xi8> transposed) outs(%{{.+}} : tensor<?x3xi32> transposed) -> tensor<?x3xi32>
// CHECK: %[[S:.+]] = tensor.dim %[[ACC]], %{{.+}} : tensor<?x3x3xi32>
// CHECK: tensor.expand_shape %{{.+}} {{\[\[}}0, 1], [2]] output_shape [%[[S]], 3, 3] : tensor<?x3xi32> into tensor<?x3x3xi32>
func.func @dynamic_batch(%x: tensor<?x3x4xi8>, %acc: tensor<?x3x3xi32>) -> tensor<?x3x3xi32> {
  %wt = arith.constant dense<[[1, 1, 1], [1, 1, 1], [0, 5, 0], [2, 0, -1]]> : tensor<4x3xi8>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 3x4, nnz 9, CSEs 1}}
  %y = linalg.batch_matmul
         indexing_maps = [affine_map<(s, m, n, k) -> (s, m, k)>,
                          affine_map<(s, m, n, k) -> (k, n)>,
                          affine_map<(s, m, n, k) -> (s, m, n)>]
         ins(%x, %wt : tensor<?x3x4xi8>, tensor<4x3xi8>)
         outs(%acc : tensor<?x3x3xi32>) -> tensor<?x3x3xi32>
  return %y : tensor<?x3x3xi32>
}

// The rows of each batch element dynamic, the batch static (the columns
// are unknown too: this used to multiply 2 by the dynamic marker).
// CHECK-LABEL: func.func @dynamic_rows
// CHECK: cse_sparse.matmul
func.func @dynamic_rows(%x: tensor<2x?x4xi8>, %acc: tensor<2x?x3xi32>) -> tensor<2x?x3xi32> {
  %wt = arith.constant dense<[[1, 1, 1], [1, 1, 1], [0, 5, 0], [2, 0, -1]]> : tensor<4x3xi8>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 3x4, nnz 9, CSEs 1}}
  %y = linalg.batch_matmul
         indexing_maps = [affine_map<(s, m, n, k) -> (s, m, k)>,
                          affine_map<(s, m, n, k) -> (k, n)>,
                          affine_map<(s, m, n, k) -> (s, m, n)>]
         ins(%x, %wt : tensor<2x?x4xi8>, tensor<4x3xi8>) outs(%acc : tensor<2x?x3xi32>) -> tensor<2x?x3xi32>
  return %y : tensor<2x?x3xi32>
}
