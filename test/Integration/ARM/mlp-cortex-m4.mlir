// REQUIRES: arm-qemu
// A generated three-layer int8 network compiled for Cortex-M4 (32-bit index,
// bare-pointer C ABI, no heap), linked with a bare-metal driver and run in
// qemu's MPS2 AN386: every output equals the reference computed on the host
// by scripts/gen-mlp.py. Once with the cost model's choices, once forced to
// ECSR, once dense through upstream MLIR.
// RUN: %python %S/../../../scripts/gen-mlp.py --sizes 96,64,32,10 --bits 4 --density 0.3 --seed 2 --batch 3 --test-c %t.data.h -o %t.mlir
//
// RUN: cse-opt %t.mlir --cse-sparse-to-llvm="bare-ptr=1 index-bitwidth=32" | mlir-translate --mlir-to-llvmir -o %t.ll
// RUN: %arm-cc -c -x ir %t.ll -o %t.o
// RUN: llvm-nm %t.o | FileCheck %s --check-prefix=NM
// RUN: %arm-link -include %t.data.h %arm-runtime/check_main.c %t.o -o %t.elf
// RUN: %qemu-m4 %t.elf 2>&1 | FileCheck %s
//
// RUN: cse-opt %t.mlir --cse-sparse-to-llvm="bare-ptr=1 index-bitwidth=32 cost-model=none" | mlir-translate --mlir-to-llvmir -o %t.ecsr.ll
// RUN: %arm-cc -c -x ir %t.ecsr.ll -o %t.ecsr.o
// RUN: llvm-nm %t.ecsr.o | FileCheck %s --check-prefix=NM
// RUN: %arm-link -include %t.data.h %arm-runtime/check_main.c %t.ecsr.o -o %t.ecsr.elf
// RUN: %qemu-m4 %t.ecsr.elf 2>&1 | FileCheck %s
//
// RUN: cse-opt %t.mlir --cse-sparse-to-llvm="bare-ptr=1 index-bitwidth=32 extract=0" | mlir-translate --mlir-to-llvmir -o %t.dense.ll
// RUN: %arm-cc -c -x ir %t.dense.ll -o %t.dense.o
// RUN: llvm-nm %t.dense.o | FileCheck %s --check-prefix=NM
// RUN: %arm-link -include %t.data.h %arm-runtime/check_main.c %t.dense.o -o %t.dense.elf
// RUN: %qemu-m4 %t.dense.elf 2>&1 | FileCheck %s

// The object defines the entry point and needs no heap:
// NM-NOT: malloc
// NM-NOT: free
// NM: T mlp
// NM-NOT: malloc
// NM-NOT: free

// CHECK: outputs: 30, mismatches: 0
