// A project of its own builds against an installed cse-sparse with
// find_package(CseSparse) alone: install into a prefix, move the prefix (the
// package is relocatable), configure and build examples/out-of-tree with
// Ninja, and run our pass through its tool, which links libMLIR.so.
// REQUIRES: packaging
// RUN: rm -rf %t && mkdir -p %t
// RUN: %cmake --install %cse_sparse_obj_root --prefix %t/stage > %t/install.log
// RUN: mv %t/stage %t/prefix
// RUN: %cmake -G Ninja -S %examples/out-of-tree -B %t/build \
// RUN:   -DCMAKE_MAKE_PROGRAM=%ninja -DCMAKE_CXX_COMPILER=%cxx \
// RUN:   -DCMAKE_PREFIX_PATH=%t/prefix | FileCheck %s --check-prefix=CONFIGURE
// RUN: %ninja -C %t/build
// RUN: %t/build/my-opt %s --cse-sparse-extract=cost-model=sparse | FileCheck %s
// RUN: llvm-readelf --needed-libs %t/build/my-opt | FileCheck %s --check-prefix=NEEDED

// CONFIGURE: Found CseSparse 0.1.0 in {{.*}}/prefix/lib/cmake/CseSparse, plugin {{.*}}/prefix/lib/CseSparsePlugin.so

// CHECK-LABEL: func.func @layer
// CHECK: cse_sparse.matmul <type = tensor<3x4xi8>
// CHECK-NOT: linalg.matmul

// NEEDED: libMLIR.so.22

func.func @layer(%x: tensor<4x3xi8>, %acc: tensor<3x3xi32>) -> tensor<3x3xi32> {
  %w = arith.constant dense<[[1, 1, 0, 2], [1, 1, 5, 0], [1, 1, 0, -1]]> : tensor<3x4xi8>
  %y = linalg.matmul ins(%w, %x : tensor<3x4xi8>, tensor<4x3xi8>)
                     outs(%acc : tensor<3x3xi32>) -> tensor<3x3xi32>
  return %y : tensor<3x3xi32>
}
