//===- CseSparseDialect.cpp - cse_sparse dialect and attributes -----------===//

#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/CheckedArithmetic.h"

using namespace mlir;
using namespace mlir::cse_sparse;

#include "cse-sparse/Dialect/CseSparse/IR/CseSparseDialect.cpp.inc"
#include "cse-sparse/Dialect/CseSparse/IR/CseSparseEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "cse-sparse/Dialect/CseSparse/IR/CseSparseAttrs.cpp.inc"

#define GET_OP_CLASSES
#include "cse-sparse/Dialect/CseSparse/IR/CseSparseOps.cpp.inc"

void CseSparseDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "cse-sparse/Dialect/CseSparse/IR/CseSparseOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "cse-sparse/Dialect/CseSparse/IR/CseSparseAttrs.cpp.inc"
      >();
}

namespace {
/// Integer elements as int64 (sign-extended; indices are checked for < 0).
SmallVector<int64_t> toInt64(DenseIntElementsAttr attr) {
  SmallVector<int64_t> out;
  out.reserve(attr.getNumElements());
  for (const APInt &v : attr.getValues<APInt>())
    out.push_back(v.getSExtValue());
  return out;
}

/// Whether element `i` of integer or float `attr` is zero.
bool isZeroAt(DenseElementsAttr attr, int64_t i) {
  if (isa<IntegerType>(attr.getElementType()))
    return (*(attr.getValues<APInt>().begin() + i)).isZero();
  return (*(attr.getValues<APFloat>().begin() + i)).isZero();
}

bool isRankWithDims(ShapedType type, ArrayRef<int64_t> dims) {
  return type.hasStaticShape() && type.getShape() == dims;
}
} // namespace

//===----------------------------------------------------------------------===//
// AdderTreeAttr
//===----------------------------------------------------------------------===//

int64_t AdderTreeAttr::getNumNodes() const {
  return getOperands().getType().getDimSize(0);
}

LogicalResult
AdderTreeAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                      int64_t numInputs, DenseIntElementsAttr operands,
                      DenseElementsAttr coefficients) {
  if (numInputs < 0)
    return emitError() << "num_inputs must be non-negative, got " << numInputs;
  // The algorithm layer and the kernels index operands with 32 bits.
  if (numInputs > int64_t(UINT32_MAX))
    return emitError() << "num_inputs must be below 2^32, got " << numInputs;
  ShapedType opsType = operands.getType();
  if (opsType.getRank() != 2 || !opsType.hasStaticShape() ||
      opsType.getDimSize(1) != 2)
    return emitError() << "operands must be a K x 2 integer tensor, got "
                       << opsType;
  int64_t k = opsType.getDimSize(0);
  if (numInputs + k > int64_t(UINT32_MAX))
    return emitError() << "num_inputs + nodes must be below 2^32, got "
                       << numInputs << " + " << k;
  if (!isRankWithDims(coefficients.getType(), {k, 2}))
    return emitError() << "coefficients must be a " << k
                       << " x 2 tensor like operands, got "
                       << coefficients.getType();
  if (!coefficients.getElementType().isIntOrFloat())
    return emitError() << "coefficients must be integers or floats, got "
                       << coefficients.getElementType();
  SmallVector<int64_t> ops = toInt64(operands);
  for (int64_t c = 0; c < k; ++c) {
    int64_t lhs = ops[2 * c], rhs = ops[2 * c + 1];
    if (lhs < 0 || lhs >= rhs || rhs >= numInputs + c)
      return emitError() << "node " << c << ": operands (" << lhs << ", " << rhs
                         << ") must satisfy 0 <= lhs < rhs < " << numInputs + c
                         << " (topological order)";
    if (isZeroAt(coefficients, 2 * c) || isZeroAt(coefficients, 2 * c + 1))
      return emitError() << "node " << c << ": zero coefficient";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// EcsrAttr
//===----------------------------------------------------------------------===//

LogicalResult EcsrAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                               RankedTensorType type, AdderTreeAttr tree,
                               DenseIntElementsAttr rowPtr,
                               DenseIntElementsAttr colIdx,
                               DenseElementsAttr values) {
  if (type.getRank() != 2 || !type.hasStaticShape())
    return emitError() << "type must be a static 2-D tensor, got " << type;
  int64_t m = type.getDimSize(0), n = type.getDimSize(1);
  if (m > int64_t(UINT32_MAX) || n > int64_t(UINT32_MAX))
    return emitError() << "the matrix must have fewer than 2^32 rows and "
                          "columns, got "
                       << type;
  Type elementType = type.getElementType();
  if (!elementType.isIntOrFloat())
    return emitError() << "element type must be an integer or float, got "
                       << elementType;
  if (tree.getNumInputs() != n)
    return emitError() << "adder tree has num_inputs = " << tree.getNumInputs()
                       << ", the matrix has " << n << " columns";
  if (tree.getCoefficients().getElementType() != elementType)
    return emitError() << "adder tree coefficients are "
                       << tree.getCoefficients().getElementType()
                       << ", the matrix element type is " << elementType;
  if (values.getElementType() != elementType)
    return emitError() << "values are " << values.getElementType()
                       << ", the matrix element type is " << elementType;
  if (rowPtr.getType().getRank() != 1 || rowPtr.getNumElements() != m + 1)
    return emitError() << "row_ptr must have M + 1 = " << m + 1
                       << " elements, got " << rowPtr.getType();
  int64_t nnz = colIdx.getNumElements();
  if (colIdx.getType().getRank() != 1 || values.getType().getRank() != 1 ||
      values.getNumElements() != nnz)
    return emitError() << "col_idx and values must be 1-D of equal length, got "
                       << colIdx.getType() << " and " << values.getType();
  SmallVector<int64_t> ptr = toInt64(rowPtr), cols = toInt64(colIdx);
  if (ptr.front() != 0)
    return emitError() << "row_ptr must start at 0, got " << ptr.front();
  for (int64_t r = 0; r < m; ++r)
    if (ptr[r + 1] < ptr[r])
      return emitError() << "row_ptr decreases at row " << r << " (" << ptr[r]
                         << " then " << ptr[r + 1] << ")";
  if (ptr.back() != nnz)
    return emitError() << "row_ptr ends at " << ptr.back()
                       << ", expected nnz = " << nnz;
  int64_t numOperands = n + tree.getNumNodes();
  for (int64_t r = 0; r < m; ++r) {
    for (int64_t p = ptr[r]; p < ptr[r + 1]; ++p) {
      if (cols[p] < 0 || cols[p] >= numOperands)
        return emitError() << "row " << r << ": operand " << cols[p]
                           << " out of range [0, " << numOperands << ")";
      if (p > ptr[r] && cols[p] <= cols[p - 1])
        return emitError() << "row " << r << ": operand " << cols[p]
                           << " repeated or out of order (after " << cols[p - 1]
                           << ")";
      if (isZeroAt(values, p))
        return emitError() << "row " << r << ": zero value at entry " << p;
    }
  }
  return success();
}

//===----------------------------------------------------------------------===//
// MatmulOp
//===----------------------------------------------------------------------===//

namespace {
/// Both ops: tensors or memrefs throughout, one result of init's type on
/// tensors and none on memrefs.
LogicalResult verifyDestinationStyle(Operation *op, ShapedType input,
                                     ShapedType init, TypeRange results) {
  bool tensors = isa<RankedTensorType>(input) && isa<RankedTensorType>(init);
  bool memrefs = isa<MemRefType>(input) && isa<MemRefType>(init);
  if (!tensors && !memrefs)
    return op->emitOpError("input and init must both be ranked tensors or "
                           "both memrefs, got ")
           << input << " and " << init;
  if (tensors && (results.size() != 1 || results[0] != init))
    return op->emitOpError("on tensors must return one value of the init "
                           "type ")
           << init;
  if (memrefs && !results.empty())
    return op->emitOpError("on memrefs must not return a value");
  return success();
}

/// linalg's rule: all integers or all floats, the accumulator at least as
/// wide as the input and the weight.
LogicalResult verifyElementTypes(Operation *op, Type weightElem, Type inElem,
                                 Type accElem, bool unsignedInput) {
  if (!weightElem.isIntOrFloat() || !inElem.isIntOrFloat() ||
      !accElem.isIntOrFloat())
    return op->emitOpError("weight, input and accumulator must be integers "
                           "or floats, got ")
           << weightElem << ", " << inElem << " and " << accElem;
  if (isa<IntegerType>(weightElem) != isa<IntegerType>(inElem) ||
      isa<IntegerType>(inElem) != isa<IntegerType>(accElem))
    return op->emitOpError("weight, input and accumulator must be all "
                           "integers or all floats, got ")
           << weightElem << ", " << inElem << " and " << accElem;
  unsigned inBits = inElem.getIntOrFloatBitWidth();
  unsigned weightBits = weightElem.getIntOrFloatBitWidth();
  unsigned accBits = accElem.getIntOrFloatBitWidth();
  if (accBits < std::max(inBits, weightBits))
    return op->emitOpError("accumulator ")
           << accElem << " is narrower than the input " << inElem
           << " or the weight " << weightElem;
  if (unsignedInput && !isa<IntegerType>(inElem))
    return op->emitOpError("unsigned_input needs an integer input, got ")
           << inElem;
  return success();
}

/// One bias value per output row, in the accumulator's type.
LogicalResult verifyBias(Operation *op,
                         std::optional<DenseIntOrFPElementsAttr> bias,
                         int64_t rows, Type accElem) {
  if (!bias)
    return success();
  auto type = bias->getType();
  if (type.getRank() != 1 || type.getDimSize(0) != rows ||
      type.getElementType() != accElem)
    return op->emitOpError("bias must be a 1-D constant of ")
           << rows << " " << accElem << " values (one per output row), got "
           << type;
  return success();
}

bool dimMismatch(int64_t actual, int64_t expected) {
  return !ShapedType::isDynamic(actual) && !ShapedType::isDynamic(expected) &&
         actual != expected;
}
} // namespace

LogicalResult MatmulOp::verify() {
  EcsrAttr weight = getWeight();
  int64_t m = weight.getType().getDimSize(0),
          n = weight.getType().getDimSize(1);
  auto input = cast<ShapedType>(getInput().getType());
  auto init = cast<ShapedType>(getInit().getType());
  if (failed(
          verifyDestinationStyle(*this, input, init, getResult().getTypes())))
    return failure();
  if (input.getRank() != 2 || init.getRank() != 2)
    return emitOpError("input and init must be 2-D (N x B and M x B), got ")
           << input << " and " << init;
  unsigned inRow = getInputRowDim(), initRow = getInitRowDim();
  auto orientation = [](bool transposed, StringRef rows) {
    return transposed ? ("B x " + rows).str() : (rows + " x B").str();
  };
  if (dimMismatch(input.getDimSize(inRow), n))
    return emitOpError("input (")
           << orientation(inRow, "N") << ") has N = " << input.getDimSize(inRow)
           << ", the weight has " << n << " columns";
  if (dimMismatch(init.getDimSize(initRow), m))
    return emitOpError("init (") << orientation(initRow, "M")
                                 << ") has M = " << init.getDimSize(initRow)
                                 << ", the weight has " << m << " rows";
  if (dimMismatch(init.getDimSize(1 - initRow), input.getDimSize(1 - inRow)))
    return emitOpError("init has a batch of ")
           << init.getDimSize(1 - initRow) << ", the input "
           << input.getDimSize(1 - inRow);
  if (failed(verifyElementTypes(*this, weight.getType().getElementType(),
                                input.getElementType(), init.getElementType(),
                                getUnsignedInput())))
    return failure();
  return verifyBias(*this, getBias(), m, init.getElementType());
}

LogicalResult Conv2DOp::verify() {
  EcsrAttr weight = getWeight();
  int64_t filters = weight.getType().getDimSize(0),
          taps = weight.getType().getDimSize(1);
  auto input = cast<ShapedType>(getInput().getType());
  auto init = cast<ShapedType>(getInit().getType());
  if (failed(
          verifyDestinationStyle(*this, input, init, getResult().getTypes())))
    return failure();
  StringRef layout = stringifyConvLayout(getLayout());
  if (input.getRank() != 4 || init.getRank() != 4)
    return emitOpError("input and init must be 4-D (")
           << layout << "), got " << input << " and " << init;
  auto positive = [](ArrayRef<int64_t> v) {
    return llvm::all_of(v, [](int64_t x) { return x > 0; });
  };
  if (getWindow().size() != 2 || !positive(getWindow()))
    return emitOpError("window must be 2 positive sizes [Kh, Kw]");
  if (getStrides().size() != 2 || !positive(getStrides()))
    return emitOpError("strides must be 2 positive values");
  if (getDilations().size() != 2 || !positive(getDilations()))
    return emitOpError("dilations must be 2 positive values");
  if (getPadding().size() != 4 ||
      llvm::any_of(getPadding(), [](int64_t p) { return p < 0; }))
    return emitOpError(
        "padding must be 4 non-negative values [top, bottom, left, right]");
  // The gather indexes every dimension but the batch statically.
  for (unsigned d = 1; d < 4; ++d)
    if (input.isDynamicDim(d) || init.isDynamicDim(d))
      return emitOpError("only the batch dimension may be dynamic, got ")
             << input << " and " << init;
  int64_t channels = input.getDimSize(getChannelDim());
  int64_t kh = getWindow()[0], kw = getWindow()[1];
  // Sizes that overflow 64 bits cannot describe a buffer anyway.
  std::optional<int64_t> needed = llvm::checkedMul(kh, kw);
  if (needed)
    needed = llvm::checkedMul(*needed, channels);
  if (!needed || taps != *needed)
    return emitOpError("the weight has ")
           << taps << " columns, the window " << kh << "x" << kw << " over "
           << channels << " channels needs "
           << (needed ? std::to_string(*needed) : "more");
  if (init.getDimSize(getChannelDim()) != filters)
    return emitOpError("init has ")
           << init.getDimSize(getChannelDim()) << " channels, the weight has "
           << filters << " filters";
  if (dimMismatch(init.getDimSize(0), input.getDimSize(0)))
    return emitOpError("init has a batch of ")
           << init.getDimSize(0) << ", the input " << input.getDimSize(0);
  for (unsigned i = 0; i < 2; ++i) {
    int64_t size = input.getDimSize(getSpatialDim(i));
    int64_t out = init.getDimSize(getSpatialDim(i));
    if (out == 0)
      continue;
    // Checked: huge strides or pads would otherwise wrap around and let
    // out-of-bounds reads verify.
    std::optional<int64_t> padded = llvm::checkedAdd(size, getPadding()[2 * i]);
    if (padded)
      padded = llvm::checkedAdd(*padded, getPadding()[2 * i + 1]);
    std::optional<int64_t> span = llvm::checkedMul(out - 1, getStrides()[i]);
    std::optional<int64_t> reach =
        llvm::checkedMul(getWindow()[i] - 1, getDilations()[i]);
    std::optional<int64_t> lastTap =
        span && reach ? llvm::checkedAdd(*span, *reach) : std::nullopt;
    if (lastTap)
      lastTap = llvm::checkedAdd(*lastTap, int64_t(1));
    if (!padded || !lastTap)
      return emitOpError("the ")
             << (i ? "width" : "height")
             << "'s padding, strides or dilations overflow 64 bits";
    if (*lastTap > *padded)
      return emitOpError("output ")
             << (i ? "width " : "height ") << out << " reads "
             << (i ? "columns" : "rows") << " up to " << *lastTap
             << " of a padded input of " << *padded;
  }
  Type inElem = input.getElementType(), accElem = init.getElementType();
  if (failed(verifyElementTypes(*this, weight.getType().getElementType(),
                                inElem, accElem, getUnsignedInput())))
    return failure();
  if (auto pad = getPadValueAttr(); pad && pad.getType() != inElem)
    return emitOpError("pad_value must be of the input's element type ")
           << inElem << ", got " << pad.getType();
  return verifyBias(*this, getBias(), filters, accElem);
}

/// On tensors the ops are pure; on memrefs they read the input and update
/// init.
template <typename OpTy>
static void getDestinationEffects(
    OpTy op, SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
                 &effects) {
  if (!isa<MemRefType>(op.getInit().getType()))
    return;
  effects.emplace_back(MemoryEffects::Read::get(), &op.getInputMutable(),
                       SideEffects::DefaultResource::get());
  effects.emplace_back(MemoryEffects::Read::get(), &op.getInitMutable(),
                       SideEffects::DefaultResource::get());
  effects.emplace_back(MemoryEffects::Write::get(), &op.getInitMutable(),
                       SideEffects::DefaultResource::get());
}

void MatmulOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  getDestinationEffects(*this, effects);
}

void Conv2DOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  getDestinationEffects(*this, effects);
}
