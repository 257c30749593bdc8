"""Checks test/Integration/Host/math.mlir's two runs: APPROX (the pipeline's
own lowering) and LIBM (approximate-math=0). Each file holds the bits of the
four input sets, then of each function's results, one printMemrefI32 line
each. Prints 'NAME: ok' per function, or what is wrong."""

import math
import re
import struct
import sys

SETS = ["any", "pos", "unit", "round"]
# In the order of @main's calls: (name, input set, exact double reference).
APPROXIMATED = [
    ("exp", "any", math.exp),
    ("expm1", "any", math.expm1),
    ("tanh", "any", math.tanh),
    ("erf", "any", math.erf),
    ("erfc", "any", math.erfc),
    ("log", "pos", math.log),
    ("log2", "pos", math.log2),
    ("log1p", "pos", math.log1p),
    ("rsqrt", "pos", lambda x: 1 / math.sqrt(x)),
    ("asin", "unit", math.asin),
    ("acos", "unit", math.acos),
]
ROUNDINGS = ["floor", "ceil", "trunc", "round", "roundeven"]
MAX_ULPS = 4
SMALLEST_NORMAL = 2.0**-126


def rows(path):
    out = []
    for line in open(path):
        numbers = re.findall(r"-?\d+", line)
        if numbers:
            out.append([int(n) & 0xFFFFFFFF for n in numbers])
    return out


def as_float(bits):
    return struct.unpack("<f", struct.pack("<I", bits))[0]


def ulp(value):
    """The spacing of f32 numbers at |value| (a normal number)."""
    exponent = math.frexp(abs(value))[1]
    return 2.0 ** (exponent - 24)


approx, libm = rows(sys.argv[1]), rows(sys.argv[2])
inputs = dict(zip(SETS, approx[: len(SETS)]))
results = approx[len(SETS) :]
exact = libm[len(SETS) :]
failed = False
for (name, domain, reference), got in zip(APPROXIMATED, results):
    worst, where = 0.0, None
    for x_bits, y_bits in zip(inputs[domain], got):
        x, y = as_float(x_bits), as_float(y_bits)
        try:
            want = reference(x)
        except (OverflowError, ValueError):
            continue
        # Results beyond f32's normal range are flushed or saturated; the
        # bound is on the numbers a model computes with.
        if not SMALLEST_NORMAL <= abs(want) <= 3.4e38:
            continue
        error = abs(y - want) / ulp(want) if math.isfinite(y) else math.inf
        if error > worst:
            worst, where = error, (x, y, want)
    if worst > MAX_ULPS:
        failed = True
        print(f"{name}: {worst:.1f} ULP off at x={where[0]!r}: got {where[1]!r}, "
              f"exact {where[2]!r}")
    else:
        print(f"{name}: ok ({worst:.2f} ULP)")
for name, got, want in zip(ROUNDINGS, results[len(APPROXIMATED) :],
                           exact[len(APPROXIMATED) :]):
    wrong = [(as_float(x), as_float(g), as_float(w))
             for x, g, w in zip(inputs["round"], got, want)
             if g != w and not (math.isnan(as_float(g)) and math.isnan(as_float(w)))]
    if wrong:
        failed = True
        print(f"{name}: {len(wrong)} wrong, first x={wrong[0][0]!r}: got "
              f"{wrong[0][1]!r}, libm {wrong[0][2]!r}")
    else:
        print(f"{name}: ok")
sys.exit(1 if failed else 0)
