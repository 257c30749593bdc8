// The math dialect reaches LLVM lowered for a Cortex-M: f32 exp, log, tanh,
// erf and their kin as polynomials, f32 roundings as exact integer
// conversions (no libm for either), ipowi as a function of its own; what
// has an FPU instruction as an intrinsic; the rest (sin, f64 functions) as
// calls of libm. Integer functions are left to LLVM (ctlz is `clz`). Before
// (issue 14, item 2) every math op passed through with exit status 0.
// RUN: cse-opt %s --cse-sparse-to-llvm="bare-ptr=1 index-bitwidth=32" | FileCheck %s
// RUN: cse-opt %s --cse-sparse-to-llvm="bare-ptr=1 index-bitwidth=32 approximate-math=0" | FileCheck %s --check-prefix=LIBM

// CHECK-LABEL: llvm.func @f32_functions
// CHECK-NOT: llvm.call
// CHECK-NOT: llvm.intr.{{(exp|log|tanh|floor|ceil|trunc|round)}}
// CHECK: llvm.intr.sqrt
// CHECK: llvm.intr.fma
// CHECK-NOT: llvm.intr.{{(exp|log|tanh|floor|ceil|trunc|round)}}
// CHECK: llvm.return
// LIBM-LABEL: llvm.func @f32_functions
// LIBM-DAG: llvm.intr.exp(
// LIBM-DAG: llvm.intr.log(
// LIBM-DAG: llvm.intr.floor(
// LIBM-DAG: llvm.intr.tanh(
// LIBM-DAG: llvm.call @erff(
func.func @f32_functions(%a: f32, %b: f32) -> (f32, f32, f32, f32, f32, f32, f32) {
  %0 = math.exp %a : f32
  %1 = math.log %b : f32
  %2 = math.tanh %a : f32
  %3 = math.erf %a : f32
  %4 = math.floor %a : f32
  %5 = math.sqrt %b : f32
  %6 = math.fma %a, %b, %a : f32
  return %0, %1, %2, %3, %4, %5, %6 : f32, f32, f32, f32, f32, f32, f32
}

// CHECK-LABEL: llvm.func @libm
// CHECK-DAG: llvm.intr.sin(
// CHECK-DAG: llvm.intr.exp(%{{.*}}) : (f64) -> f64
// CHECK-DAG: llvm.call @erf(%{{.*}}) : (f64) -> f64
func.func @libm(%a: f32, %d: f64) -> (f32, f64, f64) {
  %0 = math.sin %a : f32
  %1 = math.exp %d : f64
  %2 = math.erf %d : f64
  return %0, %1, %2 : f32, f64, f64
}

// CHECK-LABEL: llvm.func @integers
// CHECK: llvm.intr.ctlz
// CHECK: llvm.call @__mlir_math_ipowi_i32
func.func @integers(%a: i32, %b: i32) -> (i32, i32) {
  %0 = math.ctlz %a : i32
  %1 = math.ipowi %a, %b : i32
  return %0, %1 : i32, i32
}

// On whole tensors, as front ends write them (tosa.exp, tosa.floor):
// CHECK-LABEL: llvm.func @tensors
// CHECK-NOT: llvm.call
// CHECK: llvm.return
func.func @tensors(%x: tensor<8xf32>) -> tensor<8xf32> {
  %e = math.exp %x : tensor<8xf32>
  %f = math.floor %e : tensor<8xf32>
  return %f : tensor<8xf32>
}
