// cse-sparse-llvm-lifetimes: marker calls on an alloca's address become
// lifetime intrinsics; a function where one address cannot be traced loses
// all its markers (every buffer then live throughout); the declarations go.
// RUN: cse-opt %s --cse-sparse-llvm-lifetimes | FileCheck %s

// CHECK-NOT:   llvm.func @__cse_sparse_lifetime
// CHECK-LABEL: llvm.func @traced
// CHECK:         %[[P:.*]] = llvm.alloca
// CHECK:         llvm.intr.lifetime.start %[[P]] : !llvm.ptr
// CHECK-NEXT:    llvm.store
// CHECK:         llvm.intr.lifetime.end %[[P]] : !llvm.ptr
// CHECK-NOT:     llvm.call
// CHECK:         llvm.return
llvm.func @__cse_sparse_lifetime_start(i32)
llvm.func @__cse_sparse_lifetime_end(i32)
llvm.func @traced(%v: i32) {
  %n = llvm.mlir.constant(4 : i32) : i32
  %p = llvm.alloca %n x i32 : (i32) -> !llvm.ptr
  %u = llvm.mlir.undef : !llvm.struct<(ptr, ptr, i32)>
  %d = llvm.insertvalue %p, %u[0] : !llvm.struct<(ptr, ptr, i32)>
  %d2 = llvm.insertvalue %p, %d[1] : !llvm.struct<(ptr, ptr, i32)>
  %a = llvm.extractvalue %d2[1] : !llvm.struct<(ptr, ptr, i32)>
  %i = llvm.ptrtoint %a : !llvm.ptr to i32
  llvm.call @__cse_sparse_lifetime_start(%i) : (i32) -> ()
  llvm.store %v, %p : i32, !llvm.ptr
  %i2 = llvm.ptrtoint %a : !llvm.ptr to i32
  llvm.call @__cse_sparse_lifetime_end(%i2) : (i32) -> ()
  llvm.return
}

// CHECK-LABEL: llvm.func @untraced
// CHECK-NOT:     lifetime
// CHECK:         llvm.return
llvm.func @untraced(%q: !llvm.ptr) {
  %n = llvm.mlir.constant(4 : i32) : i32
  %p = llvm.alloca %n x i32 : (i32) -> !llvm.ptr
  %i = llvm.ptrtoint %p : !llvm.ptr to i32
  llvm.call @__cse_sparse_lifetime_start(%i) : (i32) -> ()
  %j = llvm.ptrtoint %q : !llvm.ptr to i32
  llvm.call @__cse_sparse_lifetime_start(%j) : (i32) -> ()
  llvm.call @__cse_sparse_lifetime_end(%i) : (i32) -> ()
  llvm.call @__cse_sparse_lifetime_end(%j) : (i32) -> ()
  llvm.return
}

// A function the conversion left as func.func (found by fuzz-passes: its
// calls were left behind while the declarations went, and the verifier's
// error hid cse-sparse-check-llvm's): its markers are replaced too.
// CHECK-LABEL: func.func @unconverted
// CHECK:         %[[P:.*]] = llvm.alloca
// CHECK:         llvm.intr.lifetime.start %[[P]] : !llvm.ptr
// CHECK:         llvm.intr.lifetime.end %[[P]] : !llvm.ptr
// CHECK-NOT:     llvm.call
func.func @unconverted(%v: i32) {
  %n = llvm.mlir.constant(4 : i32) : i32
  %p = llvm.alloca %n x i32 : (i32) -> !llvm.ptr
  %i = llvm.ptrtoint %p : !llvm.ptr to i32
  llvm.call @__cse_sparse_lifetime_start(%i) : (i32) -> ()
  llvm.store %v, %p : i32, !llvm.ptr
  llvm.call @__cse_sparse_lifetime_end(%i) : (i32) -> ()
  return
}
