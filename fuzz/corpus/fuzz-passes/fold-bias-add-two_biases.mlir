#col = affine_map<(d0, d1) -> (d1)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @chain(%a: tensor<2x3xi8>, %w: tensor<3x4xi8>, %b1: tensor<4xi32>, %b2: tensor<4xi32>) -> tensor<2x4xi32> {
  %c0 = arith.constant 0 : i32
  %e = tensor.empty() : tensor<2x4xi32>
  %f = linalg.fill ins(%c0 : i32) outs(%e : tensor<2x4xi32>) -> tensor<2x4xi32>
  %y = linalg.matmul ins(%a, %w : tensor<2x3xi8>, tensor<3x4xi8>) outs(%f : tensor<2x4xi32>) -> tensor<2x4xi32>
  %r1 = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]}
    ins(%y, %b1 : tensor<2x4xi32>, tensor<4xi32>) outs(%e : tensor<2x4xi32>) {
  ^bb0(%v: i32, %b: i32, %o: i32):
    %s = arith.addi %v, %b : i32
    linalg.yield %s : i32
  } -> tensor<2x4xi32>
  %r2 = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]}
    ins(%r1, %b2 : tensor<2x4xi32>, tensor<4xi32>) outs(%e : tensor<2x4xi32>) {
  ^bb0(%v: i32, %b: i32, %o: i32):
    %s = arith.addi %v, %b : i32
    linalg.yield %s : i32
  } -> tensor<2x4xi32>
  return %r2 : tensor<2x4xi32>
}
