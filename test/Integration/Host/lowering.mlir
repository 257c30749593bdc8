// What --cse-sparse-to-llvm now lowers instead of leaving (issue 14, item 2),
// run on the host: scf.for with tensor iter_args (in place, and with values
// trading places), tensor.pad with a constant and with an index-dependent
// padding (copies as loops), linalg.softmax (decomposed; exp as a polynomial,
// the same digits as libm's), vector ops on tensors, and tosa.apply_scale left
// by tosa-to-arith without include-apply-rescale (the same results as with it).
// RUN: cse-opt %s --tosa-attach-target="extensions=doubleround profiles=pro_int" --tosa-to-linalg-pipeline \
// RUN:   --tosa-to-arith --tosa-to-tensor | sed -e 's/ attributes {tosa.target_env = [^}]*}//' > %t.mlir
// RUN: cse-opt %t.mlir --cse-sparse-to-llvm | %run-host | grep -v base@ > %t.out
// RUN: FileCheck %s < %t.out
// RUN: cse-opt %t.mlir --cse-sparse-to-llvm=approximate-math=0 | %run-host | grep -v base@ | diff %t.out -
// RUN: cse-opt %s --tosa-attach-target="extensions=doubleround profiles=pro_int" --tosa-to-linalg-pipeline \
// RUN:   --tosa-to-arith=include-apply-rescale=true --tosa-to-tensor | sed -e 's/ attributes {tosa.target_env = [^}]*}//' \
// RUN:   | cse-opt --cse-sparse-to-llvm | %run-host | grep -v base@ | diff %t.out -

// CHECK:      [1111,  2222,  3333,  4444,  5555,  6666,  7777,  8888]
func.func @accumulate(%x: tensor<4x8xi32>) -> tensor<8xi32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<8xi32>
  %init = linalg.fill ins(%z : i32) outs(%e : tensor<8xi32>) -> tensor<8xi32>
  %r = scf.for %i = %c0 to %c4 step %c1 iter_args(%acc = %init) -> (tensor<8xi32>) {
    %row = tensor.extract_slice %x[%i, 0] [1, 8] [1, 1] : tensor<4x8xi32> to tensor<8xi32>
    %e2 = tensor.empty() : tensor<8xi32>
    %sum = linalg.add ins(%acc, %row : tensor<8xi32>, tensor<8xi32>) outs(%e2 : tensor<8xi32>) -> tensor<8xi32>
    scf.yield %sum : tensor<8xi32>
  }
  return %r : tensor<8xi32>
}

// (x, y) -> (y, x + y) three times from (1, 10): (21, 32).
// CHECK-NEXT: [21,  42,  63,  84]
// CHECK-NEXT: [32,  64,  96,  128]
func.func @swap(%a: tensor<4xi32>, %b: tensor<4xi32>) -> (tensor<4xi32>, tensor<4xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %r:2 = scf.for %i = %c0 to %c3 step %c1 iter_args(%x = %a, %y = %b) -> (tensor<4xi32>, tensor<4xi32>) {
    %e = tensor.empty() : tensor<4xi32>
    %s = linalg.add ins(%x, %y : tensor<4xi32>, tensor<4xi32>) outs(%e : tensor<4xi32>) -> tensor<4xi32>
    scf.yield %y, %s : tensor<4xi32>, tensor<4xi32>
  }
  return %r#0, %r#1 : tensor<4xi32>, tensor<4xi32>
}

// CHECK-NEXT: {{\[}}[-7,   -7,   -7,   -7,   -7],
// CHECK-NEXT:  [-7,   1,   2,   3,   -7],
// CHECK-NEXT:  [-7,   4,   5,   6,   -7],
// CHECK-NEXT:  [-7,   -7,   -7,   -7,   -7]]
func.func @pad_constant(%x: tensor<2x3xi32>) -> tensor<4x5xi32> {
  %c = arith.constant -7 : i32
  %p = tensor.pad %x low[1, 1] high[1, 1] {
  ^bb0(%i: index, %j: index):
    tensor.yield %c : i32
  } : tensor<2x3xi32> to tensor<4x5xi32>
  return %p : tensor<4x5xi32>
}

// The padding is 10 * row + column.
// CHECK-NEXT: {{\[}}[0,   1,   2,   3],
// CHECK-NEXT:  [10,   4,   5,   6],
// CHECK-NEXT:  [20,   21,   22,   23]]
func.func @pad_indices(%x: tensor<2x3xi32>) -> tensor<3x4xi32> {
  %c10 = arith.constant 10 : index
  %p = tensor.pad %x low[0, 1] high[1, 0] {
  ^bb0(%i: index, %j: index):
    %r = arith.muli %i, %c10 : index
    %v = arith.addi %r, %j : index
    %w = arith.index_cast %v : index to i32
    tensor.yield %w : i32
  } : tensor<2x3xi32> to tensor<3x4xi32>
  return %p : tensor<3x4xi32>
}

// e^k / (1 + e + e^2 + e^3); a row of equal values is uniform.
// CHECK-NEXT: {{\[}}[0.0320586,   0.0871443,   0.236883,   0.643914],
// CHECK-NEXT:  [0.25,   0.25,   0.25,   0.25]]
func.func @softmax(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %e = tensor.empty() : tensor<2x4xf32>
  %y = linalg.softmax dimension(1) ins(%x : tensor<2x4xf32>) outs(%e : tensor<2x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// Rows doubled, the second row's sum in every element of the third.
// CHECK-NEXT: {{\[}}[2,   4,   6,   8],
// CHECK-NEXT:  [-2,   0,   10,   100],
// CHECK-NEXT:  [108,   108,   108,   108]]
func.func @vectors(%x: tensor<2x4xi32>) -> tensor<3x4xi32> {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %p = arith.constant 0 : i32
  %v = vector.transfer_read %x[%c0, %c0], %p : tensor<2x4xi32>, vector<2x4xi32>
  %d = arith.addi %v, %v : vector<2x4xi32>
  %row = vector.extract %d[1] : vector<4xi32> from vector<2x4xi32>
  %s = vector.reduction <add>, %row : vector<4xi32> into i32
  %b = vector.broadcast %s : i32 to vector<4xi32>
  %e = tensor.empty() : tensor<3x4xi32>
  %w = vector.transfer_write %d, %e[%c0, %c0] : vector<2x4xi32>, tensor<3x4xi32>
  %w2 = vector.transfer_write %b, %w[%c2, %c0] : vector<4xi32>, tensor<3x4xi32>
  return %w2 : tensor<3x4xi32>
}

// A requantization as TOSA writes it: (x * 1518500250) >> 38 with double
// rounding (the TOSA specification's apply_scale, computed in Python), then
// + 3, clamped to int8.
// CHECK-NEXT: [-128,  -52,  3,  3,  4,  47,  127]
func.func @rescale(%x: tensor<7xi32>) -> tensor<7xi8> {
  %mult = "tosa.const"() {values = dense<1518500250> : tensor<1xi32>} : () -> tensor<1xi32>
  %shift = "tosa.const"() {values = dense<38> : tensor<1xi8>} : () -> tensor<1xi8>
  %izp = "tosa.const"() {values = dense<0> : tensor<1xi32>} : () -> tensor<1xi32>
  %ozp = "tosa.const"() {values = dense<3> : tensor<1xi8>} : () -> tensor<1xi8>
  %r = tosa.rescale %x, %mult, %shift, %izp, %ozp {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<7xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<7xi8>
  return %r : tensor<7xi8>
}

func.func private @printMemrefI32(tensor<*xi32>)
func.func private @printMemrefF32(tensor<*xf32>)

func.func @main() {
  %x = arith.constant dense<[[1, 2, 3, 4, 5, 6, 7, 8], [10, 20, 30, 40, 50, 60, 70, 80], [100, 200, 300, 400, 500, 600, 700, 800], [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000]]> : tensor<4x8xi32>
  %acc = call @accumulate(%x) : (tensor<4x8xi32>) -> tensor<8xi32>
  %acc_u = tensor.cast %acc : tensor<8xi32> to tensor<*xi32>
  call @printMemrefI32(%acc_u) : (tensor<*xi32>) -> ()

  %a = arith.constant dense<[1, 2, 3, 4]> : tensor<4xi32>
  %b = arith.constant dense<[10, 20, 30, 40]> : tensor<4xi32>
  %s:2 = call @swap(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> (tensor<4xi32>, tensor<4xi32>)
  %s0 = tensor.cast %s#0 : tensor<4xi32> to tensor<*xi32>
  %s1 = tensor.cast %s#1 : tensor<4xi32> to tensor<*xi32>
  call @printMemrefI32(%s0) : (tensor<*xi32>) -> ()
  call @printMemrefI32(%s1) : (tensor<*xi32>) -> ()

  %p = arith.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %pc = call @pad_constant(%p) : (tensor<2x3xi32>) -> tensor<4x5xi32>
  %pc_u = tensor.cast %pc : tensor<4x5xi32> to tensor<*xi32>
  call @printMemrefI32(%pc_u) : (tensor<*xi32>) -> ()
  %pi = call @pad_indices(%p) : (tensor<2x3xi32>) -> tensor<3x4xi32>
  %pi_u = tensor.cast %pi : tensor<3x4xi32> to tensor<*xi32>
  call @printMemrefI32(%pi_u) : (tensor<*xi32>) -> ()

  %f = arith.constant dense<[[0.0, 1.0, 2.0, 3.0], [5.0, 5.0, 5.0, 5.0]]> : tensor<2x4xf32>
  %sm = call @softmax(%f) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %sm_u = tensor.cast %sm : tensor<2x4xf32> to tensor<*xf32>
  call @printMemrefF32(%sm_u) : (tensor<*xf32>) -> ()

  %v = arith.constant dense<[[1, 2, 3, 4], [-1, 0, 5, 50]]> : tensor<2x4xi32>
  %vr = call @vectors(%v) : (tensor<2x4xi32>) -> tensor<3x4xi32>
  %vr_u = tensor.cast %vr : tensor<3x4xi32> to tensor<*xi32>
  call @printMemrefI32(%vr_u) : (tensor<*xi32>) -> ()

  %q = arith.constant dense<[-50000, -10000, 0, 5, 200, 8000, 30000]> : tensor<7xi32>
  %qr = call @rescale(%q) : (tensor<7xi32>) -> tensor<7xi8>
  %qw = arith.extsi %qr : tensor<7xi8> to tensor<7xi32>
  %qw_u = tensor.cast %qw : tensor<7xi32> to tensor<*xi32>
  call @printMemrefI32(%qw_u) : (tensor<*xi32>) -> ()
  return
}
