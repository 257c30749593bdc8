//===- DspDepthwise.cpp - int8 depthwise convolutions with Arm DSP -------===//
//
// Depthwise layers are never rewritten to cse_sparse ops (each channel has
// its own small filter: nothing to share), so they run dense, and upstream's
// loop takes a load pair, two extensions, two zero-point subtractions and a
// multiply-accumulate per MAC. In NHWC, four neighbouring channels are four
// neighbouring bytes of both the input and the filter: one word load each,
// SXTAB16 widens a word's even or odd bytes into two int16 halves and
// subtracts the zero point on the way, and SMLABB/SMLATT multiply-accumulate
// the low or high halves. The four products of a tap are in four different
// sums, so SMLAD, which adds two products into one, has no pair to take.
//
//===----------------------------------------------------------------------===//

#include "DspKernels.h"

#include "cse-sparse/Pipelines/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::cse_sparse {
#define GEN_PASS_DEF_CSESPARSEARMDSPDEPTHWISEPASS
#include "cse-sparse/Pipelines/Passes.h.inc"
} // namespace mlir::cse_sparse

using namespace mlir;
namespace dsp = mlir::cse_sparse::dsp;
using dsp::DspBuilder;
using dsp::emitFor;

namespace {

/// Channels an iteration: one word of the input and of the filter.
constexpr int64_t kChannels = 4;
/// Windows of up to this many taps are unrolled (5x5): a tap loop would
/// spend about as many instructions on itself as on the tap's four products.
constexpr int64_t kMaxUnrolledTaps = 25;

/// A depthwise convolution as the kernel computes it:
/// out[n, oh, ow, c] += sum over (kh, kw) of
///   (in[n, oh*sh + kh*dh, ow*sw + kw*dw, c] - inputZero) *
///   (filter[kh, kw, c] - filterZero).
struct DspDepthwise : dsp::Int8Conv {
  /// The output is N x OH x OW x C x 1 (a channel multiplier of 1), not
  /// N x OH x OW x C. The filter is then collapsed to KH x KW x C before
  /// the lowering.
  bool outMultiplier = false;
};

/// `op` as a DspDepthwise, if the kernel computes it. `multiplier`: the
/// filter is HWCM and the output NHWCM (M must be 1); `quantized`: inputs 2
/// and 3 are the zero points.
std::optional<DspDepthwise> matchDepthwise(linalg::LinalgOp op, bool multiplier,
                                           bool quantized,
                                           DenseIntElementsAttr strides,
                                           DenseIntElementsAttr dilations) {
  std::optional<dsp::Int8Conv> conv =
      dsp::matchInt8Conv(op, quantized, strides, dilations);
  if (!conv)
    return std::nullopt;
  // Words are loaded along the channels: they must be contiguous.
  auto inputType = cast<MemRefType>(conv->input.getType());
  auto filterType = cast<MemRefType>(conv->filter.getType());
  if (!inputType.isLastDimUnitStride() ||
      filterType.getRank() != (multiplier ? 4 : 3) ||
      (multiplier && filterType.getDimSize(3) != 1))
    return std::nullopt;
  DspDepthwise p;
  static_cast<dsp::Int8Conv &>(p) = *conv;
  p.outMultiplier = multiplier;
  return p;
}

std::optional<DspDepthwise> matchOp(Operation *op) {
  return TypeSwitch<Operation *, std::optional<DspDepthwise>>(op)
      .Case([](linalg::DepthwiseConv2DNhwcHwcOp c) {
        return matchDepthwise(c, false, false, c.getStrides(),
                              c.getDilations());
      })
      .Case([](linalg::DepthwiseConv2DNhwcHwcQOp c) {
        return matchDepthwise(c, false, true, c.getStrides(), c.getDilations());
      })
      .Case([](linalg::DepthwiseConv2DNhwcHwcmOp c) {
        return matchDepthwise(c, true, false, c.getStrides(), c.getDilations());
      })
      .Case([](linalg::DepthwiseConv2DNhwcHwcmQOp c) {
        return matchDepthwise(c, true, true, c.getStrides(), c.getDilations());
      })
      .Default([](Operation *) { return std::nullopt; });
}

/// Rewrites a depthwise convolution into loops: per output pixel, the
/// channels four at a time, then the last ones one at a time.
class DspDepthwiseLowering {
public:
  explicit DspDepthwiseLowering(const DspDepthwise &p) : p(p) {
    auto type = cast<MemRefType>(p.filter.getType());
    window[0] = type.getDimSize(0);
    window[1] = type.getDimSize(1);
    channels = type.getDimSize(2);
  }

  void emit(ImplicitLocOpBuilder &b) {
    dsp::emitPixelLoops(b, p.out,
                        [&](ImplicitLocOpBuilder &pb, Value n, Value oh,
                            Value ow) { emitPixel(pb, n, oh, ow); });
  }

private:
  /// The outputs of pixel (n, oh, ow): its window's corner in the input,
  /// whole blocks of channels, then the rest.
  void emitPixel(ImplicitLocOpBuilder &b, Value n, Value oh, Value ow) {
    DspBuilder d{b};
    Pixel px{n, arith::MulIOp::create(b, oh, d.index(p.strides[0])),
             arith::MulIOp::create(b, ow, d.index(p.strides[1])), oh, ow};
    int64_t blocked = channels / kChannels * kChannels;
    if (blocked)
      emitFor(b, d.index(0), d.index(blocked), d.index(kChannels), {},
              [&](ImplicitLocOpBuilder &cb, Value c, ValueRange) {
                emitChannelBlock(cb, px, c);
                return SmallVector<Value>{};
              });
    for (int64_t c = blocked; c < channels; ++c)
      emitChannel(b, px, d.index(c));
  }

  struct Pixel {
    Value n, ih, iw, oh, ow;
  };

  /// The window's taps in order.
  SmallVector<Value> forEachTap(ImplicitLocOpBuilder &b, ValueRange sums,
                                dsp::WindowBody body) {
    return dsp::forEachWindowPosition(b, sums, window[0], window[1],
                                      kMaxUnrolledTaps, body);
  }

  /// Where tap (kh, kw) of the pixel's window reads channel `c`.
  SmallVector<Value> inputAt(ImplicitLocOpBuilder &b, const Pixel &px, Value kh,
                             Value kw, Value c) const {
    DspBuilder d{b};
    Value h = arith::AddIOp::create(
        b, px.ih, arith::MulIOp::create(b, kh, d.index(p.dilations[0])));
    Value w = arith::AddIOp::create(
        b, px.iw, arith::MulIOp::create(b, kw, d.index(p.dilations[1])));
    return {px.n, h, w, c};
  }

  /// Channels [c, c + 4) of the pixel.
  void emitChannelBlock(ImplicitLocOpBuilder &b, const Pixel &px, Value c) {
    DspBuilder d{b};
    SmallVector<SmallVector<Value>> at;
    SmallVector<Value> sums;
    for (int64_t i = 0; i < kChannels; ++i) {
      Value ci = i ? Value(arith::AddIOp::create(b, c, d.index(i))) : c;
      at.push_back(outIndices(b, px, ci));
      sums.push_back(p.startValue(b, at.back(), ci));
    }
    sums = forEachTap(
        b, sums,
        [&](ImplicitLocOpBuilder &tb, Value kh, Value kw, ValueRange acc) {
          DspBuilder td{tb};
          auto [xEven, xOdd] = td.widenMinus(
              td.loadWord(p.input, inputAt(tb, px, kh, kw, c)), p.inputZero);
          auto [wEven, wOdd] =
              td.widenMinus(td.loadWord(p.filter, {kh, kw, c}), p.filterZero);
          // Channels c, c + 1, c + 2, c + 3: the even word's
          // low half, the odd word's, then the high halves.
          return SmallVector<Value>{td.smlaHalves(wEven, xEven, acc[0], false),
                                    td.smlaHalves(wOdd, xOdd, acc[1], false),
                                    td.smlaHalves(wEven, xEven, acc[2], true),
                                    td.smlaHalves(wOdd, xOdd, acc[3], true)};
        });
    for (auto [sum, indices] : llvm::zip(sums, at))
      memref::StoreOp::create(b, sum, p.out, indices);
  }

  /// Channel `c` of the pixel, one multiply-accumulate a tap.
  void emitChannel(ImplicitLocOpBuilder &b, const Pixel &px, Value c) {
    SmallVector<Value> at = outIndices(b, px, c);
    Value start = p.startValue(b, at, c);
    SmallVector<Value> sum = forEachTap(
        b, start,
        [&](ImplicitLocOpBuilder &tb, Value kh, Value kw, ValueRange acc) {
          DspBuilder td{tb};
          Value x =
              td.minus(td.extendedByte(p.input, inputAt(tb, px, kh, kw, c)),
                       p.inputZero);
          Value w =
              td.minus(td.extendedByte(p.filter, {kh, kw, c}), p.filterZero);
          return SmallVector<Value>{arith::AddIOp::create(
              tb, acc[0], arith::MulIOp::create(tb, x, w))};
        });
    memref::StoreOp::create(b, sum[0], p.out, at);
  }

  SmallVector<Value> outIndices(ImplicitLocOpBuilder &b, const Pixel &px,
                                Value c) const {
    SmallVector<Value> at{px.n, px.oh, px.ow, c};
    if (p.outMultiplier)
      at.push_back(arith::ConstantIndexOp::create(b, 0));
    return at;
  }

  const DspDepthwise &p;
  int64_t window[2];
  int64_t channels;
};

/// The filter with a channel multiplier of 1 as KH x KW x C, so that its
/// channels are the innermost, contiguous dimension.
Value collapseMultiplier(OpBuilder &b, Location loc, Value filter) {
  auto type = cast<MemRefType>(filter.getType());
  if (type.getRank() == 3)
    return filter;
  return memref::CollapseShapeOp::create(
      b, loc, filter, ArrayRef<ReassociationIndices>{{0}, {1}, {2, 3}});
}

struct ArmDspDepthwisePass
    : cse_sparse::impl::CseSparseArmDspDepthwisePassBase<ArmDspDepthwisePass> {
  void runOnOperation() override {
    SmallVector<std::pair<Operation *, DspDepthwise>> convs;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (std::optional<DspDepthwise> p = matchOp(op))
        convs.emplace_back(op, *p);
    });
    for (auto &[op, p] : convs) {
      ImplicitLocOpBuilder b(op->getLoc(), op);
      p.filter = collapseMultiplier(b, op->getLoc(), p.filter);
      linalg::GenericOp broadcast = dsp::takeChannelBroadcast(op, p);
      DspDepthwiseLowering(p).emit(b);
      op->erase();
      if (broadcast)
        broadcast->erase();
    }
  }
};

} // namespace
