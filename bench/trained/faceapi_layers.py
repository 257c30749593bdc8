#!/usr/bin/env python3
"""Weight matrices from a published, trained model: face-api's facial
expression network (@vladmandic/face-api on npm, MIT licence; the weights are
those of face-api.js by Vincent Muehler, MIT).

Its 1x1 ("pointwise") convolutions are matrix products per pixel: a filter of
shape [1, 1, Cin, Cout] is the Cout x Cin weight matrix. Each selected layer is
dequantized from the model's uint8 storage (value = q * scale + min), pruned by
magnitude to the requested density and quantized symmetrically to the
requested bits (the usual post-training recipe), then written as an int8 .npy.

Usage: faceapi_layers.py MODEL_DIR OUT_DIR [--density 0.25] [--bits 4]
       (MODEL_DIR is the package's model/ folder, e.g. from
        `npm pack @vladmandic/face-api@1.7.15`)
"""

import argparse
import json
import os
import struct
import sys

MODEL = "face_expression_model"
LAYERS = [
    "dense3/conv1/pointwise_filter",
    "dense3/conv2/pointwise_filter",
    "dense3/conv3/pointwise_filter",
]
DTYPE_BYTES = {"float32": 4, "int32": 4, "uint8": 1, "uint16": 2}


def load_weights(model_dir, model=MODEL):
    """Every tensor of one face-api model as name -> (shape, flat float values)."""
    with open(os.path.join(model_dir, model + "-weights_manifest.json")) as f:
        manifest = json.load(f)
    weights = {}
    for group in manifest:
        data = b"".join(open(os.path.join(model_dir, p), "rb").read()
                        for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            count = 1
            for d in w["shape"]:
                count *= d
            quant = w.get("quantization")
            stored = quant["dtype"] if quant else w["dtype"]
            size = count * DTYPE_BYTES[stored]
            raw = data[offset:offset + size]
            offset += size
            if quant:
                fmt = {"uint8": "B", "uint16": "H"}[stored]
                q = struct.unpack(f"<{count}{fmt}", raw)
                values = [v * quant["scale"] + quant["min"] for v in q]
            else:
                values = list(struct.unpack(f"<{count}f", raw))
            weights[w["name"]] = (w["shape"], values)
    return weights


def filter_matrix(shape, values):
    """A [KH, KW, Cin, Cout] filter (TensorFlow's layout) as the Cout x (KH*KW*Cin)
    matrix whose columns run over (kh, kw, cin), the order of an NHWC patch."""
    kh, kw, cin, cout = shape
    patch = kh * kw * cin
    return [[values[k * cout + co] for k in range(patch)] for co in range(cout)]


def prune_and_quantize(matrix, density, bits):
    flat = sorted((abs(v) for row in matrix for v in row), reverse=True)
    keep = max(1, round(density * len(flat)))
    threshold = flat[keep - 1]
    top = 2 ** (bits - 1) - 1
    largest = flat[0]
    scale = largest / top
    out = []
    for row in matrix:
        out.append([max(-top, min(top, round(v / scale))) if abs(v) >= threshold else 0
                    for v in row])
    return out


def write_npy(path, matrix):
    rows, cols = len(matrix), len(matrix[0])
    header = "{'descr': '|i1', 'fortran_order': False, 'shape': (%d, %d), }" % (rows, cols)
    header += " " * (-(len(header) + 11) % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode())
        f.write(struct.pack(f"{rows * cols}b", *(v for row in matrix for v in row)))


def parse_arguments(doc, out_name):
    """The command line of the layer scripts: model directory, output, and
    how to prune and quantize."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("model_dir")
    parser.add_argument(out_name)
    parser.add_argument("--density", type=float, default=0.25)
    parser.add_argument("--bits", type=int, default=4)
    return parser.parse_args()


def main():
    args = parse_arguments(__doc__, "out_dir")
    weights = load_weights(args.model_dir)
    os.makedirs(args.out_dir, exist_ok=True)
    for name in LAYERS:
        if name not in weights:
            sys.exit(f"faceapi_layers.py: {name} is not in {MODEL}")
        shape, values = weights[name]
        cout, cin = shape[3], shape[2]
        q = prune_and_quantize(filter_matrix(shape, values), args.density, args.bits)
        out = os.path.join(args.out_dir, name.split("/")[1] + f"_d{args.density}_i{args.bits}.npy")
        write_npy(out, q)
        nnz = sum(1 for row in q for v in row if v)
        print(f"{out}: {cout}x{cin}, nnz {nnz}")


if __name__ == "__main__":
    main()
