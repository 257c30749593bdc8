//===- DspMatmul.cpp - int8 matrix products with the Arm DSP extension ----===//
//
// What a layer the cost model keeps dense runs as: upstream's loop does one
// multiply-accumulate per load pair, about 4.3 instructions per MAC on a
// Cortex-M4. The DSP extension's SMLAD does two 16-bit products and the
// accumulation at once, and SXTB16 widens two int8 of a word to two int16:
// two weight rows at a time over eight columns an iteration, each word of
// the input is widened once for both rows, as Arm's CMSIS-NN does.
//
//===----------------------------------------------------------------------===//

#include "DspKernels.h"

#include "cse-sparse/Dialect/CseSparse/Utils/MatmulForm.h"
#include "cse-sparse/Pipelines/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace mlir::cse_sparse {
#define GEN_PASS_DEF_CSESPARSEARMDSPMATMULPASS
#include "cse-sparse/Pipelines/Passes.h.inc"
} // namespace mlir::cse_sparse

using namespace mlir;
namespace dsp = mlir::cse_sparse::dsp;
using dsp::DspBuilder;
using dsp::emitFor;

namespace {

/// `v` as a memref of rank 2 whose rows are contiguous (identity layout,
/// default memory space), or null.
MemRefType contiguousBytes(Value v) {
  auto type = dyn_cast<MemRefType>(v.getType());
  if (!type || type.getRank() != 2 || !type.getLayout().isIdentity() ||
      type.getMemorySpace())
    return nullptr;
  return type;
}

/// The product as the kernel computes it: out[i, j] += sum over k of
/// weights[i, k] * vector_j[k], the weight rows static and contiguous.
struct DspProduct {
  /// R x K int8, static, identity layout.
  Value weights;
  /// Vector j is column j of `vectors` (K x J; copied into a contiguous
  /// buffer first), or with `vectorRows` its row j (J x K, contiguous).
  Value vectors;
  bool vectorRows = false;
  /// out[i, j] is `out`[i, j], or `out`[j, i] with `outTransposed`.
  Value out;
  bool outTransposed = false;
};

/// `op` as a DspProduct, if the kernel computes it: signed int8 operands
/// and an int32 result on memrefs, and either
///  - the default maps, C(M x N) += A(M x K) * B(K x N): A's rows are the
///    weights (A static and contiguous, at least four rows), B's columns
///    the vectors;
///  - or B transposed, C(M x N) += A(M x K) * B(N x K)^T, the fully
///    connected layer y = x W^T: B's rows are the weights, A's rows the
///    vectors (B static, A contiguous with a static row length).
std::optional<DspProduct> matchProduct(linalg::MatmulOp op) {
  std::optional<cse_sparse::MatmulForm> form = cse_sparse::matmulForm(op);
  if (!op.hasPureBufferSemantics() || !cse_sparse::isSignedInt8Matmul(op) ||
      !form)
    return std::nullopt;
  Value a = op.getDpsInputs()[0], b = op.getDpsInputs()[1],
        c = op.getDpsInits()[0];
  MemRefType aType = contiguousBytes(a);
  if (*form == cse_sparse::MatmulForm::Product) {
    // Each column is copied before its products: with fewer than four
    // weight rows the copy would cost about as much as the MACs.
    if (!aType || !aType.hasStaticShape() || aType.getDimSize(0) < 4)
      return std::nullopt;
    return DspProduct{a, b, false, c, false};
  }
  MemRefType bType = contiguousBytes(b);
  if (aType && bType && bType.hasStaticShape() && !aType.isDynamicDim(1))
    return DspProduct{b, a, true, c, true};
  return std::nullopt;
}

/// Rows of A a block shares each widened word of the input column with: two
/// accumulators, two words' halves of the column and a row word's stay in
/// the Cortex-M's registers (four rows spill).
constexpr int64_t kRows = 2;

/// Rewrites `op` (as `p`) into loops: per vector (a column copied into
/// `column`, K bytes, or a contiguous row read in place), the weight rows
/// kRows at a time.
class DspMatmulLowering {
public:
  DspMatmulLowering(const DspProduct &p, Value column) : p(p), column(column) {
    auto type = cast<MemRefType>(p.weights.getType());
    rows = type.getDimSize(0);
    k = type.getDimSize(1);
  }

  void emit(ImplicitLocOpBuilder &b) {
    DspBuilder d{b};
    Value vectors = memref::DimOp::create(b, p.vectors, p.vectorRows ? 0 : 1);
    emitFor(b, d.index(0), vectors, d.index(1), {},
            [&](ImplicitLocOpBuilder &vb, Value j, ValueRange) {
              emitVector(vb, j);
              return SmallVector<Value>{};
            });
  }

private:
  /// Every output of vector `j`: blocks of kRows weight rows, then the rows
  /// left (fewer than a block) as one block.
  void emitVector(ImplicitLocOpBuilder &b, Value j) {
    if (!p.vectorRows)
      emitColumnCopy(b, j);
    dsp::emitRowBlocks(b, rows, kRows,
                       [&](ImplicitLocOpBuilder &rb, ValueRange block) {
                         emitRowBlock(rb, block, j);
                       });
  }

  /// Column `j` of B into the contiguous `column` buffer.
  void emitColumnCopy(ImplicitLocOpBuilder &b, Value j) {
    DspBuilder d{b};
    emitFor(b, d.index(0), d.index(k), d.index(1), {},
            [&](ImplicitLocOpBuilder &lb, Value i, ValueRange) {
              Value v = memref::LoadOp::create(lb, p.vectors, ValueRange{i, j});
              memref::StoreOp::create(lb, v, column, ValueRange{i});
              return SmallVector<Value>{};
            });
  }

  /// Where vector `j`'s byte `kk` is: in its row of A (C = A B^T), or in the
  /// copied column.
  Value vectorBuffer() const { return p.vectorRows ? p.vectors : column; }
  SmallVector<Value> vectorAt(Value j, Value kk) const {
    if (p.vectorRows)
      return {j, kk};
    return {kk};
  }
  SmallVector<Value> outAt(Value r, Value j) const {
    if (p.outTransposed)
      return {j, r};
    return {r, j};
  }

  /// The outputs of `block` (up to kRows weight rows) for vector `j`: their
  /// sums over double words, a last word, then single columns.
  void emitRowBlock(ImplicitLocOpBuilder &b, ValueRange block, Value j) {
    SmallVector<Value> sums;
    for (Value r : block)
      sums.push_back(memref::LoadOp::create(b, p.out, outAt(r, j)));
    dsp::DotOperands ops;
    ops.vectorWord = [&](ImplicitLocOpBuilder &lb, Value kk) {
      return DspBuilder{lb}.loadWord(vectorBuffer(), vectorAt(j, kk));
    };
    ops.rowWord = [&](ImplicitLocOpBuilder &lb, unsigned r, Value kk) {
      return DspBuilder{lb}.loadWord(p.weights, {block[r], kk});
    };
    ops.vectorByte = [&](ImplicitLocOpBuilder &lb, Value kk) {
      return DspBuilder{lb}.extendedByte(vectorBuffer(), vectorAt(j, kk));
    };
    ops.rowByte = [&](ImplicitLocOpBuilder &lb, unsigned r, Value kk) {
      return DspBuilder{lb}.extendedByte(p.weights, {block[r], kk});
    };
    sums = dsp::emitDot(b, sums, k, ops);
    for (auto [r, sum] : llvm::zip(block, sums))
      memref::StoreOp::create(b, sum, p.out, outAt(r, j));
  }

  const DspProduct &p;
  Value column;
  int64_t rows, k;
};

void lowerMatmul(linalg::MatmulOp op, const DspProduct &p, Value column) {
  ImplicitLocOpBuilder b(op.getLoc(), op);
  DspMatmulLowering(p, column).emit(b);
}

struct ArmDspMatmulPass
    : cse_sparse::impl::CseSparseArmDspMatmulPassBase<ArmDspMatmulPass> {
  void runOnOperation() override {
    getOperation()->walk([&](func::FuncOp func) {
      if (func.isExternal())
        return;
      SmallVector<std::pair<linalg::MatmulOp, DspProduct>> matmuls;
      func.walk([&](linalg::MatmulOp op) {
        if (std::optional<DspProduct> p = matchProduct(op))
          matmuls.emplace_back(op, *p);
      });
      for (auto &[op, p] : matmuls) {
        // Columns are copied into a buffer at the function's entry, as
        // kernel scratch is: loops around the op do not grow the stack.
        Value column;
        if (!p.vectorRows) {
          int64_t k = cast<MemRefType>(p.weights.getType()).getDimSize(1);
          OpBuilder entry = OpBuilder::atBlockBegin(&func.getBody().front());
          column = memref::AllocaOp::create(
              entry, op.getLoc(), MemRefType::get({k}, entry.getI8Type()),
              entry.getI64IntegerAttr(4));
        }
        lowerMatmul(op, p, column);
        op.erase();
      }
    });
  }
};

} // namespace
