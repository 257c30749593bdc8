// The weight forms front ends emit (transposes, reshapes, casts, unit batch
// dimensions, globals, zero points written out in generics) and chained
// layers give, once lowered and run, exactly the outputs of the same module
// compiled dense by upstream MLIR.
// RUN: cse-opt %s --cse-sparse-to-llvm=extract=0 | %run-host | grep -v base@ > %t.dense
// RUN: cse-opt %s --cse-sparse-to-llvm=cost-model=sparse | %run-host | grep -v base@ > %t.cse
// RUN: diff %t.dense %t.cse
// RUN: FileCheck %s < %t.cse
// Every contraction was rewritten:
// RUN: cse-opt %s --cse-sparse-extract=cost-model=sparse | FileCheck %s --check-prefix=IR
// IR-NOT: linalg.matmul
// IR-NOT: linalg.matvec
// IR-NOT: linalg.batch_matmul
// IR-NOT: linalg.quantized_batch_matmul
// IR-NOT: reduction

// Outputs worked by hand: the linear layer's row 0 is x0 - 2*x3 + x6 + acc
// = 1 - 8 + 7 + 1, row 1 is 3*x1 + x4 + acc = 6 + 5 + 2; the chained
// layers give h = W1 x = [98, 98, -28], W2 h = [168, 168], W1 x + h.
// CHECK:      {{\[\[}}1,   13,   2,   60],
// CHECK-NEXT:  [-83,   475,   -235,   881]]
// CHECK:      [168,  168]
// CHECK-NEXT: [196,  196,  -56]

// Weights as front ends hand them over: behind transposes, reshapes, casts
// and globals, which the pass folds at compile time (and erases once unused),
// and zero points written out in generics. Every op below would otherwise be
// a dense layer. The weight is always the linear example's
//   W = [[1, 0, 0, -2, 0, 0, 1, 0], [0, 3, 0, 0, 1, 0, 0, 0],
//        [1, 0, 0, -2, 0, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 7]]
// (rows 0 and 2 share x0 - 2*x3), so each rewrite shows the same ECSR.

// torch-mlir's linear layer: y = x * transpose(W), an i8 weight cast to i32
// by a generic, the activation cast the same way.
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
  %y = linalg.matmul ins(%x, %wt : tensor<2x8xi32>, tensor<8x4xi32>) outs(%acc : tensor<2x4xi32>) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

// A transpose written as a generic with a permuted input map, and
// arith.extsi on the constant tensor.
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
  %y = linalg.matmul ins(%w16, %x : tensor<4x8xi16>, tensor<8x3xi16>) outs(%acc : tensor<4x3xi32>) -> tensor<4x3xi32>
  return %y : tensor<4x3xi32>
}

// TOSA's unit dimensions: tosa.matmul lowers to batch_matmul with a 1xKxN
// constant, and reshapes put weights into shape.
func.func @tosa_matmul(%x: tensor<1x2x8xi8>, %acc: tensor<1x2x4xi32>) -> tensor<1x2x4xi32> {
  %wt = arith.constant dense<[[[1, 0, 1, 0], [0, 3, 0, 0], [0, 0, 0, 0], [-2, 0, -2, 0],
                               [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 7]]]> : tensor<1x8x4xi8>
  %y = linalg.batch_matmul ins(%x, %wt : tensor<1x2x8xi8>, tensor<1x8x4xi8>) outs(%acc : tensor<1x2x4xi32>) -> tensor<1x2x4xi32>
  return %y : tensor<1x2x4xi32>
}

// The quantized form, zero points folded; the weight behind a collapse and
// an expand of its unit dimension.
func.func @tosa_quantized_matmul(%x: tensor<1x2x8xi8>, %acc: tensor<1x2x4xi32>) -> tensor<1x2x4xi32> {
  %w2 = arith.constant dense<[[1, 0, 1, 0], [0, 3, 0, 0], [0, 0, 0, 0], [-2, 0, -2, 0],
                              [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 7]]> : tensor<8x4xi8>
  %wt = tensor.expand_shape %w2 [[0, 1], [2]] output_shape [1, 8, 4] : tensor<8x4xi8> into tensor<1x8x4xi8>
  %xzp = arith.constant 3 : i32
  %wzp = arith.constant 0 : i32
  %y = linalg.quantized_batch_matmul ins(%x, %wt, %xzp, %wzp : tensor<1x2x8xi8>, tensor<1x8x4xi8>, i32, i32) outs(%acc : tensor<1x2x4xi32>) -> tensor<1x2x4xi32>
  return %y : tensor<1x2x4xi32>
}

// A flattened weight reshaped into place.
func.func @reshaped(%x: tensor<8x1xi8>, %acc: tensor<4x1xi32>) -> tensor<4x1xi32> {
  %flat = arith.constant dense<[1, 0, 0, -2, 0, 0, 1, 0, 0, 3, 0, 0, 1, 0, 0, 0,
                                1, 0, 0, -2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7]> : tensor<32xi8>
  %shape = arith.constant dense<[4, 8]> : tensor<2xi64>
  %w = tensor.reshape %flat(%shape) : (tensor<32xi8>, tensor<2xi64>) -> tensor<4x8xi8>
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x1xi8>) outs(%acc : tensor<4x1xi32>) -> tensor<4x1xi32>
  return %y : tensor<4x1xi32>
}

// Weights in globals: a constant memref.global read through
// bufferization.to_tensor. (ml_program globals are
// checked in test/Transforms/cse-sparse-extract-frontends.mlir: the dense
// lowering has no bufferization for them.)
memref.global "private" constant @w : memref<4x8xi8> = dense<[[1, 0, 0, -2, 0, 0, 1, 0], [0, 3, 0, 0, 1, 0, 0, 0],
                                                             [1, 0, 0, -2, 0, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 7]]>
func.func @globals(%x: tensor<8x2xi8>, %acc: tensor<4x2xi32>) -> (tensor<4x2xi32>, tensor<4x2xi32>) {
  %m = memref.get_global @w : memref<4x8xi8>
  %w = bufferization.to_tensor %m restrict : memref<4x8xi8> to tensor<4x8xi8>
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  %z = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y, %z : tensor<4x2xi32>, tensor<4x2xi32>
}

// Zero points written out in a contraction generic, as torch-mlir's
// quantized matmul: (extsi(x) - 3) * (extsi(w) - 0). The activation's zero
// point becomes the bias -3 * row sums.
func.func @generic_zero_points(%x: tensor<2x8xi8>, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %w = arith.constant dense<[[1, 0, 0, -2, 0, 0, 1, 0], [0, 3, 0, 0, 1, 0, 0, 0],
                             [1, 0, 0, -2, 0, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 7]]> : tensor<4x8xi8>
  %xzp = arith.constant 3 : i32
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
  %y = linalg.matmul ins(%xs, %wt : tensor<2x8xi32>, tensor<8x4xi32>) outs(%acc : tensor<2x4xi32>) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

// linalg.quantized_matmul as --linalg-generalize-named-ops writes it: the
// zero points are scalar inputs of the generic.
func.func @generalized_quantized_matmul(%x: tensor<2x8xi8>, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %wt = arith.constant dense<[[1, 0, 1, 0], [0, 3, 0, 0], [0, 0, 0, 0], [-2, 0, -2, 0],
                              [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 7]]> : tensor<8x4xi8>
  %xzp = arith.constant 3 : i32
  %wzp = arith.constant 0 : i32
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

// The same with i8 zero points, which the generalized form extends in the
// body; and unsigned activations (u8 with zero point 128, stored as i8 -128)
// read with extui, as a uint8 model's are.
func.func @generalized_i8_zero_points(%x: tensor<2x8xi8>, %acc: tensor<2x4xi32>) -> (tensor<2x4xi32>, tensor<2x4xi32>) {
  %wt = arith.constant dense<[[1, 0, 1, 0], [0, 3, 0, 0], [0, 0, 0, 0], [-2, 0, -2, 0],
                              [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 7]]> : tensor<8x4xi8>
  %xzp = arith.constant 3 : i8
  %wzp = arith.constant -2 : i8
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> ()>, affine_map<(d0, d1, d2) -> ()>, affine_map<(d0, d1, d2) -> (d0, d1)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
         ins(%x, %wt, %xzp, %wzp : tensor<2x8xi8>, tensor<8x4xi8>, i8, i8) outs(%acc : tensor<2x4xi32>) {
  ^bb0(%in: i8, %in_0: i8, %in_1: i8, %in_2: i8, %out: i32):
    %1 = arith.extsi %in : i8 to i32
    %2 = arith.extsi %in_1 : i8 to i32
    %3 = arith.subi %1, %2 : i32
    %4 = arith.extsi %in_0 : i8 to i32
    %5 = arith.extsi %in_2 : i8 to i32
    %6 = arith.subi %4, %5 : i32
    %7 = arith.muli %3, %6 : i32
    %8 = arith.addi %out, %7 : i32
    linalg.yield %8 : i32
  } -> tensor<2x4xi32>
  %uzp = arith.constant -128 : i8
  %z = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> ()>, affine_map<(d0, d1, d2) -> (d0, d1)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
         ins(%x, %wt, %uzp : tensor<2x8xi8>, tensor<8x4xi8>, i8) outs(%acc : tensor<2x4xi32>) {
  ^bb0(%in: i8, %in_0: i8, %in_1: i8, %out: i32):
    %1 = arith.extui %in : i8 to i32
    %2 = arith.extui %in_1 : i8 to i32
    %3 = arith.subi %1, %2 : i32
    %4 = arith.extsi %in_0 : i8 to i32
    %7 = arith.muli %3, %4 : i32
    %8 = arith.addi %out, %7 : i32
    linalg.yield %8 : i32
  } -> tensor<2x4xi32>
  return %y, %z : tensor<2x4xi32>, tensor<2x4xi32>
}

// A weight zero point subtracted by a generic on the constant folds into the
// weight: W' = W - 1.
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

// Chained layers: one rewritten op's result is the next one's input, or its
// accumulator (a residual), and one weight serves two chained layers.
func.func @chained(%x: tensor<4xi8>) -> (tensor<2xi32>, tensor<3xi32>, tensor<4x2xi32>) {
  %w1 = arith.constant dense<[[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 0, 0]]> : tensor<3x4xi8>
  %w2 = arith.constant dense<[[1, 1, 1], [1, 1, 1]]> : tensor<2x3xi32>
  %z = arith.constant 0 : i32
  %e1 = tensor.empty() : tensor<3xi32>
  %a1 = linalg.fill ins(%z : i32) outs(%e1 : tensor<3xi32>) -> tensor<3xi32>
  %h = linalg.matvec ins(%w1, %x : tensor<3x4xi8>, tensor<4xi8>) outs(%a1 : tensor<3xi32>) -> tensor<3xi32>
  %e2 = tensor.empty() : tensor<2xi32>
  %a2 = linalg.fill ins(%z : i32) outs(%e2 : tensor<2xi32>) -> tensor<2xi32>
  %y = linalg.matvec ins(%w2, %h : tensor<2x3xi32>, tensor<3xi32>) outs(%a2 : tensor<2xi32>) -> tensor<2xi32>
  %r = linalg.matvec ins(%w1, %x : tensor<3x4xi8>, tensor<4xi8>) outs(%h : tensor<3xi32>) -> tensor<3xi32>
  %ws = arith.constant dense<[[2, 2, 0, 1], [2, 2, 1, 0], [0, 1, 2, 2], [1, 0, 2, 2]]> : tensor<4x4xi32>
  %xs = arith.constant dense<[[1, -2], [3, 4], [-5, 6], [7, 8]]> : tensor<4x2xi32>
  %e3 = tensor.empty() : tensor<4x2xi32>
  %a3 = linalg.fill ins(%z : i32) outs(%e3 : tensor<4x2xi32>) -> tensor<4x2xi32>
  %s1 = linalg.matmul ins(%ws, %xs : tensor<4x4xi32>, tensor<4x2xi32>) outs(%a3 : tensor<4x2xi32>) -> tensor<4x2xi32>
  %s2 = linalg.matmul ins(%ws, %s1 : tensor<4x4xi32>, tensor<4x2xi32>) outs(%s1 : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y, %r, %s2 : tensor<2xi32>, tensor<3xi32>, tensor<4x2xi32>
}

func.func private @printMemrefI32(tensor<*xi32>)

func.func @print(%t: tensor<*xi32>) {
  call @printMemrefI32(%t) : (tensor<*xi32>) -> ()
  return
}

func.func @main() {
  %x32 = arith.constant dense<[[1, 2, 3, 4, 5, 6, 7, 8], [-128, 127, -1, 0, 100, -100, 50, 127]]> : tensor<2x8xi32>
  %x8 = arith.constant dense<[[1, 2, 3, 4, 5, 6, 7, 8], [-128, 127, -1, 0, 100, -100, 50, 127]]> : tensor<2x8xi8>
  %x16 = arith.constant dense<[[1, 2, 3], [-32768, 32767, -1], [5, 6, 7], [1000, -1000, 300], [9, 8, 7], [-6, 5, -4], [3, 2, 1], [0, 127, -128]]> : tensor<8x3xi16>
  %x3 = arith.constant dense<[[[-128, 127, -1, 0, 100, -100, 50, 127], [1, 2, 3, 4, 5, 6, 7, 8]]]> : tensor<1x2x8xi8>
  %x81 = arith.constant dense<[[-128], [127], [-1], [0], [100], [-100], [50], [127]]> : tensor<8x1xi8>
  %x82 = arith.constant dense<[[-128, 1], [127, 2], [-1, 3], [0, 4], [100, 5], [-100, 6], [50, 7], [127, 8]]> : tensor<8x2xi8>
  %x35 = arith.constant dense<[[1, 2, 3, 4, 5], [-128, 127, -1, 0, 100], [9, -9, 99, -99, 7]]> : tensor<3x5xi8>
  %x4 = arith.constant dense<[100, -128, 127, -1]> : tensor<4xi8>
  %a24 = arith.constant dense<[[1, 2, 3, 4], [-5, -6, -7, -8]]> : tensor<2x4xi32>
  %a43 = arith.constant dense<[[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]]> : tensor<4x3xi32>
  %a124 = arith.constant dense<[[[1, 2, 3, 4], [-5, -6, -7, -8]]]> : tensor<1x2x4xi32>
  %a41 = arith.constant dense<[[1], [2], [3], [4]]> : tensor<4x1xi32>
  %a42 = arith.constant dense<[[1, 2], [3, 4], [5, 6], [7, 8]]> : tensor<4x2xi32>
  %a25 = arith.constant dense<[[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]> : tensor<2x5xi32>

  %r0 = call @torch_linear(%x32, %a24) : (tensor<2x8xi32>, tensor<2x4xi32>) -> tensor<2x4xi32>
  %u0 = tensor.cast %r0 : tensor<2x4xi32> to tensor<*xi32>
  call @print(%u0) : (tensor<*xi32>) -> ()
  %r1 = call @generic_transpose_extsi(%x16, %a43) : (tensor<8x3xi16>, tensor<4x3xi32>) -> tensor<4x3xi32>
  %u1 = tensor.cast %r1 : tensor<4x3xi32> to tensor<*xi32>
  call @print(%u1) : (tensor<*xi32>) -> ()
  %r2 = call @tosa_matmul(%x3, %a124) : (tensor<1x2x8xi8>, tensor<1x2x4xi32>) -> tensor<1x2x4xi32>
  %u2 = tensor.cast %r2 : tensor<1x2x4xi32> to tensor<*xi32>
  call @print(%u2) : (tensor<*xi32>) -> ()
  %r3 = call @tosa_quantized_matmul(%x3, %a124) : (tensor<1x2x8xi8>, tensor<1x2x4xi32>) -> tensor<1x2x4xi32>
  %u3 = tensor.cast %r3 : tensor<1x2x4xi32> to tensor<*xi32>
  call @print(%u3) : (tensor<*xi32>) -> ()
  %r4 = call @reshaped(%x81, %a41) : (tensor<8x1xi8>, tensor<4x1xi32>) -> tensor<4x1xi32>
  %u4 = tensor.cast %r4 : tensor<4x1xi32> to tensor<*xi32>
  call @print(%u4) : (tensor<*xi32>) -> ()
  %r5:2 = call @globals(%x82, %a42) : (tensor<8x2xi8>, tensor<4x2xi32>) -> (tensor<4x2xi32>, tensor<4x2xi32>)
  %u5 = tensor.cast %r5#0 : tensor<4x2xi32> to tensor<*xi32>
  call @print(%u5) : (tensor<*xi32>) -> ()
  %u6 = tensor.cast %r5#1 : tensor<4x2xi32> to tensor<*xi32>
  call @print(%u6) : (tensor<*xi32>) -> ()
  %r7 = call @generic_zero_points(%x8, %a24) : (tensor<2x8xi8>, tensor<2x4xi32>) -> tensor<2x4xi32>
  %u7 = tensor.cast %r7 : tensor<2x4xi32> to tensor<*xi32>
  call @print(%u7) : (tensor<*xi32>) -> ()
  %r8 = call @separate_zero_point(%x8, %a24) : (tensor<2x8xi8>, tensor<2x4xi32>) -> tensor<2x4xi32>
  %u8 = tensor.cast %r8 : tensor<2x4xi32> to tensor<*xi32>
  call @print(%u8) : (tensor<*xi32>) -> ()
  %r9 = call @generalized_quantized_matmul(%x8, %a24) : (tensor<2x8xi8>, tensor<2x4xi32>) -> tensor<2x4xi32>
  %u9 = tensor.cast %r9 : tensor<2x4xi32> to tensor<*xi32>
  call @print(%u9) : (tensor<*xi32>) -> ()
  %r9b:2 = call @generalized_i8_zero_points(%x8, %a24) : (tensor<2x8xi8>, tensor<2x4xi32>) -> (tensor<2x4xi32>, tensor<2x4xi32>)
  %u9b = tensor.cast %r9b#0 : tensor<2x4xi32> to tensor<*xi32>
  call @print(%u9b) : (tensor<*xi32>) -> ()
  %u9c = tensor.cast %r9b#1 : tensor<2x4xi32> to tensor<*xi32>
  call @print(%u9c) : (tensor<*xi32>) -> ()
  %r10 = call @weight_zero_point_generic(%x35, %a25) : (tensor<3x5xi8>, tensor<2x5xi32>) -> tensor<2x5xi32>
  %u10 = tensor.cast %r10 : tensor<2x5xi32> to tensor<*xi32>
  call @print(%u10) : (tensor<*xi32>) -> ()
  %r11:3 = call @chained(%x4) : (tensor<4xi8>) -> (tensor<2xi32>, tensor<3xi32>, tensor<4x2xi32>)
  %u11 = tensor.cast %r11#0 : tensor<2xi32> to tensor<*xi32>
  call @print(%u11) : (tensor<*xi32>) -> ()
  %u12 = tensor.cast %r11#1 : tensor<3xi32> to tensor<*xi32>
  call @print(%u12) : (tensor<*xi32>) -> ()
  %u13 = tensor.cast %r11#2 : tensor<4x2xi32> to tensor<*xi32>
  call @print(%u13) : (tensor<*xi32>) -> ()
  return
}
