// RUN: cse-opt %s -split-input-file --cse-sparse-extract="cost-model=sparse remarks=1" -verify-diagnostics -o /dev/null
// RUN: cse-opt %s -split-input-file --cse-sparse-to-llvm=cost-model=sparse -o /dev/null

// Inputs fuzz/fuzz-pipeline.cpp found crashing the pass or making it emit
// invalid IR, each kept as found (the pipeline with extract=0 compiles every
// one). Under the suite's ASan build the first one was a heap use-after-free.

// One rewritten contraction's result is the next one's input: the second plan
// held the first op's result, which the first rewrite had erased.
func.func @chained(%x: tensor<4xi8>) -> tensor<2xi32> {
  %w1 = arith.constant dense<[[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 0, 0]]> : tensor<3x4xi8>
  %w2 = arith.constant dense<[[1, 1, 1], [1, 1, 1]]> : tensor<2x3xi32>
  %z = arith.constant 0 : i32
  %e1 = tensor.empty() : tensor<3xi32>
  %a1 = linalg.fill ins(%z : i32) outs(%e1 : tensor<3xi32>) -> tensor<3xi32>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 3x4}}
  %h = linalg.matvec ins(%w1, %x : tensor<3x4xi8>, tensor<4xi8>) outs(%a1 : tensor<3xi32>) -> tensor<3xi32>
  %e2 = tensor.empty() : tensor<2xi32>
  %a2 = linalg.fill ins(%z : i32) outs(%e2 : tensor<2xi32>) -> tensor<2xi32>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 2x3}}
  %y = linalg.matvec ins(%w2, %h : tensor<2x3xi32>, tensor<3xi32>) outs(%a2 : tensor<2xi32>) -> tensor<2xi32>
  return %y : tensor<2xi32>
}

// -----

// An integer weight with a float accumulator: the bias was built with a
// garbage bit width (SEGV).
func.func @float_accumulator(%x: tensor<2x2xi8>) -> tensor<2x1xf32> {
  %w = arith.constant dense<[[1], [1]]> : tensor<2x1xi8>
  %zp = arith.constant 0 : i32
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x1xf32>
  %acc = linalg.fill ins(%z : f32) outs(%e : tensor<2x1xf32>) -> tensor<2x1xf32>
  // expected-remark @+1 {{left alone: integer and float operands are mixed}}
  %y = linalg.quantized_matmul ins(%x, %w, %zp, %zp : tensor<2x2xi8>, tensor<2x1xi8>, i32, i32) outs(%acc : tensor<2x1xf32>) -> tensor<2x1xf32>
  return %y : tensor<2x1xf32>
}

// -----

// A float activation with an integer weight and accumulator: the new op
// failed its verifier.
func.func @float_input(%x: tensor<1x2xf32>) -> tensor<1x2xi32> {
  %w = arith.constant dense<[[1, 1], [1, 1]]> : tensor<2x2xi8>
  %zp = arith.constant 0 : i32
  %e = tensor.empty() : tensor<1x2xi32>
  %acc = linalg.fill ins(%zp : i32) outs(%e : tensor<1x2xi32>) -> tensor<1x2xi32>
  // expected-remark @+1 {{left alone: integer and float operands are mixed}}
  %y = linalg.quantized_matmul ins(%x, %w, %zp, %zp : tensor<1x2xf32>, tensor<2x2xi8>, i32, i32) outs(%acc : tensor<1x2xi32>) -> tensor<1x2xi32>
  return %y : tensor<1x2xi32>
}

// -----

// An accumulator narrower than the activation (linalg truncates the
// activation first): the new op failed its verifier.
func.func @narrow_accumulator(%x: tensor<1x2xi16>) -> tensor<1x2xi8> {
  %w = arith.constant dense<[[1, 1], [1, 1]]> : tensor<2x2xi8>
  %zp = arith.constant 0 : i32
  %z = arith.constant 0 : i8
  %e = tensor.empty() : tensor<1x2xi8>
  %acc = linalg.fill ins(%z : i8) outs(%e : tensor<1x2xi8>) -> tensor<1x2xi8>
  // expected-remark @+1 {{left alone: the accumulator is narrower than the input}}
  %y = linalg.quantized_matmul ins(%x, %w, %zp, %zp : tensor<1x2xi16>, tensor<2x2xi8>, i32, i32) outs(%acc : tensor<1x2xi8>) -> tensor<1x2xi8>
  return %y : tensor<1x2xi8>
}
