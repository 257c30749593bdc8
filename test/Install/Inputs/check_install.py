"""Checks an install tree of cse-sparse against the build it came from.

usage: check_install.py NINJA BUILD_DIR PREFIX

- every library the build links (static, shared or plugin, as ninja knows
  them, not as the install rules do) is in PREFIX/lib;
- every cse-sparse header that an installed header or .inc file includes is
  installed too, so that a consumer compiles against the install alone.
"""

import os
import re
import subprocess
import sys

ninja, build_dir, prefix = sys.argv[1:]

targets = subprocess.run(
    [ninja, "-C", build_dir, "-t", "targets", "all"],
    check=True, capture_output=True, text=True).stdout
built = sorted({
    os.path.basename(line.split(":")[0])
    for line in targets.splitlines()
    if re.search(r": CXX_(STATIC|SHARED|MODULE)_LIBRARY_LINKER__", line)
})
missing_libs = [lib for lib in built
                if not os.path.isfile(os.path.join(prefix, "lib", lib))]

include_dir = os.path.join(prefix, "include")
headers = 0
missing_includes = []
for root, _, files in os.walk(os.path.join(include_dir, "cse-sparse")):
    for name in files:
        if not name.endswith((".h", ".inc")):
            continue
        headers += 1
        path = os.path.join(root, name)
        with open(path, encoding="utf-8") as f:
            for included in re.findall(r'#\s*include\s+"(cse-sparse/[^"]+)"',
                                       f.read()):
                if not os.path.isfile(os.path.join(include_dir, included)):
                    missing_includes.append(
                        f"{os.path.relpath(path, prefix)} includes {included}")

for lib in missing_libs:
    print(f"error: built but not installed: {lib}")
for include in missing_includes:
    print(f"error: {include}, which is not installed")
print(f"libraries built: {len(built)}, "
      f"installed: {len(built) - len(missing_libs)}")
print(f"headers: {headers}, includes that do not resolve: "
      f"{len(missing_includes)}")
sys.exit(1 if missing_libs or missing_includes else 0)
