//===- Json.cpp - JSON export of an extraction result ---------------------===//

#include "cse-sparse/Algorithm/Json.h"
#include "cse-sparse/Algorithm/EnumNames.h"

#include "llvm/Support/JSON.h"

using namespace cse_sparse;

void cse_sparse::writeExtractionJson(llvm::raw_ostream &os,
                                     const ExtendedCsr &e,
                                     const ExtractionReport &report,
                                     const ExtractOptions &options) {
  llvm::json::OStream j(os, /*IndentSize=*/0);
  auto array = [&](llvm::StringRef key, auto begin, auto end, auto get) {
    j.attributeArray(key, [&] {
      for (auto it = begin; it != end; ++it)
        j.value(get(*it));
    });
  };
  // Coefficients are written as JSON numbers: exact in JSON, though a consumer
  // that reads them as doubles loses precision beyond 2^53 (documented in the
  // schema).
  j.object([&] {
    j.attribute("schema", "cse-sparse.extraction.v1");
    j.attribute("rows", int64_t(e.rows));
    j.attribute("cols", int64_t(e.cols));
    j.attribute("element_type", e.type.str());
    j.attributeObject("options", [&] {
      j.attribute("algorithm",
                  enumName(kSearchAlgorithmNames, options.algorithm));
      j.attribute("match", enumName(kMatchModeNames, options.match));
      j.attribute("objective", enumName(kObjectiveNames, options.objective));
      j.attribute("seed", int64_t(options.seed));
      j.attribute("effort", int64_t(options.effort));
    });
    auto node = e.nodes.begin(), nodeEnd = e.nodes.end();
    j.attributeObject("cse", [&] {
      array("lhs", node, nodeEnd,
            [](const CseNode &n) { return int64_t(n.lhs); });
      array("rhs", node, nodeEnd,
            [](const CseNode &n) { return int64_t(n.rhs); });
      array("lhs_coef", node, nodeEnd,
            [](const CseNode &n) { return n.lhsCoef; });
      array("rhs_coef", node, nodeEnd,
            [](const CseNode &n) { return n.rhsCoef; });
    });
    auto id = [](auto v) { return int64_t(v); };
    array("row_ptr", e.rowPtr.begin(), e.rowPtr.end(), id);
    array("operands", e.operands.begin(), e.operands.end(), id);
    array("coefs", e.coefs.begin(), e.coefs.end(), id);
    j.attributeObject("stats", [&] {
      j.attribute("nnz", int64_t(report.nnz));
      j.attribute("distinct_values", int64_t(report.distinctValues));
      j.attribute("cses", int64_t(report.cses));
      j.attribute("residual_nnz", int64_t(report.residualNnz));
      j.attribute("additions_before", int64_t(report.before.additions));
      j.attribute("multiplications_before",
                  int64_t(report.before.multiplications));
      j.attribute("additions_after", int64_t(report.after.additions));
      j.attribute("multiplications_after",
                  int64_t(report.after.multiplications));
      j.attribute("adder_tree_depth", int64_t(report.depth));
      j.attribute("ecsr_bytes", int64_t(report.ecsrBytes));
      j.attribute("ecsr_bytes_without_cses",
                  int64_t(report.ecsrBytesWithoutCses));
      j.attribute("csr_bytes", int64_t(report.csrBytes));
      j.attribute("bytes_ratio", report.bytesRatio());
      j.attribute("extraction_seconds", report.seconds);
    });
  });
  os << "\n";
}
