// RUN: cse-opt %s --cse-sparse-extract="cost-model=none remarks=1" -verify-diagnostics | FileCheck %s
// RUN: cse-opt %s --cse-sparse-extract | FileCheck %s
// RUN: cse-opt %s --cse-sparse-to-llvm -o /dev/null

// linalg.generic ops come with any number of inputs: bias broadcasts, casts
// and ReLUs (what torch-mlir and TOSA lowering emit around every layer) have
// one, fills written as generics none, fused epilogues three. None of them is
// a two-input contraction; the pass must read their operands only after
// counting them, and leave them as they are. (Regression: a generic with one
// input crashed the pass.)

// The bias broadcast of the bug report, with a constant as its only input.
// CHECK-LABEL: func.func @one_input_bias
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.+}} : tensor<4xi32>)
func.func @one_input_bias() -> tensor<2x4xi32> {
  %b = arith.constant dense<[1, 2, 3, 4]> : tensor<4xi32>
  %e = tensor.empty() : tensor<2x4xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%b : tensor<4xi32>) outs(%e : tensor<2x4xi32>) {
  ^bb0(%a: i32, %o: i32):
    linalg.yield %a : i32
  } -> tensor<2x4xi32>
  return %r : tensor<2x4xi32>
}

// A one-input reduction whose body multiplies and accumulates (a sum of
// squares): the shape of a contraction's body, but one input.
// CHECK-LABEL: func.func @one_input_reduction
// CHECK: linalg.generic
func.func @one_input_reduction(%x: tensor<4x8xi8>) -> tensor<4xi32> {
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<4xi32>
  %acc = linalg.fill ins(%z : i32) outs(%e : tensor<4xi32>) -> tensor<4xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(m, k) -> (m, k)>, affine_map<(m, k) -> (m)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<4x8xi8>) outs(%acc : tensor<4xi32>) {
  ^bb0(%a: i8, %o: i32):
    %ea = arith.extsi %a : i8 to i32
    %sq = arith.muli %ea, %ea : i32
    %s = arith.addi %o, %sq : i32
    linalg.yield %s : i32
  } -> tensor<4xi32>
  return %r : tensor<4xi32>
}

// A cast generic on a constant weight (torch-mlir's `aten.to` of a
// parameter), one input.
// CHECK-LABEL: func.func @one_input_cast
// CHECK: linalg.generic
// CHECK: arith.extsi
func.func @one_input_cast() -> tensor<3x4xi32> {
  %w = arith.constant dense<[[1, 0, 2, 0], [0, 1, 0, 3], [1, 1, 0, 0]]> : tensor<3x4xi8>
  %e = tensor.empty() : tensor<3x4xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%w : tensor<3x4xi8>) outs(%e : tensor<3x4xi32>) {
  ^bb0(%a: i8, %o: i32):
    %c = arith.extsi %a : i8 to i32
    linalg.yield %c : i32
  } -> tensor<3x4xi32>
  return %r : tensor<3x4xi32>
}

// No input at all: a fill written as a generic.
// CHECK-LABEL: func.func @no_input
// CHECK: linalg.generic
// CHECK-SAME: outs(
func.func @no_input() -> tensor<2x4xi32> {
  %c7 = arith.constant 7 : i32
  %e = tensor.empty() : tensor<2x4xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%e : tensor<2x4xi32>) {
  ^bb0(%o: i32):
    linalg.yield %c7 : i32
  } -> tensor<2x4xi32>
  return %r : tensor<2x4xi32>
}

// Three inputs, a constant in each position: a contraction with a fused bias,
// `out + w * x + b`. Not a two-input contraction; left as it is.
// CHECK-LABEL: func.func @three_inputs
// CHECK: linalg.generic
// CHECK-SAME: ins(%{{.+}}, %{{.+}}, %{{.+}} : tensor<3x4xi8>, tensor<4x2xi8>, tensor<3xi32>)
func.func @three_inputs(%x: tensor<4x2xi8>) -> tensor<3x2xi32> {
  %w = arith.constant dense<[[1, 0, 2, 0], [0, 1, 0, 3], [1, 1, 0, 0]]> : tensor<3x4xi8>
  %b = arith.constant dense<[5, 6, 7]> : tensor<3xi32>
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<3x2xi32>
  %acc = linalg.fill ins(%z : i32) outs(%e : tensor<3x2xi32>) -> tensor<3x2xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%w, %x, %b : tensor<3x4xi8>, tensor<4x2xi8>, tensor<3xi32>) outs(%acc : tensor<3x2xi32>) {
  ^bb0(%a: i8, %c: i8, %bias: i32, %o: i32):
    %ea = arith.extsi %a : i8 to i32
    %ec = arith.extsi %c : i8 to i32
    %p = arith.muli %ea, %ec : i32
    %s = arith.addi %o, %p : i32
    %t = arith.addi %s, %bias : i32
    linalg.yield %t : i32
  } -> tensor<3x2xi32>
  return %r : tensor<3x2xi32>
}

// Three inputs with the constant last, and the body of a two-input
// contraction on the first two (the third input unused).
// CHECK-LABEL: func.func @three_inputs_constant_last
// CHECK: linalg.generic
func.func @three_inputs_constant_last(%x: tensor<3x4xi8>, %y: tensor<4x2xi8>) -> tensor<3x2xi32> {
  %w = arith.constant dense<1> : tensor<3x2xi8>
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<3x2xi32>
  %acc = linalg.fill ins(%z : i32) outs(%e : tensor<3x2xi32>) -> tensor<3x2xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%x, %y, %w : tensor<3x4xi8>, tensor<4x2xi8>, tensor<3x2xi8>) outs(%acc : tensor<3x2xi32>) {
  ^bb0(%a: i8, %c: i8, %u: i8, %o: i32):
    %ea = arith.extsi %a : i8 to i32
    %ec = arith.extsi %c : i8 to i32
    %p = arith.muli %ea, %ec : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<3x2xi32>
  return %r : tensor<3x2xi32>
}
