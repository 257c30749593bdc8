//===- MatrixIO.cpp - MatrixMarket and NumPy matrix files -----------------===//

#include "cse-sparse/Algorithm/MatrixIO.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstring>
#include <tuple>

using namespace cse_sparse;
using llvm::formatv;
using llvm::StringRef;

namespace {

llvm::Error fail(StringRef name, const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 name + ": " + msg);
}
llvm::Error failAt(StringRef name, size_t line, const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 name + ":" + llvm::Twine(line) + ": " + msg);
}

/// Largest dimension we accept (kMaxMatrixDim): row pointers are allocated
/// from the declared shape before any entry is read.

/// A double as printf's %g prints it, so messages show 0.5 rather than 0.50.
std::string shortest(double d) {
  std::string out;
  llvm::raw_string_ostream(out) << llvm::format("%.17g", d);
  return out;
}

/// Exact conversion of a floating-point value to int64, if it is integral and
/// in range.
std::optional<int64_t> integralValue(double v) {
  if (!std::isfinite(v) || v != std::trunc(v) || v < -0x1p63 || v >= 0x1p63)
    return std::nullopt;
  return int64_t(v);
}

//===----------------------------------------------------------------------===//
// MatrixMarket
//===----------------------------------------------------------------------===//

class LineReader {
public:
  explicit LineReader(StringRef text) : rest(text) {}
  /// Next line that is neither blank nor a comment; false at end of input.
  bool next(StringRef &line) {
    while (!rest.empty()) {
      std::tie(line, rest) = rest.split('\n');
      ++number;
      line = line.trim();
      if (!line.empty() && !line.starts_with("%"))
        return true;
    }
    return false;
  }
  size_t number = 1; // line 1 is the banner, consumed before
  StringRef rest;
};

/// A coordinate entry (0-based) with the line that gave it. A mirrored entry
/// is one the reader added as the transpose of the entry on that line
/// (symmetric and skew-symmetric files list one triangle); the flag shares the
/// line's word to keep the entry at 24 bytes.
struct LocatedEntry {
  uint32_t row, col;
  int64_t value;
  uint64_t lineAndMirror;

  static constexpr uint64_t kMirror = uint64_t(1) << 63;
  LocatedEntry(uint32_t row, uint32_t col, int64_t value, uint64_t line,
               bool mirrored)
      : row(row), col(col), value(value),
        lineAndMirror(line | (mirrored ? kMirror : 0)) {}
  uint64_t line() const { return lineAndMirror & ~kMirror; }
  bool mirrored() const { return lineAndMirror & kMirror; }
  /// The position as the file writes it: 1-based, a mirror as its source.
  std::string written() const {
    return mirrored() ? formatv("({0}, {1})", col + 1, row + 1).str()
                      : formatv("({0}, {1})", row + 1, col + 1).str();
  }
};

/// Sorts `entries` by position and rejects any position given twice. Summing
/// duplicates, as some readers do, would silently change the weights (and wrap
/// at 64 bits); a repeated line is far more likely an error in the file. The
/// error names the earliest line that repeats a position and the line that
/// gave it first.
llvm::Error rejectDuplicates(std::vector<LocatedEntry> &entries,
                             StringRef name) {
  // Within a position, by line, an entry as written before its mirror.
  llvm::sort(entries, [](const LocatedEntry &a, const LocatedEntry &b) {
    return std::tie(a.row, a.col, a.lineAndMirror) <
           std::tie(b.row, b.col, b.lineAndMirror);
  });
  auto samePosition = [&](size_t i, size_t j) {
    return entries[i].row == entries[j].row && entries[i].col == entries[j].col;
  };
  const LocatedEntry *repeat = nullptr, *first = nullptr;
  for (size_t i = 1; i < entries.size(); ++i) {
    // The first repeat of a position is the entry right after its first
    // occurrence; later ones come from later lines.
    if (!samePosition(i - 1, i) || (i >= 2 && samePosition(i - 2, i)))
      continue;
    if (!repeat || entries[i].lineAndMirror < repeat->lineAndMirror) {
      repeat = &entries[i];
      first = &entries[i - 1];
    }
  }
  if (!repeat)
    return llvm::Error::success();
  std::string what =
      formatv("duplicate entry ({0}, {1})", repeat->row + 1, repeat->col + 1);
  if (repeat->mirrored())
    what += ", the mirror of " + repeat->written() + ",";
  std::string before = formatv(" also given on line {0}", first->line()).str();
  if (first->mirrored())
    before += " (as the mirror of " + first->written() + ")";
  return failAt(name, repeat->line(),
                what + before + "; duplicates are rejected, not summed");
}

llvm::Error parseUnsigned(StringRef name, size_t line, StringRef token,
                          const char *what, uint64_t &out) {
  if (token.getAsInteger(10, out))
    return failAt(name, line, formatv("invalid {0} '{1}'", what, token));
  return llvm::Error::success();
}

} // namespace

llvm::Expected<SparseMatrix> cse_sparse::parseMatrixMarket(StringRef text,
                                                           StringRef name) {
  auto [banner, body] = text.split('\n');
  llvm::SmallVector<StringRef, 5> words;
  banner.trim().split(words, ' ', -1, /*KeepEmpty=*/false);
  if (words.size() != 5 || !words[0].equals_insensitive("%%MatrixMarket") ||
      !words[1].equals_insensitive("matrix"))
    return failAt(name, 1,
                  "not a MatrixMarket file: expected '%%MatrixMarket matrix "
                  "<format> <field> <symmetry>'");
  std::string format = words[2].lower(), field = words[3].lower(),
              symmetry = words[4].lower();
  if (format != "coordinate" && format != "array")
    return failAt(name, 1,
                  formatv("unsupported format '{0}' (expected "
                          "coordinate or array)",
                          words[2]));
  if (field != "integer" && field != "real" && field != "pattern" &&
      field != "double")
    return failAt(name, 1,
                  formatv("unsupported field '{0}' (expected "
                          "integer, real or pattern)",
                          words[3]));
  if (symmetry != "general" && symmetry != "symmetric" &&
      symmetry != "skew-symmetric")
    return failAt(name, 1,
                  formatv("unsupported symmetry '{0}' (expected "
                          "general, symmetric or skew-symmetric)",
                          words[4]));
  if (format == "array" && field == "pattern")
    return failAt(name, 1, "'array' format cannot have field 'pattern'");
  bool isArray = format == "array", isPattern = field == "pattern";
  bool isInteger = field == "integer";

  LineReader lines(body);
  StringRef line;
  if (!lines.next(line))
    return failAt(name, lines.number, "missing size line");
  llvm::SmallVector<StringRef, 4> tok;
  line.split(tok, ' ', -1, false);
  // Tabs are legal separators too.
  auto splitLine = [](StringRef l, llvm::SmallVectorImpl<StringRef> &out) {
    out.clear();
    llvm::SplitString(l, out, " \t\r");
  };
  splitLine(line, tok);
  size_t expectTokens = isArray ? 2 : 3;
  if (tok.size() != expectTokens)
    return failAt(name, lines.number,
                  formatv("size line needs {0} numbers, found {1}",
                          expectTokens, tok.size()));
  uint64_t rows, cols, declared = 0;
  if (auto e = parseUnsigned(name, lines.number, tok[0], "row count", rows))
    return std::move(e);
  if (auto e = parseUnsigned(name, lines.number, tok[1], "column count", cols))
    return std::move(e);
  if (!isArray)
    if (auto e =
            parseUnsigned(name, lines.number, tok[2], "entry count", declared))
      return std::move(e);
  if (rows > kMaxMatrixDim || cols > kMaxMatrixDim)
    return failAt(name, lines.number,
                  formatv("dimensions {0}x{1} exceed the supported {2}", rows,
                          cols, kMaxMatrixDim));
  if (symmetry != "general" && rows != cols)
    return failAt(name, lines.number,
                  formatv("{0} matrix must be square, got {1}x{2}", symmetry,
                          rows, cols));
  if (isArray) {
    // For 'array' the entry count is implied; guard the product against
    // overflow.
    if (cols && rows > UINT64_MAX / cols)
      return failAt(name, lines.number, "matrix too large");
    declared = rows * cols;
    if (symmetry == "symmetric")
      declared = rows * (rows + 1) / 2;
    else if (symmetry == "skew-symmetric")
      declared = rows ? rows * (rows - 1) / 2 : 0;
  }

  auto parseValue = [&](StringRef token, int64_t &out) -> llvm::Error {
    if (isInteger) {
      if (token.getAsInteger(10, out))
        return failAt(
            name, lines.number,
            formatv("invalid integer '{0}' (or beyond 64 bits)", token));
      return llvm::Error::success();
    }
    double d;
    if (token.getAsDouble(d))
      return failAt(name, lines.number, formatv("invalid number '{0}'", token));
    auto v = integralValue(d);
    if (!v)
      return failAt(
          name, lines.number,
          formatv("value {0} is not an integer that fits 64 bits", token));
    out = *v;
    return llvm::Error::success();
  };

  std::vector<LocatedEntry> entries;
  // Each entry takes at least a few characters: a short file cannot make the
  // reservation large, whatever it declares.
  entries.reserve(std::min<uint64_t>(declared, text.size() / 4));
  auto add = [&](uint64_t r, uint64_t c, int64_t v) -> llvm::Error {
    if (symmetry == "skew-symmetric" && r == c && v != 0)
      return failAt(name, lines.number,
                    "skew-symmetric matrix has a non-zero diagonal entry");
    entries.emplace_back(uint32_t(r), uint32_t(c), v, lines.number,
                         /*mirrored=*/false);
    if (r != c && symmetry != "general")
      entries.emplace_back(
          uint32_t(c), uint32_t(r),
          symmetry == "symmetric" ? v : int64_t(uint64_t(0) - uint64_t(v)),
          lines.number, /*mirrored=*/true);
    return llvm::Error::success();
  };

  uint64_t seen = 0;
  // Array entries come in column-major order; symmetric ones list the lower
  // triangle.
  uint64_t arrRow = 0, arrCol = 0;
  auto advanceArray = [&] {
    ++arrRow;
    if (arrRow == rows) {
      ++arrCol;
      arrRow = symmetry == "general"     ? 0
               : symmetry == "symmetric" ? arrCol
                                         : arrCol + 1;
    }
  };
  if (isArray && symmetry == "skew-symmetric")
    arrRow = 1;
  while (lines.next(line)) {
    if (seen == declared)
      return failAt(name, lines.number,
                    formatv("more entries than the {0} declared", declared));
    splitLine(line, tok);
    if (isArray) {
      if (tok.size() != 1)
        return failAt(
            name, lines.number,
            formatv("expected one value, found {0} fields", tok.size()));
      int64_t v;
      if (auto e = parseValue(tok[0], v))
        return std::move(e);
      if (v != 0)
        if (auto e = add(arrRow, arrCol, v))
          return std::move(e);
      advanceArray();
    } else {
      size_t want = isPattern ? 2 : 3;
      if (tok.size() != want)
        return failAt(name, lines.number,
                      formatv("expected {0} fields (row col{1}), found {2}",
                              want, isPattern ? "" : " value", tok.size()));
      uint64_t r, c;
      if (auto e = parseUnsigned(name, lines.number, tok[0], "row index", r))
        return std::move(e);
      if (auto e = parseUnsigned(name, lines.number, tok[1], "column index", c))
        return std::move(e);
      if (r < 1 || r > rows || c < 1 || c > cols)
        return failAt(name, lines.number,
                      formatv("entry ({0}, {1}) outside the {2}x{3} matrix", r,
                              c, rows, cols));
      if (symmetry != "general" && c > r)
        return failAt(name, lines.number,
                      formatv("{0} matrix lists entry ({1}, {2}) above the "
                              "diagonal",
                              symmetry, r, c));
      int64_t v = 1;
      if (!isPattern)
        if (auto e = parseValue(tok[2], v))
          return std::move(e);
      if (auto e = add(r - 1, c - 1, v))
        return std::move(e);
    }
    ++seen;
  }
  if (seen != declared)
    return failAt(
        name, lines.number,
        formatv("file ends after {0} of {1} declared entries", seen, declared));
  if (auto err = rejectDuplicates(entries, name))
    return std::move(err);
  std::vector<SparseMatrix::Triplet> triplets;
  triplets.reserve(entries.size());
  for (const LocatedEntry &e : entries)
    triplets.push_back({e.row, e.col, e.value});
  entries = {};
  SparseMatrix m = SparseMatrix::fromTriplets(uint32_t(rows), uint32_t(cols),
                                              std::move(triplets));
  auto [lo, hi] = m.valueRange();
  m.setType(ElementType::narrowestSigned(lo, hi));
  return m;
}

//===----------------------------------------------------------------------===//
// NumPy .npy
//===----------------------------------------------------------------------===//

namespace {

struct NpyHeader {
  char kind = 0; // 'i', 'u', 'f'
  unsigned itemSize = 0;
  bool bigEndian = false;
  bool fortranOrder = false;
  llvm::SmallVector<uint64_t, 2> shape;
};

/// Value of `key` in the header dict: the text up to the next top-level ',' or
/// '}'.
std::optional<StringRef> dictValue(StringRef dict, StringRef key) {
  for (char quote : {'\'', '"'}) {
    std::string pattern = std::string(1, quote) + key.str() + quote;
    size_t at = dict.find(pattern);
    if (at == StringRef::npos)
      continue;
    StringRef rest = dict.drop_front(at + pattern.size()).ltrim();
    if (!rest.consume_front(":"))
      return std::nullopt;
    rest = rest.ltrim();
    size_t end =
        rest.starts_with("(") ? rest.find(')') + 1 : rest.find_first_of(",}");
    if (end == StringRef::npos || end == 0)
      return std::nullopt;
    return rest.take_front(end).trim();
  }
  return std::nullopt;
}

llvm::Expected<NpyHeader> parseNpyHeader(StringRef dict, StringRef name) {
  NpyHeader h;
  auto descr = dictValue(dict, "descr");
  if (!descr)
    return fail(name, "npy header has no 'descr'");
  StringRef d = *descr;
  if (d.size() < 2 || (d.front() != '\'' && d.front() != '"'))
    return fail(name, formatv("unsupported dtype {0} (structured or object "
                              "arrays are not matrices)",
                              d));
  d = d.drop_front().drop_back();
  if (!d.empty() &&
      (d[0] == '<' || d[0] == '>' || d[0] == '|' || d[0] == '=')) {
    h.bigEndian = d[0] == '>';
    d = d.drop_front();
  }
  unsigned size = 0;
  if (d.size() < 2 || d.drop_front().getAsInteger(10, size) ||
      !llvm::is_contained({'i', 'u', 'f'}, d[0]) ||
      !(size == 1 || size == 2 || size == 4 || size == 8) ||
      (d[0] == 'f' && size < 4))
    return fail(name, formatv("unsupported dtype '{0}' (expected int8..int64, "
                              "uint8..uint64, float32 or float64)",
                              *descr));
  h.kind = d[0];
  h.itemSize = size;

  auto order = dictValue(dict, "fortran_order");
  if (!order || (*order != "True" && *order != "False"))
    return fail(name, "npy header has no valid 'fortran_order'");
  h.fortranOrder = *order == "True";

  auto shape = dictValue(dict, "shape");
  if (!shape || !shape->starts_with("(") || !shape->ends_with(")"))
    return fail(name, "npy header has no valid 'shape'");
  llvm::SmallVector<StringRef, 4> dims;
  shape->drop_front().drop_back().split(dims, ',', -1, false);
  for (StringRef dim : dims) {
    dim = dim.trim();
    if (dim.empty())
      continue;
    uint64_t v;
    if (dim.getAsInteger(10, v))
      return fail(name, formatv("invalid shape {0}", *shape));
    h.shape.push_back(v);
  }
  if (h.shape.size() != 2)
    return fail(name, formatv("expected a 2-D array, got shape {0}", *shape));
  if (h.shape[0] > kMaxMatrixDim || h.shape[1] > kMaxMatrixDim)
    return fail(name, formatv("shape {0} exceeds the supported {1} per "
                              "dimension",
                              *shape, kMaxMatrixDim));
  return h;
}

uint64_t loadUnsigned(const uint8_t *p, unsigned size, bool bigEndian) {
  uint64_t v = 0;
  for (unsigned i = 0; i < size; ++i)
    v |= uint64_t(p[bigEndian ? size - 1 - i : i]) << (8 * i);
  return v;
}

} // namespace

llvm::Expected<SparseMatrix> cse_sparse::parseNpy(StringRef bytes,
                                                  StringRef name) {
  static const char kMagic[] = "\x93NUMPY";
  if (bytes.size() < 10 || !bytes.starts_with(StringRef(kMagic, 6)))
    return fail(name, "not a NumPy .npy file (bad magic)");
  uint8_t major = bytes[6];
  uint64_t headerLen, offset;
  if (major == 1) {
    headerLen = loadUnsigned(bytes.bytes_begin() + 8, 2, false);
    offset = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return fail(name, "truncated .npy header");
    headerLen = loadUnsigned(bytes.bytes_begin() + 8, 4, false);
    offset = 12;
  } else {
    return fail(name, formatv("unsupported .npy version {0}", major));
  }
  if (headerLen > bytes.size() - offset)
    return fail(name, "truncated .npy header");
  auto header = parseNpyHeader(bytes.substr(offset, headerLen), name);
  if (!header)
    return header.takeError();
  uint64_t rows = header->shape[0], cols = header->shape[1];
  StringRef data = bytes.drop_front(offset + headerLen);
  uint64_t count = rows * cols; // both < 2^32: no overflow
  if (count > data.size() / header->itemSize ||
      count * header->itemSize != data.size())
    return fail(name, formatv("data has {0} bytes, shape ({1}, {2}) of "
                              "{3}-byte elements needs {4}",
                              data.size(), rows, cols, header->itemSize,
                              count * header->itemSize));

  std::vector<SparseMatrix::Triplet> entries;
  const uint8_t *p = data.bytes_begin();
  for (uint64_t i = 0; i < count; ++i, p += header->itemSize) {
    uint64_t raw = loadUnsigned(p, header->itemSize, header->bigEndian);
    uint64_t r = header->fortranOrder ? i % rows : i / cols;
    uint64_t c = header->fortranOrder ? i / rows : i % cols;
    int64_t v;
    if (header->kind == 'i') {
      unsigned shift = 64 - 8 * header->itemSize;
      v = shift ? int64_t(raw << shift) >> shift : int64_t(raw);
    } else if (header->kind == 'u') {
      if (raw > uint64_t(INT64_MAX))
        return fail(
            name, formatv("element ({0}, {1}) = {2} exceeds int64", r, c, raw));
      v = int64_t(raw);
    } else {
      double d;
      if (header->itemSize == 4) {
        float f;
        uint32_t bits = uint32_t(raw);
        std::memcpy(&f, &bits, 4);
        d = f;
      } else {
        std::memcpy(&d, &raw, 8);
      }
      auto iv = integralValue(d);
      if (!iv)
        return fail(name, formatv("element ({0}, {1}) = {2} is not an integer "
                                  "that fits 64 bits",
                                  r, c, shortest(d)));
      v = *iv;
    }
    if (v != 0)
      entries.push_back({uint32_t(r), uint32_t(c), v});
  }
  SparseMatrix m = SparseMatrix::fromTriplets(uint32_t(rows), uint32_t(cols),
                                              std::move(entries));
  if (header->kind == 'f') {
    auto [lo, hi] = m.valueRange();
    m.setType(ElementType::narrowestSigned(lo, hi));
  } else {
    m.setType({8 * header->itemSize, header->kind == 'i'});
  }
  return m;
}

llvm::Expected<SparseMatrix> cse_sparse::readMatrixFile(StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return fail(path, "cannot read file: " + buffer.getError().message());
  StringRef ext = llvm::sys::path::extension(path);
  if (ext.equals_insensitive(".mtx"))
    return parseMatrixMarket((*buffer)->getBuffer(), path);
  if (ext.equals_insensitive(".npy"))
    return parseNpy((*buffer)->getBuffer(), path);
  return fail(path, "unknown matrix file type (expected .mtx or .npy)");
}

void cse_sparse::writeMatrixMarket(const SparseMatrix &m,
                                   llvm::raw_ostream &os) {
  os << "%%MatrixMarket matrix coordinate integer general\n"
     << "% element type " << m.type().str() << "\n"
     << m.rows() << " " << m.cols() << " " << m.nnz() << "\n";
  for (uint32_t r = 0; r < m.rows(); ++r)
    for (uint64_t p = m.rowBegin(r); p < m.rowEnd(r); ++p)
      os << r + 1 << " " << m.columnIndices()[p] + 1 << " " << m.nonzeros()[p]
         << "\n";
}

std::string cse_sparse::writeMatrixMarket(const SparseMatrix &m) {
  std::string out;
  llvm::raw_string_ostream os(out);
  writeMatrixMarket(m, os);
  return out;
}

namespace {

/// Bytes per element of the .npy file written for `m`: the narrowest signed
/// type holding its values.
unsigned npyItemSize(const SparseMatrix &m) {
  auto [lo, hi] = m.valueRange();
  return ElementType::narrowestSigned(lo, hi).bits / 8;
}

std::string npyHeader(const SparseMatrix &m) {
  std::string dict = formatv("{{'descr': '<i{0}', 'fortran_order': False, "
                             "'shape': ({1}, {2}), }",
                             npyItemSize(m), m.rows(), m.cols());
  // Pad so that the data starts on a 64-byte boundary, ending the header with
  // '\n'.
  size_t total = 10 + dict.size() + 1;
  dict.append((64 - total % 64) % 64, ' ');
  dict.push_back('\n');
  std::string out("\x93NUMPY\x01\x00", 8);
  out.push_back(char(dict.size() & 0xff));
  out.push_back(char(dict.size() >> 8));
  return out + dict;
}

/// Bytes of the .npy file for `m` (it is dense whatever the density).
uint64_t npyFileBytes(const SparseMatrix &m) {
  return npyHeader(m).size() + uint64_t(m.rows()) * m.cols() * npyItemSize(m);
}

} // namespace

void cse_sparse::writeNpy(const SparseMatrix &m, llvm::raw_ostream &os) {
  unsigned size = npyItemSize(m);
  os << npyHeader(m);
  // One dense row at a time: memory stays O(cols) however large the matrix.
  std::string row(uint64_t(m.cols()) * size, '\0');
  for (uint32_t r = 0; r < m.rows(); ++r) {
    std::fill(row.begin(), row.end(), '\0');
    for (uint64_t p = m.rowBegin(r); p < m.rowEnd(r); ++p) {
      uint64_t v = uint64_t(m.nonzeros()[p]);
      char *at = &row[uint64_t(m.columnIndices()[p]) * size];
      for (unsigned i = 0; i < size; ++i)
        at[i] = char(v >> (8 * i));
    }
    os << row;
  }
}

std::string cse_sparse::writeNpy(const SparseMatrix &m) {
  std::string out;
  llvm::raw_string_ostream os(out);
  writeNpy(m, os);
  return out;
}

llvm::Error cse_sparse::writeMatrixFile(const SparseMatrix &m, StringRef path) {
  StringRef ext = llvm::sys::path::extension(path);
  bool isNpy = ext.equals_insensitive(".npy");
  if (!isNpy && !ext.equals_insensitive(".mtx"))
    return fail(path, "unknown matrix file type (expected .mtx or .npy)");
  if (isNpy) {
    // A .npy file stores every zero: refuse one the disk cannot take rather
    // than fill it (a 2^24 x 2^24 int8 file is 256 TiB).
    uint64_t bytes = npyFileBytes(m);
    StringRef dir = llvm::sys::path::parent_path(path);
    auto space = llvm::sys::fs::disk_space(dir.empty() ? "." : dir);
    if (space && bytes > space->available)
      return fail(path, formatv("a .npy file stores the matrix dense: {0}x{1} "
                                "takes {2} bytes, more than the {3} free on "
                                "its file system (write .mtx instead)",
                                m.rows(), m.cols(), bytes, space->available));
  }
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec)
    return fail(path, "cannot write file: " + ec.message());
  if (isNpy)
    writeNpy(m, os);
  else
    writeMatrixMarket(m, os);
  os.close();
  if (os.has_error()) {
    std::error_code err = os.error();
    os.clear_error();
    return fail(path, "cannot write file: " + err.message());
  }
  return llvm::Error::success();
}
