// Through upstream mlir-opt, a bad option value gets our error, as in cse-opt.
// REQUIRES: packaging
// RUN: not mlir-opt %s --load-dialect-plugin=%cse_sparse_plugin \
// RUN:   --load-pass-plugin=%cse_sparse_plugin \
// RUN:   --pass-pipeline="builtin.module(cse-sparse-extract{cost-model=cortex-a53})" \
// RUN:   2>&1 | FileCheck %s --check-prefix=MODEL
// MODEL: for the --cost-model option: Cannot find option named 'cortex-a53'!
// RUN: not mlir-opt %s --load-dialect-plugin=%cse_sparse_plugin \
// RUN:   --load-pass-plugin=%cse_sparse_plugin \
// RUN:   --pass-pipeline="builtin.module(cse-sparse-to-llvm{match=fuzzy})" \
// RUN:   2>&1 | FileCheck %s --check-prefix=PIPELINE
// PIPELINE: for the --match option: Cannot find option named 'fuzzy'!
// RUN: not mlir-opt %s --pass-pipeline="builtin.module(cse-sparse-extract)" \
// RUN:   2>&1 | FileCheck %s --check-prefix=NOPLUGIN
// NOPLUGIN: 'cse-sparse-extract' does not refer to a registered pass or pass pipeline

// Limits of mlir-opt's plugin loading, as docs/integrating.md describes them.
// Pass flags are made before any plugin is loaded: our passes and pipelines
// are named in --pass-pipeline only.
// RUN: not mlir-opt %s --load-pass-plugin=%cse_sparse_plugin \
// RUN:   --cse-sparse-extract 2>&1 | FileCheck %s --check-prefix=FLAG
// FLAG: Unknown command line argument '--cse-sparse-extract'
// The bufferization models come with the dialect plugin: the pass plugin
// alone extracts, but the pipeline cannot bufferize what it extracted.
// RUN: not mlir-opt %s --load-pass-plugin=%cse_sparse_plugin \
// RUN:   --pass-pipeline="builtin.module(cse-sparse-to-llvm{cost-model=sparse})" \
// RUN:   2>&1 | FileCheck %s --check-prefix=MODELS
// MODELS: error: op was not bufferized
// MODELS: note: see current operation: {{.*}}"cse_sparse.matmul"

func.func @layer(%x: tensor<4x3xi8>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %w = arith.constant dense<[[1, 1, 0, 2], [1, 1, 5, 0], [1, 1, 0, -1]]> : tensor<3x4xi8>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>)
                     outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}
