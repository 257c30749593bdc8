#!/usr/bin/env python3
"""Two small quantized convolutions for conv-cortex-m4.test: a pointwise (1x1) one and
a 3x3 one behind a zero-point tensor.pad ('same' padding), written by
bench/conv_layers.py's model writer, with synthetic int4 weights at density 0.5 (enough
for shared pairs in layers this small), fixed int8 inputs and the reference outputs
computed in Python integers (bench/conv_layers.py's reference).

For each layer NAME it writes OUT_DIR/NAME.mlir and OUT_DIR/NAME.data.h, the test-data
header runtime/mps2/check_main.c reads (one batch of every output pixel and filter).

Usage: gen_conv.py OUT_DIR
"""

import os
import random
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..")
sys.path.insert(0, os.path.join(ROOT, "bench"))
from conv_layers import model_mlir, reference  # noqa: E402

# name, input height, width, channels, filters, kernel size, pad, input zero point
LAYERS = [
    ("pointwise", 4, 4, 16, 12, 1, 0, 5),
    ("conv3x3", 5, 5, 8, 6, 3, 1, -128),
    # Rows of 256 channels: the DSP kernel's input zero point as a per-filter
    # correction (dsp-conv-cortex-m4.test).
    ("pointwise256", 2, 2, 256, 4, 1, 0, -128),
]


def sparse_filter(rng, filters, size, channels):
    """FHWC int4 weights, half of them nonzero, a few values so that pairs repeat."""
    def weight():
        return rng.choice([-2, -1, 1, 2, 2, 3, -3]) if rng.random() < 0.5 else 0
    return [[[[weight() for _ in range(channels)] for _ in range(size)] for _ in range(size)]
            for _ in range(filters)]


def test_data_header(name, x, expected):
    """What check_main.c needs: the entry point, the input, the reference, test_run."""
    def values(v):
        return ", ".join(str(e) for e in v)
    return "\n".join([
        "#include <stdint.h>",
        "#define TEST_BATCH 1",
        f"#define TEST_OUTPUTS {len(expected)}",
        f"void {name}(const int8_t *x, int32_t *y);",
        f"static const int8_t test_x[{len(x)}] = {{{values(x)}}};",
        f"static const int32_t test_expected[{len(expected)}] = {{{values(expected)}}};",
        f"static void test_run(int32_t *y) {{ {name}(test_x, y); }}",
        "",
    ])


def int8_values(rng, count):
    """`count` random int8 values, both extremes first."""
    return [-128, 127] + [rng.randint(-128, 127) for _ in range(count - 2)]


def write_layer(out_dir, name, mlir, x, expected):
    """OUT_DIR/NAME.mlir and the test-data header OUT_DIR/NAME.data.h."""
    with open(os.path.join(out_dir, name + ".mlir"), "w") as f:
        f.write(mlir)
    with open(os.path.join(out_dir, name + ".data.h"), "w") as f:
        f.write(test_data_header(name, x, expected))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    rng = random.Random(7)
    for name, height, width, channels, filters, size, pad, zero_point in LAYERS:
        filt = sparse_filter(rng, filters, size, channels)
        # The whole int8 range, both extremes included.
        x = int8_values(rng, height * width * channels)
        write_layer(out, name, model_mlir(name, filt, height, width, pad, zero_point), x,
                    reference(filt, x, height, width, pad, zero_point))


if __name__ == "__main__":
    main()
