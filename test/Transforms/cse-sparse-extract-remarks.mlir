// RUN: cse-opt %s --cse-sparse-extract="cost-model=none remarks=1" -verify-diagnostics -o /dev/null

// With remarks, every candidate op says what happened to it.
func.func @rewritten(%x: tensor<4x3xi8>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %w = arith.constant dense<[[1, 1, 0, 2], [1, 1, 5, 0], [1, 1, 0, -1]]> : tensor<3x4xi8>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 3x4, nnz 9, CSEs 1, additions 6 -> 4, ECSR 62 vs CSR 50 bytes,}}
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>)
                     outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}

func.func @not_constant(%w: tensor<3x4xi8>, %x: tensor<4x3xi8>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  // expected-remark @+1 {{left alone: no constant weight in a supported position}}
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>)
                     outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}

func.func @float_weight(%x: tensor<4x3xf32>, %acc: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<3x4xf32>
  // expected-remark @+1 {{left alone: float weights need float-weights=1 (sharing reassociates sums and changes rounding)}}
  %y = linalg.matmul ins(%w, %x : tensor<3x4xf32>, tensor<4x3xf32>)
                     outs(%acc : tensor<3x3xf32>) -> tensor<3x3xf32>
  return %y : tensor<3x3xf32>
}

func.func @nothing_shared(%x: tensor<3x2xi8>, %acc: tensor<3x2xi32>) -> tensor<3x2xi32> {
  %w = arith.constant dense<[[1, 0, 0], [0, 2, 0], [0, 0, 3]]> : tensor<3x3xi8>
  // expected-remark @+1 {{left alone: not profitable: no shared subexpression}}
  %y = linalg.matmul ins(%w, %x : tensor<3x3xi8>, tensor<3x2xi8>)
                     outs(%acc : tensor<3x2xi32>) -> tensor<3x2xi32>
  return %y : tensor<3x2xi32>
}

func.func @memref_matvec(%a: memref<3x4xi8>, %x: memref<4xi8>, %y: memref<3xi32>) {
  // expected-remark @+1 {{left alone: not on tensors}}
  linalg.matvec ins(%a, %x : memref<3x4xi8>, memref<4xi8>) outs(%y : memref<3xi32>)
  return
}

func.func @dynamic_zero_point(%x: tensor<2x8xi8>, %zp: i32, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %wt = arith.constant dense<1> : tensor<8x4xi8>
  %c0 = arith.constant 0 : i32
  // expected-remark @+1 {{left alone: a zero point is not a compile-time constant}}
  %y = linalg.quantized_matmul ins(%x, %wt, %zp, %c0 : tensor<2x8xi8>, tensor<8x4xi8>, i32, i32)
         outs(%acc : tensor<2x4xi32>) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}
