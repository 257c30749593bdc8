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

/// Read/write/alias facts come from destination-passing style; bufferizing
/// re-creates the op on the operands' buffers, where it writes init in place.
struct MatmulOpInterface
    : public DstBufferizableOpInterfaceExternalModel<MatmulOpInterface,
                                                     MatmulOp> {
  bool bufferizesToMemoryWrite(Operation *op, OpOperand &operand,
                               const AnalysisState &state) const {
    return cast<MatmulOp>(op).isDpsInit(&operand);
  }

  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options,
                          BufferizationState &state) const {
    auto matmul = cast<MatmulOp>(op);
    FailureOr<Value> input =
        getBuffer(rewriter, matmul.getInput(), options, state);
    if (failed(input))
      return failure();
    FailureOr<Value> init =
        getBuffer(rewriter, matmul.getInit(), options, state);
    if (failed(init))
      return failure();
    rewriter.setInsertionPoint(op);
    auto bufferized = MatmulOp::create(rewriter, op->getLoc(), TypeRange{},
                                       matmul.getWeight(), *input, *init);
    bufferized.setUnsignedInput(matmul.getUnsignedInput());
    bufferized.setCompactTables(matmul.getCompactTables());
    bufferized.setTransposeInput(matmul.getTransposeInput());
    bufferized.setTransposeInit(matmul.getTransposeInit());
    replaceOpWithBufferizedValues(rewriter, op, *init);
    return success();
  }
};

} // namespace

void mlir::cse_sparse::registerBufferizableOpInterfaceExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, CseSparseDialect *) {
    MatmulOp::attachInterface<MatmulOpInterface>(*ctx);
  });
}
