// RUN: cse-opt %s --cse-sparse-extract="cost-model=none report=%t.json" -o /dev/null
// RUN: FileCheck %s < %t.json
// With the default Cortex-M4 cost model the small layers stay dense (row
// overheads outweigh their few entries) and the sparse 4 x 16 one becomes
// plain CSR; each entry carries the predicted costs of the three forms:
// RUN: cse-opt %s --cse-sparse-extract="report=%t.m4.json" -o /dev/null
// RUN: FileCheck %s --check-prefix=M4 < %t.m4.json
// M4:      "compact_tables": false,
// M4:      "form": "csr",
// M4:      "op": "linalg.matvec",
// M4-NEXT: "predicted": {
// M4-NEXT:   "cost_model": "cortex-m4",
// M4-NEXT:   "csr": {
// M4-NEXT:     "instructions": 118,
// M4-NEXT:     "scratch_bytes": 68,
// M4-NEXT:     "table_bytes": 36
// M4-NEXT:   },
// M4-NEXT:   "dense": {
// M4-NEXT:     "instructions": 310,
// M4-NEXT:     "scratch_bytes": 0,
// M4-NEXT:     "table_bytes": 64
// M4-NEXT:   },
// M4-NEXT:   "ecsr": {
// M4-NEXT:     "instructions": 118,
// M4:      "rows": 4
// M4-NEXT: }
// M4-NEXT: ]
// RUN: not cse-opt %s --cse-sparse-extract="report=%t.nodir/r.json" -o /dev/null 2>&1 | FileCheck %s --check-prefix=ERR
// ERR: error: cse-sparse-extract: cannot write report '{{.*}}r.json'

// report=FILE lists every candidate op in program order: the rewritten ones
// with their figures, the ones left alone with the form "dense", a reason
// code and the detail the remark gives.
// CHECK:      [
// CHECK-NEXT:   {
// CHECK-NEXT:     "additions_after": 4,
// CHECK-NEXT:     "additions_before": 6,
// CHECK-NEXT:     "cols": 4,
// CHECK-NEXT:     "columns": 1,
// CHECK-NEXT:     "compact_tables": false,
// CHECK-NEXT:     "cses": 1,
// CHECK-NEXT:     "csr_bytes": 50,
// CHECK-NEXT:     "ecsr_bytes": 62,
// CHECK-NEXT:     "extraction_seconds": {{[0-9.e-]+}},
// CHECK-NEXT:     "form": "ecsr",
// CHECK-NEXT:     "location": "loc(\"{{.*}}cse-sparse-extract-report.mlir\":[[#@LINE+24]]:8)",
// CHECK-NEXT:     "multiplications_after": 2,
// CHECK-NEXT:     "multiplications_before": 2,
// CHECK-NEXT:     "nnz": 9,
// CHECK-NEXT:     "op": "linalg.matvec",
// CHECK-NEXT:     "rows": 3
// CHECK-NEXT:   },
// CHECK-NEXT:   {
// CHECK-NEXT:     "detail": "not profitable: no shared subexpression",
// CHECK-NEXT:     "form": "dense",
// CHECK-NEXT:     "location": "loc(\"{{.*}}cse-sparse-extract-report.mlir\":[[#@LINE+17]]:8)",
// CHECK-NEXT:     "op": "linalg.matvec",
// CHECK-NEXT:     "reason": "not_profitable"
// CHECK-NEXT:   },
// CHECK-NEXT:   {
// CHECK-NEXT:     "detail": "not profitable: no shared subexpression",
// CHECK-NEXT:     "form": "dense",
// CHECK-NEXT:     "location": "loc(\"{{.*}}cse-sparse-extract-report.mlir\":[[#@LINE+20]]:8)",
// CHECK-NEXT:     "op": "linalg.matvec",
// CHECK-NEXT:     "reason": "not_profitable"
// CHECK-NEXT:   }
// CHECK-NEXT: ]
func.func @layers(%x: tensor<4xi8>, %acc: tensor<3xi32>) -> (tensor<3xi32>, tensor<3xi32>) {
  %w = arith.constant dense<[[1, 1, 0, 2], [1, 1, 5, 0], [1, 1, 0, -1]]> : tensor<3x4xi8>
  %y = linalg.matvec ins(%w, %x : tensor<3x4xi8>, tensor<4xi8>)
                     outs(%acc : tensor<3xi32>) -> tensor<3xi32>
  %d = arith.constant dense<[[1, 0, 0, 0], [0, 2, 0, 0], [0, 0, 3, 0]]> : tensor<3x4xi8>
  %z = linalg.matvec ins(%d, %x : tensor<3x4xi8>, tensor<4xi8>)
                     outs(%acc : tensor<3xi32>) -> tensor<3xi32>
  return %y, %z : tensor<3xi32>, tensor<3xi32>
}

func.func @sparse(%x: tensor<16xi8>, %acc: tensor<4xi32>) -> tensor<4xi32> {
  %w = arith.constant dense<[[3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                             [0, 0, 0, 0, 0, -4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                             [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0],
                             [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6]]> : tensor<4x16xi8>
  %y = linalg.matvec ins(%w, %x : tensor<4x16xi8>, tensor<16xi8>)
                     outs(%acc : tensor<4xi32>) -> tensor<4xi32>
  return %y : tensor<4xi32>
}
