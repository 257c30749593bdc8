// cse-sparse-plan-buffers: the temporaries of a function in one stack
// buffer, sharing bytes where their lifetimes do not overlap.
// RUN: cse-opt %s --cse-sparse-plan-buffers | FileCheck %s
// RUN: not cse-opt %s --cse-sparse-plan-buffers=max-bytes=100 2>&1 | FileCheck %s --check-prefix=LIMIT

// %a (256 B) dies when %c is written, so %c reuses its bytes; %b (64 B) is
// live with both and sits after the larger of them. Peak 320 bytes, not 576.
// CHECK-LABEL: func.func @chain
// CHECK:         %[[BASE:.*]] = memref.alloca() {alignment = 4 : i64} : memref<320xi8>
// CHECK-DAG:     memref.view %[[BASE]][%c0{{.*}}][] : memref<320xi8> to memref<64xi32>
// CHECK-DAG:     memref.view %[[BASE]][%c256{{.*}}][] : memref<320xi8> to memref<16xi32>
// CHECK-NOT:     memref.alloc
// CHECK-NOT:     memref.dealloc
// LIMIT: error: its temporary buffers need 320 bytes of stack at their peak, above the limit of 100 (max-stack-buffer)
func.func @chain(%x: memref<64xi32>, %y: memref<64xi32>) {
  %a = memref.alloca() {alignment = 4 : i64} : memref<64xi32>
  %b = memref.alloc() {alignment = 4 : i64} : memref<16xi32>
  %c = memref.alloca() {alignment = 4 : i64} : memref<64xi32>
  memref.copy %x, %a : memref<64xi32> to memref<64xi32>
  %s = memref.subview %a[0] [16] [1] : memref<64xi32> to memref<16xi32, strided<[1]>>
  memref.copy %s, %b : memref<16xi32, strided<[1]>> to memref<16xi32>
  memref.copy %y, %c : memref<64xi32> to memref<64xi32>
  %t = memref.subview %c[0] [16] [1] : memref<64xi32> to memref<16xi32, strided<[1]>>
  memref.copy %b, %t : memref<16xi32> to memref<16xi32, strided<[1]>>
  memref.copy %c, %y : memref<64xi32> to memref<64xi32>
  memref.dealloc %b : memref<16xi32>
  return
}

// A buffer whose address is taken as an integer, or that is passed to a
// call, is live throughout: nothing shares its bytes.
// CHECK-LABEL: func.func @escapes
// CHECK:         memref.alloca() {alignment = 4 : i64} : memref<512xi8>
func.func private @use(memref<64xi32>)
func.func @escapes(%x: memref<64xi32>) -> index {
  %a = memref.alloca() {alignment = 4 : i64} : memref<64xi32>
  %b = memref.alloca() {alignment = 4 : i64} : memref<64xi32>
  %p = memref.extract_aligned_pointer_as_index %a : memref<64xi32> -> index
  memref.copy %x, %b : memref<64xi32> to memref<64xi32>
  call @use(%b) : (memref<64xi32>) -> ()
  return %p : index
}

// A buffer the function returns (without bare-ptr, results stay results)
// must outlive the call: it keeps its own allocation; the other is planned.
// CHECK-LABEL: func.func @returned
// CHECK:         memref.alloca() {alignment = 4 : i64} : memref<256xi8>
// CHECK:         %[[OUT:.*]] = memref.alloc() {alignment = 4 : i64} : memref<64xi32>
// CHECK:         return %[[OUT]]
func.func @returned(%x: memref<64xi32>) -> memref<64xi32> {
  %a = memref.alloca() {alignment = 4 : i64} : memref<64xi32>
  %r = memref.alloc() {alignment = 4 : i64} : memref<64xi32>
  memref.copy %x, %a : memref<64xi32> to memref<64xi32>
  memref.copy %a, %r : memref<64xi32> to memref<64xi32>
  return %r : memref<64xi32>
}

// A function of several blocks is left as it is (found in review: %a's use
// in ^bb1 fell outside every span, and %b was placed over it).
// CHECK-LABEL: func.func @two_blocks
// CHECK-COUNT-2: memref.alloca() {alignment = 4 : i64} : memref<64xi32>
// CHECK-NOT:     memref.view
func.func @two_blocks(%x: memref<64xi32>, %y: memref<64xi32>, %c: i1) {
  %a = memref.alloca() {alignment = 4 : i64} : memref<64xi32>
  memref.copy %x, %a : memref<64xi32> to memref<64xi32>
  %b = memref.alloca() {alignment = 4 : i64} : memref<64xi32>
  memref.copy %x, %b : memref<64xi32> to memref<64xi32>
  memref.copy %b, %y : memref<64xi32> to memref<64xi32>
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  memref.copy %a, %y : memref<64xi32> to memref<64xi32>
  return
^bb2:
  return
}
