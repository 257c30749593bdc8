// --cse-sparse-copies-to-loops: a copy finalize-memref-to-llvm would lower to
// a call of memrefCopy (MLIR's runner library) becomes a linalg.generic, which
// convert-linalg-to-loops lowers; a copy it lowers to llvm.memcpy stays.
// RUN: cse-opt %s --split-input-file --cse-sparse-copies-to-loops | FileCheck %s
// The pipeline: no memrefCopy, a bufferized tensor.pad included.
// RUN: cse-opt %s --split-input-file --cse-sparse-to-llvm | FileCheck %s --check-prefix=LLVM
// LLVM-NOT: memrefCopy

// CHECK-LABEL: func.func @into_subview
// CHECK-NOT: memref.copy
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : memref<2x3xi8>) outs(%{{.*}} : memref<2x3xi8, strided<[5, 1], offset: 6>>)
// CHECK-NOT: memref.copy
func.func @into_subview(%src: memref<2x3xi8>, %dst: memref<4x5xi8>) {
  %view = memref.subview %dst[1, 1] [2, 3] [1, 1] : memref<4x5xi8> to memref<2x3xi8, strided<[5, 1], offset: 6>>
  memref.copy %src, %view : memref<2x3xi8> to memref<2x3xi8, strided<[5, 1], offset: 6>>
  return
}

// -----

// Contiguous copies, even with an offset, are one llvm.memcpy.
// CHECK-LABEL: func.func @contiguous
// CHECK: memref.copy %{{.*}}, %{{.*}} : memref<4x5xi8> to memref<4x5xi8>
// CHECK: memref.copy %{{.*}}, %{{.*}} : memref<5xi8> to memref<5xi8, strided<[1], offset: 5>>
// CHECK-NOT: linalg.generic
func.func @contiguous(%src: memref<4x5xi8>, %dst: memref<4x5xi8>) {
  memref.copy %src, %dst : memref<4x5xi8> to memref<4x5xi8>
  %row = memref.subview %dst[1, 0] [1, 5] [1, 1] : memref<4x5xi8> to memref<5xi8, strided<[1], offset: 5>>
  %first = memref.subview %src[0, 0] [1, 5] [1, 1] : memref<4x5xi8> to memref<5xi8, strided<[1]>>
  %flat = memref.cast %first : memref<5xi8, strided<[1]>> to memref<5xi8>
  memref.copy %flat, %row : memref<5xi8> to memref<5xi8, strided<[1], offset: 5>>
  return
}

// -----

// Dynamic strides and sizes: element by element.
// CHECK-LABEL: func.func @dynamic
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : memref<?x?xf32, strided<[?, ?], offset: ?>>) outs(%{{.*}} : memref<?x?xf32>)
func.func @dynamic(%src: memref<?x?xf32, strided<[?, ?], offset: ?>>, %dst: memref<?x?xf32>) {
  memref.copy %src, %dst : memref<?x?xf32, strided<[?, ?], offset: ?>> to memref<?x?xf32>
  return
}

// -----

// A tensor.pad with a padding value, as bufferization writes it: the value is
// filled, the source copied into the middle.
// LLVM-LABEL: llvm.func @pad
// CHECK-LABEL: func.func @pad
func.func @pad(%x: tensor<2x3xi8>) -> tensor<4x5xi8> {
  %c = arith.constant -128 : i8
  %p = tensor.pad %x low[1, 1] high[1, 1] {
  ^bb0(%i: index, %j: index):
    tensor.yield %c : i8
  } : tensor<2x3xi8> to tensor<4x5xi8>
  return %p : tensor<4x5xi8>
}
