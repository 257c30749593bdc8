func.func @weight_zero_point_generic(%x: tensor<3x5xi8>, %acc: tensor<2x5xi32>) -> tensor<2x5xi32> {
  %w = arith.constant dense<[[2, 0, -127], [2, 0, 1]]> : tensor<2x3xi8>
  %one = arith.constant 1 : i32
  %e = tensor.empty() : tensor<2x3xi32>
  %ws = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
          ins(%w : tensor<2x3xi8>) outs(%e : tensor<2x3xi32>) {
  ^bb0(%a: i8, %o: i32):
    %c = arith.extsi %a : i8 to i32
    %s = arith.subi %c, %one : i32
    linalg.yield %s : i32
  } -> tensor<2x3xi32>
  %y = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
         ins(%ws, %x : tensor<2x3xi32>, tensor<3x5xi8>) outs(%acc : tensor<2x5xi32>) {
  ^bb0(%a: i32, %b: i8, %o: i32):
    %eb = arith.extsi %b : i8 to i32
    %p = arith.muli %a, %eb : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<2x5xi32>
  return %y : tensor<2x5xi32>
}

