//===- WeightFolding.cpp - constant weights behind front-end plumbing -----===//
//
// One recursive walk serves both questions: with `evaluate` off it only checks
// that every op on the way is one it can fold (cheap, used while matching),
// with it on it also computes the elements.
//
//===----------------------------------------------------------------------===//

#include "WeightFolding.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SetVector.h"

#include <cstring>

using namespace mlir;
using namespace mlir::cse_sparse;

int64_t FoldedWeight::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

namespace {

/// Folding materializes every element as 8 bytes; past this a weight is not
/// something a microcontroller layer holds anyway.
constexpr int64_t kMaxFoldedElements = int64_t(1) << 26;

/// `v` sign-extended from its low `bits` bits.
int64_t signExtend(uint64_t v, unsigned bits) {
  if (bits >= 64)
    return int64_t(v);
  uint64_t sign = uint64_t(1) << (bits - 1);
  uint64_t low = v & ((sign << 1) - 1);
  return int64_t((low ^ sign) - sign);
}

/// `v` (a sign-extended `bits`-bit pattern) read unsigned.
uint64_t zeroExtend(int64_t v, unsigned bits) {
  if (bits >= 64)
    return uint64_t(v);
  return uint64_t(v) & ((uint64_t(1) << bits) - 1);
}

bool isSupportedElementType(Type t) {
  if (auto i = dyn_cast<IntegerType>(t))
    return i.getWidth() <= 64;
  return isa<Float16Type, BFloat16Type, Float32Type, Float64Type>(t);
}

/// One elementwise operation of a cast chain, with its constant operand.
struct Step {
  enum Kind { ExtSI, ExtUI, TruncI, Add, Sub, SubFrom, Mul, SIToFP, UIToFP };
  Kind kind;
  unsigned fromBits = 0, toBits = 0;
  int64_t constant = 0;
};

/// A scalar integer constant, wherever it is defined (inside a generic's
/// body or captured from outside it).
std::optional<int64_t> scalarConstant(Value v) {
  auto fits = [](const APInt &x) -> std::optional<int64_t> {
    if (x.getBitWidth() > 64)
      return std::nullopt;
    return x.getSExtValue();
  };
  IntegerAttr attr;
  if (matchPattern(v, m_Constant(&attr)))
    return fits(attr.getValue());
  // A splat tensor operand of an elementwise op on tensors.
  DenseIntElementsAttr splat;
  if (matchPattern(v, m_Constant(&splat)) && splat.isSplat())
    return fits(splat.getSplatValue<APInt>());
  return std::nullopt;
}

/// The step `op` applies to its operand `from` (the one that depends on the
/// element), if it is one the folder knows.
std::optional<Step> matchStep(Operation *op, Value from) {
  Type result = op->getResult(0).getType();
  // Index-typed values, pointers and other front ends' types are not
  // elements the folder computes with.
  if (!getElementTypeOrSelf(result).isIntOrFloat() ||
      !getElementTypeOrSelf(from.getType()).isIntOrFloat())
    return std::nullopt;
  auto bits = [](Type t) {
    return getElementTypeOrSelf(t).getIntOrFloatBitWidth();
  };
  Step s;
  s.fromBits = bits(from.getType());
  s.toBits = bits(result);
  if (isa<arith::ExtSIOp>(op))
    return s.kind = Step::ExtSI, s;
  if (isa<arith::ExtUIOp>(op))
    return s.kind = Step::ExtUI, s;
  if (isa<arith::TruncIOp>(op))
    return s.kind = Step::TruncI, s;
  if (isa<arith::SIToFPOp, arith::UIToFPOp>(op)) {
    // Only where every integer converts exactly.
    auto fp = dyn_cast<FloatType>(getElementTypeOrSelf(result));
    if (!fp || s.fromBits >= fp.getFPMantissaWidth())
      return std::nullopt;
    return s.kind = isa<arith::SIToFPOp>(op) ? Step::SIToFP : Step::UIToFP, s;
  }
  if (!isa<arith::AddIOp, arith::SubIOp, arith::MulIOp>(op) ||
      op->getNumOperands() != 2)
    return std::nullopt;
  bool fromLeft = op->getOperand(0) == from;
  std::optional<int64_t> c = scalarConstant(op->getOperand(fromLeft ? 1 : 0));
  if (!c)
    return std::nullopt;
  s.constant = *c;
  if (isa<arith::AddIOp>(op))
    s.kind = Step::Add;
  else if (isa<arith::MulIOp>(op))
    s.kind = Step::Mul;
  else
    s.kind = fromLeft ? Step::Sub : Step::SubFrom;
  return s;
}

void applyStepToValues(const Step &s, FoldedWeight &w);

/// Applies `s` to every element of `w` (integers in; integers or floats
/// out). A sparsely held weight stays sparse if the step keeps zeros zero.
bool applyStep(const Step &s, FoldedWeight &w, FoldError &error) {
  if (w.positions) {
    FoldedWeight zero;
    zero.ints = {0};
    applyStepToValues(s, zero);
    bool keepsZero =
        zero.ints.empty() ? zero.floats.front() == 0.0 : zero.ints.front() == 0;
    if (!keepsZero && !densify(w, error))
      return false;
  }
  applyStepToValues(s, w);
  return true;
}

void applyStepToValues(const Step &s, FoldedWeight &w) {
  unsigned to = s.toBits;
  switch (s.kind) {
  case Step::ExtSI:
    return; // a sign-extended pattern stays the same number
  case Step::ExtUI:
    for (int64_t &v : w.ints)
      v = signExtend(zeroExtend(v, s.fromBits), to);
    return;
  case Step::SIToFP:
  case Step::UIToFP:
    w.floats.reserve(w.ints.size());
    for (int64_t v : w.ints)
      w.floats.push_back(s.kind == Step::SIToFP
                             ? double(v)
                             : double(zeroExtend(v, s.fromBits)));
    w.ints.clear();
    return;
  default:
    break;
  }
  // Integer arithmetic wraps at the result width, as arith does.
  for (int64_t &v : w.ints) {
    uint64_t x = uint64_t(v), c = uint64_t(s.constant);
    switch (s.kind) {
    case Step::Add:
      x += c;
      break;
    case Step::Sub:
      x -= c;
      break;
    case Step::SubFrom:
      x = c - x;
      break;
    case Step::Mul:
      x *= c;
      break;
    default: // TruncI
      break;
    }
    v = signExtend(x, to);
  }
}

/// permute() for a sparsely held weight: each non-zero's position moves, then
/// the non-zeros are sorted back into row-major order.
void permuteSparse(FoldedWeight &w, ArrayRef<int64_t> outShape,
                   ArrayRef<unsigned> source, ArrayRef<int64_t> outStride) {
  unsigned rank = w.shape.size();
  std::vector<uint64_t> &positions = *w.positions;
  std::vector<std::pair<uint64_t, size_t>> moved(positions.size());
  for (size_t i = 0; i < positions.size(); ++i) {
    uint64_t rest = positions[i], target = 0;
    for (int j = int(rank) - 1; j >= 0; --j) {
      uint64_t index = rest % uint64_t(w.shape[j]);
      rest /= uint64_t(w.shape[j]);
      target += index * uint64_t(outStride[source[j]]);
    }
    moved[i] = {target, i};
  }
  llvm::sort(moved);
  auto reorder = [&](auto &values) {
    if (values.empty())
      return;
    std::decay_t<decltype(values)> out(values.size());
    for (size_t i = 0; i < moved.size(); ++i)
      out[i] = values[moved[i].second];
    values = std::move(out);
  };
  reorder(w.ints);
  reorder(w.floats);
  for (size_t i = 0; i < moved.size(); ++i)
    positions[i] = moved[i].first;
  w.shape.assign(outShape.begin(), outShape.end());
}

/// Reorders `w`'s elements: input dimension j of the result comes from the
/// output dimension `source[j]`, i.e. out[d] = in[(d[source[0]], ...)].
void permute(FoldedWeight &w, ArrayRef<int64_t> outShape,
             ArrayRef<unsigned> source) {
  unsigned rank = w.shape.size();
  SmallVector<int64_t> outStride(rank, 1);
  for (int i = int(rank) - 2; i >= 0; --i)
    outStride[i] = outStride[i + 1] * outShape[i + 1];
  if (w.positions)
    return permuteSparse(w, outShape, source, outStride);
  auto reorder = [&](auto &values) {
    using T = typename std::decay_t<decltype(values)>::value_type;
    std::vector<T> out(values.size());
    SmallVector<int64_t> index(rank, 0);
    for (size_t linear = 0; linear < values.size(); ++linear) {
      int64_t target = 0;
      for (unsigned j = 0; j < rank; ++j)
        target += index[j] * outStride[source[j]];
      out[target] = values[linear];
      for (int j = int(rank) - 1; j >= 0; --j) {
        if (++index[j] < w.shape[j])
          break;
        index[j] = 0;
      }
    }
    values = std::move(out);
  };
  if (!w.ints.empty())
    reorder(w.ints);
  if (!w.floats.empty())
    reorder(w.floats);
  w.shape.assign(outShape.begin(), outShape.end());
}

/// Reads a `sparse<indices, values>` constant without expanding it.
bool readSparse(SparseElementsAttr attr, FoldedWeight &w, FoldError &why) {
  DenseIntElementsAttr indices = attr.getIndices();
  unsigned rank = w.shape.size();
  std::vector<std::pair<uint64_t, size_t>> order;
  SmallVector<int64_t> index;
  size_t i = 0;
  for (const APInt &x : indices.getValues<APInt>()) {
    index.push_back(x.getSExtValue());
    if (index.size() < std::max(rank, 1u))
      continue;
    uint64_t linear = 0;
    for (unsigned d = 0; d < rank; ++d) {
      if (index[d] < 0 || index[d] >= w.shape[d])
        return why = {FoldError::NotConstant,
                      "a sparse weight's coordinate is out of bounds"},
               false;
      linear = linear * uint64_t(w.shape[d]) + uint64_t(index[d]);
    }
    order.push_back({linear, i++});
    index.clear();
  }
  llvm::sort(order);
  for (size_t j = 1; j < order.size(); ++j)
    if (order[j].first == order[j - 1].first)
      return why = {FoldError::NotConstant,
                    "a sparse weight has duplicate coordinates"},
             false;
  std::vector<int64_t> ints;
  std::vector<double> floats;
  if (isa<IntegerType>(w.elementType))
    for (const APInt &x : attr.getValues().getValues<APInt>())
      ints.push_back(x.getSExtValue());
  else
    for (const APFloat &x : attr.getValues().getValues<APFloat>())
      floats.push_back(x.convertToDouble());
  if (std::max(ints.size(), floats.size()) != order.size())
    return why = {FoldError::NotConstant,
                  "a sparse weight has as many values as coordinates"},
           false;
  w.positions.emplace();
  for (auto [linear, source] : order) {
    w.positions->push_back(linear);
    if (!ints.empty())
      w.ints.push_back(ints[source]);
    else
      w.floats.push_back(floats[source]);
  }
  return true;
}

/// Reads a constant's elements. Blobs are in host order, as MLIR stores them.
bool readElements(ElementsAttr attr, FoldedWeight &w, FoldError &why) {
  Type type = w.elementType;
  if (auto sparse = dyn_cast<SparseElementsAttr>(attr))
    return readSparse(sparse, w, why);
  if (w.numElements() > kMaxFoldedElements)
    return why = {FoldError::TooLarge, "the weight is too large to fold"},
           false;
  if (auto dense = dyn_cast<DenseElementsAttr>(attr)) {
    w.ints.reserve(isa<IntegerType>(type) ? dense.getNumElements() : 0);
    if (isa<IntegerType>(type))
      for (const APInt &x : dense.getValues<APInt>())
        w.ints.push_back(x.getSExtValue());
    else
      for (const APFloat &x : dense.getValues<APFloat>())
        w.floats.push_back(x.convertToDouble());
    return true;
  }
  auto resource = dyn_cast<DenseResourceElementsAttr>(attr);
  AsmResourceBlob *blob =
      resource ? resource.getRawHandle().getBlob() : nullptr;
  if (!blob)
    return why = {FoldError::NotConstant,
                  "the weight's elements are elided or not dense"},
           false;
  ArrayRef<char> data = blob->getData();
  unsigned bits = type.getIntOrFloatBitWidth();
  size_t bytes = bits / 8;
  if (bits % 8 || data.size() != size_t(w.numElements()) * bytes)
    return why = {FoldError::NotConstant,
                  "the weight's blob does not hold its elements"},
           false;
  for (size_t i = 0; i < data.size(); i += bytes) {
    uint64_t raw = 0;
    std::memcpy(&raw, data.data() + i, bytes);
    if (auto fp = dyn_cast<FloatType>(type))
      w.floats.push_back(
          APFloat(fp.getFloatSemantics(), APInt(bits, raw)).convertToDouble());
    else
      w.ints.push_back(signExtend(raw, bits));
  }
  return true;
}

/// The initial value of the constant global a `memref.get_global` or an
/// `ml_program.global_load_const` reads, or null.
ElementsAttr globalValue(Operation *op) {
  if (auto get = dyn_cast<memref::GetGlobalOp>(op)) {
    auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
        op, get.getNameAttr());
    if (!global || !global.getConstant())
      return nullptr;
    return dyn_cast_or_null<ElementsAttr>(global.getInitialValueAttr());
  }
  if (auto load = dyn_cast<ml_program::GlobalLoadConstOp>(op)) {
    auto global = SymbolTable::lookupNearestSymbolFrom<ml_program::GlobalOp>(
        op, load.getGlobalAttr());
    if (!global || global.getIsMutable())
      return nullptr;
    return dyn_cast_or_null<ElementsAttr>(global.getValueAttr());
  }
  return nullptr;
}

/// The generic's body as steps from its input to its yield: one input, all
/// loops parallel, the output indexed by the loops in order, the input by a
/// permutation of them, and a chain of known steps whose other operands are
/// constants. `source` receives the input's permutation.
std::optional<SmallVector<Step>>
matchCastGeneric(linalg::GenericOp op, SmallVector<unsigned> &source) {
  if (op.getNumDpsInputs() != 1 || op.getNumDpsInits() != 1 ||
      op.getNumReductionLoops() != 0 || op->getNumResults() != 1)
    return std::nullopt;
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (!maps[1].isIdentity() || !maps[0].isPermutation())
    return std::nullopt;
  source.clear();
  for (unsigned j = 0; j < maps[0].getNumResults(); ++j)
    source.push_back(maps[0].getDimPosition(j));
  Block &body = op.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  Value arg = body.getArgument(0);
  SmallVector<Step> steps;
  Value v = yield->getOperand(0);
  while (v != arg) {
    Operation *def = v.getDefiningOp();
    if (!def || def->getBlock() != &body || def->getNumResults() != 1)
      return std::nullopt;
    // The operand the element flows through: the one defined in the body
    // (or the block argument); the other must be a constant.
    Value from;
    for (Value operand : def->getOperands())
      if (operand == arg || (operand.getDefiningOp() &&
                             operand.getDefiningOp()->getBlock() == &body &&
                             !scalarConstant(operand)))
        from = operand;
    if (!from)
      return std::nullopt;
    std::optional<Step> step = matchStep(def, from);
    if (!step)
      return std::nullopt;
    steps.push_back(*step);
    v = from;
  }
  std::reverse(steps.begin(), steps.end());
  return steps;
}

bool fold(Value v, bool evaluate, FoldedWeight &w, FoldError &why);

/// Folds the elementwise steps in front of `source` (same shape).
bool foldSteps(Value source, ArrayRef<Step> steps, Type resultType,
               bool evaluate, FoldedWeight &w, FoldError &why) {
  if (!fold(source, evaluate, w, why))
    return false;
  if (!isa<IntegerType>(w.elementType) && !steps.empty())
    return why = {FoldError::ElementType,
                  "float weights are folded through reshapes and transposes "
                  "only"},
           false;
  w.throughOps = true;
  if (evaluate)
    for (const Step &s : steps)
      if (!applyStep(s, w, why))
        return false;
  w.elementType = getElementTypeOrSelf(resultType);
  return true;
}

bool fold(Value v, bool evaluate, FoldedWeight &w, FoldError &why) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  if (!type || !type.hasStaticShape())
    return why = {FoldError::DynamicShape, "the weight has a dynamic shape"},
           false;
  if (!isSupportedElementType(type.getElementType()))
    return why = {FoldError::ElementType, "unsupported weight element type"},
           false;
  Operation *def = v.getDefiningOp();
  if (!def)
    return why = {FoldError::NotConstant, "the weight is not a constant"},
           false;

  auto readConstant = [&](ElementsAttr attr) {
    // A global's verifier does not tie its value's type to the global's, so
    // the value read may not be what the load promises.
    ShapedType valueType = attr.getShapedType();
    if (valueType.getShape() != type.getShape() ||
        valueType.getElementType() != type.getElementType())
      return why = {FoldError::NotConstant,
                    "the weight's value is not of its type"},
             false;
    w.shape.assign(type.getShape().begin(), type.getShape().end());
    w.elementType = type.getElementType();
    if (!isa<SparseElementsAttr>(attr) &&
        type.getNumElements() > kMaxFoldedElements)
      return why = {FoldError::TooLarge, "the weight is too large to fold"},
             false;
    return !evaluate || readElements(attr, w, why);
  };
  auto reshaped = [&](Value source) {
    if (!fold(source, evaluate, w, why))
      return false;
    w.shape.assign(type.getShape().begin(), type.getShape().end());
    w.throughOps = true;
    return true;
  };

  ElementsAttr attr;
  if (matchPattern(v, m_Constant(&attr)))
    return readConstant(attr);
  if (auto toTensor = dyn_cast<bufferization::ToTensorOp>(def)) {
    Operation *memrefDef = toTensor.getBuffer().getDefiningOp();
    if (ElementsAttr value = memrefDef ? globalValue(memrefDef) : nullptr)
      return readConstant(value);
    return why = {FoldError::NotConstant,
                  "the weight's buffer is not a constant global"},
           false;
  }
  if (isa<ml_program::GlobalLoadConstOp>(def)) {
    if (ElementsAttr value = globalValue(def))
      return readConstant(value);
    return why = {FoldError::NotConstant,
                  "the weight's global is mutable or has no value"},
           false;
  }
  if (isa<tensor::CastOp, tensor::CollapseShapeOp, tensor::ExpandShapeOp>(def))
    return reshaped(def->getOperand(0));
  if (auto reshape = dyn_cast<tensor::ReshapeOp>(def))
    return reshaped(reshape.getSource());
  if (auto transpose = dyn_cast<linalg::TransposeOp>(def)) {
    if (!fold(transpose.getInput(), evaluate, w, why))
      return false;
    ArrayRef<int64_t> perm = transpose.getPermutation();
    SmallVector<unsigned> source(perm.size());
    for (unsigned i = 0; i < perm.size(); ++i)
      source[perm[i]] = i;
    w.throughOps = true;
    if (evaluate)
      permute(w, type.getShape(), source);
    w.shape.assign(type.getShape().begin(), type.getShape().end());
    return true;
  }
  if (auto generic = dyn_cast<linalg::GenericOp>(def)) {
    SmallVector<unsigned> source;
    std::optional<SmallVector<Step>> steps = matchCastGeneric(generic, source);
    if (!steps)
      return why = {FoldError::NotConstant,
                    "the weight comes from a linalg.generic that is not a "
                    "cast, transpose or zero-point subtraction"},
             false;
    Value input = generic.getDpsInputs()[0];
    if (!foldSteps(input, *steps, type, evaluate, w, why))
      return false;
    if (evaluate)
      permute(w, type.getShape(), source);
    w.shape.assign(type.getShape().begin(), type.getShape().end());
    return true;
  }
  if (def->getNumOperands() == 1 && def->getNumResults() == 1 &&
      isa<RankedTensorType>(def->getOperand(0).getType())) {
    if (std::optional<Step> step = matchStep(def, def->getOperand(0)))
      return foldSteps(def->getOperand(0), {*step}, type, evaluate, w, why);
  }
  return why = {FoldError::NotConstant,
                ("the weight is computed by '" + def->getName().getStringRef() +
                 "', not a constant")
                    .str()},
         false;
}

} // namespace

bool mlir::cse_sparse::densify(FoldedWeight &w, FoldError &error) {
  if (!w.positions)
    return true;
  if (w.numElements() > kMaxFoldedElements)
    return error = {FoldError::TooLarge,
                    "the sparse weight is too large to expand (its zeros "
                    "would not stay zero)"},
           false;
  auto expand = [&](auto &values) {
    if (values.empty())
      return;
    std::decay_t<decltype(values)> dense(w.numElements());
    for (size_t i = 0; i < values.size(); ++i)
      dense[(*w.positions)[i]] = values[i];
    values = std::move(dense);
  };
  expand(w.ints);
  expand(w.floats);
  // An all-zero sparse weight had no values to expand.
  if (w.ints.empty() && w.floats.empty()) {
    if (isa<IntegerType>(w.elementType))
      w.ints.assign(w.numElements(), 0);
    else
      w.floats.assign(w.numElements(), 0.0);
  }
  w.positions.reset();
  return true;
}

void mlir::cse_sparse::transposeTo(FoldedWeight &w, ArrayRef<unsigned> order) {
  SmallVector<int64_t> outShape;
  SmallVector<unsigned> source(order.size());
  for (unsigned i = 0; i < order.size(); ++i) {
    outShape.push_back(w.shape[order[i]]);
    source[order[i]] = i;
  }
  permute(w, outShape, source);
}

bool mlir::cse_sparse::isFoldableWeight(Value v) {
  FoldedWeight w;
  FoldError error;
  return fold(v, /*evaluate=*/false, w, error);
}

std::optional<FoldedWeight> mlir::cse_sparse::foldWeight(Value v,
                                                         FoldError &error) {
  FoldedWeight w;
  if (!fold(v, /*evaluate=*/true, w, error))
    return std::nullopt;
  return w;
}

void mlir::cse_sparse::eraseDeadChains(ArrayRef<Operation *> roots,
                                       Operation *scope) {
  // An op is erased only once popped, and only ops alive at the time are
  // pushed (the producers of an op about to be erased), so nothing in the
  // worklist is ever a dangling pointer.
  llvm::SetVector<Operation *> worklist(roots.begin(), roots.end());
  SmallVector<std::pair<Operation *, SymbolRefAttr>> globals;
  while (!worklist.empty()) {
    Operation *op = worklist.pop_back_val();
    // to_tensor declares no effects, but it only reads its buffer.
    bool pure = isMemoryEffectFree(op) || isa<bufferization::ToTensorOp>(op);
    if (!op->use_empty() || !pure || op->hasTrait<OpTrait::IsTerminator>())
      continue;
    for (Value operand : op->getOperands())
      if (Operation *def = operand.getDefiningOp())
        worklist.insert(def);
    Operation *table = SymbolTable::getNearestSymbolTable(op);
    if (auto get = dyn_cast<memref::GetGlobalOp>(op))
      globals.push_back({table, get.getNameAttr()});
    if (auto load = dyn_cast<ml_program::GlobalLoadConstOp>(op))
      globals.push_back({table, load.getGlobalAttr()});
    op->erase();
  }
  for (auto [table, name] : globals) {
    // Globals outside the pass's own op belong to ops other threads may be
    // reading.
    if (!table || !scope->isAncestor(table))
      continue;
    Operation *symbol = SymbolTable::lookupSymbolIn(table, name);
    if (symbol &&
        SymbolTable::getSymbolVisibility(symbol) ==
            SymbolTable::Visibility::Private &&
        SymbolTable::symbolKnownUseEmpty(symbol, table))
      symbol->erase();
  }
}
