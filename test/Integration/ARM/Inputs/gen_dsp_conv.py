#!/usr/bin/env python3
"""Dense int8 convolutions for dsp-conv-cortex-m4.test, written as TFLite's legalisation
writes them in TOSA (tosa.conv2d with an int32 bias, int8 zero points, explicit
padding), with random int8 weights and inputs (both extremes included) and the
reference outputs computed here in Python integers.

For each layer NAME it writes OUT_DIR/NAME.mlir and OUT_DIR/NAME.data.h, the test-data
header runtime/mps2/check_main.c reads.

Usage: gen_dsp_conv.py OUT_DIR
"""

import os
import random
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..")
sys.path.insert(0, os.path.join(ROOT, "bench"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from depthwise_layers import output_size, tensor  # noqa: E402
from gen_conv import int8_values, write_layer  # noqa: E402

# name, (H, W, C), F, (KH, KW), pad (top, bottom, left, right), stride, dilation,
# input zero point, weight zero point
LAYERS = [
    # 'same' 3x3: a window row is 3 x 5 = 15 bytes (two words, three bytes); three
    # filters (a block of two, then one).
    ("same3x3", (5, 6, 5), 3, (3, 3), (1, 1, 1, 1), (1, 1), (1, 1), -128, 0),
    # Stride 2, uneven padding, both zero points nonzero, 16 channels (whole words).
    ("stride2", (8, 6, 16), 4, (3, 3), (0, 1, 0, 1), (2, 2), (1, 1), 5, 3),
    # A dilated width: each tap's 8 channels are a span of their own.
    ("dilated", (6, 7, 8), 2, (2, 3), (0, 0, 0, 0), (1, 1), (1, 2), 127, -128),
    # Pointwise, 3 channels: no whole word.
    ("pointwise", (3, 4, 3), 5, (1, 1), (0, 0, 0, 0), (1, 1), (1, 1), -1, 0),
]


def model_mlir(name, shape, filters, window, pad, stride, dilation, izp, wzp, weights, bias):
    h, w, c = shape
    oh = output_size(h, pad[0], pad[1], window[0], stride[0], dilation[0])
    ow = output_size(w, pad[2], pad[3], window[1], stride[1], dilation[1])
    x_t = tensor((1, h, w, c), "i8")
    w_t = tensor((filters, window[0], window[1], c), "i8")
    b_t = tensor((filters,), "i32")
    y_t = tensor((1, oh, ow, filters), "i32")
    hexes = "0x" + bytes(v & 0xFF for v in weights).hex().upper()
    bias_values = ", ".join(str(v) for v in bias)
    return f"""func.func @{name}(%x: {x_t}) -> {y_t} {{
  %w = "tosa.const"() {{values = dense<"{hexes}"> : {w_t}}} : () -> {w_t}
  %b = "tosa.const"() {{values = dense<[{bias_values}]> : {b_t}}} : () -> {b_t}
  %izp = "tosa.const"() {{values = dense<{izp}> : tensor<1xi8>}} : () -> tensor<1xi8>
  %wzp = "tosa.const"() {{values = dense<{wzp}> : tensor<1xi8>}} : () -> tensor<1xi8>
  %y = tosa.conv2d %x, %w, %b, %izp, %wzp {{acc_type = i32, \
dilation = array<i64: {dilation[0]}, {dilation[1]}>, \
pad = array<i64: {pad[0]}, {pad[1]}, {pad[2]}, {pad[3]}>, \
stride = array<i64: {stride[0]}, {stride[1]}>}} : \
({x_t}, {w_t}, {b_t}, tensor<1xi8>, tensor<1xi8>) -> {y_t}
  return %y : {y_t}
}}
""", (oh, ow)


def reference(shape, filters, window, pad, stride, dilation, izp, wzp, weights, bias, x, out):
    """TOSA's conv2d in Python integers, NHWC: padding holds the input zero point."""
    h, w, c = shape
    oh, ow = out
    y = []
    for i in range(oh):
        for j in range(ow):
            for f in range(filters):
                acc = bias[f]
                for kh in range(window[0]):
                    for kw in range(window[1]):
                        r = i * stride[0] + kh * dilation[0] - pad[0]
                        s = j * stride[1] + kw * dilation[1] - pad[2]
                        if not (0 <= r < h and 0 <= s < w):
                            continue
                        for ch in range(c):
                            xv = x[(r * w + s) * c + ch]
                            wv = weights[((f * window[0] + kh) * window[1] + kw) * c + ch]
                            acc += (xv - izp) * (wv - wzp)
                y.append(acc)
    return y


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out_dir = sys.argv[1]
    rng = random.Random(13)
    for name, shape, filters, window, pad, stride, dilation, izp, wzp in LAYERS:
        h, w, c = shape
        count = filters * window[0] * window[1] * c
        weights = int8_values(rng, count)
        bias = [rng.randint(-50000, 50000) for _ in range(filters)]
        x = int8_values(rng, h * w * c)
        mlir, out = model_mlir(name, shape, filters, window, pad, stride, dilation, izp, wzp,
                               weights, bias)
        expected = reference(shape, filters, window, pad, stride, dilation, izp, wzp, weights,
                             bias, x, out)
        write_layer(out_dir, name, mlir, x, expected)


if __name__ == "__main__":
    main()
