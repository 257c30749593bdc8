func.func @one_input_bias() -> tensor<2x4xi32> {
  %b = arith.constant dense<[1, 2, 3, 4]> : tensor<4xi32>
  %e = tensor.empty() : tensor<2x4xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%b : tensor<4xi32>) outs(%e : tensor<2x4xi32>) {
  ^bb0(%a: i32, %o: i32):
    linalg.yield %a : i32
  } -> tensor<2x4xi32>
  return %r : tensor<2x4xi32>
}

func.func @one_input_reduction(%x: tensor<4x8xi8>) -> tensor<4xi32> {
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<4xi32>
  %acc = linalg.fill ins(%z : i32) outs(%e : tensor<4xi32>) -> tensor<4xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(m, k) -> (m, k)>, affine_map<(m, k) -> (m)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<4x8xi8>) outs(%acc : tensor<4xi32>) {
  ^bb0(%a: i8, %o: i32):
    %ea = arith.extsi %a : i8 to i32
    %sq = arith.muli %ea, %ea : i32
    %s = arith.addi %o, %sq : i32
    linalg.yield %s : i32
  } -> tensor<4xi32>
  return %r : tensor<4xi32>
}

func.func @one_input_cast() -> tensor<3x4xi32> {
  %w = arith.constant dense<[[1, 0, 2, 0], [0, 1, 0, 3], [1, 1, 0, 0]]> : tensor<3x4xi8>
  %e = tensor.empty() : tensor<3x4xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%w : tensor<3x4xi8>) outs(%e : tensor<3x4xi32>) {
  ^bb0(%a: i8, %o: i32):
    %c = arith.extsi %a : i8 to i32
    linalg.yield %c : i32
  } -> tensor<3x4xi32>
  return %r : tensor<3x4xi32>
}

func.func @no_input() -> tensor<2x4xi32> {
  %c7 = arith.constant 7 : i32
  %e = tensor.empty() : tensor<2x4xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%e : tensor<2x4xi32>) {
  ^bb0(%o: i32):
    linalg.yield %c7 : i32
  } -> tensor<2x4xi32>
  return %r : tensor<2x4xi32>
}

func.func @three_inputs(%x: tensor<4x2xi8>) -> tensor<3x2xi32> {
  %w = arith.constant dense<[[1, 0, 2, 0], [0, 1, 0, 3], [1, 1, 0, 0]]> : tensor<3x4xi8>
  %b = arith.constant dense<[5, 6, 7]> : tensor<3xi32>
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<3x2xi32>
  %acc = linalg.fill ins(%z : i32) outs(%e : tensor<3x2xi32>) -> tensor<3x2xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%w, %x, %b : tensor<3x4xi8>, tensor<4x2xi8>, tensor<3xi32>) outs(%acc : tensor<3x2xi32>) {
  ^bb0(%a: i8, %c: i8, %bias: i32, %o: i32):
    %ea = arith.extsi %a : i8 to i32
    %ec = arith.extsi %c : i8 to i32
    %p = arith.muli %ea, %ec : i32
    %s = arith.addi %o, %p : i32
    %t = arith.addi %s, %bias : i32
    linalg.yield %t : i32
  } -> tensor<3x2xi32>
  return %r : tensor<3x2xi32>
}

func.func @three_inputs_constant_last(%x: tensor<3x4xi8>, %y: tensor<4x2xi8>) -> tensor<3x2xi32> {
  %w = arith.constant dense<1> : tensor<3x2xi8>
  %z = arith.constant 0 : i32
  %e = tensor.empty() : tensor<3x2xi32>
  %acc = linalg.fill ins(%z : i32) outs(%e : tensor<3x2xi32>) -> tensor<3x2xi32>
  %r = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%x, %y, %w : tensor<3x4xi8>, tensor<4x2xi8>, tensor<3x2xi8>) outs(%acc : tensor<3x2xi32>) {
  ^bb0(%a: i8, %c: i8, %u: i8, %o: i32):
    %ea = arith.extsi %a : i8 to i32
    %ec = arith.extsi %c : i8 to i32
    %p = arith.muli %ea, %ec : i32
    %s = arith.addi %o, %p : i32
    linalg.yield %s : i32
  } -> tensor<3x2xi32>
  return %r : tensor<3x2xi32>
}
