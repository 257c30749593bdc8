// --cse-sparse-check-llvm alone: an LLVM dialect module passes untouched; casts
// two conversions left unreconciled are an error at the first, with its
// types.
// RUN: cse-opt %s --split-input-file --verify-diagnostics --cse-sparse-check-llvm | FileCheck %s

// CHECK-LABEL: llvm.func @clean
llvm.func @clean(%a: i32) -> i32 {
  %b = llvm.add %a, %a : i32
  llvm.return %b : i32
}

// -----

llvm.func @use(i64)
llvm.func @mixed(%a: i32) {
  // expected-error @below {{'builtin.unrealized_conversion_cast' op cannot be lowered to LLVM by --cse-sparse-to-llvm: a value of type i32 used as index that no conversion reconciled}}
  // expected-note @below {{1 more 'builtin.unrealized_conversion_cast' op(s) in the module}}
  %i = builtin.unrealized_conversion_cast %a : i32 to index
  %w = builtin.unrealized_conversion_cast %i : index to i64
  llvm.call @use(%w) : (i64) -> ()
  llvm.return
}
