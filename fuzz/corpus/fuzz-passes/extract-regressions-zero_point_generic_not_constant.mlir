func.func @zero_point_generic_not_constant(%x: tensor<2x8xi8>, %w: tensor<8x4xi8>, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %xzp = arith.constant 3 : i32
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
         ins(%x, %w : tensor<2x8xi8>, tensor<8x4xi8>) outs(%acc : tensor<2x4xi32>) {
  ^bb0(%in: i8, %in_0: i8, %out: i32):
    %1 = arith.extsi %in : i8 to i32
    %2 = arith.subi %1, %xzp : i32
    %3 = arith.extsi %in_0 : i8 to i32
    %4 = arith.muli %2, %3 : i32
    %5 = arith.addi %out, %4 : i32
    linalg.yield %5 : i32
  } -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}
