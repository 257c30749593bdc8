// RUN: cse-opt %s --cse-sparse-extract="cost-model=none remarks=1" -verify-diagnostics -o /dev/null
// RUN: cse-opt %s --cse-sparse-extract="cost-model=none report=%t.json" -o /dev/null
// RUN: FileCheck %s < %t.json

// No silent skips: every contraction and convolution the pass leaves as it
// was says why, one op per reason, as a remark and as the report's `reason`
// code (in program order). The cost model's own reason, with its three
// predictions, is in cse-sparse-extract-cost-model.mlir; non_finite_weight
// (which needs float-weights=1) in cse-sparse-extract-float.mlir.

// CHECK:     "reason": "not_on_tensors"
func.func @not_on_tensors(%a: memref<3x4xi8>, %x: memref<4xi8>, %y: memref<3xi32>) {
  // expected-remark @+1 {{left alone: not on tensors}}
  linalg.matvec ins(%a, %x : memref<3x4xi8>, memref<4xi8>) outs(%y : memref<3xi32>)
  return
}

// CHECK:     "reason": "no_constant_weight"
func.func @no_constant_weight(%w: tensor<3x4xi8>, %x: tensor<4x3xi8>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  // expected-remark @+1 {{left alone: no constant weight in a supported position}}
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>) outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}

// A weight a front end casts from a pointer (this crashed the weight
// folder, which asked the pointer for its bit width).
// CHECK:     "reason": "no_constant_weight"
func.func @unrealized_cast(%x: tensor<4x3xi32>, %p: !llvm.ptr) -> tensor<4x4xi32> {
  %w = builtin.unrealized_conversion_cast %p : !llvm.ptr to tensor<3x4xi32>
  %z = arith.constant dense<0> : tensor<4x4xi32>
  // expected-remark @+1 {{left alone: no constant weight in a supported position}}
  %y = linalg.matmul ins(%x, %w : tensor<4x3xi32>, tensor<3x4xi32>) outs(%z : tensor<4x4xi32>) -> tensor<4x4xi32>
  return %y : tensor<4x4xi32>
}

// CHECK:     "reason": "float_weights_disabled"
func.func @float_weights_disabled(%x: tensor<4x3xf32>, %acc: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<3x4xf32>
  // expected-remark @+1 {{left alone: float weights need float-weights=1 (sharing reassociates sums and changes rounding)}}
  %y = linalg.matmul ins(%w, %x : tensor<3x4xf32>, tensor<4x3xf32>) outs(%acc : tensor<3x3xf32>) -> tensor<3x3xf32>
  return %y : tensor<3x3xf32>
}

// An accumulator wider than 64 bits, an accumulator narrower than the input
// (linalg would truncate the input first), and integer weights with a float
// accumulator.
// CHECK:     "reason": "unsupported_element_type"
// CHECK:     "reason": "unsupported_element_type"
// CHECK:     "reason": "unsupported_element_type"
func.func @unsupported_element_type(%x: tensor<4x3xi8>, %acc: tensor<3x3xi128>, %x16t: tensor<3x4xi16>, %acc8: tensor<3x3xi8>,
                                    %xq: tensor<3x4xi8>, %accf: tensor<3x3xf32>) {
  %w = arith.constant dense<1> : tensor<3x4xi8>
  // expected-remark @+1 {{left alone: accumulators wider than 64 bits are not supported}}
  %a = linalg.matmul ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>) outs(%acc : tensor<3x3xi128>) -> tensor<3x3xi128>
  %wt = arith.constant dense<1> : tensor<4x3xi8>
  %zp = arith.constant 0 : i32
  // expected-remark @+1 {{left alone: the accumulator is narrower than the input}}
  %b = linalg.quantized_matmul ins(%x16t, %wt, %zp, %zp : tensor<3x4xi16>, tensor<4x3xi8>, i32, i32) outs(%acc8 : tensor<3x3xi8>) -> tensor<3x3xi8>
  // expected-remark @+1 {{left alone: integer and float operands are mixed}}
  %c = linalg.quantized_matmul ins(%xq, %wt, %zp, %zp : tensor<3x4xi8>, tensor<4x3xi8>, i32, i32) outs(%accf : tensor<3x3xf32>) -> tensor<3x3xf32>
  return
}

// CHECK:     "reason": "dynamic_zero_point"
func.func @dynamic_zero_point(%x: tensor<2x8xi8>, %zp: i32, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %wt = arith.constant dense<1> : tensor<8x4xi8>
  %c0 = arith.constant 0 : i32
  // expected-remark @+1 {{left alone: a zero point is not a compile-time constant}}
  %y = linalg.quantized_matmul ins(%x, %wt, %zp, %c0 : tensor<2x8xi8>, tensor<8x4xi8>, i32, i32) outs(%acc : tensor<2x4xi32>) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

// CHECK:     "reason": "dynamic_shape"
func.func @dynamic_shape(%x: tensor<1x?x4x2xi8>, %acc: tensor<1x?x4x2xi32>) -> tensor<1x?x4x2xi32> {
  %w = arith.constant dense<1> : tensor<2x1x1x2xi8>
  // expected-remark @+1 {{left alone: only the batch dimension may be dynamic}}
  %y = linalg.conv_2d_nhwc_fhwc ins(%x, %w : tensor<1x?x4x2xi8>, tensor<2x1x1x2xi8>) outs(%acc : tensor<1x?x4x2xi32>) -> tensor<1x?x4x2xi32>
  return %y : tensor<1x?x4x2xi32>
}

// CHECK:     "reason": "depthwise"
func.func @depthwise(%x: tensor<1x4x4x2xi8>, %acc: tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32> {
  %w = arith.constant dense<1> : tensor<1x1x2xi8>
  // expected-remark @+1 {{left alone: depthwise convolution}}
  %y = linalg.depthwise_conv_2d_nhwc_hwc ins(%x, %w : tensor<1x4x4x2xi8>, tensor<1x1x2xi8>) outs(%acc : tensor<1x4x4x2xi32>) -> tensor<1x4x4x2xi32>
  return %y : tensor<1x4x4x2xi32>
}

// CHECK:     "reason": "weight_not_shared"
func.func @weight_not_shared(%x: tensor<2x3x4xi8>, %acc: tensor<2x3x3xi32>) -> tensor<2x3x3xi32> {
  %w = arith.constant dense<1> : tensor<2x4x3xi8>
  // expected-remark @+1 {{left alone: each batch element has its own weight}}
  %y = linalg.batch_matmul ins(%x, %w : tensor<2x3x4xi8>, tensor<2x4x3xi8>) outs(%acc : tensor<2x3x3xi32>) -> tensor<2x3x3xi32>
  return %y : tensor<2x3x3xi32>
}

// A convolution form, a contraction form and a generic contraction the pass
// does not rewrite.
// CHECK:     "reason": "unsupported_form"
// CHECK:     "reason": "unsupported_form"
// CHECK:     "reason": "unsupported_form"
func.func @unsupported_form(%x: tensor<1x4x2xi8>, %acc: tensor<1x4x2xi32>, %v: tensor<4xi8>, %s: tensor<i32>,
                            %xg: tensor<4x2xi8>, %accg: tensor<2x2xi32>) {
  %w = arith.constant dense<1> : tensor<1x2x2xi8>
  // expected-remark @+1 {{left alone: convolution form 'linalg.conv_1d_nwc_wcf' is not rewritten}}
  %a = linalg.conv_1d_nwc_wcf ins(%x, %w : tensor<1x4x2xi8>, tensor<1x2x2xi8>) outs(%acc : tensor<1x4x2xi32>) -> tensor<1x4x2xi32>
  %c = arith.constant dense<[1, 2, 3, 4]> : tensor<4xi8>
  // expected-remark @+1 {{left alone: contraction form 'linalg.dot' is not rewritten}}
  %b = linalg.dot ins(%c, %v : tensor<4xi8>, tensor<4xi8>) outs(%s : tensor<i32>) -> tensor<i32>
  // The constant is indexed by the reduction and the batch, not an output.
  %wg = arith.constant dense<1> : tensor<4x2xi8>
  // expected-remark @+1 {{left alone: the constant operand is not a weight indexed by an output and the reduction}}
  %g = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
         ins(%wg, %xg : tensor<4x2xi8>, tensor<4x2xi8>) outs(%accg : tensor<2x2xi32>) {
  ^bb0(%p: i8, %q: i8, %o: i32):
    %ep = arith.extsi %p : i8 to i32
    %eq = arith.extsi %q : i8 to i32
    %m = arith.muli %ep, %eq : i32
    %r = arith.addi %o, %m : i32
    linalg.yield %r : i32
  } -> tensor<2x2xi32>
  return
}

// CHECK:     "reason": "not_profitable"
func.func @not_profitable(%x: tensor<3x2xi8>, %acc: tensor<3x2xi32>) -> tensor<3x2xi32> {
  %w = arith.constant dense<[[1, 0, 0], [0, 2, 0], [0, 0, 3]]> : tensor<3x3xi8>
  // expected-remark @+1 {{left alone: not profitable: no shared subexpression}}
  %y = linalg.matmul ins(%w, %x : tensor<3x3xi8>, tensor<3x2xi8>) outs(%acc : tensor<3x2xi32>) -> tensor<3x2xi32>
  return %y : tensor<3x2xi32>
}
