//===- ObjectEmission.h - LLVM dialect to a target object file --*- C++ -*-===//
//
// The last step of a compile, in process: the module in the LLVM dialect
// translated to LLVM IR, optimized, and emitted as an object file for a
// target of the table in Target.h; and the object's memory as a
// microcontroller sees it.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_COMPILER_OBJECTEMISSION_H
#define CSE_SPARSE_COMPILER_OBJECTEMISSION_H

#include "cse-sparse/Compiler/Target.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBufferRef.h"

namespace llvm {
class raw_pwrite_stream;
} // namespace llvm

namespace mlir::cse_sparse {

/// The stack a function of an object takes at its deepest: its own frame
/// as the code generator laid it out (buffers, spills, saved registers)
/// plus the deepest chain of the object's functions it calls. Library
/// functions it calls (memcpy, the run-time ABI's helpers) are not counted.
/// Unbounded for a frame of variable size or recursion.
struct FunctionStack {
  uint64_t bytes = 0;
  bool bounded = true;
};

/// Translates `module` (LLVM dialect) to LLVM IR, optimizes it at -O2 and
/// writes `target`'s object file to `os`: static relocation for an embedded
/// target, position-independent code for the host. With `stacks`, fills it
/// with the stack of every function the object defines. Errors at the
/// module.
LogicalResult emitObject(ModuleOp module, const TargetDescription &target,
                         llvm::raw_pwrite_stream &os,
                         llvm::StringMap<FunctionStack> *stacks = nullptr);

/// Flash (allocated, read-only: code and constants) and static RAM
/// (allocated, writable) bytes of an ELF object.
struct ObjectSizes {
  uint64_t flash = 0, ram = 0;
};
llvm::Expected<ObjectSizes> objectSizes(llvm::MemoryBufferRef object);
/// The same for the object file at `path`.
llvm::Expected<ObjectSizes> objectFileSizes(llvm::StringRef path);

} // namespace mlir::cse_sparse

#endif // CSE_SPARSE_COMPILER_OBJECTEMISSION_H
