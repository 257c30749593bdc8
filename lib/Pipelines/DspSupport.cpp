//===- DspSupport.cpp - what the Arm DSP kernels share --------------------===//
//
// The dot-product loops of the matmul and convolution kernels, and the
// matching of zero points, windows and bias broadcasts.
//
//===----------------------------------------------------------------------===//

#include "DspKernels.h"

#include "cse-sparse/Algorithm/CostModel.h"

#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;
using namespace mlir::cse_sparse;
using dsp::DspBuilder;
using dsp::emitFor;

/// The value of the zero point `v`, if it is a constant with which every
/// int8 value minus it fits 16 bits.
static std::optional<int64_t> zeroPoint(Value v) {
  APInt value;
  // (A constant wider than 64 bits has no int64 value to take.)
  if (!matchPattern(v, m_ConstantInt(&value)) ||
      value.getSignificantBits() > 17)
    return std::nullopt;
  int64_t zero = value.getSExtValue();
  if (!::cse_sparse::dspSubtractsExactly(zero))
    return std::nullopt;
  return zero;
}

static bool copyPair(DenseIntElementsAttr attr, int64_t (&to)[2]) {
  if (!attr || attr.getNumElements() != 2)
    return false;
  llvm::copy(attr.getValues<int64_t>(), to);
  return true;
}

std::optional<dsp::Int8Conv>
dsp::matchInt8Conv(linalg::LinalgOp op, bool quantized,
                   DenseIntElementsAttr strides,
                   DenseIntElementsAttr dilations) {
  if (!op.hasPureBufferSemantics() || op.getNumDpsInits() != 1)
    return std::nullopt;
  Int8Conv c;
  c.input = op.getDpsInputs()[0];
  c.filter = op.getDpsInputs()[1];
  c.out = op.getDpsInits()[0];
  auto inputType = dyn_cast<MemRefType>(c.input.getType());
  auto filterType = dyn_cast<MemRefType>(c.filter.getType());
  auto outType = dyn_cast<MemRefType>(c.out.getType());
  if (!inputType || !filterType || !outType || inputType.getRank() != 4 ||
      !inputType.getElementType().isSignlessInteger(8) ||
      !filterType.getElementType().isSignlessInteger(8) ||
      !outType.getElementType().isSignlessInteger(32) ||
      inputType.getMemorySpace() || !filterType.hasStaticShape() ||
      !filterType.getLayout().isIdentity() || filterType.getMemorySpace() ||
      !copyPair(strides, c.strides) || !copyPair(dilations, c.dilations))
    return std::nullopt;
  if (quantized) {
    std::optional<int64_t> inputZero = zeroPoint(op.getDpsInputs()[2]),
                           filterZero = zeroPoint(op.getDpsInputs()[3]);
    if (!inputZero || !filterZero)
      return std::nullopt;
    c.inputZero = *inputZero;
    c.filterZero = *filterZero;
  }
  return c;
}

void dsp::emitPixelLoops(
    ImplicitLocOpBuilder &b, Value out,
    function_ref<void(ImplicitLocOpBuilder &, Value n, Value oh, Value ow)>
        body) {
  DspBuilder d{b};
  Value zero = d.index(0), one = d.index(1);
  auto dim = [&](int64_t i) { return memref::DimOp::create(b, out, i); };
  emitFor(b, zero, dim(0), one, {},
          [&](ImplicitLocOpBuilder &nb, Value n, ValueRange) {
            emitFor(nb, zero, dim(1), one, {},
                    [&](ImplicitLocOpBuilder &hb, Value oh, ValueRange) {
                      emitFor(
                          hb, zero, dim(2), one, {},
                          [&](ImplicitLocOpBuilder &wb, Value ow, ValueRange) {
                            body(wb, n, oh, ow);
                            return SmallVector<Value>{};
                          });
                      return SmallVector<Value>{};
                    });
            return SmallVector<Value>{};
          });
}

void dsp::emitRowBlocks(
    ImplicitLocOpBuilder &b, int64_t count, int64_t blockSize,
    function_ref<void(ImplicitLocOpBuilder &, ValueRange rows)> body) {
  DspBuilder d{b};
  int64_t blocked = count / blockSize * blockSize;
  emitFor(b, d.index(0), d.index(blocked), d.index(blockSize), {},
          [&](ImplicitLocOpBuilder &rb, Value r, ValueRange) {
            SmallVector<Value> block{r};
            for (int64_t i = 1; i < blockSize; ++i)
              block.push_back(
                  arith::AddIOp::create(rb, r, DspBuilder{rb}.index(i)));
            body(rb, block);
            return SmallVector<Value>{};
          });
  SmallVector<Value> rest;
  for (int64_t r = blocked; r < count; ++r)
    rest.push_back(d.index(r));
  if (!rest.empty())
    body(b, rest);
}

SmallVector<Value> dsp::forEachWindowPosition(ImplicitLocOpBuilder &b,
                                              ValueRange sums, int64_t rows,
                                              int64_t columns,
                                              int64_t maxUnrolled,
                                              WindowBody body) {
  DspBuilder d{b};
  if (rows * columns <= maxUnrolled) {
    SmallVector<Value> acc(sums);
    for (int64_t kh = 0; kh < rows; ++kh)
      for (int64_t kw = 0; kw < columns; ++kw)
        acc = body(b, d.index(kh), d.index(kw), acc);
    return acc;
  }
  Value zero = d.index(0), one = d.index(1);
  scf::ForOp outer = emitFor(
      b, zero, d.index(rows), one, sums,
      [&](ImplicitLocOpBuilder &hb, Value kh, ValueRange rowSums) {
        scf::ForOp inner = emitFor(
            hb, zero, DspBuilder{hb}.index(columns), one, rowSums,
            [&](ImplicitLocOpBuilder &wb, Value kw, ValueRange tapSums) {
              return body(wb, kh, kw, tapSums);
            });
        return SmallVector<Value>(inner.getResults());
      });
  return SmallVector<Value>(outer.getResults());
}

/// Words an iteration of the main dot-product loop: two accumulators (per
/// row of a block of two), two words' halves of the vector and a row word's
/// stay in the Cortex-M's registers, and the loop's own instructions are
/// spread over 16 MACs.
static constexpr int64_t kWordsPerStep = 2;

SmallVector<Value> dsp::emitDotWords(ImplicitLocOpBuilder &b, ValueRange sums,
                                     int64_t begin, int64_t end,
                                     int64_t perStep, const DotOperands &ops) {
  if (begin == end)
    return SmallVector<Value>(sums);
  DspBuilder d{b};
  scf::ForOp loop = emitFor(
      b, d.index(begin), d.index(end), d.index(4 * perStep), sums,
      [&](ImplicitLocOpBuilder &wb, Value kk, ValueRange acc) {
        DspBuilder wd{wb};
        SmallVector<Value> next(acc);
        for (int64_t word = 0; word < perStep; ++word) {
          Value at =
              word ? Value(arith::AddIOp::create(wb, kk, wd.index(4 * word)))
                   : kk;
          auto [xEven, xOdd] =
              wd.widenMinus(ops.vectorWord(wb, at), ops.vectorZero);
          // Each half widened just before its SMLAD: with both widened
          // first, LLVM's schedule of the two-row loop cost 6.5% more
          // instructions on the example MLP's dense build.
          for (auto [r, sum] : llvm::enumerate(next)) {
            Value w = ops.rowWord(wb, r, at);
            sum = wd.smlad(wd.widenMinus(w, ops.rowZero, false), xEven, sum);
            sum = wd.smlad(wd.widenMinus(w, ops.rowZero, true), xOdd, sum);
          }
        }
        return next;
      });
  return SmallVector<Value>(loop.getResults());
}

SmallVector<Value> dsp::emitDotBytes(ImplicitLocOpBuilder &b, ValueRange sums,
                                     int64_t begin, int64_t end,
                                     const DotOperands &ops) {
  if (begin == end)
    return SmallVector<Value>(sums);
  DspBuilder d{b};
  scf::ForOp tail =
      emitFor(b, d.index(begin), d.index(end), d.index(1), sums,
              [&](ImplicitLocOpBuilder &tb, Value kk, ValueRange acc) {
                DspBuilder td{tb};
                Value x = td.minus(ops.vectorByte(tb, kk), ops.vectorZero);
                SmallVector<Value> next;
                for (auto [r, sum] : llvm::enumerate(acc)) {
                  Value w = td.minus(ops.rowByte(tb, r, kk), ops.rowZero);
                  next.push_back(arith::AddIOp::create(
                      tb, sum, arith::MulIOp::create(tb, w, x)));
                }
                return next;
              });
  return SmallVector<Value>(tail.getResults());
}

SmallVector<Value> dsp::emitDot(ImplicitLocOpBuilder &b, ValueRange sums,
                                int64_t length, const DotOperands &ops) {
  int64_t words = length / 4 * 4;
  int64_t unrolled = length / (4 * kWordsPerStep) * (4 * kWordsPerStep);
  SmallVector<Value> next =
      emitDotWords(b, sums, 0, unrolled, kWordsPerStep, ops);
  next = emitDotWords(b, next, unrolled, words, 1, ops);
  return emitDotBytes(b, next, words, length, ops);
}

namespace {

/// The buffer `v` is a view of (or `v` itself).
Value rootBuffer(Value v) {
  while (auto view = v.getDefiningOp<ViewLikeOpInterface>())
    v = view.getViewSource();
  return v;
}

/// Whether any operand of `op` or of the ops nested in it is a view of
/// `root`.
bool touches(Operation *op, Value root) {
  WalkResult result = op->walk([&](Operation *nested) {
    for (Value operand : nested->getOperands())
      if (rootBuffer(operand) == root)
        return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return result.wasInterrupted();
}

/// The broadcast along `channelDim` into `out` before `conv`, and its
/// vector (see takeChannelBroadcast).
struct ChannelBroadcast {
  linalg::GenericOp op;
  Value vector;
};

std::optional<ChannelBroadcast> channelBroadcast(Operation *conv, Value out,
                                                 unsigned channelDim) {
  Value root = rootBuffer(out);
  for (Operation *op = conv->getPrevNode(); op; op = op->getPrevNode()) {
    auto broadcast = dyn_cast<linalg::GenericOp>(op);
    if (!broadcast || broadcast.getNumDpsInits() != 1 ||
        broadcast.getDpsInits()[0] != out) {
      if (touches(op, root))
        return std::nullopt;
      continue;
    }
    if (broadcast.getNumDpsInputs() != 1 ||
        broadcast.getNumReductionLoops() != 0 ||
        !broadcast.hasPureBufferSemantics())
      return std::nullopt;
    OpOperand *vector = broadcast.getDpsInputOperand(0);
    auto type = dyn_cast<MemRefType>(vector->get().getType());
    AffineMap map = broadcast.getMatchingIndexingMap(vector);
    Block &body = *broadcast.getBlock();
    auto yield = cast<linalg::YieldOp>(body.getTerminator());
    if (!type || type.getRank() != 1 ||
        type.getElementType() !=
            cast<MemRefType>(out.getType()).getElementType() ||
        map.getNumResults() != 1 ||
        map.getResult(0) != getAffineDimExpr(channelDim, op->getContext()) ||
        !broadcast.getMatchingIndexingMap(broadcast.getDpsInitOperand(0))
             .isIdentity() ||
        yield->getOperand(0) != broadcast.getMatchingBlockArgument(vector))
      return std::nullopt;
    // The vector is read later than the broadcast read it, and while the
    // output is written: it may not be a view of the output.
    Value vectorRoot = rootBuffer(vector->get());
    if (vectorRoot == root)
      return std::nullopt;
    for (Operation *between = op->getNextNode(); between != conv;
         between = between->getNextNode())
      if (touches(between, vectorRoot))
        return std::nullopt;
    return ChannelBroadcast{broadcast, vector->get()};
  }
  return std::nullopt;
}

} // namespace

linalg::GenericOp dsp::takeChannelBroadcast(Operation *conv, Int8Conv &c) {
  std::optional<ChannelBroadcast> broadcast =
      channelBroadcast(conv, c.out, /*channelDim=*/3);
  if (!broadcast)
    return {};
  c.start = broadcast->vector;
  return broadcast->op;
}
