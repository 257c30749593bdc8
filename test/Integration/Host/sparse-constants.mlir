// Weights held as `sparse<...>` constants (read without expanding them), one
// behind the zero points of a quantized_matmul (expanded: a weight zero point
// makes every zero non-zero), give exactly the dense lowering's outputs.
// RUN: cse-opt %s --cse-sparse-to-llvm=extract=0 | %run-host | grep -v base@ > %t.dense
// RUN: cse-opt %s --cse-sparse-to-llvm=cost-model=sparse | %run-host | grep -v base@ > %t.cse
// RUN: diff %t.dense %t.cse
// RUN: FileCheck %s < %t.cse
// RUN: cse-opt %s --cse-sparse-extract=cost-model=sparse | FileCheck %s --check-prefix=IR
// IR-NOT: linalg.matmul
// IR-NOT: linalg.quantized_matmul

// Row 0 of @small: x0 - 2*x3 + x6 + acc = 1 - 14 + 100 + 1 and 2 - 16 - 100 + 2.
// CHECK:      {{\[\[}}88,   -112],
// CHECK:      {{\[\[}}13,   13,   14,   51],

func.func @small(%x: tensor<8x2xi8>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %w = arith.constant sparse<[[0, 0], [0, 3], [0, 6], [1, 1], [1, 4], [2, 0], [2, 3], [2, 5], [3, 7]], [1, -2, 1, 3, 1, 1, -2, 1, 7]> : tensor<4x8xi8>
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y : tensor<4x2xi32>
}
func.func @transposed_zp(%x: tensor<2x8xi8>, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %w = arith.constant sparse<[[0, 0], [3, 0], [6, 0], [1, 1], [4, 1], [0, 2], [3, 2], [5, 2], [7, 3]], [1, -2, 1, 3, 1, 1, -2, 1, 7]> : tensor<8x4xi8>
  %xzp = arith.constant 3 : i32
  %wzp = arith.constant -1 : i32
  %y = linalg.quantized_matmul ins(%x, %w, %xzp, %wzp : tensor<2x8xi8>, tensor<8x4xi8>, i32, i32) outs(%acc : tensor<2x4xi32>) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}
func.func private @printMemrefI32(tensor<*xi32>)
func.func @main() {
  %x = arith.constant dense<[[1, 2], [3, 4], [5, 6], [7, 8], [-128, 127], [-1, 0], [100, -100], [50, 127]]> : tensor<8x2xi8>
  %a = arith.constant dense<[[1, 2], [3, 4], [5, 6], [7, 8]]> : tensor<4x2xi32>
  %y = call @small(%x, %a) : (tensor<8x2xi8>, tensor<4x2xi32>) -> tensor<4x2xi32>
  %u = tensor.cast %y : tensor<4x2xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  %xt = arith.constant dense<[[1, 2, 3, 4, 5, 6, 7, 8], [-128, 127, -1, 0, 100, -100, 50, 127]]> : tensor<2x8xi8>
  %b = arith.constant dense<[[1, 2, 3, 4], [5, 6, 7, 8]]> : tensor<2x4xi32>
  %z = call @transposed_zp(%xt, %b) : (tensor<2x8xi8>, tensor<2x4xi32>) -> tensor<2x4xi32>
  %v = tensor.cast %z : tensor<2x4xi32> to tensor<*xi32>
  call @printMemrefI32(%v) : (tensor<*xi32>) -> ()
  return
}
