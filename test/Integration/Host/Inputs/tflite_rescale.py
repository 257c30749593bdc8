#!/usr/bin/env python3
"""TOSA rescales as TFLite legalises them, and what TFLite computes for them.

`model` writes a TOSA module: @net takes int32 accumulators (1x8x8x16) and
int8 activations (1x8x8x16) and returns
  - the accumulators requantized per channel to int8 with ReLU (TFLite's
    conv output stage: per-channel multiplier and shift, output zero point,
    clamp to [zero point, 127]),
  - the same with a ReLU6-like clamp and another zero point,
  - the activations rescaled int8 -> int32 with an input zero point and a
    left shift (the input stage of TFLite's int8 ADD), then back to int8
    without clamping beyond int8.
@main passes inputs that cover the int32 range, rounding ties and both
signs, prints them and the three outputs (printMemrefI32, inputs first).

`reference` prints the outputs as TFLite's reference kernels compute them
(MultiplyByQuantizedMultiplier: SaturatingRoundingDoublingHighMul, then
RoundingDivideByPOT: "double rounding"), written from TFLite's definitions,
independently of TOSA's own rescale formula, one line of values per output.

`printed` reads what @main printed and prints its three outputs the same
way.

Usage: tflite_rescale.py model > net.mlir
       tflite_rescale.py reference > expected.txt
       tflite_rescale.py printed HOST_OUTPUT > outputs.txt
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "..", "scripts"))
from printed_memrefs import printed_tensors  # noqa: E402
from tflite_arithmetic import clamp, multiply_by_quantized_multiplier  # noqa: E402

C = 16  # channels
SHAPE = (1, 8, 8, C)
COUNT = 8 * 8 * C


def lcg(seed):
    state = seed
    while True:
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        yield state >> 33


def channel_scales():
    """Per-channel (multiplier, TFLite shift): multipliers in [2^30, 2^31),
    2^30 itself (the most ties), shifts from right 24 to left 2."""
    rand = lcg(7)
    scales = []
    for c in range(C):
        m = (1 << 30) if c % 5 == 0 else (1 << 30) + next(rand) % (1 << 30)
        s = [-24, -12, -9, -8, -7, -5, -3, -1, 0, 1, 2][c % 11]
        scales.append((m, s))
    return scales


def accumulators():
    rand = lcg(11)
    values = []
    for i in range(COUNT):
        kind = i % 4
        r = next(rand)
        if kind == 0:  # anywhere in int32
            v = ((r << 31) ^ next(rand)) % 2**32 - 2**31
        elif kind == 1:  # a typical accumulator
            v = r % 200001 - 100000
        elif kind == 2:  # an exact multiple of a power of two, then half
            v = ((r % 4001) - 2000) << (r % 10)
            v += (1 << (r % 10)) >> 1
        else:  # small, both signs
            v = r % 257 - 128
        values.append(v)
    # The extremes.
    values[0], values[1], values[2] = -2**31, 2**31 - 1, 0
    # Where TFLite shifts left before multiplying, it does so in int32: an
    # accumulator it would overflow is outside what a model can produce.
    for i, (_, s) in enumerate(channel_scales() * (COUNT // C)):
        if s > 0:
            values[i] = clamp(values[i], -2**(31 - s), 2**(31 - s) - 1)
    return values


def activations():
    rand = lcg(13)
    return [next(rand) % 256 - 128 for _ in range(COUNT)]


RELU_ZP, RELU6_ZP, RELU6_MAX = -128, -20, 90
ADD_IN_ZP, ADD_LEFT = 3, 20
ADD_IN_SCALE = (1518500250, -1)  # the input's multiplier and shift
ADD_OUT_SCALE = (1288490189, -21)
ADD_OUT_ZP = -7


def reference():
    acc, act = accumulators(), activations()
    scales = channel_scales()
    relu, relu6 = [], []
    for i, v in enumerate(acc):
        m, s = scales[i % C]
        y = multiply_by_quantized_multiplier(v, m, s)
        relu.append(clamp(y + RELU_ZP, RELU_ZP, 127))
        relu6.append(clamp(y + RELU6_ZP, RELU6_ZP, RELU6_MAX))
    add = []
    for v in act:
        shifted = (v - ADD_IN_ZP) * (1 << ADD_LEFT)
        scaled = multiply_by_quantized_multiplier(shifted, *ADD_IN_SCALE)
        out = multiply_by_quantized_multiplier(scaled, *ADD_OUT_SCALE)
        add.append(clamp(out + ADD_OUT_ZP, -128, 127))
    for values in (relu, relu6, add):
        print(" ".join(map(str, values)))


def nested(values, shape):
    """The literal of `values` in row-major order with the brackets of
    `shape`."""
    if len(shape) == 1:
        return "[%s]" % ", ".join(map(str, values))
    step = len(values) // shape[0]
    return "[%s]" % ", ".join(nested(values[i * step:(i + 1) * step],
                                     shape[1:]) for i in range(shape[0]))


def dense(values, type_, shape=None):
    return "dense<%s> : %s" % (nested(values, shape or (len(values),)), type_)


def tosa_shift(shift):
    """TOSA's shift is the right shift of the 32x32-bit product: 31 - s."""
    return 31 - shift


def model():
    scales = channel_scales()
    t32 = "tensor<1x8x8x16xi32>"
    t8 = "tensor<1x8x8x16xi8>"
    mult = dense([m for m, _ in scales], "tensor<16xi32>")
    shift = dense([tosa_shift(s) for _, s in scales], "tensor<16xi8>")

    def const(name, value, type_):
        return ('  %%%s = "tosa.const"() {values = %s} : () -> %s\n'
                % (name, value if value.startswith("dense") else
                   "dense<%s> : %s" % (value, type_), type_))

    def rescale(out, inp, m, s, izp, ozp, in_t, out_t, izp_t, ozp_t,
                per_channel):
        return ("  %%%s = tosa.rescale %%%s, %%%s, %%%s, %%%s, %%%s {scale32 = "
                "true, rounding_mode = DOUBLE_ROUND, per_channel = %s, "
                "input_unsigned = false, output_unsigned = false} : (%s, %s, "
                "%s, %s, %s) -> %s\n" % (
                    out, inp, m, s, izp, ozp, per_channel, in_t,
                    "tensor<16xi32>" if per_channel == "true" else
                    "tensor<1xi32>",
                    "tensor<16xi8>" if per_channel == "true" else
                    "tensor<1xi8>", izp_t, ozp_t, out_t))

    text = ["// Generated by tflite_rescale.py model.\n"]
    text.append("func.func @net(%%acc: %s, %%act: %s) -> (%s, %s, %s) {\n"
                % (t32, t8, t8, t8, t8))
    text.append(const("mult", mult, "tensor<16xi32>"))
    text.append(const("shift", shift, "tensor<16xi8>"))
    text.append(const("zp0", "0", "tensor<1xi32>"))
    text.append(const("zp0b", "0", "tensor<1xi8>"))
    text.append(const("relu_zp", str(RELU_ZP), "tensor<1xi8>"))
    text.append(const("relu6_zp", str(RELU6_ZP), "tensor<1xi8>"))
    text.append(const("add_in_zp", str(ADD_IN_ZP), "tensor<1xi8>"))
    text.append(const("add_out_zp", str(ADD_OUT_ZP), "tensor<1xi8>"))
    text.append(const("one", str(1 << 30), "tensor<1xi32>"))
    # 2^30 is one half: the shift that multiplies by 2^20 is one more.
    text.append(const("left", str(tosa_shift(ADD_LEFT + 1)), "tensor<1xi8>"))
    text.append(const("in_m", str(ADD_IN_SCALE[0]), "tensor<1xi32>"))
    text.append(const("in_s", str(tosa_shift(ADD_IN_SCALE[1])),
                      "tensor<1xi8>"))
    text.append(const("out_m", str(ADD_OUT_SCALE[0]), "tensor<1xi32>"))
    text.append(const("out_s", str(tosa_shift(ADD_OUT_SCALE[1])),
                      "tensor<1xi8>"))
    text.append(rescale("r1", "acc", "mult", "shift", "zp0", "relu_zp", t32,
                        t8, "tensor<1xi32>", "tensor<1xi8>", "true"))
    text.append("  %%relu = tosa.clamp %%r1 {min_val = %d : i8, max_val = 127 "
                ": i8} : (%s) -> %s\n" % (RELU_ZP, t8, t8))
    text.append(rescale("r2", "acc", "mult", "shift", "zp0", "relu6_zp", t32,
                        t8, "tensor<1xi32>", "tensor<1xi8>", "true"))
    text.append("  %%relu6 = tosa.clamp %%r2 {min_val = %d : i8, max_val = %d "
                ": i8} : (%s) -> %s\n" % (RELU6_ZP, RELU6_MAX, t8, t8))
    # TFLite's ADD input stage: (x - zp) << 20 exactly (multiplier 2^30,
    # TOSA shift 11), then the input's scale, then the output's.
    text.append(rescale("a1", "act", "one", "left", "add_in_zp", "zp0", t8,
                        t32, "tensor<1xi8>", "tensor<1xi32>", "false"))
    text.append(rescale("a2", "a1", "in_m", "in_s", "zp0", "zp0", t32, t32,
                        "tensor<1xi32>", "tensor<1xi32>", "false"))
    text.append(rescale("add", "a2", "out_m", "out_s", "zp0", "add_out_zp",
                        t32, t8, "tensor<1xi32>", "tensor<1xi8>", "false"))
    text.append("  return %%relu, %%relu6, %%add : %s, %s, %s\n}\n\n"
                % (t8, t8, t8))
    text.append("func.func private @printMemrefI32(tensor<*xi32>)\n\n")
    text.append("func.func @print8(%%t: %s) {\n"
                "  %%e = tensor.empty() : %s\n"
                "  %%w = linalg.generic {indexing_maps = [affine_map<(a, b, c, "
                "d) -> (a, b, c, d)>, affine_map<(a, b, c, d) -> (a, b, c, "
                "d)>], iterator_types = [\"parallel\", \"parallel\", "
                "\"parallel\", \"parallel\"]} ins(%%t : %s) outs(%%e : %s) {\n"
                "  ^bb0(%%x: i8, %%o: i32):\n"
                "    %%y = arith.extsi %%x : i8 to i32\n"
                "    linalg.yield %%y : i32\n"
                "  } -> %s\n"
                "  %%u = tensor.cast %%w : %s to tensor<*xi32>\n"
                "  call @printMemrefI32(%%u) : (tensor<*xi32>) -> ()\n"
                "  return\n}\n\n" % (t8, t32, t8, t32, t32, t32))
    text.append("func.func @print32(%%t: %s) {\n"
                "  %%u = tensor.cast %%t : %s to tensor<*xi32>\n"
                "  call @printMemrefI32(%%u) : (tensor<*xi32>) -> ()\n"
                "  return\n}\n\n" % (t32, t32))
    text.append("func.func @main() {\n")
    text.append("  %%acc = arith.constant %s\n"
                % dense(accumulators(), t32, SHAPE))
    text.append("  %%act = arith.constant %s\n" % dense(activations(), t8, SHAPE))
    text.append("  call @print32(%%acc) : (%s) -> ()\n" % t32)
    text.append("  call @print8(%%act) : (%s) -> ()\n" % t8)
    text.append("  %%y:3 = call @net(%%acc, %%act) : (%s, %s) -> (%s, %s, %s)\n"
                % (t32, t8, t8, t8, t8))
    for i in range(3):
        text.append("  call @print8(%%y#%d) : (%s) -> ()\n" % (i, t8))
    text.append("  return\n}\n")
    sys.stdout.write("".join(text))


def printed(path):
    """The values of every tensor after @main's two inputs, a line each."""
    tensors = printed_tensors(open(path).read())
    if len(tensors) != 5:
        sys.exit("tflite_rescale.py: %s holds %d tensors, not 5"
                 % (path, len(tensors)))
    for values in tensors[2:]:
        print(" ".join(map(str, values)))


if __name__ == "__main__":
    if sys.argv[1:] == ["model"]:
        model()
    elif sys.argv[1:] == ["reference"]:
        reference()
    elif len(sys.argv) == 3 and sys.argv[1] == "printed":
        printed(sys.argv[2])
    else:
        sys.exit(__doc__)
