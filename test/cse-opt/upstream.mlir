// cse-opt is a full mlir-opt: upstream dialects and passes are registered.
// RUN: cse-opt %s --canonicalize | FileCheck %s
// RUN: cse-opt %S/../../examples/models/linear_int8.mlir --linalg-generalize-named-ops | FileCheck %s --check-prefix=LINEAR

// CHECK-LABEL: func.func @fold
// CHECK-NEXT: %[[C:.+]] = arith.constant 5 : i32
// CHECK-NEXT: return %[[C]]
func.func @fold() -> i32 {
  %a = arith.constant 2 : i32
  %b = arith.constant 3 : i32
  %c = arith.addi %a, %b : i32
  return %c : i32
}

// LINEAR-LABEL: func.func @linear
// LINEAR: linalg.generic
