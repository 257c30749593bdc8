//===- ExtendedCsr.cpp - CSR over inputs and CSE nodes --------------------===//

#include "cse-sparse/Algorithm/ExtendedCsr.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cstring>

using namespace cse_sparse;
using llvm::createStringError;
using llvm::formatv;

namespace {
/// Two's-complement wrap to `bits` bits, sign-extended back to 64.
int64_t wrapTo(uint64_t value, unsigned bits) {
  if (bits >= 64)
    return int64_t(value);
  uint64_t mask = (uint64_t(1) << bits) - 1;
  value &= mask;
  if (value >> (bits - 1))
    value |= ~mask;
  return int64_t(value);
}

uint64_t magnitude(int64_t v) {
  return v < 0 ? uint64_t(0) - uint64_t(v) : uint64_t(v);
}

llvm::Error error(const llvm::Twine &msg) {
  return createStringError(llvm::inconvertibleErrorCode(), msg);
}
} // namespace

ExtendedCsr ExtendedCsr::fromMatrix(const SparseMatrix &matrix) {
  ExtendedCsr e;
  e.rows = matrix.rows();
  e.cols = matrix.cols();
  e.type = matrix.type();
  e.rowPtr = matrix.rowPointers();
  e.operands = matrix.columnIndices();
  e.coefs = matrix.nonzeros();
  return e;
}

SparseMatrix ExtendedCsr::expand() const {
  // Each node multiplied out over the inputs, as a sorted sparse vector.
  using Vec = std::vector<std::pair<uint32_t, uint64_t>>;
  std::vector<Vec> expanded(nodes.size());
  auto operandVec = [&](uint32_t op, int64_t coef) {
    Vec v;
    if (op < cols) {
      v.push_back({op, uint64_t(coef)});
      return v;
    }
    v = expanded[op - cols];
    for (auto &term : v)
      term.second *= uint64_t(coef);
    return v;
  };
  auto addInto = [](const Vec &a, const Vec &b) {
    Vec out;
    size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
      if (j == b.size() || (i < a.size() && a[i].first < b[j].first))
        out.push_back(a[i++]);
      else if (i == a.size() || b[j].first < a[i].first)
        out.push_back(b[j++]);
      else {
        out.push_back({a[i].first, a[i].second + b[j].second});
        ++i, ++j;
      }
    }
    return out;
  };
  for (size_t c = 0; c < nodes.size(); ++c)
    expanded[c] = addInto(operandVec(nodes[c].lhs, nodes[c].lhsCoef),
                          operandVec(nodes[c].rhs, nodes[c].rhsCoef));

  std::vector<SparseMatrix::Triplet> triplets;
  for (uint32_t r = 0; r < rows; ++r)
    for (uint64_t p = rowPtr[r]; p < rowPtr[r + 1]; ++p)
      for (auto [col, coef] : operandVec(operands[p], coefs[p]))
        triplets.push_back({r, col, int64_t(coef)});
  return SparseMatrix::fromTriplets(rows, cols, std::move(triplets), type);
}

llvm::Error ExtendedCsr::verify() const {
  uint64_t numOps = numOperands();
  for (size_t c = 0; c < nodes.size(); ++c) {
    const CseNode &n = nodes[c];
    uint64_t self = uint64_t(cols) + c;
    if (n.lhs >= n.rhs || n.rhs >= self)
      return error(formatv("CSE node {0}: operands ({1}, {2}) must satisfy "
                           "lhs < rhs < {3} (topological order)",
                           c, n.lhs, n.rhs, self));
    if (n.lhsCoef == 0 || n.rhsCoef == 0)
      return error(formatv("CSE node {0}: zero coefficient", c));
  }
  if (rowPtr.size() != uint64_t(rows) + 1)
    return error(formatv("row_ptr has {0} entries, expected {1}", rowPtr.size(),
                         uint64_t(rows) + 1));
  if (operands.size() != coefs.size())
    return error(formatv("{0} operand indices but {1} coefficients",
                         operands.size(), coefs.size()));
  if (rowPtr.front() != 0)
    return error("row_ptr[0] must be 0");
  if (rowPtr.back() != coefs.size())
    return error(formatv("row_ptr ends at {0}, expected nnz = {1}",
                         rowPtr.back(), coefs.size()));
  for (uint32_t r = 0; r < rows; ++r) {
    if (rowPtr[r + 1] < rowPtr[r])
      return error(formatv("row_ptr decreases at row {0}", r));
    for (uint64_t p = rowPtr[r]; p < rowPtr[r + 1]; ++p) {
      if (operands[p] >= numOps)
        return error(formatv("row {0}: operand {1} out of range (< {2})", r,
                             operands[p], numOps));
      if (p > rowPtr[r] && operands[p] <= operands[p - 1])
        return error(formatv("row {0}: operands not strictly increasing at "
                             "entry {1}",
                             r, p));
      if (coefs[p] == 0)
        return error(formatv("row {0}: zero coefficient at entry {1}", r, p));
    }
  }
  return llvm::Error::success();
}

OpCounts cse_sparse::countOps(const ExtendedCsr &ecsr) {
  OpCounts counts;
  llvm::DenseSet<std::pair<uint32_t, uint64_t>> products;
  auto use = [&](uint32_t op, int64_t coef) {
    if (magnitude(coef) >= 2)
      products.insert({op, magnitude(coef)});
  };
  for (const CseNode &n : ecsr.nodes) {
    ++counts.additions;
    use(n.lhs, n.lhsCoef);
    use(n.rhs, n.rhsCoef);
  }
  for (uint32_t r = 0; r < ecsr.rows; ++r) {
    uint64_t terms = ecsr.rowPtr[r + 1] - ecsr.rowPtr[r];
    if (terms > 0)
      counts.additions += terms - 1;
    for (uint64_t p = ecsr.rowPtr[r]; p < ecsr.rowPtr[r + 1]; ++p)
      use(ecsr.operands[p], ecsr.coefs[p]);
  }
  counts.multiplications = products.size();
  return counts;
}

unsigned cse_sparse::adderTreeDepth(const ExtendedCsr &ecsr) {
  std::vector<unsigned> depth(ecsr.nodes.size());
  unsigned maxDepth = 0;
  auto depthOf = [&](uint32_t op) {
    return op < ecsr.cols ? 0u : depth[op - ecsr.cols];
  };
  for (size_t c = 0; c < ecsr.nodes.size(); ++c) {
    depth[c] =
        1 + std::max(depthOf(ecsr.nodes[c].lhs), depthOf(ecsr.nodes[c].rhs));
    maxDepth = std::max(maxDepth, depth[c]);
  }
  return maxDepth;
}

unsigned cse_sparse::indexBytes(uint64_t maxValue) {
  if (maxValue <= 0xff)
    return 1;
  if (maxValue <= 0xffff)
    return 2;
  return 4;
}

unsigned cse_sparse::valueBytes(int64_t lo, int64_t hi, bool *isUnsigned) {
  unsigned signedBytes =
      ElementType::narrowestSigned(std::min<int64_t>(lo, 0), hi).bits / 8;
  unsigned bytes = signedBytes;
  bool useUnsigned = false;
  if (lo >= 0) {
    for (unsigned b : {1u, 2u, 4u}) {
      if (b < signedBytes && uint64_t(hi) <= (uint64_t(1) << (8 * b)) - 1) {
        bytes = b;
        useUnsigned = true;
        break;
      }
    }
  }
  if (isUnsigned)
    *isUnsigned = useUnsigned;
  return bytes;
}

namespace {
constexpr uint64_t kHeaderBytes = 24;
constexpr uint8_t kVersion = 1;
constexpr uint8_t kFlagUnsignedValues = 1;
constexpr uint8_t kFlagCseCoefs = 2;

/// Nodes by operand kinds. lhs < rhs and inputs precede nodes, so a node with
/// one input operand has it on the left.
enum NodeKind { InputInput = 0, InputNode = 1, NodeNode = 2 };

NodeKind kindOf(const CseNode &n, uint32_t cols) {
  if (n.lhs >= cols)
    return NodeNode;
  return n.rhs >= cols ? InputNode : InputInput;
}

std::vector<unsigned> nodeDepths(const ExtendedCsr &e) {
  std::vector<unsigned> depth(e.nodes.size());
  auto depthOf = [&](uint32_t op) {
    return op < e.cols ? 0u : depth[op - e.cols];
  };
  for (size_t c = 0; c < e.nodes.size(); ++c)
    depth[c] = 1 + std::max(depthOf(e.nodes[c].lhs), depthOf(e.nodes[c].rhs));
  return depth;
}

/// Everything the layout derives from an ExtendedCsr in canonical node order.
struct Layout {
  uint64_t nnzIn = 0, nnzCse = 0;
  bool unsignedValues = false, cseCoefsStored = false;
  unsigned rowIn = 1, colIn = 1, rowCse = 1, colCse = 1, value = 1;
  uint64_t inputInput = 0, inputNode = 0, nodeNode = 0;
  /// For depths 2..D: the number of input-node and node-node nodes.
  std::vector<std::pair<uint32_t, uint32_t>> levels;
};

Layout computeLayout(const ExtendedCsr &e) {
  Layout l;
  int64_t lo = 0, hi = 0;
  bool any = false;
  auto see = [&](int64_t v) {
    lo = any ? std::min(lo, v) : v;
    hi = any ? std::max(hi, v) : v;
    any = true;
  };
  std::vector<unsigned> depth = nodeDepths(e);
  for (size_t c = 0; c < e.nodes.size(); ++c) {
    const CseNode &n = e.nodes[c];
    see(n.lhsCoef);
    see(n.rhsCoef);
    NodeKind kind = kindOf(n, e.cols);
    l.cseCoefsStored |= (kind == NodeNode && n.lhsCoef != 1) ||
                        (kind != InputInput && n.rhsCoef != 1);
    if (kind == InputInput) {
      ++l.inputInput;
      continue;
    }
    if (l.levels.size() < depth[c] - 1)
      l.levels.resize(depth[c] - 1);
    auto &level = l.levels[depth[c] - 2];
    if (kind == InputNode) {
      ++l.inputNode;
      ++level.first;
    } else {
      ++l.nodeNode;
      ++level.second;
    }
  }
  for (size_t p = 0; p < e.coefs.size(); ++p) {
    see(e.coefs[p]);
    if (e.operands[p] < e.cols)
      ++l.nnzIn;
    else {
      ++l.nnzCse;
      l.cseCoefsStored |= e.coefs[p] != 1;
    }
  }
  uint64_t k = e.nodes.size();
  l.value = any ? valueBytes(lo, hi, &l.unsignedValues) : 1;
  l.rowIn = indexBytes(l.nnzIn);
  l.colIn = indexBytes(e.cols ? e.cols - 1 : 0);
  l.rowCse = indexBytes(l.nnzCse);
  l.colCse = indexBytes(k ? k - 1 : 0);
  return l;
}

/// Bytes of the node directory and tables (0 without nodes).
uint64_t nodeBytes(const ExtendedCsr &e, const Layout &l) {
  if (e.nodes.empty())
    return 0;
  unsigned cseCoef = l.cseCoefsStored ? l.value : 0;
  return 8 + 8 * l.levels.size() + l.inputInput * 2 * (l.colIn + l.value) +
         l.inputNode * (l.colIn + l.value + l.colCse + cseCoef) +
         l.nodeNode * 2 * (l.colCse + cseCoef);
}

bool isCanonical(const ExtendedCsr &e) {
  std::vector<unsigned> depth = nodeDepths(e);
  for (size_t c = 1; c < e.nodes.size(); ++c) {
    auto key = [&](size_t i) {
      return std::make_pair(depth[i], kindOf(e.nodes[i], e.cols));
    };
    if (key(c) < key(c - 1))
      return false;
  }
  return true;
}
} // namespace

void cse_sparse::canonicalizeNodeOrder(ExtendedCsr &e) {
  if (isCanonical(e))
    return;
  std::vector<unsigned> depth = nodeDepths(e);
  std::vector<uint32_t> order(e.nodes.size());
  for (uint32_t c = 0; c < order.size(); ++c)
    order[c] = c;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return std::make_pair(depth[a], kindOf(e.nodes[a], e.cols)) <
           std::make_pair(depth[b], kindOf(e.nodes[b], e.cols));
  });
  std::vector<uint32_t> newIndex(e.nodes.size());
  for (uint32_t i = 0; i < order.size(); ++i)
    newIndex[order[i]] = e.cols + i;
  auto rename = [&](uint32_t op) {
    return op < e.cols ? op : newIndex[op - e.cols];
  };
  std::vector<CseNode> nodes;
  for (uint32_t old : order) {
    CseNode n = e.nodes[old];
    n.lhs = rename(n.lhs);
    n.rhs = rename(n.rhs);
    if (n.lhs > n.rhs) {
      std::swap(n.lhs, n.rhs);
      std::swap(n.lhsCoef, n.rhsCoef);
    }
    nodes.push_back(n);
  }
  e.nodes = std::move(nodes);
  // Renaming can reorder the node references within a row.
  std::vector<std::pair<uint32_t, int64_t>> row;
  for (uint32_t r = 0; r < e.rows; ++r) {
    row.clear();
    for (uint64_t p = e.rowPtr[r]; p < e.rowPtr[r + 1]; ++p)
      row.push_back({rename(e.operands[p]), e.coefs[p]});
    llvm::sort(row);
    for (uint64_t p = e.rowPtr[r], i = 0; p < e.rowPtr[r + 1]; ++p, ++i) {
      e.operands[p] = row[i].first;
      e.coefs[p] = row[i].second;
    }
  }
}

EcsrSizes cse_sparse::computeEcsrSizes(const ExtendedCsr &e) {
  Layout l = computeLayout(e);
  uint64_t rowPtrs = uint64_t(e.rows) + 1;
  EcsrSizes s;
  s.header = kHeaderBytes;
  s.nodeTable = nodeBytes(e, l);
  s.inputSegment = rowPtrs * l.rowIn + l.nnzIn * (l.colIn + l.value);
  if (!e.nodes.empty())
    s.cseSegment = rowPtrs * l.rowCse +
                   l.nnzCse * (l.colCse + (l.cseCoefsStored ? l.value : 0));
  return s;
}

namespace {
class ByteWriter {
public:
  void put(uint64_t value, unsigned bytes) {
    for (unsigned i = 0; i < bytes; ++i)
      out.push_back(uint8_t(value >> (8 * i)));
  }
  std::vector<uint8_t> out;
};

class ByteReader {
public:
  explicit ByteReader(const std::vector<uint8_t> &bytes) : in(bytes) {}
  bool has(uint64_t count, unsigned width) const {
    return width == 0 || count <= (in.size() - pos) / width;
  }
  uint64_t get(unsigned bytes) {
    uint64_t v = 0;
    for (unsigned i = 0; i < bytes; ++i)
      v |= uint64_t(in[pos++]) << (8 * i);
    return v;
  }
  int64_t getValue(unsigned bytes, bool isUnsigned) {
    uint64_t v = get(bytes);
    return isUnsigned ? int64_t(v) : wrapTo(v, 8 * bytes);
  }
  size_t remaining() const { return in.size() - pos; }

private:
  const std::vector<uint8_t> &in;
  size_t pos = 0;
};
} // namespace

std::vector<uint8_t> cse_sparse::encodeEcsr(const ExtendedCsr &original) {
  ExtendedCsr e = original;
  canonicalizeNodeOrder(e);
  Layout l = computeLayout(e);
  uint64_t k = e.nodes.size();
  ByteWriter w;
  for (char c : {'E', 'C', 'S', 'R'})
    w.put(uint8_t(c), 1);
  w.put(kVersion, 1);
  w.put((l.unsignedValues ? kFlagUnsignedValues : 0) |
            (l.cseCoefsStored ? kFlagCseCoefs : 0),
        1);
  for (unsigned width : {l.rowIn, l.colIn, l.rowCse, l.colCse, l.value, 0u})
    w.put(width, 1);
  w.put(e.rows, 4);
  w.put(e.cols, 4);
  w.put(k, 4);

  if (k > 0) {
    // Directory: input-input nodes (all of depth 1), then per depth >= 2 the
    // input-node and node-node counts, in evaluation order.
    w.put(l.inputInput, 4);
    w.put(l.levels.size(), 4);
    for (auto [inputNode, nodeNode] : l.levels) {
      w.put(inputNode, 4);
      w.put(nodeNode, 4);
    }
    // One table per kind, each field an array (struct of arrays).
    auto nodesOf = [&](NodeKind kind) {
      std::vector<const CseNode *> out;
      for (const CseNode &n : e.nodes)
        if (kindOf(n, e.cols) == kind)
          out.push_back(&n);
      return out;
    };
    auto cse = [&](uint32_t op) { return op - e.cols; };
    auto ii = nodesOf(InputInput), in = nodesOf(InputNode),
         nn = nodesOf(NodeNode);
    for (auto *n : ii)
      w.put(n->lhs, l.colIn);
    for (auto *n : ii)
      w.put(n->rhs, l.colIn);
    for (auto *n : ii)
      w.put(uint64_t(n->lhsCoef), l.value);
    for (auto *n : ii)
      w.put(uint64_t(n->rhsCoef), l.value);
    for (auto *n : in)
      w.put(n->lhs, l.colIn);
    for (auto *n : in)
      w.put(uint64_t(n->lhsCoef), l.value);
    for (auto *n : in)
      w.put(cse(n->rhs), l.colCse);
    if (l.cseCoefsStored)
      for (auto *n : in)
        w.put(uint64_t(n->rhsCoef), l.value);
    for (auto *n : nn)
      w.put(cse(n->lhs), l.colCse);
    for (auto *n : nn)
      w.put(cse(n->rhs), l.colCse);
    if (l.cseCoefsStored) {
      for (auto *n : nn)
        w.put(uint64_t(n->lhsCoef), l.value);
      for (auto *n : nn)
        w.put(uint64_t(n->rhsCoef), l.value);
    }
  }

  // One segment per operand kind, so input references keep the narrow width of
  // plain CSR.
  auto writeSegment = [&](bool inputs, unsigned rowW, unsigned colW,
                          bool withValues) {
    uint64_t count = 0;
    w.put(0, rowW);
    for (uint32_t r = 0; r < e.rows; ++r) {
      for (uint64_t p = e.rowPtr[r]; p < e.rowPtr[r + 1]; ++p)
        count += (e.operands[p] < e.cols) == inputs;
      w.put(count, rowW);
    }
    for (size_t p = 0; p < e.operands.size(); ++p)
      if ((e.operands[p] < e.cols) == inputs)
        w.put(inputs ? e.operands[p] : e.operands[p] - e.cols, colW);
    if (withValues)
      for (size_t p = 0; p < e.operands.size(); ++p)
        if ((e.operands[p] < e.cols) == inputs)
          w.put(uint64_t(e.coefs[p]), l.value);
  };
  writeSegment(/*inputs=*/true, l.rowIn, l.colIn, /*withValues=*/true);
  if (k > 0)
    writeSegment(/*inputs=*/false, l.rowCse, l.colCse, l.cseCoefsStored);
  return std::move(w.out);
}

llvm::Expected<ExtendedCsr>
cse_sparse::decodeEcsr(const std::vector<uint8_t> &bytes) {
  if (bytes.size() < kHeaderBytes)
    return error(formatv("ECSR blob has {0} bytes, shorter than the {1}-byte "
                         "header",
                         bytes.size(), kHeaderBytes));
  if (std::memcmp(bytes.data(), "ECSR", 4) != 0)
    return error("not an ECSR blob (bad magic)");
  ByteReader in(bytes);
  in.get(4);
  if (uint64_t version = in.get(1); version != kVersion)
    return error(formatv("unsupported ECSR version {0}", version));
  uint8_t flags = in.get(1);
  if (flags & ~(kFlagUnsignedValues | kFlagCseCoefs))
    return error(formatv("unknown ECSR flags {0:x}", flags));
  unsigned widths[6];
  for (unsigned i = 0; i < 6; ++i)
    widths[i] = in.get(1);
  for (unsigned i = 0; i < 5; ++i) {
    bool ok = widths[i] == 1 || widths[i] == 2 || widths[i] == 4 ||
              (i == 4 && widths[i] == 8);
    if (!ok)
      return error(formatv("invalid field width {0} in header", widths[i]));
  }
  if (widths[5] != 0)
    return error("reserved header byte must be 0");
  unsigned rowIn = widths[0], colIn = widths[1], rowCse = widths[2],
           colCse = widths[3], valueW = widths[4];
  bool unsignedValues = flags & kFlagUnsignedValues;
  bool cseCoefs = flags & kFlagCseCoefs;
  ExtendedCsr e;
  e.rows = in.get(4);
  e.cols = in.get(4);
  uint64_t k = in.get(4);
  if (uint64_t(e.cols) + k > UINT32_MAX)
    return error(formatv("{0} inputs + {1} CSE nodes exceed 32-bit operand "
                         "indices",
                         e.cols, k));

  if (k > 0) {
    if (!in.has(2, 4))
      return error("truncated node directory");
    uint64_t inputInput = in.get(4), numLevels = in.get(4);
    if (!in.has(numLevels, 8))
      return error("truncated node directory");
    std::vector<std::pair<uint64_t, uint64_t>> levels(numLevels);
    uint64_t total = inputInput;
    for (auto &[inputNode, nodeNode] : levels) {
      inputNode = in.get(4);
      nodeNode = in.get(4);
      total += inputNode + nodeNode;
    }
    if (total != k)
      return error(formatv("node directory counts {0} nodes, header says {1}",
                           total, k));
    uint64_t inputNodes = 0, nodeNodes = 0;
    for (auto [a, b] : levels)
      inputNodes += a, nodeNodes += b;
    unsigned cseCoef = cseCoefs ? valueW : 0;
    if (!in.has(inputInput, 2 * (colIn + valueW)) ||
        !in.has(inputNodes, colIn + valueW + colCse + cseCoef) ||
        !in.has(nodeNodes, 2 * (colCse + cseCoef)))
      return error(formatv("truncated CSE table ({0} nodes)", k));
    auto readArray = [&](uint64_t count, unsigned width, bool value,
                         uint64_t base) {
      std::vector<int64_t> out(count);
      for (int64_t &v : out)
        v = value ? in.getValue(width, unsignedValues)
                  : int64_t(in.get(width) + base);
      return out;
    };
    auto ones = [](uint64_t count) { return std::vector<int64_t>(count, 1); };
    auto iiL = readArray(inputInput, colIn, false, 0);
    auto iiR = readArray(inputInput, colIn, false, 0);
    auto iiA = readArray(inputInput, valueW, true, 0);
    auto iiB = readArray(inputInput, valueW, true, 0);
    auto inL = readArray(inputNodes, colIn, false, 0);
    auto inA = readArray(inputNodes, valueW, true, 0);
    auto inR = readArray(inputNodes, colCse, false, e.cols);
    auto inB =
        cseCoefs ? readArray(inputNodes, valueW, true, 0) : ones(inputNodes);
    auto nnL = readArray(nodeNodes, colCse, false, e.cols);
    auto nnR = readArray(nodeNodes, colCse, false, e.cols);
    auto nnA =
        cseCoefs ? readArray(nodeNodes, valueW, true, 0) : ones(nodeNodes);
    auto nnB =
        cseCoefs ? readArray(nodeNodes, valueW, true, 0) : ones(nodeNodes);
    // Input fields are as wide as the input width, which may reach past N into
    // the node range; verify() below checks the node references.
    for (const auto *array : {&iiL, &iiR, &inL})
      for (int64_t index : *array)
        if (uint64_t(index) >= e.cols)
          return error(formatv("CSE table: input index {0} out of range "
                               "(< {1})",
                               index, e.cols));
    for (uint64_t i = 0; i < inputInput; ++i)
      e.nodes.push_back({uint32_t(iiL[i]), uint32_t(iiR[i]), iiA[i], iiB[i]});
    uint64_t nextIn = 0, nextNn = 0;
    for (auto [inputNode, nodeNode] : levels) {
      for (uint64_t i = 0; i < inputNode; ++i, ++nextIn)
        e.nodes.push_back({uint32_t(inL[nextIn]), uint32_t(inR[nextIn]),
                           inA[nextIn], inB[nextIn]});
      for (uint64_t i = 0; i < nodeNode; ++i, ++nextNn)
        e.nodes.push_back({uint32_t(nnL[nextNn]), uint32_t(nnR[nextNn]),
                           nnA[nextNn], nnB[nextNn]});
    }
  }

  struct Segment {
    std::vector<uint64_t> rowPtr;
    std::vector<uint32_t> ops;
    std::vector<int64_t> vals;
  };
  auto readSegment = [&](const char *name, unsigned rowW, unsigned colW,
                         bool withValues, uint32_t base, uint64_t limit,
                         Segment &s) -> llvm::Error {
    if (!in.has(uint64_t(e.rows) + 1, rowW))
      return error(formatv("truncated {0} row_ptr", name));
    s.rowPtr.resize(uint64_t(e.rows) + 1);
    for (uint64_t &p : s.rowPtr)
      p = in.get(rowW);
    for (uint32_t r = 0; r < e.rows; ++r)
      if (s.rowPtr[r + 1] < s.rowPtr[r])
        return error(formatv("{0} row_ptr decreases at row {1}", name, r));
    if (s.rowPtr.front() != 0)
      return error(formatv("{0} row_ptr[0] must be 0", name));
    uint64_t nnz = s.rowPtr.back();
    if (!in.has(nnz, colW + (withValues ? valueW : 0)))
      return error(formatv("truncated {0} entries ({1} expected)", name, nnz));
    s.ops.resize(nnz);
    // Checked per segment: an input index >= N would otherwise alias a node.
    for (uint32_t &op : s.ops) {
      uint64_t index = in.get(colW);
      if (index >= limit)
        return error(
            formatv("{0} index {1} out of range (< {2})", name, index, limit));
      op = uint32_t(index + base);
    }
    s.vals.assign(nnz, 1);
    if (withValues)
      for (int64_t &v : s.vals)
        v = in.getValue(valueW, unsignedValues);
    return llvm::Error::success();
  };
  Segment inputs, cses;
  if (auto err = readSegment("input", rowIn, colIn, true, 0, e.cols, inputs))
    return std::move(err);
  if (k > 0) {
    if (auto err =
            readSegment("CSE", rowCse, colCse, cseCoefs, e.cols, k, cses))
      return std::move(err);
  } else {
    cses.rowPtr.assign(uint64_t(e.rows) + 1, 0);
  }
  if (in.remaining() != 0)
    return error(
        formatv("{0} trailing bytes after the ECSR data", in.remaining()));
  for (uint32_t r = 0; r < e.rows; ++r) {
    for (uint64_t p = inputs.rowPtr[r]; p < inputs.rowPtr[r + 1]; ++p) {
      e.operands.push_back(inputs.ops[p]);
      e.coefs.push_back(inputs.vals[p]);
    }
    for (uint64_t p = cses.rowPtr[r]; p < cses.rowPtr[r + 1]; ++p) {
      e.operands.push_back(cses.ops[p]);
      e.coefs.push_back(cses.vals[p]);
    }
    e.rowPtr.push_back(e.coefs.size());
  }
  if (auto err = e.verify())
    return std::move(err);
  return e;
}

std::vector<int64_t> cse_sparse::evaluate(const ExtendedCsr &e,
                                          const std::vector<int64_t> &x,
                                          unsigned accBits) {
  // Arithmetic mod 2^64 then truncation equals arithmetic mod 2^accBits
  // throughout.
  std::vector<uint64_t> ext(e.numOperands());
  for (uint32_t j = 0; j < e.cols; ++j)
    ext[j] = uint64_t(x[j]);
  for (size_t c = 0; c < e.nodes.size(); ++c) {
    const CseNode &n = e.nodes[c];
    ext[e.cols + c] =
        uint64_t(n.lhsCoef) * ext[n.lhs] + uint64_t(n.rhsCoef) * ext[n.rhs];
  }
  std::vector<int64_t> y(e.rows);
  for (uint32_t r = 0; r < e.rows; ++r) {
    uint64_t acc = 0;
    for (uint64_t p = e.rowPtr[r]; p < e.rowPtr[r + 1]; ++p)
      acc += uint64_t(e.coefs[p]) * ext[e.operands[p]];
    y[r] = wrapTo(acc, accBits);
  }
  return y;
}

std::vector<int64_t>
cse_sparse::multiplyReference(const SparseMatrix &m,
                              const std::vector<int64_t> &x, unsigned accBits) {
  std::vector<int64_t> y(m.rows());
  for (uint32_t r = 0; r < m.rows(); ++r) {
    uint64_t acc = 0;
    for (uint64_t p = m.rowBegin(r); p < m.rowEnd(r); ++p)
      acc += uint64_t(m.nonzeros()[p]) * uint64_t(x[m.columnIndices()[p]]);
    y[r] = wrapTo(acc, accBits);
  }
  return y;
}
