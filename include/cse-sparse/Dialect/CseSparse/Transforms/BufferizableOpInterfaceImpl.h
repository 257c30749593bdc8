//===- BufferizableOpInterfaceImpl.h - cse_sparse bufferization -*- C++ -*-===//

#ifndef CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_BUFFERIZABLEOPINTERFACEIMPL_H
#define CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_BUFFERIZABLEOPINTERFACEIMPL_H

namespace mlir {
class DialectRegistry;
namespace cse_sparse {
/// Lets one-shot-bufferize handle cse_sparse ops: cse_sparse.matmul reads its
/// input and init and writes init in place, its result aliasing init.
void registerBufferizableOpInterfaceExternalModels(DialectRegistry &registry);
} // namespace cse_sparse
} // namespace mlir

#endif // CSE_SPARSE_DIALECT_CSESPARSE_TRANSFORMS_BUFFERIZABLEOPINTERFACEIMPL_H
