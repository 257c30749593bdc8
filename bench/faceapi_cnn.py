#!/usr/bin/env python3
"""The whole trained network of examples/faceapi-cnn on the emulated Cortex-M4
(qemu mps2-an386 + the icount TCG plugin): built dense (--no-extract) and with
cse-sparse compile's defaults, from the shipped TOSA model; every output
checked against the host's dense run (scripts/entry-check.py); prints
instructions, flash and stack of each build and the share of the model's MACs
per layer kind. Extra compile options (e.g. --plan-stack) apply to both
builds.

Usage: faceapi_cnn.py --build build --work DIR [-- COMPILE_OPTION ...]
"""

import argparse
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cortex_m import (LLVM_BIN, M4_FLAGS, ROOT, RUNTIME, build_icount_plugin,  # noqa: E402
                      run, run_counted)

MODEL = os.path.join(ROOT, "examples", "faceapi-cnn", "faceapi_cnn.mlir")
RUNNER_LIBS = ",".join(os.path.join(LLVM_BIN, "..", "lib", lib) for lib in
                       ("libmlir_c_runner_utils.so", "libmlir_runner_utils.so"))


def host_run(build, work):
    """What @main prints on the host, lowered dense: the reference."""
    lowered = subprocess.run([os.path.join(build, "bin", "cse-opt"), MODEL,
                              "--cse-sparse-tosa-to-linalg", "--cse-sparse-to-llvm=extract=0"],
                             capture_output=True, text=True, check=True).stdout
    result = subprocess.run([os.path.join(LLVM_BIN, "mlir-runner"), "-e", "main",
                             "-entry-point-result=void", "-shared-libs=" + RUNNER_LIBS],
                            input=lowered, capture_output=True, text=True, check=True)
    path = os.path.join(work, "host.txt")
    with open(path, "w") as f:
        f.write(result.stdout)
    return path


def measure(build, work, net, host, plugin, label, options):
    """Compiles, links the checking firmware and counts the one call."""
    out = os.path.join(work, label)
    report = run([os.path.join(build, "bin", "cse-sparse"), "compile", net, "-o", out,
                  "--name", "net", *options])
    with open(os.path.join(work, label + ".report.txt"), "w") as f:
        f.write(report)
    check = os.path.join(work, label + ".c")
    with open(check, "w") as f:
        f.write(run([sys.executable, os.path.join(ROOT, "scripts", "entry-check.py"),
                     os.path.join(out, "net.h"), "faceapi_cnn", host]))
    elf = os.path.join(work, label + ".elf")
    run(["arm-none-eabi-gcc", "-mthumb", *M4_FLAGS, "-O2", "-nostartfiles",
         "-Wl,--gc-sections", "-Wl,--no-warn-execstack", "-L", RUNTIME,
         "-T", os.path.join(RUNTIME, "an386.ld"), "-I", RUNTIME,
         os.path.join(RUNTIME, "startup.c"), check, os.path.join(out, "net.o"), "-o", elf])
    status, output, counts = run_counted(elf, "mps2-an386", plugin,
                                         os.path.join(work, label + ".icount"))
    if status != 0 or "mismatches: 0" not in output or len(counts) != 1:
        sys.exit(f"faceapi_cnn.py: the {label} build is wrong:\n{output}")
    flash = re.search(r": flash (\d+) bytes", report).group(1)
    stack = re.search(r"  stack (\d+) bytes \(buffers (\d+) bytes\)", report)
    stack = f"{stack.group(1)} (buffers {stack.group(2)})"
    arena = re.search(r", arena (\d+) bytes", report)
    arena = f" arena {arena.group(1)}" if arena else ""
    print(f"{label} instructions {counts[0]} flash {flash} stack {stack}{arena}",
          flush=True)
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--work", required=True)
    parser.add_argument("options", nargs="*", help="cse-sparse compile options for both builds")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    plugin = build_icount_plugin(args.work)
    host = host_run(args.build, args.work)
    net = os.path.join(args.work, "net.mlir")
    run([os.path.join(args.build, "bin", "cse-opt"), MODEL,
         "--symbol-privatize=exclude=faceapi_cnn", "--symbol-dce", "-o", net])
    measure(args.build, args.work, net, host, plugin, "dense", ["--no-extract", *args.options])
    report = measure(args.build, args.work, net, host, plugin, "cse-sparse", args.options)
    print("MACs per layer kind (examples/faceapi-cnn/make_model.py --stats):")
    print(run([sys.executable, os.path.join(ROOT, "examples", "faceapi-cnn", "make_model.py"),
               "--from-mlir", MODEL, "--stats"]), end="")
    print("layers cse-sparse rewrote:")
    print(len(re.findall(r"^  (csr|ecsr) ", report, re.M)))


if __name__ == "__main__":
    main()
