//===- CseSparseToSCF.cpp - cse_sparse.matmul to loops over tables --------===//

#include "cse-sparse/Conversion/CseSparseToSCF.h"
#include "cse-sparse/Algorithm/KernelSchedule.h"
#include "cse-sparse/Conversion/Passes.h"
#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"

#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir::cse_sparse {
#define GEN_PASS_DEF_CONVERTCSESPARSETOSCFPASS
#include "cse-sparse/Conversion/Passes.h.inc"
} // namespace mlir::cse_sparse

using namespace mlir;
using namespace mlir::cse_sparse;
using ::cse_sparse::ExtendedCsr;
using ::cse_sparse::KernelSchedule;

namespace {

/// The ECSR's structure; coefficients only for integers (scheduling does not
/// read them, the tables take them from the attribute).
ExtendedCsr structureOf(EcsrAttr attr) {
  ExtendedCsr e;
  e.rows = attr.getType().getDimSize(0);
  e.cols = attr.getType().getDimSize(1);
  auto ints = [](DenseIntElementsAttr a) {
    SmallVector<int64_t> out;
    for (const APInt &v : a.getValues<APInt>())
      out.push_back(v.getSExtValue());
    return out;
  };
  SmallVector<int64_t> ops = ints(attr.getTree().getOperands());
  for (size_t c = 0; c < ops.size() / 2; ++c)
    e.nodes.push_back({uint32_t(ops[2 * c]), uint32_t(ops[2 * c + 1]), 1, 1});
  SmallVector<int64_t> rowPtr = ints(attr.getRowPtr());
  e.rowPtr.assign(rowPtr.begin(), rowPtr.end());
  for (int64_t v : ints(attr.getColIdx()))
    e.operands.push_back(uint32_t(v));
  e.coefs.assign(e.operands.size(), 1);
  return e;
}

/// The narrowest of 8, 16, 32 bits holding every value, unsigned.
unsigned indexBits(ArrayRef<uint64_t> values) {
  uint64_t max = values.empty() ? 0 : *llvm::max_element(values);
  return max < (1u << 8) ? 8 : max < (1u << 16) ? 16 : 32;
}

template <typename T> SmallVector<uint64_t> widen(ArrayRef<T> v) {
  return SmallVector<uint64_t>(v.begin(), v.end());
}

/// Creates the private constant globals of one op and reads them back at the
/// op; names are unique in the module.
class TableBuilder {
public:
  TableBuilder(ModuleOp module, SymbolTable &symbols, unsigned alignment,
               ImplicitLocOpBuilder &at)
      : module(module), symbols(symbols), alignment(alignment), at(at) {}

  /// An index table in the narrowest of i8, i16, i32 (read unsigned).
  Value indices(StringRef name, ArrayRef<uint64_t> values) {
    unsigned bits = indexBits(values);
    auto type = RankedTensorType::get({int64_t(values.size())},
                                      at.getIntegerType(bits));
    SmallVector<APInt> ints;
    for (uint64_t v : values)
      ints.push_back(APInt(bits, v));
    return table(name, DenseElementsAttr::get(type, ints));
  }

  /// A coefficient table with the attribute's element type.
  Value coefficients(StringRef name, Type elementType,
                     ArrayRef<Attribute> values) {
    auto type = RankedTensorType::get({int64_t(values.size())}, elementType);
    return table(name, DenseElementsAttr::get(type, values));
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
    while (symbols.lookup(symbol));
    OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
    auto global = memref::GlobalOp::create(
        b, at.getLoc(), symbol, b.getStringAttr("private"), type, values,
        /*constant=*/true,
        alignment ? b.getI64IntegerAttr(alignment) : IntegerAttr());
    symbols.insert(global);
    totalBytes += values.getNumElements() *
                  ((tensorType.getElementTypeBitWidth() + 7) / 8);
    return memref::GetGlobalOp::create(at, type, global.getSymName());
  }

  ModuleOp module;
  SymbolTable &symbols;
  unsigned alignment;
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

Value loadIndex(ImplicitLocOpBuilder &b, Value table, Value i) {
  Value v = memref::LoadOp::create(b, table, ValueRange{i});
  return arith::IndexCastUIOp::create(b, b.getIndexType(), v);
}

/// a + c * v, integer or float.
Value multiplyAdd(ImplicitLocOpBuilder &b, Value a, Value c, Value v) {
  if (isa<FloatType>(a.getType()))
    return arith::AddFOp::create(b, a, arith::MulFOp::create(b, c, v));
  return arith::AddIOp::create(b, a, arith::MulIOp::create(b, c, v));
}

struct ConvertCseSparseToSCFPass
    : mlir::cse_sparse::impl::ConvertCseSparseToSCFPassBase<
          ConvertCseSparseToSCFPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<MatmulOp> ops;
    module.walk([&](MatmulOp op) { ops.push_back(op); });
    for (MatmulOp op : ops) {
      if (!isa<MemRefType>(op.getInit().getType())) {
        op.emitOpError("must be bufferized before convert-cse-sparse-to-scf "
                       "(run one-shot-bufferize)");
        return signalPassFailure();
      }
      if (failed(lower(op, symbols)))
        return signalPassFailure();
    }
  }

  LogicalResult lower(MatmulOp op, SymbolTable &symbols) {
    EcsrAttr weight = op.getWeight();
    if (weight.getColIdx().getNumElements() == 0) {
      // An all-zero weight adds nothing to init.
      op.erase();
      return success();
    }
    Operation *scope =
        op->getParentWithTrait<OpTrait::AutomaticAllocationScope>();
    if (!scope || scope->getNumRegions() == 0 || scope->getRegion(0).empty())
      return op.emitOpError("needs an enclosing function for its scratch "
                            "buffer");
    ExtendedCsr structure = structureOf(weight);
    KernelSchedule schedule = ::cse_sparse::scheduleKernel(structure);

    ImplicitLocOpBuilder b(op.getLoc(), op);
    Value input = op.getInput(), init = op.getInit();
    auto initType = cast<MemRefType>(init.getType());
    Type accType = initType.getElementType();
    Type coefType = weight.getType().getElementType();

    // The tables, in schedule order.
    TableBuilder tables(getOperation(), symbols, tableAlignment, b);
    uint64_t k = schedule.nodeOrder.size();
    Value nodeEnd, nodeLhs, nodeRhs, nodeDst, nodeCoefL, nodeCoefR;
    if (k) {
      SmallVector<Attribute> treeCoefs(
          weight.getTree().getCoefficients().getValues<Attribute>());
      SmallVector<Attribute> lhsCoefs, rhsCoefs;
      for (uint32_t node : schedule.nodeOrder) {
        lhsCoefs.push_back(treeCoefs[2 * node]);
        rhsCoefs.push_back(treeCoefs[2 * node + 1]);
      }
      auto table = [&](StringRef name, const std::vector<uint32_t> &v) {
        return tables.indices(name, widen(ArrayRef<uint32_t>(v)));
      };
      nodeEnd = table("node_end", schedule.nodeEnd);
      nodeLhs = table("node_lhs", schedule.nodeLhs);
      nodeRhs = table("node_rhs", schedule.nodeRhs);
      nodeDst = table("node_dst", schedule.nodeDst);
      nodeCoefL = tables.coefficients("node_lhs_coef", coefType, lhsCoefs);
      nodeCoefR = tables.coefficients("node_rhs_coef", coefType, rhsCoefs);
    }
    Value rowEnd = tables.indices("row_end", schedule.rowEnd);
    Value operands = tables.indices(
        "operands", SmallVector<uint64_t>(schedule.operands.begin(),
                                          schedule.operands.end()));
    SmallVector<Attribute> values(weight.getValues().getValues<Attribute>());
    Value coefs = tables.coefficients("values", coefType, values);

    // Scratch: (x column, slots), at the function's entry so loops around the
    // op do not grow the stack.
    OpBuilder entry = OpBuilder::atBlockBegin(&scope->getRegion(0).front());
    auto scratchType =
        MemRefType::get({int64_t(schedule.scratchElements())}, accType);
    Value scratch = memref::AllocaOp::create(entry, op.getLoc(), scratchType);

    Value c0 = arith::ConstantIndexOp::create(b, 0);
    Value c1 = arith::ConstantIndexOp::create(b, 1);
    Value cols = arith::ConstantIndexOp::create(b, schedule.cols);
    Value rows = arith::ConstantIndexOp::create(b, schedule.rows);
    Value batch = memref::DimOp::create(b, init, 1 - op.getInitRowDim());
    bool unsignedInput = op.getUnsignedInput();
    // Element (row, column) of the N x B input and M x B init, in whichever
    // way round they are stored.
    auto inputAt = [&](Value row, Value column) -> SmallVector<Value> {
      if (op.getTransposeInput())
        return {column, row};
      return {row, column};
    };
    auto initAt = [&](Value row, Value column) -> SmallVector<Value> {
      if (op.getTransposeInit())
        return {column, row};
      return {row, column};
    };
    scf::ForOp::create(
        b, c0, batch, c1, ValueRange{},
        [&](OpBuilder &nested, Location loc, Value col, ValueRange) {
          ImplicitLocOpBuilder ib(loc, nested);
          scf::ForOp::create(
              ib, c0, cols, c1, ValueRange{},
              [&](OpBuilder &inner, Location loc, Value i, ValueRange) {
                ImplicitLocOpBuilder lb(loc, inner);
                Value x = memref::LoadOp::create(lb, input, inputAt(i, col));
                memref::StoreOp::create(lb,
                                        extend(lb, x, accType, unsignedInput),
                                        scratch, ValueRange{i});
                scf::YieldOp::create(lb);
              });
          scf::ForOp::create(
              ib, c0, rows, c1, ValueRange{c0, c0},
              [&](OpBuilder &inner, Location loc, Value r, ValueRange iter) {
                ImplicitLocOpBuilder rb(loc, inner);
                Value nodesBegin = iter[0], entriesBegin = iter[1];
                Value nodesEnd = nodesBegin;
                if (k) {
                  nodesEnd = loadIndex(rb, nodeEnd, r);
                  emitNodes(rb, nodesBegin, nodesEnd, scratch, accType, nodeLhs,
                            nodeRhs, nodeDst, nodeCoefL, nodeCoefR);
                }
                Value entriesEnd = loadIndex(rb, rowEnd, r);
                Value acc0 = memref::LoadOp::create(rb, init, initAt(r, col));
                auto entries = scf::ForOp::create(
                    rb, entriesBegin, entriesEnd, c1, ValueRange{acc0},
                    [&](OpBuilder &e, Location loc, Value p, ValueRange acc) {
                      ImplicitLocOpBuilder eb(loc, e);
                      Value operand = loadIndex(eb, operands, p);
                      Value coef = extend(
                          eb, memref::LoadOp::create(eb, coefs, ValueRange{p}),
                          accType);
                      Value v = memref::LoadOp::create(eb, scratch,
                                                       ValueRange{operand});
                      scf::YieldOp::create(eb,
                                           multiplyAdd(eb, acc[0], coef, v));
                    });
                memref::StoreOp::create(rb, entries.getResult(0), init,
                                        initAt(r, col));
                scf::YieldOp::create(rb, ValueRange{nodesEnd, entriesEnd});
              });
          scf::YieldOp::create(ib);
        });

    if (remarks) {
      KernelFootprint f = kernelFootprint(weight, accType);
      assert(f.tableBytes == tables.bytes() && "footprint out of step");
      op.emitRemark() << "convert-cse-sparse-to-scf: " << schedule.rows << "x"
                      << schedule.cols << ", " << f.nodes << " nodes in "
                      << f.slots << " scratch slots, scratch " << f.scratchBytes
                      << " bytes, tables " << f.tableBytes << " bytes";
    }
    op.erase();
    return success();
  }

  /// scratch[dst[j]] = lhsCoef[j] * scratch[lhs[j]] + rhsCoef[j] *
  /// scratch[rhs[j]] for j in [begin, end).
  static void emitNodes(ImplicitLocOpBuilder &b, Value begin, Value end,
                        Value scratch, Type accType, Value lhs, Value rhs,
                        Value dst, Value lhsCoef, Value rhsCoef) {
    Value c1 = arith::ConstantIndexOp::create(b, 1);
    scf::ForOp::create(
        b, begin, end, c1, ValueRange{},
        [&](OpBuilder &nested, Location loc, Value j, ValueRange) {
          ImplicitLocOpBuilder nb(loc, nested);
          Value l = memref::LoadOp::create(nb, scratch,
                                           ValueRange{loadIndex(nb, lhs, j)});
          Value r = memref::LoadOp::create(nb, scratch,
                                           ValueRange{loadIndex(nb, rhs, j)});
          Value cl = extend(
              nb, memref::LoadOp::create(nb, lhsCoef, ValueRange{j}), accType);
          Value cr = extend(
              nb, memref::LoadOp::create(nb, rhsCoef, ValueRange{j}), accType);
          Value lhsTerm = isa<FloatType>(accType)
                              ? Value(arith::MulFOp::create(nb, cl, l))
                              : Value(arith::MulIOp::create(nb, cl, l));
          Value t = multiplyAdd(nb, lhsTerm, cr, r);
          memref::StoreOp::create(nb, t, scratch,
                                  ValueRange{loadIndex(nb, dst, j)});
          scf::YieldOp::create(nb);
        });
  }
};

} // namespace

KernelFootprint mlir::cse_sparse::kernelFootprint(EcsrAttr weight,
                                                  Type accumulatorType) {
  KernelFootprint f;
  if (weight.getColIdx().getNumElements() == 0)
    return f; // the op is erased
  KernelSchedule s = ::cse_sparse::scheduleKernel(structureOf(weight));
  auto bytes = [](unsigned bits) { return uint64_t(bits + 7) / 8; };
  uint64_t coefBytes =
      bytes(weight.getType().getElementType().getIntOrFloatBitWidth());
  f.nodes = s.nodeOrder.size();
  f.slots = s.numSlots;
  f.scratchBytes =
      s.scratchElements() * bytes(accumulatorType.getIntOrFloatBitWidth());
  auto table = [&](const auto &v) {
    return v.size() * bytes(indexBits(widen(ArrayRef(v))));
  };
  if (f.nodes)
    f.tableBytes += table(s.nodeEnd) + table(s.nodeLhs) + table(s.nodeRhs) +
                    table(s.nodeDst) + 2 * f.nodes * coefBytes;
  f.tableBytes +=
      table(s.rowEnd) + table(s.operands) + s.operands.size() * coefBytes;
  return f;
}
