// RUN: cse-opt %s --cse-sparse-extract=cost-model=none | FileCheck %s

// cast_unsigned reads the weight unsigned: i8 200 is 200 and -1 is 255, so the
// coefficients widen to i16; the input is zero-extended (unsigned_input).
// CHECK-LABEL: func.func @unsigned_matmul
// CHECK: cse_sparse.matmul <type = tensor<3x4xi16>, tree = <num_inputs = 4, operands = dense<{{\[\[}}0, 1]]> : tensor<1x2xi32>, coefficients = dense<200> : tensor<1x2xi16>>,
// CHECK-SAME: row_ptr = dense<[0, 2, 4, 6]> : tensor<4xi32>, col_idx = dense<[3, 4, 2, 4, 3, 4]> : tensor<6xi32>, values = dense<[1, 1, 3, 1, 255, 1]> : tensor<6xi16>>
// CHECK-SAME: unsigned_input ins(%{{.+}} : tensor<4x3xi8>) outs(%{{.+}} : tensor<3x3xi32>)
func.func @unsigned_matmul(%x: tensor<4x3xi8>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %w = arith.constant dense<[[-56, -56, 0, 1], [-56, -56, 3, 0], [-56, -56, 0, -1]]> : tensor<3x4xi8>
  %y = linalg.matmul {cast = #linalg.type_fn<cast_unsigned>}
                     ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>)
                     outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}

// The same weight signed (the default cast): -56 and -1, i8 coefficients, and
// a sign-extended input.
// CHECK-LABEL: func.func @signed_matmul
// CHECK: cse_sparse.matmul <type = tensor<3x4xi8>, {{.*}}coefficients = dense<-56> : tensor<1x2xi8>>,
// CHECK-SAME: values = dense<[1, 1, 3, 1, -1, 1]> : tensor<6xi8>> ins(
func.func @signed_matmul(%x: tensor<4x3xi8>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %w = arith.constant dense<[[-56, -56, 0, 1], [-56, -56, 3, 0], [-56, -56, 0, -1]]> : tensor<3x4xi8>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>)
                     outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}

// A generic body may extend each operand its own way: here the weight
// unsigned and the input signed.
// CHECK-LABEL: func.func @mixed_generic
// CHECK: cse_sparse.matmul <type = tensor<3x4xi16>, {{.*}}values = dense<[1, 1, 3, 1, 255, 1]> : tensor<6xi16>> ins(
func.func @mixed_generic(%x: tensor<4x3xi8>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %w = arith.constant dense<[[-56, -56, 0, 1], [-56, -56, 3, 0], [-56, -56, 0, -1]]> : tensor<3x4xi8>
  %y = linalg.generic {
         indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                          affine_map<(m, n, k) -> (k, n)>,
                          affine_map<(m, n, k) -> (m, n)>],
         iterator_types = ["parallel", "parallel", "reduction"]}
         ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>) outs(%acc : tensor<3x3xi32>) {
  ^bb0(%a: i8, %b: i8, %c: i32):
    %ea = arith.extui %a : i8 to i32
    %eb = arith.extsi %b : i8 to i32
    %p = arith.muli %ea, %eb : i32
    %s = arith.addi %c, %p : i32
    linalg.yield %s : i32
  } -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}

// As wide as the accumulator, an unsigned weight is its residue: u32
// 4294967295 multiplies like -1 in i32 arithmetic. No extension, so no
// unsigned_input either.
// CHECK-LABEL: func.func @unsigned_i32
// CHECK: cse_sparse.matmul <type = tensor<3x4xi32>, {{.*}}values = dense<[1, 1, 3, 1, -1, 1]> : tensor<6xi32>> ins(
func.func @unsigned_i32(%x: tensor<4x3xi32>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %w = arith.constant dense<[[7, 7, 0, 1], [7, 7, 3, 0], [7, 7, 0, -1]]> : tensor<3x4xi32>
  %y = linalg.matmul {cast = #linalg.type_fn<cast_unsigned>}
                     ins(%w, %x : tensor<3x4xi32>, tensor<4x3xi32>)
                     outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}
