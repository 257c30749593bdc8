#!/usr/bin/env python3
"""Writes face-api's facial expression network as an int8 TOSA model.

The network is face-api.js's FaceExpressionNet (Vincent Muehler, MIT; the
weights of the npm package @vladmandic/face-api 1.7.15, MIT): the
FaceFeatureExtractor (four dense blocks of 3x3 convolutions, the first one
regular, the others depthwise-separable, with dense connections: sums of the
earlier outputs feed the later convolutions), global average pooling and a
fully connected layer 256 -> 7 (the expression logits). Its weights are
magnitude-pruned (pointwise, regular and fully connected layers, to --density
per layer; depthwise filters stay dense) and quantized the way TensorFlow
Lite's post-training integer quantization does (per-output-channel symmetric
int8 weights, int32 biases, asymmetric int8 activations calibrated by a float
forward pass on a deterministic synthetic image, per-channel requantization by
multiplier and shift with double rounding, TFLite's ADD for the dense
connections). The model is written in the TOSA dialect as TensorFlow's
TFLite-to-TOSA legalisation writes one (MLIR 22 syntax).

It also computes the network's output with an integer reference written here
in Python (TFLite's arithmetic: SaturatingRoundingDoublingHighMul, then
RoundingDivideByPOT), from the weights or from a model this script wrote.

Usage:
  make_model.py MODEL_DIR [-o OUT.mlir] [--size 32] [--density 0.25] [--main]
                [--reference] [--stats]
  make_model.py --from-mlir MODEL.mlir [--reference] [--stats]

MODEL_DIR is the package's model/ folder (bench/trained/fetch-faceapi.sh
CACHE_DIR prints it). The MLIR goes to OUT (or to standard output when neither
--reference nor --stats is given). --main adds a @main that runs the model on
the deterministic input and prints its two outputs with printMemrefI32;
--reference prints what that @main prints (without the `base@` lines), computed
by the Python reference; --from-mlir reads the integer model (weights, biases,
multipliers, shifts, zero points and the input of @main) back from a file this
script wrote with --main, instead of building it.
"""

import argparse
import math
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "bench", "trained"))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
from tflite_arithmetic import INT32_MAX, INT32_MIN, clamp, multiply_by_quantized_multiplier  # noqa: E402

MODEL = "face_expression_model"
MEAN_RGB = (122.782, 117.001, 104.298)  # FaceFeatureExtractor.forwardInput
BLOCKS = (("dense0", 3, 32), ("dense1", 32, 64), ("dense2", 64, 128), ("dense3", 128, 256))
CLASSES = 7
ADD_LEFT_SHIFT = 20  # TFLite's int8 ADD (and TOSA legalisation's input_shift)


def round_away(v):
    """std::round: halves away from zero (TfLiteRound)."""
    return int(math.floor(abs(v) + 0.5)) * (1 if v >= 0 else -1)


# --------------------------------------------------------------------------
# Shapes: TensorFlow's 'same' padding.

def same_padding(size, stride, k=3):
    out = (size + stride - 1) // stride
    total = max((out - 1) * stride + k - size, 0)
    return out, total // 2, total - total // 2


class T:
    """An NHWC tensor of batch 1: flat values, height, width, channels, name."""

    def __init__(self, data, h, w, c, name):
        self.data, self.h, self.w, self.c, self.name = data, h, w, c, name


def conv_core(x, xs, taps, cout, k, stride, bias, summ):
    """A convolution as taps: for output channel co, taps[co] lists (kh, kw,
    ci, weight). xs are x's values with the zero point taken off (0 in the
    padding). Returns the accumulators (bias included) and the output shape."""
    oh, pt, pb = same_padding(x.h, stride, k)
    ow, pl, pr = same_padding(x.w, stride, k)
    if k == 1:
        oh, ow, pt, pb, pl, pr = x.h, x.w, 0, 0, 0, 0
    hp, wp, c = x.h + pt + pb, x.w + pl + pr, x.c
    zero = xs[0] * 0
    padded = [zero] * (hp * wp * c)
    for y in range(x.h):
        row = ((y + pt) * wp + pl) * c
        padded[row:row + x.w * c] = xs[y * x.w * c:(y + 1) * x.w * c]
    offs = [[((kh * wp + kw) * c + ci, wv) for kh, kw, ci, wv in taps[co]] for co in range(cout)]
    out = []
    for oy in range(oh):
        for ox in range(ow):
            base = (oy * stride * wp + ox * stride) * c
            for co in range(cout):
                out.append(bias[co] + summ(wv * padded[base + o] for o, wv in offs[co]))
    return out, oh, ow


def conv_taps(kind, shape, w):
    """Taps of a weight in TOSA's layout: conv [Cout, KH, KW, Cin] or depthwise
    [KH, KW, C, 1]; zeros dropped."""
    if kind == "depthwise":
        kh_, kw_, c, _ = shape
        return [[(kh, kw, ch, w[(kh * kw_ + kw) * c + ch])
                 for kh in range(kh_) for kw in range(kw_) if w[(kh * kw_ + kw) * c + ch]]
                for ch in range(c)], c, kh_
    cout, kh_, kw_, cin = shape
    return [[(kh, kw, ci, w[((co * kh_ + kh) * kw_ + kw) * cin + ci])
             for kh in range(kh_) for kw in range(kw_) for ci in range(cin)
             if w[((co * kh_ + kh) * kw_ + kw) * cin + ci]]
            for co in range(cout)], cout, kh_


# --------------------------------------------------------------------------
# The network, once, over an "executor": float calibration, integer
# reference and MLIR emission each implement conv, add, avgpool and fc.

def network(ex, x):
    out = x
    for i, (blk, _, _) in enumerate(BLOCKS):
        if i == 0:
            out1 = ex.conv(f"{blk}_conv0", out, "conv", 2, relu=True)
        else:
            out1 = ex.sepconv(f"{blk}_conv0", out, 2, relu=True)
        out2 = ex.sepconv(f"{blk}_conv1", out1, 1, relu=False)
        in3 = ex.add(f"{blk}_in3", out1, out2, relu=True)
        out3 = ex.sepconv(f"{blk}_conv2", in3, 1, relu=False)
        s23 = ex.add(f"{blk}_add23", out2, out3, relu=False)
        in4 = ex.add(f"{blk}_in4", out1, s23, relu=True)
        out4 = ex.sepconv(f"{blk}_conv3", in4, 1, relu=False)
        s34 = ex.add(f"{blk}_add34", out3, out4, relu=False)
        s234 = ex.add(f"{blk}_add234", out2, s34, relu=False)
        out = ex.add(f"{blk}_out", out1, s234, relu=True)
    pooled = ex.avgpool("pool", out)
    return ex.fc("fc", pooled)


class Executor:
    def sepconv(self, name, x, stride, relu):
        # tf.separableConv2d + bias: the depthwise output is a tensor of its own.
        d = self.conv(name + "_dw", x, "depthwise", stride, relu=False)
        return self.conv(name, d, "pointwise", 1, relu=relu)


# --------------------------------------------------------------------------
# Float model: face-api's weights, pruned; the calibration pass.

def prune(values, density):
    """Keeps the round(density * n) largest magnitudes (ties: the first)."""
    keep = max(1, round(density * len(values)))
    order = sorted(range(len(values)), key=lambda i: (-abs(values[i]), i))
    kept = set(order[:keep])
    return [v if i in kept else 0.0 for i, v in enumerate(values)]


def float_model(model_dir, density):
    """name -> (kind, TOSA-layout shape, flat float weights, float bias)."""
    from faceapi_layers import load_weights
    wts = load_weights(model_dir, MODEL)
    layers = {}

    def tf_conv_to_ohwi(shape, v):
        kh, kw, ci, co = shape
        return [v[((h * kw + w) * ci + c) * co + o]
                for o in range(co) for h in range(kh) for w in range(kw) for c in range(ci)], [co, kh, kw, ci]

    for i, (blk, _, _) in enumerate(BLOCKS):
        for j in range(4):
            p = f"{blk}/conv{j}/"
            n = f"{blk}_conv{j}"
            bias = wts[p + "bias"][1]
            if i == 0 and j == 0:
                w, shape = tf_conv_to_ohwi(*wts[p + "filters"])
                layers[n] = ("conv", shape, prune(w, density), bias)
                continue
            dshape, dw = wts[p + "depthwise_filter"]
            layers[n + "_dw"] = ("depthwise", list(dshape), list(dw), [0.0] * dshape[2])
            w, shape = tf_conv_to_ohwi(*wts[p + "pointwise_filter"])
            layers[n] = ("pointwise", shape, prune(w, density), bias)
    fshape, fw = wts["fc/weights"]  # [256, 7], y = x W
    cin, cout = fshape
    w = [fw[ci * cout + co] for co in range(cout) for ci in range(cin)]
    layers["fc"] = ("fc", [cout, 1, 1, cin], prune(w, density), wts["fc/bias"][1])
    return layers


class FloatExec(Executor):
    """The float network; records each tensor's range."""

    def __init__(self, layers):
        self.layers, self.ranges = layers, {}

    def record(self, t):
        self.ranges[t.name] = (min(t.data), max(t.data))
        return t

    def conv(self, name, x, kind, stride, relu):
        _, shape, w, bias = self.layers[name]
        taps, cout, k = conv_taps(kind, shape, w)
        acc, oh, ow = conv_core(x, x.data, taps, cout, k, stride, bias, math.fsum)
        if relu:
            acc = [max(0.0, v) for v in acc]
        return self.record(T(acc, oh, ow, cout, name))

    def add(self, name, a, b, relu):
        s = [u + v for u, v in zip(a.data, b.data)]
        if relu:
            s = [max(0.0, v) for v in s]
        return self.record(T(s, a.h, a.w, a.c, name))

    def avgpool(self, name, x):
        n = x.h * x.w
        return self.record(T([math.fsum(x.data[p * x.c + ch] for p in range(n)) / n for ch in range(x.c)],
                             1, 1, x.c, name))

    def fc(self, name, x):
        _, shape, w, bias = self.layers[name]
        taps, cout, _ = conv_taps("fc", shape, w)
        acc, _, _ = conv_core(x, x.data, taps, cout, 1, 1, bias, math.fsum)
        return self.record(T(acc, 1, 1, cout, name))


# --------------------------------------------------------------------------
# Deterministic input: a synthetic 8-bit RGB image (integer arithmetic only,
# so it is the same everywhere), normalized as face-api does, quantized.

def synthetic_image(size, seed=20240601):
    state = seed
    pixels = []
    for y in range(size):
        for x in range(size):
            for c in range(3):
                state = (1103515245 * state + 12345) % (1 << 31)
                noise = (state >> 16) % 48
                smooth = (3 * x * x + 5 * x * y + 2 * y * y + 71 * c) % 160
                pixels.append(clamp(40 + smooth + noise, 0, 255))
    return pixels


def input_quantization():
    """The normalized input's fixed range, (p - mean) / 255 over p in 0..255."""
    lo = (0 - max(MEAN_RGB)) / 255.0
    hi = (255 - min(MEAN_RGB)) / 255.0
    return activation_quantization(lo, hi)


def activation_quantization(lo, hi):
    """Asymmetric int8 (TFLite): the range widened to hold 0."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi == lo:
        hi = lo + 1e-6
    scale = (hi - lo) / 255.0
    zp = clamp(round_away(-128 - lo / scale), -128, 127)
    return scale, zp


# --------------------------------------------------------------------------
# Quantization: the integer model as named constants (shape, type, values),
# exactly what the MLIR holds.

def quantize_multiplier(m):
    """TFLite's QuantizeMultiplier as TOSA's (multiplier, right shift)."""
    if m <= 0:
        return 0, 31
    mant, exp = math.frexp(m)
    q = round_away(mant * (1 << 31))
    if q == 1 << 31:
        q //= 2
        exp += 1
    shift = 31 - exp
    if shift > 62:  # too small for 32 bits: what is left of it
        q >>= shift - 62
        shift = 62
    if shift < 2:
        raise ValueError(f"rescale by {m} is too large for TOSA")
    return q, shift


def quantize(layers, size):
    scale_in, zp_in = input_quantization()
    pixels = synthetic_image(size)
    xq = [clamp(round_away((p - MEAN_RGB[i % 3]) / 255.0 / scale_in) + zp_in, -128, 127)
          for i, p in enumerate(pixels)]
    fx = FloatExec(layers)
    fin = T([scale_in * (q - zp_in) for q in xq], size, size, 3, "x")
    flogits = network(fx, fin)

    consts = {"x_zp": ([1], "i8", [zp_in]), "input": ([1, size, size, 3], "i8", xq)}
    qparams = {"x": (scale_in, zp_in)}
    for name, (lo, hi) in fx.ranges.items():
        qparams[name] = activation_quantization(lo, hi)
        consts[name + "_zp"] = ([1], "i8", [qparams[name][1]])
    qx = QuantExec(layers, qparams, consts)
    network(qx, T(None, size, size, 3, "x"))
    return consts, flogits, qparams


class QuantExec(Executor):
    """Walks the network once, quantizing each layer into consts."""

    def __init__(self, layers, qparams, consts):
        self.layers, self.q, self.consts = layers, qparams, consts

    def conv(self, name, x, kind, stride, relu):
        _, shape, w, bias = self.layers[name]
        s_in, s_out = self.q[x.name][0], self.q[name][0]
        cout = shape[2] if kind == "depthwise" else shape[0]
        if kind == "depthwise":
            chan = lambda i: i % cout  # noqa: E731
        else:
            per = len(w) // cout
            chan = lambda i: i // per  # noqa: E731
        mx = [0.0] * cout
        for i, v in enumerate(w):
            mx[chan(i)] = max(mx[chan(i)], abs(v))
        top = max(mx)  # a channel pruned away entirely takes the layer's scale
        sw = [(m if m > 0 else top) / 127.0 for m in mx]
        wq = [clamp(round_away(v / sw[chan(i)]), -127, 127) for i, v in enumerate(w)]
        bq = [clamp(round_away(b / (s_in * sw[c])), INT32_MIN, INT32_MAX) for c, b in enumerate(bias)]
        ms = [quantize_multiplier(s_in * sw[c] / s_out) for c in range(cout)]
        self.consts[name + "_w"] = (shape, "i8", wq)
        self.consts[name + "_b"] = ([cout], "i32", bq)
        self.consts[name + "_mult"] = ([cout], "i32", [m for m, _ in ms])
        self.consts[name + "_shift"] = ([cout], "i8", [s for _, s in ms])
        oh = same_padding(x.h, stride)[0]
        return T(None, oh, oh, cout, name)

    def add(self, name, a, b, relu):
        sa, sb, so = self.q[a.name][0], self.q[b.name][0], self.q[name][0]
        twice_max = 2 * max(sa, sb)
        for side, s in (("a", sa), ("b", sb)):
            m, sh = quantize_multiplier((1 << ADD_LEFT_SHIFT) * s / twice_max)
            self.consts[f"{name}_{side}_mult"] = ([1], "i32", [m])
            self.consts[f"{name}_{side}_shift"] = ([1], "i8", [sh])
        m, sh = quantize_multiplier(twice_max / ((1 << ADD_LEFT_SHIFT) * so))
        self.consts[name + "_mult"] = ([1], "i32", [m])
        self.consts[name + "_shift"] = ([1], "i8", [sh])
        return T(None, a.h, a.w, a.c, name)

    def avgpool(self, name, x):
        # TFLite's AVERAGE_POOL_2D keeps its input's quantization.
        self.q[name] = self.q[x.name]
        self.consts[name + "_zp"] = ([1], "i8", [self.q[x.name][1]])
        return T(None, 1, 1, x.c, name)

    def fc(self, name, x):
        return self.conv(name, x, "fc", 1, relu=False)


# --------------------------------------------------------------------------
# The integer reference (TFLite's arithmetic, TOSA's avg_pool2d).

def rescale(x, multiplier, tosa_shift):
    """tosa.rescale with DOUBLE_ROUND, computed as TFLite does: its shift
    (left, positive) is 31 - TOSA's right shift."""
    return multiply_by_quantized_multiplier(x, multiplier, 31 - tosa_shift)


class IntExec(Executor):
    def __init__(self, consts):
        self.c = consts

    def v(self, name):
        return self.c[name][2]

    def zp(self, tensor_name):
        return self.v(tensor_name + "_zp")[0]

    def requantize(self, acc, nch, mult, shift, zp, relu):
        out = []
        for i, a in enumerate(acc):
            ch = i % nch
            y = clamp(rescale(a, mult[ch % len(mult)], shift[ch % len(shift)]) + zp,
                      -128, 127)
            out.append(max(y, zp) if relu else y)
        return out

    def conv(self, name, x, kind, stride, relu):
        shape, _, w = self.c[name + "_w"]
        taps, cout, k = conv_taps(kind, shape, w)
        izp = self.zp(x.name)
        acc, oh, ow = conv_core(x, [v - izp for v in x.data], taps, cout, k, stride, self.v(name + "_b"), sum)
        self.last_acc = acc
        y = self.requantize(acc, cout, self.v(name + "_mult"), self.v(name + "_shift"), self.zp(name), relu)
        return T(y, oh, ow, cout, name)

    def add(self, name, a, b, relu):
        za, zb = self.zp(a.name), self.zp(b.name)
        ma, sa = self.v(name + "_a_mult")[0], self.v(name + "_a_shift")[0]
        mb, sb = self.v(name + "_b_mult")[0], self.v(name + "_b_shift")[0]
        s = [rescale(u - za, ma, sa) + rescale(v - zb, mb, sb)
             for u, v in zip(a.data, b.data)]
        y = self.requantize(s, 1, self.v(name + "_mult"), self.v(name + "_shift"), self.zp(name), relu)
        return T(y, a.h, a.w, a.c, name)

    def avgpool(self, name, x):
        # TOSA's avg_pool2d: sum of (x - zp), times reciprocal_scale(count),
        # single rounding, plus the output zero point.
        count = x.h * x.w
        k = (count - 1).bit_length()
        mult, shift = (((1 << 30) + 1) << k) // count, 30 + k
        izp, ozp = self.zp(x.name), self.zp(name)
        out = []
        for ch in range(x.c):
            acc = sum(x.data[p * x.c + ch] - izp for p in range(count))
            out.append(clamp(((acc * mult + (1 << (shift - 1))) >> shift) + ozp, -128, 127))
        return T(out, 1, 1, x.c, name)

    def fc(self, name, x):
        y = self.conv(name, x, "fc", 1, relu=False)
        return y, self.last_acc


def reference(consts):
    shape = consts["input"][0]
    logits, acc = network(IntExec(consts), T(consts["input"][2], shape[1], shape[2], shape[3], "x"))
    return logits.data, acc


def memref_line(values):
    """printMemrefI32's data line for a 1 x N memref."""
    return "[[" + ",   ".join(str(v) for v in values) + "]]"


# --------------------------------------------------------------------------
# MLIR.

def tensor_type(shape, ty):
    return "tensor<" + "x".join(str(d) for d in shape) + "x" + ty + ">"


def dense(shape, ty, values):
    n = len(values)
    if n == 1 or all(v == values[0] for v in values):
        return f"dense<{values[0]}>"
    if n <= 16:
        return "dense<[" + ", ".join(str(v) for v in values) + "]>"
    if ty == "i8":
        raw = bytes(v & 0xFF for v in values)
    else:
        raw = struct.pack(f"<{n}i", *values)
    return 'dense<"0x' + raw.hex().upper() + '">'


class MlirExec(Executor):
    def __init__(self, consts):
        self.c, self.lines, self.emitted = consts, [], set()

    def const(self, name):
        if name not in self.emitted:
            shape, ty, values = self.c[name]
            t = tensor_type(shape, ty)
            self.lines.append(f'    %{name} = "tosa.const"() {{values = {dense(shape, ty, values)} : {t}}} : () -> {t}')
            self.emitted.add(name)
        return "%" + name

    def rescale(self, out, x, xty, mult, shift, izp, ozp, oty, per_channel):
        n = len(self.c[mult][2])
        mt, st = tensor_type([n], "i32"), tensor_type([n], "i8")
        izpt, ozpt = tensor_type([1], xty.split("x")[-1][:-1]), tensor_type([1], oty.split("x")[-1][:-1])
        m, s, zi, zo = self.const(mult), self.const(shift), self.const(izp), self.const(ozp)
        self.lines.append(
            f"    %{out} = tosa.rescale {x}, {m}, {s}, {zi}, {zo} {{scale32 = true, rounding_mode = DOUBLE_ROUND, "
            f"per_channel = {'true' if per_channel else 'false'}, input_unsigned = false, output_unsigned = false}} "
            f": ({xty}, {mt}, {st}, {izpt}, {ozpt}) -> {oty}")

    def clamp_relu(self, out, x, ty, zp):
        self.lines.append(f"    %{out} = tosa.clamp {x} {{min_val = {zp} : i8, max_val = 127 : i8}} : ({ty}) -> {ty}")

    def conv(self, name, x, kind, stride, relu, src=None, acc_name=None):
        shape = self.c[name + "_w"][0]
        cout = shape[2] if kind == "depthwise" else shape[0]
        k = shape[0] if kind == "depthwise" else shape[1]
        oh, pt, pb = same_padding(x.h, stride, k)
        ow, pl, pr = same_padding(x.w, stride, k)
        if k == 1:
            oh, ow, pt, pb, pl, pr = x.h, x.w, 0, 0, 0, 0
        xty = tensor_type([1, x.h, x.w, x.c], "i8")
        wty = tensor_type(shape, "i8")
        bty = tensor_type([cout], "i32")
        accty = tensor_type([1, oh, ow, cout], "i32")
        oty = tensor_type([1, oh, ow, cout], "i8")
        w, b, zi = self.const(name + "_w"), self.const(name + "_b"), self.const(x.name + "_zp")
        op = "tosa.depthwise_conv2d" if kind == "depthwise" else "tosa.conv2d"
        self.lines.append(
            f"    %{name}_acc = {op} {src or '%' + x.name}, {w}, {b}, {zi}, %zero_i8 {{acc_type = i32, "
            f"dilation = array<i64: 1, 1>, pad = array<i64: {pt}, {pb}, {pl}, {pr}>, stride = array<i64: {stride}, {stride}>}} "
            f": ({xty}, {wty}, {bty}, tensor<1xi8>, tensor<1xi8>) -> {accty}")
        acc = f"%{name}_acc"
        if acc_name:  # the fully connected layer: [1, 1, 1, N] -> [1, N]
            accty2 = tensor_type([1, cout], "i32")
            self.lines.append(f"    %{acc_name} = tosa.reshape {acc}, %shape_1x{cout} : ({accty}, !tosa.shape<2>) -> {accty2}")
            acc, accty, oty = "%" + acc_name, accty2, tensor_type([1, cout], "i8")
        self.rescale(name if not relu else name + "_r", acc, accty, name + "_mult", name + "_shift", "zero_i32",
                     name + "_zp", oty, True)
        if relu:
            self.clamp_relu(name, f"%{name}_r", oty, self.c[name + "_zp"][2][0])
        return T(None, oh, ow, cout, name)

    def add(self, name, a, b, relu):
        ty8 = tensor_type([1, a.h, a.w, a.c], "i8")
        ty32 = tensor_type([1, a.h, a.w, a.c], "i32")
        self.rescale(f"{name}_a", f"%{a.name}", ty8, f"{name}_a_mult", f"{name}_a_shift", a.name + "_zp",
                     "zero_i32", ty32, False)
        self.rescale(f"{name}_b", f"%{b.name}", ty8, f"{name}_b_mult", f"{name}_b_shift", b.name + "_zp",
                     "zero_i32", ty32, False)
        self.lines.append(f"    %{name}_sum = tosa.add %{name}_a, %{name}_b : ({ty32}, {ty32}) -> {ty32}")
        self.rescale(name if not relu else name + "_r", f"%{name}_sum", ty32, name + "_mult", name + "_shift",
                     "zero_i32", name + "_zp", ty8, False)
        if relu:
            self.clamp_relu(name, f"%{name}_r", ty8, self.c[name + "_zp"][2][0])
        return T(None, a.h, a.w, a.c, name)

    def avgpool(self, name, x):
        ity = tensor_type([1, x.h, x.w, x.c], "i8")
        oty = tensor_type([1, 1, 1, x.c], "i8")
        zi, zo = self.const(x.name + "_zp"), self.const(name + "_zp")
        self.lines.append(
            f"    %{name} = tosa.avg_pool2d %{x.name}, {zi}, {zo} {{acc_type = i32, "
            f"kernel = array<i64: {x.h}, {x.w}>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>}} "
            f": ({ity}, tensor<1xi8>, tensor<1xi8>) -> {oty}")
        return T(None, 1, 1, x.c, name)

    def fc(self, name, x):
        # The tf.as2D reshape, then FULLY_CONNECTED as the legalisation writes
        # it: reshape to [N, 1, 1, K], a 1x1 conv2d, reshape back.
        c = x.c
        self.lines.append(f"    %{name}_in2d = tosa.reshape %{x.name}, %shape_1x{c} : "
                          f"(tensor<1x1x1x{c}xi8>, !tosa.shape<2>) -> tensor<1x{c}xi8>")
        self.lines.append(f"    %{name}_in = tosa.reshape %{name}_in2d, %shape_1x1x1x{c} : "
                          f"(tensor<1x{c}xi8>, !tosa.shape<4>) -> tensor<1x1x1x{c}xi8>")
        return self.conv(name, x, "fc", 1, relu=False, src=f"%{name}_in", acc_name=name + "_acc2d")


def emit_mlir(consts, size, with_main, header):
    ex = MlirExec(consts)
    out = [header, "module {",
           f"  func.func @faceapi_cnn(%x: tensor<1x{size}x{size}x3xi8>) -> (tensor<1x{CLASSES}xi8>, tensor<1x{CLASSES}xi32>) {{"]
    c_last = BLOCKS[-1][2]
    ex.lines.append(f'    %zero_i8 = "tosa.const"() {{values = dense<0> : tensor<1xi8>}} : () -> tensor<1xi8>')
    ex.lines.append(f'    %zero_i32 = "tosa.const"() {{values = dense<0> : tensor<1xi32>}} : () -> tensor<1xi32>')
    for shape in ([1, c_last], [1, 1, 1, c_last], [1, CLASSES]):
        name = "shape_" + "x".join(map(str, shape))
        ex.lines.append(f"    %{name} = tosa.const_shape {{values = dense<[{', '.join(map(str, shape))}]> : "
                        f"tensor<{len(shape)}xindex>}} : () -> !tosa.shape<{len(shape)}>")
    ex.emitted.update(("zero_i8", "zero_i32"))
    network(ex, T(None, size, size, 3, "x"))
    out += ex.lines
    out.append(f"    return %fc, %fc_acc2d : tensor<1x{CLASSES}xi8>, tensor<1x{CLASSES}xi32>")
    out.append("  }")
    if with_main:
        shape, ty, values = consts["input"]
        t = tensor_type(shape, ty)
        out += [
            "",
            "  func.func private @printMemrefI32(tensor<*xi32>)",
            "",
            "  // The deterministic input (make_model.py's synthetic image, normalized and",
            "  // quantized); prints it (as i32, for scripts/entry-check.py), then the int8",
            "  // logits (as i32) and the fully connected layer's int32 accumulators.",
            "  func.func @main() {",
            f"    %input = arith.constant {dense(shape, ty, values)} : {t}",
            f"    %i = arith.extsi %input : {t} to {t.replace('xi8>', 'xi32>')}",
            f"    %iu = tensor.cast %i : {t.replace('xi8>', 'xi32>')} to tensor<*xi32>",
            "    call @printMemrefI32(%iu) : (tensor<*xi32>) -> ()",
            f"    %y:2 = call @faceapi_cnn(%input) : ({t}) -> (tensor<1x{CLASSES}xi8>, tensor<1x{CLASSES}xi32>)",
            f"    %l = arith.extsi %y#0 : tensor<1x{CLASSES}xi8> to tensor<1x{CLASSES}xi32>",
            f"    %lu = tensor.cast %l : tensor<1x{CLASSES}xi32> to tensor<*xi32>",
            "    call @printMemrefI32(%lu) : (tensor<*xi32>) -> ()",
            f"    %au = tensor.cast %y#1 : tensor<1x{CLASSES}xi32> to tensor<*xi32>",
            "    call @printMemrefI32(%au) : (tensor<*xi32>) -> ()",
            "    return",
            "  }",
        ]
    out.append("}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Reading a model back (--from-mlir).

CONST_RE = re.compile(r'%(\w+) = (?:"tosa\.const"\(\) \{values = |arith\.constant )'
                      r'dense<(.*?)> : tensor<([0-9x]+)x(i8|i32)>')


def parse_mlir(text):
    consts = {}
    for m in CONST_RE.finditer(text):
        name, payload, dims, ty = m.groups()
        shape = [int(d) for d in dims.split("x")]
        n = 1
        for d in shape:
            n *= d
        if payload.startswith('"0x'):
            raw = bytes.fromhex(payload[3:-1])
            values = list(struct.unpack(f"<{n}{'b' if ty == 'i8' else 'i'}", raw))
        elif payload.startswith("["):
            values = [int(v) for v in payload.strip("[]").split(",")]
        else:
            values = [int(payload)] * n
        consts[name] = (shape, ty, values)
    if "input" not in consts:
        sys.exit("make_model.py: no @main input in the model (write it with --main)")
    return consts


# --------------------------------------------------------------------------
# Statistics.

def stats(consts, out):
    """MACs per layer and per kind (regular conv, depthwise, pointwise, fc),
    dense and over the nonzero weights, and the model's bytes."""
    size = consts["input"][0][1]
    out_size = {"fc": 1}
    h = size
    for blk, _, _ in BLOCKS:
        h = same_padding(h, 2)[0]
        for j in range(4):
            out_size[f"{blk}_conv{j}"] = out_size[f"{blk}_conv{j}_dw"] = h
    rows, kinds = [], {}
    for name, (shape, _, values) in consts.items():
        if not name.endswith("_w"):
            continue
        layer = name[:-2]
        kind = ("fc" if layer == "fc" else "depthwise" if layer.endswith("_dw")
                else "pointwise" if shape[1] == 1 else "conv")
        n, nnz = len(values), sum(1 for v in values if v)
        pixels = out_size[layer] ** 2  # each weight is used once per output pixel
        rows.append((layer, kind, shape, out_size[layer], n, nnz, pixels * n, pixels * nnz))
        k = kinds.setdefault(kind, [0] * 5)
        for i, v in enumerate((1, pixels * n, pixels * nnz, n, nnz)):
            k[i] += v
    macs, macs_nnz = sum(r[6] for r in rows), sum(r[7] for r in rows)
    weights, nonzero = sum(r[4] for r in rows), sum(r[5] for r in rows)

    def nbytes(suffix, skip=""):
        return sum(len(v) * (4 if ty == "i32" else 1) for n, (_, ty, v) in consts.items()
                   if n.endswith(suffix) and not (skip and n.endswith(skip)))
    biases = sum(4 * len(v) for n, (_, _, v) in consts.items()
                 if n.endswith("_b") and not n.endswith("_dw_b") and n[:-2] + "_w" in consts)
    rescale = nbytes("_mult") + nbytes("_shift")
    adds = sum(1 for n in consts if n.endswith("_a_mult"))

    def p(s=""):
        print(s, file=out)
    p(f"faceapi-cnn, {size}x{size}x3 input: {len(rows)} layers with weights, {adds} int8 additions, "
      f"1 average pooling")
    p(f"{'layer':<16} {'kind':<10} {'weight shape':<12} {'output':>7} {'weights':>7} {'nonzero':>7} "
      f"{'MACs':>8} {'share':>6} {'nz MACs':>8}")
    for layer, kind, shape, hw, n, nnz, m, mn in rows:
        p(f"{layer:<16} {kind:<10} {'x'.join(map(str, shape)):<12} {f'{hw}x{hw}':>7} {n:>7} {nnz:>7} "
          f"{m:>8} {100.0 * m / macs:>5.1f}% {mn:>8}")
    p()
    p(f"{'kind':<10} {'layers':>6} {'MACs':>8} {'share':>6} {'nz MACs':>8} {'share':>6} {'weights':>7} {'nonzero':>7}")
    for kind in ("conv", "depthwise", "pointwise", "fc"):
        c, m, mn, n, nnz = kinds.get(kind, [0] * 5)
        p(f"{kind:<10} {c:>6} {m:>8} {100.0 * m / macs:>5.1f}% {mn:>8} {100.0 * mn / macs_nnz:>5.1f}% "
          f"{n:>7} {nnz:>7}")
    p(f"{'total':<10} {len(rows):>6} {macs:>8} {'100%':>6} {macs_nnz:>8} {'100%':>6} {weights:>7} {nonzero:>7}")
    p()
    p(f"weight bytes: {weights} (int8, stored dense), {nonzero} of them nonzero; biases {biases} (int32; "
      f"the depthwise convolutions have none); rescale multipliers and shifts {rescale}; "
      f"total {weights + biases + rescale}")


# --------------------------------------------------------------------------

HEADER = """\
// face-api's facial expression network (FaceExpressionNet: FaceFeatureExtractor +
// fully connected 256 -> 7) as an int8 TOSA model, {size}x{size}x3 input, written by
// examples/faceapi-cnn/make_model.py. Do not edit: regenerate with
//   python3 examples/faceapi-cnn/make_model.py "$(bash bench/trained/fetch-faceapi.sh build/bench-cache)" \\
//     --size {size} --density {density} --main -o examples/faceapi-cnn/faceapi_cnn.mlir
// Weights: face_expression_model of the npm package @vladmandic/face-api 1.7.15 (MIT
// licence), which are those of face-api.js by Vincent Muehler (MIT licence, Copyright (c)
// 2018 Vincent Muehler); derived here: pointwise, regular and fully connected weights
// magnitude-pruned to density {density} per layer, all weights quantized to per-channel
// symmetric int8, activations to asymmetric int8 calibrated on a synthetic image.
// See examples/faceapi-cnn/README.md."""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("model_dir", nargs="?", help="the package's model/ folder")
    ap.add_argument("-o", "--output", help="write the MLIR here")
    ap.add_argument("--size", type=int, default=32, help="input height and width (default 32)")
    ap.add_argument("--density", type=float, default=0.25, help="kept fraction of each pruned layer")
    ap.add_argument("--main", action="store_true", help="add @main (host run on the deterministic input)")
    ap.add_argument("--reference", action="store_true", help="print the integer reference's output")
    ap.add_argument("--stats", action="store_true", help="print MACs and weight bytes per layer kind")
    ap.add_argument("--from-mlir", metavar="FILE", help="read the integer model from FILE instead")
    args = ap.parse_args()

    flogits = qparams = None
    if args.from_mlir:
        with open(args.from_mlir) as f:
            consts = parse_mlir(f.read())
    else:
        if not args.model_dir:
            ap.error("give MODEL_DIR or --from-mlir")
        if args.size < 1:
            ap.error("--size must be positive")
        consts, flogits, qparams = quantize(float_model(args.model_dir, args.density), args.size)
        text = emit_mlir(consts, args.size, args.main,
                         HEADER.format(size=args.size, density=args.density))
        if args.output:
            with open(args.output, "w") as f:
                f.write(text)
        elif not (args.reference or args.stats):
            sys.stdout.write(text)

    if args.stats:
        stats(consts, sys.stdout)
    if args.reference or (args.stats and flogits is not None):
        logits, acc = reference(consts)
        if args.reference:
            print(memref_line(logits))
            print(memref_line(acc))
        if args.stats and flogits is not None:
            s, zp = qparams["fc"]
            deq = [s * (q - zp) for q in logits]
            fl = flogits.data
            print(f"\nfloat (pruned) logits: {', '.join(f'{v:.3f}' for v in fl)}")
            print(f"int8 logits, dequantized: {', '.join(f'{v:.3f}' for v in deq)} "
                  f"(max difference {max(abs(a - b) for a, b in zip(fl, deq)):.3f}, output scale {s:.4f}; "
                  f"argmax {fl.index(max(fl))} float, {deq.index(max(deq))} int8)")


if __name__ == "__main__":
    main()
