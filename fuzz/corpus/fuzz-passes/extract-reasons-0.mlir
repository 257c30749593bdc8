func.func @not_on_tensors(%a: memref<3x4xi8>, %x: memref<4xi8>, %y: memref<3xi32>) {
  linalg.matvec ins(%a, %x : memref<3x4xi8>, memref<4xi8>) outs(%y : memref<3xi32>)
  return
}

func.func @no_constant_weight(%w: tensor<3x4xi8>, %x: tensor<4x3xi8>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>) outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}

func.func @unrealized_cast(%x: tensor<4x3xi32>, %p: !llvm.ptr) -> tensor<4x4xi32> {
  %w = builtin.unrealized_conversion_cast %p : !llvm.ptr to tensor<3x4xi32>
  %z = arith.constant dense<0> : tensor<4x4xi32>
  %y = linalg.matmul ins(%x, %w : tensor<4x3xi32>, tensor<3x4xi32>) outs(%z : tensor<4x4xi32>) -> tensor<4x4xi32>
  return %y : tensor<4x4xi32>
}

func.func @float_weights_disabled(%x: tensor<4x3xf32>, %acc: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<3x4xf32>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xf32>, tensor<4x3xf32>) outs(%acc : tensor<3x3xf32>) -> tensor<3x3xf32>
  return %y : tensor<3x3xf32>
}

func.func @unsupported_element_type(%x: tensor<4x3xi8>, %acc: tensor<3x3xi128>, %x16t: tensor<3x4xi16>, %acc8: tensor<3x3xi8>,
                                    %xq: tensor<3x4xi8>, %accf: tensor<3x3xf32>) {
  %w = arith.constant dense<1> : tensor<3x4xi8>
  %a = linalg.matmul ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>) outs(%acc : tensor<3x3xi128>) -> tensor<3x3xi128>
  %wt = arith.constant dense<1> : tensor<4x3xi8>
  %zp = arith.constant 0 : i32
  %b = linalg.quantized_matmul ins(%x16t, %wt, %zp, %zp : tensor<3x4xi16>, tensor<4x3xi8>, i32, i32) outs(%acc8 : tensor<3x3xi8>) -> tensor<3x3xi8>
  %c = linalg.quantized_matmul ins(%xq, %wt, %zp, %zp : tensor<3x4xi8>, tensor<4x3xi8>, i32, i32) outs(%accf : tensor<3x3xf32>) -> tensor<3x3xf32>
  return
}

func.func @dynamic_zero_point(%x: tensor<2x8xi8>, %zp: i32, %acc: tensor<2x4xi32>) -> tensor<2x4xi32> {
  %wt = arith.constant dense<1> : tensor<8x4xi8>
  %c0 = arith.constant 0 : i32
  %y = linalg.quantized_matmul ins(%x, %wt, %zp, %c0 : tensor<2x8xi8>, tensor<8x4xi8>, i32, i32) outs(%acc : tensor<2x4xi32>) -> tensor<2x4xi32>
  return %y : tensor<2x4xi32>
}

