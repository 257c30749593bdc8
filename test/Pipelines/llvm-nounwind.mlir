// Every function the pipeline defines is nounwind: a C function nothing
// unwinds through. Without it, the ARM back end gives a function that calls
// an unknown one an unwind entry naming __aeabi_unwind_cpp_pr0, which pulls
// libgcc's unwinder and its __exidx_start / __exidx_end into the firmware
// (issue 14, item 2). Declarations stay as they are.
// RUN: cse-opt %s --cse-sparse-to-llvm="bare-ptr=1 index-bitwidth=32" -o %t.mlir
// RUN: FileCheck %s < %t.mlir
// RUN: mlir-translate --mlir-to-llvmir %t.mlir -o %t.ll
// RUN: %arm-cc -c -x ir %t.ll -o %t.o
// RUN: llvm-nm -u %t.o | FileCheck %s --check-prefix=NM
// The same object without the attribute references the personality routine:
// RUN: sed -e 's/ attributes {no_unwind}//' %t.mlir | mlir-translate --mlir-to-llvmir -o %t.unwind.ll
// RUN: %arm-cc -c -x ir %t.unwind.ll -o %t.unwind.o
// RUN: llvm-nm -u %t.unwind.o | FileCheck %s --check-prefix=UNWIND

// CHECK: llvm.func @hook(i32) attributes {sym_visibility = "private"}{{$}}
// CHECK: llvm.func @layer(%{{.*}}: i32) attributes {no_unwind}

// NM: U hook
// NM-NOT: __aeabi_unwind_cpp_pr

// UNWIND: U __aeabi_unwind_cpp_pr0

func.func private @hook(i32)

func.func @layer(%x: i32) {
  call @hook(%x) : (i32) -> ()
  return
}
