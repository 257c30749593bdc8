#!/usr/bin/env python3
"""The test-data header of lowering-cortex-m4.test: the input @main of MODEL
passes to @net, and the outputs the host run printed (HOST_OUTPUT: the int8
output, then the f32 output's bits, one printMemrefI32 line each).

Usage: lowering_data.py MODEL HOST_OUTPUT > data.h
"""

import re
import sys

model, host = open(sys.argv[1]).read(), open(sys.argv[2]).read()
match = re.search(r"%x = arith.constant dense<(.*?)> : tensor<1x5x5x4xi8>", model)
inputs = re.findall(r"-?\d+", match.group(1))
lines = [line for line in host.splitlines() if line.startswith("[")]
ints, bits = (re.findall(r"-?\d+", line) for line in lines[:2])
assert len(inputs) == 100 and len(ints) == 150 and len(bits) == 150
print("#include <stdint.h>")
print("static const int8_t test_input[100] = {%s};" % ", ".join(inputs))
print("static const int8_t test_expected_a[150] = {%s};" % ", ".join(ints))
print("static const uint32_t test_expected_bits[150] = {%s};" %
      ", ".join("%du" % (int(b) & 0xFFFFFFFF) for b in bits))
