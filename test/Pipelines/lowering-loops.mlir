// scf.for with tensor iter_args, as front ends write it: each iteration
// computes the next value into a fresh tensor.empty. One-Shot Bufferize
// failed on it ("Yield operand #0 is not equivalent to the corresponding iter
// bbArg", issue 14, item 2). --cse-sparse-loop-results-in-place stores the
// value into the iteration argument; eliminate-empty-tensors then computes it
// there, so the loop runs in place, with no buffer per iteration.
// RUN: cse-opt %s --split-input-file --cse-sparse-loop-results-in-place | FileCheck %s
// RUN: cse-opt %s --split-input-file --cse-sparse-loop-results-in-place --cse-sparse-loop-results-in-place | FileCheck %s
// RUN: cse-opt %s --split-input-file --cse-sparse-to-llvm="bare-ptr=1 index-bitwidth=32" \
// RUN:   --mlir-print-ir-after=buffer-loop-hoisting -o /dev/null 2>&1 | FileCheck %s --check-prefix=BUF
// RUN: cse-opt %s --split-input-file --cse-sparse-to-llvm="bare-ptr=1 index-bitwidth=32" | FileCheck %s --check-prefix=LLVM
// LLVM-NOT: memrefCopy
// LLVM-NOT: malloc

// CHECK-LABEL: func.func @accumulate
// CHECK: scf.for {{.*}} iter_args(%[[ACC:.*]] = %{{.*}})
// CHECK: %[[SUM:.*]] = linalg.add
// CHECK: %[[IN_PLACE:.*]] = bufferization.materialize_in_destination %[[SUM]] in %[[ACC]]
// CHECK-NOT: materialize_in_destination
// CHECK: scf.yield %[[IN_PLACE]]
// BUF-LABEL: func.func @accumulate
// BUF: scf.for {{.*}} iter_args(%[[ACC:.*]] = %{{.*}})
// BUF-NOT: memref.alloc
// BUF: linalg.add ins(%[[ACC]], %{{.*}}) outs(%[[ACC]] : memref<8xi32>)
// BUF: scf.yield %[[ACC]]
func.func @accumulate(%x: tensor<4x8xi32>) -> tensor<8xi32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<8xi32>
  %init = linalg.fill ins(%z : i32) outs(%e : tensor<8xi32>) -> tensor<8xi32>
  %r = scf.for %i = %c0 to %c4 step %c1 iter_args(%acc = %init) -> (tensor<8xi32>) {
    %row = tensor.extract_slice %x[%i, 0] [1, 8] [1, 1] : tensor<4x8xi32> to tensor<8xi32>
    %e2 = tensor.empty() : tensor<8xi32>
    %sum = linalg.add ins(%acc, %row : tensor<8xi32>, tensor<8xi32>) outs(%e2 : tensor<8xi32>) -> tensor<8xi32>
    scf.yield %sum : tensor<8xi32>
  }
  return %r : tensor<8xi32>
}

// -----

// Values that trade places: one buffer must be copied, and is, into a buffer
// allocated once before the loop. The loop starts from the inputs, which the
// C ABI passes as const: they are copied, never written.
// CHECK-LABEL: func.func @swap
// CHECK: scf.for {{.*}} iter_args(%[[X:.*]] = %{{.*}}, %[[Y:.*]] = %{{.*}})
// CHECK: %[[S:.*]] = linalg.add
// CHECK: %[[NX:.*]] = bufferization.materialize_in_destination %[[Y]] in %[[X]]
// CHECK: %[[NY:.*]] = bufferization.materialize_in_destination %[[S]] in %[[Y]]
// CHECK: scf.yield %[[NX]], %[[NY]]
// BUF-LABEL: func.func @swap
// BUF-SAME: (%[[A:.*]]: memref<4xi32>, %[[B:.*]]: memref<4xi32>)
// BUF: memref.copy %[[A]], %[[CA:.*]] :
// BUF: memref.copy %[[B]], %[[CB:.*]] :
// BUF: %[[TMP:.*]] = memref.alloc
// BUF: scf.for {{.*}} iter_args(%[[X:.*]] = %[[CA]], %[[Y:.*]] = %[[CB]])
// BUF-NOT: memref.alloc
// BUF: linalg.add ins(%[[X]], %[[Y]] : {{.*}}) outs(%[[TMP]] : memref<4xi32>)
// BUF-NEXT: memref.copy %[[Y]], %[[X]]
// BUF-NEXT: memref.copy %[[TMP]], %[[Y]]
// BUF: scf.yield
func.func @swap(%a: tensor<4xi32>, %b: tensor<4xi32>) -> (tensor<4xi32>, tensor<4xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %r:2 = scf.for %i = %c0 to %c3 step %c1 iter_args(%x = %a, %y = %b) -> (tensor<4xi32>, tensor<4xi32>) {
    %e = tensor.empty() : tensor<4xi32>
    %s = linalg.add ins(%x, %y : tensor<4xi32>, tensor<4xi32>) outs(%e : tensor<4xi32>) -> tensor<4xi32>
    scf.yield %y, %s : tensor<4xi32>, tensor<4xi32>
  }
  return %r#0, %r#1 : tensor<4xi32>, tensor<4xi32>
}

// -----

// A loop that yields its iteration argument unchanged is left alone.
// CHECK-LABEL: func.func @unchanged
// CHECK-NOT: materialize_in_destination
func.func @unchanged(%a: tensor<4xi32>) -> tensor<4xi32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %c1 step %c1 iter_args(%x = %a) -> (tensor<4xi32>) {
    scf.yield %x : tensor<4xi32>
  }
  return %r : tensor<4xi32>
}
