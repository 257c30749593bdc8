//===- MatrixIOTest.cpp - MatrixMarket and .npy readers -------------------===//

#include "cse-sparse/Algorithm/MatrixIO.h"
#include "TestUtils.h"
#include "cse-sparse/Algorithm/Generate.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace cse_sparse;
using namespace cse_sparse::test;
using ::testing::HasSubstr;

namespace {

llvm::Expected<SparseMatrix> mtx(const std::string &text) {
  return parseMatrixMarket(text, "m.mtx");
}

TEST(MatrixMarket, ReadsCoordinateInteger) {
  auto m = mtx("%%MatrixMarket matrix coordinate integer general\n"
               "% comment\n\n"
               "2 3 3\n1 1 5\n2 3 -7\n1 2\t1\n");
  ASSERT_TRUE(bool(m)) << errorText(std::move(m));
  EXPECT_EQ(m->toDense(), (std::vector<int64_t>{5, 1, 0, 0, 0, -7}));
  EXPECT_EQ(m->type().str(), "i8");
}

TEST(MatrixMarket, ReadsRealPatternSymmetricArray) {
  auto real = mtx("%%MatrixMarket matrix coordinate real general\n"
                  "1 2 2\n1 1 3.0\n1 2 -2e0\n");
  ASSERT_TRUE(bool(real)) << errorText(std::move(real));
  EXPECT_EQ(real->toDense(), (std::vector<int64_t>{3, -2}));
  auto pattern = mtx("%%MatrixMarket matrix coordinate pattern general\n"
                     "2 2 1\n2 1\n");
  ASSERT_TRUE(bool(pattern));
  EXPECT_EQ(pattern->toDense(), (std::vector<int64_t>{0, 0, 1, 0}));
  auto sym = mtx("%%MatrixMarket matrix coordinate integer symmetric\n"
                 "2 2 2\n1 1 4\n2 1 9\n");
  ASSERT_TRUE(bool(sym));
  EXPECT_EQ(sym->toDense(), (std::vector<int64_t>{4, 9, 9, 0}));
  auto skew = mtx("%%MatrixMarket matrix coordinate integer skew-symmetric\n"
                  "2 2 1\n2 1 3\n");
  ASSERT_TRUE(bool(skew));
  EXPECT_EQ(skew->toDense(), (std::vector<int64_t>{0, -3, 3, 0}));
  auto array = mtx("%%MatrixMarket matrix array integer general\n"
                   "2 2\n1\n2\n0\n4\n");
  ASSERT_TRUE(bool(array)) << errorText(std::move(array));
  // Column-major.
  EXPECT_EQ(array->toDense(), (std::vector<int64_t>{1, 0, 2, 4}));
  auto big = mtx("%%MatrixMarket matrix coordinate integer general\n"
                 "1 1 1\n1 1 -9223372036854775808\n");
  ASSERT_TRUE(bool(big));
  EXPECT_EQ(big->type().str(), "i64");
}

TEST(MatrixMarket, RejectsWhatItCannotReadExactly) {
  const std::string header =
      "%%MatrixMarket matrix coordinate integer general\n";
  EXPECT_THAT(errorText(mtx("hello\n")),
              HasSubstr("m.mtx:1: not a MatrixMarket"));
  EXPECT_THAT(
      errorText(mtx("%%MatrixMarket matrix coordinate complex general\n")),
      HasSubstr("unsupported field 'complex'"));
  EXPECT_THAT(
      errorText(mtx("%%MatrixMarket matrix coordinate integer hermitian\n")),
      HasSubstr("unsupported symmetry"));
  EXPECT_THAT(errorText(mtx(header)), HasSubstr("missing size line"));
  EXPECT_THAT(errorText(mtx(header + "2 2\n")), HasSubstr("needs 3 numbers"));
  EXPECT_THAT(errorText(mtx(header + "2 x 1\n")),
              HasSubstr("m.mtx:2: invalid column count 'x'"));
  EXPECT_THAT(errorText(mtx(header + "2 2 1\n3 1 1\n")),
              HasSubstr("m.mtx:3: entry (3, 1) outside the 2x2 matrix"));
  EXPECT_THAT(errorText(mtx(header + "2 2 1\n0 1 1\n")), HasSubstr("outside"));
  EXPECT_THAT(errorText(mtx(header + "2 2 2\n1 1 1\n")),
              HasSubstr("ends after 1 of 2 declared entries"));
  EXPECT_THAT(errorText(mtx(header + "2 2 1\n1 1 1\n2 2 2\n")),
              HasSubstr("m.mtx:4: more entries than the 1 declared"));
  EXPECT_THAT(errorText(mtx(header + "2 2 1\n1 1 99999999999999999999\n")),
              HasSubstr("beyond 64 bits"));
  EXPECT_THAT(errorText(mtx(header + "2 2 1\n1 1 1.5\n")),
              HasSubstr("invalid integer '1.5'"));
  EXPECT_THAT(errorText(mtx(header + "2 2 1\n1 1\n")),
              HasSubstr("expected 3 fields"));
  EXPECT_THAT(errorText(mtx("%%MatrixMarket matrix coordinate real general\n"
                            "2 2 1\n1 1 0.5\n")),
              HasSubstr("value 0.5 is not an integer"));
  EXPECT_THAT(errorText(mtx("%%MatrixMarket matrix coordinate real general\n"
                            "2 2 1\n1 1 nan\n")),
              HasSubstr("not an integer"));
  EXPECT_THAT(
      errorText(mtx("%%MatrixMarket matrix coordinate integer symmetric\n"
                    "2 3 1\n1 1 1\n")),
      HasSubstr("must be square"));
  EXPECT_THAT(
      errorText(mtx("%%MatrixMarket matrix coordinate integer symmetric\n"
                    "2 2 1\n1 2 1\n")),
      HasSubstr("above the diagonal"));
  EXPECT_THAT(errorText(mtx(header + "99999999999 2 0\n")),
              HasSubstr("exceed the supported 16777216"));
  // A huge but representable shape with no entries is refused before any
  // allocation.
  EXPECT_THAT(errorText(mtx(header + "4000000000 5 0\n")),
              HasSubstr("exceed the supported"));
}

TEST(MatrixMarket, RejectsDuplicateEntries) {
  const std::string header =
      "%%MatrixMarket matrix coordinate integer general\n";
  // Summed, 2^62 + 2^62 wrapped to -2^63.
  EXPECT_THAT(errorText(mtx(header + "2 2 2\n1 1 4611686018427387904\n"
                                     "1 1 4611686018427387904\n")),
              HasSubstr("m.mtx:4: duplicate entry (1, 1) also given on line 3; "
                        "duplicates are rejected, not summed"));
  // Summed, these cancelled and the position vanished.
  EXPECT_THAT(
      errorText(mtx(header + "2 2 3\n1 2 5\n2 1 1\n1 2 -5\n")),
      HasSubstr("m.mtx:5: duplicate entry (1, 2) also given on line 3"));
  // The earliest repeating line is named, whatever the positions' order.
  EXPECT_THAT(
      errorText(mtx(header + "3 3 4\n1 1 1\n3 3 1\n3 3 2\n1 1 2\n")),
      HasSubstr("m.mtx:5: duplicate entry (3, 3) also given on line 4"));
  // Comments and blank lines count as lines.
  EXPECT_THAT(
      errorText(mtx(header + "% c\n2 2 2\n\n2 2 1\n% c\n2 2 1\n")),
      HasSubstr("m.mtx:7: duplicate entry (2, 2) also given on line 5"));
  EXPECT_THAT(
      errorText(mtx("%%MatrixMarket matrix coordinate pattern general\n"
                    "2 2 2\n2 1\n2 1\n")),
      HasSubstr("m.mtx:4: duplicate entry (2, 1) also given on line 3"));
  EXPECT_THAT(errorText(mtx("%%MatrixMarket matrix coordinate real general\n"
                            "2 2 2\n2 1 1.0\n2 1 0\n")),
              HasSubstr("m.mtx:4: duplicate entry (2, 1)"));
  // Symmetric files: a repeated lower entry is named as written, not as the
  // mirror the reader adds for it; the diagonal is not mirrored.
  const std::string sym =
      "%%MatrixMarket matrix coordinate integer symmetric\n";
  EXPECT_THAT(
      errorText(mtx(sym + "3 3 3\n2 1 7\n3 3 1\n2 1 7\n")),
      HasSubstr("m.mtx:5: duplicate entry (2, 1) also given on line 3"));
  EXPECT_THAT(
      errorText(mtx(sym + "2 2 2\n1 1 1\n1 1 1\n")),
      HasSubstr("m.mtx:4: duplicate entry (1, 1) also given on line 3"));
  EXPECT_THAT(
      errorText(mtx("%%MatrixMarket matrix coordinate integer "
                    "skew-symmetric\n3 3 2\n3 1 2\n3 1 -2\n")),
      HasSubstr("m.mtx:4: duplicate entry (3, 1) also given on line 3"));
  // A mirror can only meet an explicit entry above the diagonal, which a
  // symmetric file may not list: refused as such, on its own line.
  EXPECT_THAT(errorText(mtx(sym + "2 2 2\n2 1 7\n1 2 7\n")),
              HasSubstr("m.mtx:4: symmetric matrix lists entry (1, 2) above "
                        "the diagonal"));
}

TEST(MatrixMarket, DuplicatesFoundWhereverTheyAre) {
  // Random coordinate files of distinct positions read exactly; the same file
  // with one entry's position repeated on a later line is refused at that
  // line.
  Rng rng(11);
  for (int trial = 0; trial < 300; ++trial) {
    uint32_t rows = 1 + rng.below(12), cols = 1 + rng.below(12);
    std::vector<std::pair<uint32_t, uint32_t>> cells;
    for (uint32_t r = 1; r <= rows; ++r)
      for (uint32_t c = 1; c <= cols; ++c)
        if (rng.below(3) == 0)
          cells.push_back({r, c});
    // Shuffle (Fisher-Yates) so file order is not position order.
    for (size_t i = cells.size(); i > 1; --i)
      std::swap(cells[i - 1], cells[rng.below(i)]);
    std::vector<int64_t> values;
    for (size_t i = 0; i < cells.size(); ++i)
      values.push_back(1 + int64_t(rng.below(9)));
    auto file = [&](size_t extraAt, size_t copyOf) {
      bool dup = extraAt <= cells.size();
      std::string text = "%%MatrixMarket matrix coordinate integer general\n" +
                         std::to_string(rows) + " " + std::to_string(cols) +
                         " " + std::to_string(cells.size() + dup) + "\n";
      for (size_t i = 0; i <= cells.size(); ++i) {
        if (i == extraAt)
          text += std::to_string(cells[copyOf].first) + " " +
                  std::to_string(cells[copyOf].second) + " 1\n";
        if (i < cells.size())
          text += std::to_string(cells[i].first) + " " +
                  std::to_string(cells[i].second) + " " +
                  std::to_string(values[i]) + "\n";
      }
      return text;
    };
    auto clean = mtx(file(SIZE_MAX, 0));
    ASSERT_TRUE(bool(clean)) << errorText(std::move(clean));
    ASSERT_EQ(clean->nnz(), cells.size());
    if (cells.empty())
      continue;
    size_t copyOf = rng.below(cells.size());
    size_t extraAt = copyOf + 1 + rng.below(cells.size() - copyOf);
    // Line 1 banner, line 2 sizes, entry i on line i + 3.
    std::string expected = "m.mtx:" + std::to_string(extraAt + 3) +
                           ": duplicate entry (" +
                           std::to_string(cells[copyOf].first) + ", " +
                           std::to_string(cells[copyOf].second) +
                           ") also given on line " + std::to_string(copyOf + 3);
    EXPECT_THAT(errorText(mtx(file(extraAt, copyOf))), HasSubstr(expected));
  }
}

/// A .npy file for `dims` with raw little- or big-endian data.
std::string npy(const std::string &descr, const std::string &shape,
                const std::string &data, bool fortran = false) {
  std::string dict = "{'descr': '" + descr +
                     "', 'fortran_order': " + (fortran ? "True" : "False") +
                     ", 'shape': " + shape + ", }\n";
  std::string out("\x93NUMPY\x01\x00", 8);
  out.push_back(char(dict.size() & 0xff));
  out.push_back(char(dict.size() >> 8));
  return out + dict + data;
}

TEST(Npy, ReadsEveryIntegerDtypeAndOrder) {
  auto i1 = parseNpy(npy("|i1", "(2, 2)", std::string("\x01\xff\x00\x80", 4)),
                     "a.npy");
  ASSERT_TRUE(bool(i1)) << errorText(std::move(i1));
  EXPECT_EQ(i1->toDense(), (std::vector<int64_t>{1, -1, 0, -128}));
  EXPECT_EQ(i1->type().str(), "i8");
  auto u1 = parseNpy(npy("|u1", "(1, 2)", std::string("\xff\x02", 2)), "a.npy");
  ASSERT_TRUE(bool(u1));
  EXPECT_EQ(u1->toDense(), (std::vector<int64_t>{255, 2}));
  EXPECT_EQ(u1->type().str(), "u8");
  auto be = parseNpy(npy(">i2", "(1, 2)", std::string("\xff\xfe\x01\x00", 4)),
                     "a.npy");
  ASSERT_TRUE(bool(be));
  EXPECT_EQ(be->toDense(), (std::vector<int64_t>{-2, 256}));
  auto fortran = parseNpy(
      npy("<i4", "(2, 2)",
          std::string("\x01\0\0\0\x02\0\0\0\x03\0\0\0\x04\0\0\0", 16), true),
      "a.npy");
  ASSERT_TRUE(bool(fortran));
  EXPECT_EQ(fortran->toDense(), (std::vector<int64_t>{1, 3, 2, 4}));
  float f[2] = {3.0f, -4.0f};
  auto f4 = parseNpy(npy("<f4", "(1, 2)", std::string((char *)f, 8)), "a.npy");
  ASSERT_TRUE(bool(f4));
  EXPECT_EQ(f4->toDense(), (std::vector<int64_t>{3, -4}));
  EXPECT_EQ(f4->type().str(), "i8");
}

TEST(Npy, RejectsWhatItCannotReadExactly) {
  EXPECT_THAT(errorText(parseNpy("garbage...", "a.npy")),
              HasSubstr("a.npy: not a NumPy"));
  EXPECT_THAT(errorText(parseNpy(npy("<i1", "(4,)", "abcd"), "a.npy")),
              HasSubstr("expected a 2-D array, got shape (4,)"));
  EXPECT_THAT(errorText(parseNpy(npy("<i1", "(4000000000, 0)", ""), "a.npy")),
              HasSubstr("exceeds the supported 16777216"));
  EXPECT_THAT(errorText(parseNpy(npy("<c8", "(1, 1)", "12345678"), "a.npy")),
              HasSubstr("unsupported dtype"));
  EXPECT_THAT(errorText(parseNpy(npy("<f2", "(1, 1)", "12"), "a.npy")),
              HasSubstr("unsupported dtype"));
  EXPECT_THAT(errorText(parseNpy(npy("<i2", "(2, 2)", "123"), "a.npy")),
              HasSubstr("data has 3 bytes"));
  EXPECT_THAT(errorText(parseNpy(npy("<i1", "(1, 1)", "12"), "a.npy")),
              HasSubstr("data has 2 bytes"));
  double half = 0.5;
  EXPECT_THAT(
      errorText(parseNpy(npy("<f8", "(1, 1)", std::string((char *)&half, 8)),
                         "a.npy")),
      HasSubstr("element (0, 0) = 0.5 is not an integer"));
  EXPECT_THAT(errorText(parseNpy(npy("<u8", "(1, 1)", std::string(8, '\xff')),
                                 "a.npy")),
              HasSubstr("exceeds int64"));
  std::string noShape = npy("<i1", "(1, 1)", "x");
  noShape.replace(noShape.find("'shape'"), 7, "'shope'");
  EXPECT_THAT(errorText(parseNpy(noShape, "a.npy")),
              HasSubstr("no valid 'shape'"));
}

TEST(MatrixFiles, RoundTripBothFormats) {
  SparseMatrix m = int8Matrix(37, 23);
  auto fromMtx = parseMatrixMarket(writeMatrixMarket(m), "x.mtx");
  ASSERT_TRUE(bool(fromMtx));
  EXPECT_EQ(*fromMtx, m);
  auto fromNpy = parseNpy(writeNpy(m), "x.npy");
  ASSERT_TRUE(bool(fromNpy));
  EXPECT_EQ(*fromNpy, m);
}

TEST(MatrixFiles, WritesAndReadsFiles) {
  SparseMatrix m = int8Matrix(41, 29);
  llvm::SmallString<128> dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("cse-sparse-io", dir));
  for (const char *name : {"w.mtx", "w.npy"}) {
    llvm::SmallString<128> path = dir;
    llvm::sys::path::append(path, name);
    ASSERT_EQ(errorText(writeMatrixFile(m, path)), "<success>");
    auto back = readMatrixFile(path);
    ASSERT_TRUE(bool(back)) << errorText(std::move(back));
    EXPECT_EQ(*back, m);
    llvm::sys::fs::remove(path);
  }
  // A .npy file is dense: 2^24 x 2^24 int8 is 256 TiB, refused before a byte
  // is written.
  llvm::SmallString<128> huge = dir;
  llvm::sys::path::append(huge, "huge.npy");
  EXPECT_THAT(errorText(writeMatrixFile(
                  SparseMatrix(kMaxMatrixDim, kMaxMatrixDim), huge)),
              HasSubstr("a .npy file stores the matrix dense: "
                        "16777216x16777216 takes"));
  EXPECT_FALSE(llvm::sys::fs::exists(huge));
  llvm::sys::fs::remove(dir);
}

TEST(MatrixFiles, NamesTheFileOnError) {
  EXPECT_THAT(errorText(readMatrixFile("/nonexistent/w.mtx")),
              HasSubstr("/nonexistent/w.mtx: cannot read file"));
  EXPECT_THAT(errorText(readMatrixFile("/etc/hostname")),
              HasSubstr("unknown matrix file type"));
}

TEST(MatrixFiles, ReadersSurviveCorruptedFiles) {
  // Every corrupted file either fails with a message naming it or parses to a
  // well-formed matrix: never a crash.
  SparseMatrix m = int8Matrix(9, 7);
  std::string files[] = {writeMatrixMarket(m), writeNpy(m)};
  cse_sparse::Rng rng(5);
  int rejected = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    bool isNpy = trial % 2;
    std::string bad = files[isNpy];
    int flips = 1 + rng.below(4);
    for (int f = 0; f < flips; ++f) {
      size_t at = rng.below(bad.size());
      // Text files get plausible characters too, so parsing goes deeper.
      static const char kChars[] = "0123456789 \n-.%e";
      bad[at] = isNpy || rng.below(2) ? char(rng.next())
                                      : kChars[rng.below(sizeof(kChars) - 1)];
    }
    if (trial % 11 == 0)
      bad.resize(rng.below(bad.size() + 1));
    auto parsed =
        isNpy ? parseNpy(bad, "f.npy") : parseMatrixMarket(bad, "f.mtx");
    if (!parsed) {
      std::string msg = llvm::toString(parsed.takeError());
      EXPECT_EQ(msg.rfind(isNpy ? "f.npy" : "f.mtx", 0), 0u) << msg;
      ++rejected;
      continue;
    }
    const SparseMatrix &p = *parsed;
    ASSERT_EQ(p.rowPointers().size(), uint64_t(p.rows()) + 1);
    for (uint32_t r = 0; r < p.rows(); ++r)
      for (uint64_t i = p.rowBegin(r); i < p.rowEnd(r); ++i) {
        ASSERT_LT(p.columnIndices()[i], p.cols());
        ASSERT_NE(p.nonzeros()[i], 0);
        if (i > p.rowBegin(r)) {
          ASSERT_LT(p.columnIndices()[i - 1], p.columnIndices()[i]);
        }
      }
  }
  EXPECT_GT(rejected, 1000);
}
} // namespace
