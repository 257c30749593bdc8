//===- ObjectEmissionTest.cpp - objects and their stack -------------------===//

#include "cse-sparse/Compiler/ObjectEmission.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::cse_sparse;

namespace {

class ObjectEmission : public ::testing::Test {
protected:
  ObjectEmission() {
    DialectRegistry registry;
    registry.insert<LLVM::LLVMDialect>();
    registerAllToLLVMIRTranslations(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
  }

  /// The stacks of the object `text` compiles to for the Cortex-M4, and
  /// its size.
  llvm::StringMap<FunctionStack> stacks(StringRef text) {
    OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &context);
    EXPECT_TRUE(module);
    llvm::StringMap<FunctionStack> result;
    llvm::SmallString<0> object;
    llvm::raw_svector_ostream os(object);
    EXPECT_TRUE(succeeded(
        emitObject(*module, *lookupTarget("cortex-m4"), os, &result)));
    auto sizes = objectSizes(llvm::MemoryBufferRef(object, "object"));
    EXPECT_TRUE(bool(sizes));
    EXPECT_GT(sizes->flash, 0u);
    return result;
  }

  MLIRContext context;
};

// A function's frame holds its buffer; a caller's stack adds the deepest of
// its callees'. Volatile stores keep the buffers and noinline the calls.
constexpr const char *kCalls = R"mlir(
llvm.func @leaf(%i: i32) attributes {no_inline} {
  %n = llvm.mlir.constant(256 : i32) : i32
  %p = llvm.alloca %n x i8 {alignment = 4 : i64} : (i32) -> !llvm.ptr
  %q = llvm.getelementptr %p[%i] : (!llvm.ptr, i32) -> !llvm.ptr, i8
  %v = llvm.mlir.constant(1 : i8) : i8
  llvm.store volatile %v, %q : i8, !llvm.ptr
  llvm.return
}
llvm.func @small(%i: i32) attributes {no_inline} {
  %n = llvm.mlir.constant(16 : i32) : i32
  %p = llvm.alloca %n x i8 {alignment = 4 : i64} : (i32) -> !llvm.ptr
  %q = llvm.getelementptr %p[%i] : (!llvm.ptr, i32) -> !llvm.ptr, i8
  %v = llvm.mlir.constant(1 : i8) : i8
  llvm.store volatile %v, %q : i8, !llvm.ptr
  llvm.return
}
llvm.func @entry(%i: i32) {
  %n = llvm.mlir.constant(64 : i32) : i32
  %p = llvm.alloca %n x i8 {alignment = 4 : i64} : (i32) -> !llvm.ptr
  %q = llvm.getelementptr %p[%i] : (!llvm.ptr, i32) -> !llvm.ptr, i8
  %v = llvm.mlir.constant(1 : i8) : i8
  llvm.store volatile %v, %q : i8, !llvm.ptr
  llvm.call @small(%i) : (i32) -> ()
  llvm.call @leaf(%i) : (i32) -> ()
  llvm.return
}
)mlir";

TEST_F(ObjectEmission, StackIsTheDeepestChainOfFrames) {
  llvm::StringMap<FunctionStack> s = stacks(kCalls);
  ASSERT_EQ(s.size(), 3u);
  for (StringRef name : {"leaf", "small", "entry"})
    EXPECT_TRUE(s.lookup(name).bounded) << name.str();
  EXPECT_GE(s.lookup("leaf").bytes, 256u);
  EXPECT_LT(s.lookup("leaf").bytes, 256u + 32);
  EXPECT_GE(s.lookup("small").bytes, 16u);
  EXPECT_LT(s.lookup("small").bytes, s.lookup("leaf").bytes);
  // Its own frame (64 bytes and more) on top of leaf's, the deeper callee.
  EXPECT_GE(s.lookup("entry").bytes, s.lookup("leaf").bytes + 64);
  EXPECT_LT(s.lookup("entry").bytes, s.lookup("leaf").bytes + 64 + 32);
}

// (The recursive call is not a tail call: LLVM would make that a loop.)
TEST_F(ObjectEmission, RecursionAndVariableFramesAreUnbounded) {
  llvm::StringMap<FunctionStack> s = stacks(R"mlir(
llvm.func @recursive(%i: i32) attributes {no_inline} {
  %z = llvm.mlir.constant(0 : i32) : i32
  %c = llvm.icmp "eq" %i, %z : i32
  llvm.cond_br %c, ^done, ^again
^again:
  %one = llvm.mlir.constant(1 : i32) : i32
  %j = llvm.sub %i, %one : i32
  %n = llvm.mlir.constant(8 : i32) : i32
  %p = llvm.alloca %n x i8 : (i32) -> !llvm.ptr
  llvm.store volatile %j, %p : i32, !llvm.ptr
  llvm.call @recursive(%j) : (i32) -> ()
  %k = llvm.load volatile %p : !llvm.ptr -> i32
  llvm.store volatile %k, %p : i32, !llvm.ptr
  llvm.br ^done
^done:
  llvm.return
}
llvm.func @variable(%n: i32) {
  %p = llvm.alloca %n x i8 : (i32) -> !llvm.ptr
  %v = llvm.mlir.constant(1 : i8) : i8
  llvm.store volatile %v, %p : i8, !llvm.ptr
  llvm.return
}
)mlir");
  EXPECT_FALSE(s.lookup("recursive").bounded);
  EXPECT_FALSE(s.lookup("variable").bounded);
}

// A call through a pointer may reach any stack (found in review: it was
// left out of the chain, and the bound was too small).
TEST_F(ObjectEmission, CallsThroughPointersAreUnbounded) {
  llvm::StringMap<FunctionStack> s = stacks(R"mlir(
llvm.func @indirect(%f: !llvm.ptr) {
  llvm.call %f() : !llvm.ptr, () -> ()
  llvm.return
}
)mlir");
  EXPECT_FALSE(s.lookup("indirect").bounded);
}

} // namespace
