// A generated three-layer int8 network (int4-valued weights) runs on the host
// and matches the reference that scripts/gen-mlp.py computes in Python, for
// one input and for a batch of five: dense (upstream lowering), with the cost
// model's choices, and forced to ECSR with greedy and with random search.
// RUN: %python %S/../../../scripts/gen-mlp.py --sizes 96,64,32,10 --bits 4 --density 0.3 --seed 2 --batch 1 --test-main -o %t.b1.mlir
// RUN: cse-opt %t.b1.mlir --cse-sparse-to-llvm=extract=0 | %run-host | FileCheck %s
// RUN: cse-opt %t.b1.mlir --cse-sparse-to-llvm | %run-host | FileCheck %s
// RUN: cse-opt %t.b1.mlir --cse-sparse-to-llvm="cost-model=none effort=0" | %run-host | FileCheck %s
// RUN: %python %S/../../../scripts/gen-mlp.py --sizes 96,64,32,10 --bits 4 --density 0.3 --seed 2 --batch 5 --test-main -o %t.b5.mlir
// RUN: cse-opt %t.b5.mlir --cse-sparse-to-llvm=extract=0 | %run-host | FileCheck %s
// RUN: cse-opt %t.b5.mlir --cse-sparse-to-llvm="cost-model=none" | %run-host | FileCheck %s
// Compact tables and per-row node evaluation compute the same:
// RUN: cse-opt %t.b5.mlir --cse-sparse-to-llvm="cost-model=none compact-tables=1" | %run-host | FileCheck %s
// RUN: cse-opt %t.b5.mlir --cse-sparse-to-llvm="cost-model=none node-schedule=per-row" | %run-host | FileCheck %s
// The rewritten model really holds cse_sparse ops before lowering:
// RUN: cse-opt %t.b5.mlir --cse-sparse-extract=cost-model=none | FileCheck %s --check-prefix=IR
// IR-COUNT-3: cse_sparse.matmul
// Int8-valued weights, denser:
// RUN: %python %S/../../../scripts/gen-mlp.py --sizes 80,40,12 --bits 8 --density 0.5 --seed 4 --batch 2 --test-main -o %t.i8.mlir
// RUN: cse-opt %t.i8.mlir --cse-sparse-to-llvm="cost-model=none" | %run-host | FileCheck %s

// The number of outputs that differ from the reference:
// CHECK: {{^}}0{{$}}
