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

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.cse_sparse_tools_dir, config.llvm_tools_dir]
tools = [
    ToolSubst("cse-opt", unresolved="fatal"),
    ToolSubst("cse-sparse", unresolved="fatal"),
]
llvm_config.add_tool_substitutions(tools, tool_dirs)
