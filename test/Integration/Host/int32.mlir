// int32 weights and inputs at their limits, int32 accumulation: products and
// sums wrap exactly as in the dense product (two's complement).
// RUN: cse-opt %s --cse-sparse-extract=cost-model=none | FileCheck %s --check-prefix=IR
// IR: cse_sparse.matmul <type = tensor<3x4xi32>, tree = <num_inputs = 4, operands = dense<{{\[\[}}0, 1]]>
// RUN: cse-opt %s --cse-sparse-to-llvm=extract=0 | %run-host | grep -v base@ > %t.dense
// RUN: cse-opt %s --cse-sparse-to-llvm=cost-model=none | %run-host | grep -v base@ > %t.cse
// RUN: cse-opt %s --cse-sparse-to-llvm="cost-model=none match=scaled" | %run-host | grep -v base@ > %t.scaled
// RUN: diff %t.dense %t.cse
// RUN: diff %t.dense %t.scaled
// With narrow-scratch (16-bit scratch where the values provably fit), the same:
// RUN: cse-opt %s --cse-sparse-to-llvm="cost-model=none narrow-scratch=1" | %run-host | grep -v base@ | diff %t.dense -
// RUN: FileCheck %s < %t.cse
// Row 2, column 0: 2147483647 * 2147483647 + (-2147483648) * 2 + 1 * -1
// = 1 - 0 - 1 = 0 modulo 2^32.
// CHECK:      {{\[}}[{{.*}}],
// CHECK-NEXT:  [{{.*}}],
// CHECK-NEXT:  [0, {{.*}}]]
func.func @layer(%x: tensor<4x2xi32>) -> tensor<3x2xi32> {
  %w = arith.constant dense<[[2147483647, -2147483648, 0, 7],
                             [2147483647, -2147483648, -1, 0],
                             [2147483647, -2147483648, 0, 1]]> : tensor<3x4xi32>
  %zero = arith.constant 0 : i32
  %e = tensor.empty() : tensor<3x2xi32>
  %acc = linalg.fill ins(%zero : i32) outs(%e : tensor<3x2xi32>) -> tensor<3x2xi32>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi32>, tensor<4x2xi32>)
                     outs(%acc : tensor<3x2xi32>) -> tensor<3x2xi32>
  return %y : tensor<3x2xi32>
}

func.func private @printMemrefI32(tensor<*xi32>)

func.func @main() {
  %x = arith.constant dense<[[2147483647, -2147483648], [2, 2147483647],
                             [-2147483648, 1], [-1, -2147483648]]> : tensor<4x2xi32>
  %y = call @layer(%x) : (tensor<4x2xi32>) -> tensor<3x2xi32>
  %u = tensor.cast %y : tensor<3x2xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
