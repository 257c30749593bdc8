#col = affine_map<(d0, d1) -> (d1)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @late_bias(%a: tensor<2x3xi8>, %w: tensor<3x4xi8>) -> tensor<2x4xi32> {
  %c0 = arith.constant 0 : i32
  %c5 = arith.constant 5 : i32
  %e = tensor.empty() : tensor<2x4xi32>
  %f = linalg.fill ins(%c0 : i32) outs(%e : tensor<2x4xi32>) -> tensor<2x4xi32>
  %y = linalg.matmul ins(%a, %w : tensor<2x3xi8>, tensor<3x4xi8>) outs(%f : tensor<2x4xi32>) -> tensor<2x4xi32>
  %eb = tensor.empty() : tensor<4xi32>
  %b = linalg.fill ins(%c5 : i32) outs(%eb : tensor<4xi32>) -> tensor<4xi32>
  %r = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]}
    ins(%y, %b : tensor<2x4xi32>, tensor<4xi32>) outs(%e : tensor<2x4xi32>) {
  ^bb0(%v: i32, %bb: i32, %o: i32):
    %s = arith.addi %v, %bb : i32
    linalg.yield %s : i32
  } -> tensor<2x4xi32>
  return %r : tensor<2x4xi32>
}
