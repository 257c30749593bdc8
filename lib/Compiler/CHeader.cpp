//===- CHeader.cpp - the C interface of a compiled model ------------------===//

#include "cse-sparse/Compiler/CHeader.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::cse_sparse;

std::string mlir::cse_sparse::cType(Type t) {
  if (auto i = dyn_cast<IntegerType>(t))
    if (llvm::is_contained({8u, 16u, 32u, 64u}, i.getWidth()))
      return "int" + std::to_string(i.getWidth()) + "_t";
  if (t.isF32())
    return "float";
  if (t.isF64())
    return "double";
  return "";
}

bool mlir::cse_sparse::isCIdentifier(StringRef text) {
  return !text.empty() && !llvm::isDigit(text[0]) &&
         llvm::all_of(text,
                      [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

bool mlir::cse_sparse::isReservedInHeader(StringRef id) {
  static const llvm::StringSet<> keywords = {
      // C (through C23)
      "auto", "break", "case", "char", "const", "continue", "default", "do",
      "double", "else", "enum", "extern", "float", "for", "goto", "if",
      "inline", "int", "long", "register", "restrict", "return", "short",
      "signed", "sizeof", "static", "struct", "switch", "typedef", "union",
      "unsigned", "void", "volatile", "while", "alignas", "alignof", "bool",
      "constexpr", "false", "nullptr", "static_assert", "thread_local", "true",
      "typeof", "typeof_unqual",
      // C++
      "and", "and_eq", "asm", "bitand", "bitor", "catch", "char8_t", "char16_t",
      "char32_t", "class", "compl", "concept", "consteval", "constinit",
      "const_cast", "co_await", "co_return", "co_yield", "decltype", "delete",
      "dynamic_cast", "explicit", "export", "friend", "mutable", "namespace",
      "new", "noexcept", "not", "not_eq", "operator", "or", "or_eq", "private",
      "protected", "public", "reinterpret_cast", "requires", "static_cast",
      "template", "this", "throw", "try", "typeid", "typename", "using",
      "virtual", "wchar_t", "xor", "xor_eq",
      // <stdint.h> limits outside the INT*/UINT* pattern
      "SIZE_MAX", "SIZE_WIDTH", "PTRDIFF_MIN", "PTRDIFF_MAX", "PTRDIFF_WIDTH",
      "SIG_ATOMIC_MIN", "SIG_ATOMIC_MAX", "SIG_ATOMIC_WIDTH", "WCHAR_MIN",
      "WCHAR_MAX", "WCHAR_WIDTH", "WINT_MIN", "WINT_MAX", "WINT_WIDTH"};
  if (keywords.contains(id))
    return true;
  // Leading underscores: the implementation's (_Bool, __cplusplus, ...).
  if (id.starts_with("__") ||
      (id.size() > 1 && id[0] == '_' && llvm::isUpper(id[1])))
    return true;
  if ((id.starts_with("int") || id.starts_with("uint")) && id.ends_with("_t"))
    return true;
  return (id.starts_with("INT") || id.starts_with("UINT")) &&
         (id.ends_with("_MAX") || id.ends_with("_MIN") ||
          id.ends_with("_WIDTH") || id.ends_with("_C"));
}

std::string mlir::cse_sparse::cIdentifier(StringRef text) {
  std::string id;
  for (char c : text)
    id += llvm::isAlnum(c) ? c : '_';
  if (id.empty() || llvm::isDigit(id[0]))
    id = "w_" + id;
  if (id.size() > 1 && id[0] == '_' && (id[1] == '_' || llvm::isUpper(id[1])))
    id = "w" + id;
  if (isReservedInHeader(id))
    id += "_";
  return id;
}

namespace {

std::string shapeText(RankedTensorType t) {
  std::string s;
  for (int64_t d : t.getShape())
    s += "[" + std::to_string(d) + "]";
  return s;
}

/// The name of an entry point's macro: FOO_ARENA_BYTES for `foo` and
/// "ARENA_BYTES".
std::string entryMacro(StringRef entry, StringRef what) {
  return (entry.upper() + "_" + what).str();
}

/// The C prototype and buffer comments of `func`, or failure after an
/// error at it.
FailureOr<EntryPoint> describeEntryPoint(func::FuncOp func, bool arena) {
  EntryPoint e;
  e.name = func.getName().str();
  if (!isCIdentifier(e.name) || isReservedInHeader(e.name))
    return func.emitError()
           << "entry point '" << e.name
           << "' cannot be declared in a C header ("
           << (isCIdentifier(e.name) ? "a C or C++ keyword or a <stdint.h> "
                                       "name"
                                     : "not a C identifier")
           << "); rename the function";
  std::string params;
  auto add = [&](Type type, StringRef role, unsigned i, bool isConst) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || !tensor.hasStaticShape() ||
        cType(tensor.getElementType()).empty()) {
      func.emitError() << "entry point '" << e.name << "': " << role << " " << i
                       << " has type " << type
                       << "; a C entry point needs a static tensor of "
                          "i8/i16/i32/i64/f32/f64";
      return failure();
    }
    std::string pname = (role == "input" ? "in" : "out") + std::to_string(i);
    if (!params.empty())
      params += ", ";
    params += (isConst ? "const " : "") + cType(tensor.getElementType()) +
              " *" + pname;
    e.shapes += " *   " + pname + ": " + cType(tensor.getElementType()) +
                shapeText(tensor) + " (row-major)\n";
    return success();
  };
  FunctionType type = func.getFunctionType();
  for (auto [i, t] : llvm::enumerate(type.getInputs()))
    if (failed(add(t, "input", i, true)))
      return failure();
  for (auto [i, t] : llvm::enumerate(type.getResults()))
    if (failed(add(t, "result", i, false)))
      return failure();
  if (arena) {
    params += (params.empty() ? "" : ", ") + std::string("uint8_t *arena");
    e.shapes += " *   arena: " + entryMacro(e.name, "ARENA_BYTES") +
                " bytes of scratch aligned to " +
                entryMacro(e.name, "ARENA_ALIGN") +
                ", the caller's; its contents need not survive a call\n";
  }
  e.prototype = "void " + e.name + "(" + params + ");";
  return e;
}

} // namespace

FailureOr<std::vector<EntryPoint>>
mlir::cse_sparse::describeEntryPoints(ModuleOp module, bool arena) {
  std::vector<EntryPoint> entries;
  llvm::StringMap<std::string> macroOwners;
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isExternal() || func.isPrivate())
      continue;
    FailureOr<EntryPoint> e = describeEntryPoint(func, arena);
    if (failed(e))
      return failure();
    // `net` and `NET` would define the same macros.
    auto [owner, inserted] =
        macroOwners.try_emplace(entryMacro(e->name, "STACK_BYTES"), e->name);
    if (!inserted)
      return func.emitError() << "entry points '" << owner->second << "' and '"
                              << e->name << "' would both define "
                              << owner->first() << " in the header; rename one";
    entries.push_back(std::move(*e));
  }
  if (entries.empty())
    return module.emitError("nothing to compile: no public function with a "
                            "body");
  return entries;
}

void mlir::cse_sparse::writeHeader(llvm::raw_ostream &os,
                                   const HeaderInfo &info,
                                   ArrayRef<EntryPoint> entries) {
  std::string guard = info.baseName.upper() + "_H";
  os << "/* " << info.baseName << ".h: generated by cse-sparse compile for "
     << info.targetName << " from "
     << llvm::sys::path::filename(info.sourceName)
     << ".\n * Object: " << info.baseName << ".o (" << info.triple << ", "
     << info.cpu;
  if (!info.floatAbi.empty())
    os << ", float ABI " << info.floatAbi;
  os << "); flash " << info.flashBytes
     << " bytes (code and constant tables), static RAM " << info.ramBytes
     << " bytes. No heap.\n";
  if (!info.layers.empty()) {
    os << " * Layers our kernels run (tables in the flash above, scratch "
          "with the entry point's temporaries):\n";
    for (const std::string &layer : info.layers)
      os << " *   " << layer << "\n";
  }
  os << " */\n#ifndef " << guard << "\n#define " << guard
     << "\n\n#include <stdint.h>\n\n#ifdef __cplusplus\nextern "
     << "\"C\" {\n#endif\n\n";
  for (const EntryPoint &e : entries) {
    os << "/* " << e.name << ": buffers are row-major and must not overlap.\n"
       << e.shapes;
    if (e.stackBytes)
      os << " * Stack: " << entryMacro(e.name, "STACK_BYTES")
         << " bytes, its frames as compiled, plus what a library function it "
            "calls takes (memcpy and the run-time ABI's helpers: a few dozen "
            "bytes).\n */\n#define "
         << entryMacro(e.name, "STACK_BYTES") << " " << *e.stackBytes << "u\n";
    else
      os << " * Stack: not bounded (a frame of variable size, or "
            "recursion).\n */\n";
    if (e.arenaBytes)
      os << "#define " << entryMacro(e.name, "ARENA_BYTES") << " "
         << *e.arenaBytes << "u\n#define " << entryMacro(e.name, "ARENA_ALIGN")
         << " " << e.arenaAlignment << "u\n";
    os << e.prototype << "\n\n";
  }
  os << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << guard << " */\n";
}
