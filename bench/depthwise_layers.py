#!/usr/bin/env python3
"""Cortex-M4 instruction counts of trained depthwise convolution layers, with and
without the DSP kernel.

Each layer's filter is a depthwise filter of face-api's facial expression model
(bench/trained/faceapi_layers.py reads it), quantized per channel to symmetric int8 as
TFLite does; depthwise filters are not pruned. It is written in TOSA the way TFLite's
legalisation writes it: tosa.depthwise_conv2d with 'same' padding (TensorFlow's, uneven
at stride 2), an int32 bias, input zero point -128 and weight zero point 0; the int32
accumulator is the function's result. Each model is compiled two ways:

  upstream  cse-sparse compile --no-dsp (upstream MLIR's loops)
  dsp       cse-sparse compile (Cortex-M4 default: cse-sparse-arm-dsp-depthwise)

Both run in one firmware image in qemu-system-arm -M mps2-an386 with the icount TCG
plugin, and every output is compared with the reference computed here in Python
integers (bench/conv_layers.py's runner: any mismatch stops the run).

The model writer and the reference are also what test/Integration/ARM's
dsp-depthwise-cortex-m4.test runs on small synthetic layers.

Usage: depthwise_layers.py --model-dir build/bench-cache/package/model --work DIR
                           [--json OUT.json] [--markdown OUT.md]
"""

import argparse
import json
import os
import random
import sys

BENCH = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH)
sys.path.insert(0, os.path.join(BENCH, "trained"))
from conv_layers import compile_variant, run_firmware  # noqa: E402
from cortex_m import ROOT, build_icount_plugin, section_sizes  # noqa: E402
from faceapi_layers import load_weights  # noqa: E402

MODEL = "face_expression_model"
# The layers measured: the first block's (many pixels, few channels), the stride-2
# entry of the second block, and a late one (few pixels, many channels).
LAYERS = [
    {"name": "dw16x16", "tensor": "dense0/conv1/depthwise_filter", "size": 16, "stride": 1},
    {"name": "dw16x16s2", "tensor": "dense1/conv0/depthwise_filter", "size": 16, "stride": 2},
    {"name": "dw2x2", "tensor": "dense3/conv1/depthwise_filter", "size": 2, "stride": 1},
]
INPUT_ZERO_POINT = -128
VARIANTS = [("upstream", ["--no-dsp"]), ("dsp", [])]
VARIANT_TITLES = {"upstream": "upstream's loops (`--no-dsp`)",
                  "dsp": "DSP kernel (default)"}


def same_padding(size, stride, k):
    """TensorFlow's 'same' padding of one dimension: (before, after)."""
    out = (size + stride - 1) // stride
    total = max((out - 1) * stride + k - size, 0)
    return total // 2, total - total // 2


def output_size(size, before, after, k, stride, dilation):
    return (size + before + after - (k - 1) * dilation - 1) // stride + 1


def tensor(shape, elem):
    return "tensor<" + "x".join(str(d) for d in shape) + "x" + elem + ">"


def model_mlir(name, shape, window, mult, pad, stride, dilation, izp, wzp, weights, bias):
    """A tosa.depthwise_conv2d layer: input 1 x H x W x C int8, weights KH x KW x C x M
    (flat, in that order), bias C*M int32, pad (top, bottom, left, right). Returns the
    module's text and the output's (OH, OW)."""
    h, w, c = shape
    oh = output_size(h, pad[0], pad[1], window[0], stride[0], dilation[0])
    ow = output_size(w, pad[2], pad[3], window[1], stride[1], dilation[1])
    x_t = tensor((1, h, w, c), "i8")
    w_t = tensor((window[0], window[1], c, mult), "i8")
    b_t = tensor((c * mult,), "i32")
    y_t = tensor((1, oh, ow, c * mult), "i32")
    hexes = "0x" + bytes(v & 0xFF for v in weights).hex().upper()
    bias_values = ", ".join(str(v) for v in bias)
    text = f"""func.func @{name}(%x: {x_t}) -> {y_t} {{
  %w = "tosa.const"() {{values = dense<"{hexes}"> : {w_t}}} : () -> {w_t}
  %b = "tosa.const"() {{values = dense<[{bias_values}]> : {b_t}}} : () -> {b_t}
  %izp = "tosa.const"() {{values = dense<{izp}> : tensor<1xi8>}} : () -> tensor<1xi8>
  %wzp = "tosa.const"() {{values = dense<{wzp}> : tensor<1xi8>}} : () -> tensor<1xi8>
  %y = tosa.depthwise_conv2d %x, %w, %b, %izp, %wzp {{acc_type = i32, \
dilation = array<i64: {dilation[0]}, {dilation[1]}>, \
pad = array<i64: {pad[0]}, {pad[1]}, {pad[2]}, {pad[3]}>, \
stride = array<i64: {stride[0]}, {stride[1]}>}} : \
({x_t}, {w_t}, {b_t}, tensor<1xi8>, tensor<1xi8>) -> {y_t}
  return %y : {y_t}
}}
"""
    return text, (oh, ow)


def reference(shape, window, mult, pad, stride, dilation, izp, wzp, weights, bias, x, out):
    """TOSA's depthwise_conv2d in Python integers, NHWC: padding holds the input zero
    point, so it adds nothing."""
    h, w, c = shape
    oh, ow = out
    y = []
    for i in range(oh):
        for j in range(ow):
            for ch in range(c):
                for m in range(mult):
                    acc = bias[ch * mult + m]
                    for kh in range(window[0]):
                        for kw in range(window[1]):
                            r = i * stride[0] + kh * dilation[0] - pad[0]
                            s = j * stride[1] + kw * dilation[1] - pad[2]
                            if 0 <= r < h and 0 <= s < w:
                                xv = x[(r * w + s) * c + ch]
                                wv = weights[((kh * window[1] + kw) * c + ch) * mult + m]
                                acc += (xv - izp) * (wv - wzp)
                    y.append(acc)
    return y


def quantize_per_channel(shape, values):
    """Symmetric int8 per output channel (the last two dimensions, C x M)."""
    channels = shape[2] * shape[3]
    scale = [max(abs(values[i]) for i in range(c, len(values), channels)) / 127 or 1.0
             for c in range(channels)]
    return [max(-127, min(127, round(v / scale[i % channels]))) for i, v in enumerate(values)]


def bench_layer(args, layer, weights, plugin):
    name = layer["name"]
    work = os.path.join(args.work, name)
    os.makedirs(work, exist_ok=True)
    shape, values = weights[layer["tensor"]]
    kh, kw, channels, mult = shape
    size, stride = layer["size"], layer["stride"]
    pad = same_padding(size, stride, kh) + same_padding(size, stride, kw)
    rng = random.Random(1)
    filt = quantize_per_channel(shape, values)
    bias = [rng.randint(-2000, 2000) for _ in range(channels * mult)]
    text, (oh, ow) = model_mlir(name, (size, size, channels), (kh, kw), mult, pad,
                                (stride, stride), (1, 1), INPUT_ZERO_POINT, 0, filt, bias)
    model = os.path.join(work, name + ".mlir")
    with open(model, "w") as out:
        out.write(text)
    x = [rng.randint(-128, 127) for _ in range(size * size * channels)]
    expected = reference((size, size, channels), (kh, kw), mult, pad, (stride, stride),
                         (1, 1), INPUT_ZERO_POINT, 0, filt, bias, x, (oh, ow))
    variants = [compile_variant(args, work, name, model, label, flags)
                for label, flags in VARIANTS]
    counts, overhead = run_firmware(work, variants, plugin, x, expected)
    macs = oh * ow * channels * mult * kh * kw
    result = {"name": name, "model": MODEL, "tensor": layer["tensor"],
              "input": [1, size, size, channels], "pad": list(pad), "stride": stride,
              "filter": shape, "output": [1, oh, ow, channels * mult], "macs": macs,
              "outputs_checked": len(expected), "call_overhead": overhead, "variants": {}}
    for v, count in zip(variants, counts):
        code, tables = section_sizes(v["object"])
        result["variants"][v["label"]] = {
            "instructions": count - overhead,
            "instructions_per_mac": (count - overhead) / macs,
            "code_bytes": code, "table_bytes": tables, "flash_bytes": code + tables,
            "stack_bytes": sum(e["stack_bytes"] for e in v["report"]["entry_points"]),
            "runtime_shims": v["shims"]}
    return result


def markdown(results):
    lines = [
        "| layer | trained filter (int8, per channel) | input (NHWC) | stride, pad (t, b, l, r) "
        "| output | MACs | variant | instructions | instr/MAC | vs upstream | flash (code + "
        "rodata) | stack |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        base = r["variants"]["upstream"]["instructions"]
        for label, v in r["variants"].items():
            change = "-" if label == "upstream" else \
                f"{100.0 * (v['instructions'] / base - 1):+.1f}%"
            shim = " (*)" if v["runtime_shims"] else ""
            lines.append(
                f"| {r['name']} | `{r['tensor']}` {'x'.join(map(str, r['filter']))} | "
                f"{'x'.join(map(str, r['input'][1:]))} | {r['stride']}, "
                f"{', '.join(map(str, r['pad']))} | {'x'.join(map(str, r['output'][1:]))} | "
                f"{r['macs']:,} | {VARIANT_TITLES[label]} | {v['instructions']:,}{shim} | "
                f"{v['instructions_per_mac']:.2f} | {change} | {v['flash_bytes']:,} "
                f"({v['code_bytes']:,} + {v['table_bytes']:,}) | {v['stack_bytes']:,} |")
    if any(v["runtime_shims"] for r in results for v in r["variants"].values()):
        lines += ["", "(*) The object calls MLIR's `memrefCopy` for the padded input, "
                  "linked from bench/conv_layers.py's C port and counted with the layer."]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--model-dir", required=True,
                        help="the face-api package's model/ folder")
    parser.add_argument("--work", required=True)
    parser.add_argument("--json")
    parser.add_argument("--markdown", help="write the results as a Markdown table")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    plugin = build_icount_plugin(args.work)
    weights = load_weights(args.model_dir, MODEL)
    results = []
    for layer in LAYERS:
        r = bench_layer(args, layer, weights, plugin)
        print(f"{r['name']:10s} {r['macs']:,} MACs, {r['outputs_checked']} outputs checked: " +
              ", ".join(f"{k} {v['instructions']:,} ({v['instructions_per_mac']:.2f}/MAC)"
                        for k, v in r["variants"].items()), flush=True)
        results.append(r)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(markdown(results))


if __name__ == "__main__":
    main()
