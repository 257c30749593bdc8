//===- Compile.h - the `cse-sparse compile` command -------------*- C++ -*-===//

#ifndef CSE_SPARSE_TOOLS_CSE_SPARSE_COMPILE_H
#define CSE_SPARSE_TOOLS_CSE_SPARSE_COMPILE_H

namespace cse_sparse::tool {
/// Whether the command line chose `compile`.
bool compileSelected();
/// Runs it; the process exit code.
int runCompile();
} // namespace cse_sparse::tool

#endif // CSE_SPARSE_TOOLS_CSE_SPARSE_COMPILE_H
