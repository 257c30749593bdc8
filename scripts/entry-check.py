#!/usr/bin/env python3
"""Writes a firmware main that checks one compiled entry point against a
host run of the same model.

HOST_OUTPUT is what the model's @main printed on the host (mlir-runner, one
printMemrefI8/I16/I32/I64 call per tensor): first every input it passed to the
entry point, then every output the entry point returned, in the order of the
entry point's parameters. HEADER is the header `cse-sparse compile` wrote;
the entry point's prototype is read from it. The C file defines the inputs,
the expected outputs and main(): main calls the entry point once between
bench_begin() and bench_end() (the markers bench/qemu/icount-plugin.c counts
instructions between), compares every output element with the host's, and
prints "outputs: N, mismatches: M" over semihosting; it exits non-zero on a
mismatch. Integer outputs only: they must be equal, not close. An entry point
compiled with --arena takes a last parameter `uint8_t *arena`: the C file
gives it a static buffer of the header's ENTRY_ARENA_BYTES, aligned to
ENTRY_ARENA_ALIGN and filled with a pattern, so a kernel that read scratch it
had not written would show. Where the header bounds the entry point's stack
(ENTRY_STACK_BYTES), main paints the stack below it first and afterwards
prints "stack: used U of S bytes", the depth the call wrote to; deeper than
S plus 64 bytes (what a library function such as memcpy may take) fails.

Usage: entry-check.py HEADER ENTRY HOST_OUTPUT > check.c
"""

import os
import re
import sys

from printed_memrefs import printed_tensors

C_TYPES = {
    "int8_t": 8, "uint8_t": 8, "int16_t": 16, "uint16_t": 16,
    "int32_t": 32, "uint32_t": 32, "int64_t": 64, "uint64_t": 64,
}


def fail(message):
    sys.exit("entry-check: " + message)


def parameters(header, entry):
    """The entry point's parameters as (const, C type, name)."""
    match = re.search(r"\bvoid\s+%s\s*\(([^)]*)\)\s*;" % re.escape(entry),
                      header)
    if not match:
        fail("no prototype 'void %s(...)' in the header" % entry)
    params = []
    for text in match.group(1).split(","):
        p = re.fullmatch(r"\s*(const\s+)?(\w+)\s*\*\s*(\w+)\s*", text)
        if not p or p.group(2) not in C_TYPES:
            fail("parameter '%s' of %s is not a pointer to an integer type"
                 % (text.strip(), entry))
        params.append((bool(p.group(1)), p.group(2), p.group(3)))
    return params


def c_array(ctype, name, values, const):
    bits = C_TYPES[ctype]
    signed = not ctype.startswith("u")
    literals = []
    for v in values:
        # The host prints a tensor's elements as signed values of its width.
        v &= (1 << bits) - 1
        if signed and v >= 1 << (bits - 1):
            v -= 1 << bits
        if bits == 64:
            literal = "INT64_C(%d)" % v if signed else "UINT64_C(%d)" % v
        elif signed and v == -(1 << 31):
            literal = "(-2147483647 - 1)"
        else:
            literal = "%d%s" % (v, "" if signed else "u")
        literals.append(literal)
    return "static %s%s %s[%d] = {%s};\n" % (
        "const " if const else "", ctype, name, len(values),
        ", ".join(literals))


def main():
    if len(sys.argv) != 4:
        fail("usage: entry-check.py HEADER ENTRY HOST_OUTPUT > check.c")
    header_path, entry, host_path = sys.argv[1:]
    header = open(header_path).read()
    params = parameters(header, entry)
    stack_macro = entry.upper() + "_STACK_BYTES"
    bounded = re.search(r"#define\s+%s\b" % stack_macro, header) is not None
    arena = bool(params) and params[-1] == (False, "uint8_t", "arena")
    if arena:
        params.pop()
    try:
        tensors = printed_tensors(open(host_path).read())
    except ValueError as e:
        fail(str(e))
    if len(tensors) != len(params):
        fail("the host printed %d tensors; %s has %d parameters (inputs, "
             "then outputs)" % (len(tensors), entry, len(params)))
    # Absolute: the C file may be written anywhere.
    out = ['#include "semihosting.h"\n',
           '#include "%s"\n\n' % os.path.abspath(header_path)]
    args, checks, total = [], [], 0
    for i, ((const, ctype, name), values) in enumerate(zip(params, tensors)):
        if const:
            out.append(c_array(ctype, "in_%d" % i, values, True))
            args.append("in_%d" % i)
            continue
        out.append(c_array(ctype, "expected_%d" % i, values, True))
        out.append("static %s out_%d[%d];\n" % (ctype, i, len(values)))
        args.append("out_%d" % i)
        checks.append((i, len(values)))
        total += len(values)
    if arena:
        macro = entry.upper() + "_ARENA_"
        # A zero-byte arena is valid; a zero-length array is not C.
        out.append("static uint8_t arena[%sBYTES ? %sBYTES : 1] "
                   "__attribute__((aligned(%sALIGN)));\n"
                   % (macro, macro, macro))
        args.append("arena")
    out.append("""
volatile int bench_marker;
__attribute__((noinline)) void bench_begin(void) { bench_marker = 1; }
__attribute__((noinline)) void bench_end(void) { bench_marker = 2; }

static int mismatches;

static void check(const char *name, int64_t got, int64_t expected, int i) {
  if (got == expected)
    return;
  if (mismatches++ < 5) {
    sh_write(name);
    sh_write("[");
    sh_write_int(i);
    sh_write("]: got ");
    sh_write_int(got);
    sh_write(", expected ");
    sh_write_int(expected);
    sh_write("\\n");
  }
}

int main(void) {
""")
    if arena:
        out.append("  for (unsigned i = 0; i < sizeof arena; ++i)\n"
                   "    arena[i] = (uint8_t)(0xa5 ^ i);\n")
    if bounded:
        # Below main's stack pointer, which the call starts from.
        out.append("""  uintptr_t sp;
  __asm__ volatile("mov %%0, sp" : "=r"(sp));
  volatile uint32_t *top = (volatile uint32_t *)(sp & ~(uintptr_t)3);
  volatile uint32_t *low = top - (%s + 256u) / 4;
  for (volatile uint32_t *p = low; p < top; ++p)
    *p = 0x5afec0deu;
""" % stack_macro)
    out.append("  bench_begin();\n")
    out.append("  %s(%s);\n" % (entry, ", ".join(args)))
    out.append("  bench_end();\n")
    if bounded:
        out.append("""  volatile uint32_t *deepest = low;
  while (deepest < top && *deepest == 0x5afec0deu)
    ++deepest;
  uint32_t used = (uint32_t)((uintptr_t)top - (uintptr_t)deepest);
  sh_write("stack: used ");
  sh_write_int(used);
  sh_write(" of ");
  sh_write_int(%s);
  sh_write(" bytes\\n");
  if (used > %s + 64u) {
    sh_write("stack: deeper than the header says\\n");
    return 1;
  }
""" % (stack_macro, stack_macro))
    for i, count in checks:
        out.append('  for (int i = 0; i < %d; ++i)\n'
                   '    check("%s", out_%d[i], expected_%d[i], i);\n'
                   % (count, params[i][2], i, i))
    out.append("""  sh_write("outputs: ");
  sh_write_int(%d);
  sh_write(", mismatches: ");
  sh_write_int(mismatches);
  sh_write("\\n");
  return mismatches != 0;
}
""" % total)
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
