// The vector dialect reaches LLVM lowered: transfers of rank 2 through
// convert-vector-to-scf, the rest through upstream's vector-to-LLVM patterns
// with the pipeline's index width (upstream's convert-vector-to-llvm always
// uses 64 bits, whose memrefs did not match the 32-bit ones of a Cortex-M).
// Before (issue 14, item 2) every vector op passed through with exit status 0.
// RUN: cse-opt %s --cse-sparse-to-llvm="bare-ptr=1 index-bitwidth=32" | FileCheck %s
// RUN: cse-opt %s --cse-sparse-to-llvm | FileCheck %s --check-prefix=HOST
// RUN: cse-opt %s --cse-sparse-to-llvm="bare-ptr=1 index-bitwidth=32" | mlir-translate --mlir-to-llvmir -o /dev/null

// CHECK-LABEL: llvm.func @rows
// CHECK-NOT: vector.
// CHECK: llvm.getelementptr %{{.*}} : (!llvm.ptr, i32) -> !llvm.ptr, i32
// CHECK-NOT: vector.
// CHECK: llvm.intr.vector.reduce.add
// CHECK-NOT: vector.
// CHECK: llvm.return
// HOST-LABEL: llvm.func @rows
// HOST: llvm.intr.vector.reduce.add
func.func @rows(%a: memref<4x8xi32>, %b: memref<8xi32>) -> i32 {
  %c0 = arith.constant 0 : index
  %p = arith.constant 0 : i32
  %m = vector.transfer_read %a[%c0, %c0], %p : memref<4x8xi32>, vector<4x8xi32>
  %row = vector.extract %m[2] : vector<8xi32> from vector<4x8xi32>
  %vb = vector.transfer_read %b[%c0], %p : memref<8xi32>, vector<8xi32>
  %s = arith.addi %row, %vb : vector<8xi32>
  %r = vector.reduction <add>, %s : vector<8xi32> into i32
  %v = vector.broadcast %r : i32 to vector<8xi32>
  vector.transfer_write %v, %b[%c0] : vector<8xi32>, memref<8xi32>
  return %r : i32
}
