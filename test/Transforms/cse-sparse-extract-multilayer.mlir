// RUN: cse-opt %s --cse-sparse-extract=cost-model=none | FileCheck %s
// The rest of the module keeps working with upstream passes:
// RUN: cse-opt %s --cse-sparse-extract=cost-model=none --canonicalize --cse | FileCheck %s --check-prefix=UPSTREAM
// UPSTREAM-COUNT-2: cse_sparse.matmul
// UPSTREAM: linalg.matmul

// A two-layer network (linear -> linear, i8 weights): each layer with a shared
// pair is rewritten on its own; the layer with nothing to share stays.
// CHECK-LABEL: func.func @mlp
// CHECK: %[[H:.+]] = cse_sparse.matmul <type = tensor<4x8xi8>
// CHECK: arith.trunci %[[H]]
// CHECK: %[[Y:.+]] = cse_sparse.matmul <type = tensor<3x4xi8>
// CHECK: linalg.matmul
// CHECK-NOT: cse_sparse.matmul
func.func @mlp(%x: tensor<1x8xi8>) -> (tensor<1x3xi32>, tensor<1x3xi32>) {
  %zero = arith.constant 0 : i32
  %w1 = arith.constant dense<[[1, 0, 0, -2, 0, 0, 1, 0],
                              [0, 3, 0, 0, 1, 0, 0, 0],
                              [1, 0, 0, -2, 0, 1, 0, 0],
                              [0, 0, 0, 0, 0, 0, 0, 7]]> : tensor<4x8xi8>
  %e1 = tensor.empty() : tensor<1x4xi32>
  %a1 = linalg.fill ins(%zero : i32) outs(%e1 : tensor<1x4xi32>) -> tensor<1x4xi32>
  %h = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
         ins(%x, %w1 : tensor<1x8xi8>, tensor<4x8xi8>) outs(%a1 : tensor<1x4xi32>) -> tensor<1x4xi32>
  %h8 = arith.trunci %h : tensor<1x4xi32> to tensor<1x4xi8>
  %w2 = arith.constant dense<[[1, 1, 0, 2], [1, 1, 5, 0], [1, 1, 0, -1]]> : tensor<3x4xi8>
  %e2 = tensor.empty() : tensor<1x3xi32>
  %a2 = linalg.fill ins(%zero : i32) outs(%e2 : tensor<1x3xi32>) -> tensor<1x3xi32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
         ins(%h8, %w2 : tensor<1x4xi8>, tensor<3x4xi8>) outs(%a2 : tensor<1x3xi32>) -> tensor<1x3xi32>
  %w3 = arith.constant dense<[[1, 0, 0, 0], [0, 2, 0, 0], [0, 0, 3, 0]]> : tensor<3x4xi8>
  %z = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
         ins(%h8, %w3 : tensor<1x4xi8>, tensor<3x4xi8>) outs(%a2 : tensor<1x3xi32>) -> tensor<1x3xi32>
  return %y, %z : tensor<1x3xi32>, tensor<1x3xi32>
}
