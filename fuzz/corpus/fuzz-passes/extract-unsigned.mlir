func.func @unsigned_matmul(%x: tensor<4x3xi8>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %w = arith.constant dense<[[-56, -56, 0, 1], [-56, -56, 3, 0], [-56, -56, 0, -1]]> : tensor<3x4xi8>
  %y = linalg.matmul {cast = #linalg.type_fn<cast_unsigned>}
                     ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>)
                     outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}

func.func @signed_matmul(%x: tensor<4x3xi8>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %w = arith.constant dense<[[-56, -56, 0, 1], [-56, -56, 3, 0], [-56, -56, 0, -1]]> : tensor<3x4xi8>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>)
                     outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}

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

func.func @unsigned_i32(%x: tensor<4x3xi32>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %w = arith.constant dense<[[7, 7, 0, 1], [7, 7, 3, 0], [7, 7, 0, -1]]> : tensor<3x4xi32>
  %y = linalg.matmul {cast = #linalg.type_fn<cast_unsigned>}
                     ins(%w, %x : tensor<3x4xi32>, tensor<4x3xi32>)
                     outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}
