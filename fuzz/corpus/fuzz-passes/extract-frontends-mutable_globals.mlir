memref.global "private" @w : memref<4x8xi8> = dense<1>
ml_program.global private mutable @v(dense<1> : tensor<4x8xi8>) : tensor<4x8xi8>
func.func @mutable_globals(%x: tensor<8x2xi8>, %acc: tensor<4x2xi32>) -> (tensor<4x2xi32>, tensor<4x2xi32>) {
  %m = memref.get_global @w : memref<4x8xi8>
  %w = bufferization.to_tensor %m restrict : memref<4x8xi8> to tensor<4x8xi8>
  %y = linalg.matmul ins(%w, %x : tensor<4x8xi8>, tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  %v = ml_program.global_load @v : tensor<4x8xi8>
  %z = linalg.matmul ins(%v, %x : tensor<4x8xi8>, tensor<8x2xi8>) outs(%acc : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %y, %z : tensor<4x2xi32>, tensor<4x2xi32>
}
