// A layer as TFLite's TOSA legalization writes one, lowered the way a front
// end runs upstream's TOSA passes (tosa-to-arith without include-apply-rescale,
// so tosa.apply_scale is left): an int8 3x3 convolution with a zero-point
// padding (tensor.pad), rescale and clamp, then a float head: softmax over the
// filters, tanh and floor. @main runs @net on the host and prints its outputs'
// bits; lowering-cortex-m4.test compiles @net alone for the Cortex-M4.
func.func @net(%x: tensor<1x5x5x4xi8>) -> (tensor<1x5x5x6xi8>, tensor<25x6xf32>) {
  %izp = "tosa.const"() {values = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %wzp = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %azp = "tosa.const"() {values = dense<0> : tensor<1xi32>} : () -> tensor<1xi32>
  %ozp = "tosa.const"() {values = dense<3> : tensor<1xi8>} : () -> tensor<1xi8>
  %mult = "tosa.const"() {values = dense<1518500250> : tensor<1xi32>} : () -> tensor<1xi32>
  %shift = "tosa.const"() {values = dense<36> : tensor<1xi8>} : () -> tensor<1xi8>
  %w = "tosa.const"() {values = dense<[[[[-1, 0, 2, -1], [-3, -2, 3, 1], [-3, 0, 0, 0]], [[2, 1, -1, -3], [-3, 2, 0, 0], [-1, -1, 1, -2]], [[-1, 1, 0, -1], [-3, 1, 0, -1], [2, -1, 3, 2]]], [[[2, 0, 2, 0], [0, 2, 1, -1], [-2, 1, 3, -1]], [[2, 0, -1, -2], [2, 0, 3, 3], [3, 0, -2, 0]], [[-3, 0, 0, 3], [0, 2, 0, 0], [0, -1, -3, 2]]], [[[3, 0, 0, 0], [2, 0, 3, 0], [0, 0, 0, 1]], [[0, -1, 2, 0], [0, 3, -1, 3], [-1, 0, 0, 2]], [[0, -2, 1, -1], [3, 1, 0, 3], [0, -3, 0, -1]]], [[[2, -1, 0, -1], [-3, 2, 0, -1], [-3, -1, -2, 0]], [[-1, 2, 0, 3], [-3, 1, 2, 0], [1, -2, 0, 0]], [[0, -3, 0, 1], [0, 1, -2, 3], [0, -3, 3, 0]]], [[[-2, 0, 3, 3], [0, 0, 0, -1], [1, 1, 3, 0]], [[2, -1, -1, 1], [2, 0, -1, -2], [0, -3, 1, -2]], [[0, 3, -1, 0], [1, 1, 1, 0], [2, 0, 2, 1]]], [[[1, -1, 0, 0], [2, 0, 1, -3], [0, 0, 2, 0]], [[-1, 2, -3, -2], [2, 0, 0, -3], [-1, 1, -3, 2]], [[3, 3, 0, 0], [2, -3, 0, 2], [0, -1, 0, 0]]]]> : tensor<6x3x3x4xi8>} : () -> tensor<6x3x3x4xi8>
  %b = "tosa.const"() {values = dense<[204, 186, 230, -179, -284, -171]> : tensor<6xi32>} : () -> tensor<6xi32>
  %c = tosa.conv2d %x, %w, %b, %izp, %wzp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x5x5x4xi8>, tensor<6x3x3x4xi8>, tensor<6xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x5x5x6xi32>
  %r = tosa.rescale %c, %mult, %shift, %azp, %ozp {scale32 = true, rounding_mode = DOUBLE_ROUND, per_channel = false, input_unsigned = false, output_unsigned = false} : (tensor<1x5x5x6xi32>, tensor<1xi32>, tensor<1xi8>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x5x5x6xi8>
  %a = tosa.clamp %r {min_val = -100 : i8, max_val = 100 : i8} : (tensor<1x5x5x6xi8>) -> tensor<1x5x5x6xi8>
  %s = tosa.const_shape {values = dense<[25, 6]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %flat = tosa.reshape %a, %s : (tensor<1x5x5x6xi8>, !tosa.shape<2>) -> tensor<25x6xi8>
  %f = tosa.cast %flat : (tensor<25x6xi8>) -> tensor<25x6xf32>
  %scale = "tosa.const"() {values = dense<0.0625> : tensor<1x1xf32>} : () -> tensor<1x1xf32>
  %zero = "tosa.const"() {values = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %fs = tosa.mul %f, %scale, %zero : (tensor<25x6xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<25x6xf32>
  %e = tensor.empty() : tensor<25x6xf32>
  %sm = linalg.softmax dimension(1) ins(%fs : tensor<25x6xf32>) outs(%e : tensor<25x6xf32>) -> tensor<25x6xf32>
  %t = tosa.tanh %fs : (tensor<25x6xf32>) -> tensor<25x6xf32>
  %sum = tosa.add %sm, %t : (tensor<25x6xf32>, tensor<25x6xf32>) -> tensor<25x6xf32>
  %hundred = "tosa.const"() {values = dense<100.0> : tensor<1x1xf32>} : () -> tensor<1x1xf32>
  %big = tosa.mul %sum, %hundred, %zero : (tensor<25x6xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<25x6xf32>
  %fl = tosa.floor %big : (tensor<25x6xf32>) -> tensor<25x6xf32>
  %out = tosa.add %fl, %sm : (tensor<25x6xf32>, tensor<25x6xf32>) -> tensor<25x6xf32>
  return %a, %out : tensor<1x5x5x6xi8>, tensor<25x6xf32>
}

func.func private @printMemrefI32(tensor<*xi32>)

func.func @main() {
  %x = arith.constant dense<[[[[2, 55, -114, 110], [-1, -102, -48, -71], [62, 112, -2, 66], [-76, -1, -122, -18], [80, 15, -35, 71]], [[-47, -92, -57, 99], [-64, -61, -128, -126], [-21, -18, -44, -43], [20, 32, -27, -24], [-35, -28, 68, 24]], [[-117, 56, 84, -44], [-54, 7, -95, 41], [26, -127, 45, -95], [30, 53, 28, 118], [33, -34, 118, 113]], [[-38, -99, 3, -117], [55, 78, -119, 86], [59, 64, -124, 103], [-105, -36, -28, -68], [-3, 108, 48, 53]], [[0, 108, -73, 60], [23, -110, 93, -82], [-22, 46, 57, -53], [46, 13, -81, 31], [34, 28, -38, -88]]]]> : tensor<1x5x5x4xi8>
  %a, %out = call @net(%x) : (tensor<1x5x5x4xi8>) -> (tensor<1x5x5x6xi8>, tensor<25x6xf32>)
  %ai = arith.extsi %a : tensor<1x5x5x6xi8> to tensor<1x5x5x6xi32>
  %ac = tensor.collapse_shape %ai [[0, 1, 2, 3]] : tensor<1x5x5x6xi32> into tensor<150xi32>
  %au = tensor.cast %ac : tensor<150xi32> to tensor<*xi32>
  call @printMemrefI32(%au) : (tensor<*xi32>) -> ()
  %ob = arith.bitcast %out : tensor<25x6xf32> to tensor<25x6xi32>
  %oc = tensor.collapse_shape %ob [[0, 1]] : tensor<25x6xi32> into tensor<150xi32>
  %ou = tensor.cast %oc : tensor<150xi32> to tensor<*xi32>
  call @printMemrefI32(%ou) : (tensor<*xi32>) -> ()
  return
}
