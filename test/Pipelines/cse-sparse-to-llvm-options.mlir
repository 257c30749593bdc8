// Pipeline option values reach the passes as values: none can end the
// pipeline text early or smuggle in other options (issue 12, row 6: each of
// these used to abort or be accepted).
// RUN: not cse-opt %s --cse-sparse-to-llvm='match="exact}"' 2>&1 | FileCheck %s --check-prefix=BRACE
// BRACE: for the --match option: Cannot find option named 'exact}'!
// RUN: not cse-opt %s --cse-sparse-to-llvm='cost-model="none objective=bytes"' 2>&1 | FileCheck %s --check-prefix=SMUGGLE
// SMUGGLE: for the --cost-model option: Cannot find option named 'none objective=bytes'!
// RUN: not cse-opt %s --cse-sparse-to-llvm='match="exact report=/tmp/x"' 2>&1 | FileCheck %s --check-prefix=REPORT
// REPORT: for the --match option: Cannot find option named 'exact report=/tmp/x'!
// RUN: not cse-opt %s --cse-sparse-to-llvm='node-schedule="upfront},canonicalize{"' 2>&1 | FileCheck %s --check-prefix=SCHEDULE
// SCHEDULE: for the --node-schedule option: Cannot find option named 'upfront},canonicalize{'!
// Every extraction option reaches the pass, time-limit included:
// RUN: not cse-opt %s --cse-sparse-to-llvm='time-limit=-2' 2>&1 | FileCheck %s --check-prefix=TLIMIT
// TLIMIT: error: cse-sparse-extract: time-limit must be a non-negative number of seconds, got -2
// A report path with spaces and braces is just a path:
// RUN: rm -rf %t && mkdir -p "%t/a b{c}"
// RUN: cse-opt %s --cse-sparse-to-llvm='cost-model=none report="%t/a b{c}/r.json"' -o /dev/null
// RUN: FileCheck %s --check-prefix=JSON < "%t/a b{c}/r.json"
// JSON: "form": "ecsr"

func.func @layer(%x: tensor<4x3xi8>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %w = arith.constant dense<[[1, 1, 0, 2], [1, 1, 5, 0], [1, 1, 0, -1]]> : tensor<3x4xi8>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>) outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}
