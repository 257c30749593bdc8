//===- ExtractCSE.cpp - constant-weight linalg.matmul to cse_sparse -------===//

#include "cse-sparse/Algorithm/Extraction.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h"
#include "cse-sparse/Dialect/CseSparse/Utils/EcsrConversion.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Matchers.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"

namespace mlir::cse_sparse {
#define GEN_PASS_DEF_CSESPARSEEXTRACTPASS
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h.inc"
} // namespace mlir::cse_sparse

using namespace mlir;
using namespace mlir::cse_sparse;

namespace {

/// Where the constant weight sits in a linalg.matmul, and how it is laid out.
enum class WeightForm {
  /// C(M x B) += W(M x K) * X(K x B)
  Left,
  /// C(B x M) += X(B x K) * W(M x K)^T (B operand indexed (n, k))
  RightTransposed,
  /// C(B x M) += X(B x K) * Wt(K x M)
  Right,
};

/// A 2-D integer constant's values, row-major, from `dense` or `dense_resource`
/// elements.
struct ConstantWeight {
  std::vector<int64_t> values;
  int64_t rows = 0, cols = 0;
  unsigned bits = 0;
};

template <typename T>
bool readResource(DenseResourceElementsAttr attr, ConstantWeight &w) {
  using Typed = mlir::detail::DenseResourceElementsAttrBase<T>;
  auto typed = llvm::dyn_cast<Typed>(attr);
  if (!typed)
    return false;
  std::optional<ArrayRef<T>> data = typed.tryGetAsArrayRef();
  if (!data)
    return false; // blob elided or not loaded
  w.values.assign(data->begin(), data->end());
  return true;
}

std::optional<ConstantWeight> matchWeight(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!type || type.getRank() != 2 || !type.hasStaticShape() ||
      !isa<IntegerType>(type.getElementType()))
    return std::nullopt;
  ConstantWeight w;
  w.rows = type.getDimSize(0);
  w.cols = type.getDimSize(1);
  w.bits = type.getElementType().getIntOrFloatBitWidth();
  DenseIntElementsAttr dense;
  DenseResourceElementsAttr resource;
  if (matchPattern(v, m_Constant(&dense))) {
    for (const APInt &x : dense.getValues<APInt>())
      w.values.push_back(x.getSExtValue());
    return w;
  }
  if (matchPattern(v, m_Constant(&resource)) &&
      (readResource<int8_t>(resource, w) ||
       readResource<int16_t>(resource, w) ||
       readResource<int32_t>(resource, w) ||
       readResource<int64_t>(resource, w)) &&
      int64_t(w.values.size()) == w.rows * w.cols)
    return w;
  return std::nullopt;
}

/// The form of `op` if one of its operands is an integer constant it can use.
std::optional<WeightForm> classify(linalg::MatmulOp op,
                                   std::optional<ConstantWeight> &weight) {
  MLIRContext *ctx = op.getContext();
  AffineExpr m, n, k;
  bindDims(ctx, m, n, k);
  auto map = [&](ArrayRef<AffineExpr> exprs) {
    return AffineMap::get(3, 0, exprs, ctx);
  };
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (maps.size() != 3 || maps[2] != map({m, n}))
    return std::nullopt;
  bool defaultA = maps[0] == map({m, k});
  bool defaultB = maps[1] == map({k, n}), transposedB = maps[1] == map({n, k});
  if (!defaultA)
    return std::nullopt;
  if (defaultB && (weight = matchWeight(op.getInputs()[0])))
    return WeightForm::Left;
  if ((weight = matchWeight(op.getInputs()[1]))) {
    if (transposedB)
      return WeightForm::RightTransposed;
    if (defaultB)
      return WeightForm::Right;
  }
  return std::nullopt;
}

/// The weight as outputs x inputs (transposed first if stored inputs x
/// outputs), minus a zero point.
::cse_sparse::SparseMatrix toMatrix(const ConstantWeight &w, bool transpose,
                                    int64_t zeroPoint = 0) {
  std::vector<int64_t> dense(w.rows * w.cols);
  for (int64_t i = 0; i < w.rows * w.cols; ++i) {
    int64_t r = i / w.cols, c = i % w.cols;
    dense[transpose ? c * w.rows + r : i] = w.values[i] - zeroPoint;
  }
  ::cse_sparse::ElementType type{w.bits, true};
  return transpose ? ::cse_sparse::SparseMatrix::fromDense(w.cols, w.rows,
                                                           dense, type)
                   : ::cse_sparse::SparseMatrix::fromDense(w.rows, w.cols,
                                                           dense, type);
}

Value transpose(OpBuilder &b, Location loc, Value value) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<OpFoldResult> sizes = {tensor::getMixedSize(b, loc, value, 1),
                                     tensor::getMixedSize(b, loc, value, 0)};
  Value init = tensor::EmptyOp::create(b, loc, sizes, type.getElementType());
  return linalg::TransposeOp::create(b, loc, value, init,
                                     ArrayRef<int64_t>{1, 0})
      .getResult()[0];
}

struct CseSparseExtractPass
    : mlir::cse_sparse::impl::CseSparseExtractPassBase<CseSparseExtractPass> {
  using Base::Base;

  void runOnOperation() override {
    auto match = ::cse_sparse::parseMatchMode(this->match);
    auto objective = ::cse_sparse::parseObjective(this->objective);
    if (!match || !objective) {
      getOperation()->emitError()
          << "cse-sparse-extract: unknown "
          << (!match ? "match '" + this->match + "' (expected exact or scaled)"
                     : "objective '" + this->objective +
                           "' (expected ops or bytes)");
      return signalPassFailure();
    }
    ::cse_sparse::ExtractOptions opts;
    opts.seed = seed;
    opts.effort = effort;
    opts.match = *match;
    opts.objective = *objective;
    // Ops are rewritten one after the other: the result must not depend on
    // threads, and each extraction already uses every core.
    opts.threads = 0;

    SmallVector<Operation *> candidates;
    getOperation()->walk([&](Operation *op) {
      if (isa<linalg::MatmulOp, linalg::MatvecOp, linalg::VecmatOp,
              linalg::QuantizedMatmulOp, linalg::BatchMatmulOp>(op))
        candidates.push_back(op);
    });
    reportEntries.clear();
    for (Operation *op : candidates) {
      if (auto matmul = dyn_cast<linalg::MatmulOp>(op))
        rewriteMatmul(matmul, opts);
      else if (isa<linalg::MatvecOp>(op))
        rewriteVectorProduct(cast<linalg::LinalgOp>(op), 0, opts);
      else if (auto quantized = dyn_cast<linalg::QuantizedMatmulOp>(op))
        rewriteQuantized(quantized, opts);
      else if (auto batch = dyn_cast<linalg::BatchMatmulOp>(op))
        rewriteBatch(batch, opts);
      else
        rewriteVectorProduct(cast<linalg::LinalgOp>(op), 1, opts);
    }
    if (!report.empty() && failed(writeReport()))
      return signalPassFailure();
  }

  /// One JSON object per rewritten op (schema in docs/dialect-design.md).
  std::vector<llvm::json::Value> reportEntries;

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

  /// How the product's operands relate to cse_sparse.matmul's N x B input and
  /// M x B init.
  enum class Layout { Direct, Transposed, Vector };

  /// Extracts `weight` (transposed first if `transposeWeight`) and replaces
  /// `op` by cse_sparse.matmul on `input` and `init` laid out per `layout`.
  /// Leaves `op` alone unless the types are integer tensors and something is
  /// shared.
  /// With `remarks`, says why `op` is left as it was.
  void leave(Operation *op, const Twine &why) {
    if (remarks)
      op->emitRemark() << "cse-sparse-extract: left alone: " << why;
  }

  /// Returns whether `op` was replaced.
  bool rewriteContraction(
      Operation *op, const ::cse_sparse::SparseMatrix &weight, Value input,
      Value init, Layout layout, const ::cse_sparse::ExtractOptions &opts,
      ArrayRef<int64_t> bias = {},
      function_ref<Value(OpBuilder &, Value)> reshapeResult = nullptr) {
    auto inType = dyn_cast<RankedTensorType>(input.getType());
    auto outType = dyn_cast<RankedTensorType>(init.getType());
    if (!inType || !outType || !isa<IntegerType>(inType.getElementType()) ||
        !isa<IntegerType>(outType.getElementType()))
      return leave(op, "input and accumulator must be integer tensors"), false;
    ::cse_sparse::ExtractionResult result =
        ::cse_sparse::extractCse(weight, opts);
    // Nothing shared: the op is best left to upstream lowering.
    if (result.ecsr.nodes.empty())
      return leave(op, "not profitable: no shared subexpression"), false;
    EcsrAttr attr = toEcsrAttr(op->getContext(), result.ecsr);
    ::cse_sparse::ExtractionReport r;
    if (remarks || !report.empty())
      r = ::cse_sparse::makeReport(weight, result);
    if (!report.empty()) {
      std::string where;
      llvm::raw_string_ostream(where) << op->getLoc();
      reportEntries.push_back(llvm::json::Object{
          {"op", op->getName().getStringRef()},
          {"location", where},
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
          {"extraction_seconds", r.seconds}});
    }
    if (remarks) {
      std::string seconds;
      llvm::raw_string_ostream(seconds) << llvm::format("%.3f", r.seconds);
      op->emitRemark() << "cse-sparse-extract: " << r.rows << "x" << r.cols
                       << ", nnz " << r.nnz << ", CSEs " << r.cses
                       << ", additions " << r.before.additions << " -> "
                       << r.after.additions << ", ECSR " << r.ecsrBytes
                       << " vs CSR " << r.csrBytes << " bytes, " << seconds
                       << " s";
    }

    OpBuilder b(op);
    Location loc = op->getLoc();
    SmallVector<ReassociationIndices> column = {{0, 1}};
    auto asColumn = [&](Value v) -> Value {
      auto type = cast<RankedTensorType>(v.getType());
      auto columnType =
          RankedTensorType::get({type.getDimSize(0), 1}, type.getElementType());
      return tensor::ExpandShapeOp::create(b, loc, columnType, v, column);
    };
    Value in = input, acc = init;
    if (layout == Layout::Transposed) {
      in = transpose(b, loc, input);
      acc = transpose(b, loc, init);
    } else if (layout == Layout::Vector) {
      in = asColumn(input);
      acc = asColumn(init);
    }
    if (!bias.empty())
      acc = addBias(b, loc, acc, bias);
    auto matmul =
        MatmulOp::create(b, loc, TypeRange{acc.getType()}, attr, in, acc);
    Value y = matmul.getResult()[0];
    if (layout == Layout::Transposed)
      y = transpose(b, loc, y);
    else if (layout == Layout::Vector)
      y = tensor::CollapseShapeOp::create(b, loc, y, column);
    if (reshapeResult)
      y = reshapeResult(b, y);
    op->replaceAllUsesWith(ValueRange{y});
    op->erase();
    return true;
  }

  void rewriteMatmul(linalg::MatmulOp op,
                     const ::cse_sparse::ExtractOptions &opts) {
    if (!op.hasPureTensorSemantics())
      return leave(op, "not on tensors");
    if (op.getCast() != linalg::TypeFn::cast_signed)
      return leave(op, "unsigned cast not supported");
    std::optional<ConstantWeight> weight;
    std::optional<WeightForm> form = classify(op, weight);
    if (!form) {
      DenseFPElementsAttr floats;
      if (llvm::any_of(op.getInputs(), [&](Value v) {
            return matchPattern(v, m_Constant(&floats));
          }))
        return leave(op, "float weights are not rewritten (sharing "
                         "reassociates sums and changes rounding)");
      return leave(op, "no integer constant weight in a supported position");
    }
    bool left = *form == WeightForm::Left;
    rewriteContraction(op, toMatrix(*weight, *form == WeightForm::Right),
                       op.getInputs()[left ? 1 : 0], op.getOutputs()[0],
                       left ? Layout::Direct : Layout::Transposed, opts);
  }

  /// matvec y(M) += A(M x K) * x(K) (matrix operand 0) and vecmat
  /// y(N) += x(K) * A(K x N) (matrix operand 1, the weight is A^T), with A
  /// constant.
  void rewriteVectorProduct(linalg::LinalgOp op, unsigned matrixOperand,
                            const ::cse_sparse::ExtractOptions &opts) {
    std::optional<ConstantWeight> weight;
    if (!op.hasPureTensorSemantics() ||
        !(weight = matchWeight(op.getDpsInputs()[matrixOperand])))
      return leave(op, "the matrix is not an integer constant on tensors");
    rewriteContraction(op, toMatrix(*weight, /*transpose=*/matrixOperand == 1),
                       op.getDpsInputs()[1 - matrixOperand],
                       op.getDpsInits()[0], Layout::Vector, opts);
  }

  /// C(S x B x M) += X(S x B x K) * W with one 2-D constant weight shared by
  /// the batch S (indexing maps drop its batch dimension): the batch folds
  /// into the columns, S*B, around the same product as for linalg.matmul.
  void rewriteBatch(linalg::BatchMatmulOp op,
                    const ::cse_sparse::ExtractOptions &opts) {
    if (!op.hasPureTensorSemantics())
      return leave(op, "not on tensors");
    MLIRContext *ctx = op.getContext();
    AffineExpr s, m, n, k;
    bindDims(ctx, s, m, n, k);
    auto map = [&](ArrayRef<AffineExpr> exprs) {
      return AffineMap::get(4, 0, exprs, ctx);
    };
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    bool transposed = maps[1] == map({n, k});
    if (maps[0] != map({s, m, k}) || maps[2] != map({s, m, n}) ||
        !(transposed || maps[1] == map({k, n})))
      return leave(op, "no constant weight shared across the batch");
    std::optional<ConstantWeight> weight = matchWeight(op.getInputs()[1]);
    if (!weight)
      return leave(op, "no constant weight shared across the batch");
    auto initType = cast<RankedTensorType>(op.getOutputs()[0].getType());
    if (!initType.hasStaticShape() ||
        !cast<ShapedType>(op.getInputs()[0].getType()).hasStaticShape())
      return leave(op, "dynamic batch shapes are not supported yet");
    OpBuilder b(op);
    Location loc = op.getLoc();
    SmallVector<ReassociationIndices> rows = {{0, 1}, {2}};
    Value input =
        tensor::CollapseShapeOp::create(b, loc, op.getInputs()[0], rows);
    Value init =
        tensor::CollapseShapeOp::create(b, loc, op.getOutputs()[0], rows);
    bool rewritten = rewriteContraction(
        op, toMatrix(*weight, !transposed), input, init, Layout::Transposed,
        opts, {}, [&](OpBuilder &builder, Value y) -> Value {
          return tensor::ExpandShapeOp::create(builder, loc, initType, y, rows);
        });
    // Left alone: drop the reshapes made for the rewrite.
    if (!rewritten) {
      init.getDefiningOp()->erase();
      input.getDefiningOp()->erase();
    }
  }

  /// C(B x M) += (X - xzp)(B x K) * (Wt - wzp)(K x M) with Wt and both zero
  /// points constant: the weight is (Wt - wzp)^T, and the activation zero
  /// point folds into a per-output bias -xzp * sum_k W[m][k] added to the
  /// accumulator first. Exact in two's complement, like the original.
  void rewriteQuantized(linalg::QuantizedMatmulOp op,
                        const ::cse_sparse::ExtractOptions &opts) {
    std::optional<ConstantWeight> weight;
    IntegerAttr inputZp, weightZp;
    if (!op.hasPureTensorSemantics() || op.getInputs().size() != 4 ||
        !(weight = matchWeight(op.getInputs()[1])) ||
        !matchPattern(op.getInputs()[2], m_Constant(&inputZp)) ||
        !matchPattern(op.getInputs()[3], m_Constant(&weightZp)))
      return leave(op, "weight or zero points are not integer constants");
    ::cse_sparse::SparseMatrix matrix =
        toMatrix(*weight, /*transpose=*/true, weightZp.getInt());
    std::vector<int64_t> bias(matrix.rows(), 0);
    for (uint32_t r = 0; r < matrix.rows(); ++r) {
      uint64_t sum = 0;
      for (uint64_t p = matrix.rowBegin(r); p < matrix.rowEnd(r); ++p)
        sum += uint64_t(matrix.nonzeros()[p]);
      bias[r] = int64_t(uint64_t(0) - uint64_t(inputZp.getInt()) * sum);
    }
    rewriteContraction(op, matrix, op.getInputs()[0], op.getOutputs()[0],
                       Layout::Transposed, opts, bias);
  }

  /// acc(M x B) + broadcast(bias(M)), in acc's element type.
  static Value addBias(OpBuilder &b, Location loc, Value acc,
                       ArrayRef<int64_t> bias) {
    auto type = cast<RankedTensorType>(acc.getType());
    auto elementType = cast<IntegerType>(type.getElementType());
    SmallVector<APInt> values;
    for (int64_t v : bias)
      values.push_back(APInt(elementType.getWidth(), uint64_t(v),
                             /*isSigned=*/true, /*implicitTrunc=*/true));
    auto biasType = RankedTensorType::get({int64_t(bias.size())}, elementType);
    Value biasConst = arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(biasType, values));
    SmallVector<OpFoldResult> sizes = {tensor::getMixedSize(b, loc, acc, 0),
                                       tensor::getMixedSize(b, loc, acc, 1)};
    Value empty = tensor::EmptyOp::create(b, loc, sizes, elementType);
    Value broadcast = linalg::BroadcastOp::create(b, loc, biasConst, empty,
                                                  ArrayRef<int64_t>{1})
                          .getResult()[0];
    Value out = tensor::EmptyOp::create(b, loc, sizes, elementType);
    return linalg::AddOp::create(b, loc, TypeRange{type},
                                 ValueRange{acc, broadcast}, ValueRange{out})
        .getResult(0);
  }
};

} // namespace
