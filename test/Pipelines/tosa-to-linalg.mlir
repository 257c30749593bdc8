// --cse-sparse-tosa-to-linalg: TOSA in, linalg on tensors out, with no TOSA
// op, no tosa.apply_scale and no target environment left (mlir-runner,
// which has no TOSA dialect, reads the output).
// RUN: cse-opt %s --cse-sparse-tosa-to-linalg | FileCheck %s
// RUN: cse-opt %s --cse-sparse-tosa-to-linalg --cse-sparse-to-llvm | mlir-translate --mlir-to-llvmir -o /dev/null

// The steps, in order.
// RUN: cse-opt %s --cse-sparse-tosa-to-linalg --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=STEPS
// STEPS: cse-sparse-attach-tosa-target
// STEPS: tosa-to-mlprogram
// STEPS: tosa-validate
// STEPS: tosa-to-linalg
// STEPS: tosa-to-scf
// STEPS: tosa-to-arith{include-apply-rescale=true
// STEPS: tosa-to-tensor
// STEPS: canonicalize
// STEPS: cse-sparse-finish-tosa

// The environment attached when the module has none, and kept when it has
// one.
// RUN: cse-opt %s --cse-sparse-attach-tosa-target | FileCheck %s --check-prefix=ATTACH
// ATTACH: module attributes {tosa.target_env = #tosa.target_env<specification_version = "1.0", level = "8k", profiles = [pro_int, pro_fp], extensions = [int16, int4, bf16, fp8e4m3, fp8e5m2, fft, variable, controlflow, doubleround, inexactround, dynamic]>}
// RUN: cse-opt %s --cse-sparse-attach-tosa-target --cse-sparse-attach-tosa-target | FileCheck %s --check-prefix=ATTACH

// A TOSA op left is an error at it, once per kind.
// RUN: not cse-opt %s --cse-sparse-attach-tosa-target --cse-sparse-finish-tosa 2>&1 | FileCheck %s --check-prefix=LEFT
// LEFT: [[# @LINE + 11]]:10: error: 'tosa.const' op was not lowered by upstream's TOSA conversions
// LEFT: note: 6 more 'tosa.const' op(s) in the module
// LEFT: [[# @LINE + 16]]:8: error: 'tosa.conv2d' op was not lowered by upstream's TOSA conversions

// CHECK:     module {
// CHECK-NOT: tosa
// CHECK:     func.func @layer
// CHECK:       linalg.conv_2d_nhwc_fhwc_q
// CHECK-NOT: tosa

func.func @layer(%x: tensor<1x4x4x2xi8>) -> tensor<1x4x4x3xi8> {
  %izp = "tosa.const"() {values = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %wzp = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %azp = "tosa.const"() {values = dense<0> : tensor<1xi32>} : () -> tensor<1xi32>
  %mult = "tosa.const"() {values = dense<1518500250> : tensor<1xi32>} : () -> tensor<1xi32>
  %shift = "tosa.const"() {values = dense<38> : tensor<1xi8>} : () -> tensor<1xi8>
  %w = "tosa.const"() {values = dense<[[[[1, 0], [0, 2], [0, 0]], [[0, -1], [3, 0], [0, 0]], [[0, 0], [0, 1], [-2, 0]]], [[[0, 0], [1, 0], [0, 0]], [[2, 0], [0, 0], [0, 1]], [[0, 0], [0, 0], [1, 1]]], [[[0, 3], [0, 0], [1, 0]], [[0, 0], [-1, 0], [0, 0]], [[2, 0], [0, 0], [0, -3]]]]> : tensor<3x3x3x2xi8>} : () -> tensor<3x3x3x2xi8>
  %b = "tosa.const"() {values = dense<[1, 2, 3]> : tensor<3xi32>} : () -> tensor<3xi32>
  %c = tosa.conv2d %x, %w, %b, %izp, %wzp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x4x4x2xi8>, tensor<3x3x3x2xi8>, tensor<3xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x4x4x3xi32>
  %r = tosa.rescale %c, %mult, %shift, %azp, %izp {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<1x4x4x3xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x4x4x3xi8>
  %a = tosa.clamp %r {min_val = -128 : i8, max_val = 127 : i8} : (tensor<1x4x4x3xi8>) -> tensor<1x4x4x3xi8>
  return %a : tensor<1x4x4x3xi8>
}
