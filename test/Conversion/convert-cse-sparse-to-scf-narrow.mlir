// RUN: cse-opt %s --convert-cse-sparse-to-scf="node-schedule=upfront narrow-scratch=1 remarks=1" -split-input-file -verify-diagnostics | FileCheck %s

// narrow-scratch: the scratch keeps each input and node value in the
// narrowest signed integer a bound proves holds it; the arithmetic stays in
// the accumulator type. W (4 x 8): rows x6 + t, 3*x1 + x4, x5 + t, 7*x7 with
// t = x0 - 2*x3: inputs within 128, t within 384, so 16 bits, half the
// bytes of the default (36).
#w = #cse_sparse.ecsr<type = tensor<4x8xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 8,
    operands = dense<[[0, 3]]> : tensor<1x2xi32>,
    coefficients = dense<[[1, -2]]> : tensor<1x2xi8>>,
  row_ptr = dense<[0, 2, 4, 6, 7]> : tensor<5xi32>,
  col_idx = dense<[6, 8, 1, 4, 5, 8, 7]> : tensor<7xi32>,
  values = dense<[1, 1, 3, 1, 1, 1, 7]> : tensor<7xi8>>
// CHECK-LABEL: func.func @kernel
// CHECK: %[[SCRATCH:.+]] = memref.alloca() : memref<9xi16>
// CHECK:     %[[XV:.+]] = memref.load
// CHECK:     %[[XE:.+]] = arith.extsi %[[XV]] : i8 to i16
// CHECK:     memref.store %[[XE]], %[[SCRATCH]]
// The node: operands extended, computed in i32, stored truncated.
// CHECK:   scf.for
// CHECK:     arith.extsi {{.+}} : i16 to i32
// CHECK:     arith.extsi {{.+}} : i16 to i32
// CHECK:     arith.muli
// CHECK:     arith.muli
// CHECK:     %[[SUM:.+]] = arith.addi
// CHECK:     %[[NARROW:.+]] = arith.trunci %[[SUM]] : i32 to i16
// CHECK:     memref.store %[[NARROW]], %[[SCRATCH]]
// Row entries read the scratch extended.
// CHECK:       %[[SV:.+]] = memref.load %[[SCRATCH]]
// CHECK:       arith.extsi %[[SV]] : i16 to i32
func.func @kernel(%x: memref<8x?xi8>, %y: memref<4x?xi32>) {
  // expected-remark @+1 {{convert-cse-sparse-to-scf: 4x8, 1 nodes in 1 scratch slots (upfront), scratch 18 bytes, tables 23 bytes}}
  cse_sparse.matmul #w ins(%x : memref<8x?xi8>) outs(%y : memref<4x?xi32>)
  return
}

// A convolution's pad value goes in as the inputs do.
// CHECK-LABEL: func.func @conv
// CHECK: %[[SCRATCH:.+]] = memref.alloca() : memref<9xi16>
// CHECK:             %[[PAD:.+]] = arith.constant -128 : i8
// CHECK:             %[[PADE:.+]] = arith.extsi %[[PAD]] : i8 to i16
// CHECK:               memref.store %[[PADE]], %[[SCRATCH]]
func.func @conv(%x: memref<?x3x4x2xi8>, %y: memref<?x2x2x4xi32>) {
  // expected-remark @+1 {{scratch 18 bytes}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [2, 1] dilations [1, 2] padding [1, 0, 1, 0] pad_value -128 : i8
    ins(%x : memref<?x3x4x2xi8>) outs(%y : memref<?x2x2x4xi32>)
  return
}

// -----

// Unsigned int8 inputs (up to 255) also fit 16 bits, zero-extended.
#csr = #cse_sparse.ecsr<type = tensor<2x3xi16>,
  tree = #cse_sparse.adder_tree<num_inputs = 3, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi16>>,
  row_ptr = dense<[0, 1, 2]> : tensor<3xi32>, col_idx = dense<[0, 2]> : tensor<2xi32>, values = dense<[300, -1]> : tensor<2xi16>>
// CHECK-LABEL: func.func @csr
// CHECK: memref.alloca() : memref<3xi16>
// CHECK: arith.extui %{{.+}} : i8 to i16
func.func @csr(%x: memref<3x1xi8>, %y: memref<2x1xi32>) {
  // expected-remark @+1 {{2x3, 0 nodes in 0 scratch slots, scratch 6 bytes}}
  cse_sparse.matmul #csr unsigned_input ins(%x : memref<3x1xi8>) outs(%y : memref<2x1xi32>)
  return
}

// -----

// Where a value could exceed 16 bits the scratch stays 32-bit: the node
// t1 = x2 + 100 * t0 with t0 = 100 x0 + 100 x1 reaches 2,560,128 for int8
// inputs; int16 inputs need 32 bits themselves; under a 64-bit accumulator
// they take 32, not 64.
#deep = #cse_sparse.ecsr<type = tensor<2x3xi8>,
  tree = #cse_sparse.adder_tree<num_inputs = 3,
    operands = dense<[[0, 1], [2, 3]]> : tensor<2x2xi32>,
    coefficients = dense<[[100, 100], [1, 100]]> : tensor<2x2xi8>>,
  row_ptr = dense<[0, 1, 2]> : tensor<3xi32>,
  col_idx = dense<[3, 4]> : tensor<2xi32>,
  values = dense<[1, 1]> : tensor<2xi8>>
// CHECK-LABEL: func.func @deep
// CHECK: memref.alloca() : memref<5xi32>
// CHECK-NOT: arith.trunci
// CHECK-LABEL: func.func @wide_input
// CHECK: memref.alloca() : memref<5xi32>
// CHECK-LABEL: func.func @wide_accumulator
// CHECK: memref.alloca() : memref<5xi32>
// CHECK: arith.extsi %{{.+}} : i16 to i32
// CHECK: arith.trunci %{{.+}} : i64 to i32
func.func @deep(%x: memref<3x1xi8>, %y: memref<2x1xi32>) {
  // expected-remark @+1 {{2x3, 2 nodes in 2 scratch slots (upfront), scratch 20 bytes}}
  cse_sparse.matmul #deep ins(%x : memref<3x1xi8>) outs(%y : memref<2x1xi32>)
  return
}
#shallow = #cse_sparse.ecsr<type = tensor<2x3xi16>,
  tree = #cse_sparse.adder_tree<num_inputs = 3,
    operands = dense<[[0, 1], [2, 3]]> : tensor<2x2xi32>,
    coefficients = dense<[[1, 1], [1, 1]]> : tensor<2x2xi16>>,
  row_ptr = dense<[0, 1, 2]> : tensor<3xi32>,
  col_idx = dense<[3, 4]> : tensor<2xi32>,
  values = dense<[1, 1]> : tensor<2xi16>>
func.func @wide_input(%x: memref<3x1xi16>, %y: memref<2x1xi32>) {
  // expected-remark @+1 {{scratch 20 bytes}}
  cse_sparse.matmul #shallow ins(%x : memref<3x1xi16>) outs(%y : memref<2x1xi32>)
  return
}
func.func @wide_accumulator(%x: memref<3x1xi16>, %y: memref<2x1xi64>) {
  // expected-remark @+1 {{scratch 20 bytes}}
  cse_sparse.matmul #shallow ins(%x : memref<3x1xi16>) outs(%y : memref<2x1xi64>)
  return
}
