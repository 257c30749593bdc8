// RUN: cse-opt %s --cse-sparse-extract="cost-model=sparse remarks=1" -verify-diagnostics -split-input-file | FileCheck %s
// Nested in a func.func pass manager, the pass touches nothing outside its
// function: the globals stay (other threads may be reading them).
// RUN: cse-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(cse-sparse-extract{cost-model=sparse}))" | FileCheck %s --check-prefix=NESTED
// NESTED: memref.global "private" constant @w
// NESTED: ml_program.global private @v
// NESTED-LABEL: func.func @globals
// NESTED-COUNT-2: cse_sparse.matmul

// Weights as front ends hand them over: behind transposes, reshapes, casts
// and globals, which the pass folds at compile time (and erases once unused),
// and zero points written out in generics. Every op below would otherwise be
// a dense layer. The weight is always the linear example's
//   W = [[1, 0, 0, -2, 0, 0, 1, 0], [0, 3, 0, 0, 1, 0, 0, 0],
//        [1, 0, 0, -2, 0, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 7]]
// (rows 0 and 2 share x0 - 2*x3), so each rewrite shows the same ECSR.

// torch-mlir's linear layer: y = x * transpose(W), an i8 weight cast to i32
// by a generic, the activation cast the same way.
// CHECK-LABEL: func.func @torch_linear
// CHECK-SAME: (%[[X:.+]]: tensor<2x8xi32>
// CHECK-NOT: linalg.transpose
// CHECK-NOT: linalg.generic
// CHECK: cse_sparse.matmul <type = tensor<4x8xi8>, tree = <num_inputs = 8, operands = dense<{{\[\[}}0, 3]]> : tensor<1x2xi32>, coefficients = dense<{{\[\[}}1, -2]]> : tensor<1x2xi8>>
// CHECK-SAME: col_idx = dense<[6, 8, 1, 4, 5, 8, 7]>
// CHECK-SAME: ins(%[[X]] : tensor<2x8xi32> transposed) outs(%{{.+}} : tensor<2x4xi32> transposed)
// CHECK-NOT: arith.constant dense<{{\[\[}}1, 0, 0, -2
func.func @torch_linear(%x: tensor<2x8xi32>, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %w = arith.constant dense<[[1, 0, 0, -2, 0, 0, 1, 0], [0, 3, 0, 0, 1, 0, 0, 0],
                             [1, 0, 0, -2, 0, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 7]]> : tensor<4x8xi8>
  %e = tensor.empty() : tensor<4x8xi32>
  %w32 = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
           ins(%w : tensor<4x8xi8>) outs(%e : tensor<4x8xi32>) {
  ^bb0(%a: i8, %o: i32):
    %c = arith.extsi %a : i8 to i32
    linalg.yield %c : i32
  } -> tensor<4x8xi32>
  %et = tensor.empty() : tensor<8x4xi32>
  %wt = linalg.transpose ins(%w32 : tensor<4x8xi32>) outs(%et : tensor<8x4xi32>) permutation = [1, 0]
  // expected-remark @+1 {{cse-sparse-extract: ecsr 4x8, nnz 9, CSEs 1}}
  %y = linalg.matmul ins(%x, %wt : tensor<2x8xi32>, tensor<8x4xi32>) outs(%acc : tensor<2x4xi32>) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

// A transpose written as a generic with a permuted input map, and
// arith.extsi on the constant tensor.
// CHECK-LABEL: func.func @generic_transpose_extsi
// CHECK: cse_sparse.matmul <type = tensor<4x8xi8>{{.*}}col_idx = dense<[6, 8, 1, 4, 5, 8, 7]>
// CHECK-NOT: linalg.generic
func.func @generic_transpose_extsi(%x: tensor<8x3xi16>, %acc: tensor<4x3xi32>) -> tensor<4x3xi32> {
  %wt = arith.constant dense<[[1, 0, 1, 0], [0, 3, 0, 0], [0, 0, 0, 0], [-2, 0, -2, 0],
                              [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 7]]> : tensor<8x4xi8>
  %e = tensor.empty() : tensor<4x8xi8>
  %w = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
         ins(%wt : tensor<8x4xi8>) outs(%e : tensor<4x8xi8>) {
  ^bb0(%a: i8, %o: i8):
    linalg.yield %a : i8
  } -> tensor<4x8xi8>
  %w16 = arith.extsi %w : tensor<4x8xi8> to tensor<4x8xi16>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 4x8, nnz 9, CSEs 1}}
  %y = linalg.matmul ins(%w16, %x : tensor<4x8xi16>, tensor<8x3xi16>) outs(%acc : tensor<4x3xi32>) -> tensor<4x3xi32>
  return %y : tensor<4x3xi32>
}

// -----

// TOSA's unit dimensions: tosa.matmul lowers to batch_matmul with a 1xKxN
// constant, and reshapes put weights into shape.
// CHECK-LABEL: func.func @tosa_matmul
// CHECK-SAME: (%[[X:.+]]: tensor<1x2x8xi8>
// CHECK: %[[XC:.+]] = tensor.collapse_shape %[[X]] {{\[\[}}0, 1], [2]] : tensor<1x2x8xi8> into tensor<2x8xi8>
// CHECK: cse_sparse.matmul <type = tensor<4x8xi8>{{.*}}col_idx = dense<[6, 8, 1, 4, 5, 8, 7]>{{.*}} ins(%[[XC]] : tensor<2x8xi8> transposed)
func.func @tosa_matmul(%x: tensor<1x2x8xi8>, %acc: tensor<1x2x4xi32>) -> tensor<1x2x4xi32> {
  %wt = arith.constant dense<[[[1, 0, 1, 0], [0, 3, 0, 0], [0, 0, 0, 0], [-2, 0, -2, 0],
                               [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 7]]]> : tensor<1x8x4xi8>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 4x8, nnz 9, CSEs 1}}
  %y = linalg.batch_matmul ins(%x, %wt : tensor<1x2x8xi8>, tensor<1x8x4xi8>) outs(%acc : tensor<1x2x4xi32>) -> tensor<1x2x4xi32>
  return %y : tensor<1x2x4xi32>
}

// The quantized form, zero points folded; the weight behind a collapse and
// an expand of its unit dimension.
// CHECK-LABEL: func.func @tosa_quantized_matmul
// CHECK: cse_sparse.matmul <type = tensor<4x8xi8>{{.*}}col_idx = dense<[6, 8, 1, 4, 5, 8, 7]>{{.*}} bias(dense<[0, -12, 0, -21]> : tensor<4xi32>)
// CHECK-NOT: tensor.expand_shape %cst
func.func @tosa_quantized_matmul(%x: tensor<1x2x8xi8>, %acc: tensor<1x2x4xi32>) -> tensor<1x2x4xi32> {
  %w2 = arith.constant dense<[[1, 0, 1, 0], [0, 3, 0, 0], [0, 0, 0, 0], [-2, 0, -2, 0],
                              [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 7]]> : tensor<8x4xi8>
  %wt = tensor.expand_shape %w2 [[0, 1], [2]] output_shape [1, 8, 4] : tensor<8x4xi8> into tensor<1x8x4xi8>
  %xzp = arith.constant 3 : i32
  %wzp = arith.constant 0 : i32
  // expected-remark @+1 {{cse-sparse-extract: ecsr 4x8, nnz 9, CSEs 1}}
  %y = linalg.quantized_batch_matmul ins(%x, %wt, %xzp, %wzp : tensor<1x2x8xi8>, tensor<1x8x4xi8>, i32, i32) outs(%acc : tensor<1x2x4xi32>) -> tensor<1x2x4xi32>
  return %y : tensor<1x2x4xi32>
}

// A flattened weight reshaped into place.
// CHECK-LABEL: func.func @reshaped
// CHECK: cse_sparse.matmul <type = tensor<4x8xi8>{{.*}}col_idx = dense<[6, 8, 1, 4, 5, 8, 7]>
// CHECK-NOT: tensor.reshape
func.func @reshaped(%x: tensor<8x1xi8>, %acc: tensor<4x1xi32>) -> tensor<4x1xi32> {
  %flat = arith.constant dense<[1, 0, 0, -2, 0, 0, 1, 0, 0, 3, 0, 0, 1, 0, 0, 0,
                                1, 0, 0, -2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7]> : tensor<32xi8>
  %shape = arith.constant dense<[4, 8]> : tensor<2xi64>
  %w = tensor.reshape %flat(%shape) : (tensor<32xi8>, tensor<2xi64>) -> tensor<4x8xi8>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 4x8, nnz 9, CSEs 1}}
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x1xi8>) outs(%acc : tensor<4x1xi32>) -> tensor<4x1xi32>
  return %y : tensor<4x1xi32>
}

// -----

// Weights in globals: a constant memref.global read through
// bufferization.to_tensor, an immutable ml_program.global. Both globals are
// private and unused afterwards, so they go (no dense copy left in flash).
// CHECK-NOT: memref.global
// CHECK-NOT: ml_program.global
// CHECK-LABEL: func.func @globals
// CHECK-COUNT-2: cse_sparse.matmul <type = tensor<4x8xi8>{{.*}}col_idx = dense<[6, 8, 1, 4, 5, 8, 7]>
memref.global "private" constant @w : memref<4x8xi8> = dense<[[1, 0, 0, -2, 0, 0, 1, 0], [0, 3, 0, 0, 1, 0, 0, 0],
                                                             [1, 0, 0, -2, 0, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 7]]>
ml_program.global private @v(dense<[[1, 0, 0, -2, 0, 0, 1, 0], [0, 3, 0, 0, 1, 0, 0, 0],
                                    [1, 0, 0, -2, 0, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 7]]> : tensor<4x8xi8>) : tensor<4x8xi8>
func.func @globals(%x: tensor<8x2xi8>, %acc: tensor<4x2xi32>) -> (tensor<4x2xi32>, tensor<4x2xi32>) {
  %m = memref.get_global @w : memref<4x8xi8>
  %w = bufferization.to_tensor %m restrict : memref<4x8xi8> to tensor<4x8xi8>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 4x8, nnz 9, CSEs 1}}
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  %v = ml_program.global_load_const @v : tensor<4x8xi8>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 4x8, nnz 9, CSEs 1}}
  %z = linalg.matmul ins(%v, %x : tensor<4x8xi8>, tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y, %z : tensor<4x2xi32>, tensor<4x2xi32>
}

// -----

// Globals that may change are not constants.
memref.global "private" @w : memref<4x8xi8> = dense<1>
ml_program.global private mutable @v(dense<1> : tensor<4x8xi8>) : tensor<4x8xi8>
func.func @mutable_globals(%x: tensor<8x2xi8>, %acc: tensor<4x2xi32>) -> (tensor<4x2xi32>, tensor<4x2xi32>) {
  %m = memref.get_global @w : memref<4x8xi8>
  %w = bufferization.to_tensor %m restrict : memref<4x8xi8> to tensor<4x8xi8>
  // expected-remark @+1 {{left alone: no constant weight in a supported position}}
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  %v = ml_program.global_load @v : tensor<4x8xi8>
  // expected-remark @+1 {{left alone: no constant weight in a supported position}}
  %z = linalg.matmul ins(%v, %x : tensor<4x8xi8>, tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y, %z : tensor<4x2xi32>, tensor<4x2xi32>
}

// -----

// Zero points written out in a contraction generic, as torch-mlir's
// quantized matmul: (extsi(x) - 3) * (extsi(w) - 0). The activation's zero
// point becomes the bias -3 * row sums.
// CHECK-LABEL: func.func @generic_zero_points
// CHECK: cse_sparse.matmul <type = tensor<4x8xi8>{{.*}}col_idx = dense<[6, 8, 1, 4, 5, 8, 7]>{{.*}} bias(dense<[0, -12, 0, -21]> : tensor<4xi32>)
func.func @generic_zero_points(%x: tensor<2x8xi8>, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %w = arith.constant dense<[[1, 0, 0, -2, 0, 0, 1, 0], [0, 3, 0, 0, 1, 0, 0, 0],
                             [1, 0, 0, -2, 0, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 7]]> : tensor<4x8xi8>
  %xzp = arith.constant 3 : i32
  // expected-remark @+1 {{cse-sparse-extract: ecsr 4x8, nnz 9, CSEs 1}}
  %y = linalg.generic {indexing_maps = [affine_map<(b, m, k) -> (b, k)>, affine_map<(b, m, k) -> (m, k)>, affine_map<(b, m, k) -> (b, m)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
         ins(%x, %w : tensor<2x8xi8>, tensor<4x8xi8>) outs(%acc : tensor<2x4xi32>) {
  ^bb0(%a: i8, %b: i8, %o: i32):
    %wzp = arith.constant 0 : i32
    %ea = arith.extsi %a : i8 to i32
    %sa = arith.subi %ea, %xzp : i32
    %eb = arith.extsi %b : i8 to i32
    %sb = arith.subi %eb, %wzp : i32
    %p = arith.muli %sa, %sb : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

// The activation's zero point subtracted by its own generic before a plain
// i32 matmul: the pass reads the i8 activation and folds the zero point;
// the subtraction goes. (The weight is an i32 constant, so its coefficients
// stay i32: the lowering's tables still use the narrowest width.)
// CHECK-LABEL: func.func @separate_zero_point
// CHECK-SAME: (%[[X:.+]]: tensor<2x8xi8>
// CHECK-NOT: linalg.generic
// CHECK: cse_sparse.matmul <type = tensor<4x8xi32>{{.*}} bias(dense<[0, -12, 0, -21]> : tensor<4xi32>) ins(%[[X]] : tensor<2x8xi8> transposed)
func.func @separate_zero_point(%x: tensor<2x8xi8>, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %wt = arith.constant dense<[[1, 0, 1, 0], [0, 3, 0, 0], [0, 0, 0, 0], [-2, 0, -2, 0],
                              [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 7]]> : tensor<8x4xi32>
  %xzp = arith.constant 3 : i32
  %e = tensor.empty() : tensor<2x8xi32>
  %xs = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
          ins(%x : tensor<2x8xi8>) outs(%e : tensor<2x8xi32>) {
  ^bb0(%a: i8, %o: i32):
    %c = arith.extsi %a : i8 to i32
    %s = arith.subi %c, %xzp : i32
    linalg.yield %s : i32
  } -> tensor<2x8xi32>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 4x8, nnz 9, CSEs 1}}
  %y = linalg.matmul ins(%xs, %wt : tensor<2x8xi32>, tensor<8x4xi32>) outs(%acc : tensor<2x4xi32>) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

// linalg.quantized_matmul as --linalg-generalize-named-ops writes it: the
// zero points are scalar inputs of the generic.
// CHECK-LABEL: func.func @generalized_quantized_matmul
// CHECK: cse_sparse.matmul <type = tensor<4x8xi8>{{.*}} bias(dense<[0, -12, 0, -21]> : tensor<4xi32>)
func.func @generalized_quantized_matmul(%x: tensor<2x8xi8>, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %wt = arith.constant dense<[[1, 0, 1, 0], [0, 3, 0, 0], [0, 0, 0, 0], [-2, 0, -2, 0],
                              [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 7]]> : tensor<8x4xi8>
  %xzp = arith.constant 3 : i32
  %wzp = arith.constant 0 : i32
  // expected-remark @+1 {{cse-sparse-extract: ecsr 4x8, nnz 9, CSEs 1}}
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> ()>, affine_map<(d0, d1, d2) -> ()>, affine_map<(d0, d1, d2) -> (d0, d1)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
         ins(%x, %wt, %xzp, %wzp : tensor<2x8xi8>, tensor<8x4xi8>, i32, i32) outs(%acc : tensor<2x4xi32>) {
  ^bb0(%in: i8, %in_0: i8, %in_1: i32, %in_2: i32, %out: i32):
    %1 = arith.extsi %in : i8 to i32
    %2 = arith.subi %1, %in_1 : i32
    %3 = arith.extsi %in_0 : i8 to i32
    %4 = arith.subi %3, %in_2 : i32
    %5 = arith.muli %2, %4 : i32
    %6 = arith.addi %out, %5 : i32
    linalg.yield %6 : i32
  } -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

// A weight zero point subtracted by a generic on the constant folds into the
// weight: W' = W - 1.
// CHECK-LABEL: func.func @weight_zero_point_generic
// CHECK: cse_sparse.matmul <type = tensor<2x3xi8>
// CHECK-SAME: values = dense<[-128, 1, 1]> : tensor<3xi8>>
func.func @weight_zero_point_generic(%x: tensor<3x5xi8>, %acc: tensor<2x5xi32>) -> tensor<2x5xi32> {
  %w = arith.constant dense<[[2, 0, -127], [2, 0, 1]]> : tensor<2x3xi8>
  %one = arith.constant 1 : i32
  %e = tensor.empty() : tensor<2x3xi32>
  %ws = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
          ins(%w : tensor<2x3xi8>) outs(%e : tensor<2x3xi32>) {
  ^bb0(%a: i8, %o: i32):
    %c = arith.extsi %a : i8 to i32
    %s = arith.subi %c, %one : i32
    linalg.yield %s : i32
  } -> tensor<2x3xi32>
  // expected-remark @+1 {{cse-sparse-extract: ecsr 2x3}}
  %y = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
         ins(%ws, %x : tensor<2x3xi32>, tensor<3x5xi8>) outs(%acc : tensor<2x5xi32>) {
  ^bb0(%a: i32, %b: i8, %o: i32):
    %eb = arith.extsi %b : i8 to i32
    %p = arith.muli %a, %eb : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<2x5xi32>
  return %y : tensor<2x5xi32>
}

// A zero point that is an argument cannot be folded.
func.func @dynamic_generic_zero_point(%x: tensor<2x8xi8>, %zp: i32, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %w = arith.constant dense<1> : tensor<4x8xi8>
  // expected-remark @+1 {{left alone: a zero point is not a compile-time constant}}
  %y = linalg.generic {indexing_maps = [affine_map<(b, m, k) -> (b, k)>, affine_map<(b, m, k) -> (m, k)>, affine_map<(b, m, k) -> (b, m)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
         ins(%x, %w : tensor<2x8xi8>, tensor<4x8xi8>) outs(%acc : tensor<2x4xi32>) {
  ^bb0(%a: i8, %b: i8, %o: i32):
    %ea = arith.extsi %a : i8 to i32
    %sa = arith.subi %ea, %zp : i32
    %eb = arith.extsi %b : i8 to i32
    %p = arith.muli %sa, %eb : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

// -----

// Found by fuzz/fuzz-passes.cpp (ASan: heap-buffer-overflow read): an
// ml_program.global whose value is not of the global's type (upstream's
// verifier lets it pass) was read as the 4x8 weight its load promises.
ml_program.global private @v(dense<[[1, 0, 0, -2, 0, 0, 1, 0], [0, 3, 0, 0, 1, 0, 0, 0]]> : tensor<2x8xi8>) : tensor<4x8xi8>
func.func @global_value_of_another_shape(%x: tensor<8x2xi8>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %v = ml_program.global_load_const @v : tensor<4x8xi8>
  // expected-remark @+1 {{left alone: no constant weight in a supported position}}
  %z = linalg.matmul ins(%v, %x : tensor<4x8xi8>, tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %z : tensor<4x2xi32>
}
