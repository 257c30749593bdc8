# -*- Python -*-
# lit configuration for cse-sparse.

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "CSE_SPARSE"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.cse_sparse_obj_root, "test")

config.environment["FILECHECK_OPTS"] = (
    "-enable-var-scope --allow-unused-prefixes=false"
)

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(
    ("%inputs", os.path.join(config.test_source_root, "Inputs"))
)
config.substitutions.append(
    ("%examples", os.path.join(config.cse_sparse_src_root, "examples"))
)
config.substitutions.append(("%cse_sparse_obj_root", config.cse_sparse_obj_root))
# The firmware main that checks a compiled entry point against a host run.
config.substitutions.append(
    (
        "%entry-check",
        config.python_executable + " "
        + os.path.join(config.cse_sparse_src_root, "scripts", "entry-check.py"),
    )
)

# Host integration tests: mlir-runner with the runtime libraries Debian ships.
runner_libs = ",".join(
    os.path.join(config.llvm_lib_dir, lib)
    for lib in ("libmlir_c_runner_utils.so", "libmlir_runner_utils.so")
)
config.substitutions.append(
    (
        "%run-host",
        "mlir-runner -e main -entry-point-result=void -shared-libs=" + runner_libs,
    )
)

# AddressSanitizer reserves terabytes of shadow address space at start-up, so
# a test's own address-space limit (ulimit -v) is applied only to builds
# without it; the rest of such a test still runs under the sanitizers.
if "address" in config.sanitizers:
    config.available_features.add("asan")
    config.substitutions.append(("%limit-address-space", "true"))
else:
    config.substitutions.append(("%limit-address-space", "ulimit -v"))

# Packaging tests: the mlir-opt plugin, and the install tree with an
# out-of-tree consumer. Neither runs in instrumented builds (the plugin is not
# built there, and a consumer would need the sanitizer runtimes) or in builds
# without the Ninja generator (test/CMakeLists.txt).
if config.cse_sparse_plugin and config.ninja:
    config.available_features.add("packaging")
config.substitutions.append(("%cse_sparse_plugin", config.cse_sparse_plugin))
config.substitutions.append(("%cmake", config.cmake_command))
config.substitutions.append(("%ninja", config.ninja))
config.substitutions.append(("%cxx", config.cxx_compiler))

# Bare-metal Cortex-M tests: our generated objects built with clang, linked by
# the GNU Arm toolchain with the runtime in runtime/mps2, run in qemu.
import shutil

runtime = os.path.join(config.cse_sparse_src_root, "runtime", "mps2")
if shutil.which("arm-none-eabi-gcc") and shutil.which("qemu-system-arm"):
    config.available_features.add("arm-qemu")
m4_flags = "-mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard"
config.substitutions.append(
    (
        "%arm-cc",
        os.path.join(config.llvm_tools_dir, "clang")
        + " --target=thumbv7em-none-eabihf " + m4_flags
        + " -O2 -Wno-override-module",
    )
)
# Firmware links: the Cortex-M4 with its FPU, and soft float: the cores
# without an FPU (Cortex-M3 on MPS2 AN385, Cortex-M0+ code on qemu's
# micro:bit, an ARMv6-M Cortex-M0) and a Cortex-M4 firmware built with
# -mfloat-abi=soft.
for name, flags, script in (
    ("%arm-link", m4_flags, "an386.ld"),
    ("%soft-link-m4", "-mcpu=cortex-m4 -mfloat-abi=soft", "an386.ld"),
    ("%soft-link-m3", "-mcpu=cortex-m3 -mfloat-abi=soft", "an386.ld"),
    ("%soft-link-m0plus", "-mcpu=cortex-m0plus -mfloat-abi=soft", "microbit.ld"),
):
    config.substitutions.append(
        (
            name,
            "arm-none-eabi-gcc -mthumb " + flags
            + " -O2 -nostartfiles -Wl,--gc-sections -Wl,--no-warn-execstack"
            + " -L " + runtime + " -T " + os.path.join(runtime, script)
            + " -I " + runtime + " " + os.path.join(runtime, "startup.c"),
        )
    )
for name, board in (
    ("%qemu-m4", "mps2-an386"),
    ("%qemu-m3", "mps2-an385"),
    ("%qemu-m0", "microbit"),
):
    config.substitutions.append(
        (
            name,
            "timeout 120 qemu-system-arm -M " + board + " -display none"
            " -monitor none -serial none -semihosting -kernel",
        )
    )
config.substitutions.append(("%arm-runtime", runtime))

# The trained model of examples/faceapi-cnn (npm's @vladmandic/face-api
# 1.7.15), when bench/trained/fetch-faceapi.sh has fetched it into the build's
# bench cache: the shipped model is then checked against the weights.
faceapi_model_dir = os.path.join(
    config.cse_sparse_obj_root, "bench-cache", "package", "model"
)
if os.path.isfile(
    os.path.join(faceapi_model_dir, "face_expression_model-weights_manifest.json")
):
    config.available_features.add("faceapi")
config.substitutions.append(("%faceapi_model_dir", faceapi_model_dir))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.cse_sparse_tools_dir, config.llvm_tools_dir]
tools = [
    ToolSubst("cse-opt", unresolved="fatal"),
    ToolSubst("cse-sparse", unresolved="fatal"),
    # Upstream's, for the plugin tests: it must share libMLIR.so with ours.
    ToolSubst("mlir-opt", unresolved="fatal"),
]
llvm_config.add_tool_substitutions(tools, tool_dirs)
