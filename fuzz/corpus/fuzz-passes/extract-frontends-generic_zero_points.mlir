func.func @generic_zero_points(%x: tensor<2x8xi8>, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %w = arith.constant dense<[[1, 0, 0, -2, 0, 0, 1, 0], [0, 3, 0, 0, 1, 0, 0, 0],
                             [1, 0, 0, -2, 0, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 7]]> : tensor<4x8xi8>
  %xzp = arith.constant 3 : i32
  %y = linalg.generic {indexing_maps = [affine_map<(b, m, k) -> (b, k)>, affine_map<(b, m, k) -> (m, k)>, affine_map<(b, m, k) -> (b, m)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
         ins(%x, %w : tensor<2x8xi8>, tensor<4x8xi8>) outs(%acc : tensor<2x4xi32>) {
  ^bb0(%a: i8, %b: i8, %o: i32):
    %wzp = arith.constant 0 : i32
    %ea = arith.extsi %a : i8 to i32
    %sa = arith.subi %ea, %xzp : i32
    %eb = arith.extsi %b : i8 to i32
    %sb = arith.subi %eb, %wzp : i32
    %p = arith.muli %sa, %sb : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

