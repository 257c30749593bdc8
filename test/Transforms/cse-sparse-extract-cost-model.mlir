// RUN: cse-opt %s --cse-sparse-extract=remarks=1 -verify-diagnostics | FileCheck %s
// A minimum gain of 70% over dense keeps every layer here dense (the best is
// 63% fewer instructions than dense):
// RUN: cse-opt %s --cse-sparse-extract=min-gain=0.7 | FileCheck %s --check-prefix=GAIN
// GAIN-NOT: cse_sparse.matmul
// cost-model=sparse rewrites every layer, dense-friendly or not:
// RUN: cse-opt %s --cse-sparse-extract=cost-model=sparse | FileCheck %s --check-prefix=SPARSE
// SPARSE-COUNT-3: cse_sparse.matmul
// SPARSE-NOT: linalg.matmul
// cost-model=csr: plain CSR everywhere, even where a pair is shared:
// RUN: cse-opt %s --cse-sparse-extract=cost-model=csr | FileCheck %s --check-prefix=CSR
// CSR-COUNT-3: operands = dense<> : tensor<0x2xi32>
// CSR-NOT: linalg.matmul
// With the size goal the shared layer still wins (smaller and not slower):
// RUN: cse-opt %s --cse-sparse-extract=goal=size | FileCheck %s --check-prefix=SIZE
// SIZE-LABEL: func.func @shared
// SIZE: cse_sparse.matmul
// SIZE-LABEL: func.func @dense_wins
// SIZE-NOT: cse_sparse.matmul

// The Cortex-M4 cost model (the default) chooses per op between the dense op,
// plain CSR and extended CSR; a sparse form must be predicted no slower and no
// larger than dense.

// A pair shared by three rows, and sparse. The grouped kernel pads each
// row's run of references to blocks of four, so in a layer of four short rows
// the node's references cost a block of their own and more than the node
// saves: plain CSR (extended CSR with the record kernel's costs).
// CHECK-LABEL: func.func @shared
// CHECK: cse_sparse.matmul <type = tensor<4x16xi8>, tree = <num_inputs = 16, operands = dense<> : tensor<0x2xi32>
func.func @shared(%x: tensor<16x2xi8>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %w = arith.constant dense<[[1, 0, 0, -2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                             [1, 0, 0, -2, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0],
                             [1, 0, 0, -2, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0],
                             [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7]]> : tensor<4x16xi8>
  // expected-remark-re @+1 {{cse-sparse-extract: csr 4x16, nnz 10, CSEs 0, additions 6 -> 6, ECSR {{[0-9]+}} vs CSR {{[0-9]+}} bytes, {{[0-9.]+}} s; predicted dense 310 instr 64 B, csr 118 instr 36 B, ecsr 213 instr 54 B}}
  %y = linalg.matmul ins(%w, %x : tensor<4x16xi8>, tensor<16x2xi8>)
                     outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y : tensor<4x2xi32>
}

// Very sparse with nothing to share: plain CSR, an empty adder tree.
// CHECK-LABEL: func.func @csr_wins
// CHECK: cse_sparse.matmul <type = tensor<4x16xi8>, tree = <num_inputs = 16, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>
// CHECK-SAME: col_idx = dense<[0, 5, 10, 15]>
func.func @csr_wins(%x: tensor<16x2xi8>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %w = arith.constant dense<[[3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                             [0, 0, 0, 0, 0, -4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                             [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0],
                             [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6]]> : tensor<4x16xi8>
  // expected-remark-re @+1 {{cse-sparse-extract: csr 4x16, nnz 4, CSEs 0, additions 0 -> 0, ECSR 41 vs CSR 41 bytes, {{[0-9.]+}} s; predicted dense 310 instr 64 B, csr 118 instr 36 B, ecsr 118 instr 36 B}}
  %y = linalg.matmul ins(%w, %x : tensor<4x16xi8>, tensor<16x2xi8>)
                     outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y : tensor<4x2xi32>
}

// Dense values with nothing to share: the dense op is faster and smaller.
// CHECK-LABEL: func.func @dense_wins
// CHECK: linalg.matmul
// CHECK-NOT: cse_sparse.matmul
func.func @dense_wins(%x: tensor<4x2xi8>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %w = arith.constant dense<[[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]]> : tensor<4x4xi8>
  // expected-remark @+1 {{left alone: not profitable on cortex-m4: dense 106 instr 16 B, csr 118 instr 36 B, ecsr 118 instr 36 B}}
  %y = linalg.matmul ins(%w, %x : tensor<4x4xi8>, tensor<4x2xi8>)
                     outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y : tensor<4x2xi32>
}
