// Bad option values are errors that name the option; --help lists the
// accepted values of each.
// RUN: cse-opt --help | FileCheck %s --check-prefix=HELP
// HELP: --cse-sparse-extract
// HELP: --cost-model=<value>
// HELP-NEXT: =cortex-m0plus
// HELP-NEXT: =cortex-m3
// HELP-NEXT: =cortex-m4
// HELP: =csr
// HELP: --match=<value>
// HELP-NEXT: =exact
// HELP-NEXT: =scaled
// RUN: not cse-opt %s --cse-sparse-extract="match=fuzzy" 2>&1 | FileCheck %s --check-prefix=MATCH
// MATCH: for the --match option: Cannot find option named 'fuzzy'!
// RUN: not cse-opt %s --cse-sparse-extract="objective=speed" 2>&1 | FileCheck %s --check-prefix=OBJECTIVE
// OBJECTIVE: for the --objective option: Cannot find option named 'speed'!
// RUN: not cse-opt %s --cse-sparse-extract="cost-model=cortex-a53" 2>&1 | FileCheck %s --check-prefix=MODEL
// MODEL: for the --cost-model option: Cannot find option named 'cortex-a53'!
// RUN: not cse-opt %s --cse-sparse-extract="goal=latency" 2>&1 | FileCheck %s --check-prefix=GOAL
// GOAL: for the --goal option: Cannot find option named 'latency'!
// RUN: not cse-opt %s --cse-sparse-extract="min-gain=1.5" 2>&1 | FileCheck %s --check-prefix=GAIN
// GAIN: error: cse-sparse-extract: min-gain must be in [0, 1), got 1.5
// RUN: not cse-opt %s --cse-sparse-extract="min-gain=-0.1" 2>&1 | FileCheck %s --check-prefix=NEGGAIN
// NEGGAIN: error: cse-sparse-extract: min-gain must be in [0, 1), got -0.1
// RUN: not cse-opt %s --cse-sparse-extract="effort=lots" 2>&1 | FileCheck %s --check-prefix=EFFORT
// EFFORT: for the --effort option: 'lots' value invalid for uint argument!
// RUN: not cse-opt %s --cse-sparse-extract="time-limit=-1" 2>&1 | FileCheck %s --check-prefix=TLIMIT
// TLIMIT: error: cse-sparse-extract: time-limit must be a non-negative number of seconds, got -1
// RUN: not cse-opt %s --cse-sparse-extract="time-limit=inf" 2>&1 | FileCheck %s --check-prefix=TLIMITINF
// TLIMITINF: error: cse-sparse-extract: time-limit must be a non-negative number of seconds, got inf
// A limit leaves the rewrite exact; this op's search ends well inside it.
// RUN: cse-opt %s --cse-sparse-extract="time-limit=30 cost-model=sparse" | FileCheck %s --check-prefix=TLIMITOK
// TLIMITOK: cse_sparse.matmul
// Every model works on every Cortex-M target:
// RUN: cse-opt %s --cse-sparse-extract="cost-model=cortex-m7" -o /dev/null
// RUN: cse-opt %s --cse-sparse-extract="cost-model=cortex-m33 goal=size" -o /dev/null

func.func @f(%x: tensor<4x3xi8>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %w = arith.constant dense<[[1, 1, 0, 2], [1, 1, 5, 0], [1, 1, 0, -1]]> : tensor<3x4xi8>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>)
                     outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}
