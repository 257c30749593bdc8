//===- ExtendedCsr.cpp - CSR over inputs and CSE nodes --------------------===//

#include "cse-sparse/Algorithm/ExtendedCsr.h"
#include "cse-sparse/Algorithm/Random.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <tuple>

using namespace cse_sparse;
using llvm::createStringError;
using llvm::formatv;

namespace {
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

std::vector<unsigned> cse_sparse::nodeDepths(const ExtendedCsr &e) {
  std::vector<unsigned> depth(e.nodes.size());
  auto depthOf = [&](uint32_t op) {
    return op < e.cols ? 0u : depth[op - e.cols];
  };
  for (size_t c = 0; c < e.nodes.size(); ++c)
    depth[c] = 1 + std::max(depthOf(e.nodes[c].lhs), depthOf(e.nodes[c].rhs));
  return depth;
}

unsigned cse_sparse::adderTreeDepth(const ExtendedCsr &ecsr) {
  std::vector<unsigned> depth = nodeDepths(ecsr);
  return depth.empty() ? 0 : *std::max_element(depth.begin(), depth.end());
}

std::pair<int64_t, int64_t> ExtendedCsr::coefficientRange() const {
  std::optional<std::pair<int64_t, int64_t>> range;
  auto see = [&](int64_t v) {
    range = range ? std::make_pair(std::min(range->first, v),
                                   std::max(range->second, v))
                  : std::make_pair(v, v);
  };
  for (const CseNode &n : nodes) {
    see(n.lhsCoef);
    see(n.rhsCoef);
  }
  for (int64_t v : coefs)
    see(v);
  return range.value_or(std::make_pair(int64_t(0), int64_t(0)));
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
constexpr uint64_t kHeaderBytes = 28;
constexpr uint8_t kVersion = 1;
constexpr uint8_t kFlagUnsignedValues = 1;
constexpr uint8_t kFlagCseCoefs = 2;
constexpr uint8_t kFlagSplitInputs = 4;

/// Node kinds by operand: since lhs < rhs and inputs precede nodes, a mixed
/// node has its input on the left.
enum NodeKind : uint8_t { InputInput = 0, InputNode = 1, NodeNode = 2 };

NodeKind kindOf(const CseNode &n, uint32_t cols) {
  if (n.lhs >= cols)
    return NodeNode;
  return n.rhs >= cols ? InputNode : InputInput;
}

/// A group: nodes of one kind whose input-side coefficients are equal; the
/// blob stores those coefficients once, in the directory.
struct GroupKey {
  NodeKind kind;
  int64_t lhsCoef, rhsCoef; // 0 where the side is a node
  bool operator<(const GroupKey &o) const {
    return std::tie(kind, lhsCoef, rhsCoef) <
           std::tie(o.kind, o.lhsCoef, o.rhsCoef);
  }
  bool operator==(const GroupKey &o) const {
    return kind == o.kind && lhsCoef == o.lhsCoef && rhsCoef == o.rhsCoef;
  }
};

GroupKey groupOf(const CseNode &n, uint32_t cols) {
  NodeKind kind = kindOf(n, cols);
  return {kind, kind == NodeNode ? 0 : n.lhsCoef,
          kind == InputInput ? n.rhsCoef : 0};
}

/// Input references in rows: +1, -1, and any other coefficient (stored).
unsigned inputClassOf(int64_t coef) {
  return coef == 1 ? 0 : coef == -1 ? 1 : 2;
}

/// Everything the layout derives from an ExtendedCsr (in any node order).
struct Layout {
  uint64_t nnzIn[3] = {0, 0, 0}, nnzCse = 0;
  bool unsignedValues = false, cseCoefsStored = false;
  /// Input references in three segments by coefficient (+1, -1, other), or
  /// one segment with every value: whichever is smaller.
  bool splitInputs = false;
  unsigned rowIn[3] = {1, 1, 1}, colIn = 1, rowCse = 1, colCse = 1, value = 1;
  /// Per depth - 1, the groups in numbering order with their node counts.
  std::vector<std::vector<std::pair<GroupKey, uint32_t>>> levels;
};

Layout computeLayout(const ExtendedCsr &e) {
  Layout l;
  std::vector<unsigned> depth = nodeDepths(e);
  for (size_t c = 0; c < e.nodes.size(); ++c) {
    const CseNode &n = e.nodes[c];
    l.cseCoefsStored |= (n.lhs >= e.cols && n.lhsCoef != 1) ||
                        (n.rhs >= e.cols && n.rhsCoef != 1);
    if (l.levels.size() < depth[c])
      l.levels.resize(depth[c]);
    auto &groups = l.levels[depth[c] - 1];
    GroupKey key = groupOf(n, e.cols);
    auto it = llvm::find_if(groups, [&](auto &g) { return g.first == key; });
    if (it == groups.end())
      groups.push_back({key, 1});
    else
      ++it->second;
  }
  for (size_t p = 0; p < e.coefs.size(); ++p) {
    if (e.operands[p] < e.cols) {
      ++l.nnzIn[inputClassOf(e.coefs[p])];
    } else {
      ++l.nnzCse;
      l.cseCoefsStored |= e.coefs[p] != 1;
    }
  }
  for (auto &groups : l.levels)
    llvm::sort(groups, [](auto &a, auto &b) { return a.first < b.first; });
  uint64_t k = e.nodes.size();
  auto [lo, hi] = e.coefficientRange();
  l.value = valueBytes(lo, hi, &l.unsignedValues);
  for (unsigned c = 0; c < 3; ++c)
    l.rowIn[c] = indexBytes(l.nnzIn[c]);
  l.colIn = indexBytes(e.cols ? e.cols - 1 : 0);
  uint64_t rowPtrs = uint64_t(e.rows) + 1;
  uint64_t nnzIn = l.nnzIn[0] + l.nnzIn[1] + l.nnzIn[2];
  uint64_t single = rowPtrs * indexBytes(nnzIn) + nnzIn * (l.colIn + l.value);
  uint64_t split = nnzIn * l.colIn + l.nnzIn[2] * l.value;
  for (unsigned c = 0; c < 3; ++c)
    split += rowPtrs * l.rowIn[c];
  l.splitInputs = split < single;
  if (!l.splitInputs)
    l.rowIn[2] = indexBytes(nnzIn);
  l.rowCse = indexBytes(l.nnzCse);
  l.colCse = indexBytes(k ? k - 1 : 0);
  return l;
}

/// Bytes of one stored node of a kind: input indices, node indices, and
/// node-side coefficients only when the blob stores them.
uint64_t nodeEntryBytes(const Layout &l, NodeKind kind) {
  unsigned node = l.colCse + (l.cseCoefsStored ? l.value : 0);
  switch (kind) {
  case InputInput:
    return 2 * l.colIn;
  case InputNode:
    return l.colIn + node;
  case NodeNode:
    return 2 * node;
  }
  return 0;
}

/// Input-side coefficients a group's directory entry holds.
unsigned inputSides(NodeKind kind) {
  return kind == InputInput ? 2 : kind == InputNode ? 1 : 0;
}

/// Directory: the depth D; per depth the number of groups; per group its
/// count (4 bytes), kind (1) and input-side coefficients.
uint64_t directoryBytes(const Layout &l) {
  uint64_t bytes = 4;
  for (const auto &groups : l.levels) {
    bytes += 4;
    for (auto &[key, count] : groups)
      bytes += 5 + inputSides(key.kind) * l.value;
  }
  return bytes;
}

bool isCanonical(const ExtendedCsr &e) {
  std::vector<unsigned> depth = nodeDepths(e);
  for (size_t c = 1; c < e.nodes.size(); ++c) {
    auto key = [&](size_t i) {
      return std::make_pair(depth[i], groupOf(e.nodes[i], e.cols));
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
  // Ties keep node order: the index is the last key (a stable sort without
  // std::stable_sort, whose buffer libstdc++ 12 declares deprecated to clang).
  llvm::sort(order, [&](uint32_t a, uint32_t b) {
    return std::make_tuple(depth[a], groupOf(e.nodes[a], e.cols), a) <
           std::make_tuple(depth[b], groupOf(e.nodes[b], e.cols), b);
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
    // Only node-node operands can swap, and that does not change the group.
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
  if (!e.nodes.empty()) {
    s.nodeTable = directoryBytes(l);
    for (const auto &groups : l.levels)
      for (auto &[key, count] : groups)
        s.nodeTable += count * nodeEntryBytes(l, key.kind);
  }
  uint64_t nnzIn = l.nnzIn[0] + l.nnzIn[1] + l.nnzIn[2];
  if (l.splitInputs) {
    for (unsigned c = 0; c < 3; ++c)
      s.inputSegment += rowPtrs * l.rowIn[c];
    s.inputSegment += nnzIn * l.colIn + l.nnzIn[2] * l.value;
  } else {
    s.inputSegment = rowPtrs * l.rowIn[2] + nnzIn * (l.colIn + l.value);
  }
  if (!e.nodes.empty())
    s.cseSegment = rowPtrs * l.rowCse +
                   l.nnzCse * (l.colCse + (l.cseCoefsStored ? l.value : 0));
  return s;
}

uint64_t cse_sparse::plainCsrBytes(const SparseMatrix &m) {
  auto [lo, hi] = m.valueRange();
  uint64_t value = m.nnz() ? valueBytes(lo, hi) : 1;
  return kHeaderBytes + (uint64_t(m.rows()) + 1) * indexBytes(m.nnz()) +
         m.nnz() * (indexBytes(m.cols() ? m.cols() - 1 : 0) + value);
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
    return isUnsigned ? int64_t(v) : wrapToBits(v, 8 * bytes);
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
            (l.cseCoefsStored ? kFlagCseCoefs : 0) |
            (l.splitInputs ? kFlagSplitInputs : 0),
        1);
  // Unused row_ptr widths (one input segment) are written as 1.
  if (!l.splitInputs)
    l.rowIn[0] = l.rowIn[1] = 1;
  for (unsigned width : {l.rowIn[0], l.rowIn[1], l.rowIn[2], l.colIn, l.rowCse,
                         l.colCse, l.value, 0u, 0u, 0u})
    w.put(width, 1);
  w.put(e.rows, 4);
  w.put(e.cols, 4);
  w.put(k, 4);

  if (k > 0) {
    w.put(l.levels.size(), 4);
    for (const auto &groups : l.levels) {
      w.put(groups.size(), 4);
      for (auto &[key, count] : groups) {
        w.put(count, 4);
        w.put(key.kind, 1);
        if (key.kind != NodeNode)
          w.put(uint64_t(key.lhsCoef), l.value);
        if (key.kind == InputInput)
          w.put(uint64_t(key.rhsCoef), l.value);
      }
    }
    // Groups in numbering order, each a struct of arrays.
    size_t next = 0;
    for (const auto &groups : l.levels) {
      for (auto &[key, count] : groups) {
        llvm::ArrayRef<CseNode> block(e.nodes.data() + next, count);
        next += count;
        bool lhsNode = key.kind == NodeNode, rhsNode = key.kind != InputInput;
        for (const CseNode &n : block)
          w.put(lhsNode ? n.lhs - e.cols : n.lhs, lhsNode ? l.colCse : l.colIn);
        for (const CseNode &n : block)
          w.put(rhsNode ? n.rhs - e.cols : n.rhs, rhsNode ? l.colCse : l.colIn);
        if (l.cseCoefsStored && lhsNode)
          for (const CseNode &n : block)
            w.put(uint64_t(n.lhsCoef), l.value);
        if (l.cseCoefsStored && rhsNode)
          for (const CseNode &n : block)
            w.put(uint64_t(n.rhsCoef), l.value);
      }
    }
  }

  // Rows: input references by coefficient class (+1, -1, stored), then node
  // references, each with its own row_ptr, so every reference keeps the width
  // its kind needs.
  auto writeSegment = [&](auto selects, unsigned rowW, unsigned colW,
                          bool withValues) {
    uint64_t count = 0;
    w.put(0, rowW);
    for (uint32_t r = 0; r < e.rows; ++r) {
      for (uint64_t p = e.rowPtr[r]; p < e.rowPtr[r + 1]; ++p)
        count += selects(p);
      w.put(count, rowW);
    }
    for (size_t p = 0; p < e.operands.size(); ++p)
      if (selects(p))
        w.put(e.operands[p] < e.cols ? e.operands[p] : e.operands[p] - e.cols,
              colW);
    if (withValues)
      for (size_t p = 0; p < e.operands.size(); ++p)
        if (selects(p))
          w.put(uint64_t(e.coefs[p]), l.value);
  };
  if (l.splitInputs) {
    for (unsigned c = 0; c < 3; ++c)
      writeSegment(
          [&](size_t p) {
            return e.operands[p] < e.cols && inputClassOf(e.coefs[p]) == c;
          },
          l.rowIn[c], l.colIn, /*withValues=*/c == 2);
  } else {
    writeSegment([&](size_t p) { return e.operands[p] < e.cols; }, l.rowIn[2],
                 l.colIn, /*withValues=*/true);
  }
  if (k > 0)
    writeSegment([&](size_t p) { return e.operands[p] >= e.cols; }, l.rowCse,
                 l.colCse, l.cseCoefsStored);
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
  if (flags & ~(kFlagUnsignedValues | kFlagCseCoefs | kFlagSplitInputs))
    return error(formatv("unknown ECSR flags {0:x}", flags));
  unsigned widths[10];
  for (unsigned &width : widths)
    width = in.get(1);
  for (unsigned i = 0; i < 7; ++i) {
    bool ok = widths[i] == 1 || widths[i] == 2 || widths[i] == 4 ||
              (i == 6 && widths[i] == 8);
    if (!ok)
      return error(formatv("invalid field width {0} in header", widths[i]));
  }
  if (widths[7] || widths[8] || widths[9])
    return error("reserved header bytes must be 0");
  unsigned rowIn[3] = {widths[0], widths[1], widths[2]};
  unsigned colIn = widths[3], rowCse = widths[4], colCse = widths[5],
           valueW = widths[6];
  bool unsignedValues = flags & kFlagUnsignedValues;
  bool cseCoefs = flags & kFlagCseCoefs;
  bool splitInputs = flags & kFlagSplitInputs;
  ExtendedCsr e;
  e.rows = in.get(4);
  e.cols = in.get(4);
  uint64_t k = in.get(4);
  if (uint64_t(e.cols) + k > UINT32_MAX)
    return error(formatv("{0} inputs + {1} CSE nodes exceed 32-bit operand "
                         "indices",
                         e.cols, k));
  // Every layout stores at least one row_ptr of M + 1 entries; checking now
  // keeps a corrupted M from sizing any allocation.
  if (!in.has(uint64_t(e.rows) + 1, 1))
    return error(formatv("truncated: {0} rows declared", e.rows));

  if (k > 0) {
    if (!in.has(1, 4))
      return error("truncated node directory");
    uint64_t depth = in.get(4);
    if (depth == 0 || !in.has(depth, 4))
      return error(formatv("invalid node directory depth {0}", depth));
    std::vector<std::vector<std::pair<GroupKey, uint64_t>>> levels(depth);
    uint64_t total = 0;
    for (auto &groups : levels) {
      if (!in.has(1, 4))
        return error("truncated node directory");
      uint64_t numGroups = in.get(4);
      // Every group holds a node, so there cannot be more groups than nodes.
      if (numGroups > k || !in.has(numGroups, 5))
        return error("truncated node directory");
      for (uint64_t i = 0; i < numGroups; ++i) {
        // Checked per group too: earlier groups' coefficients used bytes the
        // bound above did not count.
        if (!in.has(1, 5))
          return error("truncated node directory");
        uint64_t count = in.get(4);
        uint64_t kind = in.get(1);
        if (kind > NodeNode)
          return error(formatv("invalid node kind {0} in directory", kind));
        GroupKey key{NodeKind(kind), 0, 0};
        if (!in.has(inputSides(key.kind), valueW))
          return error("truncated node directory");
        if (key.kind != NodeNode)
          key.lhsCoef = in.getValue(valueW, unsignedValues);
        if (key.kind == InputInput)
          key.rhsCoef = in.getValue(valueW, unsignedValues);
        groups.push_back({key, count});
        total += count;
      }
    }
    if (total != k)
      return error(formatv("node directory counts {0} nodes, header says {1}",
                           total, k));
    for (const auto &groups : levels) {
      for (auto &[key, count] : groups) {
        bool lhsNode = key.kind == NodeNode, rhsNode = key.kind != InputInput;
        unsigned lhsW = lhsNode ? colCse : colIn;
        unsigned rhsW = rhsNode ? colCse : colIn;
        unsigned coefs = cseCoefs ? (lhsNode + rhsNode) * valueW : 0;
        if (!in.has(count, lhsW + rhsW + coefs))
          return error(formatv("truncated CSE table ({0} nodes)", k));
        size_t first = e.nodes.size();
        e.nodes.resize(first + count);
        llvm::MutableArrayRef<CseNode> block(e.nodes.data() + first, count);
        // Input fields may be wide enough to reach past N into the node range;
        // verify() below checks node references.
        auto readOperand = [&](bool isNode, unsigned width,
                               uint32_t &out) -> llvm::Error {
          uint64_t index = in.get(width);
          if (!isNode && index >= e.cols)
            return error(formatv("CSE table: input index {0} out of range "
                                 "(< {1})",
                                 index, e.cols));
          out = uint32_t(isNode ? index + e.cols : index);
          return llvm::Error::success();
        };
        for (CseNode &n : block)
          if (auto err = readOperand(lhsNode, lhsW, n.lhs))
            return std::move(err);
        for (CseNode &n : block)
          if (auto err = readOperand(rhsNode, rhsW, n.rhs))
            return std::move(err);
        for (CseNode &n : block)
          n.lhsCoef = !lhsNode   ? key.lhsCoef
                      : cseCoefs ? in.getValue(valueW, unsignedValues)
                                 : 1;
        for (CseNode &n : block)
          n.rhsCoef = key.kind == InputInput ? key.rhsCoef
                      : cseCoefs ? in.getValue(valueW, unsignedValues)
                                 : 1;
      }
    }
  }

  struct Segment {
    std::vector<uint64_t> rowPtr;
    std::vector<uint32_t> ops;
    std::vector<int64_t> vals;
  };
  auto readSegment = [&](const char *name, unsigned rowW, unsigned colW,
                         bool withValues, int64_t implied, uint32_t base,
                         uint64_t limit, Segment &s) -> llvm::Error {
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
    s.vals.assign(nnz, implied);
    if (withValues)
      for (int64_t &v : s.vals)
        v = in.getValue(valueW, unsignedValues);
    return llvm::Error::success();
  };
  Segment segments[4];
  static const char *const kNames[] = {"input (+1)", "input (-1)", "input",
                                       "CSE"};
  for (unsigned c = 0; c < 3; ++c) {
    if (!splitInputs && c < 2) {
      segments[c].rowPtr.assign(uint64_t(e.rows) + 1, 0);
      continue;
    }
    if (auto err = readSegment(kNames[c], rowIn[c], colIn, c == 2,
                               c == 0 ? 1 : -1, 0, e.cols, segments[c]))
      return std::move(err);
  }
  if (k > 0) {
    if (auto err = readSegment(kNames[3], rowCse, colCse, cseCoefs, 1, e.cols,
                               k, segments[3]))
      return std::move(err);
  } else {
    segments[3].rowPtr.assign(uint64_t(e.rows) + 1, 0);
  }
  if (in.remaining() != 0)
    return error(
        formatv("{0} trailing bytes after the ECSR data", in.remaining()));
  std::vector<std::pair<uint32_t, int64_t>> row;
  for (uint32_t r = 0; r < e.rows; ++r) {
    row.clear();
    for (const Segment &s : segments)
      for (uint64_t p = s.rowPtr[r]; p < s.rowPtr[r + 1]; ++p)
        row.push_back({s.ops[p], s.vals[p]});
    // Input classes interleave by column; a column in two classes is left
    // adjacent for verify() to report.
    // (Equal columns are invalid and rejected by verify() in any order.)
    llvm::sort(row);
    for (auto [op, v] : row) {
      e.operands.push_back(op);
      e.coefs.push_back(v);
    }
    e.rowPtr.push_back(e.coefs.size());
  }
  if (auto err = e.verify())
    return std::move(err);
  return e;
}

int64_t cse_sparse::wrapToBits(uint64_t value, unsigned bits) {
  if (bits >= 64)
    return int64_t(value);
  uint64_t sign = uint64_t(1) << (bits - 1);
  uint64_t low = value & ((sign << 1) - 1);
  return int64_t((low ^ sign) - sign);
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
    y[r] = wrapToBits(acc, accBits);
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
    y[r] = wrapToBits(acc, accBits);
  }
  return y;
}

bool cse_sparse::exactOnRandomVectors(const SparseMatrix &matrix,
                                      const ExtendedCsr &ecsr,
                                      unsigned trials) {
  Rng rng(12345);
  for (unsigned trial = 0; trial < trials; ++trial) {
    std::vector<int64_t> x(matrix.cols());
    for (int64_t &v : x)
      v = int64_t(rng.below(256)) - 128;
    if (evaluate(ecsr, x) != multiplyReference(matrix, x))
      return false;
  }
  return true;
}
