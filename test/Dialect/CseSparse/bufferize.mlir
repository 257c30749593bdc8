// RUN: cse-opt %s --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" -split-input-file | FileCheck %s

// cse_sparse.matmul and cse_sparse.conv_2d bufferize in place: they read the
// input buffer and update the init buffer, which becomes the function's
// result.
#w = #cse_sparse.ecsr<type = tensor<4x8xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 8,
    operands = dense<[[0, 3]]> : tensor<1x2xi32>,
    coefficients = dense<[[1, -2]]> : tensor<1x2xi8>>,
  row_ptr = dense<[0, 2, 4, 6, 7]> : tensor<5xi32>,
  col_idx = dense<[6, 8, 1, 4, 5, 8, 7]> : tensor<7xi32>,
  values = dense<[1, 1, 3, 1, 1, 1, 7]> : tensor<7xi8>>

// CHECK-LABEL: func.func @in_place
// CHECK-SAME: (%[[X:.+]]: memref<8x2xi8>, %[[ACC:.+]]: memref<4x2xi32>) -> memref<4x2xi32>
// CHECK-NOT: memref.alloc
// CHECK: cse_sparse.matmul <{{.*}}> unsigned_input ins(%[[X]] : memref<8x2xi8>) outs(%[[ACC]] : memref<4x2xi32>)
// CHECK: return %[[ACC]]
func.func @in_place(%x: tensor<8x2xi8>, %acc: tensor<4x2xi32>) -> tensor<4x2xi32> {
  %y = cse_sparse.matmul #w unsigned_input ins(%x : tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y : tensor<4x2xi32>
}

// The layouts carry over.
// CHECK-LABEL: func.func @transposed
// CHECK: cse_sparse.matmul <{{.*}}> ins(%{{.+}} : memref<2x8xi8> transposed) outs(%{{.+}} : memref<2x4xi32> transposed)
func.func @transposed(%x: tensor<2x8xi8>, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %y = cse_sparse.matmul #w ins(%x : tensor<2x8xi8> transposed) outs(%acc : tensor<2x4xi32> transposed) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

// Every attribute carries over, on both ops.
// CHECK-LABEL: func.func @attributes
// CHECK: cse_sparse.matmul <{{.*}}> bias(dense<[1, 2, 3, 4]> : tensor<4xi32>) compact_tables ins(%{{.+}} : memref<8x2xi8>) outs(%{{.+}} : memref<4x2xi32>) {note = "kept"}
// CHECK: cse_sparse.conv_2d <{{.*}}> nchw window [2, 2] strides [2, 1] dilations [1, 2] padding [1, 0, 1, 1] pad_value -128 : i8 bias(dense<[1, 2, 3, 4]> : tensor<4xi32>) unsigned_input compact_tables ins(%{{.+}} : memref<2x2x3x3xi8>) outs(%{{.+}} : memref<2x4x2x2xi32>)
func.func @attributes(%x: tensor<8x2xi8>, %acc: tensor<4x2xi32>, %xc: tensor<2x2x3x3xi8>, %accc: tensor<2x4x2x2xi32>) -> (tensor<4x2xi32>, tensor<2x4x2x2xi32>) {
  %y = cse_sparse.matmul #w bias(dense<[1, 2, 3, 4]> : tensor<4xi32>) compact_tables ins(%x : tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) {note = "kept"} -> tensor<4x2xi32>
  %z = cse_sparse.conv_2d #w nchw window [2, 2] strides [2, 1] dilations [1, 2] padding [1, 0, 1, 1]
         pad_value -128 : i8 bias(dense<[1, 2, 3, 4]> : tensor<4xi32>) unsigned_input compact_tables
         ins(%xc : tensor<2x2x3x3xi8>) outs(%accc : tensor<2x4x2x2xi32>) -> tensor<2x4x2x2xi32>
  return %y, %z : tensor<4x2xi32>, tensor<2x4x2x2xi32>
}

// -----

#w = #cse_sparse.ecsr<type = tensor<1x1xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 1, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>,
  row_ptr = dense<[0, 1]> : tensor<2xi32>, col_idx = dense<[0]> : tensor<1xi32>, values = dense<[3]> : tensor<1xi8>>

// The init is read after the op: bufferization copies it first so the op can
// write its own buffer.
// CHECK-LABEL: func.func @init_still_used
// CHECK-SAME: (%[[X:.+]]: memref<1x1xi8>, %[[ACC:.+]]: memref<1x1xi32>)
// CHECK: %[[COPY:.+]] = memref.alloc
// CHECK: memref.copy %[[ACC]], %[[COPY]]
// CHECK: cse_sparse.matmul <{{.*}}> ins(%[[X]] : memref<1x1xi8>) outs(%[[COPY]] : memref<1x1xi32>)
// CHECK: return %[[COPY]], %[[ACC]]
func.func @init_still_used(%x: tensor<1x1xi8>, %acc: tensor<1x1xi32>) -> (tensor<1x1xi32>, tensor<1x1xi32>) {
  %y = cse_sparse.matmul #w ins(%x : tensor<1x1xi8>) outs(%acc : tensor<1x1xi32>) -> tensor<1x1xi32>
  return %y, %acc : tensor<1x1xi32>, tensor<1x1xi32>
}

// With overwrite_init the op does not read init: a buffer that is read after
// the op is not copied for it; the op gets a fresh buffer instead.
// CHECK-LABEL: func.func @overwrite_init_still_used
// CHECK-SAME: (%[[X:.+]]: memref<1x1xi8>, %[[ACC:.+]]: memref<1x1xi32>)
// CHECK: %[[NEW:.+]] = memref.alloc
// CHECK-NOT: memref.copy
// CHECK: cse_sparse.matmul <{{.*}}> overwrite_init ins(%[[X]] : memref<1x1xi8>) outs(%[[NEW]] : memref<1x1xi32>)
// CHECK: return %[[NEW]], %[[ACC]]
func.func @overwrite_init_still_used(%x: tensor<1x1xi8>, %acc: tensor<1x1xi32>) -> (tensor<1x1xi32>, tensor<1x1xi32>) {
  %y = cse_sparse.matmul #w overwrite_init ins(%x : tensor<1x1xi8>) outs(%acc : tensor<1x1xi32>) -> tensor<1x1xi32>
  return %y, %acc : tensor<1x1xi32>, tensor<1x1xi32>
}
