#!/usr/bin/env python3
"""An external re-evaluation of cse-sparse JSON results, written only from
docs/json-schema.md: `evaluate MATRIX JSON` checks y = W*x exactly on random vectors;
`same A B` checks two results are identical apart from the timing."""

import json
import random
import struct
import sys


def read_mtx(path):
    rows = cols = None
    entries = []
    with open(path) as f:
        banner = f.readline()
        assert banner.startswith("%%MatrixMarket matrix coordinate")
        for line in f:
            if line.startswith("%") or not line.strip():
                continue
            parts = line.split()
            if rows is None:
                rows, cols = int(parts[0]), int(parts[1])
                continue
            entries.append((int(parts[0]) - 1, int(parts[1]) - 1, int(parts[2])))
    return rows, cols, entries


def read_npy(path):
    with open(path, "rb") as f:
        data = f.read()
    assert data[:6] == b"\x93NUMPY"
    hlen = struct.unpack("<H", data[8:10])[0]
    header = eval(data[10 : 10 + hlen].decode("latin1"))
    assert not header["fortran_order"]
    rows, cols = header["shape"]
    size = int(header["descr"][2:])
    fmt = {1: "b", 2: "h", 4: "i", 8: "q"}[size]
    values = struct.unpack("<%d%s" % (rows * cols, fmt), data[10 + hlen :])
    entries = [
        (i // cols, i % cols, v) for i, v in enumerate(values) if v != 0
    ]
    return rows, cols, entries


def evaluate(result, x):
    n = result["cols"]
    cse = result["cse"]
    e = list(x)
    for l, r, a, b in zip(cse["lhs"], cse["rhs"], cse["lhs_coef"], cse["rhs_coef"]):
        assert l < r < len(e), "CSE operands must refer backwards"
        e.append(a * e[l] + b * e[r])
    ptr, ops, coefs = result["row_ptr"], result["operands"], result["coefs"]
    return [
        sum(coefs[p] * e[ops[p]] for p in range(ptr[i], ptr[i + 1]))
        for i in range(result["rows"])
    ]


def main():
    if sys.argv[1] == "same":
        a, b = (json.load(open(p)) for p in sys.argv[2:4])
        for d in (a, b):
            del d["stats"]["extraction_seconds"]
        print("identical results" if a == b else "DIFFERENT results")
        return
    path, result_path = sys.argv[2], sys.argv[3]
    rows, cols, entries = (read_npy if path.endswith(".npy") else read_mtx)(path)
    result = json.load(open(result_path))
    assert result["schema"] == "cse-sparse.extraction.v1"
    assert (result["rows"], result["cols"]) == (rows, cols)
    rng = random.Random(1)
    for _ in range(20):
        x = [rng.randint(-128, 127) for _ in range(cols)]
        want = [0] * rows
        for i, j, v in entries:
            want[i] += v * x[j]
        got = evaluate(result, x)
        if got != want:
            print("MISMATCH")
            sys.exit(1)
    print(
        "schema %s: %dx%d, %d CSE nodes, W*x exact on 20 vectors"
        % (result["schema"], rows, cols, len(result["cse"]["lhs"]))
    )


main()
