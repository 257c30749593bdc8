//===- CseSparseDialect.cpp - cse_sparse dialect and attributes -----------===//

#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"

#include "mlir/Bytecode/BytecodeImplementation.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/Endian.h"

using namespace mlir;
using namespace mlir::cse_sparse;

#include "cse-sparse/Dialect/CseSparse/IR/CseSparseDialect.cpp.inc"
#include "cse-sparse/Dialect/CseSparse/IR/CseSparseEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "cse-sparse/Dialect/CseSparse/IR/CseSparseAttrs.cpp.inc"

#define GET_OP_CLASSES
#include "cse-sparse/Dialect/CseSparse/IR/CseSparseOps.cpp.inc"

namespace {
/// Bytecode for the weight attributes: their arrays are written as
/// attributes of their own, so `dense_resource` blobs stay references into
/// the file's resource section (read before the attributes). In text form
/// the reader would declare each blob again under a new name, and the
/// weight would point at an empty blob. Other attributes keep the text form.
struct CseSparseBytecodeInterface : public BytecodeDialectInterface {
  explicit CseSparseBytecodeInterface(Dialect *dialect)
      : BytecodeDialectInterface(dialect) {}

  enum Kind : uint64_t { kAdderTree = 0, kEcsr = 1 };

  Attribute readAttribute(DialectBytecodeReader &reader) const override {
    uint64_t kind;
    if (failed(reader.readVarInt(kind)))
      return {};
    auto emitError = [&] { return reader.emitError(); };
    if (kind == kAdderTree) {
      int64_t numInputs;
      ElementsAttr operands, coefficients;
      if (failed(reader.readSignedVarInt(numInputs)) ||
          failed(reader.readAttribute(operands)) ||
          failed(reader.readAttribute(coefficients)))
        return {};
      return AdderTreeAttr::getChecked(emitError, getContext(), numInputs,
                                       operands, coefficients);
    }
    if (kind == kEcsr) {
      RankedTensorType type;
      AdderTreeAttr tree;
      ElementsAttr rowPtr, colIdx, values;
      if (failed(reader.readType(type)) || failed(reader.readAttribute(tree)) ||
          failed(reader.readAttribute(rowPtr)) ||
          failed(reader.readAttribute(colIdx)) ||
          failed(reader.readAttribute(values)))
        return {};
      return EcsrAttr::getChecked(emitError, getContext(), type, tree, rowPtr,
                                  colIdx, values);
    }
    reader.emitError() << "unknown cse_sparse attribute kind " << kind;
    return {};
  }

  LogicalResult writeAttribute(Attribute attr,
                               DialectBytecodeWriter &writer) const override {
    if (auto tree = dyn_cast<AdderTreeAttr>(attr)) {
      writer.writeVarInt(kAdderTree);
      writer.writeSignedVarInt(tree.getNumInputs());
      writer.writeAttribute(tree.getOperands());
      writer.writeAttribute(tree.getCoefficients());
      return success();
    }
    if (auto ecsr = dyn_cast<EcsrAttr>(attr)) {
      writer.writeVarInt(kEcsr);
      writer.writeType(ecsr.getType());
      writer.writeAttribute(ecsr.getTree());
      writer.writeAttribute(ecsr.getRowPtr());
      writer.writeAttribute(ecsr.getColIdx());
      writer.writeAttribute(ecsr.getValues());
      return success();
    }
    return failure();
  }
};
} // namespace

void CseSparseDialect::initialize() {
  addInterfaces<CseSparseBytecodeInterface>();
  addOperations<
#define GET_OP_LIST
#include "cse-sparse/Dialect/CseSparse/IR/CseSparseOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "cse-sparse/Dialect/CseSparse/IR/CseSparseAttrs.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Elements attributes
//===----------------------------------------------------------------------===//

namespace {
/// Blob layouts MLIR defines (host-endian, one element per 1, 2, 4 or 8
/// bytes); narrower integers have none, so they are refused, not guessed.
bool isReadableBlobType(Type elementType, std::string &why) {
  unsigned bits =
      elementType.isIntOrFloat() ? elementType.getIntOrFloatBitWidth() : 0;
  if ((isa<IntegerType>(elementType) &&
       llvm::is_contained({8u, 16u, 32u, 64u}, bits)) ||
      elementType.isF32() || elementType.isF64())
    return true;
  llvm::raw_string_ostream(why)
      << "dense_resource blobs of " << elementType
      << " are not read (8-, 16-, 32- and 64-bit integers, f32 and f64 are)";
  return false;
}

/// The bits of each element of a blob, stored host-endian at the element
/// type's width as MLIR's blobs are.
FailureOr<SmallVector<APInt>> readBlob(DenseResourceElementsAttr attr,
                                       std::string &why) {
  ShapedType type = attr.getType();
  Type elementType = type.getElementType();
  if (!isReadableBlobType(elementType, why))
    return failure();
  unsigned bits = elementType.getIntOrFloatBitWidth();
  AsmResourceBlob *blob = attr.getRawHandle().getBlob();
  if (!blob) {
    why = ("the blob of dense_resource<" + attr.getRawHandle().getKey() +
           "> is not available (elided or missing from the resources)")
              .str();
    return failure();
  }
  ArrayRef<char> data = blob->getData();
  uint64_t bytes = bits / 8;
  uint64_t count = type.getNumElements();
  if (data.size() != count * bytes) {
    why = ("dense_resource<" + attr.getRawHandle().getKey() + "> holds " +
           Twine(data.size()) + " bytes, expected " + Twine(count * bytes) +
           " for " + Twine(count) + " elements")
              .str();
    return failure();
  }
  SmallVector<APInt> out;
  out.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t word = 0;
    const char *at = data.data() + i * bytes;
    switch (bytes) {
    case 1:
      word = uint8_t(*at);
      break;
    case 2:
      word = llvm::support::endian::read16(at, llvm::endianness::native);
      break;
    case 4:
      word = llvm::support::endian::read32(at, llvm::endianness::native);
      break;
    default:
      word = llvm::support::endian::read64(at, llvm::endianness::native);
    }
    out.push_back(APInt(bits, word));
  }
  return out;
}

bool isZeroBits(Type elementType, const APInt &bits) {
  if (auto f = dyn_cast<FloatType>(elementType))
    return APFloat(f.getFloatSemantics(), bits).isZero();
  return bits.isZero();
}

SmallVector<int64_t> signExtended(ArrayRef<APInt> bits) {
  return llvm::map_to_vector(bits,
                             [](const APInt &v) { return v.getSExtValue(); });
}

bool isRankWithDims(ShapedType type, ArrayRef<int64_t> dims) {
  return type.hasStaticShape() && type.getShape() == dims;
}

/// The elements of an attribute that verified.
SmallVector<APInt> verifiedBits(ElementsAttr attr) {
  std::string why;
  FailureOr<SmallVector<APInt>> bits = readElementBits(attr, why);
  assert(succeeded(bits) && "reading elements of a verified attribute");
  return std::move(*bits);
}

DenseElementsAttr verifiedDense(ElementsAttr attr) {
  std::string why;
  FailureOr<DenseElementsAttr> dense = toDenseElements(attr, why);
  assert(succeeded(dense) && "reading elements of a verified attribute");
  return *dense;
}
} // namespace

FailureOr<SmallVector<APInt>>
mlir::cse_sparse::readElementBits(ElementsAttr attr, std::string &why) {
  if (auto blob = dyn_cast<DenseResourceElementsAttr>(attr))
    return readBlob(blob, why);
  Type elementType = attr.getElementType();
  if (isa<IntegerType>(elementType)) {
    if (auto values = attr.tryGetValues<APInt>())
      return llvm::to_vector(*values);
  } else if (isa<FloatType>(elementType)) {
    if (auto values = attr.tryGetValues<APFloat>())
      return llvm::map_to_vector(
          *values, [](const APFloat &v) { return v.bitcastToAPInt(); });
  }
  why = "the elements of this attribute cannot be read as integers or floats";
  return failure();
}

FailureOr<DenseElementsAttr>
mlir::cse_sparse::toDenseElements(ElementsAttr attr, std::string &why) {
  if (auto dense = dyn_cast<DenseElementsAttr>(attr))
    return dense;
  FailureOr<SmallVector<APInt>> bits = readElementBits(attr, why);
  if (failed(bits))
    return failure();
  ShapedType type = attr.getShapedType();
  if (auto f = dyn_cast<FloatType>(type.getElementType())) {
    SmallVector<APFloat> floats =
        llvm::map_to_vector(*bits, [&](const APInt &v) {
          return APFloat(f.getFloatSemantics(), v);
        });
    return DenseElementsAttr::get(type, floats);
  }
  return DenseElementsAttr::get(type, *bits);
}

namespace {
/// Reads an attribute's named arrays for its verifier, naming the one that
/// cannot be read.
FailureOr<SmallVector<SmallVector<APInt>>>
readParameters(function_ref<InFlightDiagnostic()> emitError,
               ArrayRef<std::pair<StringRef, ElementsAttr>> arrays) {
  SmallVector<SmallVector<APInt>> out;
  for (auto [name, attr] : arrays) {
    std::string why;
    FailureOr<SmallVector<APInt>> bits = readElementBits(attr, why);
    if (failed(bits))
      return emitError() << name << ": " << why;
    out.push_back(std::move(*bits));
  }
  return out;
}

/// Whether `attr` is a blob whose data is not loaded yet. The text parser
/// builds attributes before it reaches the file's resources (listed last),
/// so the contents of such blobs are checked by the ops holding them
/// (verifyWeightContents).
bool isPendingBlob(ElementsAttr attr) {
  auto blob = dyn_cast<DenseResourceElementsAttr>(attr);
  return blob && !blob.getRawHandle().getBlob();
}

/// Checks the blobs among an attribute's named arrays: their element types
/// at once (known before the data), failing on one that cannot be read;
/// then says whether every array's data is loaded, so that the contents
/// can be checked now.
FailureOr<bool>
checkBlobs(function_ref<InFlightDiagnostic()> emitError,
           ArrayRef<std::pair<StringRef, ElementsAttr>> arrays) {
  bool loaded = true;
  for (auto [name, attr] : arrays) {
    std::string why;
    if (isa<DenseResourceElementsAttr>(attr) &&
        !isReadableBlobType(attr.getElementType(), why))
      return emitError() << name << ": " << why;
    loaded &= !isPendingBlob(attr);
  }
  return loaded;
}

/// The adder tree's rules on its contents: topological operands, non-zero
/// coefficients.
LogicalResult verifyTreeContents(function_ref<InFlightDiagnostic()> emitError,
                                 int64_t numInputs, ElementsAttr operands,
                                 ElementsAttr coefficients) {
  FailureOr<SmallVector<SmallVector<APInt>>> bits = readParameters(
      emitError, {{"operands", operands}, {"coefficients", coefficients}});
  if (failed(bits))
    return failure();
  ArrayRef<APInt> coefBits = (*bits)[1];
  Type coefType = coefficients.getElementType();
  SmallVector<int64_t> ops = signExtended((*bits)[0]);
  for (int64_t c = 0, k = int64_t(ops.size() / 2); c < k; ++c) {
    int64_t lhs = ops[2 * c], rhs = ops[2 * c + 1];
    if (lhs < 0 || lhs >= rhs || rhs >= numInputs + c)
      return emitError() << "node " << c << ": operands (" << lhs << ", " << rhs
                         << ") must satisfy 0 <= lhs < rhs < " << numInputs + c
                         << " (topological order)";
    if (isZeroBits(coefType, coefBits[2 * c]) ||
        isZeroBits(coefType, coefBits[2 * c + 1]))
      return emitError() << "node " << c << ": zero coefficient";
  }
  return success();
}

/// The matrix's rules on its contents: row_ptr from 0 to nnz, never
/// decreasing; operands in range and increasing within a row; non-zero
/// values.
LogicalResult verifyEcsrContents(function_ref<InFlightDiagnostic()> emitError,
                                 RankedTensorType type, AdderTreeAttr tree,
                                 ElementsAttr rowPtr, ElementsAttr colIdx,
                                 ElementsAttr values) {
  FailureOr<SmallVector<SmallVector<APInt>>> bits = readParameters(
      emitError,
      {{"row_ptr", rowPtr}, {"col_idx", colIdx}, {"values", values}});
  if (failed(bits))
    return failure();
  ArrayRef<APInt> valueBits = (*bits)[2];
  int64_t m = type.getDimSize(0), n = type.getDimSize(1);
  int64_t nnz = colIdx.getNumElements();
  Type elementType = type.getElementType();
  SmallVector<int64_t> ptr = signExtended((*bits)[0]),
                       cols = signExtended((*bits)[1]);
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
      if (isZeroBits(elementType, valueBits[p]))
        return emitError() << "row " << r << ": zero value at entry " << p;
    }
  }
  return success();
}
} // namespace

LogicalResult mlir::cse_sparse::verifyWeightContents(
    EcsrAttr weight, function_ref<InFlightDiagnostic()> emitError) {
  AdderTreeAttr tree = weight.getTree();
  bool blobs = llvm::any_of(
      ArrayRef<ElementsAttr>{tree.getOperands(), tree.getCoefficients(),
                             weight.getRowPtr(), weight.getColIdx(),
                             weight.getValues()},
      [](ElementsAttr a) { return isa<DenseResourceElementsAttr>(a); });
  // Dense contents were checked when the attribute was built.
  if (!blobs)
    return success();
  if (failed(verifyTreeContents(emitError, tree.getNumInputs(),
                                tree.getOperands(), tree.getCoefficients())))
    return failure();
  return verifyEcsrContents(emitError, weight.getType(), tree,
                            weight.getRowPtr(), weight.getColIdx(),
                            weight.getValues());
}

//===----------------------------------------------------------------------===//
// AdderTreeAttr
//===----------------------------------------------------------------------===//

int64_t AdderTreeAttr::getNumNodes() const {
  return getOperands().getShapedType().getDimSize(0);
}

SmallVector<int64_t> AdderTreeAttr::getOperandValues() const {
  return signExtended(verifiedBits(getOperands()));
}

DenseElementsAttr AdderTreeAttr::getDenseCoefficients() const {
  return verifiedDense(getCoefficients());
}

LogicalResult
AdderTreeAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                      int64_t numInputs, ElementsAttr operands,
                      ElementsAttr coefficients) {
  if (numInputs < 0)
    return emitError() << "num_inputs must be non-negative, got " << numInputs;
  // The algorithm layer and the kernels index operands with 32 bits.
  if (numInputs > int64_t(UINT32_MAX))
    return emitError() << "num_inputs must be below 2^32, got " << numInputs;
  ShapedType opsType = operands.getShapedType();
  if (opsType.getRank() != 2 || !opsType.hasStaticShape() ||
      opsType.getDimSize(1) != 2 || !isa<IntegerType>(opsType.getElementType()))
    return emitError() << "operands must be a K x 2 integer tensor, got "
                       << opsType;
  int64_t k = opsType.getDimSize(0);
  if (numInputs + k > int64_t(UINT32_MAX))
    return emitError() << "num_inputs + nodes must be below 2^32, got "
                       << numInputs << " + " << k;
  if (!isRankWithDims(coefficients.getShapedType(), {k, 2}))
    return emitError() << "coefficients must be a " << k
                       << " x 2 tensor like operands, got "
                       << coefficients.getShapedType();
  Type coefType = coefficients.getElementType();
  if (!coefType.isIntOrFloat())
    return emitError() << "coefficients must be integers or floats, got "
                       << coefType;
  FailureOr<bool> loaded = checkBlobs(
      emitError, {{"operands", operands}, {"coefficients", coefficients}});
  if (failed(loaded))
    return failure();
  if (!*loaded)
    return success();
  return verifyTreeContents(emitError, numInputs, operands, coefficients);
}

//===----------------------------------------------------------------------===//
// EcsrAttr
//===----------------------------------------------------------------------===//

SmallVector<int64_t> EcsrAttr::getRowPtrValues() const {
  return signExtended(verifiedBits(getRowPtr()));
}

SmallVector<int64_t> EcsrAttr::getColIdxValues() const {
  return signExtended(verifiedBits(getColIdx()));
}

DenseElementsAttr EcsrAttr::getDenseValues() const {
  return verifiedDense(getValues());
}

LogicalResult EcsrAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                               RankedTensorType type, AdderTreeAttr tree,
                               ElementsAttr rowPtr, ElementsAttr colIdx,
                               ElementsAttr values) {
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
  ShapedType rowPtrType = rowPtr.getShapedType();
  if (rowPtrType.getRank() != 1 || rowPtr.getNumElements() != m + 1 ||
      !isa<IntegerType>(rowPtrType.getElementType()))
    return emitError() << "row_ptr must have M + 1 = " << m + 1
                       << " integer elements, got " << rowPtrType;
  int64_t nnz = colIdx.getNumElements();
  ShapedType colIdxType = colIdx.getShapedType();
  if (colIdxType.getRank() != 1 || values.getShapedType().getRank() != 1 ||
      values.getNumElements() != nnz ||
      !isa<IntegerType>(colIdxType.getElementType()))
    return emitError() << "col_idx and values must be 1-D of equal length "
                          "(col_idx integers), got "
                       << colIdxType << " and " << values.getShapedType();
  FailureOr<bool> loaded = checkBlobs(
      emitError,
      {{"row_ptr", rowPtr}, {"col_idx", colIdx}, {"values", values}});
  if (failed(loaded))
    return failure();
  if (!*loaded)
    return success();
  return verifyEcsrContents(emitError, type, tree, rowPtr, colIdx, values);
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
  if (failed(verifyWeightContents(weight, [&] { return emitOpError(); })))
    return failure();
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
  if (failed(verifyWeightContents(weight, [&] { return emitOpError(); })))
    return failure();
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
/// init, or only write it with overwrite_init.
template <typename OpTy>
static void getDestinationEffects(
    OpTy op, SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
                 &effects) {
  if (!isa<MemRefType>(op.getInit().getType()))
    return;
  effects.emplace_back(MemoryEffects::Read::get(), &op.getInputMutable(),
                       SideEffects::DefaultResource::get());
  if (!op.getOverwriteInit())
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
