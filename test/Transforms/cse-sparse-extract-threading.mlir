// Independent ops are extracted in parallel when the context allows threads,
// one thread each; with threading disabled, one after the other on one
// thread. The IR is the same either way.
// RUN: %python %S/../../scripts/gen-mlp.py --sizes 128,96,64,32,10 --bits 4 --density 0.3 --seed 5 -o %t.model.mlir
// RUN: cse-opt %t.model.mlir --cse-sparse-extract="seed=3 effort=8" -o %t.threads.mlir
// RUN: cse-opt %t.model.mlir --cse-sparse-extract="seed=3 effort=8" --mlir-disable-threading -o %t.serial.mlir
// RUN: diff %t.threads.mlir %t.serial.mlir
// RUN: FileCheck %s < %t.threads.mlir
// A single op gets every core for its own extraction; same IR as serial:
// RUN: %python %S/../../scripts/gen-mlp.py --sizes 256,192 --bits 4 --density 0.3 --seed 5 -o %t.one.mlir
// RUN: cse-opt %t.one.mlir --cse-sparse-extract="seed=3 cost-model=none" -o %t.one.threads.mlir
// RUN: cse-opt %t.one.mlir --cse-sparse-extract="seed=3 cost-model=none" --mlir-disable-threading -o %t.one.serial.mlir
// RUN: diff %t.one.threads.mlir %t.one.serial.mlir
// RUN: FileCheck %s --check-prefix=ONE < %t.one.threads.mlir

// CHECK-COUNT-4: cse_sparse.matmul
// CHECK-NOT: linalg.matmul
// ONE: cse_sparse.matmul <type = tensor<192x256xi8>
