//===- ObjectEmission.cpp - LLVM dialect to a target object file ----------===//

#include "cse-sparse/Compiler/ObjectEmission.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"

using namespace mlir;
using namespace mlir::cse_sparse;

LogicalResult mlir::cse_sparse::emitObject(ModuleOp module,
                                           const TargetDescription &t,
                                           llvm::raw_pwrite_stream &os) {
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
  llvm::legacy::PassManager codegen;
  if (machine->addPassesToEmitFile(codegen, os, nullptr,
                                   llvm::CodeGenFileType::ObjectFile))
    return module.emitError("the target cannot emit object files");
  codegen.run(*llvmModule);
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
