// Float weights (float-weights=1) lower and run too. With these values every
// product and sum is exact in f32, so the reassociated sums must equal the
// dense result bit for bit.
// RUN: cse-opt %s --cse-sparse-to-llvm=extract=0 | %run-host | grep -v base@ > %t.dense
// RUN: cse-opt %s --cse-sparse-extract="cost-model=none float-weights=1" | FileCheck %s --check-prefix=IR
// RUN: cse-opt %s --cse-sparse-extract="cost-model=none float-weights=1" | cse-opt --cse-sparse-to-llvm=extract=0 | %run-host | grep -v base@ > %t.cse
// RUN: diff %t.dense %t.cse
// RUN: FileCheck %s < %t.cse
// IR: cse_sparse.matmul <type = tensor<3x4xf32>

// Rows 0.5*x0 + 0.5*x1 + 2*x3, 0.5*x0 + 0.5*x1 - 1.5*x2, 0.5*x0 + 0.5*x1 - x3
// on columns x = [2, 4, 6, 8] and [-1, 3, 10, 0.25].
// CHECK:      {{\[}}[19,   1.5],
// CHECK-NEXT:  [-6,   -14],
// CHECK-NEXT:  [-5,   0.75]]
func.func @layer(%x: tensor<4x2xf32>) -> tensor<3x2xf32> {
  %w = arith.constant dense<[[0.5, 0.5, 0.0, 2.0], [0.5, 0.5, -1.5, 0.0], [0.5, 0.5, 0.0, -1.0]]> : tensor<3x4xf32>
  %zero = arith.constant 0.0 : f32
  %init = tensor.empty() : tensor<3x2xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%init : tensor<3x2xf32>) -> tensor<3x2xf32>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xf32>, tensor<4x2xf32>) outs(%acc : tensor<3x2xf32>) -> tensor<3x2xf32>
  return %y : tensor<3x2xf32>
}

func.func private @printMemrefF32(tensor<*xf32>)

func.func @main() {
  %x = arith.constant dense<[[2.0, -1.0], [4.0, 3.0], [6.0, 10.0], [8.0, 0.25]]> : tensor<4x2xf32>
  %y = call @layer(%x) : (tensor<4x2xf32>) -> tensor<3x2xf32>
  %u = tensor.cast %y : tensor<3x2xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
