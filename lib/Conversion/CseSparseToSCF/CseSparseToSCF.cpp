//===- CseSparseToSCF.cpp - cse_sparse.matmul to loops over tables --------===//

#include "cse-sparse/Conversion/CseSparseToSCF.h"
#include "cse-sparse/Algorithm/GroupedKernel.h"
#include "cse-sparse/Algorithm/KernelSchedule.h"
#include "cse-sparse/Conversion/Passes.h"
#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"
#include "cse-sparse/Dialect/CseSparse/Utils/EcsrConversion.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/TypeSwitch.h"

namespace mlir::cse_sparse {
#define GEN_PASS_DEF_CONVERTCSESPARSETOSCFPASS
#include "cse-sparse/Conversion/Passes.h.inc"
} // namespace mlir::cse_sparse

using namespace mlir;
using namespace mlir::cse_sparse;
using ::cse_sparse::ExtendedCsr;
using ::cse_sparse::GroupedKernel;
using ::cse_sparse::KernelSchedule;

namespace {

template <typename T> SmallVector<uint64_t> widen(ArrayRef<T> v) {
  return SmallVector<uint64_t>(v.begin(), v.end());
}

/// Creates the private constant globals of one op, through the pattern's
/// rewriter, and reads them back at the op; names are unique in the module.
class TableBuilder {
public:
  TableBuilder(ModuleOp module, unsigned alignment, RewriterBase &rewriter,
               ImplicitLocOpBuilder &at)
      : module(module), alignment(alignment), rewriter(rewriter), at(at) {}

  /// An index table in the narrowest of i8, i16, i32 (read unsigned), of
  /// `shape` (default: one dimension).
  Value indices(StringRef name, ArrayRef<uint64_t> values,
                ArrayRef<int64_t> shape = {}) {
    unsigned bits = ::cse_sparse::unsignedIndexBits(
        std::vector<uint64_t>(values.begin(), values.end()));
    SmallVector<int64_t> dims(shape);
    if (dims.empty())
      dims.push_back(values.size());
    auto type = RankedTensorType::get(dims, at.getIntegerType(bits));
    SmallVector<APInt> ints;
    for (uint64_t v : values)
      ints.push_back(APInt(bits, v));
    return table(name, DenseElementsAttr::get(type, ints));
  }

  /// A table of signed `bits`-bit integers with the given shape.
  Value ints(StringRef name, unsigned bits, ArrayRef<int64_t> shape,
             ArrayRef<int64_t> values) {
    auto type = RankedTensorType::get(shape, at.getIntegerType(bits));
    SmallVector<APInt> ints;
    for (int64_t v : values)
      ints.push_back(APInt(bits, uint64_t(v), /*isSigned=*/true));
    return table(name, DenseElementsAttr::get(type, ints));
  }

  /// A coefficient table with the attribute's element type.
  Value coefficients(StringRef name, Type elementType,
                     ArrayRef<Attribute> values) {
    auto type = RankedTensorType::get({int64_t(values.size())}, elementType);
    return table(name, DenseElementsAttr::get(type, values));
  }

  /// A table holding `values` as they are.
  Value constant(StringRef name, DenseElementsAttr values) {
    return table(name, values);
  }

  uint64_t bytes() const { return totalBytes; }

private:
  Value table(StringRef name, DenseElementsAttr values) {
    auto tensorType = cast<RankedTensorType>(values.getType());
    auto type =
        MemRefType::get(tensorType.getShape(), tensorType.getElementType());
    std::string symbol;
    do
      symbol = ("__cse_sparse_" + Twine(counter++) + "_" + name).str();
    while (SymbolTable::lookupSymbolIn(module, symbol));
    memref::GlobalOp global;
    {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(module.getBody());
      global = memref::GlobalOp::create(
          rewriter, at.getLoc(), symbol, rewriter.getStringAttr("private"),
          type, values, /*constant=*/true,
          alignment ? rewriter.getI64IntegerAttr(alignment) : IntegerAttr());
    }
    totalBytes += values.getNumElements() *
                  ((tensorType.getElementTypeBitWidth() + 7) / 8);
    return memref::GetGlobalOp::create(at, type, global.getSymName());
  }

  ModuleOp module;
  unsigned alignment;
  RewriterBase &rewriter;
  ImplicitLocOpBuilder &at;
  unsigned counter = 0;
  uint64_t totalBytes = 0;
};

/// `v` converted to `type`: integers extended (zero-extended if `isUnsigned`),
/// floats extended; unchanged if already of that width.
Value extend(ImplicitLocOpBuilder &b, Value v, Type type,
             bool isUnsigned = false) {
  if (v.getType() == type)
    return v;
  if (isa<FloatType>(type))
    return arith::ExtFOp::create(b, type, v);
  if (isUnsigned)
    return arith::ExtUIOp::create(b, type, v);
  return arith::ExtSIOp::create(b, type, v);
}

/// A table value read as an unsigned index.
Value asIndex(ImplicitLocOpBuilder &b, Value v) {
  return arith::IndexCastUIOp::create(b, b.getIndexType(), v);
}

Value loadIndex(ImplicitLocOpBuilder &b, Value table, Value i) {
  return asIndex(b, memref::LoadOp::create(b, table, ValueRange{i}));
}

/// Field `f` of record `i` of a table of records (one row each).
Value loadField(ImplicitLocOpBuilder &b, Value table, Value i, int64_t f) {
  return memref::LoadOp::create(
      b, table, ValueRange{i, arith::ConstantIndexOp::create(b, f)});
}

/// A stored coefficient in the accumulator type: sign-extended, or wrapped
/// when the accumulator is narrower (it sees coefficients modulo 2^bits).
Value toAccumulator(ImplicitLocOpBuilder &b, Value v, Type accType) {
  unsigned bits = v.getType().getIntOrFloatBitWidth();
  unsigned accBits = accType.getIntOrFloatBitWidth();
  if (bits < accBits)
    return arith::ExtSIOp::create(b, accType, v);
  if (bits > accBits)
    return arith::TruncIOp::create(b, accType, v);
  return v;
}

/// a + c * v, integer or float.
Value multiplyAdd(ImplicitLocOpBuilder &b, Value a, Value c, Value v) {
  if (isa<FloatType>(a.getType()))
    return arith::AddFOp::create(b, a, arith::MulFOp::create(b, c, v));
  return arith::AddIOp::create(b, a, arith::MulIOp::create(b, c, v));
}

/// The weight's coefficients in schedule order: per node (lhs, rhs), then the
/// row entries' values.
void scheduledCoefficients(const KernelSchedule &s, EcsrAttr weight,
                           SmallVectorImpl<Attribute> &nodeCoefs,
                           SmallVectorImpl<Attribute> &values) {
  SmallVector<Attribute> tree(
      weight.getTree().getDenseCoefficients().getValues<Attribute>());
  for (uint32_t node : s.nodeOrder) {
    nodeCoefs.push_back(tree[2 * node]);
    nodeCoefs.push_back(tree[2 * node + 1]);
  }
  DenseElementsAttr dense = weight.getDenseValues();
  values.append(dense.getValues<Attribute>().begin(),
                dense.getValues<Attribute>().end());
}

bool isUpfront(const KernelSchedule &s) {
  return !s.nodeOrder.empty() && s.nodeEnd.front() == s.nodeOrder.size();
}

/// The table layout for `weight` (KernelTableLayout).
::cse_sparse::KernelTableLayout planTables(const KernelSchedule &s,
                                           EcsrAttr weight, bool compact) {
  Type coefType = weight.getType().getElementType();
  bool integer = isa<IntegerType>(coefType);
  auto range = [&](DenseElementsAttr a) {
    std::pair<int64_t, int64_t> r{0, 0};
    if (integer)
      for (const APInt &v : a.getValues<APInt>()) {
        r.first = std::min(r.first, v.getSExtValue());
        r.second = std::max(r.second, v.getSExtValue());
      }
    return r;
  };
  return ::cse_sparse::kernelTableLayout(
      s, integer, range(weight.getTree().getDenseCoefficients()),
      range(weight.getDenseValues()), coefType.getIntOrFloatBitWidth(),
      compact);
}

/// The tables as the kernel reads them.
struct KernelTables {
  Value nodeEnd, rowEnd;
  /// Records (K x 5 and nnz x 2), when the layout packs them.
  Value nodes, entries;
  /// Otherwise one array per field.
  Value nodeFields[5], entryFields[2];

  /// Field `f` of node `j`: (lhs, rhs, dst) as indices, then the two
  /// coefficients in the accumulator type.
  Value node(ImplicitLocOpBuilder &b, Value j, unsigned f, Type accType) const {
    return nodes ? record(b, nodes, j, f, f < 3, accType)
                 : field(b, nodeFields[f], j, f < 3, accType);
  }
  /// Field `f` of row entry `p`: the operand index, then the coefficient.
  Value entry(ImplicitLocOpBuilder &b, Value p, unsigned f,
              Type accType) const {
    return entries ? record(b, entries, p, f, f == 0, accType)
                   : field(b, entryFields[f], p, f == 0, accType);
  }

private:
  static Value field(ImplicitLocOpBuilder &b, Value table, Value i,
                     bool isIndex, Type accType) {
    if (isIndex)
      return loadIndex(b, table, i);
    return extend(b, memref::LoadOp::create(b, table, ValueRange{i}), accType);
  }

  static Value record(ImplicitLocOpBuilder &b, Value table, Value i, unsigned f,
                      bool isIndex, Type accType) {
    Value v = loadField(b, table, i, f);
    // Record fields are signed; indices are never negative.
    if (isIndex)
      return arith::IndexCastOp::create(b, b.getIndexType(), v);
    return toAccumulator(b, v, accType);
  }
};

KernelTables buildTables(TableBuilder &tables, const KernelSchedule &s,
                         EcsrAttr weight,
                         const ::cse_sparse::KernelTableLayout &layout) {
  KernelTables t;
  uint64_t k = s.nodeOrder.size(), nnz = s.operands.size();
  auto index = [&](StringRef name, const auto &v) {
    return tables.indices(name, widen(ArrayRef(v)));
  };
  auto asInt = [](Attribute a) {
    return cast<IntegerAttr>(a).getValue().getSExtValue();
  };
  t.rowEnd = index("row_end", s.rowEnd);
  if (k && !isUpfront(s))
    t.nodeEnd = index("node_end", s.nodeEnd);
  SmallVector<Attribute> nodeCoefs, values;
  scheduledCoefficients(s, weight, nodeCoefs, values);
  Type coefType = weight.getType().getElementType();
  if (k && layout.nodeBits) {
    SmallVector<int64_t> records;
    for (uint64_t j = 0; j < k; ++j)
      records.append({int64_t(s.nodeLhs[j]), int64_t(s.nodeRhs[j]),
                      int64_t(s.nodeDst[j]), asInt(nodeCoefs[2 * j]),
                      asInt(nodeCoefs[2 * j + 1])});
    t.nodes = tables.ints("nodes", layout.nodeBits, {int64_t(k), 5}, records);
  } else if (k) {
    SmallVector<Attribute> lhsCoefs, rhsCoefs;
    for (uint64_t j = 0; j < k; ++j) {
      lhsCoefs.push_back(nodeCoefs[2 * j]);
      rhsCoefs.push_back(nodeCoefs[2 * j + 1]);
    }
    t.nodeFields[0] = index("node_lhs", s.nodeLhs);
    t.nodeFields[1] = index("node_rhs", s.nodeRhs);
    t.nodeFields[2] = index("node_dst", s.nodeDst);
    t.nodeFields[3] = tables.coefficients("node_lhs_coef", coefType, lhsCoefs);
    t.nodeFields[4] = tables.coefficients("node_rhs_coef", coefType, rhsCoefs);
  }
  if (layout.entryBits) {
    SmallVector<int64_t> records;
    for (uint64_t p = 0; p < nnz; ++p)
      records.append({int64_t(s.operands[p]), asInt(values[p])});
    t.entries =
        tables.ints("entries", layout.entryBits, {int64_t(nnz), 2}, records);
  } else {
    t.entryFields[0] = index("operands", s.operands);
    t.entryFields[1] = tables.coefficients("values", coefType, values);
  }
  return t;
}

/// Where a kernel's input columns come from and its outputs go, which is all
/// that differs between cse_sparse.matmul and cse_sparse.conv_2d: the loops
/// over the columns (the batch; the output pixels), how one column fills the
/// scratch's first N slots (a copy; the patch gather), and init's indices of
/// one output.
struct KernelOperands {
  using Body = function_ref<void(ImplicitLocOpBuilder &, ValueRange)>;
  std::function<void(ImplicitLocOpBuilder &, Body)> forEachColumn;
  std::function<void(ImplicitLocOpBuilder &, ValueRange, Value)> gather;
  std::function<SmallVector<Value>(Value, ValueRange)> initAt;
};

/// for (i = lb; i < ub; ++i) body(i), without loop-carried values.
scf::ForOp emitLoop(ImplicitLocOpBuilder &b, Value lb, Value ub,
                    function_ref<void(ImplicitLocOpBuilder &, Value)> body) {
  Value c1 = arith::ConstantIndexOp::create(b, 1);
  return scf::ForOp::create(
      b, lb, ub, c1, ValueRange{},
      [&](OpBuilder &nested, Location loc, Value i, ValueRange) {
        ImplicitLocOpBuilder ib(loc, nested);
        body(ib, i);
        scf::YieldOp::create(ib);
      });
}

scf::ForOp emitLoop(ImplicitLocOpBuilder &b, int64_t ub,
                    function_ref<void(ImplicitLocOpBuilder &, Value)> body) {
  return emitLoop(b, arith::ConstantIndexOp::create(b, 0),
                  arith::ConstantIndexOp::create(b, ub), body);
}

/// The stored width of grouped coefficient tables: the attribute's type in
/// whole bytes of 8, 16, 32 or 64 bits (an i4 accumulator's coefficients
/// take a byte).
unsigned storedCoefficientBits(Type coefType) {
  unsigned bits = coefType.getIntOrFloatBitWidth();
  return bits <= 8 ? 8 : bits <= 16 ? 16 : bits <= 32 ? 32 : 64;
}

/// The grouped tables (GroupedKernel.h) as the kernel reads them; null where
/// the array would be empty.
struct GroupedTables {
  Value inputPairs, mixedInputs, mixedNodes, nodePairs;
  Value mixedCoefs, nodePairCoefs;
  /// Unit: references; Scaled: (reference, coefficient) records.
  std::array<Value, ::cse_sparse::kNumRowSegments> rowEnd, refs;
};

GroupedTables buildGroupedTables(TableBuilder &tables, const GroupedKernel &g,
                                 unsigned coefBits) {
  auto shape = [](size_t size, int64_t fields) {
    SmallVector<int64_t> dims{int64_t(size) / fields};
    if (fields > 1)
      dims.push_back(fields);
    return dims;
  };
  auto index = [&](StringRef name, const auto &v, int64_t fields = 1) -> Value {
    if (v.empty())
      return {};
    return tables.indices(name, widen(ArrayRef(v)), shape(v.size(), fields));
  };
  auto coefs = [&](StringRef name, ArrayRef<int64_t> v,
                   int64_t fields = 1) -> Value {
    if (v.empty())
      return {};
    return tables.ints(name, coefBits, shape(v.size(), fields), v);
  };
  GroupedTables t;
  t.inputPairs = index("input_pairs", g.inputPairs, 2);
  t.mixedInputs = index("mixed_inputs", g.mixedInputs);
  t.mixedNodes = index("mixed_nodes", g.mixedNodes);
  t.nodePairs = index("node_pairs", g.nodePairs, 2);
  t.mixedCoefs = coefs("mixed_coefs", g.mixedCoefs);
  t.nodePairCoefs = coefs("node_pair_coefs", g.nodePairCoefs, 2);
  using ::cse_sparse::Scaled;
  using ::cse_sparse::Unit;
  // Blocks of kRowUnroll references, one row of the table each, so the
  // kernel reads a block at constant offsets from one pointer.
  constexpr int64_t kBlock = ::cse_sparse::kRowUnroll;
  if (!g.refs[Unit].empty()) {
    t.rowEnd[Unit] = index("unit_row_end", g.rowEnd[Unit]);
    t.refs[Unit] = index("unit_refs", g.refs[Unit], kBlock);
  }
  if (!g.refs[Scaled].empty()) {
    t.rowEnd[Scaled] = index("scaled_row_end", g.rowEnd[Scaled]);
    // (reference, coefficient) records: one pointer walks both.
    SmallVector<int64_t> records;
    for (auto [ref, coef] : llvm::zip_equal(g.refs[Scaled], g.scaledValues))
      records.append({int64_t(ref), coef});
    t.refs[Scaled] = tables.ints(
        "scaled", ::cse_sparse::scaledRecordBits(g),
        {int64_t(g.refs[Scaled].size()) / kBlock, 2 * kBlock}, records);
  }
  return t;
}

/// `c * v` for a coefficient known when compiling; the product is left to
/// LLVM, which turns -1 and powers of two into a negation or a shift.
Value scaleBy(ImplicitLocOpBuilder &b, int64_t c, Value v) {
  if (c == 1)
    return v;
  Value cst = arith::ConstantOp::create(
      b,
      IntegerAttr::get(v.getType(), APInt(v.getType().getIntOrFloatBitWidth(),
                                          uint64_t(c), /*isSigned=*/true,
                                          /*implicitTrunc=*/true)));
  return arith::MulIOp::create(b, cst, v);
}

/// Asks LLVM not to unroll `loop` (scf-to-cf carries an scf.for's LLVM
/// attributes to its back edge): its body is unrolled already, and a runtime
/// unroll would bring back the remainder code the padding exists to avoid.
void limitUnrolling(scf::ForOp loop, unsigned count) {
  MLIRContext *ctx = loop.getContext();
  auto unroll =
      count <= 1
          ? LLVM::LoopUnrollAttr::get(ctx, BoolAttr::get(ctx, true), {}, {}, {},
                                      {}, {}, {})
          : LLVM::LoopUnrollAttr::get(
                ctx, {}, IntegerAttr::get(IntegerType::get(ctx, 32), count), {},
                {}, {}, {}, {});
  loop->setAttr("loop_annotation", LLVM::LoopAnnotationAttr::get(
                                       ctx, {}, {}, {}, unroll, {}, {}, {}, {},
                                       {}, {}, {}, {}, {}, {}, {}));
}

/// LLVM's unroll factor for the node loops: their trip counts are constants,
/// so this costs no remainder code; fully unrolled they would cost code
/// bytes near the tables they save.
constexpr unsigned kNodeUnroll = 4;

/// The nodes of the grouped layout, one loop per group with the group's
/// input-side coefficients as constants: scratch[N + c] = cl * scratch[lhs]
/// + cr * scratch[rhs], c in canonical order (every slot its own node).
void emitGroupedNodes(ImplicitLocOpBuilder &b, const GroupedKernel &g,
                      const GroupedTables &t, Value scratch, Type accType) {
  using ::cse_sparse::GroupKind;
  int64_t n = g.ecsr.cols;
  Type scratchElem = cast<MemRefType>(scratch.getType()).getElementType();
  for (const ::cse_sparse::NodeGroup &group : g.groups) {
    Value lb = arith::ConstantIndexOp::create(b, group.offset);
    Value ub = arith::ConstantIndexOp::create(b, group.offset + group.count);
    scf::ForOp loop =
        emitLoop(b, lb, ub, [&](ImplicitLocOpBuilder &nb, Value i) {
          auto field = [&](Value table, int64_t f) {
            return asIndex(nb, loadField(nb, table, i, f));
          };
          auto coefficient = [&](Value v) {
            return toAccumulator(nb, v, accType);
          };
          Value lhs, rhs, cl, cr;
          switch (group.kind) {
          case GroupKind::InputInput:
            lhs = field(t.inputPairs, 0);
            rhs = field(t.inputPairs, 1);
            break;
          case GroupKind::InputNode:
            lhs = loadIndex(nb, t.mixedInputs, i);
            rhs = loadIndex(nb, t.mixedNodes, i);
            if (g.nodeCoefsStored)
              cr = coefficient(
                  memref::LoadOp::create(nb, t.mixedCoefs, ValueRange{i}));
            break;
          case GroupKind::NodeNode:
            lhs = field(t.nodePairs, 0);
            rhs = field(t.nodePairs, 1);
            if (g.nodeCoefsStored) {
              cl = coefficient(loadField(nb, t.nodePairCoefs, i, 0));
              cr = coefficient(loadField(nb, t.nodePairCoefs, i, 1));
            }
            break;
          }
          auto operand = [&](Value index) {
            return extend(nb, memref::LoadOp::create(nb, scratch, index),
                          accType);
          };
          auto term = [&](Value coef, int64_t constant, Value v) -> Value {
            return coef ? Value(arith::MulIOp::create(nb, coef, v))
                        : scaleBy(nb, constant, v);
          };
          // One statement each: the IR must not depend on the compiler's order
          // of evaluating arguments.
          Value lhsTerm = term(cl, group.lhsCoef, operand(lhs));
          Value rhsTerm = term(cr, group.rhsCoef, operand(rhs));
          Value sum = arith::AddIOp::create(nb, lhsTerm, rhsTerm);
          if (scratchElem != accType)
            sum = arith::TruncIOp::create(nb, scratchElem, sum);
          Value dst =
              arith::AddIOp::create(nb, i,
                                    arith::ConstantIndexOp::create(
                                        nb, n + group.first - group.offset));
          memref::StoreOp::create(nb, sum, scratch, ValueRange{dst});
        });
    limitUnrolling(loop, kNodeUnroll);
  }
}

/// acc plus the references of segment `seg` in blocks [begin, end), each
/// kRowUnroll of them (the padding makes every run whole blocks): added for
/// Unit, multiplied by their coefficient for Scaled.
Value emitGroupedSegment(ImplicitLocOpBuilder &b, const GroupedTables &t,
                         unsigned seg, Value begin, Value end, Value acc,
                         Value scratch) {
  Type accType = acc.getType();
  Value c1 = arith::ConstantIndexOp::create(b, 1);
  auto loop = scf::ForOp::create(
      b, begin, end, c1, ValueRange{acc},
      [&](OpBuilder &nested, Location loc, Value block, ValueRange iter) {
        ImplicitLocOpBuilder eb(loc, nested);
        auto field = [&](int64_t f) {
          return loadField(eb, t.refs[seg], block, f);
        };
        auto operand = [&](Value ref) {
          // References read unsigned.
          return extend(eb,
                        memref::LoadOp::create(eb, scratch, asIndex(eb, ref)),
                        accType);
        };
        Value sum = iter[0];
        for (int64_t u = 0; u < ::cse_sparse::kRowUnroll; ++u) {
          if (seg == ::cse_sparse::Unit) {
            sum = arith::AddIOp::create(eb, sum, operand(field(u)));
            continue;
          }
          Value v = operand(field(2 * u));
          Value coef = toAccumulator(eb, field(2 * u + 1), accType);
          sum = multiplyAdd(eb, sum, coef, v);
        }
        scf::YieldOp::create(eb, sum);
      });
  limitUnrolling(loop, 1);
  return loop.getResult(0);
}

/// Columns are the batch: column `b` of the N x B input (or row `b` of the
/// transposed B x N input) is copied, extended, into the scratch.
KernelOperands matmulOperands(MatmulOp op, Value input, Value init,
                              Type accType) {
  KernelOperands k;
  bool transposeInput = op.getTransposeInput();
  bool transposeInit = op.getTransposeInit();
  bool isUnsigned = op.getUnsignedInput();
  unsigned batchDim = 1 - op.getInitRowDim();
  int64_t n = op.getWeight().getType().getDimSize(1);
  k.forEachColumn = [=](ImplicitLocOpBuilder &b, KernelOperands::Body body) {
    Value c0 = arith::ConstantIndexOp::create(b, 0);
    Value batch = memref::DimOp::create(b, init, batchDim);
    emitLoop(b, c0, batch,
             [&](ImplicitLocOpBuilder &ib, Value col) { body(ib, col); });
  };
  k.gather = [=](ImplicitLocOpBuilder &b, ValueRange column, Value scratch) {
    emitLoop(b, n, [&](ImplicitLocOpBuilder &lb, Value i) {
      SmallVector<Value> at = transposeInput ? SmallVector<Value>{column[0], i}
                                             : SmallVector<Value>{i, column[0]};
      Value x = memref::LoadOp::create(lb, input, at);
      memref::StoreOp::create(lb, extend(lb, x, accType, isUnsigned), scratch,
                              ValueRange{i});
    });
  };
  k.initAt = [=](Value r, ValueRange column) -> SmallVector<Value> {
    if (transposeInit)
      return {column[0], r};
    return {r, column[0]};
  };
  return k;
}

/// Columns are the output pixels (n, oh, ow); each gathers its patch, tap
/// (kh, kw, c) into slot (kh*Kw + kw)*C + c, reading `pad_value` where the
/// tap falls into the padding. Unpadded sides need no bounds check (the
/// verifier keeps every tap inside the padded input).
KernelOperands convOperands(Conv2DOp op, Value input, Value init,
                            Type accType) {
  KernelOperands k;
  auto inputType = cast<MemRefType>(input.getType());
  auto initType = cast<MemRefType>(init.getType());
  bool nhwc = op.getLayout() == ConvLayout::nhwc;
  bool isUnsigned = op.getUnsignedInput();
  unsigned channelDim = op.getChannelDim();
  int64_t channels = inputType.getDimSize(channelDim);
  SmallVector<int64_t> window(op.getWindow()), strides(op.getStrides()),
      dilations(op.getDilations()), padding(op.getPadding());
  int64_t size[2], outSize[2];
  bool padded[2];
  for (unsigned i = 0; i < 2; ++i) {
    size[i] = inputType.getDimSize(op.getSpatialDim(i));
    outSize[i] = initType.getDimSize(op.getSpatialDim(i));
    padded[i] = padding[2 * i] || padding[2 * i + 1];
  }
  TypedAttr padValue = op.getPadValueAttr();
  Type inElem = inputType.getElementType();
  auto at = [nhwc](Value n, Value c, Value h, Value w) -> SmallVector<Value> {
    if (nhwc)
      return {n, h, w, c};
    return {n, c, h, w};
  };
  k.forEachColumn = [=](ImplicitLocOpBuilder &b, KernelOperands::Body body) {
    Value c0 = arith::ConstantIndexOp::create(b, 0);
    Value batch = memref::DimOp::create(b, init, 0);
    emitLoop(b, c0, batch, [&](ImplicitLocOpBuilder &nb, Value n) {
      emitLoop(nb, outSize[0], [&](ImplicitLocOpBuilder &hb, Value oh) {
        emitLoop(hb, outSize[1], [&](ImplicitLocOpBuilder &wb, Value ow) {
          body(wb, ValueRange{n, oh, ow});
        });
      });
    });
  };
  k.gather = [=](ImplicitLocOpBuilder &b, ValueRange column, Value scratch) {
    auto index = [&](ImplicitLocOpBuilder &ib, int64_t v) -> Value {
      return arith::ConstantIndexOp::create(ib, v);
    };
    // Input coordinate of tap `t` along spatial axis `i` for output `o`.
    auto coordinate = [&](ImplicitLocOpBuilder &ib, unsigned i, Value o,
                          Value t) -> Value {
      Value s = arith::MulIOp::create(ib, o, index(ib, strides[i]));
      Value d = arith::MulIOp::create(ib, t, index(ib, dilations[i]));
      Value sum = arith::AddIOp::create(ib, s, d);
      return arith::SubIOp::create(ib, sum, index(ib, padding[2 * i]));
    };
    emitLoop(b, window[0], [&](ImplicitLocOpBuilder &hb, Value kh) {
      Value ih = coordinate(hb, 0, column[1], kh);
      emitLoop(hb, window[1], [&](ImplicitLocOpBuilder &wb, Value kw) {
        Value iw = coordinate(wb, 1, column[2], kw);
        Value tap = arith::AddIOp::create(
            wb, arith::MulIOp::create(wb, kh, index(wb, window[1])), kw);
        Value base = arith::MulIOp::create(wb, tap, index(wb, channels));
        auto copy = [&](ImplicitLocOpBuilder &cb) {
          emitLoop(cb, channels, [&](ImplicitLocOpBuilder &lb, Value c) {
            Value x =
                memref::LoadOp::create(lb, input, at(column[0], c, ih, iw));
            Value slot = arith::AddIOp::create(lb, base, c);
            memref::StoreOp::create(lb, extend(lb, x, accType, isUnsigned),
                                    scratch, ValueRange{slot});
          });
        };
        if (!padded[0] && !padded[1])
          return copy(wb);
        // Unsigned compares also reject the negative coordinates of the
        // top and left padding.
        Value inside;
        for (auto [i, coord] : llvm::enumerate(SmallVector<Value>{ih, iw})) {
          if (!padded[i])
            continue;
          Value ok = arith::CmpIOp::create(wb, arith::CmpIPredicate::ult, coord,
                                           index(wb, size[i]));
          inside = inside ? arith::AndIOp::create(wb, inside, ok) : ok;
        }
        auto branch = scf::IfOp::create(wb, inside, /*withElseRegion=*/true);
        {
          OpBuilder::InsertionGuard guard(wb);
          wb.setInsertionPointToStart(branch.thenBlock());
          copy(wb);
          wb.setInsertionPointToStart(branch.elseBlock());
          Value pad = padValue ? Value(arith::ConstantOp::create(wb, padValue))
                               : Value(arith::ConstantOp::create(
                                     wb, wb.getZeroAttr(inElem)));
          Value padExt = extend(wb, pad, accType, isUnsigned);
          emitLoop(wb, channels, [&](ImplicitLocOpBuilder &lb, Value c) {
            Value slot = arith::AddIOp::create(lb, base, c);
            memref::StoreOp::create(lb, padExt, scratch, ValueRange{slot});
          });
        }
      });
    });
  };
  k.initAt = [=](Value f, ValueRange column) -> SmallVector<Value> {
    return at(column[0], f, column[1], column[2]);
  };
  return k;
}

/// Bytes of one scratch element.
uint64_t elementBytes(Type type) {
  return (type.getIntOrFloatBitWidth() + 7) / 8;
}

/// What one op's kernel is lowered from: the evaluation order and slots,
/// and the grouped tables when that layout applies.
struct KernelPlan {
  std::optional<GroupedKernel> grouped;
  KernelSchedule schedule;
};

/// The grouped layout for integer weights under NodeSchedule::Grouped; float
/// weights (whose coefficients the grouping cannot key on) and `compact`
/// ones (compact records asked for) take the upfront schedule with records.
KernelPlan planKernel(EcsrAttr weight, ::cse_sparse::NodeSchedule mode,
                      bool compact) {
  KernelPlan plan;
  if (mode == ::cse_sparse::NodeSchedule::Grouped && compact)
    mode = ::cse_sparse::NodeSchedule::Upfront;
  if (mode == ::cse_sparse::NodeSchedule::Grouped) {
    FailureOr<ExtendedCsr> e = fromEcsrAttr(weight);
    if (succeeded(e)) {
      plan.grouped = ::cse_sparse::groupKernel(std::move(*e));
      // Coefficients of 64 bits fit no Scaled record: records instead.
      if (!::cse_sparse::isStorable(*plan.grouped))
        return planKernel(weight, ::cse_sparse::NodeSchedule::Upfront, compact);
      plan.schedule = ::cse_sparse::scheduleKernel(plan.grouped->ecsr, mode);
      return plan;
    }
    mode = ::cse_sparse::NodeSchedule::Upfront;
  }
  plan.schedule = ::cse_sparse::scheduleKernel(ecsrStructure(weight), mode);
  return plan;
}

/// The plan's table bytes, as TableBuilder counts them.
uint64_t plannedTableBytes(const KernelPlan &plan, EcsrAttr weight,
                           bool compact) {
  if (plan.grouped)
    return ::cse_sparse::groupedTableBytes(
        *plan.grouped,
        storedCoefficientBits(weight.getType().getElementType()));
  return planTables(plan.schedule, weight, compact).bytes;
}

/// The scratch's element type: the accumulator's, or a narrower signed
/// integer that provably holds every input and node value exactly
/// (scratchElementBits), which halves the scratch or better (at 0.1-3.6%
/// more instructions on a Cortex-M4: the gather's 16-bit stores do not
/// combine into a store-multiple).
Type scratchElementType(EcsrAttr weight, const KernelPlan &plan, Type accType,
                        Type inputType, bool isUnsigned) {
  auto acc = dyn_cast<IntegerType>(accType);
  auto in = dyn_cast<IntegerType>(inputType);
  if (!acc || !in || in.getWidth() >= 64)
    return accType;
  // The bound walks the schedule's nodes, numbered as the plan's matrix.
  FailureOr<ExtendedCsr> read = failure();
  if (!plan.grouped)
    read = fromEcsrAttr(weight);
  if (!plan.grouped && failed(read))
    return accType;
  const ExtendedCsr &e = plan.grouped ? plan.grouped->ecsr : *read;
  unsigned w = in.getWidth();
  uint64_t magnitude =
      isUnsigned ? (uint64_t(1) << w) - 1 : uint64_t(1) << (w - 1);
  return IntegerType::get(accType.getContext(),
                          ::cse_sparse::scratchElementBits(
                              plan.schedule, e, magnitude, acc.getWidth()));
}

/// The scratch element type of a cse_sparse.matmul or conv_2d under `plan`:
/// the accumulator's unless `narrow`.
Type scratchElementType(Operation *op, const KernelPlan &plan, bool narrow) {
  auto of = [&](auto kernel) {
    if (!narrow)
      return getElementTypeOrSelf(kernel.getInit().getType());
    return scratchElementType(kernel.getWeight(), plan,
                              getElementTypeOrSelf(kernel.getInit().getType()),
                              getElementTypeOrSelf(kernel.getInput().getType()),
                              kernel.getUnsignedInput());
  };
  if (auto matmul = dyn_cast<MatmulOp>(op))
    return of(matmul);
  return of(cast<Conv2DOp>(op));
}

/// Past 2 GiB no target we lower for can address the one stack buffer that
/// holds every input and live node.
constexpr uint64_t kMaxScratchBytes = uint64_t(1) << 31;

/// Why the patterns cannot lower `op` (a cse_sparse.matmul or conv_2d whose
/// init is `init`), or "" if they can. `scratchBytes` is the exact scratch
/// size when known; without it the bound N + K (inputs plus nodes, which the
/// slots never exceed) decides unless it is over the limit.
std::string unlowerableReason(Operation *op, EcsrAttr weight, Value init,
                              std::optional<uint64_t> scratchBytes) {
  if (!isa<MemRefType>(init.getType()))
    return "must be bufferized before convert-cse-sparse-to-scf (run "
           "one-shot-bufferize)";
  if (weight.getColIdx().getNumElements() == 0)
    return "";
  if (!op->getParentOfType<ModuleOp>())
    return "needs an enclosing module for its constant tables";
  Operation *scope =
      op->getParentWithTrait<OpTrait::AutomaticAllocationScope>();
  if (!scope || scope->getNumRegions() == 0 || scope->getRegion(0).empty())
    return "needs an enclosing function for its scratch buffer";
  Type accType = cast<MemRefType>(init.getType()).getElementType();
  uint64_t bound =
      scratchBytes.value_or((uint64_t(weight.getTree().getNumInputs()) +
                             uint64_t(weight.getTree().getNumNodes())) *
                            elementBytes(accType));
  if (bound <= kMaxScratchBytes)
    return "";
  if (!scratchBytes)
    bound = kernelFootprint(weight, accType).scratchBytes;
  if (bound <= kMaxScratchBytes)
    return "";
  return ("needs a scratch buffer of " + Twine(bound) +
          " bytes (inputs and live nodes), over 2 GiB")
      .str();
}

/// Lowers a cse_sparse.matmul or conv_2d on memrefs to the kernel: per
/// column, gather it into the scratch, evaluate the nodes, accumulate each
/// row's entries (plus the bias) into init.
template <typename OpTy> struct KernelLowering : OpConversionPattern<OpTy> {
  using Adaptor = typename OpTy::Adaptor;
  using OperandsFn = KernelOperands (*)(OpTy, Value, Value, Type);

  KernelLowering(MLIRContext *ctx, const CseSparseToSCFOptions &options,
                 OperandsFn makeOperands)
      : OpConversionPattern<OpTy>(ctx), options(options),
        makeOperands(makeOperands) {}

  LogicalResult
  matchAndRewrite(OpTy op, Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value input = adaptor.getInput(), init = adaptor.getInit();
    EcsrAttr weight = op.getWeight();
    std::string why = unlowerableReason(op, weight, init, std::nullopt);
    if (!why.empty())
      return rewriter.notifyMatchFailure(op, why);
    Type accType = cast<MemRefType>(init.getType()).getElementType();
    std::optional<DenseIntOrFPElementsAttr> bias = op.getBias();
    auto module = op->template getParentOfType<ModuleOp>();
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    bool overwrite = op.getOverwriteInit();
    if (weight.getColIdx().getNumElements() == 0) {
      // An all-zero weight adds nothing but the bias to init.
      if (bias || overwrite)
        emitWithoutEntries(b, module, rewriter, init, bias, overwrite,
                           weight.getType().getDimSize(0),
                           makeOperands(op, input, init, accType));
      rewriter.eraseOp(op);
      return success();
    }
    // The op's hint or the option.
    bool compact = op.getCompactTables() || options.compactTables;
    KernelPlan plan = planKernel(weight, options.nodeSchedule, compact);
    const KernelSchedule &schedule = plan.schedule;
    Type scratchElem = scratchElementType(op, plan, options.narrowScratch);
    uint64_t scratchBytes =
        schedule.scratchElements() * elementBytes(scratchElem);
    why = unlowerableReason(op, weight, init, scratchBytes);
    if (!why.empty())
      return rewriter.notifyMatchFailure(op, why);

    TableBuilder tables(module, options.tableAlignment, rewriter, b);
    KernelTables t;
    GroupedTables grouped;
    if (plan.grouped)
      grouped = buildGroupedTables(
          tables, *plan.grouped,
          storedCoefficientBits(weight.getType().getElementType()));
    else
      t = buildTables(tables, schedule, weight,
                      planTables(schedule, weight, compact));
    Value biasTable = bias ? tables.constant("bias", *bias) : Value();

    // Scratch: (x column, slots), at the function's entry so loops around the
    // op do not grow the stack.
    Operation *scope =
        op->template getParentWithTrait<OpTrait::AutomaticAllocationScope>();
    auto scratchType =
        MemRefType::get({int64_t(schedule.scratchElements())}, scratchElem);
    Value scratch;
    {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(&scope->getRegion(0).front());
      scratch = memref::AllocaOp::create(rewriter, op.getLoc(), scratchType);
    }

    // The gather stores into the scratch, in its element type.
    KernelOperands operands = makeOperands(op, input, init, scratchElem);
    Value c0 = arith::ConstantIndexOp::create(b, 0);
    Value c1 = arith::ConstantIndexOp::create(b, 1);
    Value rows = arith::ConstantIndexOp::create(b, schedule.rows);
    uint64_t k = schedule.nodeOrder.size();
    bool upfront = k && schedule.nodeEnd.front() == k;
    operands.forEachColumn(b, [&](ImplicitLocOpBuilder &ib, ValueRange col) {
      operands.gather(ib, col, scratch);
      if (plan.grouped)
        return emitGroupedKernel(ib, *plan.grouped, grouped, scratch, init,
                                 biasTable, overwrite, operands, col);
      if (upfront)
        emitNodes(ib, c0, arith::ConstantIndexOp::create(ib, k), scratch,
                  accType, t);
      scf::ForOp::create(
          ib, c0, rows, c1, ValueRange{c0, c0},
          [&](OpBuilder &inner, Location loc, Value r, ValueRange iter) {
            ImplicitLocOpBuilder rb(loc, inner);
            Value nodesBegin = iter[0], entriesBegin = iter[1];
            Value nodesEnd = nodesBegin;
            if (k && !upfront) {
              nodesEnd = loadIndex(rb, t.nodeEnd, r);
              emitNodes(rb, nodesBegin, nodesEnd, scratch, accType, t);
            }
            Value entriesEnd = loadIndex(rb, t.rowEnd, r);
            SmallVector<Value> out = operands.initAt(r, col);
            Value acc0 = startValue(rb, init, out, biasTable, r, overwrite);
            auto entries = scf::ForOp::create(
                rb, entriesBegin, entriesEnd, c1, ValueRange{acc0},
                [&](OpBuilder &e, Location loc, Value p, ValueRange acc) {
                  ImplicitLocOpBuilder eb(loc, e);
                  Value operand = t.entry(eb, p, 0, accType);
                  Value coef = t.entry(eb, p, 1, accType);
                  Value v = extend(
                      eb,
                      memref::LoadOp::create(eb, scratch, ValueRange{operand}),
                      accType);
                  scf::YieldOp::create(eb, multiplyAdd(eb, acc[0], coef, v));
                });
            memref::StoreOp::create(rb, entries.getResult(0), init, out);
            scf::YieldOp::create(rb, ValueRange{nodesEnd, entriesEnd});
          });
    });

    if (options.remarks) {
      KernelFootprint f =
          kernelFootprint(op, options.nodeSchedule, options.compactTables,
                          options.narrowScratch);
      assert(f.tableBytes == tables.bytes() && "footprint out of step");
      op.emitRemark() << "convert-cse-sparse-to-scf: " << schedule.rows << "x"
                      << schedule.cols << ", " << f.nodes << " nodes in "
                      << f.slots << " scratch slots"
                      << (!k             ? ""
                          : plan.grouped ? " (grouped)"
                          : upfront      ? " (upfront)"
                                         : " (per row)")
                      << ", scratch " << f.scratchBytes << " bytes, tables "
                      << f.tableBytes << " bytes";
    }
    rewriter.eraseOp(op);
    return success();
  }

  /// The grouped layout's kernel for one column, after the gather: the
  /// zero element, the nodes group by group, then per row its segments.
  static void emitGroupedKernel(ImplicitLocOpBuilder &b, const GroupedKernel &g,
                                const GroupedTables &t, Value scratch,
                                Value init, Value biasTable, bool overwrite,
                                const KernelOperands &operands,
                                ValueRange col) {
    Type accType = cast<MemRefType>(init.getType()).getElementType();
    Type scratchElem = cast<MemRefType>(scratch.getType()).getElementType();
    memref::StoreOp::create(
        b, arith::ConstantOp::create(b, b.getZeroAttr(scratchElem)), scratch,
        ValueRange{arith::ConstantIndexOp::create(b, g.zeroElement())});
    emitGroupedNodes(b, g, t, scratch, accType);
    SmallVector<unsigned> segments;
    for (unsigned seg = 0; seg < ::cse_sparse::kNumRowSegments; ++seg)
      if (t.refs[seg])
        segments.push_back(seg);
    Value c0 = arith::ConstantIndexOp::create(b, 0);
    Value c1 = arith::ConstantIndexOp::create(b, 1);
    Value rows = arith::ConstantIndexOp::create(b, g.ecsr.rows);
    SmallVector<Value> begins(segments.size(), c0);
    auto rowLoop = scf::ForOp::create(
        b, c0, rows, c1, begins,
        [&](OpBuilder &inner, Location loc, Value r, ValueRange iter) {
          ImplicitLocOpBuilder rb(loc, inner);
          SmallVector<Value> out = operands.initAt(r, col);
          Value acc = startValue(rb, init, out, biasTable, r, overwrite);
          SmallVector<Value> ends;
          for (auto [i, seg] : llvm::enumerate(segments)) {
            ends.push_back(loadIndex(rb, t.rowEnd[seg], r));
            acc = emitGroupedSegment(rb, t, seg, iter[i], ends.back(), acc,
                                     scratch);
          }
          memref::StoreOp::create(rb, acc, init, out);
          scf::YieldOp::create(rb, ends);
        });
    limitUnrolling(rowLoop, 1);
  }

  /// init[r, col] = its start value for every output: the kernel of a
  /// weight without entries.
  void emitWithoutEntries(ImplicitLocOpBuilder &b, ModuleOp module,
                          RewriterBase &rewriter, Value init,
                          std::optional<DenseIntOrFPElementsAttr> bias,
                          bool overwrite, int64_t rows,
                          const KernelOperands &operands) const {
    TableBuilder tables(module, options.tableAlignment, rewriter, b);
    Value biasTable = bias ? tables.constant("bias", *bias) : Value();
    operands.forEachColumn(b, [&](ImplicitLocOpBuilder &ib, ValueRange col) {
      emitLoop(ib, rows, [&](ImplicitLocOpBuilder &rb, Value r) {
        SmallVector<Value> out = operands.initAt(r, col);
        memref::StoreOp::create(
            rb, startValue(rb, init, out, biasTable, r, overwrite), init, out);
      });
    });
  }

  /// What output (r, out) starts from: init's value, unless overwrite_init,
  /// plus bias[r] with a bias; zero with neither.
  static Value startValue(ImplicitLocOpBuilder &b, Value init, ValueRange out,
                          Value biasTable, Value r, bool overwrite) {
    Value acc = overwrite ? Value() : memref::LoadOp::create(b, init, out);
    if (biasTable) {
      Value bias = memref::LoadOp::create(b, biasTable, ValueRange{r});
      return acc ? add(b, acc, bias) : bias;
    }
    if (acc)
      return acc;
    Type accType = cast<MemRefType>(init.getType()).getElementType();
    return arith::ConstantOp::create(b, b.getZeroAttr(accType));
  }

  static Value add(ImplicitLocOpBuilder &b, Value x, Value y) {
    if (isa<FloatType>(x.getType()))
      return arith::AddFOp::create(b, x, y);
    return arith::AddIOp::create(b, x, y);
  }

  /// scratch[dst] = lhsCoef * scratch[lhs] + rhsCoef * scratch[rhs] for the
  /// nodes in [begin, end).
  static void emitNodes(ImplicitLocOpBuilder &b, Value begin, Value end,
                        Value scratch, Type accType, const KernelTables &t) {
    Value c1 = arith::ConstantIndexOp::create(b, 1);
    scf::ForOp::create(
        b, begin, end, c1, ValueRange{},
        [&](OpBuilder &nested, Location loc, Value j, ValueRange) {
          ImplicitLocOpBuilder nb(loc, nested);
          // A narrower scratch holds each value exactly: extend, compute,
          // truncate.
          Value l =
              extend(nb,
                     memref::LoadOp::create(
                         nb, scratch, ValueRange{t.node(nb, j, 0, accType)}),
                     accType);
          Value r =
              extend(nb,
                     memref::LoadOp::create(
                         nb, scratch, ValueRange{t.node(nb, j, 1, accType)}),
                     accType);
          Value cl = t.node(nb, j, 3, accType);
          Value cr = t.node(nb, j, 4, accType);
          Value lhsTerm = isa<FloatType>(accType)
                              ? Value(arith::MulFOp::create(nb, cl, l))
                              : Value(arith::MulIOp::create(nb, cl, l));
          Value sum = multiplyAdd(nb, lhsTerm, cr, r);
          Type scratchElem =
              cast<MemRefType>(scratch.getType()).getElementType();
          if (scratchElem != accType)
            sum = arith::TruncIOp::create(nb, scratchElem, sum);
          memref::StoreOp::create(nb, sum, scratch,
                                  ValueRange{t.node(nb, j, 2, accType)});
          scf::YieldOp::create(nb);
        });
  }

  CseSparseToSCFOptions options;
  OperandsFn makeOperands;
};

struct ConvertCseSparseToSCFPass
    : mlir::cse_sparse::impl::ConvertCseSparseToSCFPassBase<
          ConvertCseSparseToSCFPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    // The patterns report what they cannot lower only as match failures;
    // the pass says why, at the op, before converting anything.
    if (failed(checkCseSparseToSCFPreconditions(module)))
      return signalPassFailure();
    CseSparseToSCFOptions options;
    options.tableAlignment = tableAlignment;
    options.nodeSchedule = nodeSchedule;
    options.compactTables = compactTables;
    options.narrowScratch = narrowScratch;
    options.remarks = remarks;
    RewritePatternSet patterns(&getContext());
    populateCseSparseToSCFConversionPatterns(patterns, options);
    ConversionTarget target(getContext());
    configureCseSparseToSCFConversionTarget(target);
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

KernelFootprint
mlir::cse_sparse::kernelFootprint(EcsrAttr weight, Type accumulatorType,
                                  ::cse_sparse::NodeSchedule mode, bool compact,
                                  Type inputType, bool unsignedInput) {
  KernelFootprint f;
  if (weight.getColIdx().getNumElements() == 0)
    return f; // the op is erased
  KernelPlan plan = planKernel(weight, mode, compact);
  const KernelSchedule &s = plan.schedule;
  f.nodes = s.nodeOrder.size();
  f.slots = s.numSlots;
  Type scratchElem = inputType
                         ? scratchElementType(weight, plan, accumulatorType,
                                              inputType, unsignedInput)
                         : accumulatorType;
  f.scratchBytes = s.scratchElements() * elementBytes(scratchElem);
  f.tableBytes = plannedTableBytes(plan, weight, compact);
  return f;
}

KernelFootprint
mlir::cse_sparse::kernelFootprint(Operation *op,
                                  ::cse_sparse::NodeSchedule mode,
                                  bool compactTables, bool narrowScratch) {
  auto footprint = [&](auto kernel) {
    Type accType = getElementTypeOrSelf(kernel.getInit().getType());
    KernelFootprint f = kernelFootprint(
        kernel.getWeight(), accType, mode,
        kernel.getCompactTables() || compactTables,
        narrowScratch ? getElementTypeOrSelf(kernel.getInput().getType())
                      : Type(),
        kernel.getUnsignedInput());
    if (std::optional<DenseIntOrFPElementsAttr> bias = kernel.getBias())
      f.tableBytes +=
          bias->getNumElements() * ((accType.getIntOrFloatBitWidth() + 7) / 8);
    return f;
  };
  if (auto matmul = dyn_cast<MatmulOp>(op))
    return footprint(matmul);
  return footprint(cast<Conv2DOp>(op));
}

void mlir::cse_sparse::populateCseSparseToSCFConversionPatterns(
    RewritePatternSet &patterns, const CseSparseToSCFOptions &options) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<KernelLowering<MatmulOp>>(ctx, options, matmulOperands);
  patterns.add<KernelLowering<Conv2DOp>>(ctx, options, convOperands);
}

void mlir::cse_sparse::configureCseSparseToSCFConversionTarget(
    ConversionTarget &target) {
  target.addIllegalOp<MatmulOp, Conv2DOp>();
  target.addLegalDialect<arith::ArithDialect, memref::MemRefDialect,
                         scf::SCFDialect>();
}

LogicalResult
mlir::cse_sparse::checkCseSparseToSCFPreconditions(Operation *root) {
  bool ok = true;
  root->walk([&](Operation *op) {
    std::string why;
    if (auto matmul = dyn_cast<MatmulOp>(op))
      why = unlowerableReason(op, matmul.getWeight(), matmul.getInit(),
                              std::nullopt);
    else if (auto conv = dyn_cast<Conv2DOp>(op))
      why =
          unlowerableReason(op, conv.getWeight(), conv.getInit(), std::nullopt);
    if (!why.empty()) {
      op->emitOpError(why);
      ok = false;
    }
  });
  return success(ok);
}
