//===- TosaPasses.cpp - steps of --cse-sparse-tosa-to-linalg --------------===//
//
// What upstream's TOSA lowering needs around it to take a TFLite model: a
// target environment that admits its rescales, and a check that nothing of
// TOSA is left when it is done.
//
//===----------------------------------------------------------------------===//

#include "OpsLeft.h"
#include "cse-sparse/Pipelines/Passes.h"

#include "mlir/Dialect/Tosa/IR/TargetEnv.h"

namespace mlir::cse_sparse {
#define GEN_PASS_DEF_CSESPARSEATTACHTOSATARGETPASS
#define GEN_PASS_DEF_CSESPARSEFINISHTOSAPASS
#include "cse-sparse/Pipelines/Passes.h.inc"
} // namespace mlir::cse_sparse

using namespace mlir;

namespace {

/// The module attribute upstream's TOSA passes read the environment from.
constexpr llvm::StringLiteral kTargetEnvName = "tosa.target_env";

/// The specification version attached: the released one.
constexpr tosa::SpecificationVersion kVersion =
    tosa::SpecificationVersion::V_1_0;

/// Every extension of kVersion that MLIR 22 knows (later versions' ones are
/// refused with it): a converted model may use any of them, and validation
/// should only reject what the lowering cannot take.
SmallVector<tosa::Extension> allExtensions() {
  tosa::TosaSpecificationVersion version(kVersion);
  SmallVector<tosa::Extension> extensions;
  for (uint32_t i = 1;
       std::optional<tosa::Extension> e = tosa::symbolizeExtension(i); ++i)
    if (version.isBackwardsCompatibleWith(tosa::getMinVersion(*e)))
      extensions.push_back(*e);
  return extensions;
}

struct AttachTosaTargetPass
    : cse_sparse::impl::CseSparseAttachTosaTargetPassBase<
          AttachTosaTargetPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (module->hasAttr(kTargetEnvName))
      return;
    auto env = tosa::TargetEnvAttr::get(
        &getContext(), kVersion, tosa::Level::eightK,
        {tosa::Profile::pro_int, tosa::Profile::pro_fp}, allExtensions());
    module->setAttr(kTargetEnvName, env);
  }
};

struct FinishTosaPass
    : cse_sparse::impl::CseSparseFinishTosaPassBase<FinishTosaPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    bool left = cse_sparse::reportOpsLeft(
        module,
        [](Operation *op) {
          return isa_and_nonnull<tosa::TosaDialect>(op->getDialect());
        },
        [](Operation *) {
          return "was not lowered by upstream's TOSA conversions (it, or "
                 "this form of it, has no lowering to linalg, tensor, arith "
                 "or scf)";
        });
    if (left)
      return signalPassFailure();
    module->removeAttr(kTargetEnvName);
  }
};

} // namespace
