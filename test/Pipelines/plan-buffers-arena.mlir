// cse-sparse-plan-buffers with arena: a public function takes the plan's
// buffer from its caller as a last argument; private ones keep theirs on the
// stack.
// RUN: cse-opt %s --split-input-file --verify-diagnostics --cse-sparse-plan-buffers="arena=1 max-bytes=100" | FileCheck %s

// The caller's buffer: noalias, aligned to 8 at least, and not limited by
// max-bytes (256 > 100). The two 64-element buffers do not overlap in time.
// CHECK-LABEL: func.func @entry
// CHECK-SAME:    (%{{.*}}: memref<64xi32>, %[[ARENA:.*]]: memref<256xi8> {llvm.align = 8 : i64, llvm.noalias})
// CHECK-NOT:     memref.alloca
// CHECK:         memref.view %[[ARENA]][%c0{{.*}}][] : memref<256xi8> to memref<64xi32>
// CHECK:         memref.view %[[ARENA]][%c0{{.*}}][] : memref<256xi8> to memref<64xi32>
func.func @entry(%x: memref<64xi32>) {
  %a = memref.alloca() {alignment = 4 : i64} : memref<64xi32>
  memref.copy %x, %a : memref<64xi32> to memref<64xi32>
  memref.copy %a, %x : memref<64xi32> to memref<64xi32>
  %b = memref.alloc() {alignment = 4 : i64} : memref<64xi32>
  memref.copy %x, %b : memref<64xi32> to memref<64xi32>
  memref.copy %b, %x : memref<64xi32> to memref<64xi32>
  memref.dealloc %b : memref<64xi32>
  return
}

// A buffer that needs more than 8 bytes of alignment passes it on to the
// argument. A private function keeps its plan on its own stack.
// CHECK-LABEL: func.func @aligned
// CHECK-SAME:    (%{{.*}}: memref<16xi32>, %{{.*}}: memref<64xi8> {llvm.align = 64 : i64, llvm.noalias})
// CHECK-LABEL: func.func private @helper
// CHECK-SAME:    (%{{[^,]*}}: memref<16xi32>)
// CHECK:         memref.alloca() {alignment = 4 : i64} : memref<64xi8>
func.func @aligned(%x: memref<16xi32>) {
  %a = memref.alloca() {alignment = 64 : i64} : memref<16xi32>
  memref.copy %x, %a : memref<16xi32> to memref<16xi32>
  memref.copy %a, %x : memref<16xi32> to memref<16xi32>
  return
}
func.func private @helper(%x: memref<16xi32>) {
  %a = memref.alloca() {alignment = 4 : i64} : memref<16xi32>
  memref.copy %x, %a : memref<16xi32> to memref<16xi32>
  memref.copy %a, %x : memref<16xi32> to memref<16xi32>
  return
}

// -----

// An entry point with no temporaries still takes an arena, of zero bytes:
// every entry point has the same last parameter.
// CHECK-LABEL: func.func @nothing
// CHECK-SAME:    (%{{.*}}: memref<4xi32>, %{{.*}}: memref<0xi8> {llvm.align = 8 : i64, llvm.noalias})
func.func @nothing(%x: memref<4xi32>) {
  return
}

// -----

// expected-error @+1 {{arena mode: 'callee' is called inside the module, and its callers would need its arena; make it private}}
func.func @callee(%x: memref<4xi32>) {
  return
}
func.func @caller(%x: memref<4xi32>) {
  call @callee(%x) : (memref<4xi32>) -> ()
  return
}
