// Weights and accumulators narrower than 8 bits (i4, and i2 weights on an i7
// accumulator): the rewritten product wraps exactly like the dense one.
// RUN: cse-opt %s --cse-sparse-to-llvm=extract=0 | %run-host | grep -v base@ > %t.dense
// RUN: cse-opt %s --cse-sparse-to-llvm=cost-model=sparse | %run-host | grep -v base@ > %t.cse
// RUN: diff %t.dense %t.cse
// With narrow-scratch (16-bit scratch where the values provably fit), the same:
// RUN: cse-opt %s --cse-sparse-to-llvm="cost-model=sparse narrow-scratch=1" | %run-host | grep -v base@ | diff %t.dense -
// RUN: FileCheck %s < %t.cse
// RUN: cse-opt %s --cse-sparse-extract=cost-model=sparse | FileCheck %s --check-prefix=IR
// IR-COUNT-2: cse_sparse.matmul
// IR-NOT: linalg.matmul

// Row 0 of @f, column 0: 7 + 3 + 2*1 + acc 1 = 13, which wraps to -3 in i4.
// CHECK:      {{\[\[}}-3,   -7],
// CHECK-NEXT:  [6,   3],
// CHECK-NEXT:  [-5,   6]]
// CHECK:      {{\[\[}}58,   61],
func.func @f(%x: tensor<4x2xi4>, %acc: tensor<3x2xi4>) -> tensor<3x2xi4> {
  %w = arith.constant dense<[[1, 1, 0, 2], [1, 7, 5, 0], [1, 7, -8, -1]]> : tensor<3x4xi4>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi4>, tensor<4x2xi4>) outs(%acc : tensor<3x2xi4>) -> tensor<3x2xi4>
  return %y : tensor<3x2xi4>
}
func.func @g(%x: tensor<4x2xi2>, %acc: tensor<3x2xi7>) -> tensor<3x2xi7> {
  %w = arith.constant dense<[[1, 1, 0, -2], [1, 1, -1, 0], [1, 1, 0, -1]]> : tensor<3x4xi2>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi2>, tensor<4x2xi2>) outs(%acc : tensor<3x2xi7>) -> tensor<3x2xi7>
  return %y : tensor<3x2xi7>
}
func.func private @printMemrefI32(tensor<*xi32>)
func.func @widen4(%t: tensor<3x2xi4>) -> tensor<3x2xi32> {
  %e = tensor.empty() : tensor<3x2xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(a, b) -> (a, b)>, affine_map<(a, b) -> (a, b)>], iterator_types = ["parallel", "parallel"]} ins(%t : tensor<3x2xi4>) outs(%e : tensor<3x2xi32>) {
  ^bb0(%a: i4, %o: i32):
    %w = arith.extsi %a : i4 to i32
    linalg.yield %w : i32
  } -> tensor<3x2xi32>
  return %r : tensor<3x2xi32>
}
func.func @widen7(%t: tensor<3x2xi7>) -> tensor<3x2xi32> {
  %e = tensor.empty() : tensor<3x2xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(a, b) -> (a, b)>, affine_map<(a, b) -> (a, b)>], iterator_types = ["parallel", "parallel"]} ins(%t : tensor<3x2xi7>) outs(%e : tensor<3x2xi32>) {
  ^bb0(%a: i7, %o: i32):
    %w = arith.extsi %a : i7 to i32
    linalg.yield %w : i32
  } -> tensor<3x2xi32>
  return %r : tensor<3x2xi32>
}
func.func @main() {
  %x = arith.constant dense<[[7, -8], [3, -1], [-5, 6], [1, 2]]> : tensor<4x2xi4>
  %a = arith.constant dense<[[1, -2], [3, 4], [-8, 7]]> : tensor<3x2xi4>
  %y = call @f(%x, %a) : (tensor<4x2xi4>, tensor<3x2xi4>) -> tensor<3x2xi4>
  %yw = call @widen4(%y) : (tensor<3x2xi4>) -> tensor<3x2xi32>
  %u = tensor.cast %yw : tensor<3x2xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  %x2 = arith.constant dense<[[1, -2], [-1, 1], [0, -2], [1, 1]]> : tensor<4x2xi2>
  %a2 = arith.constant dense<[[60, -64], [63, 4], [-8, 7]]> : tensor<3x2xi7>
  %z = call @g(%x2, %a2) : (tensor<4x2xi2>, tensor<3x2xi7>) -> tensor<3x2xi7>
  %zw = call @widen7(%z) : (tensor<3x2xi7>) -> tensor<3x2xi32>
  %v = tensor.cast %zw : tensor<3x2xi32> to tensor<*xi32>
  call @printMemrefI32(%v) : (tensor<*xi32>) -> ()
  return
}
