#!/usr/bin/env python3
"""Depthwise convolutions for dsp-depthwise-cortex-m4.test, written as TFLite's
legalisation writes them in TOSA (tosa.depthwise_conv2d with an int32 bias, int8
zero points, explicit padding; bench/depthwise_layers.py's writer), with random int8
weights and inputs (both extremes included) and the reference outputs computed in
Python integers (that file's reference).

For each layer NAME it writes OUT_DIR/NAME.mlir and OUT_DIR/NAME.data.h, the test-data
header runtime/mps2/check_main.c reads.

Usage: gen_depthwise.py OUT_DIR
"""

import os
import random
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..")
sys.path.insert(0, os.path.join(ROOT, "bench"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from depthwise_layers import model_mlir, reference  # noqa: E402
from gen_conv import int8_values, write_layer  # noqa: E402

# name, (H, W, C), (KH, KW), multiplier, pad (top, bottom, left, right), stride,
# dilation, input zero point, weight zero point
LAYERS = [
    # 'same' 3x3 as TFLite writes it: two blocks of four channels and two left over.
    ("same3x3", (5, 6, 10), (3, 3), 1, (1, 1, 1, 1), (1, 1), (1, 1), -128, 0),
    # Stride 2 with TF's uneven 'same' padding, nonzero zero points on both sides.
    ("stride2", (8, 6, 8), (3, 3), 1, (0, 1, 0, 1), (2, 2), (1, 1), 5, 3),
    # A dilated 2x3 window, three channels: no whole block of four.
    ("dilated", (6, 7, 3), (2, 3), 1, (0, 0, 0, 0), (1, 1), (2, 2), 127, -128),
    # 7x7 taps (more than the 25 unrolled): the window as loops.
    ("window7", (8, 8, 4), (7, 7), 1, (3, 3, 3, 3), (1, 1), (1, 1), -7, 0),
    # A channel multiplier of 2: left to upstream's loops, still exact.
    ("multiplier", (4, 4, 4), (3, 3), 2, (1, 1, 1, 1), (1, 1), (1, 1), -128, 0),
]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out_dir = sys.argv[1]
    rng = random.Random(11)
    for name, shape, window, mult, pad, stride, dilation, izp, wzp in LAYERS:
        h, w, c = shape
        count = window[0] * window[1] * c * mult
        weights = int8_values(rng, count)
        bias = [rng.randint(-50000, 50000) for _ in range(c * mult)]
        x = int8_values(rng, h * w * c)
        mlir, out = model_mlir(name, shape, window, mult, pad, stride, dilation, izp, wzp,
                               weights, bias)
        expected = reference(shape, window, mult, pad, stride, dilation, izp, wzp, weights,
                             bias, x, out)
        write_layer(out_dir, name, mlir, x, expected)


if __name__ == "__main__":
    main()
