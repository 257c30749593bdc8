// RUN: cse-opt %s -split-input-file -verify-diagnostics

// One case per verifier rule of cse_sparse.matmul.

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: tensor<8x2xi8>, %y: memref<4x2xi32>) {
  // expected-error @+1 {{'cse_sparse.matmul' op input and init must both be ranked tensors or both memrefs, got 'tensor<8x2xi8>' and 'memref<4x2xi32>'}}
  cse_sparse.matmul #w ins(%x : tensor<8x2xi8>) outs(%y : memref<4x2xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: tensor<8x2xi8>, %y: tensor<4x2xi32>) {
  // expected-error @+1 {{'cse_sparse.matmul' op on tensors must return one value of the init type 'tensor<4x2xi32>'}}
  cse_sparse.matmul #w ins(%x : tensor<8x2xi8>) outs(%y : tensor<4x2xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: tensor<8xi8>, %y: tensor<4xi32>) {
  // expected-error @+1 {{'cse_sparse.matmul' op input and init must be 2-D (N x B and M x B), got 'tensor<8xi8>' and 'tensor<4xi32>'}}
  %r = cse_sparse.matmul #w ins(%x : tensor<8xi8>) outs(%y : tensor<4xi32>) -> tensor<4xi32>
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: tensor<7x2xi8>, %y: tensor<4x2xi32>) {
  // expected-error @+1 {{'cse_sparse.matmul' op input (N x B) has N = 7, the weight has 8 columns}}
  %r = cse_sparse.matmul #w ins(%x : tensor<7x2xi8>) outs(%y : tensor<4x2xi32>) -> tensor<4x2xi32>
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<8x2xi8>, %y: memref<5x2xi32>) {
  // expected-error @+1 {{'cse_sparse.matmul' op init (M x B) has M = 5, the weight has 4 rows}}
  cse_sparse.matmul #w ins(%x : memref<8x2xi8>) outs(%y : memref<5x2xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: tensor<8x2xi8>, %y: tensor<4x3xi32>) {
  // expected-error @+1 {{'cse_sparse.matmul' op init has a batch of 3, the input 2}}
  %r = cse_sparse.matmul #w ins(%x : tensor<8x2xi8>) outs(%y : tensor<4x3xi32>) -> tensor<4x3xi32>
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: tensor<8x2xi8>, %y: tensor<2x4xi32>) {
  // expected-error @+1 {{'cse_sparse.matmul' op input (B x N) has N = 2, the weight has 8 columns}}
  %r = cse_sparse.matmul #w ins(%x : tensor<8x2xi8> transposed) outs(%y : tensor<2x4xi32> transposed) -> tensor<2x4xi32>
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: tensor<2x8xi8>, %y: tensor<4x2xi32>) {
  // expected-error @+1 {{'cse_sparse.matmul' op init (B x M) has M = 2, the weight has 4 rows}}
  %r = cse_sparse.matmul #w ins(%x : tensor<2x8xi8> transposed) outs(%y : tensor<4x2xi32> transposed) -> tensor<4x2xi32>
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: tensor<8x2xf32>, %y: tensor<4x2xf32>) {
  // expected-error @+1 {{'cse_sparse.matmul' op weight, input and accumulator must be all integers or all floats, got 'i8', 'f32' and 'f32'}}
  %r = cse_sparse.matmul #w ins(%x : tensor<8x2xf32>) outs(%y : tensor<4x2xf32>) -> tensor<4x2xf32>
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi16>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi16>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi16>>
func.func @f(%x: tensor<8x2xi8>, %y: tensor<4x2xi8>) {
  // expected-error @+1 {{'cse_sparse.matmul' op accumulator 'i8' is narrower than the input 'i8' or the weight 'i16'}}
  %r = cse_sparse.matmul #w ins(%x : tensor<8x2xi8>) outs(%y : tensor<4x2xi8>) -> tensor<4x2xi8>
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<1x1xf32>, tree = #cse_sparse.adder_tree<num_inputs = 1, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xf32>>, row_ptr = dense<[0, 1]> : tensor<2xi32>, col_idx = dense<[0]> : tensor<1xi32>, values = dense<[1.0]> : tensor<1xf32>>
func.func @f(%x: tensor<1x2xf32>, %y: tensor<1x2xf32>) {
  // expected-error @+1 {{'cse_sparse.matmul' op unsigned_input needs an integer input, got 'f32'}}
  %r = cse_sparse.matmul #w unsigned_input ins(%x : tensor<1x2xf32>) outs(%y : tensor<1x2xf32>) -> tensor<1x2xf32>
  return
}
// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<8x2xi8>, %y: memref<4x2xi32>) {
  // expected-error @+1 {{'cse_sparse.matmul' op on memrefs must not return a value}}
  %r = cse_sparse.matmul #w ins(%x : memref<8x2xi8>) outs(%y : memref<4x2xi32>) -> tensor<4x2xi32>
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<8x2xi8>, %y: memref<4x2xi32>) {
  // expected-error @+1 {{'cse_sparse.matmul' op bias must be a 1-D constant of 4 'i32' values (one per output row), got 'tensor<3xi32>'}}
  cse_sparse.matmul #w bias(dense<1> : tensor<3xi32>) ins(%x : memref<8x2xi8>) outs(%y : memref<4x2xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<8x2xi8>, %y: memref<4x2xi32>) {
  // expected-error @+1 {{'cse_sparse.matmul' op bias must be a 1-D constant of 4 'i32' values (one per output row), got 'tensor<4xi16>'}}
  cse_sparse.matmul #w bias(dense<1> : tensor<4xi16>) ins(%x : memref<8x2xi8>) outs(%y : memref<4x2xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: tensor<1x3x3x2xi8>, %y: memref<1x2x2x4xi32>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op input and init must both be ranked tensors or both memrefs, got 'tensor<1x3x3x2xi8>' and 'memref<1x2x2x4xi32>'}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] ins(%x : tensor<1x3x3x2xi8>) outs(%y : memref<1x2x2x4xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<3x3x2xi8>, %y: memref<1x2x2x4xi32>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op input and init must be 4-D (nhwc), got 'memref<3x3x2xi8>' and 'memref<1x2x2x4xi32>'}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] ins(%x : memref<3x3x2xi8>) outs(%y : memref<1x2x2x4xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<1x3x3x2xi8>, %y: memref<1x2x2x4xi32>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op window must be 2 positive sizes [Kh, Kw]}}
  cse_sparse.conv_2d #w nhwc window [2, 0] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] ins(%x : memref<1x3x3x2xi8>) outs(%y : memref<1x2x2x4xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<1x3x3x2xi8>, %y: memref<1x2x2x4xi32>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op strides must be 2 positive values}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [1] dilations [1, 1] padding [0, 0, 0, 0] ins(%x : memref<1x3x3x2xi8>) outs(%y : memref<1x2x2x4xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<1x3x3x2xi8>, %y: memref<1x2x2x4xi32>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op dilations must be 2 positive values}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [1, 1] dilations [-1, 1] padding [0, 0, 0, 0] ins(%x : memref<1x3x3x2xi8>) outs(%y : memref<1x2x2x4xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<1x3x3x2xi8>, %y: memref<1x2x2x4xi32>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op padding must be 4 non-negative values [top, bottom, left, right]}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, -1, 0, 0] ins(%x : memref<1x3x3x2xi8>) outs(%y : memref<1x2x2x4xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<1x?x3x2xi8>, %y: memref<1x2x2x4xi32>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op only the batch dimension may be dynamic, got 'memref<1x?x3x2xi8>' and 'memref<1x2x2x4xi32>'}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] ins(%x : memref<1x?x3x2xi8>) outs(%y : memref<1x2x2x4xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<1x3x3x3xi8>, %y: memref<1x2x2x4xi32>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op the weight has 8 columns, the window 2x2 over 3 channels needs 12}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] ins(%x : memref<1x3x3x3xi8>) outs(%y : memref<1x2x2x4xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<1x3x3x2xi8>, %y: memref<1x4x2x2xi32>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op the weight has 8 columns, the window 2x2 over 3 channels needs 12}}
  cse_sparse.conv_2d #w nchw window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] ins(%x : memref<1x3x3x2xi8>) outs(%y : memref<1x4x2x2xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<1x3x3x2xi8>, %y: memref<1x2x2x5xi32>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op init has 5 channels, the weight has 4 filters}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] ins(%x : memref<1x3x3x2xi8>) outs(%y : memref<1x2x2x5xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<1x3x3x2xi8>, %y: memref<2x2x2x4xi32>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op init has a batch of 2, the input 1}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] ins(%x : memref<1x3x3x2xi8>) outs(%y : memref<2x2x2x4xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<1x3x3x2xi8>, %y: memref<1x3x2x4xi32>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op output height 3 reads rows up to 4 of a padded input of 3}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] ins(%x : memref<1x3x3x2xi8>) outs(%y : memref<1x3x2x4xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<1x3x3x2xi8>, %y: memref<1x2x2x4xi32>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op output width 2 reads columns up to 5 of a padded input of 4}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [1, 2] dilations [1, 2] padding [0, 0, 0, 1] ins(%x : memref<1x3x3x2xi8>) outs(%y : memref<1x2x2x4xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<1x3x3x2xi16>, %y: memref<1x2x2x4xi8>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op accumulator 'i8' is narrower than the input 'i16' or the weight 'i8'}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] ins(%x : memref<1x3x3x2xi16>) outs(%y : memref<1x2x2x4xi8>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<1x3x3x2xi8>, %y: memref<1x2x2x4xi32>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op pad_value must be of the input's element type 'i8', got 'i32'}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] pad_value 0 : i32 ins(%x : memref<1x3x3x2xi8>) outs(%y : memref<1x2x2x4xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<1x3x3x2xi8>, %y: memref<1x2x2x4xi32>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op bias must be a 1-D constant of 4 'i32' values (one per output row), got 'tensor<2x2xi32>'}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] bias(dense<0> : tensor<2x2xi32>) ins(%x : memref<1x3x3x2xi8>) outs(%y : memref<1x2x2x4xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: tensor<1x3x3x2xi8>, %y: tensor<1x2x2x4xi32>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op on tensors must return one value of the init type 'tensor<1x2x2x4xi32>'}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] ins(%x : tensor<1x3x3x2xi8>) outs(%y : tensor<1x2x2x4xi32>)
  return
}

// -----

// Sizes that overflow 64 bits do not wrap around into a valid-looking op.
#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<1x3x3x2xi8>, %y: memref<1x5x2x4xi32>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op the height's padding, strides or dilations overflow 64 bits}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [4611686018427387904, 1] dilations [1, 1] padding [0, 0, 0, 0] ins(%x : memref<1x3x3x2xi8>) outs(%y : memref<1x5x2x4xi32>)
  return
}

// -----

#w = #cse_sparse.ecsr<type = tensor<4x8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 8, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1, 1, 1, 2]> : tensor<5xi32>, col_idx = dense<[0, 7]> : tensor<2xi32>, values = dense<[1, -1]> : tensor<2xi8>>
func.func @f(%x: memref<1x3x3x2xi8>, %y: memref<1x2x2x4xi32>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op the height's padding, strides or dilations overflow 64 bits}}
  cse_sparse.conv_2d #w nhwc window [2, 2] strides [1, 1] dilations [1, 1] padding [9223372036854775807, 9223372036854775807, 0, 0] ins(%x : memref<1x3x3x2xi8>) outs(%y : memref<1x2x2x4xi32>)
  return
}

// -----

// Element types the kernel cannot compute with.
#w = #cse_sparse.ecsr<type = tensor<1x1xf32>, tree = <num_inputs = 1, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xf32>>, row_ptr = dense<[0, 1]> : tensor<2xi32>, col_idx = dense<[0]> : tensor<1xi32>, values = dense<[1.0]> : tensor<1xf32>>
func.func @f(%x: memref<1x1x1x1xindex>, %acc: memref<1x1x1x1xindex>) {
  // expected-error @+1 {{'cse_sparse.conv_2d' op weight, input and accumulator must be integers or floats, got 'f32', 'index' and 'index'}}
  cse_sparse.conv_2d #w nhwc window [1, 1] strides [1, 1] dilations [1, 1] padding [0, 0, 0, 0] ins(%x : memref<1x1x1x1xindex>) outs(%acc : memref<1x1x1x1xindex>)
  return
}

// -----

// A bias the kernel reads element by element must be dense (a blob is not).
#w = #cse_sparse.ecsr<type = tensor<2x2xi32>, tree = <num_inputs = 2, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi32>>, row_ptr = dense<[0, 1, 2]> : tensor<3xi32>, col_idx = dense<[0, 1]> : tensor<2xi32>, values = dense<[1, 2]> : tensor<2xi32>>
func.func @f(%x: memref<2x3xi32>, %acc: memref<2x3xi32>) {
  // expected-error @+1 {{invalid kind of attribute specified}}
  cse_sparse.matmul #w bias(dense_resource<b> : tensor<2xi32>) ins(%x : memref<2x3xi32>) outs(%acc : memref<2x3xi32>)
  return
}
{-#
  dialect_resources: {
    builtin: {
      b: "0x040000000500000007000000"
    }
  }
#-}

// -----

// Weight arrays in dense_resource blobs: the text parser builds the attribute
// before it reaches the resources at the end of the file, so the op checks
// the blobs' contents.
func.func @blob_missing(%x: memref<4x2xi8>, %y: memref<2x2xi32>) {
  // expected-error @+1 {{'cse_sparse.matmul' op values: the blob of dense_resource<gone> is not available (elided or missing from the resources)}}
  cse_sparse.matmul #cse_sparse.ecsr<type = tensor<2x4xi8>, tree = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>, row_ptr = dense<[0, 1, 2]> : tensor<3xi32>, col_idx = dense<[4, 2]> : tensor<2xi32>, values = dense_resource<gone> : tensor<2xi8>> ins(%x : memref<4x2xi8>) outs(%y : memref<2x2xi32>)
  return
}

// -----

func.func @blob_short(%x: memref<4x2xi8>, %y: memref<2x2xi32>) {
  // expected-error @+1 {{'cse_sparse.matmul' op col_idx: dense_resource<short> holds 4 bytes, expected 8 for 2 elements}}
  cse_sparse.matmul #cse_sparse.ecsr<type = tensor<2x4xi8>, tree = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>, row_ptr = dense<[0, 1, 2]> : tensor<3xi32>, col_idx = dense_resource<short> : tensor<2xi32>, values = dense<[1, 3]> : tensor<2xi8>> ins(%x : memref<4x2xi8>) outs(%y : memref<2x2xi32>)
  return
}

{-#
  dialect_resources: {
    builtin: {
      short: "0x0400000004000000"
    }
  }
#-}

// -----

func.func @blob_zero_value(%x: memref<4x2xi8>, %y: memref<2x2xi32>) {
  // expected-error @+1 {{'cse_sparse.matmul' op row 0: zero value at entry 0}}
  cse_sparse.matmul #cse_sparse.ecsr<type = tensor<2x4xi8>, tree = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>, row_ptr = dense<[0, 1, 2]> : tensor<3xi32>, col_idx = dense<[4, 2]> : tensor<2xi32>, values = dense_resource<zero> : tensor<2xi8>> ins(%x : memref<4x2xi8>) outs(%y : memref<2x2xi32>)
  return
}

{-#
  dialect_resources: {
    builtin: {
      zero: "0x010000000003"
    }
  }
#-}

// -----

func.func @blob_bad_tree(%x: memref<4x2xi8>, %y: memref<2x2xi32>) {
  // expected-error @+1 {{'cse_sparse.matmul' op node 0: operands (1, 0) must satisfy 0 <= lhs < rhs < 4 (topological order)}}
  cse_sparse.matmul #cse_sparse.ecsr<type = tensor<2x4xi8>, tree = #cse_sparse.adder_tree<num_inputs = 4, operands = dense_resource<swapped> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>, row_ptr = dense<[0, 1, 2]> : tensor<3xi32>, col_idx = dense<[4, 2]> : tensor<2xi32>, values = dense<[1, 3]> : tensor<2xi8>> ins(%x : memref<4x2xi8>) outs(%y : memref<2x2xi32>)
  return
}

{-#
  dialect_resources: {
    builtin: {
      swapped: "0x040000000100000000000000"
    }
  }
#-}
