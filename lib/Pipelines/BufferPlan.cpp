//===- BufferPlan.cpp - one stack buffer per function, shared by lifetime -===//
//
// Bufferization gives every intermediate tensor of a model its own buffer;
// on the stack their sum is what a firmware must reserve, although a layer's
// input is dead once its output is computed. This pass computes each
// buffer's lifetime over the function body and packs the buffers into one
// allocation, reusing the bytes of dead ones.
//
//===----------------------------------------------------------------------===//

#include "LifetimeMarkers.h"
#include "cse-sparse/Pipelines/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"

#include <tuple>

namespace mlir::cse_sparse {
#define GEN_PASS_DEF_CSESPARSEPLANBUFFERSPASS
#define GEN_PASS_DEF_CSESPARSEMARKLIFETIMESPASS
#include "cse-sparse/Pipelines/Passes.h.inc"
} // namespace mlir::cse_sparse

using namespace mlir;

namespace {

/// A buffer to place: its allocation, bytes, alignment, the top-level ops
/// (by position in the body) it is live across, and its offset once placed.
struct Buffer {
  Operation *alloc = nullptr;
  uint64_t bytes = 0, alignment = 1;
  unsigned first = 0, last = 0;
  uint64_t offset = 0;
  SmallVector<Operation *> deallocs;
  /// Passed to a call or its address taken as an integer: live throughout.
  bool escapes = false;
};

/// Whether `op` allocates a buffer the plan can take: static shape, identity
/// layout, at the top of the body.
bool isPlannable(Operation *op) {
  auto type = op->getNumResults() == 1
                  ? dyn_cast<MemRefType>(op->getResult(0).getType())
                  : MemRefType();
  return isa<memref::AllocOp, memref::AllocaOp>(op) && type &&
         type.hasStaticShape() && type.getLayout().isIdentity() &&
         type.getElementType().isIntOrFloat() && !type.getMemorySpace() &&
         op->getNumOperands() == 0;
}

/// The lifetime of `b` over `positions` (each top-level op's index): every
/// use of the buffer or of a memref derived from it (a view, a loop result)
/// extends it to the top-level op holding that use. A buffer that escapes
/// (a call, its address taken as an integer) is live throughout. Returns
/// false for a buffer the function returns: it must outlive the call, so it
/// stays out of the plan.
bool computeLifetime(Buffer &b, Block &body,
                     const DenseMap<Operation *, unsigned> &positions) {
  b.first = ~0u;
  b.last = 0;
  SmallVector<Value> worklist{b.alloc->getResult(0)};
  DenseSet<Value> seen{b.alloc->getResult(0)};
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    for (OpOperand &use : v.getUses()) {
      Operation *user = use.getOwner();
      if (isa<memref::DeallocOp>(user)) {
        b.deallocs.push_back(user);
        continue;
      }
      // Out of the body's sight: a callee, or an address as an integer,
      // whose uses are not the buffer's.
      if (isa<func::ReturnOp>(user))
        return false;
      if (isa<CallOpInterface, memref::ExtractAlignedPointerAsIndexOp>(user))
        b.escapes = true;
      Operation *top = body.findAncestorOpInBlock(*user);
      unsigned position = positions.lookup(top);
      b.first = std::min(b.first, position);
      b.last = std::max(b.last, position);
      for (Value result : user->getResults())
        if (isa<BaseMemRefType>(result.getType()) && seen.insert(result).second)
          worklist.push_back(result);
    }
  }
  if (b.escapes) {
    b.first = 0;
    b.last = body.getOperations().size();
  }
  return true;
}

/// The buffers at the top of `body` the plan can take, with their
/// lifetimes; not those the function returns, and none when the function
/// has more than one block.
SmallVector<Buffer> collectBuffers(Block &body) {
  // Lifetimes are spans of the entry block's ops: in a function of several
  // blocks a buffer's uses in the others (and through branch arguments)
  // fall outside any span, so such a function is left as it is.
  if (!body.getParent()->hasOneBlock())
    return {};
  DenseMap<Operation *, unsigned> positions;
  for (auto [i, op] : llvm::enumerate(body))
    positions[&op] = i;
  SmallVector<Buffer> buffers;
  for (Operation &op : body) {
    if (!isPlannable(&op))
      continue;
    auto type = cast<MemRefType>(op.getResult(0).getType());
    uint64_t elementBytes =
        llvm::PowerOf2Ceil((type.getElementTypeBitWidth() + 7) / 8);
    uint64_t alignment = elementBytes;
    if (auto attr = op.getAttrOfType<IntegerAttr>("alignment"))
      alignment = std::max<uint64_t>(alignment, attr.getInt());
    Buffer b;
    b.alloc = &op;
    b.bytes = type.getNumElements() * elementBytes;
    b.alignment = alignment;
    if (computeLifetime(b, body, positions))
      buffers.push_back(std::move(b));
  }
  return buffers;
}

/// Offsets for `buffers`, largest first, each at the lowest aligned offset
/// that overlaps no placed buffer live at the same time. Returns the total.
uint64_t placeBuffers(MutableArrayRef<Buffer> buffers) {
  SmallVector<Buffer *> order;
  for (Buffer &b : buffers)
    order.push_back(&b);
  // Ties in program order (the pointers are into one array): the plan does
  // not depend on the sort. (Not std::stable_sort, whose buffer libstdc++ 12
  // declares deprecated to clang.)
  llvm::sort(order, [](const Buffer *a, const Buffer *b) {
    return std::make_tuple(~a->bytes, a->first, a) <
           std::make_tuple(~b->bytes, b->first, b);
  });
  uint64_t total = 0;
  SmallVector<Buffer *> placed;
  for (Buffer *b : order) {
    SmallVector<Buffer *> live;
    for (Buffer *p : placed)
      if (p->first <= b->last && b->first <= p->last)
        live.push_back(p);
    llvm::sort(live, [](const Buffer *x, const Buffer *y) {
      return x->offset < y->offset;
    });
    uint64_t offset = 0;
    for (Buffer *p : live) {
      if (llvm::alignTo(offset, b->alignment) + b->bytes <= p->offset)
        break;
      offset = std::max(offset, p->offset + p->bytes);
    }
    b->offset = llvm::alignTo(offset, b->alignment);
    total = std::max(total, b->offset + b->bytes);
    placed.push_back(b);
  }
  return total;
}

struct PlanBuffersPass
    : cse_sparse::impl::CseSparsePlanBuffersPassBase<PlanBuffersPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      bool withArena = arena && func.isPublic();
      if (withArena && !SymbolTable::symbolKnownUseEmpty(func, module)) {
        func.emitError() << "arena mode: '" << func.getName()
                         << "' is called inside the module, and its callers "
                            "would need its arena; make it private";
        return signalPassFailure();
      }
      if (failed(planFunction(func, withArena)))
        return signalPassFailure();
    }
  }

  /// The buffer the plan's views point into: an alloca at the top of the
  /// body, or the arena argument appended to `func`.
  Value planBuffer(func::FuncOp func, uint64_t total, uint64_t alignment,
                   bool withArena) {
    Block &body = func.getBody().front();
    OpBuilder builder = OpBuilder::atBlockBegin(&body);
    auto i8 = builder.getIntegerType(8);
    if (!withArena)
      return memref::AllocaOp::create(
          builder, func.getLoc(),
          MemRefType::get({int64_t(std::max<uint64_t>(total, 1))}, i8),
          builder.getI64IntegerAttr(alignment));
    // The caller's memory: it aliases no other argument, and is aligned as
    // the header says.
    NamedAttribute attrs[] = {
        builder.getNamedAttr("llvm.noalias", builder.getUnitAttr()),
        builder.getNamedAttr(
            "llvm.align",
            builder.getI64IntegerAttr(std::max<uint64_t>(alignment, 8)))};
    unsigned index = func.getNumArguments();
    if (failed(func.insertArgument(index, MemRefType::get({int64_t(total)}, i8),
                                   builder.getDictionaryAttr(attrs),
                                   func.getLoc())))
      return Value();
    return body.getArgument(index);
  }

  LogicalResult planFunction(func::FuncOp func, bool withArena) {
    SmallVector<Buffer> buffers = collectBuffers(func.getBody().front());
    if (buffers.empty() && !withArena)
      return success();
    uint64_t total = placeBuffers(buffers);
    if (!withArena && total > maxBytes)
      return func.emitError()
             << "its temporary buffers need " << total
             << " bytes of stack at their peak, above the limit of "
             << uint64_t(maxBytes) << " (max-stack-buffer)";
    uint64_t alignment = 1;
    for (const Buffer &b : buffers)
      alignment = std::max(alignment, b.alignment);

    Value base = planBuffer(func, total, alignment, withArena);
    if (!base)
      return failure();
    OpBuilder builder(func.getContext());
    for (Buffer &b : buffers) {
      for (Operation *dealloc : b.deallocs)
        dealloc->erase();
      builder.setInsertionPoint(b.alloc);
      Value offset =
          arith::ConstantIndexOp::create(builder, b.alloc->getLoc(), b.offset);
      Value view = memref::ViewOp::create(builder, b.alloc->getLoc(),
                                          b.alloc->getResult(0).getType(), base,
                                          offset, ValueRange());
      b.alloc->getResult(0).replaceAllUsesWith(view);
      b.alloc->erase();
    }
    return success();
  }
};

} // namespace

namespace {

/// `call @marker(%address)` before `op`, with the aligned address of
/// `buffer` (the form cse-sparse-llvm-lifetimes turns into an intrinsic).
void insertMarker(OpBuilder &builder, Operation *op, Value buffer,
                  func::FuncOp marker) {
  builder.setInsertionPoint(op);
  Location loc = buffer.getLoc();
  Value address =
      memref::ExtractAlignedPointerAsIndexOp::create(builder, loc, buffer);
  func::CallOp::create(builder, loc, marker, ValueRange{address});
}

/// The declaration `@name(index)` in `module`, added if missing.
func::FuncOp markerDeclaration(ModuleOp module, StringRef name) {
  if (auto existing = module.lookupSymbol<func::FuncOp>(name))
    return existing;
  OpBuilder builder = OpBuilder::atBlockEnd(module.getBody());
  auto func = func::FuncOp::create(
      builder, module.getLoc(), name,
      builder.getFunctionType({builder.getIndexType()}, {}));
  func.setPrivate();
  return func;
}

struct MarkLifetimesPass
    : cse_sparse::impl::CseSparseMarkLifetimesPassBase<MarkLifetimesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    func::FuncOp start =
        markerDeclaration(module, cse_sparse::kLifetimeStartMarker);
    func::FuncOp end =
        markerDeclaration(module, cse_sparse::kLifetimeEndMarker);
    OpBuilder builder(&getContext());
    for (auto func : module.getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      Block &body = func.getBody().front();
      SmallVector<Operation *> ops =
          llvm::map_to_vector(body, [](Operation &op) { return &op; });
      for (const Buffer &b : collectBuffers(body)) {
        // On the heap, or live throughout: nothing to say.
        if (!isa<memref::AllocaOp>(b.alloc) || b.escapes || b.first > b.last)
          continue;
        // In LLVM's entry block, where an alloca is static: one below a
        // loop would be a dynamic allocation, which stack coloring leaves.
        b.alloc->moveBefore(&body.front());
        Value buffer = b.alloc->getResult(0);
        insertMarker(builder, ops[b.first], buffer, start);
        Operation *last = ops[b.last];
        insertMarker(builder,
                     last->hasTrait<OpTrait::IsTerminator>()
                         ? last
                         : last->getNextNode(),
                     buffer, end);
      }
    }
    for (func::FuncOp marker : {start, end})
      if (SymbolTable::symbolKnownUseEmpty(marker, module))
        marker.erase();
  }
};

} // namespace
