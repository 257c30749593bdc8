// Whatever the pipeline cannot lower is an error at the op, naming it, and the
// pipeline fails: conversions are partial, and such an op used to pass through
// with exit status 0 and fail only at translation (issue 14, item 2).
// RUN: cse-opt %s --allow-unregistered-dialect --split-input-file --verify-diagnostics \
// RUN:   --cse-sparse-to-llvm="bare-ptr=1 index-bitwidth=32"
// RUN: not cse-opt %s --allow-unregistered-dialect --split-input-file \
// RUN:   --cse-sparse-to-llvm="bare-ptr=1 index-bitwidth=32" -o /dev/null 2>&1 | FileCheck %s
// CHECK: check-llvm.mlir:[[@LINE+9]]:8: error: 'complex.add' op cannot be lowered to LLVM by --cse-sparse-to-llvm: no pass of the pipeline lowers the 'complex' dialect's op

// A dialect the pipeline has no lowering for: one error per kind of op, at the
// first of its kind.
func.func @complex(%a: f32, %b: f32) -> f32 {
  // expected-error @below {{'complex.create' op cannot be lowered}}
  %x = complex.create %a, %b : complex<f32>
  // expected-error @below {{'complex.add' op cannot be lowered to LLVM by --cse-sparse-to-llvm: no pass of the pipeline lowers the 'complex' dialect's op}}
  // expected-note @below {{1 more 'complex.add' op(s) in the module}}
  %y = complex.add %x, %x : complex<f32>
  %z = complex.add %y, %x : complex<f32>
  // expected-error @below {{'complex.re' op cannot be lowered}}
  %r = complex.re %z : complex<f32>
  return %r : f32
}

// -----

// An op no dialect registers.
// CHECK: error: 'acme.frob' op cannot be lowered to LLVM by --cse-sparse-to-llvm: it is not a registered operation; no pass knows it
func.func @unregistered(%a: i32) -> i32 {
  // expected-error @below {{'acme.frob' op cannot be lowered to LLVM by --cse-sparse-to-llvm: it is not a registered operation}}
  %b = "acme.frob"(%a) : (i32) -> i32
  return %b : i32
}

// -----

// A signature the bare-pointer C ABI cannot express: the function, not only
// the casts left in its body.
// expected-error @below {{'func.func' op cannot be lowered to LLVM by --cse-sparse-to-llvm: its signature has no LLVM form (with bare-ptr=1, memref arguments and results need a static shape and the identity layout)}}
func.func @dynamic(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = math.absf %x : tensor<?xf32>
  // expected-error @below {{'builtin.unrealized_conversion_cast' op cannot be lowered}}
  // expected-note @below {{more 'builtin.unrealized_conversion_cast' op(s) in the module}}
  return %y : tensor<?xf32>
}
