// Two chained layers whose ops all have one location, as a front end without
// debug information may emit them.
#loc = loc("same")
module {
  func.func @net(%x: tensor<8x1xi8>) -> tensor<4x1xi32> {
    %w1 = arith.constant dense<[[1, 2, 3, 0, 1, 2, 3, 0], [1, 2, 3, 0, 1, 2, 3, 1], [1, 2, 0, 0, 1, 2, 0, 0], [0, 2, 3, 0, 0, 2, 3, 5], [1, 0, 3, 4, 1, 0, 3, 4], [1, 2, 3, 0, 1, 2, 3, 0]]> : tensor<6x8xi8> loc(#loc)
    %w2 = arith.constant dense<[[1, 2, 3, 1, 2, 3], [1, 2, 3, 1, 2, 3], [3, 0, 2, 3, 0, 2], [1, 1, 1, 1, 1, 1]]> : tensor<4x6xi8> loc(#loc)
    %z = arith.constant 0 : i32 loc(#loc)
    %e1 = tensor.empty() : tensor<6x1xi32> loc(#loc)
    %a1 = linalg.fill ins(%z : i32) outs(%e1 : tensor<6x1xi32>) -> tensor<6x1xi32> loc(#loc)
    %h = linalg.matmul ins(%w1, %x : tensor<6x8xi8>, tensor<8x1xi8>) outs(%a1 : tensor<6x1xi32>) -> tensor<6x1xi32> loc(#loc)
    %hi = arith.trunci %h : tensor<6x1xi32> to tensor<6x1xi8> loc(#loc)
    %e2 = tensor.empty() : tensor<4x1xi32> loc(#loc)
    %a2 = linalg.fill ins(%z : i32) outs(%e2 : tensor<4x1xi32>) -> tensor<4x1xi32> loc(#loc)
    %y = linalg.matmul ins(%w2, %hi : tensor<4x6xi8>, tensor<6x1xi8>) outs(%a2 : tensor<4x1xi32>) -> tensor<4x1xi32> loc(#loc)
    return %y : tensor<4x1xi32> loc(#loc)
  } loc(#loc)
} loc(#loc)
