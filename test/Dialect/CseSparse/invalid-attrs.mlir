// RUN: cse-opt %s -split-input-file -verify-diagnostics

// One case per verifier rule of #cse_sparse.adder_tree and #cse_sparse.ecsr.

// expected-error @+1 {{num_inputs must be non-negative, got -1}}
func.func private @f() attributes {w = #cse_sparse.adder_tree<num_inputs = -1, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>}

// -----

// expected-error @+1 {{operands must be a K x 2 integer tensor, got 'tensor<1x3xi32>'}}
func.func private @f() attributes {w = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1, 2]]> : tensor<1x3xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>}

// -----

// expected-error @+1 {{coefficients must be a 1 x 2 tensor like operands, got 'tensor<2x2xi8>'}}
func.func private @f() attributes {w = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1], [1, 1]]> : tensor<2x2xi8>>}

// -----

// expected-error @+1 {{node 0: operands (0, 4) must satisfy 0 <= lhs < rhs < 4 (topological order)}}
func.func private @f() attributes {w = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 4]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>}

// -----

// expected-error @+1 {{node 0: operands (2, 1) must satisfy 0 <= lhs < rhs < 4 (topological order)}}
func.func private @f() attributes {w = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[2, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>}

// -----

// expected-error @+1 {{node 0: zero coefficient}}
func.func private @f() attributes {w = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 0]]> : tensor<1x2xi8>>}

// -----

// expected-error @+1 {{type must be a static 2-D tensor, got 'tensor<8xi8>'}}
func.func private @f() attributes {w = #cse_sparse.ecsr<type = tensor<8xi8>, tree = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>, row_ptr = dense<[0, 1, 2]> : tensor<3xi32>, col_idx = dense<[4, 2]> : tensor<2xi32>, values = dense<[1, 3]> : tensor<2xi8>>}

// -----

// expected-error @+1 {{adder tree has num_inputs = 4, the matrix has 5 columns}}
func.func private @f() attributes {w = #cse_sparse.ecsr<type = tensor<2x5xi8>, tree = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>, row_ptr = dense<[0, 1, 2]> : tensor<3xi32>, col_idx = dense<[4, 2]> : tensor<2xi32>, values = dense<[1, 3]> : tensor<2xi8>>}

// -----

// expected-error @+1 {{adder tree coefficients are 'i16', the matrix element type is 'i8'}}
func.func private @f() attributes {w = #cse_sparse.ecsr<type = tensor<2x4xi8>, tree = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi16>>, row_ptr = dense<[0, 1, 2]> : tensor<3xi32>, col_idx = dense<[4, 2]> : tensor<2xi32>, values = dense<[1, 3]> : tensor<2xi8>>}

// -----

// expected-error @+1 {{values are 'i32', the matrix element type is 'i8'}}
func.func private @f() attributes {w = #cse_sparse.ecsr<type = tensor<2x4xi8>, tree = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>, row_ptr = dense<[0, 1, 2]> : tensor<3xi32>, col_idx = dense<[4, 2]> : tensor<2xi32>, values = dense<[1, 3]> : tensor<2xi32>>}

// -----

// expected-error @+1 {{row_ptr must have M + 1 = 3 integer elements, got 'tensor<2xi32>'}}
func.func private @f() attributes {w = #cse_sparse.ecsr<type = tensor<2x4xi8>, tree = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>, row_ptr = dense<[0, 2]> : tensor<2xi32>, col_idx = dense<[4, 2]> : tensor<2xi32>, values = dense<[1, 3]> : tensor<2xi8>>}

// -----

// expected-error @+1 {{col_idx and values must be 1-D of equal length (col_idx integers), got 'tensor<2xi32>' and 'tensor<1xi8>'}}
func.func private @f() attributes {w = #cse_sparse.ecsr<type = tensor<2x4xi8>, tree = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>, row_ptr = dense<[0, 1, 2]> : tensor<3xi32>, col_idx = dense<[4, 2]> : tensor<2xi32>, values = dense<[1]> : tensor<1xi8>>}

// -----

// expected-error @+1 {{row_ptr must start at 0, got 1}}
func.func private @f() attributes {w = #cse_sparse.ecsr<type = tensor<2x4xi8>, tree = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>, row_ptr = dense<[1, 1, 2]> : tensor<3xi32>, col_idx = dense<[4, 2]> : tensor<2xi32>, values = dense<[1, 3]> : tensor<2xi8>>}

// -----

// expected-error @+1 {{row_ptr decreases at row 1 (2 then 1)}}
func.func private @f() attributes {w = #cse_sparse.ecsr<type = tensor<2x4xi8>, tree = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>, row_ptr = dense<[0, 2, 1]> : tensor<3xi32>, col_idx = dense<[2, 4]> : tensor<2xi32>, values = dense<[1, 3]> : tensor<2xi8>>}

// -----

// expected-error @+1 {{row_ptr ends at 1, expected nnz = 2}}
func.func private @f() attributes {w = #cse_sparse.ecsr<type = tensor<2x4xi8>, tree = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>, row_ptr = dense<[0, 1, 1]> : tensor<3xi32>, col_idx = dense<[4, 2]> : tensor<2xi32>, values = dense<[1, 3]> : tensor<2xi8>>}

// -----

// expected-error @+1 {{row 0: operand 5 out of range [0, 5)}}
func.func private @f() attributes {w = #cse_sparse.ecsr<type = tensor<2x4xi8>, tree = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>, row_ptr = dense<[0, 1, 2]> : tensor<3xi32>, col_idx = dense<[5, 2]> : tensor<2xi32>, values = dense<[1, 3]> : tensor<2xi8>>}

// -----

// expected-error @+1 {{row 0: operand 2 repeated or out of order (after 4)}}
func.func private @f() attributes {w = #cse_sparse.ecsr<type = tensor<2x4xi8>, tree = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>, row_ptr = dense<[0, 2, 2]> : tensor<3xi32>, col_idx = dense<[4, 2]> : tensor<2xi32>, values = dense<[1, 3]> : tensor<2xi8>>}

// -----

// expected-error @+1 {{row 1: zero value at entry 1}}
func.func private @f() attributes {w = #cse_sparse.ecsr<type = tensor<2x4xi8>, tree = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>, row_ptr = dense<[0, 1, 2]> : tensor<3xi32>, col_idx = dense<[4, 2]> : tensor<2xi32>, values = dense<[1, 0]> : tensor<2xi8>>}

// -----

// A value the element type cannot hold is rejected where it is written.
// expected-error @+2 {{integer constant out of range for type}}
// expected-error @+1 {{failed to parse CseSparse_EcsrAttr parameter 'values'}}
func.func private @f() attributes {w = #cse_sparse.ecsr<type = tensor<1x4xi8>, tree = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 1]> : tensor<2xi32>, col_idx = dense<[2]> : tensor<1xi32>, values = dense<[300]> : tensor<1xi8>>}

// -----

// Issue 12, row 4: operand spaces the kernels cannot index (this verified,
// then crashed the lowering or truncated its scratch).
// expected-error @+1 {{num_inputs must be below 2^32, got 4294967296}}
func.func private @f() attributes {w = #cse_sparse.adder_tree<num_inputs = 4294967296, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>}

// -----

// expected-error @+1 {{num_inputs + nodes must be below 2^32, got 4294967295 + 1}}
func.func private @f() attributes {w = #cse_sparse.adder_tree<num_inputs = 4294967295, operands = dense<[[0, 1]]> : tensor<1x2xi64>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>}

// -----

// expected-error @+1 {{the matrix must have fewer than 2^32 rows and columns, got 'tensor<9223372036854775807x1xi8>'}}
func.func private @f() attributes {w = #cse_sparse.ecsr<type = tensor<9223372036854775807x1xi8>, tree = #cse_sparse.adder_tree<num_inputs = 1, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi8>>, row_ptr = dense<[0, 0]> : tensor<2xi32>, col_idx = dense<> : tensor<0xi32>, values = dense<> : tensor<0xi8>>}

// -----

// expected-error @+1 {{row_ptr must have M + 1 = 3 integer elements, got 'tensor<3xf32>'}}
func.func private @f() attributes {w = #cse_sparse.ecsr<type = tensor<2x4xi8>, tree = #cse_sparse.adder_tree<num_inputs = 4, operands = dense<[[0, 1]]> : tensor<1x2xi32>, coefficients = dense<[[1, 1]]> : tensor<1x2xi8>>, row_ptr = dense<[0.0, 1.0, 2.0]> : tensor<3xf32>, col_idx = dense<[4, 2]> : tensor<2xi32>, values = dense<[1, 3]> : tensor<2xi8>>}

// -----

// A blob of 4-bit values has no layout MLIR defines: refused, not guessed.
// expected-error @+1 {{values: dense_resource blobs of i4 are not read (8-, 16-, 32- and 64-bit integers, f32 and f64 are)}}
func.func private @f() attributes {w = #cse_sparse.ecsr<type = tensor<1x2xi4>, tree = #cse_sparse.adder_tree<num_inputs = 2, operands = dense<> : tensor<0x2xi32>, coefficients = dense<> : tensor<0x2xi4>>, row_ptr = dense<[0, 1]> : tensor<2xi32>, col_idx = dense<[1]> : tensor<1xi32>, values = dense_resource<nibbles> : tensor<1xi4>>}

{-#
  dialect_resources: {
    builtin: {
      nibbles: "0x0100000003"
    }
  }
#-}
