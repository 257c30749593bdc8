// cse-sparse-arm-dsp-matmul: int8 matmuls as SMLAD loops (exactness on the
// boards: test/Integration/ARM/arm-dsp-matmul.test, test/Bench/cortex-m.test).
// RUN: cse-opt %s --split-input-file --cse-sparse-arm-dsp-matmul | FileCheck %s

// The default maps: A's rows are the weights, B's columns are copied into a
// buffer at the function's entry. K = 13: one iteration of two words (8
// columns), one single word, then one column at a time.
// CHECK-LABEL: func.func @default_form
// CHECK-SAME:    (%[[A:.*]]: memref<6x13xi8>, %[[B:.*]]: memref<13x?xi8>, %[[C:.*]]: memref<6x?xi32>)
// CHECK:         %[[COLUMN:.*]] = memref.alloca() {alignment = 4 : i64} : memref<13xi8>
// CHECK:         scf.for %[[J:.*]] =
// CHECK:           scf.for %[[K:.*]] =
// CHECK:             %[[V:.*]] = memref.load %[[B]][%[[K]], %[[J]]]
// CHECK:             memref.store %[[V]], %[[COLUMN]][%[[K]]]
// Two rows a block: their sums start from C.
// CHECK:           scf.for %[[R:.*]] = %{{.*}} to %c6{{.*}} step %c2
// CHECK:             %[[R1:.*]] = arith.addi %[[R]], %c1
// CHECK:             %[[S0:.*]] = memref.load %[[C]][%[[R]], %[[J]]]
// CHECK:             %[[S1:.*]] = memref.load %[[C]][%[[R1]], %[[J]]]
// CHECK:             scf.for {{.*}} = %c0{{.*}} to %c8{{.*}} step %c8{{.*}} iter_args
// CHECK:               vector.load %[[COLUMN]]
// CHECK:               vector.bitcast %{{.*}} : vector<4xi8> to vector<1xi32>
// CHECK:               llvm.call_intrinsic "llvm.arm.sxtb16"
// CHECK:               vector.load %[[A]][%[[R]],
// CHECK:               llvm.call_intrinsic "llvm.arm.smlad"
// CHECK-COUNT-7:       llvm.call_intrinsic "llvm.arm.smlad"
// CHECK:             scf.for {{.*}} = %c8{{.*}} to %c12{{.*}} step %c4{{.*}} iter_args
// CHECK-COUNT-4:       llvm.call_intrinsic "llvm.arm.smlad"
// CHECK:             scf.for {{.*}} = %c12{{.*}} to %c13{{.*}} step %c1{{.*}} iter_args
// CHECK:               arith.extsi {{.*}} : i8 to i32
// CHECK:               arith.muli
// CHECK:             memref.store %{{.*}}, %[[C]][%[[R]], %[[J]]]
// CHECK:             memref.store %{{.*}}, %[[C]][%[[R1]], %[[J]]]
// CHECK-NOT:     linalg.matmul
func.func @default_form(%a: memref<6x13xi8>, %b: memref<13x?xi8>, %c: memref<6x?xi32>) {
  linalg.matmul ins(%a, %b : memref<6x13xi8>, memref<13x?xi8>) outs(%c : memref<6x?xi32>)
  return
}

// -----

// The fully connected layer, y = x W^T: W's rows are the weights, x's rows
// the vectors, read in place (no copy); y is written transposed. Five rows:
// two blocks of two, then the last row alone. K = 8: no tails.
// CHECK-LABEL: func.func @transposed_weights
// CHECK-SAME:    (%[[X:.*]]: memref<?x8xi8>, %[[W:.*]]: memref<5x8xi8>, %[[Y:.*]]: memref<?x5xi32>)
// CHECK-NOT:     memref.alloca
// CHECK:         %[[M:.*]] = memref.dim %[[X]], %c0
// CHECK:         scf.for %[[J:.*]] = %{{.*}} to %[[M]]
// CHECK:           scf.for %[[R:.*]] = %{{.*}} to %c4{{.*}} step %c2
// CHECK:             memref.load %[[Y]][%[[J]], %[[R]]]
// CHECK:               vector.load %[[X]][%[[J]],
// CHECK:               vector.load %[[W]][%[[R]],
// CHECK:             memref.store %{{.*}}, %[[Y]][%[[J]], %[[R]]]
// The last row.
// CHECK:           memref.load %[[Y]][%[[J]], %c4
// CHECK-COUNT-4:     llvm.call_intrinsic "llvm.arm.smlad"
// CHECK:           memref.store %{{.*}}, %[[Y]][%[[J]], %c4
// CHECK-NOT:     linalg.matmul
func.func @transposed_weights(%x: memref<?x8xi8>, %w: memref<5x8xi8>, %y: memref<?x5xi32>) {
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
    ins(%x, %w : memref<?x8xi8>, memref<5x8xi8>) outs(%y : memref<?x5xi32>)
  return
}

// -----

// Left to upstream's loops: unsigned casts, int16 operands, tensors, a
// weight matrix of dynamic shape, fewer than four weight rows to copy
// columns for, and other maps.
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-6: linalg.matmul
// CHECK-NOT:     llvm.call_intrinsic
func.func @left_alone(%a: memref<6x8xi8>, %b: memref<8x2xi8>, %c: memref<6x2xi32>,
                      %a16: memref<6x8xi16>, %b16: memref<8x2xi16>,
                      %ad: memref<?x8xi8>, %x: memref<1x8xi8>, %w: memref<8x6xi8>,
                      %y: memref<1x6xi32>, %t: tensor<6x8xi8>, %tb: tensor<8x2xi8>,
                      %tc: tensor<6x2xi32>) -> tensor<6x2xi32> {
  linalg.matmul {cast = #linalg.type_fn<cast_unsigned>} ins(%a, %b : memref<6x8xi8>, memref<8x2xi8>) outs(%c : memref<6x2xi32>)
  linalg.matmul ins(%a16, %b16 : memref<6x8xi16>, memref<8x2xi16>) outs(%c : memref<6x2xi32>)
  linalg.matmul ins(%ad, %b : memref<?x8xi8>, memref<8x2xi8>) outs(%c : memref<6x2xi32>)
  linalg.matmul ins(%x, %w : memref<1x8xi8>, memref<8x6xi8>) outs(%y : memref<1x6xi32>)
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
    ins(%w, %b : memref<8x6xi8>, memref<8x2xi8>) outs(%c : memref<6x2xi32>)
  %r = linalg.matmul ins(%t, %tb : tensor<6x8xi8>, tensor<8x2xi8>) outs(%tc : tensor<6x2xi32>) -> tensor<6x2xi32>
  return %r : tensor<6x2xi32>
}
