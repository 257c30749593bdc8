// Every convolution form the extraction pass rewrites gives, once lowered and
// run, exactly the outputs of the same module compiled dense by upstream MLIR:
// all three filter layouts and their _q forms, strides, dilations, batch 2,
// zero padding and zero-point padding folded from tensor.pad, zero points on
// the input and the filter, and an accumulator that does not start at zero.
// RUN: cse-opt %s --cse-sparse-to-llvm=extract=0 | %run-host | grep -v base@ > %t.dense
// RUN: cse-opt %s --cse-sparse-to-llvm=cost-model=sparse | %run-host | grep -v base@ > %t.cse
// RUN: diff %t.dense %t.cse
// With narrow-scratch (16-bit scratch where the values provably fit), the same:
// RUN: cse-opt %s --cse-sparse-to-llvm="cost-model=sparse narrow-scratch=1" | %run-host | grep -v base@ | diff %t.dense -
// RUN: FileCheck %s < %t.cse
// Every convolution was rewritten and every pad folded:
// RUN: cse-opt %s --cse-sparse-extract=cost-model=sparse | FileCheck %s --check-prefix=IR
// IR-COUNT-6: cse_sparse.conv_2d
// IR-NOT: linalg.conv
// IR-NOT: tensor.pad
// The same convolutions generalized to linalg.generic first (as
// --linalg-generalize-named-ops writes them) are matched too:
// RUN: cse-opt %s --linalg-generalize-named-ops | cse-opt --cse-sparse-extract=cost-model=sparse | FileCheck %s --check-prefix=IR
// RUN: cse-opt %s --linalg-generalize-named-ops | cse-opt --cse-sparse-to-llvm=cost-model=sparse | %run-host | grep -v base@ | diff %t.dense -
// The same with nodes evaluated per row:
// RUN: cse-opt %s --cse-sparse-to-llvm="cost-model=sparse node-schedule=per-row" | %run-host | grep -v base@ | diff %t.dense -

// The first rows of each output (the rest is compared with the dense run).
// CHECK:      {{\[\[\[\[}}82,     405,     -87,     397],
// CHECK:      {{\[\[\[\[}}51,     146,     22,     92,     -96,     -171],
// CHECK:      {{\[\[\[\[}}-16,     125,     122,     119,     64],
// CHECK:      {{\[\[\[\[}}950,     -463,     531,     -497,     1267],
// CHECK:      {{\[\[\[\[}}-152,     -156,     -144],
// CHECK:      {{\[\[\[\[}}490,     448,     406],

// nhwc_hwcf, 3x2 window, strides [1, 2], dilations [2, 1], batch 2.
func.func @conv_hwcf(%x: tensor<2x7x6x3xi8>) -> tensor<2x3x3x4xi32> {
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<2x3x3x4xi32>
  %acc = linalg.fill ins(%z : i32) outs(%e : tensor<2x3x3x4xi32>) -> tensor<2x3x3x4xi32>
  %w = arith.constant dense<[[[[1, 3, 1, -2], [0, 2, -2, 0], [0, 0, 2, 1]], [[0, 1, 1, 0], [-3, 0, 1, 0], [0, -2, 2, 0]]], [[[0, 0, 0, 3], [0, 0, 1, 0], [0, 0, 0, 0]], [[0, 0, -2, 0], [0, 0, 0, 0], [3, -1, 0, 0]]], [[[3, -2, 0, 0], [0, -2, -2, -2], [3, 0, -3, 0]], [[-3, 0, 3, -3], [0, 0, 2, -3], [-2, -3, -1, 0]]]]> : tensor<3x2x3x4xi8>
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<[2, 1]> : tensor<2xi64>, strides = dense<[1, 2]> : tensor<2xi64>}
         ins(%x, %w : tensor<2x7x6x3xi8>, tensor<3x2x3x4xi8>) outs(%acc : tensor<2x3x3x4xi32>) -> tensor<2x3x3x4xi32>
  return %y : tensor<2x3x3x4xi32>
}

// Pointwise (1x1) nhwc_fhwc into an accumulator that starts at 7.
func.func @pointwise(%x: tensor<1x4x4x8xi8>) -> tensor<1x4x4x6xi32> {
  %acc = arith.constant dense<7> : tensor<1x4x4x6xi32>
  %w = arith.constant dense<[[[[0, 0, -2, 0, 1, 1, 1, 0]]], [[[2, 0, 3, 2, 0, 1, 0, 0]]], [[[0, 0, 0, -1, 0, -1, 1, 1]]], [[[0, -3, 0, 2, 1, 0, 0, 2]]], [[[0, 0, -3, 0, 0, -2, 0, 0]]], [[[-1, 2, -2, -3, -1, -3, 0, 0]]]]> : tensor<6x1x1x8xi8>
  %y = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<1x4x4x8xi8>, tensor<6x1x1x8xi8>) outs(%acc : tensor<1x4x4x6xi32>) -> tensor<1x4x4x6xi32>
  return %y : tensor<1x4x4x6xi32>
}

// nchw_fchw 3x3 behind a zero tensor.pad (same padding).
func.func @nchw_padded(%x: tensor<1x3x5x5xi8>) -> tensor<1x4x5x5xi32> {
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<1x4x5x5xi32>
  %acc = linalg.fill ins(%z : i32) outs(%e : tensor<1x4x5x5xi32>) -> tensor<1x4x5x5xi32>
  %c0 = arith.constant 0 : i8
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %c0 : i8
  } : tensor<1x3x5x5xi8> to tensor<1x3x7x7xi8>
  %w = arith.constant dense<[[[[0, 0, 0], [0, -1, 2], [-2, -1, 0]], [[-3, 0, -3], [1, 0, 0], [1, 0, 0]], [[0, 0, -1], [0, 1, 0], [-3, 1, 0]]], [[[0, 0, -3], [1, 0, 0], [0, 0, -2]], [[3, 2, 0], [-1, -1, 0], [3, -2, 0]], [[0, -2, 0], [3, -3, -1], [-3, -1, 3]]], [[[2, 2, 0], [1, -3, -1], [-3, -1, -1]], [[1, 0, 0], [-3, -1, 0], [0, 0, 0]], [[0, 2, -3], [-2, -1, 0], [0, 2, 0]]], [[[0, 1, 1], [3, 0, 2], [-3, 2, 0]], [[-2, -3, 0], [1, -1, 2], [-3, 3, 2]], [[0, 0, 0], [0, 0, -1], [0, -3, 0]]]]> : tensor<4x3x3x3xi8>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%p, %w : tensor<1x3x7x7xi8>, tensor<4x3x3x3xi8>) outs(%acc : tensor<1x4x5x5xi32>) -> tensor<1x4x5x5xi32>
  return %y : tensor<1x4x5x5xi32>
}

// As TOSA lowering writes it: nhwc_fhwc_q, the input padded with its zero point -128, stride 2.
func.func @tosa_style_q(%x: tensor<1x5x5x4xi8>) -> tensor<1x3x3x5xi32> {
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<1x3x3x5xi32>
  %acc = linalg.fill ins(%z : i32) outs(%e : tensor<1x3x3x5xi32>) -> tensor<1x3x3x5xi32>
  %izp = arith.constant -128 : i32
  %wzp = arith.constant 0 : i32
  %cpad = arith.constant -128 : i8
  %p = tensor.pad %x low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %cpad : i8
  } : tensor<1x5x5x4xi8> to tensor<1x7x7x4xi8>
  %w = arith.constant dense<[[[[0, 1, -1, -3], [0, 0, -2, 2], [-2, 1, 1, 2]], [[0, 2, 0, 0], [-1, 1, 1, 1], [0, 3, 1, 0]], [[1, 1, 0, 1], [0, 0, -3, 0], [1, 0, 0, 0]]], [[[0, 3, -1, 0], [-1, 3, 0, -3], [0, -1, 0, -3]], [[0, 0, 0, 0], [-2, -3, 1, 0], [-1, 2, 0, 0]], [[3, -2, 3, 2], [0, 0, 1, -2], [2, -2, 0, 0]]], [[[-2, -2, -2, -2], [-1, 0, 0, 2], [0, 2, -3, 0]], [[3, -3, 2, 1], [3, 0, 0, 0], [0, 1, 0, 0]], [[0, 0, -1, -3], [-2, 0, 0, 0], [0, -1, 1, 0]]], [[[-3, -2, -1, 0], [1, 0, -3, 0], [0, 3, 0, -2]], [[-1, -1, 0, 0], [-2, 0, 0, 0], [-1, 3, 0, 0]], [[0, -1, -3, 2], [-3, 0, 2, 0], [0, -2, 0, 0]]], [[[2, 0, 0, -3], [2, 0, 1, 0], [0, 0, 0, 0]], [[1, 0, 1, -3], [3, 1, 3, 0], [-2, 0, 3, 1]], [[0, 0, 0, 0], [0, 0, 1, 2], [-1, 0, 1, 0]]]]> : tensor<5x3x3x4xi8>
  %y = linalg.conv_2d_nhwc_fhwc_q {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
         ins(%p, %w, %izp, %wzp : tensor<1x7x7x4xi8>, tensor<5x3x3x4xi8>, i32, i32) outs(%acc : tensor<1x3x3x5xi32>) -> tensor<1x3x3x5xi32>
  return %y : tensor<1x3x3x5xi32>
}

// nhwc_hwcf_q with both zero points (5 and 3) and an asymmetric pad of 9.
func.func @hwcf_q_asymmetric(%x: tensor<1x4x4x3xi8>) -> tensor<1x4x5x3xi32> {
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<1x4x5x3xi32>
  %acc = linalg.fill ins(%z : i32) outs(%e : tensor<1x4x5x3xi32>) -> tensor<1x4x5x3xi32>
  %izp = arith.constant 5 : i32
  %wzp = arith.constant 3 : i32
  %cpad = arith.constant 9 : i8
  %p = tensor.pad %x low[0, 0, 2, 0] high[0, 1, 0, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %cpad : i8
  } : tensor<1x4x4x3xi8> to tensor<1x5x6x3xi8>
  %w = arith.constant dense<[[[[0, 0, 0], [0, 0, 2], [-3, -2, 0]], [[0, -3, 3], [0, 0, -2], [-3, 0, -3]]], [[[0, 0, -3], [0, 0, 1], [0, 0, 0]], [[3, -1, -2], [1, 3, 3], [0, 0, 1]]]]> : tensor<2x2x3x3xi8>
  %y = linalg.conv_2d_nhwc_hwcf_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%p, %w, %izp, %wzp : tensor<1x5x6x3xi8>, tensor<2x2x3x3xi8>, i32, i32) outs(%acc : tensor<1x4x5x3xi32>) -> tensor<1x4x5x3xi32>
  return %y : tensor<1x4x5x3xi32>
}

// nchw_fchw_q, batch 2, dilation 2, zero points -7 and 1.
func.func @nchw_q_dilated(%x: tensor<2x2x5x5xi8>) -> tensor<2x3x3x3xi32> {
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<2x3x3x3xi32>
  %acc = linalg.fill ins(%z : i32) outs(%e : tensor<2x3x3x3xi32>) -> tensor<2x3x3x3xi32>
  %izp = arith.constant -7 : i32
  %wzp = arith.constant 1 : i32
  %w = arith.constant dense<[[[[-2, 3], [0, 1]], [[-2, -3], [-3, 0]]], [[[1, 0], [0, 0]], [[2, 0], [0, 0]]], [[[-2, 0], [-2, -3]], [[0, 1], [3, 0]]]]> : tensor<3x2x2x2xi8>
  %y = linalg.conv_2d_nchw_fchw_q {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w, %izp, %wzp : tensor<2x2x5x5xi8>, tensor<3x2x2x2xi8>, i32, i32) outs(%acc : tensor<2x3x3x3xi32>) -> tensor<2x3x3x3xi32>
  return %y : tensor<2x3x3x3xi32>
}

func.func private @printMemrefI32(tensor<*xi32>)

// Inputs cover the whole i8 range: x[i] = (37 * (31 i0 + 17 i1 + 13 i2 + 7 i3) + 11) mod 256, as i8.
func.func @main() {
  %e0 = tensor.empty() : tensor<2x7x6x3xi8>
  %x0 = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%e0 : tensor<2x7x6x3xi8>) {
  ^bb0(%o: i8):
    %i0 = linalg.index 0 : index
    %i1 = linalg.index 1 : index
    %i2 = linalg.index 2 : index
    %i3 = linalg.index 3 : index
    %s = affine.apply affine_map<(a, b, c, d) -> ((a * 31 + b * 17 + c * 13 + d * 7) * 37 + 11)>(%i0, %i1, %i2, %i3)
    %si = arith.index_cast %s : index to i32
    %v = arith.trunci %si : i32 to i8
    linalg.yield %v : i8
  } -> tensor<2x7x6x3xi8>
  %y0 = call @conv_hwcf(%x0) : (tensor<2x7x6x3xi8>) -> tensor<2x3x3x4xi32>
  %u0 = tensor.cast %y0 : tensor<2x3x3x4xi32> to tensor<*xi32>
  call @printMemrefI32(%u0) : (tensor<*xi32>) -> ()
  %e1 = tensor.empty() : tensor<1x4x4x8xi8>
  %x1 = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%e1 : tensor<1x4x4x8xi8>) {
  ^bb0(%o: i8):
    %i0 = linalg.index 0 : index
    %i1 = linalg.index 1 : index
    %i2 = linalg.index 2 : index
    %i3 = linalg.index 3 : index
    %s = affine.apply affine_map<(a, b, c, d) -> ((a * 31 + b * 17 + c * 13 + d * 7) * 37 + 11)>(%i0, %i1, %i2, %i3)
    %si = arith.index_cast %s : index to i32
    %v = arith.trunci %si : i32 to i8
    linalg.yield %v : i8
  } -> tensor<1x4x4x8xi8>
  %y1 = call @pointwise(%x1) : (tensor<1x4x4x8xi8>) -> tensor<1x4x4x6xi32>
  %u1 = tensor.cast %y1 : tensor<1x4x4x6xi32> to tensor<*xi32>
  call @printMemrefI32(%u1) : (tensor<*xi32>) -> ()
  %e2 = tensor.empty() : tensor<1x3x5x5xi8>
  %x2 = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%e2 : tensor<1x3x5x5xi8>) {
  ^bb0(%o: i8):
    %i0 = linalg.index 0 : index
    %i1 = linalg.index 1 : index
    %i2 = linalg.index 2 : index
    %i3 = linalg.index 3 : index
    %s = affine.apply affine_map<(a, b, c, d) -> ((a * 31 + b * 17 + c * 13 + d * 7) * 37 + 11)>(%i0, %i1, %i2, %i3)
    %si = arith.index_cast %s : index to i32
    %v = arith.trunci %si : i32 to i8
    linalg.yield %v : i8
  } -> tensor<1x3x5x5xi8>
  %y2 = call @nchw_padded(%x2) : (tensor<1x3x5x5xi8>) -> tensor<1x4x5x5xi32>
  %u2 = tensor.cast %y2 : tensor<1x4x5x5xi32> to tensor<*xi32>
  call @printMemrefI32(%u2) : (tensor<*xi32>) -> ()
  %e3 = tensor.empty() : tensor<1x5x5x4xi8>
  %x3 = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%e3 : tensor<1x5x5x4xi8>) {
  ^bb0(%o: i8):
    %i0 = linalg.index 0 : index
    %i1 = linalg.index 1 : index
    %i2 = linalg.index 2 : index
    %i3 = linalg.index 3 : index
    %s = affine.apply affine_map<(a, b, c, d) -> ((a * 31 + b * 17 + c * 13 + d * 7) * 37 + 11)>(%i0, %i1, %i2, %i3)
    %si = arith.index_cast %s : index to i32
    %v = arith.trunci %si : i32 to i8
    linalg.yield %v : i8
  } -> tensor<1x5x5x4xi8>
  %y3 = call @tosa_style_q(%x3) : (tensor<1x5x5x4xi8>) -> tensor<1x3x3x5xi32>
  %u3 = tensor.cast %y3 : tensor<1x3x3x5xi32> to tensor<*xi32>
  call @printMemrefI32(%u3) : (tensor<*xi32>) -> ()
  %e4 = tensor.empty() : tensor<1x4x4x3xi8>
  %x4 = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%e4 : tensor<1x4x4x3xi8>) {
  ^bb0(%o: i8):
    %i0 = linalg.index 0 : index
    %i1 = linalg.index 1 : index
    %i2 = linalg.index 2 : index
    %i3 = linalg.index 3 : index
    %s = affine.apply affine_map<(a, b, c, d) -> ((a * 31 + b * 17 + c * 13 + d * 7) * 37 + 11)>(%i0, %i1, %i2, %i3)
    %si = arith.index_cast %s : index to i32
    %v = arith.trunci %si : i32 to i8
    linalg.yield %v : i8
  } -> tensor<1x4x4x3xi8>
  %y4 = call @hwcf_q_asymmetric(%x4) : (tensor<1x4x4x3xi8>) -> tensor<1x4x5x3xi32>
  %u4 = tensor.cast %y4 : tensor<1x4x5x3xi32> to tensor<*xi32>
  call @printMemrefI32(%u4) : (tensor<*xi32>) -> ()
  %e5 = tensor.empty() : tensor<2x2x5x5xi8>
  %x5 = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%e5 : tensor<2x2x5x5xi8>) {
  ^bb0(%o: i8):
    %i0 = linalg.index 0 : index
    %i1 = linalg.index 1 : index
    %i2 = linalg.index 2 : index
    %i3 = linalg.index 3 : index
    %s = affine.apply affine_map<(a, b, c, d) -> ((a * 31 + b * 17 + c * 13 + d * 7) * 37 + 11)>(%i0, %i1, %i2, %i3)
    %si = arith.index_cast %s : index to i32
    %v = arith.trunci %si : i32 to i8
    linalg.yield %v : i8
  } -> tensor<2x2x5x5xi8>
  %y5 = call @nchw_q_dilated(%x5) : (tensor<2x2x5x5xi8>) -> tensor<2x3x3x3xi32>
  %u5 = tensor.cast %y5 : tensor<2x3x3x3xi32> to tensor<*xi32>
  call @printMemrefI32(%u5) : (tensor<*xi32>) -> ()
  return
}
