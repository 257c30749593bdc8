// Every contraction form the extraction pass rewrites gives, once lowered and
// run, exactly the outputs of the same module compiled dense by upstream MLIR,
// on extreme int8 inputs, weights with empty rows and columns, batch 1 and
// batch > 1. The linear layer's outputs are also checked against values
// computed by hand.
// RUN: cse-opt %s --cse-sparse-to-llvm=extract=0 | %run-host | grep -v base@ > %t.dense
// RUN: cse-opt %s --cse-sparse-to-llvm=cost-model=none | %run-host | grep -v base@ > %t.cse
// RUN: diff %t.dense %t.cse
// With narrow-scratch (16-bit scratch where the values provably fit), the same:
// RUN: cse-opt %s --cse-sparse-to-llvm="cost-model=none narrow-scratch=1" | %run-host | grep -v base@ | diff %t.dense -
// RUN: FileCheck %s < %t.cse
// Every op was rewritten (none is left to the dense lowering):
// RUN: cse-opt %s --cse-sparse-extract=cost-model=none | FileCheck %s --check-prefix=IR
// IR-NOT: linalg.matmul
// IR-NOT: linalg.matvec
// IR-NOT: linalg.vecmat
// IR-NOT: linalg.quantized_matmul
// IR-NOT: linalg.batch_matmul
// IR-LABEL: func.func @starts
// IR-NOT: linalg.fill
// IR-NOT: linalg.generic
// IR-COUNT-2: overwrite_init
// IR-LABEL: func.func @main

// W rows: x0 - 2*x3 + x6, 3*x1 + x4, x0 - 2*x3 + x5, 7*x7 (and column 2 is
// empty). x = [1..8] and [-128, 127, -1, 0, 100, -100, 50, 127].
// CHECK:      {{\[}}[0,   11,   -1,   56],
// CHECK-NEXT:  [-78,   481,   -228,   889]]
func.func @linear(%x: tensor<2x8xi8>) -> tensor<2x4xi32> {
  %w = arith.constant dense<[[1, 0, 0, -2, 0, 0, 1, 0],
                             [0, 3, 0, 0, 1, 0, 0, 0],
                             [1, 0, 0, -2, 0, 1, 0, 0],
                             [0, 0, 0, 0, 0, 0, 0, 7]]> : tensor<4x8xi8>
  %zero = arith.constant 0 : i32
  %init = tensor.empty() : tensor<2x4xi32>
  %acc = linalg.fill ins(%zero : i32) outs(%init : tensor<2x4xi32>) -> tensor<2x4xi32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
         ins(%x, %w : tensor<2x8xi8>, tensor<4x8xi8>) outs(%acc : tensor<2x4xi32>) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

// The weight on the left with an empty row (row 2), extreme weights, and an
// accumulator that starts non-zero; row 3 overflows int32 both ways and wraps
// like the dense product:
// CHECK:      {{\[}}[-16127,   48644,   -16126],
// CHECK-NEXT:  [49528,   -17028,   -16395],
// CHECK-NEXT:  [7,   8,   9],
// CHECK-NEXT:  [2147468930,   -2147436167,   -16262]]
func.func @left(%x: tensor<5x3xi8>) -> tensor<4x3xi32> {
  %w = arith.constant dense<[[127, 127, 0, -128, 0],
                             [-128, -128, 5, 0, 127],
                             [0, 0, 0, 0, 0],
                             [127, 127, 5, -128, 1]]> : tensor<4x5xi8>
  %acc = arith.constant dense<[[1, 2, 3], [-4, -5, -6], [7, 8, 9], [-2147483000, 2147483000, 0]]> : tensor<4x3xi32>
  %y = linalg.matmul ins(%w, %x : tensor<4x5xi8>, tensor<5x3xi8>) outs(%acc : tensor<4x3xi32>) -> tensor<4x3xi32>
  return %y : tensor<4x3xi32>
}

// Stored inputs x outputs (y = x * Wt), unsigned cast, matvec and vecmat.
func.func @right(%x: tensor<3x4xi8>) -> tensor<3x3xi32> {
  %wt = arith.constant dense<[[1, 1, 1], [1, 1, 1], [0, 5, 0], [2, 0, -1]]> : tensor<4x3xi8>
  %zero = arith.constant 0 : i32
  %init = tensor.empty() : tensor<3x3xi32>
  %acc = linalg.fill ins(%zero : i32) outs(%init : tensor<3x3xi32>) -> tensor<3x3xi32>
  %y = linalg.matmul ins(%x, %wt : tensor<3x4xi8>, tensor<4x3xi8>) outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}

func.func @unsigned(%x: tensor<4x2xi8>) -> tensor<3x2xi32> {
  %w = arith.constant dense<[[-56, -56, 0, 1], [-56, -56, 3, 0], [-56, -56, 0, -1]]> : tensor<3x4xi8>
  %zero = arith.constant 0 : i32
  %init = tensor.empty() : tensor<3x2xi32>
  %acc = linalg.fill ins(%zero : i32) outs(%init : tensor<3x2xi32>) -> tensor<3x2xi32>
  %y = linalg.matmul {cast = #linalg.type_fn<cast_unsigned>}
         ins(%w, %x : tensor<3x4xi8>, tensor<4x2xi8>) outs(%acc : tensor<3x2xi32>) -> tensor<3x2xi32>
  return %y : tensor<3x2xi32>
}

func.func @vectors(%x: tensor<4xi8>) -> (tensor<3xi32>, tensor<3xi32>) {
  %w = arith.constant dense<[[2, 2, 0, -7], [2, 2, 9, 0], [2, 2, 0, -1]]> : tensor<3x4xi8>
  %wt = arith.constant dense<[[2, 2, 2], [2, 2, 2], [0, 9, 0], [-7, 0, -1]]> : tensor<4x3xi8>
  %zero = arith.constant 0 : i32
  %init = tensor.empty() : tensor<3xi32>
  %acc = linalg.fill ins(%zero : i32) outs(%init : tensor<3xi32>) -> tensor<3xi32>
  %a = linalg.matvec ins(%w, %x : tensor<3x4xi8>, tensor<4xi8>) outs(%acc : tensor<3xi32>) -> tensor<3xi32>
  %b = linalg.vecmat ins(%x, %wt : tensor<4xi8>, tensor<4x3xi8>) outs(%acc : tensor<3xi32>) -> tensor<3xi32>
  return %a, %b : tensor<3xi32>, tensor<3xi32>
}

// Zero points folded into the weight and a bias.
func.func @quantized(%x: tensor<2x4xi8>) -> tensor<2x3xi32> {
  %wt = arith.constant dense<[[9, 9, 9], [9, 9, 9], [4, 14, 4], [11, 4, 127]]> : tensor<4x3xi8>
  %xzp = arith.constant -3 : i32
  %wzp = arith.constant 4 : i32
  %zero = arith.constant 0 : i32
  %init = tensor.empty() : tensor<2x3xi32>
  %acc = linalg.fill ins(%zero : i32) outs(%init : tensor<2x3xi32>) -> tensor<2x3xi32>
  %y = linalg.quantized_matmul ins(%x, %wt, %xzp, %wzp : tensor<2x4xi8>, tensor<4x3xi8>, i32, i32)
         outs(%acc : tensor<2x3xi32>) -> tensor<2x3xi32>
  return %y : tensor<2x3xi32>
}

// One weight shared by a batch of 2 x 3 rows.
func.func @batch(%x: tensor<2x3x4xi8>) -> tensor<2x3x3xi32> {
  %wt = arith.constant dense<[[1, 1, 1], [1, 1, 1], [0, 5, 0], [2, 0, -1]]> : tensor<4x3xi8>
  %zero = arith.constant 0 : i32
  %init = tensor.empty() : tensor<2x3x3xi32>
  %acc = linalg.fill ins(%zero : i32) outs(%init : tensor<2x3x3xi32>) -> tensor<2x3x3xi32>
  %y = linalg.batch_matmul
         indexing_maps = [affine_map<(s, m, n, k) -> (s, m, k)>,
                          affine_map<(s, m, n, k) -> (k, n)>,
                          affine_map<(s, m, n, k) -> (s, m, n)>]
         ins(%x, %wt : tensor<2x3x4xi8>, tensor<4x3xi8>) outs(%acc : tensor<2x3x3xi32>) -> tensor<2x3x3xi32>
  return %y : tensor<2x3x3xi32>
}

// Constant starts that fold into the op's bias (overwrite_init): a fill near
// the top of i32, so the sums wrap, and a bias broadcast over the batch of
// a linear layer.
func.func @starts(%x: tensor<5x3xi8>, %xt: tensor<3x5xi8>) -> (tensor<4x3xi32>, tensor<3x4xi32>) {
  %w = arith.constant dense<[[127, 127, 0, -128, 0],
                             [-128, -128, 5, 0, 127],
                             [0, 0, 0, 0, 0],
                             [127, 127, 5, -128, 1]]> : tensor<4x5xi8>
  %big = arith.constant 2147483000 : i32
  %init = tensor.empty() : tensor<4x3xi32>
  %acc = linalg.fill ins(%big : i32) outs(%init : tensor<4x3xi32>) -> tensor<4x3xi32>
  %y = linalg.matmul ins(%w, %x : tensor<4x5xi8>, tensor<5x3xi8>) outs(%acc : tensor<4x3xi32>) -> tensor<4x3xi32>
  %b = arith.constant dense<[-2147483000, 5, 0, 2147483000]> : tensor<4xi32>
  %initt = tensor.empty() : tensor<3x4xi32>
  %acct = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                          iterator_types = ["parallel", "parallel"]}
      ins(%b : tensor<4xi32>) outs(%initt : tensor<3x4xi32>) {
  ^bb0(%in: i32, %out: i32):
    linalg.yield %in : i32
  } -> tensor<3x4xi32>
  %z = linalg.matmul
         indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                          affine_map<(m, n, k) -> (n, k)>,
                          affine_map<(m, n, k) -> (m, n)>]
         ins(%xt, %w : tensor<3x5xi8>, tensor<4x5xi8>)
         outs(%acct : tensor<3x4xi32>) -> tensor<3x4xi32>
  return %y, %z : tensor<4x3xi32>, tensor<3x4xi32>
}

func.func private @printMemrefI32(tensor<*xi32>)

func.func @print(%t: tensor<*xi32>) {
  call @printMemrefI32(%t) : (tensor<*xi32>) -> ()
  return
}

func.func @main() {
  %x8 = arith.constant dense<[[1, 2, 3, 4, 5, 6, 7, 8], [-128, 127, -1, 0, 100, -100, 50, 127]]> : tensor<2x8xi8>
  %y0 = call @linear(%x8) : (tensor<2x8xi8>) -> tensor<2x4xi32>
  %u0 = tensor.cast %y0 : tensor<2x4xi32> to tensor<*xi32>
  call @print(%u0) : (tensor<*xi32>) -> ()

  %x5 = arith.constant dense<[[-128, 127, 0], [-128, 127, 1], [127, -128, -1], [-128, -128, 127], [127, 127, -128]]> : tensor<5x3xi8>
  %y1 = call @left(%x5) : (tensor<5x3xi8>) -> tensor<4x3xi32>
  %u1 = tensor.cast %y1 : tensor<4x3xi32> to tensor<*xi32>
  call @print(%u1) : (tensor<*xi32>) -> ()

  %x34 = arith.constant dense<[[-128, 127, -1, 1], [5, 6, 7, 8], [127, 127, 127, -128]]> : tensor<3x4xi8>
  %y2 = call @right(%x34) : (tensor<3x4xi8>) -> tensor<3x3xi32>
  %u2 = tensor.cast %y2 : tensor<3x3xi32> to tensor<*xi32>
  call @print(%u2) : (tensor<*xi32>) -> ()

  %x42 = arith.constant dense<[[-1, 3], [-128, 127], [7, -7], [100, -100]]> : tensor<4x2xi8>
  %y3 = call @unsigned(%x42) : (tensor<4x2xi8>) -> tensor<3x2xi32>
  %u3 = tensor.cast %y3 : tensor<3x2xi32> to tensor<*xi32>
  call @print(%u3) : (tensor<*xi32>) -> ()

  %x4 = arith.constant dense<[-128, 127, 3, -4]> : tensor<4xi8>
  %y4:2 = call @vectors(%x4) : (tensor<4xi8>) -> (tensor<3xi32>, tensor<3xi32>)
  %u4 = tensor.cast %y4#0 : tensor<3xi32> to tensor<*xi32>
  call @print(%u4) : (tensor<*xi32>) -> ()
  %u5 = tensor.cast %y4#1 : tensor<3xi32> to tensor<*xi32>
  call @print(%u5) : (tensor<*xi32>) -> ()

  %x24 = arith.constant dense<[[-128, 127, -3, 0], [100, -100, 1, 127]]> : tensor<2x4xi8>
  %y6 = call @quantized(%x24) : (tensor<2x4xi8>) -> tensor<2x3xi32>
  %u6 = tensor.cast %y6 : tensor<2x3xi32> to tensor<*xi32>
  call @print(%u6) : (tensor<*xi32>) -> ()

  %x234 = arith.constant dense<[[[-128, 127, -1, 1], [5, 6, 7, 8], [127, 127, 127, -128]],
                                [[0, 0, 0, 0], [1, -1, 1, -1], [-128, -128, -128, -128]]]> : tensor<2x3x4xi8>
  %y7 = call @batch(%x234) : (tensor<2x3x4xi8>) -> tensor<2x3x3xi32>
  %u7 = tensor.cast %y7 : tensor<2x3x3xi32> to tensor<*xi32>
  call @print(%u7) : (tensor<*xi32>) -> ()

  %x35 = arith.constant dense<[[-128, -128, 127, -128, 127], [127, 127, -128, -128, 127], [0, 1, -1, 127, -128]]> : tensor<3x5xi8>
  %y8:2 = call @starts(%x5, %x35) : (tensor<5x3xi8>, tensor<3x5xi8>) -> (tensor<4x3xi32>, tensor<3x4xi32>)
  %u8 = tensor.cast %y8#0 : tensor<4x3xi32> to tensor<*xi32>
  call @print(%u8) : (tensor<*xi32>) -> ()
  %u9 = tensor.cast %y8#1 : tensor<3x4xi32> to tensor<*xi32>
  call @print(%u9) : (tensor<*xi32>) -> ()
  return
}
