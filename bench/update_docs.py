#!/usr/bin/env python3
"""Replaces the generated regions of a Markdown file.

A region is the text between `<!-- BEGIN GENERATED NAME ... -->` and
`<!-- END GENERATED NAME -->`; the prose around regions is left alone.

Usage: update_docs.py DOC NAME[=FILE] ...
       (a NAME alone takes its region from the file its benchmark script writes,
        DEFAULT_SOURCES below)
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Regions one benchmark script fills on its own, without bench/run-all.sh
# (paths from the repository's root, whatever the working directory).
DEFAULT_SOURCES = {
    "conv-cortex-m4": "build/bench-conv/results.md",  # bench/run-conv.sh
    "depthwise-cortex-m4": "build/bench-conv/depthwise.md",  # bench/run-conv.sh
}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    doc = sys.argv[1]
    text = open(doc).read()
    for spec in sys.argv[2:]:
        name, _, path = spec.partition("=")
        if not path:
            if name not in DEFAULT_SOURCES:
                sys.exit(f"update_docs.py: {name} needs =FILE (no default source)")
            path = os.path.join(ROOT, DEFAULT_SOURCES[name])
        body = open(path).read().strip("\n")
        pattern = re.compile(
            r"(<!-- BEGIN GENERATED " + re.escape(name) + r"\b[^>]*-->\n)(.*?)(\n<!-- END GENERATED "
            + re.escape(name) + r" -->)", re.S)
        text, count = pattern.subn(lambda m: m.group(1) + body + m.group(3), text)
        if count != 1:
            sys.exit(f"update_docs.py: {doc} has {count} regions named {name}, expected 1")
    with open(doc, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
