//===- DspBuilder.h - Arm DSP extension instructions as ops -----*- C++ -*-===//
//
// What the DSP kernels (dense int8 matmuls, depthwise convolutions) build
// their loops from: word loads of four int8, the SIMD widening of a word's
// bytes to two int16 halves, and the 16x16 multiply-accumulates, as calls of
// LLVM's ARM intrinsics, which the LLVM dialect reaches directly.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_PIPELINES_DSPBUILDER_H
#define CSE_SPARSE_LIB_PIPELINES_DSPBUILDER_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace mlir::cse_sparse::dsp {

struct DspBuilder {
  ImplicitLocOpBuilder &b;

  Value index(int64_t v) { return arith::ConstantIndexOp::create(b, v); }
  Value i32(int64_t v) { return arith::ConstantIntOp::create(b, v, 32); }

  /// The four bytes of `buffer` at `at` as one word (an unaligned load: the
  /// Cortex-M3 and up allow it).
  Value loadWord(Value buffer, ValueRange at) {
    auto bytes = vector::LoadOp::create(b, VectorType::get({4}, b.getI8Type()),
                                        buffer, at);
    auto word = vector::BitCastOp::create(
        b, VectorType::get({1}, b.getI32Type()), bytes);
    return vector::ExtractOp::create(b, word, ArrayRef<int64_t>{0});
  }

  Value intrinsic(StringRef name, ValueRange args) {
    return LLVM::CallIntrinsicOp::create(b, b.getI32Type(),
                                         b.getStringAttr(name), args)
        .getResult(0);
  }

  /// `word` rotated right by 8: its odd bytes where the even ones were (the
  /// rotation SXTB16 and SXTAB16 take for free).
  Value oddBytes(Value word) {
    Value lo = arith::ShRUIOp::create(b, word, i32(8));
    Value hi = arith::ShLIOp::create(b, word, i32(24));
    return arith::OrIOp::create(b, lo, hi);
  }

  /// Bytes 0 and 2 of `word` as two int16: (x0, x2); with `odd`, bytes 1
  /// and 3 (SXTB16 of the word rotated by 8).
  Value widenPairs(Value word, bool odd) {
    return intrinsic("llvm.arm.sxtb16", {odd ? oddBytes(word) : word});
  }

  /// As widenPairs, plus `offset` in each half (SXTAB16): with the offset
  /// the negated zero point, the operand minus its zero point, which is
  /// exact while it fits 16 bits.
  Value widenPairsPlus(Value offset, Value word, bool odd) {
    return intrinsic("llvm.arm.sxtab16", {offset, odd ? oddBytes(word) : word});
  }

  /// acc + a.lo * x.lo + a.hi * x.hi.
  Value smlad(Value a, Value x, Value acc) {
    return intrinsic("llvm.arm.smlad", {a, x, acc});
  }

  /// acc + a.lo * x.lo (SMLABB), or with `high` acc + a.hi * x.hi (SMLATT).
  Value smlaHalves(Value a, Value x, Value acc, bool high) {
    return intrinsic(high ? "llvm.arm.smlatt" : "llvm.arm.smlabb", {a, x, acc});
  }

  Value extendedByte(Value buffer, ValueRange at) {
    Value v = memref::LoadOp::create(b, buffer, at);
    return arith::ExtSIOp::create(b, b.getI32Type(), v);
  }
};

/// A body of scf.for: the loop's builder, induction variable and carried
/// values in, the values to yield out.
using LoopBody =
    function_ref<SmallVector<Value>(ImplicitLocOpBuilder &, Value, ValueRange)>;

inline scf::ForOp emitFor(ImplicitLocOpBuilder &b, Value lb, Value ub,
                          Value step, ValueRange init, LoopBody body) {
  return scf::ForOp::create(
      b, lb, ub, step, init,
      [&](OpBuilder &nested, Location loc, Value i, ValueRange iter) {
        ImplicitLocOpBuilder ib(loc, nested);
        scf::YieldOp::create(ib, body(ib, i, iter));
      });
}

} // namespace mlir::cse_sparse::dsp

#endif // CSE_SPARSE_LIB_PIPELINES_DSPBUILDER_H
