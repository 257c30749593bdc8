// Same input and seed, same IR: two runs of a three-layer model compare
// equal byte for byte, and so do two runs of this file's small layer.
// RUN: %python %S/../../scripts/gen-mlp.py --sizes 96,64,48,10 --bits 4 --density 0.3 --seed 3 -o %t.model.mlir
// RUN: cse-opt %t.model.mlir --cse-sparse-extract="seed=7 effort=8" -o %t.a.mlir
// RUN: cse-opt %t.model.mlir --cse-sparse-extract="seed=7 effort=8" -o %t.b.mlir
// RUN: diff %t.a.mlir %t.b.mlir
// RUN: FileCheck %s --check-prefix=MODEL < %t.a.mlir
// RUN: cse-opt %s --cse-sparse-extract="seed=7 cost-model=none" -o %t.c.mlir
// RUN: cse-opt %s --cse-sparse-extract="seed=7 cost-model=none" -o %t.d.mlir
// RUN: diff %t.c.mlir %t.d.mlir
// RUN: FileCheck %s < %t.c.mlir

// MODEL-COUNT-3: cse_sparse.matmul
// MODEL-NOT: linalg.matmul

// CHECK: cse_sparse.matmul <type = tensor<3x4xi8>, tree = <num_inputs = 4, operands = dense<{{\[\[}}0, 1]]>
func.func @layer(%x: tensor<4x3xi8>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %w = arith.constant dense<[[1, 1, 0, 2], [1, 1, 5, 0], [1, 1, 0, -1]]> : tensor<3x4xi8>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>)
                     outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}
