// A TOSA layer lowered by upstream's passes the way a front end runs them:
// tosa-to-arith without include-apply-rescale leaves tosa.apply_scale in the
// rescale's body, and the padded convolution's tensor.pad bufferizes to a
// copy into a subview. --cse-sparse-to-llvm lowers both: the rescale through
// its own tosa-to-arith, the copy as loops. Before (issue 14, item 2): exit
// status 0 with tosa.apply_scale in the output (translation then failed with
// "missing LLVMTranslationDialectInterface"), and a call of memrefCopy that no
// firmware defines.
// RUN: cse-opt %s --tosa-attach-target="extensions=doubleround profiles=pro_int" \
// RUN:   --tosa-to-linalg-pipeline --tosa-to-arith --tosa-to-tensor --canonicalize \
// RUN:   | sed -e 's/ attributes {tosa.target_env = [^}]*}//' > %t.mlir
// RUN: FileCheck %s --check-prefix=FRONTEND < %t.mlir
// RUN: cse-opt %t.mlir --cse-sparse-to-llvm="bare-ptr=1 index-bitwidth=32" | FileCheck %s
// RUN: cse-opt %t.mlir --cse-sparse-to-llvm="bare-ptr=1 index-bitwidth=32 extract=0" | FileCheck %s
// RUN: cse-opt %t.mlir --cse-sparse-to-llvm="bare-ptr=1 index-bitwidth=32" | mlir-translate --mlir-to-llvmir -o /dev/null

// FRONTEND: tensor.pad
// FRONTEND: tosa.apply_scale

// CHECK-NOT: memrefCopy
// CHECK: llvm.func @layer(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) attributes {no_unwind}
// CHECK-NOT: tosa.
// CHECK-NOT: memrefCopy

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
