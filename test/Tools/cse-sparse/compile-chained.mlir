// cse-sparse compile on a model whose rewritten layers feed each other
// (W2 * (W1 * x), a residual through `outs`, one weight in two chained
// matmuls): the pass once crashed on it, leaving an empty output directory.
// Every output is there and valid, and the host object computes what the
// dense lowering computes.
// RUN: rm -rf %t && mkdir -p %t
// RUN: cse-sparse compile %s -o %t/host --name net --target host | FileCheck %s --check-prefix=HOST
// HOST:      layers   (cost model none)
// HOST-NEXT:   ecsr  6x8
// HOST-NEXT:   ecsr  4x6
// HOST-NEXT:   ecsr  4x4
// HOST-NEXT:   ecsr  4x4
// RUN: %python -c "import os, sys; print(sorted(os.listdir(sys.argv[1])))" %t/host | FileCheck %s --check-prefix=LS
// LS: {{^}}['net.h', 'net.o', 'net.report.json', 'net.report.txt']{{$}}
// RUN: %python -c "import json, sys; r = json.load(open(sys.argv[1])); assert [l['form'] for l in r['layers']] == ['ecsr'] * 4 and r['entry_points'][0]['name'] == 'net', r" %t/host/net.report.json
// RUN: clang -fsyntax-only -Wall -Wextra -Werror -x c %t/host/net.h
// RUN: clang -fsyntax-only -Wall -Wextra -Werror -x c++ %t/host/net.h
// RUN: llvm-nm %t/host/net.o | FileCheck %s --check-prefix=NM --implicit-check-not=malloc
// NM: T net

// The dense lowering as the reference.
// RUN: cse-sparse compile %s -o %t/dense --name net --target host --no-extract > /dev/null
// RUN: clang -O1 -DIN=8 -DOUT=4 -DB=2 -include %t/host/net.h %S/Inputs/run_net.c %t/host/net.o -o %t/sparse.exe
// RUN: clang -O1 -DIN=8 -DOUT=4 -DB=2 -include %t/dense/net.h %S/Inputs/run_net.c %t/dense/net.o -o %t/dense.exe
// RUN: %t/sparse.exe > %t/sparse.txt
// RUN: %t/dense.exe > %t/dense.txt
// RUN: diff %t/dense.txt %t/sparse.txt
// RUN: FileCheck %s --check-prefix=OUT < %t/sparse.txt
// OUT: {{^}} {{-?[0-9]+}} {{-?[0-9]+}}{{$}}
// OUT-COUNT-3: {{^}} {{-?[0-9]+}} {{-?[0-9]+}}{{$}}

// Cortex-M4, every layer rewritten (the cost model would keep layers this
// small dense).
// RUN: cse-sparse compile %s -o %t/m4 --name net --cost-model sparse | FileCheck %s --check-prefix=M4
// M4:      layers   (cost model sparse)
// M4-COUNT-4: {{e?csr}}
// RUN: %python -c "import os, sys; print(sorted(os.listdir(sys.argv[1])))" %t/m4 | FileCheck %s --check-prefix=LS
// RUN: llvm-readelf -h %t/m4/net.o | FileCheck %s --check-prefix=ELF
// ELF: Machine: ARM
// RUN: llvm-nm %t/m4/net.o | FileCheck %s --check-prefix=NM --implicit-check-not=malloc
// RUN: clang -fsyntax-only -Wall -Wextra -Werror -x c %t/m4/net.h

func.func @net(%x: tensor<8x2xi8>) -> tensor<4x2xi32> {
  %w1 = arith.constant dense<[[1, 0, 2, 0, 0, 1, 0, 3], [0, 1, 1, 0, 2, 0, 0, 1], [1, 0, 2, 0, 0, 1, 1, 3], [0, 0, 0, 1, 0, 1, 0, 0], [2, 1, 1, 0, 2, 0, 0, 1], [1, 1, 1, 1, 0, 0, 0, 0]]> : tensor<6x8xi8>
  %w2 = arith.constant dense<[[1, 1, 0, 1, 0, 1], [0, 2, 1, 0, 1, 0], [1, 1, 0, 1, 0, 2], [3, 0, 0, 0, 1, 1]]> : tensor<4x6xi32>
  %w3 = arith.constant dense<[[1, 0, 1, 0], [1, 1, 0, 1], [0, 1, 1, 0], [1, 0, 1, 1]]> : tensor<4x4xi32>
  %z = arith.constant 0 : i32
  %e1 = tensor.empty() : tensor<6x2xi32>
  %a1 = linalg.fill ins(%z : i32) outs(%e1 : tensor<6x2xi32>) -> tensor<6x2xi32>
  // W1 * x feeds W2.
  %h = linalg.matmul ins(%w1, %x : tensor<6x8xi8>, tensor<8x2xi8>) outs(%a1 : tensor<6x2xi32>) -> tensor<6x2xi32>
  %e2 = tensor.empty() : tensor<4x2xi32>
  %a2 = linalg.fill ins(%z : i32) outs(%e2 : tensor<4x2xi32>) -> tensor<4x2xi32>
  %y = linalg.matmul ins(%w2, %h : tensor<4x6xi32>, tensor<6x2xi32>) outs(%a2 : tensor<4x2xi32>) -> tensor<4x2xi32>
  // Residuals: y + W3 * y, then the same W3 again on that.
  %r1 = linalg.matmul ins(%w3, %y : tensor<4x4xi32>, tensor<4x2xi32>) outs(%y : tensor<4x2xi32>) -> tensor<4x2xi32>
  %r2 = linalg.matmul ins(%w3, %r1 : tensor<4x4xi32>, tensor<4x2xi32>) outs(%r1 : tensor<4x2xi32>) -> tensor<4x2xi32>
  return %r2 : tensor<4x2xi32>
}
