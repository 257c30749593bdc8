//===- DspConv.cpp - int8 convolutions with the Arm DSP extension --------===//
//
// What a convolution the cost model keeps dense runs as. In NHWC with an
// FHWC filter (TOSA's layout), one row of a pixel's window is KW x C
// consecutive bytes of the input, and the matching row of a filter KW x C
// consecutive bytes of the filter: a dot product of two contiguous spans,
// which the DSP matmul kernel's loop takes two words at a time with SMLAD
// (the zero points subtracted by SXTAB16 on the way). Two filters share each
// widened input word.
//
//===----------------------------------------------------------------------===//

#include "DspKernels.h"

#include "cse-sparse/Pipelines/Passes.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::cse_sparse {
#define GEN_PASS_DEF_CSESPARSEARMDSPCONVPASS
#include "cse-sparse/Pipelines/Passes.h.inc"
} // namespace mlir::cse_sparse

using namespace mlir;
namespace dsp = mlir::cse_sparse::dsp;
using dsp::DspBuilder;
using dsp::emitFor;

namespace {

/// Filters a block shares each widened input word with (as the matmul
/// kernel's rows: more spill).
constexpr int64_t kFilters = 2;
/// Window rows (or taps, with a dilated width) up to this many are
/// unrolled; more are a loop.
constexpr int64_t kMaxUnrolledSpans = 25;

/// A convolution as the kernel computes it:
/// out[n, oh, ow, f] += sum over (kh, kw, c) of
///   (in[n, oh*sh + kh*dh, ow*sw + kw*dw, c] - inputZero) *
///   (filter[f, kh, kw, c] - filterZero).
struct DspConv : dsp::Int8Conv {
  /// When set, an F-element int32 vector added to each filter's sum in
  /// place of subtracting the input zero point in the loop (which is then
  /// 0): -z * (the sum of the filter's weights).
  Value zeroCorrection;
};

/// `op` as a DspConv, if the kernel computes it; `quantized`: inputs 2 and
/// 3 are the zero points.
std::optional<DspConv> matchConv(linalg::LinalgOp op, bool quantized,
                                 DenseIntElementsAttr strides,
                                 DenseIntElementsAttr dilations) {
  std::optional<dsp::Int8Conv> conv =
      dsp::matchInt8Conv(op, quantized, strides, dilations);
  // A window row's bytes are read as one span of the input's row: the
  // input's last two dimensions must be contiguous.
  if (!conv ||
      !cast<MemRefType>(conv->input.getType()).getLayout().isIdentity())
    return std::nullopt;
  DspConv p;
  static_cast<dsp::Int8Conv &>(p) = *conv;
  return p;
}

std::optional<DspConv> matchOp(Operation *op) {
  return TypeSwitch<Operation *, std::optional<DspConv>>(op)
      .Case([](linalg::Conv2DNhwcFhwcOp c) {
        return matchConv(c, false, c.getStrides(), c.getDilations());
      })
      .Case([](linalg::Conv2DNhwcFhwcQOp c) {
        return matchConv(c, true, c.getStrides(), c.getDilations());
      })
      .Default([](Operation *) { return std::nullopt; });
}

/// `buffer` (identity layout) with its last two dimensions as one: a window
/// row's span is then one index range. A reinterpret_cast, not a
/// collapse_shape: fold-memref-alias-ops would turn the collapse back into
/// the four indices, and every load would divide and take the remainder by
/// C again.
Value rowsView(OpBuilder &b, Location loc, Value buffer) {
  auto type = cast<MemRefType>(buffer.getType());
  SmallVector<OpFoldResult> dims = memref::getMixedSizes(b, loc, buffer);
  auto product = [&](OpFoldResult x, OpFoldResult y) -> OpFoldResult {
    std::optional<int64_t> cx = getConstantIntValue(x),
                           cy = getConstantIntValue(y);
    if (cx && cy)
      return b.getIndexAttr(*cx * *cy);
    return arith::MulIOp::create(b, loc,
                                 getValueOrCreateConstantIndexOp(b, loc, x),
                                 getValueOrCreateConstantIndexOp(b, loc, y))
        .getResult();
  };
  OpFoldResult row = product(dims[2], dims[3]);
  SmallVector<OpFoldResult> sizes = {dims[0], dims[1], row};
  SmallVector<OpFoldResult> strides = {product(dims[1], row), row,
                                       b.getIndexAttr(1)};
  SmallVector<int64_t> staticSizes, staticStrides;
  for (OpFoldResult v : sizes)
    staticSizes.push_back(
        getConstantIntValue(v).value_or(ShapedType::kDynamic));
  for (OpFoldResult v : strides)
    staticStrides.push_back(
        getConstantIntValue(v).value_or(ShapedType::kDynamic));
  auto viewType =
      MemRefType::get(staticSizes, type.getElementType(),
                      StridedLayoutAttr::get(b.getContext(), 0, staticStrides));
  return memref::ReinterpretCastOp::create(b, loc, viewType, buffer,
                                           b.getIndexAttr(0), sizes, strides);
}

/// Rewrites a convolution into loops: per output pixel, the filters
/// kFilters at a time, each block the dot products of its spans.
class DspConvLowering {
public:
  /// `rows` and `filterRows` are the input and filter with their last two
  /// dimensions collapsed.
  DspConvLowering(const DspConv &p, Value rows, Value filterRows)
      : p(p), rows(rows), filterRows(filterRows) {
    auto type = cast<MemRefType>(p.filter.getType());
    filters = type.getDimSize(0);
    window[0] = type.getDimSize(1);
    window[1] = type.getDimSize(2);
    channels = type.getDimSize(3);
  }

  void emit(ImplicitLocOpBuilder &b) {
    dsp::emitPixelLoops(b, p.out,
                        [&](ImplicitLocOpBuilder &pb, Value n, Value oh,
                            Value ow) { emitPixel(pb, n, oh, ow); });
  }

private:
  struct Pixel {
    Value n, oh, ow;
    /// The window's first row in the input, and its first byte in that
    /// (collapsed) row.
    Value ih, column;
  };

  /// Every filter of pixel (n, oh, ow): blocks of kFilters, then the rest
  /// as one block.
  void emitPixel(ImplicitLocOpBuilder &b, Value n, Value oh, Value ow) {
    DspBuilder d{b};
    Pixel px{n, oh, ow, arith::MulIOp::create(b, oh, d.index(p.strides[0])),
             arith::MulIOp::create(b, ow, d.index(p.strides[1] * channels))};
    dsp::emitRowBlocks(b, filters, kFilters,
                       [&](ImplicitLocOpBuilder &fb, ValueRange block) {
                         emitFilterBlock(fb, px, block);
                       });
  }

  /// One dot-product span of the window: with an undilated width, a whole
  /// window row (KW x C bytes), else one tap (C bytes).
  struct Span {
    Value kh, kw;
  };
  bool wholeRows() const { return p.dilations[1] == 1; }
  int64_t spanLength() const {
    return wholeRows() ? window[1] * channels : channels;
  }

  /// The sums of `block`'s filters for the pixel, over every span.
  void emitFilterBlock(ImplicitLocOpBuilder &b, const Pixel &px,
                       ValueRange block) {
    SmallVector<SmallVector<Value>> at;
    SmallVector<Value> sums;
    for (Value f : block) {
      at.push_back({px.n, px.oh, px.ow, f});
      Value start = p.startValue(b, at.back(), f);
      if (p.zeroCorrection)
        start = arith::AddIOp::create(
            b, start, memref::LoadOp::create(b, p.zeroCorrection, f));
      sums.push_back(start);
    }
    sums = forEachSpan(
        b, sums,
        [&](ImplicitLocOpBuilder &sb, Value kh, Value kw, ValueRange acc) {
          return emitSpan(sb, px, block, {kh, kw}, acc);
        });
    for (auto [sum, indices] : llvm::zip(sums, at))
      memref::StoreOp::create(b, sum, p.out, indices);
  }

  /// The window's spans in order.
  SmallVector<Value> forEachSpan(ImplicitLocOpBuilder &b, ValueRange sums,
                                 dsp::WindowBody body) {
    return dsp::forEachWindowPosition(b, sums, window[0],
                                      wholeRows() ? 1 : window[1],
                                      kMaxUnrolledSpans, body);
  }

  /// The block's sums plus the dot products of span `s`.
  SmallVector<Value> emitSpan(ImplicitLocOpBuilder &b, const Pixel &px,
                              ValueRange block, Span s, ValueRange sums) {
    DspBuilder d{b};
    Value h = arith::AddIOp::create(
        b, px.ih, arith::MulIOp::create(b, s.kh, d.index(p.dilations[0])));
    // Where the span starts in the input's row and in the filter's.
    Value column = px.column, filterColumn = d.index(0);
    if (!wholeRows()) {
      column = arith::AddIOp::create(
          b, column,
          arith::MulIOp::create(b, s.kw, d.index(p.dilations[1] * channels)));
      filterColumn = arith::MulIOp::create(b, s.kw, d.index(channels));
    }
    auto inputAt = [&, h, column](ImplicitLocOpBuilder &lb,
                                  Value k) -> SmallVector<Value> {
      return {px.n, h, arith::AddIOp::create(lb, column, k)};
    };
    auto filterAt = [&, filterColumn](ImplicitLocOpBuilder &lb, unsigned r,
                                      Value k) -> SmallVector<Value> {
      return {block[r], s.kh, arith::AddIOp::create(lb, filterColumn, k)};
    };
    dsp::DotOperands ops;
    ops.vectorWord = [&](ImplicitLocOpBuilder &lb, Value k) {
      return DspBuilder{lb}.loadWord(rows, inputAt(lb, k));
    };
    ops.rowWord = [&](ImplicitLocOpBuilder &lb, unsigned r, Value k) {
      return DspBuilder{lb}.loadWord(filterRows, filterAt(lb, r, k));
    };
    ops.vectorByte = [&](ImplicitLocOpBuilder &lb, Value k) {
      return DspBuilder{lb}.extendedByte(rows, inputAt(lb, k));
    };
    ops.rowByte = [&](ImplicitLocOpBuilder &lb, unsigned r, Value k) {
      return DspBuilder{lb}.extendedByte(filterRows, filterAt(lb, r, k));
    };
    ops.vectorZero = p.inputZero;
    ops.rowZero = p.filterZero;
    return dsp::emitDot(b, sums, spanLength(), ops);
  }

  const DspConv &p;
  Value rows, filterRows;
  int64_t filters, window[2], channels;
};

/// The data of `buffer`, if it is a memref.get_global of a constant global
/// with dense integer data.
DenseIntElementsAttr constantData(Value buffer) {
  auto get = buffer.getDefiningOp<memref::GetGlobalOp>();
  if (!get)
    return {};
  auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
      get, get.getNameAttr());
  if (!global)
    return {};
  return dyn_cast_or_null<DenseIntElementsAttr>(global.getConstantInitValue());
}

/// A private constant global of `values` (int32) in `b`'s module, read
/// where `b` is; null outside a module.
Value constantVector(ImplicitLocOpBuilder &b, StringRef name,
                     ArrayRef<int32_t> values) {
  auto module =
      b.getInsertionBlock()->getParentOp()->getParentOfType<ModuleOp>();
  if (!module)
    return {};
  auto type =
      MemRefType::get({static_cast<int64_t>(values.size())}, b.getI32Type());
  // Made detached, then inserted by the symbol table, which renames it if
  // another convolution's vector holds the name.
  OpBuilder detached(b.getContext());
  auto global = memref::GlobalOp::create(
      detached, b.getLoc(), name, detached.getStringAttr("private"), type,
      DenseIntElementsAttr::get(
          RankedTensorType::get(type.getShape(), b.getI32Type()), values),
      /*constant=*/true, /*alignment=*/nullptr);
  SymbolTable(module).insert(global, module.getBody()->begin());
  return memref::GetGlobalOp::create(b, type, global.getSymName());
}

/// Where the filter is a constant and its zero point 0, takes the input zero
/// point out of the loop: sum (x - z) * w = sum x * w - z * sum w (exact in
/// wrapping 32-bit arithmetic, and padding holding z still adds nothing).
/// SXTAB16's offset then takes no register in the loop, which on a
/// Cortex-M4 saves the moves LLVM spends on it (2.10 -> 1.86 instructions
/// per MAC on a 256-channel pointwise layer). The corrections
/// -z * sum w are added to a constant start vector (TOSA's bias) at compile
/// time; otherwise they are a vector of their own, one load and add more
/// per output, which only pays where the window rows are long.
void foldInputZeroPoint(ImplicitLocOpBuilder &b, DspConv &p) {
  if (!p.inputZero || p.filterZero)
    return;
  DenseIntElementsAttr weights = constantData(p.filter);
  if (!weights)
    return;
  auto type = cast<MemRefType>(p.filter.getType());
  int64_t filters = type.getDimSize(0);
  int64_t perFilter = filters ? type.getNumElements() / filters : 0;
  // Each weight sum is at most 128 x the filter's size, times a 16-bit zero
  // point: exact in 64 bits, then wrapped to 32 as the kernel's arithmetic
  // wraps.
  SmallVector<int64_t> sums(filters, 0);
  int64_t i = 0;
  for (const APInt &w : weights.getValues<APInt>())
    sums[i++ / perFilter] += w.getSExtValue();
  auto wrap = [](int64_t v) {
    return static_cast<int32_t>(
        static_cast<uint32_t>(static_cast<uint64_t>(v)));
  };
  SmallVector<int32_t> corrections;
  for (int64_t sum : sums)
    corrections.push_back(wrap(-p.inputZero * sum));
  if (p.start) {
    DenseIntElementsAttr start = constantData(p.start);
    if (start && start.getNumElements() == filters &&
        start.getElementType().isInteger(32)) {
      SmallVector<int32_t> combined;
      for (auto [s, c] : llvm::zip(start.getValues<APInt>(), corrections))
        combined.push_back(wrap(s.getSExtValue() + c));
      if (Value folded =
              constantVector(b, "__cse_sparse_conv_start", combined)) {
        p.start = folded;
        p.inputZero = 0;
      }
      return;
    }
  }
  // Only where a window row is long: per output, the correction's load and
  // add cost about what the loop saves over a 192-byte row (the 3x3 layer
  // of docs/benchmarks.md: 0.2% more), and 11% less over 256 bytes.
  if (perFilter / type.getDimSize(1) < 256)
    return;
  if (Value c =
          constantVector(b, "__cse_sparse_conv_zero_correction", corrections)) {
    p.zeroCorrection = c;
    p.inputZero = 0;
  }
}

struct ArmDspConvPass
    : cse_sparse::impl::CseSparseArmDspConvPassBase<ArmDspConvPass> {
  void runOnOperation() override {
    SmallVector<std::pair<Operation *, DspConv>> convs;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (std::optional<DspConv> p = matchOp(op))
        convs.emplace_back(op, *p);
    });
    for (auto &[op, p] : convs) {
      ImplicitLocOpBuilder b(op->getLoc(), op);
      Value rows = rowsView(b, op->getLoc(), p.input);
      Value filterRows = rowsView(b, op->getLoc(), p.filter);
      linalg::GenericOp broadcast = dsp::takeChannelBroadcast(op, p);
      foldInputZeroPoint(b, p);
      DspConvLowering(p, rows, filterRows).emit(b);
      op->erase();
      if (broadcast)
        broadcast->erase();
    }
  }
};

} // namespace
