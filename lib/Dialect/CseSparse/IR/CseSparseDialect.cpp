//===- CseSparseDialect.cpp - cse_sparse dialect and attributes -----------===//

#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::cse_sparse;

#include "cse-sparse/Dialect/CseSparse/IR/CseSparseDialect.cpp.inc"

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
  ShapedType opsType = operands.getType();
  if (opsType.getRank() != 2 || !opsType.hasStaticShape() ||
      opsType.getDimSize(1) != 2)
    return emitError() << "operands must be a K x 2 integer tensor, got "
                       << opsType;
  int64_t k = opsType.getDimSize(0);
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

LogicalResult MatmulOp::verify() {
  EcsrAttr weight = getWeight();
  int64_t m = weight.getType().getDimSize(0),
          n = weight.getType().getDimSize(1);
  auto input = cast<ShapedType>(getInput().getType());
  auto init = cast<ShapedType>(getInit().getType());
  bool tensors = isa<RankedTensorType>(input) && isa<RankedTensorType>(init);
  bool memrefs = isa<MemRefType>(input) && isa<MemRefType>(init);
  if (!tensors && !memrefs)
    return emitOpError("input and init must both be ranked tensors or both "
                       "memrefs, got ")
           << input << " and " << init;
  if (tensors && (getResult().size() != 1 || getResult()[0].getType() != init))
    return emitOpError("on tensors must return one value of the init type ")
           << init;
  if (memrefs && !getResult().empty())
    return emitOpError("on memrefs must not return a value");
  if (input.getRank() != 2 || init.getRank() != 2)
    return emitOpError("input and init must be 2-D (N x B and M x B), got ")
           << input << " and " << init;
  auto dimMismatch = [](int64_t actual, int64_t expected) {
    return !ShapedType::isDynamic(actual) && !ShapedType::isDynamic(expected) &&
           actual != expected;
  };
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
  Type inElem = input.getElementType(), accElem = init.getElementType();
  Type weightElem = weight.getType().getElementType();
  if (isa<IntegerType>(weightElem) != isa<IntegerType>(inElem) ||
      isa<IntegerType>(inElem) != isa<IntegerType>(accElem))
    return emitOpError("weight, input and accumulator must be all integers or "
                       "all floats, got ")
           << weightElem << ", " << inElem << " and " << accElem;
  unsigned inBits = inElem.getIntOrFloatBitWidth();
  unsigned weightBits = weightElem.getIntOrFloatBitWidth();
  unsigned accBits = accElem.getIntOrFloatBitWidth();
  if (accBits < std::max(inBits, weightBits))
    return emitOpError("accumulator ")
           << accElem << " is narrower than the input " << inElem
           << " or the weight " << weightElem;
  if (getUnsignedInput() && !isa<IntegerType>(inElem))
    return emitOpError("unsigned_input needs an integer input, got ") << inElem;
  return success();
}

void MatmulOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  // On tensors the op is pure; on memrefs it reads the input and updates init.
  if (!isa<MemRefType>(getInit().getType()))
    return;
  effects.emplace_back(MemoryEffects::Read::get(), &getInputMutable(),
                       SideEffects::DefaultResource::get());
  effects.emplace_back(MemoryEffects::Read::get(), &getInitMutable(),
                       SideEffects::DefaultResource::get());
  effects.emplace_back(MemoryEffects::Write::get(), &getInitMutable(),
                       SideEffects::DefaultResource::get());
}
