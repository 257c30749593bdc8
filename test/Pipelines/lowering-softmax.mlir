// linalg.softmax has no loop lowering: convert-linalg-to-loops leaves it, and
// it passed through --cse-sparse-to-llvm with exit status 0 (issue 14, item
// 2). --cse-sparse-decompose-linalg replaces it by its decomposition, on
// tensors, before bufferization; its exp becomes a polynomial.
// RUN: cse-opt %s --split-input-file --verify-diagnostics --cse-sparse-decompose-linalg | FileCheck %s
// RUN: cse-opt %s --split-input-file --verify-diagnostics --cse-sparse-to-llvm="bare-ptr=1 index-bitwidth=32" | FileCheck %s --check-prefix=LLVM

// CHECK-LABEL: func.func @softmax
// CHECK-NOT: linalg.softmax
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "reduction"]
// CHECK: arith.maxnumf
// CHECK: math.exp
// CHECK: arith.addf
// CHECK: arith.divf
// CHECK-NOT: linalg.softmax
// LLVM-LABEL: llvm.func @softmax(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) attributes {no_unwind}
// LLVM-NOT: llvm.call
// LLVM-NOT: llvm.intr.{{(exp|maxnum)}}
// LLVM: llvm.return
func.func @softmax(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %e = tensor.empty() : tensor<2x8xf32>
  %y = linalg.softmax dimension(1) ins(%x : tensor<2x8xf32>) outs(%e : tensor<2x8xf32>) -> tensor<2x8xf32>
  return %y : tensor<2x8xf32>
}

// -----

// On memrefs there is no decomposition: an error at the op, not an op left
// for translation to trip on.
func.func @on_memrefs(%x: memref<2x8xf32>, %y: memref<2x8xf32>) {
  // expected-error @below {{'linalg.softmax' op cannot be decomposed into loops (it must be on ranked tensors, before bufferization)}}
  linalg.softmax dimension(1) ins(%x : memref<2x8xf32>) outs(%y : memref<2x8xf32>)
  return
}
