// A small TOSA int8 network as TFLite legalises one (the layers of
// test/Integration/Host/tosa.mlir, smaller: seeds must fit the 4096 bytes
// the fuzzer reads): a 1x1 conv2d with rescale and clamp, a padded depthwise
// conv2d, and a fully connected layer as reshape + 1x1 conv2d.
func.func @net(%x: tensor<1x3x3x4xi8>) -> (tensor<1x3x3x4xi8>, tensor<1x2x2x4xi32>, tensor<1x1x1x3xi32>) {
  %izp = "tosa.const"() {values = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %wzp = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %azp = "tosa.const"() {values = dense<0> : tensor<1xi32>} : () -> tensor<1xi32>
  %mult = "tosa.const"() {values = dense<1518500250> : tensor<1xi32>} : () -> tensor<1xi32>
  %shift = "tosa.const"() {values = dense<38> : tensor<1xi8>} : () -> tensor<1xi8>
  %w1 = "tosa.const"() {values = dense<[[[[4, 0, 6, 7]]], [[[0, 0, -1, 3]]], [[[5, 0, -6, 0]]], [[[0, 6, 0, 2]]]]> : tensor<4x1x1x4xi8>} : () -> tensor<4x1x1x4xi8>
  %b1 = "tosa.const"() {values = dense<[294, 185, -44, -20]> : tensor<4xi32>} : () -> tensor<4xi32>
  %c1 = tosa.conv2d %x, %w1, %b1, %izp, %wzp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x3x3x4xi8>, tensor<4x1x1x4xi8>, tensor<4xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x3x3x4xi32>
  %a1r = tosa.rescale %c1, %mult, %shift, %azp, %izp {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<1x3x3x4xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x3x3x4xi8>
  %a1 = tosa.clamp %a1r {min_val = -128 : i8, max_val = 127 : i8} : (tensor<1x3x3x4xi8>) -> tensor<1x3x3x4xi8>
  %wd = "tosa.const"() {values = dense<[[[[1], [0], [-2], [3]], [[0], [4], [0], [1]]], [[[2], [-1], [0], [0]], [[5], [0], [1], [-3]]]]> : tensor<2x2x4x1xi8>} : () -> tensor<2x2x4x1xi8>
  %bd = "tosa.const"() {values = dense<[1, 2, 3, 4]> : tensor<4xi32>} : () -> tensor<4xi32>
  %c2 = tosa.depthwise_conv2d %a1, %wd, %bd, %izp, %wzp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 1, 0, 1>, stride = array<i64: 2, 2>} : (tensor<1x3x3x4xi8>, tensor<2x2x4x1xi8>, tensor<4xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x2x2x4xi32>
  %s1 = tosa.const_shape {values = dense<[1, 1, 1, 36]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %f0 = tosa.reshape %a1, %s1 : (tensor<1x3x3x4xi8>, !tosa.shape<4>) -> tensor<1x1x1x36xi8>
  %wf = "tosa.const"() {values = dense<3> : tensor<3x1x1x36xi8>} : () -> tensor<3x1x1x36xi8>
  %bf = "tosa.const"() {values = dense<[7, -7, 0]> : tensor<3xi32>} : () -> tensor<3xi32>
  %c3 = tosa.conv2d %f0, %wf, %bf, %izp, %wzp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x1x1x36xi8>, tensor<3x1x1x36xi8>, tensor<3xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x1x1x3xi32>
  return %a1, %c2, %c3 : tensor<1x3x3x4xi8>, tensor<1x2x2x4xi32>, tensor<1x1x1x3xi32>
}
