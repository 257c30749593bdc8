// f32 math functions as --cse-sparse-to-llvm lowers them without libm
// (approximate-math=1, the default), run on the host: the roundings bit for bit
// equal to libm's (approximate-math=0), including the sign of zero, infinities,
// NaN and values beyond 2^23 and 2^31; the polynomial approximations within 4
// ULP of the exact result (computed in double precision by
// Inputs/check_math.py). No call of libm is left for them.
// RUN: cse-opt %s --cse-sparse-to-llvm=extract=0 -o %t.approx.mlir
// RUN: FileCheck %s --check-prefix=IR < %t.approx.mlir
// RUN: %run-host %t.approx.mlir | grep -v base@ > %t.approx
// RUN: cse-opt %s --cse-sparse-to-llvm="extract=0 approximate-math=0" | %run-host | grep -v base@ > %t.libm
// RUN: %python %S/Inputs/check_math.py %t.approx %t.libm | FileCheck %s

// IR-NOT: llvm.func @{{(exp|expm1|tanh|erf|erfc|log|log2|log1p|asin|acos|floor|ceil|trunc|round|roundeven)f}}(
// IR-NOT: math.

// CHECK: exp: ok
// CHECK: expm1: ok
// CHECK: tanh: ok
// CHECK: erf: ok
// CHECK: erfc: ok
// CHECK: log: ok
// CHECK: log2: ok
// CHECK: log1p: ok
// CHECK: rsqrt: ok
// CHECK: asin: ok
// CHECK: acos: ok
// CHECK: floor: ok
// CHECK: ceil: ok
// CHECK: trunc: ok
// CHECK: round: ok
// CHECK: roundeven: ok

func.func @exp(%x: tensor<132xf32>) -> tensor<132xi32> {
  %e = tensor.empty() : tensor<132xi32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%x : tensor<132xf32>) outs(%e : tensor<132xi32>) {
  ^bb0(%a: f32, %o: i32):
    %r = math.exp %a : f32
    %b = arith.bitcast %r : f32 to i32
    linalg.yield %b : i32
  } -> tensor<132xi32>
  return %y : tensor<132xi32>
}

func.func @expm1(%x: tensor<132xf32>) -> tensor<132xi32> {
  %e = tensor.empty() : tensor<132xi32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%x : tensor<132xf32>) outs(%e : tensor<132xi32>) {
  ^bb0(%a: f32, %o: i32):
    %r = math.expm1 %a : f32
    %b = arith.bitcast %r : f32 to i32
    linalg.yield %b : i32
  } -> tensor<132xi32>
  return %y : tensor<132xi32>
}

func.func @tanh(%x: tensor<132xf32>) -> tensor<132xi32> {
  %e = tensor.empty() : tensor<132xi32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%x : tensor<132xf32>) outs(%e : tensor<132xi32>) {
  ^bb0(%a: f32, %o: i32):
    %r = math.tanh %a : f32
    %b = arith.bitcast %r : f32 to i32
    linalg.yield %b : i32
  } -> tensor<132xi32>
  return %y : tensor<132xi32>
}

func.func @erf(%x: tensor<132xf32>) -> tensor<132xi32> {
  %e = tensor.empty() : tensor<132xi32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%x : tensor<132xf32>) outs(%e : tensor<132xi32>) {
  ^bb0(%a: f32, %o: i32):
    %r = math.erf %a : f32
    %b = arith.bitcast %r : f32 to i32
    linalg.yield %b : i32
  } -> tensor<132xi32>
  return %y : tensor<132xi32>
}

func.func @erfc(%x: tensor<132xf32>) -> tensor<132xi32> {
  %e = tensor.empty() : tensor<132xi32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%x : tensor<132xf32>) outs(%e : tensor<132xi32>) {
  ^bb0(%a: f32, %o: i32):
    %r = math.erfc %a : f32
    %b = arith.bitcast %r : f32 to i32
    linalg.yield %b : i32
  } -> tensor<132xi32>
  return %y : tensor<132xi32>
}

func.func @log(%x: tensor<127xf32>) -> tensor<127xi32> {
  %e = tensor.empty() : tensor<127xi32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%x : tensor<127xf32>) outs(%e : tensor<127xi32>) {
  ^bb0(%a: f32, %o: i32):
    %r = math.log %a : f32
    %b = arith.bitcast %r : f32 to i32
    linalg.yield %b : i32
  } -> tensor<127xi32>
  return %y : tensor<127xi32>
}

func.func @log2(%x: tensor<127xf32>) -> tensor<127xi32> {
  %e = tensor.empty() : tensor<127xi32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%x : tensor<127xf32>) outs(%e : tensor<127xi32>) {
  ^bb0(%a: f32, %o: i32):
    %r = math.log2 %a : f32
    %b = arith.bitcast %r : f32 to i32
    linalg.yield %b : i32
  } -> tensor<127xi32>
  return %y : tensor<127xi32>
}

func.func @log1p(%x: tensor<127xf32>) -> tensor<127xi32> {
  %e = tensor.empty() : tensor<127xi32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%x : tensor<127xf32>) outs(%e : tensor<127xi32>) {
  ^bb0(%a: f32, %o: i32):
    %r = math.log1p %a : f32
    %b = arith.bitcast %r : f32 to i32
    linalg.yield %b : i32
  } -> tensor<127xi32>
  return %y : tensor<127xi32>
}

func.func @rsqrt(%x: tensor<127xf32>) -> tensor<127xi32> {
  %e = tensor.empty() : tensor<127xi32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%x : tensor<127xf32>) outs(%e : tensor<127xi32>) {
  ^bb0(%a: f32, %o: i32):
    %r = math.rsqrt %a : f32
    %b = arith.bitcast %r : f32 to i32
    linalg.yield %b : i32
  } -> tensor<127xi32>
  return %y : tensor<127xi32>
}

func.func @asin(%x: tensor<123xf32>) -> tensor<123xi32> {
  %e = tensor.empty() : tensor<123xi32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%x : tensor<123xf32>) outs(%e : tensor<123xi32>) {
  ^bb0(%a: f32, %o: i32):
    %r = math.asin %a : f32
    %b = arith.bitcast %r : f32 to i32
    linalg.yield %b : i32
  } -> tensor<123xi32>
  return %y : tensor<123xi32>
}

func.func @acos(%x: tensor<123xf32>) -> tensor<123xi32> {
  %e = tensor.empty() : tensor<123xi32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%x : tensor<123xf32>) outs(%e : tensor<123xi32>) {
  ^bb0(%a: f32, %o: i32):
    %r = math.acos %a : f32
    %b = arith.bitcast %r : f32 to i32
    linalg.yield %b : i32
  } -> tensor<123xi32>
  return %y : tensor<123xi32>
}

func.func @floor(%x: tensor<40xf32>) -> tensor<40xi32> {
  %e = tensor.empty() : tensor<40xi32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%x : tensor<40xf32>) outs(%e : tensor<40xi32>) {
  ^bb0(%a: f32, %o: i32):
    %r = math.floor %a : f32
    %b = arith.bitcast %r : f32 to i32
    linalg.yield %b : i32
  } -> tensor<40xi32>
  return %y : tensor<40xi32>
}

func.func @ceil(%x: tensor<40xf32>) -> tensor<40xi32> {
  %e = tensor.empty() : tensor<40xi32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%x : tensor<40xf32>) outs(%e : tensor<40xi32>) {
  ^bb0(%a: f32, %o: i32):
    %r = math.ceil %a : f32
    %b = arith.bitcast %r : f32 to i32
    linalg.yield %b : i32
  } -> tensor<40xi32>
  return %y : tensor<40xi32>
}

func.func @trunc(%x: tensor<40xf32>) -> tensor<40xi32> {
  %e = tensor.empty() : tensor<40xi32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%x : tensor<40xf32>) outs(%e : tensor<40xi32>) {
  ^bb0(%a: f32, %o: i32):
    %r = math.trunc %a : f32
    %b = arith.bitcast %r : f32 to i32
    linalg.yield %b : i32
  } -> tensor<40xi32>
  return %y : tensor<40xi32>
}

func.func @round(%x: tensor<40xf32>) -> tensor<40xi32> {
  %e = tensor.empty() : tensor<40xi32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%x : tensor<40xf32>) outs(%e : tensor<40xi32>) {
  ^bb0(%a: f32, %o: i32):
    %r = math.round %a : f32
    %b = arith.bitcast %r : f32 to i32
    linalg.yield %b : i32
  } -> tensor<40xi32>
  return %y : tensor<40xi32>
}

func.func @roundeven(%x: tensor<40xf32>) -> tensor<40xi32> {
  %e = tensor.empty() : tensor<40xi32>
  %y = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%x : tensor<40xf32>) outs(%e : tensor<40xi32>) {
  ^bb0(%a: f32, %o: i32):
    %r = math.roundeven %a : f32
    %b = arith.bitcast %r : f32 to i32
    linalg.yield %b : i32
  } -> tensor<40xi32>
  return %y : tensor<40xi32>
}

func.func private @printMemrefI32(tensor<*xi32>)

// Prints the inputs' bits, then each function's results' bits, in order.
func.func @main() {
  %in_any = arith.constant dense<[-1.000000000e+01, -9.826899530e+00, -9.653800010e+00, -9.480699540e+00, -9.307600020e+00, -9.134499550e+00, -8.961400030e+00, -8.788299560e+00, -8.615200040e+00, -8.442099570e+00, -8.269000050e+00, -8.095899580e+00, -7.922800060e+00, -7.749700070e+00, -7.576600070e+00, -7.403500080e+00, -7.230400090e+00, -7.057300090e+00, -6.884200100e+00, -6.711100100e+00, -6.538000110e+00, -6.364900110e+00, -6.191800120e+00, -6.018700120e+00, -5.845600130e+00, -5.672500130e+00, -5.499400140e+00, -5.326300140e+00, -5.153200150e+00, -4.980100150e+00, -4.807000160e+00, -4.633900170e+00, -4.460800170e+00, -4.287700180e+00, -4.114600180e+00, -3.941499950e+00, -3.768399950e+00, -3.595299960e+00, -3.422199960e+00, -3.249099970e+00, -3.075999980e+00, -2.902899980e+00, -2.729799990e+00, -2.556699990e+00, -2.383600000e+00, -2.210500000e+00, -2.037400010e+00, -1.864300010e+00, -1.691200020e+00, -1.518100020e+00, -1.345000030e+00, -1.171900030e+00, -9.987999800e-01, -8.256999850e-01, -6.525999900e-01, -4.794999960e-01, -3.064000010e-01, -1.333000060e-01, 3.979999940e-02, 2.128999980e-01, 3.860000070e-01, 5.590999720e-01, 7.322000270e-01, 9.053000210e-01, 1.078400020e+00, 1.251500010e+00, 1.424600010e+00, 1.597700000e+00, 1.770799990e+00, 1.943899990e+00, 2.117000100e+00, 2.290100100e+00, 2.463200090e+00, 2.636300090e+00, 2.809400080e+00, 2.982500080e+00, 3.155600070e+00, 3.328700070e+00, 3.501800060e+00, 3.674900050e+00, 3.848000050e+00, 4.021100040e+00, 4.194200040e+00, 4.367300030e+00, 4.540400030e+00, 4.713500020e+00, 4.886600020e+00, 5.059700010e+00, 5.232800010e+00, 5.405900000e+00, 5.579000000e+00, 5.752099990e+00, 5.925199990e+00, 6.098299980e+00, 6.271399970e+00, 6.444499970e+00, 6.617599960e+00, 6.790699960e+00, 6.963799950e+00, 7.136899950e+00, 7.309999940e+00, 7.483099940e+00, 7.656199930e+00, 7.829299930e+00, 8.002400400e+00, 8.175499920e+00, 8.348600390e+00, 8.521699910e+00, 8.694800380e+00, 8.867899890e+00, 9.041000370e+00, 9.214099880e+00, 9.387200360e+00, 9.560299870e+00, 9.733400340e+00, 9.906499860e+00, 1.007960030e+01, 1.025269990e+01, 1.042580030e+01, 1.059889980e+01, 0.000000000e+00, -0.000000000e+00, 9.999999970e-07, -9.999999970e-07, 1.000000000e-30, -1.000000000e-30, 3.000000000e+01, 8.000000000e+01, 8.850000000e+01, -8.700000000e+01, -1.000000000e+02, 1.000000000e+04]> : tensor<132xf32>
  %in_pos = arith.constant dense<[1.000000050e-03, 1.380999980e-01, 2.752000090e-01, 4.122999910e-01, 5.493999720e-01, 6.865000130e-01, 8.235999940e-01, 9.606999750e-01, 1.097800020e+00, 1.234900000e+00, 1.371999980e+00, 1.509099960e+00, 1.646199940e+00, 1.783300040e+00, 1.920400020e+00, 2.057499890e+00, 2.194600110e+00, 2.331700090e+00, 2.468800070e+00, 2.605900050e+00, 2.743000030e+00, 2.880100010e+00, 3.017199990e+00, 3.154299970e+00, 3.291399960e+00, 3.428499940e+00, 3.565599920e+00, 3.702699900e+00, 3.839799880e+00, 3.976900100e+00, 4.113999840e+00, 4.251100060e+00, 4.388199810e+00, 4.525300030e+00, 4.662399770e+00, 4.799499990e+00, 4.936600210e+00, 5.073699950e+00, 5.210800170e+00, 5.347899910e+00, 5.485000130e+00, 5.622099880e+00, 5.759200100e+00, 5.896299840e+00, 6.033400060e+00, 6.170499800e+00, 6.307600020e+00, 6.444699760e+00, 6.581799980e+00, 6.718900200e+00, 6.855999950e+00, 6.993100170e+00, 7.130199910e+00, 7.267300130e+00, 7.404399870e+00, 7.541500090e+00, 7.678599830e+00, 7.815700050e+00, 7.952799800e+00, 8.089900020e+00, 8.227000240e+00, 8.364100460e+00, 8.501199720e+00, 8.638299940e+00, 8.775400160e+00, 8.912500380e+00, 9.049599650e+00, 9.186699870e+00, 9.323800090e+00, 9.460900310e+00, 9.597999570e+00, 9.735099790e+00, 9.872200010e+00, 1.000930020e+01, 1.014640050e+01, 1.028349970e+01, 1.042059990e+01, 1.055770020e+01, 1.069480040e+01, 1.083189960e+01, 1.096899990e+01, 1.110610010e+01, 1.124320030e+01, 1.138029960e+01, 1.151739980e+01, 1.165450000e+01, 1.179160020e+01, 1.192870040e+01, 1.206579970e+01, 1.220289990e+01, 1.234000020e+01, 1.247710040e+01, 1.261419960e+01, 1.275129990e+01, 1.288840010e+01, 1.302550030e+01, 1.316259960e+01, 1.329969980e+01, 1.343680000e+01, 1.357390020e+01, 1.371100040e+01, 1.384809970e+01, 1.398519990e+01, 1.412230010e+01, 1.425940040e+01, 1.439649960e+01, 1.453359990e+01, 1.467070010e+01, 1.480780030e+01, 1.494489960e+01, 1.508199980e+01, 1.521910000e+01, 1.535620020e+01, 1.549330040e+01, 1.563039970e+01, 1.576749990e+01, 1.590460010e+01, 1.604170040e+01, 1.617880060e+01, 1.631590080e+01, 1.000000000e-30, 1.000000010e-10, 1.000000000e+00, 2.000000000e+00, 1.000000000e+01, 1.000000000e+10, 3.399999950e+38]> : tensor<127xf32>
  %in_unit = arith.constant dense<[-9.990000130e-01, -9.823700190e-01, -9.657400250e-01, -9.491099720e-01, -9.324799780e-01, -9.158499840e-01, -8.992199900e-01, -8.825899960e-01, -8.659600020e-01, -8.493300080e-01, -8.327000140e-01, -8.160700200e-01, -7.994400260e-01, -7.828099730e-01, -7.661799790e-01, -7.495499850e-01, -7.329199910e-01, -7.162899970e-01, -6.996600030e-01, -6.830300090e-01, -6.664000150e-01, -6.497700210e-01, -6.331400280e-01, -6.165099740e-01, -5.998799800e-01, -5.832499860e-01, -5.666199920e-01, -5.499899980e-01, -5.333600040e-01, -5.167300110e-01, -5.001000170e-01, -4.834699930e-01, -4.668399990e-01, -4.502100050e-01, -4.335800110e-01, -4.169499870e-01, -4.003199930e-01, -3.836900000e-01, -3.670600060e-01, -3.504300120e-01, -3.337999880e-01, -3.171699940e-01, -3.005400000e-01, -2.839100060e-01, -2.672800120e-01, -2.506499890e-01, -2.340199950e-01, -2.173900010e-01, -2.007600070e-01, -1.841299980e-01, -1.675000040e-01, -1.508699950e-01, -1.342400010e-01, -1.176100000e-01, -1.009799990e-01, -8.434999730e-02, -6.772000340e-02, -5.108999830e-02, -3.446000070e-02, -1.782999930e-02, -1.200000060e-03, 1.542999970e-02, 3.206000100e-02, 4.868999870e-02, 6.532000010e-02, 8.195000140e-02, 9.858000280e-02, 1.152099970e-01, 1.318400060e-01, 1.484699990e-01, 1.650999930e-01, 1.817300020e-01, 1.983599960e-01, 2.149900050e-01, 2.316199990e-01, 2.482499930e-01, 2.648800020e-01, 2.815099950e-01, 2.981399890e-01, 3.147700130e-01, 3.314000070e-01, 3.480300010e-01, 3.646599950e-01, 3.812899890e-01, 3.979200120e-01, 4.145500060e-01, 4.311800000e-01, 4.478099940e-01, 4.644399880e-01, 4.810700120e-01, 4.977000060e-01, 5.143300290e-01, 5.309600230e-01, 5.475900170e-01, 5.642200110e-01, 5.808500050e-01, 5.974799990e-01, 6.141099930e-01, 6.307399870e-01, 6.473699810e-01, 6.639999750e-01, 6.806300280e-01, 6.972600220e-01, 7.138900160e-01, 7.305200100e-01, 7.471500040e-01, 7.637799980e-01, 7.804099920e-01, 7.970399860e-01, 8.136699800e-01, 8.302999730e-01, 8.469300270e-01, 8.635600210e-01, 8.801900150e-01, 8.968200090e-01, 9.134500030e-01, 9.300799970e-01, 9.467099910e-01, 9.633399840e-01, 9.799699780e-01, 9.965999720e-01, 1.000000010e-07, -1.000000010e-07]> : tensor<123xf32>
  %in_round = arith.constant dense<[0.000000000e+00, -0.000000000e+00, 5.000000000e-01, -5.000000000e-01, 1.500000000e+00, -1.500000000e+00, 2.500000000e+00, -2.500000000e+00, 4.999999700e-01, -4.999999700e-01, 1.000000000e+00, -1.000000000e+00, 3.000000120e-01, -3.000000120e-01, 6.999999880e-01, -6.999999880e-01, 3.500000000e+00, -3.500000000e+00, 8.388607500e+06, -8.388607500e+06, 8.388608000e+06, -8.388608000e+06, 8.388609000e+06, 4.194303500e+06, 4.194304500e+06, -4.194304500e+06, 1.000000000e+10, -1.000000000e+10, 2.147483650e+09, -2.147483900e+09, 9.999946100e-41, -9.999946100e-41, 1.234560010e+02, -1.234560010e+02, 1.677721500e+07, 9.999999400e-01, -9.999999400e-01, 0x7F800000, 0xFF800000, 0x7FC00000]> : tensor<40xf32>
  %bits_any = arith.bitcast %in_any : tensor<132xf32> to tensor<132xi32>
  %bits_any_u = tensor.cast %bits_any : tensor<132xi32> to tensor<*xi32>
  call @printMemrefI32(%bits_any_u) : (tensor<*xi32>) -> ()
  %bits_pos = arith.bitcast %in_pos : tensor<127xf32> to tensor<127xi32>
  %bits_pos_u = tensor.cast %bits_pos : tensor<127xi32> to tensor<*xi32>
  call @printMemrefI32(%bits_pos_u) : (tensor<*xi32>) -> ()
  %bits_unit = arith.bitcast %in_unit : tensor<123xf32> to tensor<123xi32>
  %bits_unit_u = tensor.cast %bits_unit : tensor<123xi32> to tensor<*xi32>
  call @printMemrefI32(%bits_unit_u) : (tensor<*xi32>) -> ()
  %bits_round = arith.bitcast %in_round : tensor<40xf32> to tensor<40xi32>
  %bits_round_u = tensor.cast %bits_round : tensor<40xi32> to tensor<*xi32>
  call @printMemrefI32(%bits_round_u) : (tensor<*xi32>) -> ()
  %exp = call @exp(%in_any) : (tensor<132xf32>) -> tensor<132xi32>
  %exp_u = tensor.cast %exp : tensor<132xi32> to tensor<*xi32>
  call @printMemrefI32(%exp_u) : (tensor<*xi32>) -> ()
  %expm1 = call @expm1(%in_any) : (tensor<132xf32>) -> tensor<132xi32>
  %expm1_u = tensor.cast %expm1 : tensor<132xi32> to tensor<*xi32>
  call @printMemrefI32(%expm1_u) : (tensor<*xi32>) -> ()
  %tanh = call @tanh(%in_any) : (tensor<132xf32>) -> tensor<132xi32>
  %tanh_u = tensor.cast %tanh : tensor<132xi32> to tensor<*xi32>
  call @printMemrefI32(%tanh_u) : (tensor<*xi32>) -> ()
  %erf = call @erf(%in_any) : (tensor<132xf32>) -> tensor<132xi32>
  %erf_u = tensor.cast %erf : tensor<132xi32> to tensor<*xi32>
  call @printMemrefI32(%erf_u) : (tensor<*xi32>) -> ()
  %erfc = call @erfc(%in_any) : (tensor<132xf32>) -> tensor<132xi32>
  %erfc_u = tensor.cast %erfc : tensor<132xi32> to tensor<*xi32>
  call @printMemrefI32(%erfc_u) : (tensor<*xi32>) -> ()
  %log = call @log(%in_pos) : (tensor<127xf32>) -> tensor<127xi32>
  %log_u = tensor.cast %log : tensor<127xi32> to tensor<*xi32>
  call @printMemrefI32(%log_u) : (tensor<*xi32>) -> ()
  %log2 = call @log2(%in_pos) : (tensor<127xf32>) -> tensor<127xi32>
  %log2_u = tensor.cast %log2 : tensor<127xi32> to tensor<*xi32>
  call @printMemrefI32(%log2_u) : (tensor<*xi32>) -> ()
  %log1p = call @log1p(%in_pos) : (tensor<127xf32>) -> tensor<127xi32>
  %log1p_u = tensor.cast %log1p : tensor<127xi32> to tensor<*xi32>
  call @printMemrefI32(%log1p_u) : (tensor<*xi32>) -> ()
  %rsqrt = call @rsqrt(%in_pos) : (tensor<127xf32>) -> tensor<127xi32>
  %rsqrt_u = tensor.cast %rsqrt : tensor<127xi32> to tensor<*xi32>
  call @printMemrefI32(%rsqrt_u) : (tensor<*xi32>) -> ()
  %asin = call @asin(%in_unit) : (tensor<123xf32>) -> tensor<123xi32>
  %asin_u = tensor.cast %asin : tensor<123xi32> to tensor<*xi32>
  call @printMemrefI32(%asin_u) : (tensor<*xi32>) -> ()
  %acos = call @acos(%in_unit) : (tensor<123xf32>) -> tensor<123xi32>
  %acos_u = tensor.cast %acos : tensor<123xi32> to tensor<*xi32>
  call @printMemrefI32(%acos_u) : (tensor<*xi32>) -> ()
  %floor = call @floor(%in_round) : (tensor<40xf32>) -> tensor<40xi32>
  %floor_u = tensor.cast %floor : tensor<40xi32> to tensor<*xi32>
  call @printMemrefI32(%floor_u) : (tensor<*xi32>) -> ()
  %ceil = call @ceil(%in_round) : (tensor<40xf32>) -> tensor<40xi32>
  %ceil_u = tensor.cast %ceil : tensor<40xi32> to tensor<*xi32>
  call @printMemrefI32(%ceil_u) : (tensor<*xi32>) -> ()
  %trunc = call @trunc(%in_round) : (tensor<40xf32>) -> tensor<40xi32>
  %trunc_u = tensor.cast %trunc : tensor<40xi32> to tensor<*xi32>
  call @printMemrefI32(%trunc_u) : (tensor<*xi32>) -> ()
  %round = call @round(%in_round) : (tensor<40xf32>) -> tensor<40xi32>
  %round_u = tensor.cast %round : tensor<40xi32> to tensor<*xi32>
  call @printMemrefI32(%round_u) : (tensor<*xi32>) -> ()
  %roundeven = call @roundeven(%in_round) : (tensor<40xf32>) -> tensor<40xi32>
  %roundeven_u = tensor.cast %roundeven : tensor<40xi32> to tensor<*xi32>
  call @printMemrefI32(%roundeven_u) : (tensor<*xi32>) -> ()
  return
}
