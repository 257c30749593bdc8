//===- ExtractCSE.cpp - constant-weight linalg contractions to cse_sparse -===//
//
// Three phases: find the contractions and convolutions with a constant
// weight and describe how each maps onto cse_sparse.matmul or
// cse_sparse.conv_2d (sequential, reads IR); extract every weight's
// subexpressions and choose its form with the cost model (parallel over ops,
// touches no IR); rewrite in program order (sequential). Results never
// depend on the thread count. Every candidate op left as it was gets a
// reason (remarks=1, report=FILE).
//
//===----------------------------------------------------------------------===//

#include "InitFolding.h"
#include "WeightFolding.h"

#include "cse-sparse/Algorithm/CostModel.h"
#include "cse-sparse/Algorithm/Extraction.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h"
#include "cse-sparse/Dialect/CseSparse/Utils/EcsrConversion.h"
#include "cse-sparse/Dialect/CseSparse/Utils/MatmulForm.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/Threading.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"

#include <cmath>
#include <map>
#include <mutex>

namespace mlir::cse_sparse {
#define GEN_PASS_DEF_CSESPARSEEXTRACTPASS
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h.inc"
} // namespace mlir::cse_sparse

using namespace mlir;
using namespace mlir::cse_sparse;
using ::cse_sparse::ExtendedCsr;
using ::cse_sparse::SparseMatrix;

namespace {

/// An option's number as a user wrote it (1.5, not 1.50 or 1.500000e+00).
/// Spelled out for non-finite values, whose printf spelling varies by C
/// library (and by sanitizer runtime).
std::string printedNumber(double value) {
  if (std::isnan(value))
    return "nan";
  if (std::isinf(value))
    return value > 0 ? "inf" : "-inf";
  std::string text;
  llvm::raw_string_ostream(text) << llvm::format("%g", value);
  return text;
}

//===----------------------------------------------------------------------===//
// Why an op stays as it was
//===----------------------------------------------------------------------===//

/// The reasons a candidate is left alone (ExtractionRecord.h).
using Reason = ExtractionReason;

StringRef reasonCode(Reason r) {
  switch (r) {
  case Reason::NotOnTensors:
    return "not_on_tensors";
  case Reason::NoConstantWeight:
    return "no_constant_weight";
  case Reason::FloatWeightsDisabled:
    return "float_weights_disabled";
  case Reason::UnsupportedElementType:
    return "unsupported_element_type";
  case Reason::NonFiniteWeight:
    return "non_finite_weight";
  case Reason::DynamicZeroPoint:
    return "dynamic_zero_point";
  case Reason::DynamicShape:
    return "dynamic_shape";
  case Reason::Depthwise:
    return "depthwise";
  case Reason::WeightNotShared:
    return "weight_not_shared";
  case Reason::UnsupportedForm:
    return "unsupported_form";
  case Reason::NotProfitable:
    return "not_profitable";
  }
  llvm_unreachable("unknown reason");
}

/// Why a weight could not be folded, as a reason.
Reason reasonFor(FoldError::Kind kind) {
  switch (kind) {
  case FoldError::ElementType:
    return Reason::UnsupportedElementType;
  case FoldError::DynamicShape:
    return Reason::DynamicShape;
  case FoldError::TooLarge:
    return Reason::UnsupportedForm;
  case FoldError::NotConstant:
    return Reason::NoConstantWeight;
  }
  llvm_unreachable("unknown fold error");
}

//===----------------------------------------------------------------------===//
// Reading the contraction
//===----------------------------------------------------------------------===//

/// How a contraction's body widens an operand before the product.
enum class Extension { None, Signed, Unsigned, Float };

/// How the body reads one operand: `ext(operand) - zeroPoint`.
struct OperandRead {
  Extension ext = Extension::None;
  int64_t zeroPoint = 0;
  /// The subtracted zero point is not a compile-time constant.
  bool dynamicZeroPoint = false;
};

/// `yield(out + read(in0) * read(in1))`.
struct MulAddBody {
  OperandRead read[2];
  bool isFloat = false;
};

/// The extension applied to `v`, and its source.
std::pair<Value, Extension> stripExtension(Value v) {
  Operation *def = v.getDefiningOp();
  if (!def)
    return {v, Extension::None};
  if (isa<arith::ExtSIOp>(def))
    return {def->getOperand(0), Extension::Signed};
  if (isa<arith::ExtUIOp>(def))
    return {def->getOperand(0), Extension::Unsigned};
  if (isa<arith::ExtFOp>(def))
    return {def->getOperand(0), Extension::Float};
  return {Value(), Extension::None};
}

/// A scalar integer constant, wherever it is defined.
std::optional<int64_t> integerConstant(Value v) {
  IntegerAttr attr;
  if (!matchPattern(v, m_Constant(&attr)) || attr.getValue().getBitWidth() > 64)
    return std::nullopt;
  return attr.getValue().getSExtValue();
}

/// The zero point `zp` subtracted in `op`'s body, if it does not depend on
/// the element: a constant, a value from outside the op, or the block
/// argument of a scalar input beyond the first two (how
/// --linalg-generalize-named-ops writes quantized_matmul). Null otherwise.
Value zeroPointOperand(Value zp, linalg::LinalgOp op) {
  Block *body = op.getBlock();
  if (auto arg = dyn_cast<BlockArgument>(zp)) {
    if (arg.getOwner() != body)
      return zp;
    unsigned n = arg.getArgNumber();
    if (n < 2 || n >= op.getNumDpsInputs())
      return Value();
    return op.getDpsInputs()[n];
  }
  Operation *def = zp.getDefiningOp();
  if (def->getBlock() == body && !integerConstant(zp))
    return Value();
  return zp;
}

/// A zero point as zeroPointOperand finds it, also seen through the
/// extension the generalized `_q` ops apply to a narrower zero point:
/// whether `zp` is one, and its value if constant.
std::pair<bool, std::optional<int64_t>> resolveZeroPoint(Value zp,
                                                         linalg::LinalgOp op) {
  bool zeroExtend = false;
  if (auto ext = zp.getDefiningOp<arith::ExtSIOp>()) {
    zp = ext.getIn();
  } else if (auto ext = zp.getDefiningOp<arith::ExtUIOp>()) {
    zp = ext.getIn();
    zeroExtend = true;
  }
  Value source = zeroPointOperand(zp, op);
  if (!source)
    return {false, std::nullopt};
  std::optional<int64_t> c = integerConstant(source);
  unsigned bits =
      getElementTypeOrSelf(source.getType()).getIntOrFloatBitWidth();
  if (c && zeroExtend && bits < 64)
    c = int64_t(uint64_t(*c) & ((uint64_t(1) << bits) - 1));
  return {true, c};
}

/// `v` as `ext(source) - zp` in `op`'s body (resolveZeroPoint says which zp
/// qualify). Returns the source (null if `v` is neither an extension nor a
/// block argument).
std::pair<Value, OperandRead> stripOperand(Value v, linalg::LinalgOp op) {
  OperandRead read;
  if (auto sub = v.getDefiningOp<arith::SubIOp>()) {
    auto [isZeroPoint, c] = resolveZeroPoint(sub.getRhs(), op);
    if (isZeroPoint) {
      v = sub.getLhs();
      read.zeroPoint = c.value_or(0);
      read.dynamicZeroPoint = !c;
    }
  }
  auto [source, ext] = stripExtension(v);
  read.ext = ext;
  return {source, read};
}

/// Matches the body of a multiply-accumulate contraction of the first two
/// inputs (any further inputs are zero points), integer or float throughout
/// (an int-to-float cast does not match).
std::optional<MulAddBody> matchMulAddBody(linalg::LinalgOp op) {
  Block *body = op.getBlock();
  unsigned inputs = op.getNumDpsInputs();
  if (!body || inputs < 2 || op.getNumDpsInits() != 1 ||
      body->getNumArguments() != inputs + 1)
    return std::nullopt;
  auto yield = dyn_cast<linalg::YieldOp>(body->getTerminator());
  if (!yield || yield->getNumOperands() != 1)
    return std::nullopt;
  Operation *add = yield->getOperand(0).getDefiningOp();
  if (!isa_and_nonnull<arith::AddIOp, arith::AddFOp>(add))
    return std::nullopt;
  bool isFloat = isa<arith::AddFOp>(add);
  Value out = body->getArgument(inputs);
  Value product = add->getOperand(0) == out   ? add->getOperand(1)
                  : add->getOperand(1) == out ? add->getOperand(0)
                                              : Value();
  Operation *mul = product ? product.getDefiningOp() : nullptr;
  if (!mul || !(isFloat ? isa<arith::MulFOp>(mul) : isa<arith::MulIOp>(mul)))
    return std::nullopt;
  auto [lhs, lhsRead] = stripOperand(mul->getOperand(0), op);
  auto [rhs, rhsRead] = stripOperand(mul->getOperand(1), op);
  Value in0 = body->getArgument(0), in1 = body->getArgument(1);
  if (lhs == in0 && rhs == in1)
    return MulAddBody{{lhsRead, rhsRead}, isFloat};
  if (lhs == in1 && rhs == in0)
    return MulAddBody{{rhsRead, lhsRead}, isFloat};
  return std::nullopt;
}

/// A multiply-accumulate of two tensors whose further inputs are scalars:
/// the zero-point contractions upstream's isaContractionOpInterface rejects.
bool isZeroPointContraction(linalg::LinalgOp op) {
  if (!matchMulAddBody(op))
    return false;
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  for (unsigned i = 2; i < op.getNumDpsInputs(); ++i)
    if (maps[i].getNumResults() != 0)
      return false;
  return true;
}

/// How a contraction's operands sit relative to cse_sparse.matmul's weight
/// (M x N, outputs x inputs), input (N x B) and init (M x B).
struct Contraction {
  unsigned weightOperand = 0;
  /// The weight is stored inputs x outputs.
  bool transposeWeight = false;
  /// The input is B x N, the init B x M.
  bool transposeInput = false, transposeInit = false;
  /// Input and init are vectors (N and M).
  bool vector = false;
  MulAddBody body;
};

SmallVector<unsigned> dimsOf(AffineMap map) {
  SmallVector<unsigned> dims;
  for (AffineExpr e : map.getResults())
    dims.push_back(cast<AffineDimExpr>(e).getPosition());
  return dims;
}

/// Matches `op` as C(o[, p]) += W(o, k) * X(k[, p]) up to the order of each
/// operand's dimensions, with W operand `weightOperand`: the matmul, matvec
/// and vecmat forms, named or generic.
std::optional<Contraction> matchContraction(linalg::LinalgOp op,
                                            unsigned weightOperand) {
  std::optional<MulAddBody> body = matchMulAddBody(op);
  if (!body)
    return std::nullopt;
  // Inputs past the first two are scalar zero points.
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  unsigned inputs = op.getNumDpsInputs();
  for (unsigned i = 2; i < inputs; ++i)
    if (maps[i].getNumResults() != 0)
      return std::nullopt;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  if (llvm::count(iterators, utils::IteratorType::reduction) != 1)
    return std::nullopt;
  unsigned k =
      llvm::find(iterators, utils::IteratorType::reduction) - iterators.begin();
  if (llvm::any_of(maps, [](AffineMap m) {
        return !m.isProjectedPermutation(/*allowZeroInResults=*/false);
      }))
    return std::nullopt;
  SmallVector<unsigned> w = dimsOf(maps[weightOperand]),
                        x = dimsOf(maps[1 - weightOperand]),
                        c = dimsOf(maps[inputs]);
  if (w.size() != 2 || !llvm::is_contained(w, k) || llvm::is_contained(c, k))
    return std::nullopt;
  unsigned o = w[0] == k ? w[1] : w[0];
  Contraction result;
  result.weightOperand = weightOperand;
  result.transposeWeight = w[0] == k;
  result.body = *body;
  if (op.getNumLoops() == 2) {
    result.vector = true;
    if (x != SmallVector<unsigned>{k} || c != SmallVector<unsigned>{o})
      return std::nullopt;
    return result;
  }
  if (op.getNumLoops() != 3 || x.size() != 2 || !llvm::is_contained(x, k))
    return std::nullopt;
  unsigned p = x[0] == k ? x[1] : x[0];
  if (p == o || c.size() != 2 || !llvm::is_contained(c, o) ||
      !llvm::is_contained(c, p))
    return std::nullopt;
  result.transposeInput = x[0] == p;
  result.transposeInit = c[0] == p;
  return result;
}

/// An input computed as `ext(x) - zp` by its own elementwise generic (what
/// torch-mlir emits before a quantized contraction), read in the
/// accumulator's type: the generic, with `read` describing it. The
/// contraction can then read `x` and fold zp like its own.
Operation *matchZeroPointGeneric(Value input, Type accType, OperandRead &read) {
  auto generic = input.getDefiningOp<linalg::GenericOp>();
  if (!generic || generic.getNumDpsInputs() != 1 ||
      generic.getNumDpsInits() != 1 || generic.getNumReductionLoops() != 0 ||
      getElementTypeOrSelf(input.getType()) != accType ||
      !llvm::all_of(generic.getIndexingMapsArray(),
                    [](AffineMap m) { return m.isIdentity(); }))
    return nullptr;
  Block &body = generic.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  auto [source, r] = stripOperand(yield->getOperand(0), generic);
  if (source != body.getArgument(0) || r.ext == Extension::None ||
      r.ext == Extension::Float || (!r.zeroPoint && !r.dynamicZeroPoint))
    return nullptr;
  read = r;
  return generic;
}

//===----------------------------------------------------------------------===//
// Reading the weight
//===----------------------------------------------------------------------===//

/// Float weights are extracted as integer codes of their values: code
/// +/-(i + 1) stands for +/-magnitudes[i], and 1.0 keeps code 1 so the ops
/// objective sees which products are free. Exact matching on codes is exact
/// matching on values.
struct FloatCoding {
  FloatType type;
  std::vector<double> magnitudes;
  double decode(int64_t code) const {
    double m = magnitudes[std::abs(code) - 1];
    return code < 0 ? -m : m;
  }
};

/// `v` sign-extended from its low `bits` bits: its residue modulo 2^bits, the
/// only part a `bits`-wide accumulator sees.
int64_t wrapTo(int64_t v, unsigned bits) {
  return ::cse_sparse::wrapToBits(uint64_t(v), bits);
}

/// How the dimensions of a folded weight map onto the M x N matrix: rows
/// are dimensions order[0, rowDims), columns the rest, each row-major.
struct WeightLayout {
  SmallVector<unsigned> order;
  unsigned rowDims = 1;
};

/// The convolution attributes of a plan.
struct ConvGeometry {
  ConvLayout layout = ConvLayout::nhwc;
  SmallVector<int64_t> window, strides, dilations;
  /// [top, bottom, left, right], and the value the padding reads.
  SmallVector<int64_t> padding{0, 0, 0, 0};
  TypedAttr padValue;
};

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

/// One op to rewrite: the weight in the algorithm's terms and where the
/// product's operands come from. Filled in three phases.
///
/// Operands are kept as operand numbers and looked up when rewriting: an
/// earlier rewrite replaces the values it produced (chained layers), so a
/// Value read while planning may be gone by then.
struct Plan {
  Operation *op = nullptr;
  SparseMatrix matrix;
  std::optional<FloatCoding> floats;
  unsigned inputOperand = 0, initOperand = 0;
  /// Ops folded in front of the input (a zero pad, a zero-point
  /// subtraction), outermost first: the kernel reads the operand of the last.
  SmallVector<Operation *, 2> inputPath;
  bool transposeInput = false, transposeInit = false, vector = false;
  /// Batch-matmul input and init (S x B x .) fold the batch into rows first.
  bool collapseBatch = false;
  bool unsignedInput = false;
  std::optional<ConvGeometry> conv;
  /// The weight as the op reads it; its producers are erased once unused.
  Value weight;
  /// Added to each output row (folded zero points); empty if none.
  std::vector<int64_t> bias;
  unsigned accBits = 32, weightBits = 8;
  /// Columns of one product (the batch, or the output pixels).
  int64_t columns = ShapedType::kDynamic;
  // Extraction phase.
  ::cse_sparse::ExtractionResult result;
  ::cse_sparse::FormChoice choice;

  Value input() const {
    return inputPath.empty() ? op->getOperand(inputOperand)
                             : inputPath.back()->getOperand(0);
  }
  Value init() const { return op->getOperand(initOperand); }
};

/// A plan for `op` reading input operand `input` and accumulating into its
/// first init, each stored the other way round when `transposed...`; the
/// weight is set later.
Plan newPlan(linalg::LinalgOp op, unsigned input, bool transposedInput,
             bool transposedInit) {
  Plan plan;
  plan.op = op;
  plan.inputOperand = op.getDpsInputOperand(input)->getOperandNumber();
  plan.initOperand = op.getDpsInitOperand(0)->getOperandNumber();
  plan.transposeInput = transposedInput;
  plan.transposeInit = transposedInit;
  return plan;
}

/// Integer strides or dilations of a named convolution (1 if absent).
SmallVector<int64_t> convAttr(Operation *op, StringRef name) {
  auto attr = op->getAttrOfType<DenseIntElementsAttr>(name);
  if (!attr)
    return {1, 1};
  return llvm::to_vector(
      llvm::map_range(attr.getValues<APInt>(),
                      [](const APInt &v) { return v.getSExtValue(); }));
}

/// Filter layouts of the named 2-D convolutions, as the order of the
/// filter's dimensions that gives F x (Kh, Kw, C), and where Kh and Kw sit.
struct FilterLayout {
  SmallVector<unsigned> order;
  unsigned kh, kw;
};
const FilterLayout kHwcf{{3, 0, 1, 2}, 0, 1};
const FilterLayout kFhwc{{0, 1, 2, 3}, 1, 2};
const FilterLayout kFchw{{0, 2, 3, 1}, 2, 3};

/// A 2-D convolution as the pass reads it.
struct ConvMatch {
  ConvLayout layout;
  FilterLayout filter;
  SmallVector<int64_t> strides, dilations;
  OperandRead imageRead, filterRead;
};

/// `e` as `out * stride + tap * dilation` (positive factors), the input
/// coordinate of a convolution's window.
std::optional<std::pair<int64_t, int64_t>>
matchWindowExpr(AffineExpr e, unsigned out, unsigned tap, unsigned numDims) {
  MLIRContext *ctx = e.getContext();
  // e's value with dimension `d` at 1 and the others at 0.
  auto at = [&](std::optional<unsigned> d) -> std::optional<int64_t> {
    SmallVector<AffineExpr> values;
    for (unsigned i = 0; i < numDims; ++i)
      values.push_back(getAffineConstantExpr(d && *d == i ? 1 : 0, ctx));
    auto c = dyn_cast<AffineConstantExpr>(
        simplifyAffineExpr(e.replaceDims(values), numDims, 0));
    return c ? std::optional<int64_t>(c.getValue()) : std::nullopt;
  };
  std::optional<int64_t> zero = at(std::nullopt), s = at(out), d = at(tap);
  if (!zero || *zero != 0 || !s || *s <= 0 || !d || *d <= 0)
    return std::nullopt;
  AffineExpr expected =
      getAffineDimExpr(out, ctx) * *s + getAffineDimExpr(tap, ctx) * *d;
  if (simplifyAffineExpr(e - expected, numDims, 0) !=
      getAffineConstantExpr(0, ctx))
    return std::nullopt;
  return std::make_pair(*s, *d);
}

/// A linalg.generic that is one of the named 2-D convolutions (what
/// --linalg-generalize-named-ops makes of them): seven loops, the output
/// (n, oh, ow, f) or (n, f, oh, ow), the filter in the matching layout, the
/// image indexed by oh*s + kh*d and ow*s + kw*d, and a multiply-accumulate
/// body (zero points as scalar inputs, as the `_q` forms generalize).
std::optional<ConvMatch> matchGenericConv(linalg::LinalgOp op) {
  std::optional<MulAddBody> body = matchMulAddBody(op);
  if (!body || op.getNumLoops() != 7)
    return std::nullopt;
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  for (unsigned i = 2; i < op.getNumDpsInputs(); ++i)
    if (maps[i].getNumResults() != 0)
      return std::nullopt;
  AffineMap image = maps[0], filter = maps[1], out = maps.back();
  if (image.getNumResults() != 4 || filter.getNumResults() != 4 ||
      out.getNumResults() != 4 || !out.isProjectedPermutation() ||
      !filter.isProjectedPermutation())
    return std::nullopt;
  SmallVector<unsigned> o = dimsOf(out), f = dimsOf(filter);
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  auto isDim = [](AffineExpr e, unsigned d) {
    auto dim = dyn_cast<AffineDimExpr>(e);
    return dim && dim.getPosition() == d;
  };
  struct Candidate {
    ConvLayout layout;
    FilterLayout filter;
  };
  for (Candidate c :
       {Candidate{ConvLayout::nhwc, kHwcf}, Candidate{ConvLayout::nhwc, kFhwc},
        Candidate{ConvLayout::nchw, kFchw}}) {
    bool nhwc = c.layout == ConvLayout::nhwc;
    unsigned n = o[0], oh = o[nhwc ? 1 : 2], ow = o[nhwc ? 2 : 3],
             fo = o[nhwc ? 3 : 1];
    // The filter's dimensions in the order (f, kh, kw, c).
    unsigned ff = f[c.filter.order[0]], kh = f[c.filter.order[1]],
             kw = f[c.filter.order[2]], ch = f[c.filter.order[3]];
    if (ff != fo)
      continue;
    unsigned hPos = nhwc ? 1 : 2, cPos = nhwc ? 3 : 1;
    if (!isDim(image.getResult(0), n) || !isDim(image.getResult(cPos), ch))
      continue;
    auto h = matchWindowExpr(image.getResult(hPos), oh, kh, 7);
    auto w = matchWindowExpr(image.getResult(hPos + 1), ow, kw, 7);
    if (!h || !w)
      continue;
    bool loopsOk = true;
    for (unsigned d : {n, oh, ow, fo})
      loopsOk &= iterators[d] == utils::IteratorType::parallel;
    for (unsigned d : {kh, kw, ch})
      loopsOk &= iterators[d] == utils::IteratorType::reduction;
    if (!loopsOk)
      continue;
    return ConvMatch{c.layout,
                     c.filter,
                     {h->first, w->first},
                     {h->second, w->second},
                     body->read[0],
                     body->read[1]};
  }
  return std::nullopt;
}

struct CseSparseExtractPass
    : mlir::cse_sparse::impl::CseSparseExtractPassBase<CseSparseExtractPass> {
  using Base::Base;

  ::cse_sparse::ExtractOptions extractOptions;
  std::optional<::cse_sparse::TargetCosts> targetCosts;
  /// Each candidate op's position in the walk: the report lists ops in
  /// program order whichever phase decided about them.
  DenseMap<Operation *, unsigned> walkOrder;
  /// One record per candidate op, with its walk position.
  std::vector<std::pair<unsigned, ExtractionRecord>> records;
  /// Where the records go besides the report. Shared by the clones the pass
  /// manager makes for parallel runs, whose deliveries take turns.
  struct Delivery {
    ExtractionRecordCallback onRecord;
    std::mutex mutex;
  };
  std::shared_ptr<Delivery> delivery;
  /// Producers of folded weights and inputs, erased at the end if unused.
  SmallVector<Operation *> maybeDead;

  std::string costModelName() const {
    return ::cse_sparse::enumName(::cse_sparse::kCostModelNames,
                                  ::cse_sparse::CostModelKind(costModel))
        .str();
  }

  LogicalResult parseOptions() {
    Operation *root = getOperation();
    targetCosts = ::cse_sparse::targetCosts(costModel);
    if (!(minGain >= 0.0 && minGain < 1.0))
      return root->emitError()
             << "cse-sparse-extract: min-gain must be in [0, 1), got "
             << printedNumber(minGain);
    if (!(timeLimit >= 0.0) || !std::isfinite(timeLimit))
      return root->emitError()
             << "cse-sparse-extract: time-limit must be a non-negative "
                "number of seconds, got "
             << printedNumber(timeLimit);
    extractOptions.seed = seed;
    extractOptions.effort = effort;
    extractOptions.maxNodes = maxNodes;
    extractOptions.timeLimitSeconds = timeLimit;
    extractOptions.match = match;
    extractOptions.objective = objective;
    return success();
  }

  void runOnOperation() override {
    if (failed(parseOptions()))
      return signalPassFailure();
    std::vector<Plan> plans;
    walkOrder.clear();
    records.clear();
    maybeDead.clear();
    getOperation()->walk([&](linalg::LinalgOp op) {
      walkOrder[op] = walkOrder.size();
      if (std::optional<Plan> plan = planOp(op))
        plans.push_back(std::move(*plan));
    });
    extractAll(plans);
    for (Plan &plan : plans)
      apply(plan);
    eraseDeadChains(maybeDead, getOperation());
    // One record per op: walk positions are unique keys.
    llvm::sort(records,
               [](const auto &a, const auto &b) { return a.first < b.first; });
    if (!report.empty() && failed(writeReport()))
      return signalPassFailure();
    deliverRecords();
  }

  /// Whether anyone reads the records: the report or a callback.
  bool keepsRecords() const { return !report.empty() || delivery; }

  //===--------------------------------------------------------------------===//
  // Phase 1: planning
  //===--------------------------------------------------------------------===//

  /// Says why `op` is left as it was: a remark with `remarks`, a record.
  /// Returns std::nullopt for the callers' convenience.
  std::nullopt_t leave(Operation *op, Reason reason, const Twine &why,
                       const ::cse_sparse::FormChoice *costs = nullptr) {
    if (remarks)
      op->emitRemark() << "cse-sparse-extract: left alone: " << why;
    if (keepsRecords()) {
      ExtractionRecord record(op->getName(), op->getLoc());
      record.op = op;
      record.reason = reason;
      record.detail = why.str();
      if (costs)
        record.predicted = *costs;
      record.costModel = costModel;
      records.push_back({walkOrder.lookup(op), std::move(record)});
    }
    return std::nullopt;
  }

  std::optional<Plan> planOp(linalg::LinalgOp op) {
    return TypeSwitch<Operation *, std::optional<Plan>>(op)
        .Case(
            [&](linalg::QuantizedMatmulOp q) { return planQuantizedMatmul(q); })
        .Case<linalg::BatchMatmulOp, linalg::QuantizedBatchMatmulOp>(
            [&](auto batch) { return planBatch(batch); })
        .Case<linalg::MatmulOp, linalg::MatvecOp, linalg::VecmatOp,
              linalg::GenericOp>([&](auto) { return planContraction(op); })
        .Case([&](linalg::Conv2DNhwcHwcfOp) {
          return planNamedConv(op, ConvLayout::nhwc, kHwcf, false);
        })
        .Case([&](linalg::Conv2DNhwcFhwcOp) {
          return planNamedConv(op, ConvLayout::nhwc, kFhwc, false);
        })
        .Case([&](linalg::Conv2DNchwFchwOp) {
          return planNamedConv(op, ConvLayout::nchw, kFchw, false);
        })
        .Case([&](linalg::Conv2DNhwcHwcfQOp) {
          return planNamedConv(op, ConvLayout::nhwc, kHwcf, true);
        })
        .Case([&](linalg::Conv2DNhwcFhwcQOp) {
          return planNamedConv(op, ConvLayout::nhwc, kFhwc, true);
        })
        .Case([&](linalg::Conv2DNchwFchwQOp) {
          return planNamedConv(op, ConvLayout::nchw, kFchw, true);
        })
        .Default([&](Operation *) { return classifyUnmatched(op); });
  }

  /// Other linalg ops: convolutions and contractions of forms the pass does
  /// not rewrite get a reason; everything else is none of its business.
  std::optional<Plan> classifyUnmatched(linalg::LinalgOp op) {
    StringRef name = op->getName().getStringRef();
    if (name.starts_with("linalg.pooling"))
      return std::nullopt; // windows without weights
    if (name.starts_with("linalg.depthwise_conv"))
      return leave(op, Reason::Depthwise,
                   "depthwise convolution: each channel has its own filter, "
                   "so no weights are shared across channels; left to the "
                   "dense kernel");
    if (isa<linalg::ConvolutionOpInterface>(*op))
      return leave(op, Reason::UnsupportedForm,
                   "convolution form '" + name +
                       "' is not rewritten (2-D nhwc_hwcf, nhwc_fhwc, "
                       "nchw_fchw and their _q forms are)");
    if (isa<linalg::ContractionOpInterface>(*op))
      return leave(op, Reason::UnsupportedForm,
                   "contraction form '" + name + "' is not rewritten");
    return std::nullopt;
  }

  std::optional<Plan> planContraction(linalg::LinalgOp op) {
    bool named = !isa<linalg::GenericOp>(*op);
    // Generics come with any number of operands (bias, cast and ReLU
    // generics have one input); the weight is one of the first two inputs
    // (any others are scalar zero points), with one init.
    std::optional<Contraction> contraction;
    bool anyConstant = false;
    if (op.getNumDpsInputs() >= 2 && op.getNumDpsInits() == 1)
      for (unsigned w : {0u, 1u}) {
        if (!isFoldableWeight(op.getDpsInputs()[w]))
          continue;
        anyConstant = true;
        if ((contraction = matchContraction(op, w)))
          break;
      }
    if (!contraction && !named) {
      // A generalized named convolution is one; any other generic that
      // upstream recognizes as a contraction or convolution is a candidate
      // we do not take; other generics are not candidates.
      if (std::optional<ConvMatch> conv = matchGenericConv(op))
        return planConv(op, *conv);
      if (linalg::isaConvolutionOpInterface(op))
        return leave(op, Reason::UnsupportedForm,
                     "a convolution generic that is not a generalized 2-D "
                     "nhwc_hwcf, nhwc_fhwc or nchw_fchw convolution");
      // Upstream does not see a contraction in a body with zero points.
      if (!linalg::isaContractionOpInterface(op) && !isZeroPointContraction(op))
        return std::nullopt;
    }
    if (!op.hasPureTensorSemantics())
      return leave(op, Reason::NotOnTensors, "not on tensors");
    if (!contraction && !anyConstant)
      // A constant the folder cannot read (i128 elements, say) is not a
      // missing weight: say what is wrong with it.
      for (unsigned w : {0u, 1u}) {
        FoldError error;
        Value v = op.getDpsInputs()[w];
        if (matchPattern(v, m_Constant()) && !foldWeight(v, error))
          return leave(op, reasonFor(error.kind), error.message);
      }
    if (!contraction)
      return anyConstant
                 ? leave(op, Reason::UnsupportedForm,
                         "the constant operand is not a weight indexed by an "
                         "output and the reduction")
                 : leave(op, Reason::NoConstantWeight,
                         "no constant weight in a supported position");
    const Contraction &c = *contraction;
    unsigned inputIndex = 1 - c.weightOperand;
    Plan plan = newPlan(op, inputIndex, c.transposeInput, c.transposeInit);
    plan.vector = c.vector;
    OperandRead inputRead = c.body.read[inputIndex];
    peelInputZeroPoint(plan, inputRead);
    if (!c.vector)
      plan.columns = cast<ShapedType>(plan.init().getType())
                         .getDimSize(c.transposeInit ? 0 : 1);
    else
      plan.columns = 1;
    if (!setWeight(plan, op.getDpsInputs()[c.weightOperand],
                   WeightLayout{c.transposeWeight
                                    ? SmallVector<unsigned>{1, 0}
                                    : SmallVector<unsigned>{0, 1}},
                   c.body.read[c.weightOperand], inputRead, c.body.isFloat))
      return std::nullopt;
    return plan;
  }

  /// Reads through an `ext(x) - zp` generic in front of the input when the
  /// contraction itself reads the input as it is.
  void peelInputZeroPoint(Plan &plan, OperandRead &inputRead) {
    if (inputRead.ext != Extension::None || inputRead.zeroPoint ||
        inputRead.dynamicZeroPoint)
      return;
    OperandRead read;
    Type accType = getElementTypeOrSelf(plan.init().getType());
    // A zero point known only at run time is better left to the generic.
    Operation *generic = matchZeroPointGeneric(plan.input(), accType, read);
    if (generic && !read.dynamicZeroPoint) {
      plan.inputPath.push_back(generic);
      inputRead = read;
    }
  }

  /// C(B x M) += (X - xzp)(B x K) * (Wt - wzp)(K x M) with Wt and both zero
  /// points constant.
  std::optional<Plan> planQuantizedMatmul(linalg::QuantizedMatmulOp op) {
    if (!op.hasPureTensorSemantics())
      return leave(op, Reason::NotOnTensors, "not on tensors");
    if (op.getNumDpsInputs() != 4)
      return leave(op, Reason::UnsupportedForm, "expected four inputs");
    if (!isFoldableWeight(op.getDpsInputs()[1]))
      return leave(op, Reason::NoConstantWeight, "the weight is not constant");
    std::optional<int64_t> inputZp = integerConstant(op.getDpsInputs()[2]);
    std::optional<int64_t> weightZp = integerConstant(op.getDpsInputs()[3]);
    Plan plan = newPlan(op, 0, /*transposedInput=*/true,
                        /*transposedInit=*/true);
    plan.columns = cast<ShapedType>(plan.init().getType()).getDimSize(0);
    if (!setWeight(
            plan, op.getDpsInputs()[1], WeightLayout{{1, 0}},
            OperandRead{Extension::Signed, weightZp.value_or(0), !weightZp},
            OperandRead{Extension::Signed, inputZp.value_or(0), !inputZp},
            /*isFloat=*/false))
      return std::nullopt;
    return plan;
  }

  /// C(S x B x M) += X(S x B x K) * W with one weight for the whole batch S:
  /// 2-D (its indexing map has no batch dimension), or 3-D with a batch of
  /// one (what tosa.matmul lowers to). The batch folds into the columns,
  /// S*B, around the same product as for linalg.matmul. quantized_batch_matmul
  /// folds its zero points as quantized_matmul does.
  template <typename OpTy> std::optional<Plan> planBatch(OpTy op) {
    if (!op.hasPureTensorSemantics())
      return leave(op, Reason::NotOnTensors, "not on tensors");
    constexpr bool quantized =
        std::is_same_v<OpTy, linalg::QuantizedBatchMatmulOp>;
    MLIRContext *ctx = op.getContext();
    AffineExpr s, m, n, k;
    bindDims(ctx, s, m, n, k);
    auto map = [&](ArrayRef<AffineExpr> exprs) {
      return AffineMap::get(4, 0, exprs, ctx);
    };
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    Value weight = op.getDpsInputs()[1];
    auto weightType = cast<ShapedType>(weight.getType());
    WeightLayout layout;
    if (maps[1] == map({k, n}) || maps[1] == map({n, k}))
      layout.order = maps[1] == map({k, n}) ? SmallVector<unsigned>{1, 0}
                                            : SmallVector<unsigned>{0, 1};
    else if (maps[1] == map({s, k, n}) || maps[1] == map({s, n, k}))
      layout.order = maps[1] == map({s, k, n}) ? SmallVector<unsigned>{2, 0, 1}
                                               : SmallVector<unsigned>{1, 0, 2};
    OperandRead weightRead{Extension::Signed}, inputRead{Extension::Signed};
    if constexpr (quantized) {
      std::optional<int64_t> inputZp = integerConstant(op.getDpsInputs()[2]);
      std::optional<int64_t> weightZp = integerConstant(op.getDpsInputs()[3]);
      weightRead = {Extension::Signed, weightZp.value_or(0), !weightZp};
      inputRead = {Extension::Signed, inputZp.value_or(0), !inputZp};
    } else {
      std::optional<MulAddBody> body = matchMulAddBody(op);
      if (!body)
        return leave(op, Reason::UnsupportedForm,
                     "the body is not a multiply-accumulate");
      weightRead = body->read[1];
      inputRead = body->read[0];
    }
    // quantized_batch_matmul's zero points have maps too: the init's is last.
    if (maps[0] != map({s, m, k}) || maps.back() != map({s, m, n}) ||
        layout.order.empty())
      return leave(op, Reason::UnsupportedForm,
                   "operand layouts other than (s, m, k) x (k, n) -> (s, m, "
                   "n) and their weight transposes are not rewritten");
    if (!isFoldableWeight(weight))
      return leave(op, Reason::NoConstantWeight, "the weight is not constant");
    if (layout.order.size() == 3 && weightType.getDimSize(0) != 1)
      return leave(op, Reason::WeightNotShared,
                   "each batch element has its own weight");
    Plan plan = newPlan(op, 0, /*transposedInput=*/true,
                        /*transposedInit=*/true);
    plan.collapseBatch = true;
    auto initType = cast<ShapedType>(plan.init().getType());
    plan.columns = initType.isDynamicDim(0) || initType.isDynamicDim(1)
                       ? ShapedType::kDynamic
                       : initType.getDimSize(0) * initType.getDimSize(1);
    bool isFloat = isa<FloatType>(initType.getElementType());
    if (!setWeight(plan, weight, layout, weightRead, inputRead, isFloat))
      return std::nullopt;
    return plan;
  }

  /// A named 2-D convolution: its layouts, strides and dilations from the
  /// op, its zero points from the `_q` form's scalar inputs.
  std::optional<Plan> planNamedConv(linalg::LinalgOp op, ConvLayout layout,
                                    const FilterLayout &filter,
                                    bool quantized) {
    ConvMatch m{layout,
                filter,
                convAttr(op, "strides"),
                convAttr(op, "dilations"),
                OperandRead{Extension::Signed},
                OperandRead{Extension::Signed}};
    if (quantized) {
      std::optional<int64_t> inputZp = integerConstant(op.getDpsInputs()[2]);
      std::optional<int64_t> weightZp = integerConstant(op.getDpsInputs()[3]);
      m.filterRead = {Extension::Signed, weightZp.value_or(0), !weightZp};
      m.imageRead = {Extension::Signed, inputZp.value_or(0), !inputZp};
    }
    if (isa<FloatType>(getElementTypeOrSelf(op.getDpsInits()[0].getType())))
      m.imageRead.ext = m.filterRead.ext = Extension::Float;
    return planConv(op, m);
  }

  /// A 2-D convolution with a constant filter: the filter becomes the
  /// F x (Kh*Kw*C) weight, each output pixel a column. A constant
  /// `tensor.pad` of the spatial dimensions in front of the input folds into
  /// the op's padding.
  std::optional<Plan> planConv(linalg::LinalgOp op, const ConvMatch &m) {
    if (!op.hasPureTensorSemantics())
      return leave(op, Reason::NotOnTensors, "not on tensors");
    Value image = op.getDpsInputs()[0], filter = op.getDpsInputs()[1];
    auto imageType = cast<RankedTensorType>(image.getType());
    auto filterType = cast<RankedTensorType>(filter.getType());
    auto initType = cast<RankedTensorType>(op.getDpsInits()[0].getType());
    for (unsigned d = 1; d < 4; ++d)
      if (imageType.isDynamicDim(d) || initType.isDynamicDim(d))
        return leave(op, Reason::DynamicShape,
                     "only the batch dimension may be dynamic");
    if (!filterType.hasStaticShape())
      return leave(op, Reason::DynamicShape, "the filter has a dynamic shape");
    if (!isFoldableWeight(filter))
      return leave(op, Reason::NoConstantWeight, "the filter is not constant");
    ConvGeometry g;
    g.layout = m.layout;
    g.window = {filterType.getDimSize(m.filter.kh),
                filterType.getDimSize(m.filter.kw)};
    g.strides = m.strides;
    g.dilations = m.dilations;
    Plan plan = newPlan(op, 0, false, false);
    foldPad(plan, g);
    bool nhwc = m.layout == ConvLayout::nhwc;
    int64_t pixels =
        initType.getDimSize(nhwc ? 1 : 2) * initType.getDimSize(nhwc ? 2 : 3);
    plan.columns = initType.isDynamicDim(0) ? ShapedType::kDynamic
                                            : initType.getDimSize(0) * pixels;
    plan.conv = std::move(g);
    bool isFloat = isa<FloatType>(initType.getElementType());
    if (!setWeight(plan, filter, WeightLayout{m.filter.order}, m.filterRead,
                   m.imageRead, isFloat))
      return std::nullopt;
    return plan;
  }

  /// Folds a `tensor.pad` of the spatial dimensions by a constant in front of
  /// a convolution's input into `g`: the kernel's gather reads that value
  /// where a tap falls outside the input.
  void foldPad(Plan &plan, ConvGeometry &g) {
    auto pad = plan.input().getDefiningOp<tensor::PadOp>();
    if (!pad || pad.getSourceType().getRank() != 4 ||
        !pad.getSourceType().hasStaticShape())
      return;
    SmallVector<int64_t> low(pad.getStaticLow()), high(pad.getStaticHigh());
    if (llvm::any_of(low, ShapedType::isDynamic) ||
        llvm::any_of(high, ShapedType::isDynamic))
      return;
    unsigned channel = g.layout == ConvLayout::nhwc ? 3 : 1;
    unsigned h = g.layout == ConvLayout::nhwc ? 1 : 2;
    if (low[0] || high[0] || low[channel] || high[channel])
      return;
    Value padValue = pad.getConstantPaddingValue();
    Attribute value;
    if (!padValue || !matchPattern(padValue, m_Constant(&value)))
      return;
    auto typed = dyn_cast<TypedAttr>(value);
    if (!typed || typed.getType() != pad.getSourceType().getElementType())
      return;
    g.padding = {low[h], high[h], low[h + 1], high[h + 1]};
    // Zero needs no attribute; the kernel pads with zero by default.
    // (-0.0 is not the kernel's default: a zero sum would change sign.)
    if (!matchPattern(padValue, m_PosZeroFloat()) &&
        !matchPattern(padValue, m_Zero()))
      g.padValue = typed;
    plan.inputPath.push_back(pad);
  }

  /// Reads the weight into `plan` as outputs x inputs (`layout` says how its
  /// dimensions map), with the extensions and zero points the op applies;
  /// false (with a reason) if it cannot be used.
  bool setWeight(Plan &plan, Value weight, const WeightLayout &layout,
                 const OperandRead &weightRead, const OperandRead &inputRead,
                 bool isFloat) {
    Operation *op = plan.op;
    plan.weight = weight;
    // Nothing to compute, and reshaping empty batches trips the lowering.
    auto hasZeroDim = [](Value v) {
      return llvm::is_contained(cast<ShapedType>(v.getType()).getShape(), 0);
    };
    if (hasZeroDim(plan.input()) || hasZeroDim(plan.init()))
      return leave(op, Reason::NotProfitable,
                   "the product is empty (a dimension of size 0)"),
             false;
    Type accType = getElementTypeOrSelf(plan.init().getType());
    Type inElem = getElementTypeOrSelf(plan.input().getType());
    if (!accType.isIntOrFloat() || !inElem.isIntOrFloat())
      return leave(op, Reason::UnsupportedElementType,
                   "the input or accumulator is not an integer or a float"),
             false;
    if (isa<FloatType>(accType) != isFloat || isa<FloatType>(inElem) != isFloat)
      return leave(op, Reason::UnsupportedElementType,
                   "integer and float operands are mixed"),
             false;
    plan.accBits = accType.getIntOrFloatBitWidth();
    if (isFloat && !floatWeights)
      return leave(op, Reason::FloatWeightsDisabled,
                   "float weights need float-weights=1 (sharing "
                   "reassociates sums and changes rounding)"),
             false;
    if (!isFloat && plan.accBits > 64)
      return leave(op, Reason::UnsupportedElementType,
                   "accumulators wider than 64 bits are not supported"),
             false;
    if (inElem.getIntOrFloatBitWidth() > plan.accBits)
      return leave(op, Reason::UnsupportedElementType,
                   "the accumulator is narrower than the input"),
             false;
    if (weightRead.dynamicZeroPoint || inputRead.dynamicZeroPoint)
      return leave(op, Reason::DynamicZeroPoint,
                   "a zero point is not a compile-time constant"),
             false;
    FoldError error;
    std::optional<FoldedWeight> w = foldWeight(weight, error);
    if (!w) {
      return leave(op, reasonFor(error.kind), error.message), false;
    }
    if (isFloat != isa<FloatType>(w->elementType))
      return leave(op, Reason::UnsupportedElementType,
                   "the weight's element type does not match the op's "
                   "arithmetic"),
             false;
    // A named op truncates such a weight to the accumulator's type first.
    if (isFloat && w->elementType.getIntOrFloatBitWidth() > plan.accBits)
      return leave(op, Reason::UnsupportedElementType,
                   "the float weight is wider than the accumulator"),
             false;
    transposeTo(*w, layout.order);
    int64_t rows = 1, cols = 1;
    for (unsigned d = 0; d < w->shape.size(); ++d)
      (d < layout.rowDims ? rows : cols) *= w->shape[d];
    if (rows > std::numeric_limits<uint32_t>::max() ||
        cols > std::numeric_limits<uint32_t>::max())
      return leave(op, Reason::UnsupportedForm, "the weight is too large"),
             false;
    plan.unsignedInput = inputRead.ext == Extension::Unsigned;
    if (isFloat)
      return setFloatWeight(plan, *w, rows, cols);
    if (!setIntegerWeight(plan, *w, rows, cols, weightRead))
      return false;
    if (inputRead.zeroPoint)
      setInputZeroPointBias(plan, inputRead.zeroPoint);
    return true;
  }

  /// The accumulator sees each weight, extended as the op extends it, minus
  /// its zero point, modulo 2^accBits; that residue is what gets extracted.
  bool setIntegerWeight(Plan &plan, FoldedWeight &w, int64_t rows, int64_t cols,
                        const OperandRead &read) {
    // A zero point turns every zero into -zp: a sparse weight is dense then.
    FoldError error;
    if (read.zeroPoint && !densify(w, error))
      return leave(plan.op, reasonFor(error.kind), error.message), false;
    unsigned storedBits = w.elementType.getIntOrFloatBitWidth();
    bool zeroExtend = read.ext == Extension::Unsigned;
    std::vector<int64_t> values = std::move(w.ints);
    for (int64_t &v : values) {
      if (zeroExtend && storedBits < 64)
        v = int64_t(uint64_t(v) & ((uint64_t(1) << storedBits) - 1));
      v = wrapTo(int64_t(uint64_t(v) - uint64_t(read.zeroPoint)), plan.accBits);
    }
    ::cse_sparse::ElementType type;
    if (!read.zeroPoint && !w.throughOps) {
      bool zeroExtended = zeroExtend && storedBits < plan.accBits;
      type = {std::min(storedBits, plan.accBits), !zeroExtended};
      plan.weightBits = storedBits;
    } else {
      // Folded values may need a narrower (or, shifted, a wider) type than
      // the one they arrived in.
      int64_t lo = 0, hi = 0;
      if (!values.empty()) {
        auto [min, max] = std::minmax_element(values.begin(), values.end());
        lo = *min;
        hi = *max;
      }
      type = ::cse_sparse::ElementType::narrowestSigned(lo, hi);
      type.bits = std::min(type.bits, plan.accBits);
      plan.weightBits = type.bits;
    }
    plan.matrix = toMatrix(w, rows, cols, values, type);
    return true;
  }

  /// The rows x cols matrix of `values`: all the elements in row-major order,
  /// or, for a sparsely held weight, its non-zeros at `w.positions`.
  static SparseMatrix toMatrix(const FoldedWeight &w, int64_t rows,
                               int64_t cols, const std::vector<int64_t> &values,
                               ::cse_sparse::ElementType type) {
    if (!w.positions)
      return SparseMatrix::fromDense(uint32_t(rows), uint32_t(cols), values,
                                     type);
    std::vector<SparseMatrix::Triplet> triplets;
    triplets.reserve(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
      uint64_t position = (*w.positions)[i];
      triplets.push_back({uint32_t(position / uint64_t(cols)),
                          uint32_t(position % uint64_t(cols)), values[i]});
    }
    return SparseMatrix::fromTriplets(uint32_t(rows), uint32_t(cols),
                                      std::move(triplets), type);
  }

  /// sum_k W'[m][k] (x[k] - zp) = sum_k W'[m][k] x[k] - zp * sum_k W'[m][k]:
  /// the last term is a constant per output row, added as the op's bias.
  /// Exact in two's complement, like the original.
  void setInputZeroPointBias(Plan &plan, int64_t zeroPoint) {
    const SparseMatrix &w = plan.matrix;
    plan.bias.assign(w.rows(), 0);
    for (uint32_t r = 0; r < w.rows(); ++r) {
      uint64_t sum = 0;
      for (uint64_t p = w.rowBegin(r); p < w.rowEnd(r); ++p)
        sum += uint64_t(w.nonzeros()[p]);
      plan.bias[r] = wrapTo(int64_t(uint64_t(0) - uint64_t(zeroPoint) * sum),
                            plan.accBits);
    }
  }

  bool setFloatWeight(Plan &plan, const FoldedWeight &w, int64_t rows,
                      int64_t cols) {
    if (llvm::any_of(w.floats, [](double v) { return !std::isfinite(v); }))
      return leave(plan.op, Reason::NonFiniteWeight,
                   "the weight has non-finite values"),
             false;
    const std::vector<double> &values = w.floats;
    std::map<double, int64_t> codes;
    for (double v : values)
      if (v != 0)
        codes[std::abs(v)] = 0;
    FloatCoding coding{cast<FloatType>(w.elementType), {}};
    // 1.0 first, so it keeps code 1; the rest in increasing order.
    if (codes.count(1.0))
      coding.magnitudes.push_back(1.0);
    for (auto &[magnitude, code] : codes)
      if (magnitude != 1.0)
        coding.magnitudes.push_back(magnitude);
    for (size_t i = 0; i < coding.magnitudes.size(); ++i)
      codes[coding.magnitudes[i]] = int64_t(i) + 1;
    std::vector<int64_t> coded(values.size());
    for (size_t i = 0; i < values.size(); ++i)
      coded[i] = values[i] == 0  ? 0
                 : values[i] < 0 ? -codes[-values[i]]
                                 : codes[values[i]];
    plan.weightBits = w.elementType.getIntOrFloatBitWidth();
    plan.matrix = toMatrix(w, rows, cols, coded, {64, true});
    plan.floats = std::move(coding);
    return true;
  }

  //===--------------------------------------------------------------------===//
  // Phase 2: extraction and the choice of form
  //===--------------------------------------------------------------------===//

  void extractAll(std::vector<Plan> &plans) {
    MLIRContext *ctx = &getContext();
    ::cse_sparse::ExtractOptions opts = extractOptions;
    // Several ops: one thread each. One op: every core on it. No threading
    // when the context forbids it. The result is the same either way.
    bool parallelOps = ctx->isMultithreadingEnabled() && plans.size() > 1;
    opts.threads = ctx->isMultithreadingEnabled() && !parallelOps ? 0 : 1;
    if (ctx->isMultithreadingEnabled())
      opts.threadPool = &ctx->getThreadPool();
    auto extractOne = [&](Plan &plan) {
      ::cse_sparse::ExtractOptions planOpts = opts;
      // Codes of float values have no common factors to scale by.
      if (plan.floats)
        planOpts.match = ::cse_sparse::MatchMode::Exact;
      if (planOpts.match == ::cse_sparse::MatchMode::Best && targetCosts)
        return extractBestPriced(plan, planOpts);
      plan.result = ::cse_sparse::extractCse(plan.matrix, planOpts);
      plan.choice = choose(plan);
    };
    if (parallelOps)
      parallelForEach(ctx, plans, extractOne);
    else
      llvm::for_each(plans, extractOne);
  }

  /// match=best under a cost model: both searches; scaled matching is kept
  /// only where the model prices its chosen form (in the goal's figure) at
  /// least kScaledMargin below exact's. The model is within a few percent of
  /// the counts, and closer calls went to exact in the measurements
  /// (docs/cost-model.md); it also sees the kernel's tables as they will be,
  /// which the extraction objective only approximates.
  static constexpr double kScaledMargin = 0.03;
  void extractBestPriced(Plan &plan, ::cse_sparse::ExtractOptions opts) {
    opts.match = ::cse_sparse::MatchMode::Exact;
    plan.result = ::cse_sparse::extractCse(plan.matrix, opts);
    ::cse_sparse::FormChoice exactChoice = choose(plan);
    ::cse_sparse::ExtractionResult exact = std::move(plan.result);
    opts.match = ::cse_sparse::MatchMode::Scaled;
    plan.result = ::cse_sparse::extractCse(plan.matrix, opts);
    plan.choice = choose(plan);
    if (chosenCost(plan.choice) <
        (1.0 - kScaledMargin) * chosenCost(exactChoice))
      return;
    plan.result = std::move(exact);
    plan.choice = exactChoice;
  }

  /// The chosen form's price in the goal's figure.
  double chosenCost(const ::cse_sparse::FormChoice &c) const {
    using ::cse_sparse::KernelForm;
    const ::cse_sparse::KernelCost &k = c.form == KernelForm::Dense ? c.dense
                                        : c.form == KernelForm::Csr ? c.csr
                                                                    : c.ecsr;
    return goal == ::cse_sparse::CostGoal::Speed ? k.instructions
                                                 : double(k.tableBytes);
  }

  /// Whether an NHWC/FHWC convolution, left dense, becomes the SMLAD loops
  /// of cse-sparse-arm-dsp-conv: int8 input and filter, an int32 result,
  /// and constant zero points with which every int8 minus them fits 16
  /// bits. (As for matmuls, an input that bufferizes to a strided view runs
  /// upstream's loop instead.)
  static bool convRunsSmlad(linalg::LinalgOp conv) {
    auto elementIs = [](Value v, unsigned bits) {
      return getElementTypeOrSelf(v.getType()).isSignlessInteger(bits);
    };
    SmallVector<Value> inputs = conv.getDpsInputs();
    if (!elementIs(inputs[0], 8) || !elementIs(inputs[1], 8) ||
        !elementIs(conv.getDpsInits()[0], 32))
      return false;
    for (Value zero : llvm::drop_begin(inputs, 2)) {
      APInt value;
      if (!matchPattern(zero, m_ConstantInt(&value)) ||
          value.getSignificantBits() > 17 ||
          !::cse_sparse::dspSubtractsExactly(value.getSExtValue()))
        return false;
    }
    return true;
  }

  /// Whether `plan`'s op, left dense, becomes the SMLAD loops of
  /// cse-sparse-arm-dsp-matmul (what it matches, seen on tensors): a named
  /// int8 x int8 -> int32 signed matmul, its weight the first operand (at
  /// least four rows) under the default maps, or the second under
  /// C = A B^T.
  static bool denseRunsSmlad(const Plan &plan) {
    if (isa<linalg::Conv2DNhwcFhwcOp, linalg::Conv2DNhwcFhwcQOp>(plan.op))
      return !plan.floats && convRunsSmlad(cast<linalg::LinalgOp>(plan.op));
    auto matmul = dyn_cast<linalg::MatmulOp>(plan.op);
    if (!matmul || plan.floats || !isSignedInt8Matmul(matmul))
      return false;
    std::optional<MatmulForm> form = matmulForm(matmul);
    unsigned weightOperand = 1 - plan.inputOperand;
    if (form == MatmulForm::Product)
      return weightOperand == 0 && plan.matrix.rows() >= 4;
    // The input's rows are read in place: its row length must be static.
    // (Whether bufferization gives it a contiguous layout is not known
    // here; an input that becomes a strided view runs upstream's loop.)
    auto input = dyn_cast<RankedTensorType>(plan.input().getType());
    return form == MatmulForm::TransposedB && weightOperand == 1 && input &&
           !input.isDynamicDim(1);
  }

  /// Costs are per column: the choice is the same for every batch size or
  /// output pixel count.
  ::cse_sparse::FormChoice choose(const Plan &plan) {
    using ::cse_sparse::KernelForm;
    ::cse_sparse::FormChoice choice;
    if (!targetCosts) {
      // none: rewrite when something is shared; sparse: always; csr:
      // always, without subexpressions (the baseline of the same kernel).
      bool shared = !plan.result.ecsr.nodes.empty();
      using ::cse_sparse::CostModelKind;
      choice.form = costModel == CostModelKind::Csr      ? KernelForm::Csr
                    : shared                             ? KernelForm::Ecsr
                    : costModel == CostModelKind::Sparse ? KernelForm::Csr
                                                         : KernelForm::Dense;
      return choice;
    }
    const SparseMatrix &m = plan.matrix;
    ExtendedCsr csr = ExtendedCsr::fromMatrix(m);
    unsigned floatBits = plan.floats ? plan.weightBits : 0;
    auto layouts = [&](const ExtendedCsr &e) {
      return ::cse_sparse::LayoutCosts{
          ::cse_sparse::sparseCost(e, plan.accBits, *targetCosts, floatBits),
          ::cse_sparse::sparseCost(e, plan.accBits, *targetCosts, floatBits,
                                   /*compact=*/true)};
    };
    return ::cse_sparse::chooseForm(
        ::cse_sparse::denseCost(m.rows(), m.cols(), plan.weightBits,
                                *targetCosts,
                                smladDense && denseRunsSmlad(plan)),
        layouts(csr), layouts(plan.result.ecsr), goal, minGain);
  }

  //===--------------------------------------------------------------------===//
  // Phase 3: rewriting
  //===--------------------------------------------------------------------===//

  static std::string describeCosts(const ::cse_sparse::FormChoice &c) {
    std::string text;
    llvm::raw_string_ostream os(text);
    auto one = [&](StringRef name, const ::cse_sparse::KernelCost &k) {
      os << name << " " << llvm::format("%.0f", k.instructions) << " instr "
         << k.tableBytes << " B";
    };
    one("dense", c.dense);
    os << ", ";
    one("csr", c.csr);
    os << ", ";
    one("ecsr", c.ecsr);
    return text;
  }

  EcsrAttr buildAttr(const Plan &plan, const ExtendedCsr &ecsr) {
    MLIRContext *ctx = &getContext();
    if (!plan.floats)
      return toEcsrAttr(ctx, ecsr, plan.accBits);
    const FloatCoding &coding = *plan.floats;
    return toFloatEcsrAttr(ctx, ecsr, coding.type,
                           [&](int64_t coef, bool onNode) {
                             // Node operands carry plain multipliers.
                             return onNode ? double(coef) : coding.decode(coef);
                           });
  }

  /// The plan's bias as the op's attribute, or null if every value is zero.
  DenseIntOrFPElementsAttr biasAttr(const Plan &plan, Type accType) {
    if (llvm::all_of(plan.bias, [](int64_t v) { return v == 0; }))
      return nullptr;
    unsigned bits = accType.getIntOrFloatBitWidth();
    SmallVector<APInt> values;
    for (int64_t v : plan.bias)
      values.push_back(APInt(bits, uint64_t(v), /*isSigned=*/true,
                             /*implicitTrunc=*/true));
    auto type = RankedTensorType::get({int64_t(values.size())}, accType);
    return cast<DenseIntOrFPElementsAttr>(DenseElementsAttr::get(type, values));
  }

  void apply(Plan &plan) {
    using ::cse_sparse::KernelForm;
    Operation *op = plan.op;
    const ::cse_sparse::FormChoice &choice = plan.choice;
    if (choice.form == KernelForm::Dense) {
      if (!targetCosts)
        return (void)leave(op, Reason::NotProfitable,
                           "not profitable: no shared subexpression");
      return (void)leave(op, Reason::NotProfitable,
                         "not profitable on " + costModelName() + ": " +
                             describeCosts(choice),
                         &choice);
    }
    ::cse_sparse::ExtractionResult kept = plan.result;
    if (choice.form == KernelForm::Csr) {
      kept.ecsr = ExtendedCsr::fromMatrix(plan.matrix);
      kept.objective = kept.objectiveWithout;
    }
    EcsrAttr attr = buildAttr(plan, kept.ecsr);
    std::optional<ExtractionRecord> record = describe(plan, kept);

    OpBuilder b(op);
    Value input = plan.input(), init = plan.init();
    bool overwrite = foldInit(b, plan, init);
    Type accType = getElementTypeOrSelf(init.getType());
    DenseIntOrFPElementsAttr bias = biasAttr(plan, accType);
    Operation *kernel = nullptr;
    Value y = plan.conv ? buildConv(b, plan, attr, bias, input, init, kernel)
                        : buildMatmul(b, plan, attr, bias, input, init, kernel);
    if (overwrite)
      kernel->setAttr("overwrite_init", b.getUnitAttr());
    if (record) {
      record->op = kernel;
      records.push_back({walkOrder.lookup(op), std::move(*record)});
    }
    // What the op read may now be dead: the weight's producers, and the pad
    // or zero-point subtraction folded in front of the input.
    if (Operation *def = plan.weight.getDefiningOp())
      maybeDead.push_back(def);
    if (!plan.inputPath.empty())
      maybeDead.push_back(plan.inputPath.front());
    op->replaceAllUsesWith(ValueRange{y});
    op->erase();
  }

  /// Folds a constant init that varies at most along the output rows
  /// (InitFolding.h) into the plan's bias: `init` becomes an empty tensor of
  /// its shape, which the op, marked overwrite_init, does not read. The old
  /// init's producers are erased once unused.
  bool foldInit(OpBuilder &b, Plan &plan, Value &init) {
    std::optional<unsigned> rowDim;
    if (plan.conv)
      rowDim = plan.conv->layout == ConvLayout::nhwc ? 3 : 1;
    else if (plan.vector)
      rowDim = 0;
    else if (!plan.collapseBatch)
      rowDim = plan.transposeInit ? 1 : 0;
    int64_t rows = plan.matrix.rows();
    std::optional<std::vector<int64_t>> start =
        rowConstantInit(init, rowDim, rows);
    if (!start)
      return false;
    if (plan.bias.empty())
      plan.bias.assign(rows, 0);
    for (int64_t r = 0; r < rows; ++r)
      plan.bias[r] =
          wrapTo(int64_t(uint64_t(plan.bias[r]) + uint64_t((*start)[r])),
                 plan.accBits);
    if (Operation *def = init.getDefiningOp())
      maybeDead.push_back(def);
    // The destination: the empty tensor the fill or broadcast wrote, when
    // there is one; else a new one, sized like the tensor they wrote.
    Value written = init;
    while (auto dps = written.getDefiningOp<DestinationStyleOpInterface>())
      written = dps.getTiedOpOperand(cast<OpResult>(written))->get();
    if (written.getDefiningOp<tensor::EmptyOp>()) {
      init = written;
      return true;
    }
    Location loc = plan.op->getLoc();
    init = tensor::EmptyOp::create(
        b, loc, tensor::getMixedSizes(b, loc, written),
        cast<RankedTensorType>(init.getType()).getElementType());
    return true;
  }

  /// The new op's result; `kernel` the new op.
  Value buildConv(OpBuilder &b, const Plan &plan, EcsrAttr attr,
                  DenseIntOrFPElementsAttr bias, Value input, Value init,
                  Operation *&kernel) {
    const ConvGeometry &g = *plan.conv;
    auto conv = Conv2DOp::create(b, plan.op->getLoc(), attr, input, init,
                                 g.layout, g.window, g.strides, g.dilations,
                                 g.padding, g.padValue, bias,
                                 plan.unsignedInput, plan.choice.compact);
    kernel = conv;
    return conv.getResult()[0];
  }

  /// The new op's result, reshaped back to the original's; `kernel` the new
  /// op.
  Value buildMatmul(OpBuilder &b, const Plan &plan, EcsrAttr attr,
                    DenseIntOrFPElementsAttr bias, Value input, Value init,
                    Operation *&kernel) {
    Location loc = plan.op->getLoc();
    SmallVector<ReassociationIndices> column = {{0, 1}};
    SmallVector<ReassociationIndices> batchRows = {{0, 1}, {2}};
    auto asColumn = [&](Value v) -> Value {
      auto type = cast<RankedTensorType>(v.getType());
      auto columnType =
          RankedTensorType::get({type.getDimSize(0), 1}, type.getElementType());
      return tensor::ExpandShapeOp::create(b, loc, columnType, v, column);
    };
    Value in = input, acc = init;
    if (plan.collapseBatch) {
      in = tensor::CollapseShapeOp::create(b, loc, in, batchRows);
      acc = tensor::CollapseShapeOp::create(b, loc, acc, batchRows);
    }
    if (plan.vector) {
      in = asColumn(in);
      acc = asColumn(acc);
    }
    // Transposed operands stay as they are: the op indexes them that way.
    auto matmul = MatmulOp::create(b, loc, attr, in, acc, bias,
                                   plan.unsignedInput, plan.choice.compact,
                                   plan.transposeInput, plan.transposeInit);
    kernel = matmul;
    Value y = matmul.getResult()[0];
    if (plan.vector)
      y = tensor::CollapseShapeOp::create(b, loc, y, column);
    if (plan.collapseBatch)
      y = tensor::ExpandShapeOp::create(b, loc, init.getType(), y, batchRows,
                                        tensor::getMixedSizes(b, loc, init));
    return y;
  }

  /// The rewritten op's figures as a remark, and as its record (without the
  /// new op yet) when anyone reads the records.
  std::optional<ExtractionRecord>
  describe(const Plan &plan, const ::cse_sparse::ExtractionResult &kept) {
    if (!remarks && !keepsRecords())
      return std::nullopt;
    Operation *op = plan.op;
    ::cse_sparse::ExtractionReport r =
        ::cse_sparse::makeReport(plan.matrix, kept);
    StringRef form = ::cse_sparse::toString(plan.choice.form);
    ExtractionRecord record(op->getName(), op->getLoc());
    record.form = plan.choice.form;
    record.figures = r;
    record.compactTables = plan.choice.compact;
    if (!ShapedType::isDynamic(plan.columns))
      record.columns = plan.columns;
    record.floatWeights = plan.floats.has_value();
    if (targetCosts)
      record.predicted = plan.choice;
    record.costModel = costModel;
    if (remarks) {
      std::string seconds;
      llvm::raw_string_ostream(seconds)
          << llvm::format("%.3f", plan.result.seconds);
      InFlightDiagnostic diag = op->emitRemark();
      diag << "cse-sparse-extract: " << form << " " << r.rows << "x" << r.cols
           << ", nnz " << r.nnz << ", CSEs " << r.cses << ", additions "
           << r.before.additions << " -> " << r.after.additions;
      if (!plan.floats)
        diag << ", ECSR " << r.ecsrBytes << " vs CSR " << r.csrBytes
             << " bytes";
      diag << ", " << seconds << " s";
      if (targetCosts)
        diag << "; predicted " << describeCosts(plan.choice)
             << (plan.choice.compact ? " (compact tables)" : "");
    }
    if (!keepsRecords())
      return std::nullopt;
    return record;
  }

  LogicalResult writeReport() {
    std::error_code ec;
    llvm::raw_fd_ostream os(report, ec);
    if (ec)
      return getOperation()->emitError()
             << "cse-sparse-extract: cannot write report '" << report
             << "': " << ec.message();
    llvm::json::Array entries;
    for (const auto &entry : records)
      entries.push_back(toJSON(entry.second));
    os << llvm::formatv("{0:2}", llvm::json::Value(std::move(entries))) << "\n";
    return success();
  }

  void deliverRecords() {
    if (!delivery)
      return;
    std::lock_guard<std::mutex> lock(delivery->mutex);
    for (const auto &entry : records)
      delivery->onRecord(entry.second);
  }
};

} // namespace

std::unique_ptr<Pass> mlir::cse_sparse::createCseSparseExtractPass(
    const CseSparseExtractPassOptions &options,
    ExtractionRecordCallback onRecord) {
  auto pass = std::make_unique<CseSparseExtractPass>(options);
  if (onRecord) {
    pass->delivery = std::make_shared<CseSparseExtractPass::Delivery>();
    pass->delivery->onRecord = std::move(onRecord);
  }
  return pass;
}

StringRef mlir::cse_sparse::extractionReasonCode(ExtractionReason reason) {
  return reasonCode(reason);
}

namespace {
/// The `predicted` object of a report entry.
llvm::json::Object predictedJSON(const ::cse_sparse::FormChoice &c,
                                 ::cse_sparse::CostModelKind model) {
  auto costs = [](const ::cse_sparse::KernelCost &k) {
    return llvm::json::Object{
        {"instructions", int64_t(std::lround(k.instructions))},
        {"table_bytes", int64_t(k.tableBytes)},
        {"scratch_bytes", int64_t(k.scratchBytes)}};
  };
  return llvm::json::Object{
      {"cost_model",
       ::cse_sparse::enumName(::cse_sparse::kCostModelNames, model)},
      {"dense", costs(c.dense)},
      {"csr", costs(c.csr)},
      {"ecsr", costs(c.ecsr)}};
}
} // namespace

llvm::json::Value mlir::cse_sparse::toJSON(const ExtractionRecord &record) {
  std::string location;
  llvm::raw_string_ostream(location) << record.loc;
  llvm::json::Object entry{{"op", record.opName.getStringRef()},
                           {"location", std::move(location)},
                           {"form", ::cse_sparse::toString(record.form)}};
  if (record.predicted)
    entry["predicted"] = predictedJSON(*record.predicted, record.costModel);
  if (!record.rewritten()) {
    entry["reason"] = reasonCode(record.reason.value_or(Reason::NotProfitable));
    entry["detail"] = record.detail;
    return entry;
  }
  const ::cse_sparse::ExtractionReport &r = record.figures;
  entry["compact_tables"] = record.compactTables;
  entry["rows"] = int64_t(r.rows);
  entry["cols"] = int64_t(r.cols);
  entry["columns"] = record.columns ? llvm::json::Value(*record.columns)
                                    : llvm::json::Value(nullptr);
  entry["nnz"] = int64_t(r.nnz);
  entry["cses"] = int64_t(r.cses);
  entry["additions_before"] = int64_t(r.before.additions);
  entry["additions_after"] = int64_t(r.after.additions);
  entry["multiplications_before"] = int64_t(r.before.multiplications);
  entry["multiplications_after"] = int64_t(r.after.multiplications);
  // ECSR v1 stores integers only.
  entry["ecsr_bytes"] = record.floatWeights
                            ? llvm::json::Value(nullptr)
                            : llvm::json::Value(int64_t(r.ecsrBytes));
  entry["csr_bytes"] = record.floatWeights
                           ? llvm::json::Value(nullptr)
                           : llvm::json::Value(int64_t(r.csrBytes));
  entry["extraction_seconds"] = r.seconds;
  return entry;
}
