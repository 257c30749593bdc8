#!/usr/bin/env python3
"""Fits the cost model of the grouped kernel (docs/cost-model.md) to counts.

Reads a results.json of bench/cortex_m.py and, for its `csr` and `ecsr`
variants, recomputes what the kernel runs: the Unit and Scaled references
after the padding to blocks of four (GroupedKernel.h), the CSE nodes and the
rows. A least-squares fit gives instructions per Unit reference, per Scaled
reference, per node and per row segment (a row's loop over one segment); it
prints them and each kernel's error.

Usage: fit_grouped_costs.py --build build RESULTS.json [RESULTS.json ...]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cortex_m import read_npy  # noqa: E402

BLOCK = 4


def grouped_features(rows, cols):
    """(unit refs, scaled refs) after padding, rows as lists of (op, coef)."""
    unit_total = scaled_total = 0
    for row in rows:
        unit = [op for op, c in row if c == 1]
        scaled = sum(1 for _, c in row if c != 1)
        inputs = sum(1 for op in unit if op < cols)
        moved = min(len(unit) % BLOCK, inputs)
        unit_total += -(-(len(unit) - moved) // BLOCK) * BLOCK
        scaled_total += -(-(scaled + moved) // BLOCK) * BLOCK
    return unit_total, scaled_total


def segment_rows(unit, scaled, rows):
    """Rows times the segments the kernel loops over (those not empty)."""
    return rows * ((unit > 0) + (scaled > 0))


def csr_features(path):
    w = read_npy(path)
    rows = [[(c, v) for c, v in enumerate(r) if v] for r in w]
    unit, scaled = grouped_features(rows, len(w[0]))
    return [unit, scaled, 0, segment_rows(unit, scaled, len(w))]


def ecsr_features(build, path, match):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "e.json")
        subprocess.run([os.path.join(build, "bin", "cse-sparse"), "extract", path,
                        "--objective", "instructions", "--match", match,
                        "--json", out], check=True, stdout=subprocess.DEVNULL)
        e = json.load(open(out))
    ptr, ops, coefs = e["row_ptr"], e["operands"], e["coefs"]
    rows = [list(zip(ops[ptr[r]:ptr[r + 1]], coefs[ptr[r]:ptr[r + 1]]))
            for r in range(e["rows"])]
    unit, scaled = grouped_features(rows, e["cols"])
    return [unit, scaled, len(e["cse"]["lhs"]),
            segment_rows(unit, scaled, e["rows"])]


def solve(a, b):
    """Least squares by the normal equations."""
    n = len(a[0])
    m = [[sum(r[i] * r[j] for r in a) for j in range(n)] +
         [sum(r[i] * y for r, y in zip(a, b))] for i in range(n)]
    for i in range(n):
        p = max(range(i, n), key=lambda k: abs(m[k][i]))
        m[i], m[p] = m[p], m[i]
        for k in range(n):
            if k != i:
                f = m[k][i] / m[i][i]
                m[k] = [x - f * y for x, y in zip(m[k], m[i])]
    return [m[i][n] / m[i][i] for i in range(n)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("results", nargs="+")
    args = ap.parse_args()
    points = []
    for results in args.results:
        for r in json.load(open(results)):
            for variant, match in (("csr", None), ("ecsr", "exact"),
                                   ("ecsr-sc", "scaled")):
                v = r["variants"].get(variant)
                if not v or v.get("form") not in ("csr", "ecsr"):
                    continue
                if v["form"] == "csr":
                    x = csr_features(r["matrix"])
                else:
                    x = ecsr_features(args.build, r["matrix"], match)
                # Counts are net of the call already.
                points.append((f"{r['name']} {variant}", x, v["instructions"]))
    coef = solve([p[1] for p in points], [p[2] for p in points])
    print("per unit ref %.3f, per scaled ref %.3f, per node %.3f, "
          "per row segment %.3f" % tuple(coef))
    worst = 0.0
    for name, x, y in points:
        pred = sum(c * f for c, f in zip(coef, x))
        err = (pred - y) / y
        worst = max(worst, abs(err))
        print(f"{name:40s} {y:9,d} predicted {pred:11,.0f} ({100 * err:+.1f}%)")
    print(f"worst error {100 * worst:.1f}%")


if __name__ == "__main__":
    main()
