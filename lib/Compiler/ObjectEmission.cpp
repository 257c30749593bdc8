//===- ObjectEmission.cpp - LLVM dialect to a target object file ----------===//

#include "cse-sparse/Compiler/ObjectEmission.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"

using namespace mlir;
using namespace mlir::cse_sparse;

namespace {

/// For each function defined in `module`, the functions defined in it that
/// it calls, and "" for a call through a pointer (whose stack is unknown).
/// (Code generation adds calls of library functions only: memcpy, the
/// run-time ABI's helpers.)
llvm::StringMap<SmallVector<StringRef>> definedCallees(llvm::Module &module) {
  llvm::StringMap<SmallVector<StringRef>> callees;
  for (llvm::Function &f : module) {
    if (f.isDeclaration())
      continue;
    SmallVector<StringRef> &list = callees[f.getName()];
    auto add = [&](StringRef name) {
      if (!llvm::is_contained(list, name))
        list.push_back(name);
    };
    for (llvm::Instruction &inst : llvm::instructions(f)) {
      auto *call = dyn_cast<llvm::CallBase>(&inst);
      if (!call || call->isInlineAsm())
        continue;
      if (llvm::Function *callee = call->getCalledFunction()) {
        if (!callee->isDeclaration())
          add(callee->getName());
      } else {
        add("");
      }
    }
  }
  return callees;
}

/// Each function's own frame from the code generator's stack usage file
/// (lines "MODULE:NAME<TAB>BYTES<TAB>static|dynamic..."), for the functions
/// named in `callees`; a frame with a variable-sized part is unbounded.
llvm::StringMap<FunctionStack>
readFrames(StringRef text,
           const llvm::StringMap<SmallVector<StringRef>> &callees) {
  llvm::StringMap<FunctionStack> frames;
  SmallVector<StringRef> lines;
  text.split(lines, '\n', -1, /*KeepEmpty=*/false);
  for (StringRef line : lines) {
    SmallVector<StringRef, 3> fields;
    line.split(fields, '\t');
    uint64_t bytes;
    if (fields.size() != 3 || fields[1].getAsInteger(10, bytes))
      continue;
    // The prefix before the name may hold ':' itself: match the names.
    StringRef name;
    for (const auto &entry : callees)
      if (fields[0].ends_with((":" + entry.getKey()).str()) &&
          entry.getKey().size() > name.size())
        name = entry.getKey();
    if (name.empty())
      continue;
    frames[name] = {bytes, fields[2].trim() == "static"};
  }
  return frames;
}

/// The deepest stack of `name`: its frame and the deepest of its callees'.
/// Recursion, a call through a pointer ("") or a frame not measured makes
/// it unbounded.
FunctionStack
deepestStack(StringRef name,
             const llvm::StringMap<SmallVector<StringRef>> &callees,
             const llvm::StringMap<FunctionStack> &frames,
             llvm::StringMap<FunctionStack> &done, llvm::StringSet<> &active) {
  if (auto it = done.find(name); it != done.end())
    return it->second;
  auto frame = frames.find(name);
  if (frame == frames.end() || !active.insert(name).second)
    return {0, false};
  FunctionStack deepest{0, true};
  for (StringRef callee : callees.lookup(name)) {
    FunctionStack s = deepestStack(callee, callees, frames, done, active);
    deepest.bytes = std::max(deepest.bytes, s.bytes);
    deepest.bounded &= s.bounded;
  }
  active.erase(name);
  FunctionStack result{frame->second.bytes + deepest.bytes,
                       frame->second.bounded && deepest.bounded};
  done[name] = result;
  return result;
}

} // namespace

LogicalResult
mlir::cse_sparse::emitObject(ModuleOp module, const TargetDescription &t,
                             llvm::raw_pwrite_stream &os,
                             llvm::StringMap<FunctionStack> *stacks) {
  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargets();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmPrinters();
  llvm::Triple triple(t.triple);
  std::string error;
  const llvm::Target *llvmTarget =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!llvmTarget)
    return module.emitError("no LLVM target for ") << t.triple << ": " << error;
  llvm::TargetOptions options;
  // The code generator writes each function's frame size there, as
  // -fstack-usage does.
  SmallString<128> usagePath;
  std::optional<llvm::FileRemover> removeUsage;
  if (stacks) {
    if (std::error_code ec = llvm::sys::fs::createTemporaryFile(
            "cse-sparse-stack", "su", usagePath))
      return module.emitError("cannot create a temporary file for the stack "
                              "usage: ")
             << ec.message();
    removeUsage.emplace(usagePath);
    options.StackUsageOutput = usagePath.str().str();
  }
  std::unique_ptr<llvm::TargetMachine> machine(llvmTarget->createTargetMachine(
      triple, t.cpu, t.features, options,
      t.embedded ? llvm::Reloc::Static : llvm::Reloc::PIC_));
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext);
  if (!llvmModule)
    return module.emitError("translation to LLVM IR failed");
  llvmModule->setTargetTriple(triple);
  llvmModule->setDataLayout(machine->createDataLayout());
  if (llvm::Error err =
          makeOptimizingTransformer(2, 0, machine.get())(llvmModule.get()))
    return module.emitError("LLVM optimization failed: ")
           << llvm::toString(std::move(err));
  llvm::StringMap<SmallVector<StringRef>> callees = definedCallees(*llvmModule);
  {
    // Destroyed before the usage file is read: its printer closes it.
    llvm::legacy::PassManager codegen;
    if (machine->addPassesToEmitFile(codegen, os, nullptr,
                                     llvm::CodeGenFileType::ObjectFile))
      return module.emitError("the target cannot emit object files");
    codegen.run(*llvmModule);
  }
  if (!stacks)
    return success();
  auto usage = llvm::MemoryBuffer::getFile(usagePath);
  // No defined function, no file.
  StringRef text = usage ? (*usage)->getBuffer() : StringRef();
  llvm::StringMap<FunctionStack> frames = readFrames(text, callees);
  llvm::StringSet<> active;
  for (const auto &entry : callees)
    deepestStack(entry.getKey(), callees, frames, *stacks, active);
  return success();
}

llvm::Expected<ObjectSizes>
mlir::cse_sparse::objectSizes(llvm::MemoryBufferRef buffer) {
  auto object = llvm::object::ObjectFile::createObjectFile(buffer);
  if (!object)
    return object.takeError();
  if (!isa<llvm::object::ELFObjectFileBase>(**object))
    return llvm::createStringError("not an ELF object");
  ObjectSizes sizes;
  for (const llvm::object::SectionRef &section : (*object)->sections()) {
    uint64_t flags = llvm::object::ELFSectionRef(section).getFlags();
    if (!(flags & llvm::ELF::SHF_ALLOC))
      continue; // symbols, relocations, notes: not in the image
    if (flags & llvm::ELF::SHF_WRITE)
      sizes.ram += section.getSize();
    else
      sizes.flash += section.getSize();
  }
  return sizes;
}

llvm::Expected<ObjectSizes>
mlir::cse_sparse::objectFileSizes(llvm::StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return llvm::errorCodeToError(buffer.getError());
  return objectSizes((*buffer)->getMemBufferRef());
}
