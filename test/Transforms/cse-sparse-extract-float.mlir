// Float weights are left alone unless asked for: sharing reassociates sums.
// RUN: cse-opt %s --cse-sparse-extract="cost-model=none remarks=1" -verify-diagnostics -o /dev/null
// RUN: cse-opt %s --cse-sparse-extract="cost-model=none float-weights=1" | FileCheck %s
// RUN: cse-opt %s --cse-sparse-extract="cost-model=none float-weights=1 remarks=1" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// REMARK-DAG: remark: cse-sparse-extract: ecsr 3x4, nnz 9, CSEs 1, additions 6 -> 4, {{[0-9.]+}} s
// REMARK-DAG: remark: cse-sparse-extract: left alone: the weight has non-finite values
// REMARK-DAG: remark: cse-sparse-extract: left alone: the float weight is wider than the accumulator
// RUN: cse-opt %s --cse-sparse-extract="cost-model=none float-weights=1 report=%t.json" -o /dev/null
// RUN: FileCheck %s --check-prefix=REPORT < %t.json
// REPORT: "reason": "non_finite_weight"
// Scaled matching does not apply to float values: exact matching is used.
// RUN: cse-opt %s --cse-sparse-extract="cost-model=none float-weights=1 match=scaled" | FileCheck %s

// Rows 0.5*x0 + 0.5*x1 + 2*x3, 0.5*x0 + 0.5*x1 - 1.5*x2 and
// 0.5*x0 + 0.5*x1 - x3 share node 4 = 0.5*x0 + 0.5*x1, used with factor 1.
// CHECK-LABEL: func.func @float_matmul
// CHECK: cse_sparse.matmul <type = tensor<3x4xf32>, tree = <num_inputs = 4, operands = dense<{{\[\[}}0, 1]]> : tensor<1x2xi32>, coefficients = dense<5.000000e-01> : tensor<1x2xf32>>,
// CHECK-SAME: row_ptr = dense<[0, 2, 4, 6]> : tensor<4xi32>, col_idx = dense<[3, 4, 2, 4, 3, 4]> : tensor<6xi32>,
// CHECK-SAME: values = dense<[2.000000e+00, 1.000000e+00, -1.500000e+00, 1.000000e+00, -1.000000e+00, 1.000000e+00]> : tensor<6xf32>>
// CHECK-SAME: ins(%{{.+}} : tensor<4x3xf32>) outs(%{{.+}} : tensor<3x3xf32>)
func.func @float_matmul(%x: tensor<4x3xf32>, %acc: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %w = arith.constant dense<[[0.5, 0.5, 0.0, 2.0], [0.5, 0.5, -1.5, 0.0], [0.5, 0.5, 0.0, -1.0]]> : tensor<3x4xf32>
  // expected-remark @+1 {{left alone: float weights need float-weights=1 (sharing reassociates sums and changes rounding)}}
  %y = linalg.matmul ins(%w, %x : tensor<3x4xf32>, tensor<4x3xf32>)
                     outs(%acc : tensor<3x3xf32>) -> tensor<3x3xf32>
  return %y : tensor<3x3xf32>
}

// A non-finite weight is never rewritten.
// CHECK-LABEL: func.func @nan_weight
// CHECK: linalg.matmul
func.func @nan_weight(%x: tensor<4x3xf32>, %acc: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %w = arith.constant dense<[[0.5, 0.5, 0.0, 0x7FC00000], [0.5, 0.5, -1.5, 0.0], [0.5, 0.5, 0.0, -1.0]]> : tensor<3x4xf32>
  // expected-remark @+1 {{left alone: float weights need float-weights=1}}
  %y = linalg.matmul ins(%w, %x : tensor<3x4xf32>, tensor<4x3xf32>)
                     outs(%acc : tensor<3x3xf32>) -> tensor<3x3xf32>
  return %y : tensor<3x3xf32>
}

// A named convolution truncates an f32 filter to its f16 accumulator first;
// the pass does not round the weight for it. (It used to build an op with
// f32 coefficients on f16, which failed verification.)
// CHECK-LABEL: func.func @wide_float_filter
// CHECK: linalg.conv_2d_nhwc_hwcf
func.func @wide_float_filter(%x: tensor<1x4x4x2xf16>, %acc: tensor<1x3x3x3xf16>) -> tensor<1x3x3x3xf16> {
  %w = arith.constant dense<[[[[1.0, 0.5, 1.0], [1.0, 2.0, 1.00048828125]], [[1.0, 0.0, 1.0], [3.0, 1.0, 1.0]]],
                             [[[1.0, 0.5, 1.0], [1.0, 2.0, 1.0]], [[1.0, 0.0, 1.0], [3.0, 1.0, 1.0]]]]> : tensor<2x2x2x3xf32>
  // expected-remark @+1 {{left alone: float weights need float-weights=1}}
  %y = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
         ins(%x, %w : tensor<1x4x4x2xf16>, tensor<2x2x2x3xf32>) outs(%acc : tensor<1x3x3x3xf16>) -> tensor<1x3x3x3xf16>
  return %y : tensor<1x3x3x3xf16>
}

// A pad of -0.0 is kept as the op's pad_value (the kernel's default, +0.0,
// would flip the sign of an all-padding zero sum); +0.0 needs none.
// CHECK-LABEL: func.func @negative_zero_pad
// CHECK: cse_sparse.conv_2d <{{.*}}> nhwc window [1, 1] strides [1, 1] dilations [1, 1] padding [1, 0, 0, 0] pad_value -0.000000e+00 : f32 ins(
// CHECK: cse_sparse.conv_2d <{{.*}}> nhwc window [1, 1] strides [1, 1] dilations [1, 1] padding [1, 0, 0, 0] ins(
func.func @negative_zero_pad(%x: tensor<1x2x2x2xf32>, %acc: tensor<1x3x2x2xf32>) -> (tensor<1x3x2x2xf32>, tensor<1x3x2x2xf32>) {
  %w = arith.constant dense<[[[[0.5, 1.5]]], [[[0.5, 1.5]]]]> : tensor<2x1x1x2xf32>
  %nz = arith.constant -0.0 : f32
  %pz = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 1, 0, 0] high[0, 0, 0, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %nz : f32
  } : tensor<1x2x2x2xf32> to tensor<1x3x2x2xf32>
  %q = tensor.pad %x low[0, 1, 0, 0] high[0, 0, 0, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %pz : f32
  } : tensor<1x2x2x2xf32> to tensor<1x3x2x2xf32>
  // expected-remark @+1 {{left alone: float weights need float-weights=1}}
  %y = linalg.conv_2d_nhwc_fhwc ins(%p, %w : tensor<1x3x2x2xf32>, tensor<2x1x1x2xf32>) outs(%acc : tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
  // expected-remark @+1 {{left alone: float weights need float-weights=1}}
  %z = linalg.conv_2d_nhwc_fhwc ins(%q, %w : tensor<1x3x2x2xf32>, tensor<2x1x1x2xf32>) outs(%acc : tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
  return %y, %z : tensor<1x3x2x2xf32>, tensor<1x3x2x2xf32>
}
