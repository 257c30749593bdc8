#!/usr/bin/env python3
"""The hidden-size trained layer of the extraction benchmarks: the last
pointwise convolution of face-api's SSD MobileNetV1 backbone
(`MobilenetV1/Conv2d_13_pointwise/weights`, 1x1, 1024 -> 1024 channels), from
the same npm package as faceapi_layers.py (@vladmandic/face-api 1.7.15, MIT;
weights of face-api.js by Vincent Muehler, MIT).

A 1x1 filter [1, 1, Cin, Cout] is the Cout x Cin matrix of a matrix-vector
product per pixel. Like faceapi_layers.py it is dequantized from the model's
uint8 storage, magnitude-pruned to the density and quantized symmetrically to
the bits (defaults: 25%, int4), then written as an int8 .npy.

Usage: mobilenet_layer.py MODEL_DIR OUT.npy [--density 0.25] [--bits 4]
       (MODEL_DIR from `bash bench/trained/fetch-faceapi.sh CACHE`)
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from faceapi_layers import (  # noqa: E402
    filter_matrix,
    load_weights,
    parse_arguments,
    prune_and_quantize,
    write_npy,
)

MODEL = "ssd_mobilenetv1_model"
LAYER = "MobilenetV1/Conv2d_13_pointwise/weights"


def main():
    args = parse_arguments(__doc__, "out")
    weights = load_weights(args.model_dir, MODEL)
    if LAYER not in weights:
        sys.exit(f"mobilenet_layer.py: {LAYER} is not in {MODEL}")
    shape, values = weights[LAYER]
    q = prune_and_quantize(filter_matrix(shape, values), args.density, args.bits)
    write_npy(args.out, q)
    nnz = sum(1 for row in q for v in row if v)
    print(f"{args.out}: {shape[3]}x{shape[2]}, nnz {nnz}")


if __name__ == "__main__":
    main()
