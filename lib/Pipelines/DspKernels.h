//===- DspKernels.h - what the Arm DSP kernels share ------------*- C++ -*-===//
//
// What the DSP kernels (dense int8 matmuls, convolutions, depthwise
// convolutions) build their loops from: word loads of four int8, the SIMD
// widening of a word's bytes to two int16 halves (minus a zero point), and
// the 16x16 multiply-accumulates, as calls of LLVM's ARM intrinsics, which
// the LLVM dialect reaches directly; and the matching they have in common.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_LIB_PIPELINES_DSPKERNELS_H
#define CSE_SPARSE_LIB_PIPELINES_DSPKERNELS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

#include <functional>

namespace mlir::cse_sparse::dsp {

/// Both halves of a word holding `v` (the offset SXTAB16 adds).
inline int64_t halves(int64_t v) {
  uint32_t half = static_cast<uint16_t>(v);
  return static_cast<int32_t>(half | half << 16);
}

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

  /// A word's (byte 0, byte 2), or with `odd` (byte 1, byte 3), as int16
  /// halves, each minus `zero`.
  Value widenMinus(Value word, int64_t zero, bool odd) {
    if (!zero)
      return widenPairs(word, odd);
    return widenPairsPlus(i32(halves(-zero)), word, odd);
  }

  /// Both: (byte 0, byte 2) and (byte 1, byte 3), each minus `zero`.
  std::pair<Value, Value> widenMinus(Value word, int64_t zero) {
    return {widenMinus(word, zero, false), widenMinus(word, zero, true)};
  }

  /// `v` - `zero` (none when 0).
  Value minus(Value v, int64_t zero) {
    if (!zero)
      return v;
    return arith::SubIOp::create(b, v, i32(zero));
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

/// What dot products of int8 spans read: one vector shared by every row,
/// each row its own span, both from byte `k` of the span on (word loads),
/// each minus its zero point.
/// (std::function: the loaders are lambdas assigned one by one.)
struct DotOperands {
  std::function<Value(ImplicitLocOpBuilder &, Value k)> vectorWord;
  std::function<Value(ImplicitLocOpBuilder &, unsigned row, Value k)> rowWord;
  /// The same one byte at a time (for the span's last bytes).
  std::function<Value(ImplicitLocOpBuilder &, Value k)> vectorByte;
  std::function<Value(ImplicitLocOpBuilder &, unsigned row, Value k)> rowByte;
  int64_t vectorZero = 0, rowZero = 0;
};

/// sums[r] plus the dot product of row r and the vector over bytes [begin,
/// end): `perStep` words an iteration (end - begin a multiple of 4 *
/// perStep), each vector word widened once for all rows, and SMLAD adding
/// two products at a time.
SmallVector<Value> emitDotWords(ImplicitLocOpBuilder &b, ValueRange sums,
                                int64_t begin, int64_t end, int64_t perStep,
                                const DotOperands &ops);

/// The same over bytes [begin, end), one multiply-accumulate at a time.
SmallVector<Value> emitDotBytes(ImplicitLocOpBuilder &b, ValueRange sums,
                                int64_t begin, int64_t end,
                                const DotOperands &ops);

/// emitDotWords two words an iteration, then one word, then emitDotBytes:
/// the whole of bytes [0, length).
SmallVector<Value> emitDot(ImplicitLocOpBuilder &b, ValueRange sums,
                           int64_t length, const DotOperands &ops);

/// What the convolution kernels take from a 2-D NHWC convolution on
/// memrefs: out[n, oh, ow, o] += sum over the window (kh, kw) and what the
/// filter reads of (in[n, oh*sh + kh*dh, ow*sw + kw*dw, c] - inputZero) *
/// (filter[...] - filterZero).
struct Int8Conv {
  Value input, filter, out;
  int64_t inputZero = 0, filterZero = 0;
  int64_t strides[2] = {1, 1}, dilations[2] = {1, 1};
  /// When set (takeChannelBroadcast), a vector along the output channels the
  /// sums start from instead of the output's values.
  Value start;

  /// What the sum of output `at` (output channel `channel`) starts from.
  Value startValue(ImplicitLocOpBuilder &b, ValueRange at,
                   Value channel) const {
    if (start)
      return memref::LoadOp::create(b, start, channel);
    return memref::LoadOp::create(b, out, at);
  }
};

/// `op` as an Int8Conv, if it is on memrefs with int8 input and filter, an
/// int32 output, a rank-4 input, a static filter of identity layout, two
/// strides and dilations, and (`quantized`: inputs 2 and 3) constant zero
/// points with which every int8 value minus them fits 16 bits (what
/// SXTAB16's halves hold).
std::optional<Int8Conv> matchInt8Conv(linalg::LinalgOp op, bool quantized,
                                      DenseIntElementsAttr strides,
                                      DenseIntElementsAttr dilations);

/// Loops over every output pixel (n, oh, ow) of the N x OH x OW x ... `out`.
void emitPixelLoops(
    ImplicitLocOpBuilder &b, Value out,
    function_ref<void(ImplicitLocOpBuilder &, Value n, Value oh, Value ow)>
        body);

/// What one window position (kh, kw) adds to the carried sums.
using WindowBody = function_ref<SmallVector<Value>(
    ImplicitLocOpBuilder &, Value kh, Value kw, ValueRange sums)>;

/// Rows [0, count) in blocks of `blockSize` (a loop), then the rows left
/// over, fewer than a block, as one more block: `body` gets each block's
/// row indices.
void emitRowBlocks(
    ImplicitLocOpBuilder &b, int64_t count, int64_t blockSize,
    function_ref<void(ImplicitLocOpBuilder &, ValueRange rows)> body);

/// The positions of a rows x columns window in order, unrolled up to
/// `maxUnrolled` (every address then a constant offset from the pixel's,
/// where a loop would spend about as many instructions on itself as a
/// position costs), else as two loops carrying the sums.
SmallVector<Value> forEachWindowPosition(ImplicitLocOpBuilder &b,
                                         ValueRange sums, int64_t rows,
                                         int64_t columns, int64_t maxUnrolled,
                                         WindowBody body);

/// A linalg.generic that broadcasts a vector into `conv`'s output along its
/// channels (dimension 3, NHWC's; cse-sparse-fold-bias-add's bias,
/// bufferized) as `c`'s start, if it writes the whole output before `conv`
/// in its block and nothing in between touches the output's buffer or the
/// vector's. Returns the broadcast, for the caller to erase once `conv` is
/// lowered, or null.
linalg::GenericOp takeChannelBroadcast(Operation *conv, Int8Conv &c);

} // namespace mlir::cse_sparse::dsp

#endif // CSE_SPARSE_LIB_PIPELINES_DSPKERNELS_H
