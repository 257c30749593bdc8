#!/usr/bin/env python3
"""Cortex-M4 instruction counts of two trained convolution layers, dense and cse-sparse.

Each layer's filter comes from a trained face-api model (bench/trained/faceapi_layers.py
loads, prunes and quantizes it). It is written as a linalg model the way TOSA lowers a
TFLite int8 convolution: `linalg.conv_2d_nhwc_fhwc_q` with input zero point -128, weight
zero point 0 (symmetric), an accumulator filled with 0 and, for 'same' padding, a
`tensor.pad` of the input with its zero point. Each model is compiled four ways:

  upstream  cse-sparse compile --no-extract --no-dsp (upstream MLIR's dense lowering)
  dense     cse-sparse compile --no-extract (the DSP extension's dense kernel,
            cse-sparse-arm-dsp-conv)
  auto      cse-sparse compile with the default Cortex-M4 cost model
  sparse    cse-sparse compile --cost-model sparse (the cse_sparse.conv_2d kernel forced)

One firmware image per layer holds the four variants (entry points renamed with
objcopy). It runs in qemu-system-arm -M mps2-an386 with the icount TCG plugin
(bench/qemu/icount-plugin.c) and bench/qemu/bench_main.c, which counts the
instructions between two marker calls around each call and compares every output with
the reference computed here in Python integers; any mismatch stops the run.

Reported per variant: instructions of one call (the empty kernel's count subtracted),
instructions per multiply-accumulate (MACs of the dense layer, padding included),
flash (.text + .rodata of the object), stack bytes (cse-sparse compile's report), and
the layer's figures from the report JSON (form, nnz, CSEs, additions).

An object may only need what the runtime and the toolchain provide; anything else stops
the run, except MLIR's memrefCopy (and the EHABI personality routine its call brings),
which upstream's dense lowering calls when a tensor.pad stays. The image then links a C
port of it (runtime_shim_c), and that call's own instruction count is measured in a
separate image and reported with the dense figure.

Usage: conv_layers.py --model-dir build/bench-cache/package/model --work DIR
                      [--json OUT.json] [--markdown OUT.md]
"""

import argparse
import json
import os
import random
import re
import sys

BENCH = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, BENCH)
sys.path.insert(0, os.path.join(BENCH, "trained"))
from cortex_m import (LLVM_BIN, M4_FLAGS, ROOT, RUNTIME, build_icount_plugin, c_array,  # noqa: E402
                      run, run_counted, section_sizes)
from faceapi_layers import filter_matrix, load_weights, prune_and_quantize  # noqa: E402

# The layers measured: a pointwise (1x1) and a regular 3x3 convolution. Sizes keep each
# dense layer at one to three million MACs, so qemu runs each image in seconds.
LAYERS = [
    {"name": "pointwise", "model": "face_expression_model",
     "tensor": "dense3/conv1/pointwise_filter", "height": 4, "width": 4, "pad": 0},
    {"name": "conv3x3", "model": "face_recognition_model",
     "tensor": "conv64_1/conv1/conv/filters", "height": 8, "width": 8, "pad": 1},
]
INPUT_ZERO_POINT = -128   # TFLite int8 activations: asymmetric, zero point -128
WEIGHT_ZERO_POINT = 0     # symmetric weights
VARIANTS = [("upstream", ["--no-extract", "--no-dsp"]), ("dense", ["--no-extract"]),
            ("auto", []), ("sparse", ["--cost-model", "sparse"])]
VARIANT_TITLES = {"upstream": "dense, upstream's loops (`--no-extract --no-dsp`)",
                  "dense": "dense, DSP kernel (`--no-extract`)", "auto": "default cost model",
                  "sparse": "`--cost-model sparse`"}

# Undefined symbols the bare-metal runtime and the toolchain's libraries provide.
FREESTANDING = re.compile(r"^(__aeabi_mem(clr|set|cpy|move)[48]?|memcpy|memset|memmove)$")
# Symbols an object of upstream's dense lowering may need when a tensor.pad stays: the
# padded input is copied through MLIR's runtime function memrefCopy (not freestanding;
# see runtime_shim_c), and that external call gives the function an unwind entry
# naming an EHABI personality routine (pr0 for short unwind descriptions, pr1/pr2
# for longer ones).
PERSONALITY = ["__aeabi_unwind_cpp_pr0", "__aeabi_unwind_cpp_pr1", "__aeabi_unwind_cpp_pr2"]
SHIMMED = {"memrefCopy", *PERSONALITY}


def load_layer_filter(model_dir, layer, density, bits):
    """The layer's filter as F x KH x KW x C int lists (fhwc), pruned and quantized
    exactly like bench/trained/faceapi_layers.py's matrices."""
    weights = load_weights(model_dir, layer["model"])
    if layer["tensor"] not in weights:
        sys.exit(f"conv_layers.py: {layer['tensor']} is not in {layer['model']}")
    shape, values = weights[layer["tensor"]]
    kh, kw, cin, _ = shape
    matrix = prune_and_quantize(filter_matrix(shape, values), density, bits)
    return [[[row[(h * kw + w) * cin:(h * kw + w + 1) * cin] for w in range(kw)]
             for h in range(kh)] for row in matrix]


def conv_geometry(filt, height, width, channels, pad):
    """Shapes of one stride-1 'same'/'valid' convolution: (F, KH, KW, OH, OW)."""
    f, kh, kw = len(filt), len(filt[0]), len(filt[0][0])
    if len(filt[0][0][0]) != channels:
        sys.exit("conv_layers.py: the filter's channels differ from the input's")
    return f, kh, kw, height + 2 * pad - kh + 1, width + 2 * pad - kw + 1


def dense_literal(values):
    """A nested list as the body of an MLIR dense<...> attribute."""
    if isinstance(values, list):
        return "[" + ", ".join(dense_literal(v) for v in values) + "]"
    return str(values)


def model_mlir(name, filt, height, width, pad, input_zero_point=INPUT_ZERO_POINT):
    """The layer as TOSA lowering writes a TFLite int8 convolution: zero-point padding
    in front of conv_2d_nhwc_fhwc_q, an accumulator filled with 0, int32 results."""
    channels = len(filt[0][0][0])
    f, kh, kw, oh, ow = conv_geometry(filt, height, width, channels, pad)
    x_type = f"tensor<1x{height}x{width}x{channels}xi8>"
    p_type = f"tensor<1x{height + 2 * pad}x{width + 2 * pad}x{channels}xi8>"
    w_type = f"tensor<{f}x{kh}x{kw}x{channels}xi8>"
    y_type = f"tensor<1x{oh}x{ow}x{f}xi32>"
    lines = [
        f"func.func @{name}(%x: {x_type}) -> {y_type} {{",
        "  %zero = arith.constant 0 : i32",
        f"  %empty = tensor.empty() : {y_type}",
        f"  %acc = linalg.fill ins(%zero : i32) outs(%empty : {y_type}) -> {y_type}",
        f"  %izp = arith.constant {input_zero_point} : i32",
        f"  %wzp = arith.constant {WEIGHT_ZERO_POINT} : i32",
    ]
    source = "%x"
    if pad:
        lines += [
            f"  %pad_value = arith.constant {input_zero_point} : i8",
            f"  %padded = tensor.pad %x low[0, {pad}, {pad}, 0] high[0, {pad}, {pad}, 0] {{",
            "  ^bb0(%n: index, %h: index, %w: index, %c: index):",
            "    tensor.yield %pad_value : i8",
            f"  }} : {x_type} to {p_type}",
        ]
        source = "%padded"
    lines += [
        f"  %filter = arith.constant dense<{dense_literal(filt)}> : {w_type}",
        "  %y = linalg.conv_2d_nhwc_fhwc_q {dilations = dense<1> : tensor<2xi64>, "
        "strides = dense<1> : tensor<2xi64>}",
        f"         ins({source}, %filter, %izp, %wzp : {p_type if pad else x_type}, {w_type}, i32, i32)"
        f" outs(%acc : {y_type}) -> {y_type}",
        f"  return %y : {y_type}",
        "}",
        "",
    ]
    return "\n".join(lines)


def reference(filt, x, height, width, pad, input_zero_point=INPUT_ZERO_POINT):
    """The outputs in NHWC order, in Python integers: sum of (x - izp) * (w - wzp) over
    each window, padding holding the input zero point (so it adds nothing)."""
    channels = len(filt[0][0][0])
    f, kh, kw, oh, ow = conv_geometry(filt, height, width, channels, pad)
    taps = [[(h, w, c, filt[o][h][w][c] - WEIGHT_ZERO_POINT)
             for h in range(kh) for w in range(kw) for c in range(channels)
             if filt[o][h][w][c] != WEIGHT_ZERO_POINT] for o in range(f)]

    def shifted(h, w, c):
        if 0 <= h < height and 0 <= w < width:
            return x[(h * width + w) * channels + c] - input_zero_point
        return 0
    out = []
    for y0 in range(oh):
        for x0 in range(ow):
            for o in range(f):
                out.append(sum(v * shifted(y0 + h - pad, x0 + w - pad, c)
                               for h, w, c, v in taps[o]))
    return out


def runtime_shim_c():
    """C for what a dense object with a kept tensor.pad needs beyond the runtime:
    MLIR's memrefCopy (CRunnerUtils, here with the 32-bit index of cse-sparse
    compile's Cortex-M objects: descriptor {ptr, ptr, i32 offset, i32 sizes[rank],
    i32 strides[rank]}) with upstream's element-by-element loop, and the ARM EHABI
    personality routines its unwind entry may name (nothing throws: never called;
    defining them keeps libgcc's unwinder, which needs __exidx_start, out)."""
    return "\n".join([
        "#include <stdint.h>",
        "#include <string.h>",
        "typedef struct { int32_t rank; void *descriptor; } unranked_memref;",
        "static const int32_t *memref_ints(const unranked_memref *m) {",
        "  return (const int32_t *)((char *const *)m->descriptor + 2);",
        "}",
        "static char *memref_data(const unranked_memref *m) {",
        "  return ((char *const *)m->descriptor)[1];",
        "}",
        "void memrefCopy(int32_t elem, unranked_memref *src, unranked_memref *dst) {",
        "  int32_t rank = src->rank;",
        "  const int32_t *s = memref_ints(src), *d = memref_ints(dst);",
        "  int32_t index[rank > 0 ? rank : 1];",
        "  for (int32_t a = 0; a < rank; ++a) {",
        "    if (s[1 + a] == 0) return;",
        "    index[a] = 0;",
        "  }",
        "  char *from = memref_data(src) + s[0] * elem, *to = memref_data(dst) + d[0] * elem;",
        "  int32_t read = 0, write = 0;",
        "  for (;;) {",
        "    memcpy(to + write, from + read, elem);",
        "    int32_t a = rank - 1;",
        "    for (; a >= 0; --a) {",
        "      read += s[1 + rank + a] * elem;",
        "      write += d[1 + rank + a] * elem;",
        "      if (++index[a] != s[1 + a]) break;",
        "      read -= s[1 + a] * s[1 + rank + a] * elem;",
        "      write -= s[1 + a] * d[1 + rank + a] * elem;",
        "      index[a] = 0;",
        "    }",
        "    if (a < 0) return;",
        "  }",
        "}",
        *[f"void {routine}(void) {{}}" for routine in PERSONALITY],
        "",
    ])


def padding_copy_c(height, width, channels, pad):
    """A kernel-shaped wrapper making the one memrefCopy call a dense layer with a kept
    tensor.pad makes (the input into the interior of a padded buffer, 1-byte elements),
    so that the shim's own share of the dense count can be measured."""
    ph, pw = height + 2 * pad, width + 2 * pad
    return "\n".join([
        "#include <stdint.h>",
        "typedef struct { int32_t rank; void *descriptor; } unranked_memref;",
        "void memrefCopy(int32_t elem, unranked_memref *src, unranked_memref *dst);",
        "struct descriptor4 { const void *allocated, *aligned; int32_t offset, sizes[4], "
        "strides[4]; };",
        f"static int8_t padded[{ph * pw * channels}];",
        "void padding_copy(const int8_t *x, int32_t *y) {",
        f"  struct descriptor4 s = {{x, x, 0, {{1, {height}, {width}, {channels}}}, "
        f"{{{height * width * channels}, {width * channels}, {channels}, 1}}}};",
        f"  struct descriptor4 d = {{padded, padded, {(pad * pw + pad) * channels}, "
        f"{{1, {height}, {width}, {channels}}}, {{{ph * pw * channels}, {pw * channels}, "
        f"{channels}, 1}}}};",
        "  unranked_memref us = {4, &s}, ud = {4, &d};",
        "  memrefCopy(1, &us, &ud);",
        "  (void)y;",
        "}",
        "",
    ])


def measure_padding_copy(work, plugin, x, height, width, channels, pad):
    """Instructions of the shim's memrefCopy call alone, as the dense layer makes it."""
    work = os.path.join(work, "memref-copy")
    os.makedirs(work, exist_ok=True)
    source = os.path.join(work, "padding_copy.c")
    with open(source, "w") as f:
        f.write(padding_copy_c(height, width, channels, pad))
    variant = {"label": "memrefCopy", "symbol": "padding_copy", "object": source,
               "shims": ["memrefCopy"]}
    # It writes no output: the zeroed output word is its whole "reference".
    counts, overhead = run_firmware(work, [variant], plugin, x, [0])
    return counts[0] - overhead


def undefined_symbols(obj):
    out = run([os.path.join(LLVM_BIN, "llvm-nm"), "-u", obj])
    return {line.split()[-1] for line in out.splitlines() if line.strip()}


def needed_shims(label, obj):
    """The shimmed symbols an object needs; any other non-freestanding one is fatal."""
    extra = {s for s in undefined_symbols(obj) if not FREESTANDING.match(s)}
    unknown = extra - SHIMMED
    if unknown:
        sys.exit(f"conv_layers.py: {obj} ({label}) needs {sorted(unknown)}, "
                 "which the bare-metal runtime does not provide")
    return sorted(extra)


def compile_variant(args, work, name, model, label, flags):
    """cse-sparse compile one way; the entry point renamed to NAME_LABEL."""
    out = os.path.join(work, label)
    run([os.path.join(args.build, "bin", "cse-sparse"), "compile", model, "-o", out,
         "--target", "cortex-m4"] + flags)
    symbol = f"{name}_{label}"
    obj = os.path.join(work, symbol + ".o")
    run(["arm-none-eabi-objcopy", f"--redefine-sym={name}={symbol}",
         os.path.join(out, name + ".o"), obj])
    report = json.load(open(os.path.join(out, name + ".report.json")))
    return {"label": label, "symbol": symbol, "object": obj, "report": report,
            "shims": needed_shims(label, obj)}


def bench_header(variants, x, expected):
    """The header bench/qemu/bench_main.c includes: kernels, names, input, reference."""
    return "\n".join([
        "#include <stdint.h>",
        f"#define BENCH_ROWS {len(expected)}",
        f"#define BENCH_VARIANTS {len(variants)}",
        *[f"void {v['symbol']}(const int8_t *x, int32_t *y);" for v in variants],
        "__attribute__((noinline)) static void empty_kernel(const int8_t *x, int32_t *y)"
        " { (void)x; (void)y; __asm volatile(\"\"); }",
        "typedef void (*kernel_t)(const int8_t *, int32_t *);",
        "static kernel_t volatile bench_empty = empty_kernel;",
        "static kernel_t const bench_kernels[] = {" +
        ", ".join(v["symbol"] for v in variants) + "};",
        "static const char *const bench_names[] = {" +
        ", ".join(f'"{v["label"]}"' for v in variants) + "};",
        c_array("int8_t", "bench_x", x),
        c_array("int32_t", "bench_expected", expected),
        "",
    ])


def run_firmware(work, variants, plugin, x, expected):
    """Links every variant into one image, runs it in qemu and returns each variant's
    instruction count and the empty call's, after checking every output."""
    with open(os.path.join(work, "bench.h"), "w") as f:
        f.write(bench_header(variants, x, expected))
    sources = [os.path.join(RUNTIME, "startup.c"), os.path.join(ROOT, "bench", "qemu", "bench_main.c")]
    if any(v["shims"] for v in variants):
        shim = os.path.join(work, "runtime_shim.c")
        with open(shim, "w") as f:
            f.write(runtime_shim_c())
        sources.append(shim)
    elf = os.path.join(work, "bench.elf")
    run(["arm-none-eabi-gcc", "-mthumb", *M4_FLAGS, "-O2", "-nostartfiles",
         "-Wl,--gc-sections", "-Wl,--no-warn-execstack", "-L", RUNTIME,
         "-T", os.path.join(RUNTIME, "an386.ld"), "-I", RUNTIME, "-I", work,
         '-DBENCH_HEADER="bench.h"', *sources, *[v["object"] for v in variants], "-o", elf])
    returncode, output, counts = run_counted(elf, "mps2-an386", plugin,
                                             os.path.join(work, "icount.log"))
    # Every variant must report zero mismatches, and the run must end cleanly (a
    # fault or a wrong output makes the exit status non-zero).
    wrong = [v["label"] for v in variants if f"variant {v['label']} mismatches 0\n" not in output]
    if wrong or returncode != 0:
        sys.exit(f"conv_layers.py: {elf}: outputs differ from the Python reference "
                 f"({', '.join(wrong) or 'exit status ' + str(returncode)}):\n{output}")
    if len(counts) != len(variants) + 1:
        sys.exit(f"conv_layers.py: {elf}: expected {len(variants) + 1} regions, got {counts}")
    return counts[:-1], counts[-1]


def layer_figures(report):
    """The rewritten layer's figures from a compile report (empty when none)."""
    if not report["layers"]:
        return {"form": "dense", "reason": "--no-extract"}
    layer = report["layers"][0]
    figures = {"form": layer["form"], "op": layer["op"]}
    if layer["form"] == "dense":
        figures["reason"] = layer.get("reason")
        return figures
    for key in ("rows", "cols", "columns", "nnz", "cses", "additions_before",
                "additions_after", "compact_tables"):
        figures[key] = layer[key]
    figures["kernel_table_bytes"] = layer["kernel"]["table_bytes"]
    figures["kernel_scratch_bytes"] = layer["kernel"]["scratch_bytes"]
    predicted = layer.get("predicted", {}).get(layer["form"], {})
    if predicted:
        figures["predicted_instructions_per_pixel"] = predicted["instructions"]
    return figures


def bench_layer(args, layer, plugin):
    name = layer["name"]
    work = os.path.join(args.work, name)
    os.makedirs(work, exist_ok=True)
    filt = load_layer_filter(args.model_dir, layer, args.density, args.bits)
    height, width, pad = layer["height"], layer["width"], layer["pad"]
    channels = len(filt[0][0][0])
    f, kh, kw, oh, ow = conv_geometry(filt, height, width, channels, pad)
    model = os.path.join(work, name + ".mlir")
    with open(model, "w") as out:
        out.write(model_mlir(name, filt, height, width, pad))
    rng = random.Random(1)
    x = [rng.randint(-128, 127) for _ in range(height * width * channels)]
    expected = reference(filt, x, height, width, pad)
    variants = [compile_variant(args, work, name, model, label, flags)
                for label, flags in VARIANTS]
    counts, overhead = run_firmware(work, variants, plugin, x, expected)
    macs = oh * ow * f * kh * kw * channels
    nnz = sum(1 for o in filt for h in o for w in h for v in w if v)
    result = {"name": name, "model": layer["model"], "tensor": layer["tensor"],
              "input": [1, height, width, channels], "pad": pad,
              "filter": [f, kh, kw, channels], "output": [1, oh, ow, f],
              "density": args.density, "bits": args.bits, "macs": macs,
              "weight_nnz": nnz, "nonzero_macs": nnz * oh * ow,
              "outputs_checked": len(expected), "call_overhead": overhead, "variants": {}}
    for v, count in zip(variants, counts):
        code, tables = section_sizes(v["object"])
        entry = {"instructions": count - overhead,
                 "instructions_per_mac": (count - overhead) / macs,
                 "instructions_per_pixel": (count - overhead) / (oh * ow),
                 "code_bytes": code, "table_bytes": tables, "flash_bytes": code + tables,
                 "stack_bytes": sum(e["stack_bytes"] for e in v["report"]["entry_points"]),
                 "runtime_shims": v["shims"]}
        if "memrefCopy" in v["shims"]:
            entry["runtime_shim_instructions"] = measure_padding_copy(
                work, plugin, x, height, width, channels, pad)
        entry.update(layer_figures(v["report"]))
        result["variants"][v["label"]] = entry
    return result


def versus(count, base, is_base):
    """A relative change for the table; the baseline's own cell is a dash."""
    return "-" if is_base else f"{100.0 * (count / base - 1):+.1f}%"


def markdown(results):
    """Two tables: the layers, then each variant's instructions and sizes."""
    lines = [
        "| layer | trained weights | input (NHWC) | filter (FHWC) | output | MACs | "
        "nnz (density) | nonzero MACs |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        density = r["weight_nnz"] / (r["filter"][0] * r["filter"][1] * r["filter"][2] *
                                     r["filter"][3])
        lines.append(
            f"| {r['name']} | {r['model']} `{r['tensor']}`, int{r['bits']} | "
            f"{'x'.join(map(str, r['input'][1:]))}" + (f", pad {r['pad']}" if r["pad"] else "") +
            f" | {'x'.join(map(str, r['filter']))} | {'x'.join(map(str, r['output'][1:]))} | "
            f"{r['macs']:,} | {r['weight_nnz']:,} ({density:.2f}) | {r['nonzero_macs']:,} |")
    lines += [
        "",
        "| layer | variant | form | CSEs | additions | instructions | instr/MAC | vs dense | "
        "flash (code + tables) | stack |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    shimmed = []
    for r in results:
        dense = r["variants"]["dense"]["instructions"]
        for label, v in r["variants"].items():
            form = v["form"]
            if v.get("compact_tables"):
                form += ", compact"
            additions = (f"{v['additions_before']:,} -> {v['additions_after']:,}"
                         if "additions_after" in v else "-")
            mark = ""
            if v["runtime_shims"]:
                mark = " (*)"
                shimmed.append(f"{v.get('runtime_shim_instructions', 0):,} instructions for "
                               f"{r['name']} {label}")
            cses = f"{v['cses']:,}" if "cses" in v else "-"
            lines.append(
                f"| {r['name']} | {VARIANT_TITLES[label]} | {form} | {cses} | {additions} | "
                f"{v['instructions']:,}{mark} | {v['instructions_per_mac']:.2f} | "
                f"{versus(v['instructions'], dense, label == 'dense')} | "
                f"{v['flash_bytes']:,} ({v['code_bytes']:,} + {v['table_bytes']:,}) | "
                f"{v['stack_bytes']:,} |")
    if shimmed:
        lines += ["", "(*) The object calls MLIR's runtime function `memrefCopy` to copy the "
                  "input into the padded buffer; the image links a C port of it "
                  "(bench/conv_layers.py). The count includes that call, measured on its own: "
                  + "; ".join(shimmed) + "."]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--model-dir", required=True,
                        help="the face-api package's model/ folder")
    parser.add_argument("--work", required=True)
    parser.add_argument("--density", type=float, default=0.25)
    parser.add_argument("--bits", type=int, default=4)
    parser.add_argument("--json")
    parser.add_argument("--markdown", help="write the results as Markdown tables")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    plugin = build_icount_plugin(args.work)
    results = []
    for layer in LAYERS:
        r = bench_layer(args, layer, plugin)
        for label, v in r["variants"].items():
            if v["runtime_shims"]:
                print(f"conv_layers.py: warning: {r['name']} {label} needs "
                      f"{', '.join(v['runtime_shims'])} (linked from a C port)", file=sys.stderr)
        print(f"{r['name']:10s} {r['macs']:,} MACs, {r['outputs_checked']} outputs checked: " +
              ", ".join(f"{k} {v['instructions']:,} ({v['instructions_per_mac']:.2f}/MAC, "
                        f"{v['form']})" for k, v in r["variants"].items()), flush=True)
        results.append(r)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(markdown(results))


if __name__ == "__main__":
    main()
