// cse-sparse-fold-bias-add: an op accumulating into a zero fill, then a
// bias added to its result, becomes the op starting from the broadcast bias.
// RUN: cse-opt %s --split-input-file --cse-sparse-fold-bias-add | FileCheck %s
// (TOSA input: fold-bias-add-tosa.mlir.)

// The depthwise form: the bias follows the collapsed channel dimension d3,
// which is the op's d3 (d4, the multiplier, is 1).
// CHECK-DAG:   #[[$CHANNEL:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d3)>
// CHECK-DAG:   #[[$ID5:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
// CHECK-LABEL: func.func @depthwise
// CHECK-SAME:    (%[[X:.*]]: tensor<1x8x8x8xi8>, %[[W:.*]]: tensor<3x3x8x1xi8>, %[[BIAS:.*]]: tensor<8xi32>)
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<1x6x6x8x1xi32>
// CHECK-NOT:     linalg.fill
// CHECK:         %[[B:.*]] = linalg.generic {indexing_maps = [#[[$CHANNEL]], #[[$ID5]]], {{.*}}} ins(%[[BIAS]] : tensor<8xi32>) outs(%[[E]] : tensor<1x6x6x8x1xi32>)
// CHECK-NEXT:    ^bb0(%[[IN:.*]]: i32, %{{.*}}: i32):
// CHECK-NEXT:      linalg.yield %[[IN]] : i32
// CHECK:         %[[Y:.*]] = linalg.depthwise_conv_2d_nhwc_hwcm_q {{.*}} outs(%[[B]] : tensor<1x6x6x8x1xi32>)
// CHECK:         %[[R:.*]] = tensor.collapse_shape %[[Y]]
// CHECK:         return %[[R]]
#bias = affine_map<(d0, d1, d2, d3) -> (d3)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @depthwise(%x: tensor<1x8x8x8xi8>, %w: tensor<3x3x8x1xi8>, %bias: tensor<8xi32>) -> tensor<1x6x6x8xi32> {
  %c0 = arith.constant 0 : i32
  %izp = arith.constant -128 : i32
  %e = tensor.empty() : tensor<1x6x6x8x1xi32>
  %fill = linalg.fill ins(%c0 : i32) outs(%e : tensor<1x6x6x8x1xi32>) -> tensor<1x6x6x8x1xi32>
  %y = linalg.depthwise_conv_2d_nhwc_hwcm_q {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w, %izp, %c0 : tensor<1x8x8x8xi8>, tensor<3x3x8x1xi8>, i32, i32) outs(%fill : tensor<1x6x6x8x1xi32>) -> tensor<1x6x6x8x1xi32>
  %c = tensor.collapse_shape %y [[0], [1], [2], [3, 4]] : tensor<1x6x6x8x1xi32> into tensor<1x6x6x8xi32>
  %e2 = tensor.empty() : tensor<1x6x6x8xi32>
  %r = linalg.generic {indexing_maps = [#bias, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
    ins(%bias, %c : tensor<8xi32>, tensor<1x6x6x8xi32>) outs(%e2 : tensor<1x6x6x8xi32>) {
  ^bb0(%b: i32, %v: i32, %o: i32):
    %s = arith.addi %b, %v : i32
    linalg.yield %s : i32
  } -> tensor<1x6x6x8xi32>
  return %r : tensor<1x6x6x8xi32>
}

// -----

// A matmul, the bias the second operand and along the columns (d1), dynamic
// rows.
// CHECK-DAG:   #[[$COLUMN:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @matmul
// CHECK-SAME:    (%[[A:.*]]: tensor<?x16xi8>, %[[WT:.*]]: tensor<16x4xi8>, %[[BIAS:.*]]: tensor<4xi32>, %[[E:.*]]: tensor<?x4xi32>)
// CHECK:         %[[B:.*]] = linalg.generic {indexing_maps = [#[[$COLUMN]], {{.*}}]{{.*}} ins(%[[BIAS]] : tensor<4xi32>) outs(%[[E]] : tensor<?x4xi32>)
// CHECK:         %[[Y:.*]] = linalg.matmul ins(%[[A]], %[[WT]] : {{.*}}) outs(%[[B]] : tensor<?x4xi32>)
// CHECK-NEXT:    return %[[Y]]
#col = affine_map<(d0, d1) -> (d1)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @matmul(%a: tensor<?x16xi8>, %w: tensor<16x4xi8>, %bias: tensor<4xi32>, %e: tensor<?x4xi32>) -> tensor<?x4xi32> {
  %c0 = arith.constant 0 : i32
  %fill = linalg.fill ins(%c0 : i32) outs(%e : tensor<?x4xi32>) -> tensor<?x4xi32>
  %y = linalg.matmul ins(%a, %w : tensor<?x16xi8>, tensor<16x4xi8>) outs(%fill : tensor<?x4xi32>) -> tensor<?x4xi32>
  %r = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]}
    ins(%y, %bias : tensor<?x4xi32>, tensor<4xi32>) outs(%e : tensor<?x4xi32>) {
  ^bb0(%v: i32, %b: i32, %o: i32):
    %s = arith.addi %v, %b : i32
    linalg.yield %s : i32
  } -> tensor<?x4xi32>
  return %r : tensor<?x4xi32>
}

// -----

// Left alone: float accumulation (the order of the additions would change
// the rounding), a fill of 1, a fill read elsewhere, a result read
// elsewhere, an add that also clamps, a bias of two dimensions, a collapse
// merging two dimensions that are not 1, and an op that does not accumulate
// (its body multiplies into out).
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-8: linalg.fill
// CHECK-NOT:     linalg.fill
#col = affine_map<(d0, d1) -> (d1)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#row2 = affine_map<(d0, d1) -> (d0, d1)>
#mul = affine_map<(d0, d1, d2) -> (d0, d2)>
#mulw = affine_map<(d0, d1, d2) -> (d2, d1)>
#mulo = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @left_alone(%a: tensor<2x3xi8>, %w: tensor<3x4xi8>, %bias: tensor<4xi32>, %af: tensor<2x3xf32>,
                      %wf: tensor<3x4xf32>, %biasf: tensor<4xf32>, %bias2: tensor<2x4xi32>,
                      %w8: tensor<3x8xi8>, %bias8: tensor<8xi32>)
    -> (tensor<2x4xf32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>,
        tensor<2x4xi32>, tensor<2x4xi32>, tensor<8xi32>, tensor<2x4xi32>) {
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  %f0 = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x4xi32>
  %ef = tensor.empty() : tensor<2x4xf32>
  // Float.
  %ff = linalg.fill ins(%f0 : f32) outs(%ef : tensor<2x4xf32>) -> tensor<2x4xf32>
  %yf = linalg.matmul ins(%af, %wf : tensor<2x3xf32>, tensor<3x4xf32>) outs(%ff : tensor<2x4xf32>) -> tensor<2x4xf32>
  %rf = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]}
    ins(%yf, %biasf : tensor<2x4xf32>, tensor<4xf32>) outs(%ef : tensor<2x4xf32>) {
  ^bb0(%v: f32, %b: f32, %o: f32):
    %s = arith.addf %v, %b : f32
    linalg.yield %s : f32
  } -> tensor<2x4xf32>
  // A fill of 1.
  %f1 = linalg.fill ins(%c1 : i32) outs(%e : tensor<2x4xi32>) -> tensor<2x4xi32>
  %y1 = linalg.matmul ins(%a, %w : tensor<2x3xi8>, tensor<3x4xi8>) outs(%f1 : tensor<2x4xi32>) -> tensor<2x4xi32>
  %r1 = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]}
    ins(%y1, %bias : tensor<2x4xi32>, tensor<4xi32>) outs(%e : tensor<2x4xi32>) {
  ^bb0(%v: i32, %b: i32, %o: i32):
    %s = arith.addi %v, %b : i32
    linalg.yield %s : i32
  } -> tensor<2x4xi32>
  // The fill also returned.
  %f2 = linalg.fill ins(%c0 : i32) outs(%e : tensor<2x4xi32>) -> tensor<2x4xi32>
  %y2 = linalg.matmul ins(%a, %w : tensor<2x3xi8>, tensor<3x4xi8>) outs(%f2 : tensor<2x4xi32>) -> tensor<2x4xi32>
  %r2 = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]}
    ins(%y2, %bias : tensor<2x4xi32>, tensor<4xi32>) outs(%e : tensor<2x4xi32>) {
  ^bb0(%v: i32, %b: i32, %o: i32):
    %s = arith.addi %v, %b : i32
    linalg.yield %s : i32
  } -> tensor<2x4xi32>
  // The matmul's result also returned.
  %f3 = linalg.fill ins(%c0 : i32) outs(%e : tensor<2x4xi32>) -> tensor<2x4xi32>
  %y3 = linalg.matmul ins(%a, %w : tensor<2x3xi8>, tensor<3x4xi8>) outs(%f3 : tensor<2x4xi32>) -> tensor<2x4xi32>
  %r3 = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]}
    ins(%y3, %bias : tensor<2x4xi32>, tensor<4xi32>) outs(%e : tensor<2x4xi32>) {
  ^bb0(%v: i32, %b: i32, %o: i32):
    %s = arith.addi %v, %b : i32
    linalg.yield %s : i32
  } -> tensor<2x4xi32>
  // Add, then clamp at 0.
  %f4 = linalg.fill ins(%c0 : i32) outs(%e : tensor<2x4xi32>) -> tensor<2x4xi32>
  %y4 = linalg.matmul ins(%a, %w : tensor<2x3xi8>, tensor<3x4xi8>) outs(%f4 : tensor<2x4xi32>) -> tensor<2x4xi32>
  %r4 = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]}
    ins(%y4, %bias : tensor<2x4xi32>, tensor<4xi32>) outs(%e : tensor<2x4xi32>) {
  ^bb0(%v: i32, %b: i32, %o: i32):
    %s = arith.addi %v, %b : i32
    %m = arith.maxsi %s, %c0 : i32
    linalg.yield %m : i32
  } -> tensor<2x4xi32>
  // A bias of two dimensions.
  %f5 = linalg.fill ins(%c0 : i32) outs(%e : tensor<2x4xi32>) -> tensor<2x4xi32>
  %y5 = linalg.matmul ins(%a, %w : tensor<2x3xi8>, tensor<3x4xi8>) outs(%f5 : tensor<2x4xi32>) -> tensor<2x4xi32>
  %r5 = linalg.generic {indexing_maps = [#id2, #row2, #id2], iterator_types = ["parallel", "parallel"]}
    ins(%y5, %bias2 : tensor<2x4xi32>, tensor<2x4xi32>) outs(%e : tensor<2x4xi32>) {
  ^bb0(%v: i32, %b: i32, %o: i32):
    %s = arith.addi %v, %b : i32
    linalg.yield %s : i32
  } -> tensor<2x4xi32>
  // A collapse of 2x4 into 8.
  %e8 = tensor.empty() : tensor<8xi32>
  %f6 = linalg.fill ins(%c0 : i32) outs(%e : tensor<2x4xi32>) -> tensor<2x4xi32>
  %y6 = linalg.matmul ins(%a, %w : tensor<2x3xi8>, tensor<3x4xi8>) outs(%f6 : tensor<2x4xi32>) -> tensor<2x4xi32>
  %c6 = tensor.collapse_shape %y6 [[0, 1]] : tensor<2x4xi32> into tensor<8xi32>
  %r6 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
    ins(%c6, %bias8 : tensor<8xi32>, tensor<8xi32>) outs(%e8 : tensor<8xi32>) {
  ^bb0(%v: i32, %b: i32, %o: i32):
    %s = arith.addi %v, %b : i32
    linalg.yield %s : i32
  } -> tensor<8xi32>
  // out * a * w: not an accumulation.
  %f7 = linalg.fill ins(%c0 : i32) outs(%e : tensor<2x4xi32>) -> tensor<2x4xi32>
  %y7 = linalg.generic {indexing_maps = [#mul, #mulw, #mulo], iterator_types = ["parallel", "parallel", "reduction"]}
    ins(%a, %w : tensor<2x3xi8>, tensor<3x4xi8>) outs(%f7 : tensor<2x4xi32>) {
  ^bb0(%x: i8, %v: i8, %o: i32):
    %xe = arith.extsi %x : i8 to i32
    %ve = arith.extsi %v : i8 to i32
    %p = arith.muli %xe, %ve : i32
    %q = arith.muli %p, %o : i32
    linalg.yield %q : i32
  } -> tensor<2x4xi32>
  %r7 = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]}
    ins(%y7, %bias : tensor<2x4xi32>, tensor<4xi32>) outs(%e : tensor<2x4xi32>) {
  ^bb0(%v: i32, %b: i32, %o: i32):
    %s = arith.addi %v, %b : i32
    linalg.yield %s : i32
  } -> tensor<2x4xi32>
  // The control: folded (its fill is gone, so eight are left).
  %f8 = linalg.fill ins(%c0 : i32) outs(%e : tensor<2x4xi32>) -> tensor<2x4xi32>
  %y8 = linalg.matmul ins(%a, %w : tensor<2x3xi8>, tensor<3x4xi8>) outs(%f8 : tensor<2x4xi32>) -> tensor<2x4xi32>
  %r8 = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]}
    ins(%y8, %bias : tensor<2x4xi32>, tensor<4xi32>) outs(%e : tensor<2x4xi32>) {
  ^bb0(%v: i32, %b: i32, %o: i32):
    %s = arith.addi %v, %b : i32
    linalg.yield %s : i32
  } -> tensor<2x4xi32>
  return %rf, %r1, %r2, %f2, %y3, %r3, %r4, %r5, %r6, %r7 : tensor<2x4xf32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<2x4xi32>, tensor<8xi32>, tensor<2x4xi32>
}

// -----

// Two biases added in turn (found in review, a use after free under ASan: the
// second add was matched before the first was folded, and then read the first
// one's erased result): the first starts the matmul, the second stays an add.
// CHECK-LABEL: func.func @two_biases
// CHECK-SAME:    (%{{.*}}: tensor<2x3xi8>, %{{.*}}: tensor<3x4xi8>, %[[B1:.*]]: tensor<4xi32>, %[[B2:.*]]: tensor<4xi32>)
// CHECK:         %[[INIT:.*]] = linalg.generic {{.*}} ins(%[[B1]] : tensor<4xi32>)
// CHECK:         %[[Y:.*]] = linalg.matmul {{.*}} outs(%[[INIT]] : tensor<2x4xi32>)
// CHECK:         %[[R:.*]] = linalg.generic {{.*}} ins(%[[Y]], %[[B2]] : tensor<2x4xi32>, tensor<4xi32>)
// CHECK:           arith.addi
// CHECK:         return %[[R]]
#col = affine_map<(d0, d1) -> (d1)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @two_biases(%a: tensor<2x3xi8>, %w: tensor<3x4xi8>, %b1: tensor<4xi32>, %b2: tensor<4xi32>) -> tensor<2x4xi32> {
  %c0 = arith.constant 0 : i32
  %e = tensor.empty() : tensor<2x4xi32>
  %f = linalg.fill ins(%c0 : i32) outs(%e : tensor<2x4xi32>) -> tensor<2x4xi32>
  %y = linalg.matmul ins(%a, %w : tensor<2x3xi8>, tensor<3x4xi8>) outs(%f : tensor<2x4xi32>) -> tensor<2x4xi32>
  %r1 = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]}
    ins(%y, %b1 : tensor<2x4xi32>, tensor<4xi32>) outs(%e : tensor<2x4xi32>) {
  ^bb0(%v: i32, %b: i32, %o: i32):
    %s = arith.addi %v, %b : i32
    linalg.yield %s : i32
  } -> tensor<2x4xi32>
  %r2 = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]}
    ins(%r1, %b2 : tensor<2x4xi32>, tensor<4xi32>) outs(%e : tensor<2x4xi32>) {
  ^bb0(%v: i32, %b: i32, %o: i32):
    %s = arith.addi %v, %b : i32
    linalg.yield %s : i32
  } -> tensor<2x4xi32>
  return %r2 : tensor<2x4xi32>
}

// -----

// A bias computed after the matmul (found in review: the broadcast was put
// where the fill was, before the bias, and the IR did not verify): left as
// an add.
// CHECK-LABEL: func.func @late_bias
// CHECK:         linalg.fill
// CHECK:         %[[Y:.*]] = linalg.matmul
// CHECK:         %[[B:.*]] = linalg.fill
// CHECK:         linalg.generic {{.*}} ins(%[[Y]], %[[B]] : tensor<2x4xi32>, tensor<4xi32>)
// CHECK:           arith.addi
#col = affine_map<(d0, d1) -> (d1)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @late_bias(%a: tensor<2x3xi8>, %w: tensor<3x4xi8>) -> tensor<2x4xi32> {
  %c0 = arith.constant 0 : i32
  %c5 = arith.constant 5 : i32
  %e = tensor.empty() : tensor<2x4xi32>
  %f = linalg.fill ins(%c0 : i32) outs(%e : tensor<2x4xi32>) -> tensor<2x4xi32>
  %y = linalg.matmul ins(%a, %w : tensor<2x3xi8>, tensor<3x4xi8>) outs(%f : tensor<2x4xi32>) -> tensor<2x4xi32>
  %eb = tensor.empty() : tensor<4xi32>
  %b = linalg.fill ins(%c5 : i32) outs(%eb : tensor<4xi32>) -> tensor<4xi32>
  %r = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]}
    ins(%y, %b : tensor<2x4xi32>, tensor<4xi32>) outs(%e : tensor<2x4xi32>) {
  ^bb0(%v: i32, %bb: i32, %o: i32):
    %s = arith.addi %v, %bb : i32
    linalg.yield %s : i32
  } -> tensor<2x4xi32>
  return %r : tensor<2x4xi32>
}
