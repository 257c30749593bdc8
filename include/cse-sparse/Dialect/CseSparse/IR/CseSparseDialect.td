//===- CseSparseDialect.td - cse_sparse dialect ------------*- tablegen -*-===//

#ifndef CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSEDIALECT_TD
#define CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSEDIALECT_TD

include "mlir/IR/OpBase.td"

def CseSparse_Dialect : Dialect {
  let name = "cse_sparse";
  let cppNamespace = "::mlir::cse_sparse";
  let summary = "Constant matrices as shared adder trees in extended CSR";
  let description = [{
    The `cse_sparse` dialect represents constant weight matrices whose rows
    share two-term subexpressions. An adder tree defines nodes
    `t[c] = a[c]*e[l[c]] + b[c]*e[r[c]]` over the extended operands
    `e = (x[0..N-1], t[0..K-1])`, and an extended-CSR constant multiplies
    rows over those operands (docs/ecsr-format.md gives the semantics).
  }];
  let useDefaultAttributePrinterParser = 1;
}

#endif // CSE_SPARSE_DIALECT_CSESPARSE_IR_CSESPARSEDIALECT_TD
