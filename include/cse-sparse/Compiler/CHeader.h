//===- CHeader.h - the C interface of a compiled model ----------*- C++ -*-===//
//
// What a C caller sees of a model compiled with the bare-pointer ABI
// (--cse-sparse-to-llvm with bare-ptr=1): one `void f(const T *in0, ...,
// U *out0, ...)` per public function, row-major buffers, results as
// out-parameters. Describes the entry points from the module on tensors and
// writes the header declaring them.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_COMPILER_CHEADER_H
#define CSE_SPARSE_COMPILER_CHEADER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace mlir::cse_sparse {

/// The C type of a tensor element ("int8_t", "float", ...), or "" if C has
/// none the ABI passes.
std::string cType(Type type);

/// Whether `text` is a C identifier.
bool isCIdentifier(StringRef text);
/// Whether the generated header cannot declare a function named `id`: C and
/// C++ keywords (the header is `extern "C"` for C++ too), names <stdint.h>
/// defines or reserves (int*_t, INT*_MAX, ...) and the implementation's
/// (_Upper, __x).
bool isReservedInHeader(StringRef id);
/// `text` as a name the header can declare: characters C does not allow
/// become '_', a leading digit gets the prefix "w_", a reserved name a
/// trailing '_'.
std::string cIdentifier(StringRef text);

/// One public function of a model: its C prototype and memory use.
struct EntryPoint {
  std::string name;
  /// "void f(const int8_t *in0, int32_t *out0);"
  std::string prototype;
  /// One comment line per buffer: " *   in0: int8_t[3][96] (row-major)\n".
  std::string shapes;
  /// Bytes of its buffers on the stack, counted before LLVM shares the
  /// bytes of those never live together (countStackBytes, Footprint.h).
  uint64_t bufferBytes = 0;
  /// Its stack at the deepest as compiled (emitObject, ObjectEmission.h):
  /// none when unbounded (a frame of variable size, or recursion).
  std::optional<uint64_t> stackBytes;
  /// In arena mode, the bytes and alignment of the scratch buffer the caller
  /// passes as the last argument, `uint8_t *arena` (countStackBytes).
  std::optional<uint64_t> arenaBytes;
  uint64_t arenaAlignment = 0;
};

/// The entry points of `module` (on tensors): every public function with a
/// body, its inputs `const`, its results as out-parameters. Emits an error at
/// the function, and fails, for a name the header cannot declare or a type C
/// cannot express (anything but a static tensor of i8/i16/i32/i64/f32/f64),
/// and at the module when there is no entry point.
/// With `arena`, each takes a last parameter `uint8_t *arena`.
FailureOr<std::vector<EntryPoint>> describeEntryPoints(ModuleOp module,
                                                       bool arena = false);

/// What the header says about the object besides its entry points.
struct HeaderInfo {
  /// The outputs' base name: NAME.h declares what NAME.o defines.
  StringRef baseName;
  /// The target's name, triple and CPU.
  StringRef targetName, triple, cpu;
  /// "soft" or "hard" on a Cortex-M target; empty on the host.
  StringRef floatAbi;
  /// The file the model came from, as the header names it.
  StringRef sourceName;
  /// Flash (code and constant tables) and static RAM of the object.
  uint64_t flashBytes = 0, ramBytes = 0;
  /// One line per layer our kernels run, in program order: "ecsr 128x256:
  /// tables 31032 bytes, scratch 3072 bytes".
  std::vector<std::string> layers;
};

/// Writes NAME.h: an include guard, <stdint.h>, and each entry point's
/// buffers, stack and prototype, `extern "C"` for C++.
void writeHeader(llvm::raw_ostream &os, const HeaderInfo &info,
                 ArrayRef<EntryPoint> entries);

} // namespace mlir::cse_sparse

#endif // CSE_SPARSE_COMPILER_CHEADER_H
