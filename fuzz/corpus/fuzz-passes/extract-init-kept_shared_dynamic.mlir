#w = dense<[[1, 0, 0, -2, 0, 0, 1, 0],
            [0, 3, 0, 0, 1, 0, 0, 0],
            [1, 0, 0, -2, 0, 1, 0, 0],
            [0, 0, 0, 0, 0, 0, 0, 7]]> : tensor<4x8xi8>

func.func @kept(%x: tensor<8x3xi8>, %v: i32, %acc: tensor<4x3xi32>) -> (tensor<4x3xi32>, tensor<4x3xi32>, tensor<4x3xi32>) {
  %w = arith.constant #w
  %init = tensor.empty() : tensor<4x3xi32>
  %a1 = linalg.fill ins(%v : i32) outs(%init : tensor<4x3xi32>) -> tensor<4x3xi32>
  %y1 = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x3xi8>) outs(%a1 : tensor<4x3xi32>) -> tensor<4x3xi32>
  %a2 = arith.constant dense<[[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]]> : tensor<4x3xi32>
  %y2 = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x3xi8>) outs(%a2 : tensor<4x3xi32>) -> tensor<4x3xi32>
  %y3 = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x3xi8>) outs(%acc : tensor<4x3xi32>) -> tensor<4x3xi32>
  return %y1, %y2, %y3 : tensor<4x3xi32>, tensor<4x3xi32>, tensor<4x3xi32>
}

func.func @splat(%x: tensor<8x3xi8>) -> tensor<4x3xi32> {
  %w = arith.constant #w
  %acc = arith.constant dense<-7> : tensor<4x3xi32>
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x3xi8>) outs(%acc : tensor<4x3xi32>) -> tensor<4x3xi32>
  return %y : tensor<4x3xi32>
}

func.func @shared_fill(%x: tensor<8x3xi8>) -> (tensor<4x3xi32>, tensor<4x3xi32>) {
  %w = arith.constant #w
  %c0 = arith.constant 0 : i32
  %init = tensor.empty() : tensor<4x3xi32>
  %acc = linalg.fill ins(%c0 : i32) outs(%init : tensor<4x3xi32>) -> tensor<4x3xi32>
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x3xi8>) outs(%acc : tensor<4x3xi32>) -> tensor<4x3xi32>
  return %y, %acc : tensor<4x3xi32>, tensor<4x3xi32>
}

func.func @dynamic(%x: tensor<8x?xi8>, %n: index) -> tensor<4x?xi32> {
  %w = arith.constant #w
  %c0 = arith.constant 0 : i32
  %init = tensor.empty(%n) : tensor<4x?xi32>
  %acc = linalg.fill ins(%c0 : i32) outs(%init : tensor<4x?xi32>) -> tensor<4x?xi32>
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x?xi8>) outs(%acc : tensor<4x?xi32>) -> tensor<4x?xi32>
  return %y : tensor<4x?xi32>
}
