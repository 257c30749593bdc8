#!/usr/bin/env python3
"""Cortex-M instruction counts of one matrix-vector product, per kernel.

For each weight matrix (.npy, 2-D, int8/int16/int32) this builds one firmware
image holding every kernel variant, runs it in qemu-system-arm (-M mps2-an386
for the Cortex-M4, the default; --target cortex-m3 runs on mps2-an385 and
cortex-m0plus on qemu's micro:bit, a Cortex-M0 with the same ARMv6-M
instructions and 16 KiB of RAM, so small matrices only) with the icount TCG
plugin (bench/qemu/icount-plugin.c), which counts the
instructions executed between two marker calls around each kernel, and checks
each output against W*x computed here. Counts are exact and repeat run to run.

Variants:
  dense     linalg.matmul lowered by upstream MLIR (cse-sparse compile --no-extract)
  csr-c     a hand-written C CSR kernel (narrow index types) at clang -O2
  csr-st    upstream MLIR's sparsifier: CSR assembled from constant buffers
            (sparse_tensor.assemble, 32-bit positions/coordinates and index)
  csr       cse-sparse's kernel with no subexpressions (cost-model=csr)
  ecsr      cse-sparse's kernel, exact matching, forced sparse (cost-model=sparse;
            plain CSR in the same kernel when no subexpression pays)
  ecsr-compact  the same with --compact-tables (smaller, slower tables)
  ecsr-sc   the same with scaled matching
  ecsr-ram  ecsr with the smallest scratch: --node-schedule per-row
            --narrow-scratch (16-bit values, nodes just before their rows)
  ecsr-16   ecsr (grouped tables) with --narrow-scratch: 16-bit scratch
            values where they provably fit, every node in its own slot
  auto      cse-sparse compile with its default Cortex-M4 cost model

Sizes: code = .text bytes, tables = .rodata bytes of each variant's object;
RAM = the stack buffers cse-sparse compile reports (buffer_bytes: its scratch and
temporaries; 0 for the C kernel, whose frame is not counted either).
The instruction count of an empty kernel called the same way is subtracted.

Usage: cortex_m.py --build build --work DIR [--target cortex-m4] [--json OUT]
                   NAME=MATRIX.npy ...
"""

import argparse
import json
import os
import random
import re
import struct
import subprocess
import sys

M4_FLAGS = ["-mcpu=cortex-m4", "-mfpu=fpv4-sp-d16", "-mfloat-abi=hard"]
# Per target: C compiler triple and flags, qemu board, linker script.
TARGETS = {
    "cortex-m4": ("thumbv7em-none-eabihf", M4_FLAGS, "mps2-an386", "an386.ld"),
    "cortex-m3": ("thumbv7m-none-eabi", ["-mcpu=cortex-m3", "-mfloat-abi=soft"],
                  "mps2-an385", "an386.ld"),
    "cortex-m0plus": ("thumbv6m-none-eabi",
                      ["-mcpu=cortex-m0plus", "-mfloat-abi=soft"], "microbit",
                      "microbit.ld"),
}
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNTIME = os.path.join(ROOT, "runtime", "mps2")
LLVM_BIN = "/usr/lib/llvm-22/bin"


def run(cmd, **kwargs):
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"cortex_m.py: {' '.join(cmd)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout + result.stderr


def build_icount_plugin(work):
    """The icount TCG plugin (bench/qemu/icount-plugin.c), built in `work`."""
    plugin = os.path.join(work, "icount-plugin.so")
    run(["cc", "-shared", "-fPIC", "-O2", "-Wall", "-o", plugin,
         os.path.join(ROOT, "bench", "qemu", "icount-plugin.c")])
    return plugin


def run_counted(elf, board, plugin, log):
    """Runs `elf` on qemu's `board` with the icount plugin counting between
    its bench_begin and bench_end markers. Returns the exit status, the
    semihosting output and the instructions of each region, in order."""
    markers = {}
    for line in run([os.path.join(LLVM_BIN, "llvm-nm"), elf]).splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] in ("bench_begin", "bench_end"):
            markers[parts[2]] = parts[0]
    result = subprocess.run(
        ["timeout", "600", "qemu-system-arm", "-M", board, "-display", "none",
         "-monitor", "none", "-serial", "none", "-semihosting", "-plugin",
         f"{plugin},begin={markers['bench_begin']},end={markers['bench_end']}",
         "-d", "plugin", "-D", log, "-kernel", elf], capture_output=True, text=True)
    counts = [int(c) for c in re.findall(r"icount region \d+: (\d+)", open(log).read())]
    return result.returncode, result.stdout + result.stderr, counts


def read_npy(path):
    """A 2-D integer .npy matrix as a list of rows."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:6] != b"\x93NUMPY":
        sys.exit(f"{path}: not a .npy file")
    major = data[6]
    hlen_size = 2 if major == 1 else 4
    hlen = int.from_bytes(data[8:8 + hlen_size], "little")
    header = data[8 + hlen_size:8 + hlen_size + hlen].decode("latin1")
    body = data[8 + hlen_size + hlen:]
    descr = re.search(r"'descr':\s*'([^']+)'", header).group(1)
    fortran = "True" in re.search(r"'fortran_order':\s*(\w+)", header).group(1)
    shape = tuple(int(v) for v in re.search(r"'shape':\s*\(([^)]*)\)", header)
                  .group(1).split(",") if v.strip())
    codes = {"i1": "b", "u1": "B", "i2": "h", "u2": "H", "i4": "i", "u4": "I",
             "i8": "q", "u8": "Q"}
    kind = descr[1:] if descr[0] in "<>|=" else descr
    if kind not in codes or len(shape) != 2:
        sys.exit(f"{path}: need a 2-D integer matrix, got {descr} {shape}")
    order = ">" if descr[0] == ">" else "<"
    values = struct.unpack(f"{order}{shape[0] * shape[1]}{codes[kind]}", body)
    rows, cols = shape
    if fortran:
        return [[values[c * rows + r] for c in range(cols)] for r in range(rows)]
    return [list(values[r * cols:(r + 1) * cols]) for r in range(rows)]


def c_array(ctype, name, values):
    body = ", ".join(str(v) for v in values)
    return f"static const {ctype} {name}[{max(1, len(values))}] = {{{body or '0'}}};"


def index_type(limit):
    return "uint8_t" if limit < 256 else "uint16_t" if limit < 65536 else "uint32_t"


def to_csr(w):
    """(row pointers, column indices, values) of a dense row list."""
    row_ptr, cols, vals = [0], [], []
    for row in w:
        for c, v in enumerate(row):
            if v:
                cols.append(c)
                vals.append(v)
        row_ptr.append(len(cols))
    return row_ptr, cols, vals


def csr_kernel_c(w, name):
    """A plain CSR kernel in C, with the narrowest index types."""
    row_ptr, cols, vals = to_csr(w)
    lo, hi = (min(vals), max(vals)) if vals else (0, 0)
    vtype = "int8_t" if -128 <= lo and hi <= 127 else "int16_t" \
        if -32768 <= lo and hi <= 32767 else "int32_t"
    return "\n".join([
        "#include <stdint.h>",
        c_array(index_type(len(cols) + 1), "row_ptr", row_ptr),
        c_array(index_type(len(w[0])), "col_idx", cols),
        c_array(vtype, "values", vals),
        f"void {name}(const int8_t *x, int32_t *y) {{",
        f"  for (int r = 0; r < {len(w)}; ++r) {{",
        "    int32_t acc = 0;",
        "    for (int p = row_ptr[r]; p < row_ptr[r + 1]; ++p)",
        "      acc += values[p] * x[col_idx[p]];",
        "    y[r] = acc;",
        "  }",
        "}",
        "",
    ])


def csr_sparse_tensor_mlir(w, name):
    """The upstream sparsifier's CSR: a compile-time constant assembled from
    position/coordinate/value buffers (32-bit), no runtime library, bare
    pointers, 32-bit index; the passes that lower it are listed in
    docs/benchmarks.md ("Sparsifier CSR")."""
    rows, cols = len(w), len(w[0])
    pos, crd, val = to_csr(w)
    nnz = len(crd)

    def lit(values):
        return "dense<[" + ", ".join(str(v) for v in values) + "]>"
    return "\n".join([
        "#CSR = #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed), "
        "posWidth = 32, crdWidth = 32 }>",
        "module attributes {dlti.dl_spec = #dlti.dl_spec<index = 32 : i64>} {",
        f"func.func @{name}(%xm: memref<{cols}x1xi8>, %ym: memref<{rows}x1xi32>) "
        "attributes {llvm.bareptr} {",
        f"  %pos = arith.constant {lit(pos)} : tensor<{rows + 1}xi32>",
        f"  %crd = arith.constant {lit(crd)} : tensor<{nnz}xi32>",
        f"  %val = arith.constant {lit(val)} : tensor<{nnz}xi8>",
        f"  %A = sparse_tensor.assemble (%pos, %crd), %val : (tensor<{rows + 1}xi32>, "
        f"tensor<{nnz}xi32>), tensor<{nnz}xi8> to tensor<{rows}x{cols}xi8, #CSR>",
        f"  %x = bufferization.to_tensor %xm restrict : memref<{cols}x1xi8> to tensor<{cols}x1xi8>",
        f"  %y = bufferization.to_tensor %ym restrict writable : memref<{rows}x1xi32> "
        f"to tensor<{rows}x1xi32>",
        f"  %r = linalg.matmul ins(%A, %x : tensor<{rows}x{cols}xi8, #CSR>, tensor<{cols}x1xi8>) "
        f"outs(%y : tensor<{rows}x1xi32>) -> tensor<{rows}x1xi32>",
        f"  bufferization.materialize_in_destination %r in restrict writable %ym : "
        f"(tensor<{rows}x1xi32>, memref<{rows}x1xi32>) -> ()",
        "  return",
        "}",
        "}",
        "",
    ])


SPARSIFIER = ["--linalg-generalize-named-ops", "--sparsification-and-bufferization",
              "--sparse-storage-specifier-to-llvm", "--canonicalize",
              "--convert-linalg-to-loops", "--expand-strided-metadata", "--lower-affine",
              "--convert-scf-to-cf", "--convert-to-llvm=dynamic",
              "--reconcile-unrealized-casts"]


def section_sizes(obj):
    """(code, tables) bytes: .text and .rodata* sections of an object."""
    out = run([os.path.join(LLVM_BIN, "llvm-readelf"), "-S", "-W", obj])
    code = tables = 0
    for line in out.splitlines():
        m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)", line)
        if not m:
            continue
        name, size = m.group(1), int(m.group(2), 16)
        if name.startswith(".text"):
            code += size
        elif name.startswith(".rodata"):
            tables += size
    return code, tables


def bench_matrix(args, name, path, plugin):
    w = read_npy(path)
    rows, cols = len(w), len(w[0])
    if max(abs(v) for row in w for v in row) > 127:
        sys.exit(f"{path}: the benchmark feeds int8 weights only")
    work = os.path.join(args.work, re.sub(r"[^A-Za-z0-9_.-]+", "_", name))
    os.makedirs(work, exist_ok=True)
    rng = random.Random(1)
    x = [rng.randint(-128, 127) for _ in range(cols)]
    expected = [sum(wr[c] * x[c] for c in range(cols)) for wr in w]
    nnz = sum(1 for row in w for v in row if v)

    compile_tool = os.path.join(args.build, "bin", "cse-sparse")
    triple, flags, board, script = TARGETS[args.target]
    variants = []  # (label, symbol, object, ram, report)

    def compile_variant(label, symbol, extra):
        out = os.path.join(work, symbol)
        run([compile_tool, "compile", path, "-o", out, "--name", symbol,
             "--target", args.target] + extra)
        report = json.load(open(os.path.join(out, symbol + ".report.json")))
        ram = sum(e["buffer_bytes"] for e in report["entry_points"])
        variants.append((label, symbol, os.path.join(out, symbol + ".o"), ram, report))

    compile_variant("dense", "k_dense", ["--no-extract"])
    csr_c = os.path.join(work, "k_csr_c.c")
    with open(csr_c, "w") as f:
        f.write(csr_kernel_c(w, "k_csr_c"))
    run([os.path.join(LLVM_BIN, "clang"), "--target=" + triple, *flags,
         "-O2", "-c", csr_c, "-o", csr_c[:-2] + ".o"])
    variants.append(("csr-c", "k_csr_c", csr_c[:-2] + ".o", 0, None))
    st = os.path.join(work, "k_csr_st")
    with open(st + ".mlir", "w") as f:
        f.write(csr_sparse_tensor_mlir(w, "k_csr_st"))
    run([os.path.join(args.build, "bin", "cse-opt"), st + ".mlir", *SPARSIFIER,
         "-o", st + ".llvm.mlir"])
    run([os.path.join(LLVM_BIN, "mlir-translate"), "--mlir-to-llvmir", st + ".llvm.mlir",
         "-o", st + ".ll"])
    run([os.path.join(LLVM_BIN, "clang"), "--target=" + triple, *flags,
         "-O2", "-Wno-override-module", "-c", "-x", "ir", st + ".ll", "-o", st + ".o"])
    variants.append(("csr-st", "k_csr_st", st + ".o", 0, None))
    compile_variant("csr", "k_csr", ["--cost-model", "csr"])
    compile_variant("ecsr", "k_ecsr", ["--cost-model", "sparse", "--match", "exact"])
    compile_variant("ecsr-sc", "k_ecsr_sc", ["--cost-model", "sparse", "--match", "scaled"])
    compile_variant("ecsr-compact", "k_ecsr_compact",
                    ["--cost-model", "sparse", "--match", "exact", "--compact-tables"])
    compile_variant("ecsr-ram", "k_ecsr_ram",
                    ["--cost-model", "sparse", "--match", "exact",
                     "--node-schedule", "per-row", "--narrow-scratch"])
    compile_variant("ecsr-16", "k_ecsr_16",
                    ["--cost-model", "sparse", "--match", "exact", "--narrow-scratch"])
    compile_variant("auto", "k_auto", [])
    # Ad-hoc variants for experiments: CSE_BENCH_EXTRA="label:--opt value;..."
    for spec in filter(None, os.environ.get("CSE_BENCH_EXTRA", "").split(";")):
        label, extra = spec.split(":", 1)
        compile_variant(label, "k_x_" + re.sub(r"\W", "_", label), extra.split())

    header = os.path.join(work, "bench.h")
    with open(header, "w") as f:
        f.write("\n".join([
            "#include <stdint.h>",
            f"#define BENCH_ROWS {rows}",
            f"#define BENCH_VARIANTS {len(variants)}",
            *[f"void {v[1]}(const int8_t *x, int32_t *y);" for v in variants],
            "__attribute__((noinline)) static void empty_kernel(const int8_t *x, int32_t *y)"
            " { (void)x; (void)y; __asm volatile(\"\"); }",
            "typedef void (*kernel_t)(const int8_t *, int32_t *);",
            "static kernel_t volatile bench_empty = empty_kernel;",
            "static kernel_t const bench_kernels[] = {" + ", ".join(v[1] for v in variants) + "};",
            "static const char *const bench_names[] = {" +
            ", ".join(f'"{v[0]}"' for v in variants) + "};",
            c_array("int8_t", "bench_x", x),
            c_array("int32_t", "bench_expected", expected),
            "",
        ]))
    elf = os.path.join(work, "bench.elf")
    run(["arm-none-eabi-gcc", "-mthumb", *flags, "-O2", "-nostartfiles",
         "-Wl,--gc-sections", "-Wl,--no-warn-execstack", "-L", RUNTIME,
         "-T", os.path.join(RUNTIME, script), "-I", RUNTIME, "-I", work,
         f'-DBENCH_HEADER="bench.h"', os.path.join(RUNTIME, "startup.c"),
         os.path.join(ROOT, "bench", "qemu", "bench_main.c"),
         *[v[2] for v in variants], "-o", elf])
    status, output, counts = run_counted(elf, board, plugin,
                                         os.path.join(work, "icount.log"))
    if status != 0:
        sys.exit(f"cortex_m.py: {name}: {elf} exited with {status}:\n{output}")
    for label, *_ in variants:
        if f"variant {label} mismatches 0" not in output:
            sys.exit(f"cortex_m.py: {name}: variant {label} is wrong:\n{output}")
    if len(counts) != len(variants) + 1:
        sys.exit(f"cortex_m.py: {name}: expected {len(variants) + 1} regions, got {counts}")
    overhead = counts[-1]
    result = {"name": name, "matrix": os.path.relpath(path, ROOT) if path.startswith(ROOT) else path,
              "rows": rows, "cols": cols, "nnz": nnz, "call_overhead": overhead,
              "variants": {}}
    for (label, symbol, obj, ram, report), count in zip(variants, counts):
        code, tables = section_sizes(obj)
        entry = {"instructions": count - overhead, "code_bytes": code,
                 "table_bytes": tables, "ram_bytes": ram}
        if report and report["layers"]:
            layer = report["layers"][0]
            entry["form"] = layer.get("form", "dense")
            entry["cses"] = layer.get("cses", 0)
            entry["predicted_instructions"] = layer.get("predicted", {}).get(
                layer["form"], {}).get("instructions")
        elif report:
            entry["form"] = "dense"
        result["variants"][label] = entry
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--work", required=True)
    parser.add_argument("--target", choices=sorted(TARGETS), default="cortex-m4")
    parser.add_argument("--json")
    parser.add_argument("--markdown", help="write the results as a Markdown table")
    parser.add_argument("matrices", nargs="+", metavar="NAME=MATRIX.npy")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    plugin = build_icount_plugin(args.work)
    results = []
    for spec in args.matrices:
        name, _, path = spec.rpartition("=")
        r = bench_matrix(args, name, os.path.abspath(path), plugin)
        v = r["variants"]
        print(f"{name:24s} {r['rows']}x{r['cols']} nnz {r['nnz']}: " + ", ".join(
            f"{k} {e['instructions']}" for k, e in v.items()), flush=True)
        results.append(r)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(markdown(results))


def markdown(results):
    """Instructions per product and sizes, with cse-sparse against the others."""
    lines = [
        "| matrix | shape | nnz | dense | CSR (sparse_tensor) | CSR (C -O2) | CSR (our kernel) | "
        "ECSR exact | ECSR scaled | cost model | best ECSR vs C CSR | vs sparse_tensor | "
        "vs our CSR | vs dense |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        v = r["variants"]
        best = min(v["ecsr"]["instructions"], v["ecsr-sc"]["instructions"])
        auto = v["auto"]
        lines.append(
            f"| {r['name']} | {r['rows']}x{r['cols']} | {r['nnz']:,} | "
            f"{v['dense']['instructions']:,} | {v['csr-st']['instructions']:,} | "
            f"{v['csr-c']['instructions']:,} | {v['csr']['instructions']:,} | "
            f"{v['ecsr']['instructions']:,} | {v['ecsr-sc']['instructions']:,} | "
            f"{auto['instructions']:,} ({auto.get('form', '?')}) | "
            f"{100.0 * (best / v['csr-c']['instructions'] - 1):+.1f}% | "
            f"{100.0 * (best / v['csr-st']['instructions'] - 1):+.1f}% | "
            f"{100.0 * (best / v['csr']['instructions'] - 1):+.1f}% | "
            f"{100.0 * (best / v['dense']['instructions'] - 1):+.1f}% |")
    lines += [
        "",
        "| matrix | dense code / tables | CSR (sparse_tensor) code / tables | CSR (C) code / "
        "tables | CSR (ours) code / tables / RAM | ECSR exact code / tables / RAM | "
        "ECSR scaled code / tables / RAM | ECSR 16-bit scratch: instructions, RAM | "
        "ECSR smallest RAM: instructions, RAM |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        v = r["variants"]

        def against_ecsr(name):
            e = v[name]
            change = 100.0 * (e['instructions'] / v['ecsr']['instructions'] - 1)
            return f"{e['instructions']:,} ({change:+.1f}%), {e['ram_bytes']:,}"

        def size(e, ram=False):
            text = f"{e['code_bytes']:,} / {e['table_bytes']:,}"
            return text + (f" / {e['ram_bytes']:,}" if ram else "")
        lines.append(f"| {r['name']} | {size(v['dense'])} | {size(v['csr-st'])} | "
                     f"{size(v['csr-c'])} | "
                     f"{size(v['csr'], True)} | "
                     f"{size(v['ecsr'], True)} | {size(v['ecsr-sc'], True)} | "
                     f"{against_ecsr('ecsr-16')} | {against_ecsr('ecsr-ram')} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
