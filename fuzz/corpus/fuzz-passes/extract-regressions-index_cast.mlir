func.func @index_cast(%x: tensor<4x3xi32>, %i: tensor<3x4xindex>) -> tensor<4x4xi32> {
  %w = arith.index_cast %i : tensor<3x4xindex> to tensor<3x4xi32>
  %z = arith.constant dense<0> : tensor<4x4xi32>
  %y = linalg.matmul ins(%x, %w : tensor<4x3xi32>, tensor<3x4xi32>) outs(%z : tensor<4x4xi32>) -> tensor<4x4xi32>
  return %y : tensor<4x4xi32>
}

func.func @index_generic(%x: tensor<4x3xi32>) -> tensor<4x4xi32> {
  %e = tensor.empty() : tensor<3x4xi32>
  %c = arith.constant dense<1> : tensor<3x4xi32>
  %w = linalg.generic {indexing_maps = [affine_map<(a, b) -> (a, b)>, affine_map<(a, b) -> (a, b)>], iterator_types = ["parallel", "parallel"]} ins(%c : tensor<3x4xi32>) outs(%e : tensor<3x4xi32>) {
  ^bb0(%in: i32, %o: i32):
    %i = linalg.index 0 : index
    %ic = arith.index_cast %i : index to i32
    linalg.yield %ic : i32
  } -> tensor<3x4xi32>
  %z = arith.constant dense<0> : tensor<4x4xi32>
  %y = linalg.matmul ins(%x, %w : tensor<4x3xi32>, tensor<3x4xi32>) outs(%z : tensor<4x4xi32>) -> tensor<4x4xi32>
  return %y : tensor<4x4xi32>
}
