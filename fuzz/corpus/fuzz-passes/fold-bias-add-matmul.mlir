#col = affine_map<(d0, d1) -> (d1)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @matmul(%a: tensor<?x16xi8>, %w: tensor<16x4xi8>, %bias: tensor<4xi32>, %e: tensor<?x4xi32>) -> tensor<?x4xi32> {
  %c0 = arith.constant 0 : i32
  %fill = linalg.fill ins(%c0 : i32) outs(%e : tensor<?x4xi32>) -> tensor<?x4xi32>
  %y = linalg.matmul ins(%a, %w : tensor<?x16xi8>, tensor<16x4xi8>) outs(%fill : tensor<?x4xi32>) -> tensor<?x4xi32>
  %r = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]}
    ins(%y, %bias : tensor<?x4xi32>, tensor<4xi32>) outs(%e : tensor<?x4xi32>) {
  ^bb0(%v: i32, %b: i32, %o: i32):
    %s = arith.addi %v, %b : i32
    linalg.yield %s : i32
  } -> tensor<?x4xi32>
  return %r : tensor<?x4xi32>
}
