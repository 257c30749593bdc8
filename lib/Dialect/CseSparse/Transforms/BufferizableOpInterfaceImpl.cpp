//===- BufferizableOpInterfaceImpl.cpp - cse_sparse bufferization ---------===//

#include "cse-sparse/Dialect/CseSparse/Transforms/BufferizableOpInterfaceImpl.h"
#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/DstBufferizableOpInterfaceImpl.h"
#include "mlir/IR/DialectRegistry.h"

using namespace mlir;
using namespace mlir::bufferization;
using namespace mlir::cse_sparse;

namespace {

/// Read/write/alias facts come from destination-passing style, except that
/// init is not read with overwrite_init (so no copy or fill of it is kept
/// for the op's sake); bufferizing
/// re-creates the op on the operands' buffers with its properties (every
/// inherent attribute) and discardable attributes, where it writes init in
/// place. Both ops have operands (input, init).
template <typename OpTy>
struct DestinationOpInterface : public DstBufferizableOpInterfaceExternalModel<
                                    DestinationOpInterface<OpTy>, OpTy> {
  bool bufferizesToMemoryRead(Operation *op, OpOperand &operand,
                              const AnalysisState &state) const {
    auto typed = cast<OpTy>(op);
    return !(typed.isDpsInit(&operand) && typed.getOverwriteInit());
  }

  bool bufferizesToMemoryWrite(Operation *op, OpOperand &operand,
                               const AnalysisState &state) const {
    return cast<OpTy>(op).isDpsInit(&operand);
  }

  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options,
                          BufferizationState &state) const {
    auto typed = cast<OpTy>(op);
    FailureOr<Value> input =
        getBuffer(rewriter, typed.getInput(), options, state);
    if (failed(input))
      return failure();
    FailureOr<Value> init =
        getBuffer(rewriter, typed.getInit(), options, state);
    if (failed(init))
      return failure();
    rewriter.setInsertionPoint(op);
    OpTy::create(rewriter, op->getLoc(), *input, *init, typed.getProperties(),
                 llvm::to_vector(typed->getDiscardableAttrs()));
    replaceOpWithBufferizedValues(rewriter, op, *init);
    return success();
  }
};

} // namespace

void mlir::cse_sparse::registerBufferizableOpInterfaceExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, CseSparseDialect *) {
    MatmulOp::attachInterface<DestinationOpInterface<MatmulOp>>(*ctx);
    Conv2DOp::attachInterface<DestinationOpInterface<Conv2DOp>>(*ctx);
  });
}
