#!/usr/bin/env python3
"""Extraction time against matrix size, random search and greedy.

For square peaked int4 matrices (cse-sparse gen, seed 1) of sizes 200 ... 4096 at
one density, runs `cse-sparse extract --json` with the default random search and
with greedy, and writes a Markdown table (time, additions, ECSR/CSR bytes) and a
log-log plot of time against size as SVG (no plotting library needed).

Usage: extraction_scaling.py --build build --work DIR --markdown OUT.md --svg OUT.svg
"""

import argparse
import json
import math
import os
import subprocess
import sys

SIZES = [200, 300, 500, 700, 1000, 1400, 2048, 2896, 4096]


def run_json(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"extraction_scaling.py: {' '.join(cmd)} failed:\n{out.stderr}")
    return json.loads(out.stdout)


# The seed paper's random search: about a minute for a 1000x1000 matrix.
PUBLISHED = (1000, 60.0, "published random search (about 1 min)")


def svg_plot(points, path, title):
    """points: {label: [(size, seconds), ...]} on log-log axes, with the
    published figure as a reference mark."""
    width, height, margin = 640, 420, 60
    xs = [s for pts in points.values() for s, _ in pts]
    ys = [t for pts in points.values() for _, t in pts] + [PUBLISHED[1]]
    x0, x1 = math.log10(min(xs)), math.log10(max(xs))
    y0 = math.floor(math.log10(min(ys)))
    y1 = math.ceil(math.log10(max(ys)))

    def px(x):
        return margin + (math.log10(x) - x0) / (x1 - x0) * (width - 2 * margin)

    def py(y):
        return height - margin - (math.log10(y) - y0) / (y1 - y0) * (height - 2 * margin)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           'font-family="sans-serif" font-size="12">',
           '<rect width="100%" height="100%" fill="white"/>',
           f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">{title}</text>']
    for e in range(y0, y1 + 1):
        y = py(10 ** e)
        out.append(f'<line x1="{margin}" y1="{y:.1f}" x2="{width - margin}" y2="{y:.1f}" '
                   'stroke="#ddd"/>')
        out.append(f'<text x="{margin - 6}" y="{y + 4:.1f}" text-anchor="end">1e{e} s</text>')
    for s in sorted(set(xs)):
        if True:
            x = px(s)
            out.append(f'<line x1="{x:.1f}" y1="{margin}" x2="{x:.1f}" y2="{height - margin}" '
                       'stroke="#eee"/>')
            out.append(f'<text x="{x:.1f}" y="{height - margin + 16}" '
                       f'text-anchor="middle">{s}</text>')
    out.append(f'<text x="{width / 2}" y="{height - 15}" text-anchor="middle">'
               'rows = columns (log scale)</text>')
    colors = ["#c0392b", "#2471a3", "#229954"]
    for i, (label, pts) in enumerate(points.items()):
        color = colors[i % len(colors)]
        path_d = " ".join(f"{'M' if j == 0 else 'L'}{px(s):.1f},{py(t):.1f}"
                          for j, (s, t) in enumerate(pts))
        out.append(f'<path d="{path_d}" fill="none" stroke="{color}" stroke-width="2"/>')
        for s, t in pts:
            out.append(f'<circle cx="{px(s):.1f}" cy="{py(t):.1f}" r="3" fill="{color}"/>')
        out.append(f'<text x="{margin + 10}" y="{margin + 16 * (i + 1)}" fill="{color}">'
                   f'{label}</text>')
    rx, ry = px(PUBLISHED[0]), py(PUBLISHED[1])
    out.append(f'<path d="M{rx:.1f},{ry - 6:.1f} L{rx + 6:.1f},{ry:.1f} L{rx:.1f},{ry + 6:.1f} '
               f'L{rx - 6:.1f},{ry:.1f} Z" fill="black"/>')
    out.append(f'<text x="{rx + 10:.1f}" y="{ry + 4:.1f}">{PUBLISHED[2]}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--work", required=True)
    parser.add_argument("--density", type=float, default=0.1)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="comma-separated square sizes")
    parser.add_argument("--markdown", required=True)
    parser.add_argument("--svg", required=True)
    args = parser.parse_args()
    tool = os.path.join(args.build, "bin", "cse-sparse")
    os.makedirs(args.work, exist_ok=True)
    rows, points = [], {"random search (default)": [], "greedy": []}
    sizes = [int(v) for v in args.sizes.split(",")]
    for size in sizes:
        matrix = os.path.join(args.work, f"peaked_i4_{size}.npy")
        subprocess.run([tool, "gen", matrix, "--rows", str(size), "--cols", str(size),
                        "--density", str(args.density), "--bits", "4", "--dist", "peaked",
                        "--seed", "1"], check=True, capture_output=True)
        stats = {}
        for label, extra in (("random search (default)", []), ("greedy", ["--algorithm", "greedy"])):
            s = run_json([tool, "extract", matrix, "--json", "-", *extra])["stats"]
            stats[label] = s
            points[label].append((size, s["extraction_seconds"]))
        r, g = stats["random search (default)"], stats["greedy"]
        rows.append(f"| {size} | {r['nnz']:,} | {r['extraction_seconds']:.3f} | "
                    f"{g['extraction_seconds']:.3f} | {r['additions_before']:,} | "
                    f"{r['additions_after']:,} | {g['additions_after']:,} | "
                    f"{r['bytes_ratio']:.3f} | {g['bytes_ratio']:.3f} |")
        print(rows[-1], flush=True)
    with open(args.markdown, "w") as f:
        f.write("| size | nnz | random s | greedy s | additions plain | random | greedy | "
                "ECSR/CSR random | ECSR/CSR greedy |\n|---|---|---|---|---|---|---|---|---|\n")
        f.write("\n".join(rows) + "\n")
    svg_plot(points, args.svg,
             f"Extraction time, peaked int4, density {args.density} (log-log)")


if __name__ == "__main__":
    main()
