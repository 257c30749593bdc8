//===- LoweringPasses.cpp - steps of --cse-sparse-to-llvm on memrefs ------===//
//
// What the lowering stage adds to upstream's passes so that nothing reaching
// the LLVM stage needs a library a firmware lacks: copies as loops, float
// math as arithmetic, and vectors converted with the pipeline's index width.
//
//===----------------------------------------------------------------------===//

#include "cse-sparse/Pipelines/Passes.h"

#include "mlir/Conversion/LLVMCommon/ConversionTarget.h"
#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVM.h"
#include "mlir/Dialect/Linalg/Utils/Utils.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"
#include "mlir/Transforms/DialectConversion.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <initializer_list>

namespace mlir::cse_sparse {
#define GEN_PASS_DEF_CSESPARSECOPIESTOLOOPSPASS
#define GEN_PASS_DEF_CSESPARSEAPPROXIMATEMATHPASS
#define GEN_PASS_DEF_CSESPARSECONVERTVECTORTOLLVMPASS
#include "cse-sparse/Pipelines/Passes.h.inc"
} // namespace mlir::cse_sparse

using namespace mlir;

//===----------------------------------------------------------------------===//
// Copies
//===----------------------------------------------------------------------===//

namespace {
/// The test finalize-memref-to-llvm applies before it lowers a copy to
/// `llvm.memcpy` rather than to a call of `memrefCopy`.
bool lowersToMemcpy(Type type) {
  auto memref = dyn_cast<MemRefType>(type);
  return memref && (memref.getLayout().isIdentity() ||
                    (memref.hasStaticShape() && memref.getNumElements() > 0 &&
                     memref::isStaticShapeAndContiguousRowMajor(memref)));
}

struct CopiesToLoopsPass
    : cse_sparse::impl::CseSparseCopiesToLoopsPassBase<CopiesToLoopsPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation()->walk([&](memref::CopyOp copy) {
      Type source = copy.getSource().getType(),
           target = copy.getTarget().getType();
      // An unranked copy has no loop nest; it stays a call (host runs only:
      // the bare-pointer C ABI takes ranked memrefs).
      if (isa<MemRefType>(source) && isa<MemRefType>(target) &&
          !(lowersToMemcpy(source) && lowersToMemcpy(target)))
        copies.push_back(copy);
    });
    IRRewriter rewriter(&getContext());
    for (memref::CopyOp copy : copies) {
      rewriter.setInsertionPoint(copy);
      linalg::makeMemRefCopyOp(rewriter, copy.getLoc(), copy.getSource(),
                               copy.getTarget());
      rewriter.eraseOp(copy);
    }
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// Math
//===----------------------------------------------------------------------===//

namespace {
/// `scalar` as a constant of `type`: itself, or splat over a static shape.
Value constant(ImplicitLocOpBuilder &b, Type type, TypedAttr scalar) {
  if (auto shaped = dyn_cast<ShapedType>(type))
    return arith::ConstantOp::create(b, DenseElementsAttr::get(shaped, scalar));
  return arith::ConstantOp::create(b, scalar);
}

enum class Rounding { Trunc, Floor, Ceil, Round, RoundEven };

/// f32 rounding to an integral value, exactly and without a library call
/// (Cortex-M4's FPU has no rounding instruction: LLVM calls `floorf` and
/// the like, and upstream's expansions convert through i64, which is
/// `__aeabi_f2lz` and `__aeabi_l2f`). A magnitude below 2^23 is truncated
/// through a 32-bit integer (one `vcvt` each way) and adjusted, where the
/// difference to the magnitude is exact; anything else (larger, infinite,
/// NaN) is integral already. copysign keeps the sign of zero as C does:
/// trunc(-0.5) and ceil(-0.5) are -0.0.
template <typename OpTy, Rounding kind>
struct RoundToIntegral : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Type type = op.getType();
    auto shaped = dyn_cast<ShapedType>(type);
    auto vector = dyn_cast<VectorType>(type);
    if (!getElementTypeOrSelf(type).isF32() ||
        (shaped && !shaped.hasStaticShape()) || (vector && vector.isScalable()))
      return rewriter.notifyMatchFailure(op, "not f32 of a static shape");
    ImplicitLocOpBuilder b(op.getLoc(), rewriter);
    Type i32 = b.getI32Type();
    if (shaped)
      i32 = shaped.clone(i32);
    auto f32 = [&](double value) {
      return constant(b, type, b.getF32FloatAttr(value));
    };
    auto cmp = [&](arith::CmpFPredicate predicate, Value lhs, Value rhs) {
      return arith::CmpFOp::create(b, predicate, lhs, rhs);
    };
    using arith::CmpFPredicate;

    Value x = op.getOperand();
    Value magnitude = math::AbsFOp::create(b, x);
    Value integral = cmp(CmpFPredicate::UGE, magnitude, f32(8388608.0));
    Value whole = arith::FPToSIOp::create(b, i32, magnitude);
    Value truncated = arith::SIToFPOp::create(b, type, whole); // trunc(|x|)
    Value one = f32(1.0);
    Value rounded;
    if (kind == Rounding::Trunc || kind == Rounding::Floor ||
        kind == Rounding::Ceil) {
      Value t = math::CopySignOp::create(b, truncated, x); // trunc(x)
      rounded = t;
      if (kind == Rounding::Floor)
        rounded = arith::SelectOp::create(b, cmp(CmpFPredicate::OLT, x, t),
                                          arith::SubFOp::create(b, t, one), t);
      if (kind == Rounding::Ceil)
        rounded = arith::SelectOp::create(b, cmp(CmpFPredicate::OGT, x, t),
                                          arith::AddFOp::create(b, t, one), t);
    } else {
      // Away from zero when the fraction is at least one half; to even,
      // when above one half or exactly one half of an odd number.
      Value fraction = arith::SubFOp::create(b, magnitude, truncated);
      Value up = cmp(CmpFPredicate::OGE, fraction, f32(0.5));
      if (kind == Rounding::RoundEven) {
        Value odd = arith::TruncIOp::create(
            b, shaped ? Type(shaped.clone(b.getI1Type())) : b.getI1Type(),
            whole);
        up = arith::OrIOp::create(
            b, cmp(CmpFPredicate::OGT, fraction, f32(0.5)),
            arith::AndIOp::create(
                b, cmp(CmpFPredicate::OEQ, fraction, f32(0.5)), odd));
      }
      rounded = math::CopySignOp::create(
          b,
          arith::SelectOp::create(
              b, up, arith::AddFOp::create(b, truncated, one), truncated),
          x);
    }
    rewriter.replaceOpWithNewOp<arith::SelectOp>(op, integral, x, rounded);
    return success();
  }
};

bool isOneOf(StringRef name, std::initializer_list<StringRef> names) {
  return llvm::is_contained(names, name);
}

/// The functions whose upstream polynomial approximation stays within a few
/// ULP of the correctly rounded f32 result over the whole range (measured
/// against double precision, test/Integration/Host/math.mlir). Upstream
/// also approximates sin, cos, atan, atan2 and cbrt, but up to 1e-5 off (a
/// 10% relative error for sin near zero): those keep libm. Narrower floats
/// are computed in f32.
bool approximated(StringRef name) {
  return isOneOf(
      name,
      {math::ExpOp::getOperationName(), math::ExpM1Op::getOperationName(),
       math::LogOp::getOperationName(), math::Log2Op::getOperationName(),
       math::Log1pOp::getOperationName(), math::TanhOp::getOperationName(),
       math::ErfOp::getOperationName(), math::ErfcOp::getOperationName(),
       math::AsinOp::getOperationName(), math::AcosOp::getOperationName()});
}

struct ApproximateMathPass
    : cse_sparse::impl::CseSparseApproximateMathPassBase<ApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // Only expansions as exact as their parts: rsqrt (1 / sqrt), clampf
    // (min and max) and fpowi with a constant exponent (multiplications;
    // others become powf). Not ctlz (`clz` on every Cortex-M3 and up; integer
    // paths stay as they are), fma (an FPU instruction; mul + add rounds
    // twice), tanh (approximated directly), powf and exp2 (exp(y * log x) is
    // NaN for a negative base, exp(x * ln 2) 35 ULP off), the hyperbolic
    // functions (sinh and asinh lose all precision near zero, cosh and acosh
    // overflow early), ceil, round and roundeven (below, without i64).
    math::populateExpansionPatterns(patterns, {"fpowi", "rsqrt", "clampf"});
    patterns.add<RoundToIntegral<math::TruncOp, Rounding::Trunc>,
                 RoundToIntegral<math::FloorOp, Rounding::Floor>,
                 RoundToIntegral<math::CeilOp, Rounding::Ceil>,
                 RoundToIntegral<math::RoundOp, Rounding::Round>,
                 RoundToIntegral<math::RoundEvenOp, Rounding::RoundEven>>(
        &getContext());
    populateMathF32ExpansionPatterns(patterns, approximated);
    populateMathPolynomialApproximationPatterns(patterns, approximated);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// Vectors
//===----------------------------------------------------------------------===//

namespace {
/// Upstream's ConvertVectorToLLVMPass with its default options, but a type
/// converter of the requested index width, and n-D vector.from_elements and
/// to_elements unrolled first.
struct ConvertVectorToLLVMPass
    : cse_sparse::impl::CseSparseConvertVectorToLLVMPassBase<
          ConvertVectorToLLVMPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *context = &getContext();
    {
      // The progressive lowering of slices, contractions, masks and
      // reductions to what the conversion patterns take.
      RewritePatternSet patterns(context);
      vector::populateVectorToVectorCanonicalizationPatterns(patterns);
      vector::populateVectorBitCastLoweringPatterns(patterns);
      vector::populateVectorBroadcastLoweringPatterns(patterns);
      vector::populateVectorContractLoweringPatterns(
          patterns, vector::VectorContractLowering::Dot);
      vector::populateVectorOuterProductLoweringPatterns(patterns);
      vector::populateVectorMultiReductionLoweringPatterns(
          patterns, vector::VectorMultiReductionLowering::InnerReduction);
      vector::populateVectorMaskOpLoweringPatterns(patterns);
      vector::populateVectorShapeCastLoweringPatterns(patterns);
      vector::populateVectorInterleaveLoweringPatterns(patterns);
      vector::populateVectorTransposeLoweringPatterns(
          patterns, vector::VectorTransposeLowering::EltWise);
      // Transfers of rank > 1 were lowered by convert-vector-to-scf.
      vector::populateVectorTransferLoweringPatterns(patterns,
                                                     /*maxTransferRank=*/1);
      vector::populateVectorMaskMaterializationPatterns(
          patterns, /*force32BitVectorIndices=*/true);
      vector::populateVectorInsertExtractStridedSliceTransforms(patterns);
      vector::populateVectorStepLoweringPatterns(patterns);
      vector::populateVectorRankReducingFMAPattern(patterns);
      vector::populateVectorGatherLoweringPatterns(patterns);
      // n-D element lists (convert-vector-to-scf's unrolled transfers build
      // them) as rows, which the conversion patterns take.
      vector::populateVectorFromElementsUnrollPatterns(patterns);
      vector::populateVectorToElementsUnrollPatterns(patterns);
      (void)applyPatternsGreedily(getOperation(), std::move(patterns));
    }
    LowerToLLVMOptions options(context);
    if (indexBitwidth != 0)
      options.overrideIndexBitwidth(indexBitwidth);
    LLVMTypeConverter converter(context, options);
    RewritePatternSet patterns(context);
    vector::populateVectorTransferLoweringPatterns(patterns);
    populateVectorToLLVMConversionPatterns(converter, patterns,
                                           /*reassociateFPReductions=*/false,
                                           /*force32BitVectorIndices=*/true);
    LLVMConversionTarget target(*context);
    target.addLegalDialect<arith::ArithDialect, memref::MemRefDialect>();
    target.addLegalOp<UnrealizedConversionCastOp>();
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
