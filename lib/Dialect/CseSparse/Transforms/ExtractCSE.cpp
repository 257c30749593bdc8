//===- ExtractCSE.cpp - constant-weight linalg contractions to cse_sparse -===//
//
// Three phases: find the contractions with a constant weight and describe how
// each maps onto cse_sparse.matmul (sequential, reads IR); extract every
// weight's subexpressions and choose its form with the cost model (parallel
// over ops, touches no IR); rewrite in program order (sequential). Results
// never depend on the thread count.
//
//===----------------------------------------------------------------------===//

#include "cse-sparse/Algorithm/CostModel.h"
#include "cse-sparse/Algorithm/Extraction.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h"
#include "cse-sparse/Dialect/CseSparse/Utils/EcsrConversion.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/Threading.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"

#include <cmath>
#include <cstring>
#include <map>

namespace mlir::cse_sparse {
#define GEN_PASS_DEF_CSESPARSEEXTRACTPASS
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h.inc"
} // namespace mlir::cse_sparse

using namespace mlir;
using namespace mlir::cse_sparse;
using ::cse_sparse::ExtendedCsr;
using ::cse_sparse::SparseMatrix;

namespace {

//===----------------------------------------------------------------------===//
// Reading the contraction
//===----------------------------------------------------------------------===//

/// How a contraction's body widens an operand before the product.
enum class Extension { None, Signed, Unsigned, Float };

/// `yield(out + ext(in0) * ext(in1))`.
struct MulAddBody {
  Extension ext[2];
  bool isFloat;
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

/// Matches the body of a multiply-accumulate contraction with two inputs,
/// integer or float throughout (an int-to-float cast does not match).
std::optional<MulAddBody> matchMulAddBody(linalg::LinalgOp op) {
  Block *body = op.getBlock();
  if (!body || body->getNumArguments() != 3)
    return std::nullopt;
  auto yield = dyn_cast<linalg::YieldOp>(body->getTerminator());
  if (!yield || yield->getNumOperands() != 1)
    return std::nullopt;
  Operation *add = yield->getOperand(0).getDefiningOp();
  if (!isa_and_nonnull<arith::AddIOp, arith::AddFOp>(add))
    return std::nullopt;
  bool isFloat = isa<arith::AddFOp>(add);
  Value out = body->getArgument(2);
  Value product = add->getOperand(0) == out   ? add->getOperand(1)
                  : add->getOperand(1) == out ? add->getOperand(0)
                                              : Value();
  Operation *mul = product ? product.getDefiningOp() : nullptr;
  if (!mul || !(isFloat ? isa<arith::MulFOp>(mul) : isa<arith::MulIOp>(mul)))
    return std::nullopt;
  auto [lhs, lhsExt] = stripExtension(mul->getOperand(0));
  auto [rhs, rhsExt] = stripExtension(mul->getOperand(1));
  Value in0 = body->getArgument(0), in1 = body->getArgument(1);
  if (lhs == in0 && rhs == in1)
    return MulAddBody{{lhsExt, rhsExt}, isFloat};
  if (lhs == in1 && rhs == in0)
    return MulAddBody{{rhsExt, lhsExt}, isFloat};
  return std::nullopt;
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
  if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1)
    return std::nullopt;
  std::optional<MulAddBody> body = matchMulAddBody(op);
  if (!body)
    return std::nullopt;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  if (llvm::count(iterators, utils::IteratorType::reduction) != 1)
    return std::nullopt;
  unsigned k =
      llvm::find(iterators, utils::IteratorType::reduction) - iterators.begin();
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (llvm::any_of(maps, [](AffineMap m) {
        return !m.isProjectedPermutation(/*allowZeroInResults=*/false);
      }))
    return std::nullopt;
  SmallVector<unsigned> w = dimsOf(maps[weightOperand]),
                        x = dimsOf(maps[1 - weightOperand]),
                        c = dimsOf(maps[2]);
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

//===----------------------------------------------------------------------===//
// Reading the weight
//===----------------------------------------------------------------------===//

/// A 2-D constant's elements, row-major, from `dense` or `dense_resource`
/// elements: integers as int64 (sign- or zero-extended), floats as double.
struct ConstantWeight {
  std::vector<int64_t> ints;
  std::vector<double> floats;
  int64_t rows = 0, cols = 0;
  Type elementType;
};

/// The blob behind `attr` as `count` elements of `bits` bits (host order, as
/// MLIR stores blobs); false if it is elided or of another size.
bool readResource(DenseResourceElementsAttr attr, ConstantWeight &w,
                  bool zeroExtend) {
  AsmResourceBlob *blob = attr.getRawHandle().getBlob();
  if (!blob)
    return false;
  ArrayRef<char> data = blob->getData();
  unsigned bits = w.elementType.getIntOrFloatBitWidth();
  if (bits % 8 || bits > 64 ||
      data.size() != size_t(w.rows * w.cols) * bits / 8)
    return false;
  size_t bytes = bits / 8;
  for (size_t i = 0; i < data.size(); i += bytes) {
    uint64_t raw = 0;
    std::memcpy(&raw, data.data() + i, bytes);
    if (auto fp = dyn_cast<FloatType>(w.elementType)) {
      APFloat value(fp.getFloatSemantics(), APInt(bits, raw));
      w.floats.push_back(value.convertToDouble());
    } else {
      APInt value(bits, raw);
      w.ints.push_back(zeroExtend ? int64_t(value.getZExtValue())
                                  : value.getSExtValue());
    }
  }
  return true;
}

bool isConstant(Value v) {
  Operation *def = v.getDefiningOp();
  return def && matchPattern(def, m_Constant());
}

std::optional<ConstantWeight> readWeight(Value v, bool zeroExtend) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!type || type.getRank() != 2 || !type.hasStaticShape())
    return std::nullopt;
  ConstantWeight w;
  w.rows = type.getDimSize(0);
  w.cols = type.getDimSize(1);
  w.elementType = type.getElementType();
  // Every value of these converts to double and back exactly.
  if (isa<FloatType>(w.elementType) &&
      !isa<Float16Type, BFloat16Type, Float32Type, Float64Type>(w.elementType))
    return std::nullopt;
  DenseElementsAttr dense;
  DenseResourceElementsAttr resource;
  if (matchPattern(v, m_Constant(&dense))) {
    if (isa<IntegerType>(w.elementType))
      for (const APInt &x : dense.getValues<APInt>())
        w.ints.push_back(zeroExtend ? int64_t(x.getZExtValue())
                                    : x.getSExtValue());
    else if (isa<FloatType>(w.elementType))
      for (const APFloat &x : dense.getValues<APFloat>())
        w.floats.push_back(x.convertToDouble());
    else
      return std::nullopt;
    return w;
  }
  if (!matchPattern(v, m_Constant(&resource)) ||
      !readResource(resource, w, zeroExtend))
    return std::nullopt;
  return w;
}

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
  if (bits >= 64)
    return v;
  uint64_t mask = (uint64_t(1) << bits) - 1, sign = uint64_t(1) << (bits - 1);
  uint64_t low = uint64_t(v) & mask;
  return int64_t((low ^ sign) - sign);
}

/// Row-major `values` as an outputs x inputs matrix, transposed first if
/// stored inputs x outputs.
template <typename T>
std::vector<T> orient(const std::vector<T> &values, int64_t rows, int64_t cols,
                      bool transpose) {
  if (!transpose)
    return values;
  std::vector<T> out(values.size());
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      out[c * rows + r] = values[r * cols + c];
  return out;
}

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

/// One op to rewrite: the weight in the algorithm's terms and where the
/// product's operands come from. Filled in three phases.
struct Plan {
  Operation *op = nullptr;
  SparseMatrix matrix;
  std::optional<FloatCoding> floats;
  Value input, init;
  bool transposeInput = false, transposeInit = false, vector = false;
  /// Batch-matmul input and init (S x B x .) fold the batch into rows first.
  bool collapseBatch = false;
  bool unsignedInput = false;
  /// The constant the weight came from; erased once nothing reads it.
  Operation *weightOp = nullptr;
  /// Added to the init's rows before the product (quantized zero points).
  std::vector<int64_t> bias;
  unsigned accBits = 32, weightBits = 8;
  // Extraction phase.
  ::cse_sparse::ExtractionResult result;
  ::cse_sparse::FormChoice choice;
};

/// A plan for `op` reading `input` and accumulating into `init`, each stored
/// the other way round when `transposed...`; the weight is set later.
Plan newPlan(Operation *op, Value input, Value init, bool transposedInput,
             bool transposedInit) {
  Plan plan;
  plan.op = op;
  plan.input = input;
  plan.init = init;
  plan.transposeInput = transposedInput;
  plan.transposeInit = transposedInit;
  return plan;
}

/// acc + bias broadcast along the batch, in acc's element type; acc is M x B,
/// or B x M if `transposed`.
Value addBias(OpBuilder &b, Location loc, Value acc, ArrayRef<int64_t> bias,
              bool transposed) {
  auto type = cast<RankedTensorType>(acc.getType());
  auto elementType = cast<IntegerType>(type.getElementType());
  SmallVector<APInt> values;
  for (int64_t v : bias)
    values.push_back(APInt(elementType.getWidth(), uint64_t(v),
                           /*isSigned=*/true, /*implicitTrunc=*/true));
  auto biasType = RankedTensorType::get({int64_t(bias.size())}, elementType);
  Value biasConst = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(biasType, values));
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, acc);
  Value empty = tensor::EmptyOp::create(b, loc, sizes, elementType);
  Value broadcast =
      linalg::BroadcastOp::create(b, loc, biasConst, empty,
                                  ArrayRef<int64_t>{transposed ? 0 : 1})
          .getResult()[0];
  Value out = tensor::EmptyOp::create(b, loc, sizes, elementType);
  return linalg::AddOp::create(b, loc, TypeRange{type},
                               ValueRange{acc, broadcast}, ValueRange{out})
      .getResult(0);
}

struct CseSparseExtractPass
    : mlir::cse_sparse::impl::CseSparseExtractPassBase<CseSparseExtractPass> {
  using Base::Base;

  ::cse_sparse::ExtractOptions extractOptions;
  std::optional<::cse_sparse::TargetCosts> targetCosts;
  ::cse_sparse::CostGoal costGoal = ::cse_sparse::CostGoal::Speed;
  /// One JSON object per rewritten op (schema in docs/dialect-design.md).
  std::vector<llvm::json::Value> reportEntries;

  LogicalResult parseOptions() {
    Operation *root = getOperation();
    auto match = ::cse_sparse::parseMatchMode(this->match);
    if (!match)
      return root->emitError() << "cse-sparse-extract: unknown match '"
                               << this->match << "' (expected exact or scaled)";
    auto objective = ::cse_sparse::parseObjective(this->objective);
    if (!objective)
      return root->emitError()
             << "cse-sparse-extract: unknown objective '" << this->objective
             << "' (expected ops, bytes or instructions)";
    if (costModel != "none" && costModel != "sparse" && costModel != "csr" &&
        !(targetCosts = ::cse_sparse::targetCosts(costModel)))
      return root->emitError()
             << "cse-sparse-extract: unknown cost-model '" << costModel
             << "' (expected cortex-m4, cortex-m7, cortex-m33, none, sparse "
                "or csr)";
    if (goal != "speed" && goal != "size")
      return root->emitError() << "cse-sparse-extract: unknown goal '" << goal
                               << "' (expected speed or size)";
    costGoal = goal == "speed" ? ::cse_sparse::CostGoal::Speed
                               : ::cse_sparse::CostGoal::Size;
    if (!(minGain >= 0.0 && minGain < 1.0))
      return root->emitError()
             << "cse-sparse-extract: min-gain must be in [0, 1), got "
             << llvm::formatv("{0}", double(minGain)).str();
    extractOptions.seed = seed;
    extractOptions.effort = effort;
    extractOptions.match = *match;
    extractOptions.objective = *objective;
    return success();
  }

  void runOnOperation() override {
    if (failed(parseOptions()))
      return signalPassFailure();
    std::vector<Plan> plans;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (std::optional<Plan> plan = planOp(op))
        plans.push_back(std::move(*plan));
    });
    extractAll(plans);
    reportEntries.clear();
    for (Plan &plan : plans)
      apply(plan);
    if (!report.empty() && failed(writeReport()))
      return signalPassFailure();
  }

  //===--------------------------------------------------------------------===//
  // Phase 1: planning
  //===--------------------------------------------------------------------===//

  /// With `remarks`, says why `op` is left as it was.
  void leave(Operation *op, const Twine &why) {
    if (remarks)
      op->emitRemark() << "cse-sparse-extract: left alone: " << why;
  }

  std::optional<Plan> planOp(linalg::LinalgOp op) {
    if (auto quantized = dyn_cast<linalg::QuantizedMatmulOp>(*op))
      return planQuantized(quantized);
    if (auto batch = dyn_cast<linalg::BatchMatmulOp>(*op))
      return planBatch(batch);
    if (!isa<linalg::MatmulOp, linalg::MatvecOp, linalg::VecmatOp,
             linalg::GenericOp>(*op))
      return std::nullopt;
    bool named = !isa<linalg::GenericOp>(*op);
    // Generics come with any number of operands (bias, cast and ReLU
    // generics have one input); only two inputs and one init can be ours.
    std::optional<Contraction> contraction;
    if (op.getNumDpsInputs() == 2 && op.getNumDpsInits() == 1)
      for (unsigned w : {0u, 1u})
        if (isConstant(op.getDpsInputs()[w]) &&
            (contraction = matchContraction(op, w)))
          break;
    // A generic op that is not a contraction is none of our business.
    if (!contraction && !named)
      return std::nullopt;
    if (!op.hasPureTensorSemantics())
      return leave(op, "not on tensors"), std::nullopt;
    if (!contraction)
      return leave(op, "no constant weight in a supported position"),
             std::nullopt;
    const Contraction &c = *contraction;
    Plan plan = newPlan(op, op.getDpsInputs()[1 - c.weightOperand],
                        op.getDpsInits()[0], c.transposeInput, c.transposeInit);
    plan.vector = c.vector;
    if (!setWeight(plan, op.getDpsInputs()[c.weightOperand], c.transposeWeight,
                   c.body.ext[c.weightOperand], c.body.ext[1 - c.weightOperand],
                   c.body.isFloat))
      return std::nullopt;
    return plan;
  }

  /// Reads the weight into `plan` as outputs x inputs, with the extensions
  /// the contraction applies; false (with a remark) if it cannot be used.
  bool setWeight(Plan &plan, Value weight, bool transposeWeight,
                 Extension weightExt, Extension inputExt, bool isFloat) {
    Operation *op = plan.op;
    plan.weightOp = weight.getDefiningOp();
    Type accType = getElementTypeOrSelf(plan.init.getType());
    plan.accBits = accType.getIntOrFloatBitWidth();
    if (isFloat && !floatWeights)
      return leave(op, "float weights need float-weights=1 (sharing "
                       "reassociates sums and changes rounding)"),
             false;
    std::optional<ConstantWeight> w =
        readWeight(weight, weightExt == Extension::Unsigned);
    if (!w || isFloat != isa<FloatType>(w->elementType))
      return leave(op, "the weight's elements cannot be read"), false;
    plan.weightBits = w->elementType.getIntOrFloatBitWidth();
    plan.unsignedInput = inputExt == Extension::Unsigned;
    uint32_t rows = transposeWeight ? w->cols : w->rows;
    uint32_t cols = transposeWeight ? w->rows : w->cols;
    if (isFloat)
      return setFloatWeight(plan, *w, transposeWeight);
    // The accumulator sees each weight modulo 2^accBits (linalg's cast to the
    // accumulator type), so that residue is what gets extracted.
    std::vector<int64_t> values =
        orient(w->ints, w->rows, w->cols, transposeWeight);
    for (int64_t &v : values)
      v = wrapTo(v, plan.accBits);
    bool zeroExtended =
        weightExt == Extension::Unsigned && plan.weightBits < plan.accBits;
    ::cse_sparse::ElementType type{std::min(plan.weightBits, plan.accBits),
                                   !zeroExtended};
    plan.matrix = SparseMatrix::fromDense(rows, cols, values, type);
    return true;
  }

  bool setFloatWeight(Plan &plan, const ConstantWeight &w,
                      bool transposeWeight) {
    if (llvm::any_of(w.floats, [](double v) { return !std::isfinite(v); }))
      return leave(plan.op, "the weight has non-finite values"), false;
    std::vector<double> values =
        orient(w.floats, w.rows, w.cols, transposeWeight);
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
    uint32_t rows = transposeWeight ? w.cols : w.rows;
    uint32_t cols = transposeWeight ? w.rows : w.cols;
    plan.matrix = SparseMatrix::fromDense(rows, cols, coded, {64, true});
    plan.floats = std::move(coding);
    return true;
  }

  /// C(S x B x M) += X(S x B x K) * W with one 2-D constant weight shared by
  /// the batch S (its indexing map has no batch dimension): the batch folds
  /// into the columns, S*B, around the same product as for linalg.matmul.
  std::optional<Plan> planBatch(linalg::BatchMatmulOp op) {
    if (!op.hasPureTensorSemantics())
      return leave(op, "not on tensors"), std::nullopt;
    MLIRContext *ctx = op.getContext();
    AffineExpr s, m, n, k;
    bindDims(ctx, s, m, n, k);
    auto map = [&](ArrayRef<AffineExpr> exprs) {
      return AffineMap::get(4, 0, exprs, ctx);
    };
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    bool transposed = maps[1] == map({n, k});
    std::optional<MulAddBody> body = matchMulAddBody(op);
    if (maps[0] != map({s, m, k}) || maps[2] != map({s, m, n}) ||
        !(transposed || maps[1] == map({k, n})) || !body ||
        !isConstant(op.getInputs()[1]))
      return leave(op, "no constant weight shared across the batch"),
             std::nullopt;
    Plan plan = newPlan(op, op.getInputs()[0], op.getOutputs()[0],
                        /*transposedInput=*/true, /*transposedInit=*/true);
    plan.collapseBatch = true;
    if (!setWeight(plan, op.getInputs()[1], !transposed, body->ext[1],
                   body->ext[0], body->isFloat))
      return std::nullopt;
    return plan;
  }

  /// C(B x M) += (X - xzp)(B x K) * (Wt - wzp)(K x M) with Wt and both zero
  /// points constant: the weight is (Wt - wzp)^T, and the activation zero
  /// point folds into a per-output bias -xzp * sum_k W[m][k] added to the
  /// accumulator first. Exact in two's complement, like the original.
  std::optional<Plan> planQuantized(linalg::QuantizedMatmulOp op) {
    IntegerAttr inputZp, weightZp;
    if (!op.hasPureTensorSemantics() || op.getInputs().size() != 4 ||
        !isa<IntegerType>(getElementTypeOrSelf(op.getInputs()[1])) ||
        !isConstant(op.getInputs()[1]) ||
        !matchPattern(op.getInputs()[2], m_Constant(&inputZp)) ||
        !matchPattern(op.getInputs()[3], m_Constant(&weightZp)))
      return leave(op, "weight or zero points are not integer constants"),
             std::nullopt;
    Plan plan = newPlan(op, op.getInputs()[0], op.getOutputs()[0],
                        /*transposedInput=*/true, /*transposedInit=*/true);
    if (!setWeight(plan, op.getInputs()[1], /*transposeWeight=*/true,
                   Extension::Signed, Extension::Signed, /*isFloat=*/false))
      return std::nullopt;
    // Subtract the weight's zero point, then the input's becomes a bias.
    const SparseMatrix &w = plan.matrix;
    std::vector<int64_t> dense(uint64_t(w.rows()) * w.cols(), 0);
    for (uint32_t r = 0; r < w.rows(); ++r)
      for (uint64_t p = w.rowBegin(r); p < w.rowEnd(r); ++p)
        dense[uint64_t(r) * w.cols() + w.columnIndices()[p]] = w.nonzeros()[p];
    int64_t wzp = weightZp.getInt();
    for (int64_t &v : dense)
      v = wrapTo(int64_t(uint64_t(v) - uint64_t(wzp)), plan.accBits);
    ::cse_sparse::ElementType type = ::cse_sparse::ElementType::narrowestSigned(
        *llvm::min_element(dense), *llvm::max_element(dense));
    plan.matrix = SparseMatrix::fromDense(w.rows(), w.cols(), dense, type);
    plan.bias.assign(w.rows(), 0);
    const SparseMatrix &shifted = plan.matrix;
    for (uint32_t r = 0; r < shifted.rows(); ++r) {
      uint64_t sum = 0;
      for (uint64_t p = shifted.rowBegin(r); p < shifted.rowEnd(r); ++p)
        sum += uint64_t(shifted.nonzeros()[p]);
      plan.bias[r] = int64_t(uint64_t(0) - uint64_t(inputZp.getInt()) * sum);
    }
    return plan;
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
    auto extractOne = [&](Plan &plan) {
      ::cse_sparse::ExtractOptions planOpts = opts;
      // Codes of float values have no common factors to scale by.
      if (plan.floats)
        planOpts.match = ::cse_sparse::MatchMode::Exact;
      plan.result = ::cse_sparse::extractCse(plan.matrix, planOpts);
      plan.choice = choose(plan);
    };
    if (parallelOps)
      parallelForEach(ctx, plans, extractOne);
    else
      llvm::for_each(plans, extractOne);
  }

  ::cse_sparse::FormChoice choose(const Plan &plan) {
    using ::cse_sparse::KernelForm;
    ::cse_sparse::FormChoice choice;
    if (!targetCosts) {
      // none: rewrite when something is shared; sparse: always; csr:
      // always, without subexpressions (the baseline of the same kernel).
      bool shared = !plan.result.ecsr.nodes.empty();
      choice.form = costModel == "csr"      ? KernelForm::Csr
                    : shared                ? KernelForm::Ecsr
                    : costModel == "sparse" ? KernelForm::Csr
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
                                *targetCosts),
        layouts(csr), layouts(plan.result.ecsr), costGoal, minGain);
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
      return toEcsrAttr(ctx, ecsr);
    const FloatCoding &coding = *plan.floats;
    return toFloatEcsrAttr(ctx, ecsr, coding.type,
                           [&](int64_t coef, bool onNode) {
                             // Node operands carry plain multipliers.
                             return onNode ? double(coef) : coding.decode(coef);
                           });
  }

  void apply(Plan &plan) {
    using ::cse_sparse::KernelForm;
    Operation *op = plan.op;
    const ::cse_sparse::FormChoice &choice = plan.choice;
    if (choice.form == KernelForm::Dense) {
      if (!targetCosts)
        return leave(op, "not profitable: no shared subexpression");
      return leave(op, "not profitable on " + costModel + ": " +
                           describeCosts(choice));
    }
    ::cse_sparse::ExtractionResult kept = plan.result;
    if (choice.form == KernelForm::Csr) {
      kept.ecsr = ExtendedCsr::fromMatrix(plan.matrix);
      kept.objective = kept.objectiveWithout;
    }
    EcsrAttr attr = buildAttr(plan, kept.ecsr);
    describe(plan, kept);

    OpBuilder b(op);
    Location loc = op->getLoc();
    SmallVector<ReassociationIndices> column = {{0, 1}};
    SmallVector<ReassociationIndices> batchRows = {{0, 1}, {2}};
    auto asColumn = [&](Value v) -> Value {
      auto type = cast<RankedTensorType>(v.getType());
      auto columnType =
          RankedTensorType::get({type.getDimSize(0), 1}, type.getElementType());
      return tensor::ExpandShapeOp::create(b, loc, columnType, v, column);
    };
    Value in = plan.input, acc = plan.init;
    if (plan.collapseBatch) {
      in = tensor::CollapseShapeOp::create(b, loc, in, batchRows);
      acc = tensor::CollapseShapeOp::create(b, loc, acc, batchRows);
    }
    if (plan.vector) {
      in = asColumn(in);
      acc = asColumn(acc);
    }
    if (!plan.bias.empty())
      acc = addBias(b, loc, acc, plan.bias, plan.transposeInit);
    // Transposed operands stay as they are: the op indexes them that way.
    auto matmul =
        MatmulOp::create(b, loc, TypeRange{acc.getType()}, attr, in, acc);
    matmul.setUnsignedInput(plan.unsignedInput);
    matmul.setCompactTables(choice.compact);
    matmul.setTransposeInput(plan.transposeInput);
    matmul.setTransposeInit(plan.transposeInit);
    Value y = matmul.getResult()[0];
    if (plan.vector)
      y = tensor::CollapseShapeOp::create(b, loc, y, column);
    if (plan.collapseBatch)
      y = tensor::ExpandShapeOp::create(
          b, loc, plan.init.getType(), y, batchRows,
          tensor::getMixedSizes(b, loc, plan.init));
    op->replaceAllUsesWith(ValueRange{y});
    op->erase();
    // The dense weight would otherwise stay in flash after lowering.
    if (plan.weightOp->use_empty())
      plan.weightOp->erase();
  }

  /// The rewritten op's figures as a remark and a report entry.
  void describe(const Plan &plan, const ::cse_sparse::ExtractionResult &kept) {
    if (!remarks && report.empty())
      return;
    Operation *op = plan.op;
    ::cse_sparse::ExtractionReport r =
        ::cse_sparse::makeReport(plan.matrix, kept);
    StringRef form = ::cse_sparse::toString(plan.choice.form);
    if (!report.empty()) {
      std::string where;
      llvm::raw_string_ostream(where) << op->getLoc();
      llvm::json::Object entry{
          {"op", op->getName().getStringRef()},
          {"location", where},
          {"form", form},
          {"compact_tables", plan.choice.compact},
          {"rows", int64_t(r.rows)},
          {"cols", int64_t(r.cols)},
          {"nnz", int64_t(r.nnz)},
          {"cses", int64_t(r.cses)},
          {"additions_before", int64_t(r.before.additions)},
          {"additions_after", int64_t(r.after.additions)},
          {"multiplications_before", int64_t(r.before.multiplications)},
          {"multiplications_after", int64_t(r.after.multiplications)},
          {"ecsr_bytes", int64_t(r.ecsrBytes)},
          {"csr_bytes", int64_t(r.csrBytes)},
          {"extraction_seconds", plan.result.seconds}};
      // ECSR v1 stores integers only.
      if (plan.floats) {
        entry["ecsr_bytes"] = nullptr;
        entry["csr_bytes"] = nullptr;
      }
      if (targetCosts) {
        auto costs = [](const ::cse_sparse::KernelCost &k) {
          return llvm::json::Object{
              {"instructions", int64_t(std::lround(k.instructions))},
              {"table_bytes", int64_t(k.tableBytes)},
              {"scratch_bytes", int64_t(k.scratchBytes)}};
        };
        entry["predicted"] =
            llvm::json::Object{{"cost_model", costModel},
                               {"dense", costs(plan.choice.dense)},
                               {"csr", costs(plan.choice.csr)},
                               {"ecsr", costs(plan.choice.ecsr)}};
      }
      reportEntries.push_back(std::move(entry));
    }
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
  }

  LogicalResult writeReport() {
    std::error_code ec;
    llvm::raw_fd_ostream os(report, ec);
    if (ec)
      return getOperation()->emitError()
             << "cse-sparse-extract: cannot write report '" << report
             << "': " << ec.message();
    os << llvm::formatv("{0:2}",
                        llvm::json::Value(llvm::json::Array(reportEntries)))
       << "\n";
    return success();
  }
};

} // namespace
