//===- fuzz-pipeline.cpp - extraction and lowering of generated linalg ----===//
//
// The bytes are the choices of a generator that writes a valid module: one
// function of linalg contractions (named and generic), convolutions and the
// ops models put around them (casts, bias, ReLU, zero points, transposes,
// reshapes, pads), with constants, arguments and earlier results in every
// tensor operand. Each module goes through --cse-sparse-extract (options
// from the bytes) and the whole --cse-sparse-to-llvm pipeline, with MLIR's
// calling convention or the C one (bare-ptr), with or without the DSP
// extension's dense kernel (arm-dsp), and the temporaries' memory
// shared by lifetime markers, by our stack plan or in an arena (from the
// bytes too).
//
// Must hold: no crash or sanitizer report; the pass succeeds and its output
// verifies; the pipeline with extraction succeeds wherever it succeeds
// without. A violation prints the module and the diagnostics, then aborts.
// A module that does not parse is a generator bug and aborts the same way.
//
// CSE_SPARSE_FUZZ_PRINT=1 prints every generated module and what became of
// it, to see what the generator makes.
//
//===----------------------------------------------------------------------===//

#include "FuzzContext.h"
#include "cse-sparse/Conversion/Passes.h"
#include "cse-sparse/Dialect/CseSparse/IR/CseSparse.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/BufferizableOpInterfaceImpl.h"
#include "cse-sparse/Dialect/CseSparse/Transforms/Passes.h"
#include "cse-sparse/Pipelines/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iterator>
#include <optional>
#include <string>

using namespace mlir;
using ::cse_sparse::fuzz::contextForNextInput;
using ::cse_sparse::fuzz::printing;
using ::cse_sparse::fuzz::registry;

namespace {

//===----------------------------------------------------------------------===//
// Types of the generated IR
//===----------------------------------------------------------------------===//

enum class Elem { I8, I32, I4, I16, F32 };

StringRef spell(Elem e) {
  switch (e) {
  case Elem::I4:
    return "i4";
  case Elem::I8:
    return "i8";
  case Elem::I16:
    return "i16";
  case Elem::I32:
    return "i32";
  case Elem::F32:
    return "f32";
  }
  llvm_unreachable("unknown element type");
}

unsigned bitWidth(Elem e) {
  switch (e) {
  case Elem::I4:
    return 4;
  case Elem::I8:
    return 8;
  case Elem::I16:
    return 16;
  case Elem::I32:
  case Elem::F32:
    return 32;
  }
  llvm_unreachable("unknown element type");
}

bool isFloat(Elem e) { return e == Elem::F32; }

using Shape = SmallVector<int64_t, 5>;

/// A static tensor type.
struct TensorDesc {
  Shape shape;
  Elem elem;
  bool operator==(const TensorDesc &o) const {
    return shape == o.shape && elem == o.elem;
  }
};

std::string spell(const TensorDesc &t) {
  std::string text = "tensor<";
  for (int64_t d : t.shape)
    text += std::to_string(d) + "x";
  return text + spell(t.elem).str() + ">";
}

std::string joined(ArrayRef<int64_t> values) {
  std::string text;
  for (auto [i, v] : llvm::enumerate(values))
    text += (i ? ", " : "") + std::to_string(v);
  return text;
}

/// `affine_map<(d0, ..) -> (d_i, ..)>` over `numDims` loops.
std::string affineMap(unsigned numDims, ArrayRef<unsigned> results) {
  std::string text = "affine_map<(";
  for (unsigned d = 0; d < numDims; ++d)
    text += (d ? ", d" : "d") + std::to_string(d);
  text += ") -> (";
  for (auto [i, r] : llvm::enumerate(results))
    text += (i ? ", d" : "d") + std::to_string(r);
  return text + ")>";
}

/// An SSA value of the generated function.
struct GenValue {
  std::string name;
  TensorDesc type;
};

//===----------------------------------------------------------------------===//
// The generator
//===----------------------------------------------------------------------===//

/// Writes one function from the fuzz bytes. Every choice defaults to its
/// first, plainest option once the bytes run out, so short inputs give
/// small, ordinary modules.
class ModuleWriter {
public:
  explicit ModuleWriter(FuzzedDataProvider &in) : in(in) {}

  std::string write() {
    unsigned ops = 1 + choose(4);
    for (unsigned i = 0; i < ops; ++i)
      writeOp();
    return module();
  }

private:
  FuzzedDataProvider &in;
  std::string body;
  llvm::raw_string_ostream os{body};
  SmallVector<GenValue> arguments, results;
  /// `dense_resource` blobs: key and hex bytes.
  SmallVector<std::pair<std::string, std::string>> resources;
  unsigned nextName = 0;

  //===--------------------------------------------------------------------===//
  // Choices
  //===--------------------------------------------------------------------===//

  unsigned choose(unsigned n) {
    return in.ConsumeIntegralInRange<unsigned>(0, n - 1);
  }
  /// True with probability 1/n; false once the bytes run out.
  bool rarely(unsigned n) { return choose(n) == n - 1; }
  int64_t dim(int64_t lo = 1, int64_t hi = 6) {
    return in.ConsumeIntegralInRange<int64_t>(lo, hi);
  }

  template <typename T> void shuffle(SmallVectorImpl<T> &v) {
    for (size_t i = v.size(); i > 1; --i)
      std::swap(v[i - 1], v[choose(i)]);
  }

  /// Operand element types: int8 first, the others as edge cases.
  Elem inputElem() {
    static const Elem kinds[] = {Elem::I8, Elem::I8,  Elem::I8, Elem::I32,
                                 Elem::I4, Elem::I16, Elem::F32};
    return kinds[choose(std::size(kinds))];
  }
  /// Accumulators are i32, sometimes narrower, f32 with float operands.
  Elem accElem(Elem a, Elem b) {
    if ((isFloat(a) || isFloat(b)) && !rarely(4))
      return Elem::F32;
    static const Elem kinds[] = {Elem::I32, Elem::I32, Elem::I32,
                                 Elem::I16, Elem::I8,  Elem::F32};
    return kinds[choose(std::size(kinds))];
  }

  std::string fresh(StringRef prefix = "v") {
    return "%" + prefix.str() + std::to_string(nextName++);
  }

  /// A shape of `rank` taken from an earlier result, so that ops chain.
  std::optional<Shape> adoptShape(unsigned rank) {
    SmallVector<const GenValue *> candidates;
    for (const GenValue &r : results)
      if (r.type.shape.size() == rank)
        candidates.push_back(&r);
    if (candidates.empty() || choose(3) != 1)
      return std::nullopt;
    return candidates[choose(candidates.size())]->type.shape;
  }

  //===--------------------------------------------------------------------===//
  // Constants
  //===--------------------------------------------------------------------===//

  /// Mostly zeros and small values (sparse weights that share pairs), with
  /// the type's extremes now and then.
  std::string element(Elem e, unsigned zeroPercent) {
    if (choose(100) < zeroPercent)
      return isFloat(e) ? "0.0" : "0";
    int64_t small = int64_t(choose(7)) - 3;
    if (isFloat(e)) {
      // MLIR reads an integer literal as a float only with a dot.
      static const char *fractions[] = {".0", ".5", ".25"};
      return std::to_string(small) + fractions[choose(3)];
    }
    unsigned bits = bitWidth(e);
    int64_t lo = -(int64_t(1) << (bits - 1)),
            hi = (int64_t(1) << (bits - 1)) - 1;
    switch (choose(8)) {
    case 6:
      return std::to_string(lo);
    case 7:
      return std::to_string(hi);
    default:
      return std::to_string(std::clamp(small, lo, hi));
    }
  }

  /// The nested-bracket body of a `dense<...>` of `shape` from `dim` on.
  void writeElements(raw_ostream &out, ArrayRef<int64_t> shape, Elem e,
                     unsigned zeroPercent) {
    out << "[";
    for (int64_t i = 0; i < shape.front(); ++i) {
      if (i)
        out << ", ";
      if (shape.size() == 1)
        out << element(e, zeroPercent);
      else
        writeElements(out, shape.drop_front(), e, zeroPercent);
    }
    out << "]";
  }

  GenValue constant(const TensorDesc &t) {
    static const unsigned zeroPercents[] = {50, 0, 25, 75, 90, 100};
    unsigned zeroPercent = zeroPercents[choose(std::size(zeroPercents))];
    std::string name = fresh("cst");
    os << "  " << name << " = arith.constant ";
    if (bitWidth(t.elem) % 8 == 0 && rarely(6)) {
      os << "dense_resource<" << resource(t, zeroPercent) << ">";
    } else {
      os << "dense<";
      if (rarely(6))
        os << element(t.elem, zeroPercent);
      else
        writeElements(os, t.shape, t.elem, zeroPercent);
      os << ">";
    }
    os << " : " << spell(t) << "\n";
    return {name, t};
  }

  /// A `dense_resource` blob for `t` (the form large weights come in),
  /// returning its key. The blob is now and then a byte short or long:
  /// MLIR parses that, and the pass must not read past it.
  std::string resource(const TensorDesc &t, unsigned zeroPercent) {
    unsigned bytes = bitWidth(t.elem) / 8;
    std::string blob;
    // The blob's alignment leads it, a little-endian uint32.
    appendLittleEndian(blob, bytes, 4);
    int64_t count = 1;
    for (int64_t d : t.shape)
      count *= d;
    for (int64_t i = 0; i < count; ++i) {
      std::string v = element(t.elem, zeroPercent);
      uint64_t raw;
      if (isFloat(t.elem)) {
        float f = std::stof(v);
        uint32_t bits;
        std::memcpy(&bits, &f, sizeof(bits));
        raw = bits;
      } else {
        raw = uint64_t(std::stoll(v));
      }
      appendLittleEndian(blob, raw, bytes);
    }
    switch (choose(12)) {
    case 10:
      blob.pop_back();
      break;
    case 11:
      blob.push_back('\0');
      break;
    default:
      break;
    }
    std::string key = "blob" + std::to_string(resources.size());
    resources.push_back({key, llvm::toHex(blob)});
    return key;
  }

  static void appendLittleEndian(std::string &out, uint64_t v, unsigned bytes) {
    for (unsigned i = 0; i < bytes; ++i)
      out.push_back(char((v >> (8 * i)) & 0xff));
  }

  std::string scalarConstant(Elem e, StringRef value) {
    std::string name = fresh("c");
    os << "  " << name << " = arith.constant " << value << " : " << spell(e)
       << "\n";
    return name;
  }

  std::string zero(Elem e) { return isFloat(e) ? "0.0" : "0"; }

  /// A scalar operand (zero point, pad value): zero, another constant, or a
  /// function argument.
  std::string scalar(Elem e) {
    switch (choose(4)) {
    case 0:
    case 1:
      return scalarConstant(e, zero(e));
    case 2:
      return scalarConstant(e, element(e, 0));
    default:
      return argument(e);
    }
  }

  //===--------------------------------------------------------------------===//
  // Operands
  //===--------------------------------------------------------------------===//

  std::string argument(Elem e) {
    std::string name = fresh("arg");
    arguments.push_back({name, {{}, e}});
    return name;
  }

  GenValue argument(const TensorDesc &t) {
    GenValue v{fresh("arg"), t};
    arguments.push_back(v);
    return v;
  }

  GenValue empty(const TensorDesc &t) {
    std::string name = fresh("empty");
    os << "  " << name << " = tensor.empty() : " << spell(t) << "\n";
    return {name, t};
  }

  GenValue zeroFilled(const TensorDesc &t) {
    std::string value = scalarConstant(t.elem, zero(t.elem));
    GenValue init = empty(t);
    std::string name = fresh("fill");
    os << "  " << name << " = linalg.fill ins(" << value << " : "
       << spell(t.elem) << ") outs(" << init.name << " : " << spell(t)
       << ") -> " << spell(t) << "\n";
    return {name, t};
  }

  /// An earlier result of type `t`, or of its shape through a cast.
  std::optional<GenValue> chained(const TensorDesc &t) {
    SmallVector<const GenValue *> same, castable;
    for (const GenValue &r : results) {
      if (r.type == t)
        same.push_back(&r);
      else if (r.type.shape == t.shape)
        castable.push_back(&r);
    }
    if (!same.empty())
      return *same[choose(same.size())];
    if (!castable.empty())
      return castGeneric(*castable[choose(castable.size())], t.elem);
    return std::nullopt;
  }

  /// A contraction or convolution input: any kind of value, constants first.
  GenValue input(const TensorDesc &t) {
    switch (choose(10)) {
    case 0:
    case 1:
    case 2:
    case 3:
      return constant(t);
    case 4:
    case 5:
      return argument(t);
    case 6:
    case 7:
      if (std::optional<GenValue> v = chained(t))
        return *v;
      return argument(t);
    default:
      return plumbed(t, /*depth=*/2);
    }
  }

  /// An input whose shape was taken from an earlier result: that result
  /// when possible, so ops chain.
  GenValue adoptedInput(const TensorDesc &t) {
    if (std::optional<GenValue> v = chained(t))
      return *v;
    return input(t);
  }

  /// An accumulator: zeros, undefined, an argument, a constant (a bias), an
  /// earlier result.
  GenValue init(const TensorDesc &t) {
    switch (choose(10)) {
    case 0:
    case 1:
    case 2:
    case 3:
      return zeroFilled(t);
    case 4:
      return empty(t);
    case 5:
    case 6:
      return argument(t);
    case 7:
      return constant(t);
    default:
      if (std::optional<GenValue> v = chained(t))
        return *v;
      return zeroFilled(t);
    }
  }

  //===--------------------------------------------------------------------===//
  // Weight plumbing: a constant reaching its consumer through other ops
  //===--------------------------------------------------------------------===//

  GenValue source(const TensorDesc &t, unsigned depth) {
    return depth && rarely(3) ? plumbed(t, depth - 1) : constant(t);
  }

  GenValue plumbed(const TensorDesc &t, unsigned depth) {
    switch (choose(5)) {
    case 0:
      if (t.shape.size() >= 2)
        return transposed(t, depth);
      break;
    case 1:
      return collapsed(t, depth);
    case 2:
      if (t.shape.size() >= 2)
        return expanded(t, depth);
      break;
    case 3:
      if (!isFloat(t.elem) && t.elem != Elem::I4 && rarely(10))
        return extended(t, depth);
      break;
    default:
      if (t.elem != Elem::I4)
        return castGeneric(source({t.shape, narrower(t.elem)}, depth), t.elem);
      break;
    }
    return constant(t);
  }

  /// An integer type a cast to `e` can start from.
  Elem narrower(Elem e) {
    if (isFloat(e))
      return choose(2) ? Elem::I4 : Elem::I8;
    SmallVector<Elem> options;
    for (Elem n : {Elem::I8, Elem::I4, Elem::I16})
      if (bitWidth(n) < bitWidth(e))
        options.push_back(n);
    return options[choose(options.size())];
  }

  GenValue transposed(const TensorDesc &t, unsigned depth) {
    SmallVector<int64_t> perm =
        llvm::to_vector(llvm::seq<int64_t>(0, t.shape.size()));
    shuffle(perm);
    TensorDesc from = t;
    for (auto [i, p] : llvm::enumerate(perm))
      from.shape[p] = t.shape[i];
    GenValue src = source(from, depth);
    GenValue out = empty(t);
    std::string name = fresh();
    os << "  " << name << " = linalg.transpose ins(" << src.name << " : "
       << spell(from) << ") outs(" << out.name << " : " << spell(t)
       << ") permutation = [" << joined(perm) << "]\n";
    return {name, t};
  }

  /// Reassociation `[[0], [1, 2], ..]` that groups dims `at` and `at + 1`
  /// of a rank `rank + 1` shape.
  static std::string groups(size_t rank, size_t at) {
    std::string text = "[";
    for (size_t i = 0, d = 0; i < rank; ++i) {
      text += i ? ", [" : "[";
      text += std::to_string(d++);
      if (i == at)
        text += ", " + std::to_string(d++);
      text += "]";
    }
    return text + "]";
  }

  /// `t` from a constant with one of its dims split in two.
  GenValue collapsed(const TensorDesc &t, unsigned depth) {
    size_t at = choose(t.shape.size());
    SmallVector<int64_t> factors;
    for (int64_t f = 1; f <= t.shape[at]; ++f)
      if (t.shape[at] % f == 0)
        factors.push_back(f);
    int64_t f = factors[choose(factors.size())];
    TensorDesc from = t;
    from.shape[at] = f;
    from.shape.insert(from.shape.begin() + at + 1, t.shape[at] / f);
    GenValue src = source(from, depth);
    std::string name = fresh();
    os << "  " << name << " = tensor.collapse_shape " << src.name << " "
       << groups(t.shape.size(), at) << " : " << spell(from) << " into "
       << spell(t) << "\n";
    return {name, t};
  }

  /// `t` from a constant with two adjacent dims merged.
  GenValue expanded(const TensorDesc &t, unsigned depth) {
    size_t at = choose(t.shape.size() - 1);
    TensorDesc from = t;
    from.shape[at] *= t.shape[at + 1];
    from.shape.erase(from.shape.begin() + at + 1);
    GenValue src = source(from, depth);
    std::string name = fresh();
    os << "  " << name << " = tensor.expand_shape " << src.name << " "
       << groups(from.shape.size(), at) << " output_shape [" << joined(t.shape)
       << "] : " << spell(from) << " into " << spell(t) << "\n";
    return {name, t};
  }

  /// arith.extsi on a whole tensor. Valid IR that one-shot-bufferize does
  /// not take: rare, since it makes both pipelines fail.
  GenValue extended(const TensorDesc &t, unsigned depth) {
    TensorDesc from{t.shape, narrower(t.elem)};
    GenValue src = source(from, depth);
    std::string name = fresh();
    os << "  " << name << " = arith.extsi " << src.name << " : " << spell(from)
       << " to " << spell(t) << "\n";
    return {name, t};
  }

  //===--------------------------------------------------------------------===//
  // linalg.generic
  //===--------------------------------------------------------------------===//

  /// Emits into a body the cast of `v` from `from` to `to`, signed or not;
  /// returns the casted value.
  std::string castScalar(raw_ostream &out, const std::string &v, Elem from,
                         Elem to, bool isUnsigned) {
    if (from == to)
      return v;
    StringRef op;
    if (isFloat(from))
      op = isUnsigned ? "arith.fptoui" : "arith.fptosi";
    else if (isFloat(to))
      op = isUnsigned ? "arith.uitofp" : "arith.sitofp";
    else if (bitWidth(from) < bitWidth(to))
      op = isUnsigned ? "arith.extui" : "arith.extsi";
    else
      op = "arith.trunci";
    std::string name = fresh();
    out << "    " << name << " = " << op << " " << v << " : " << spell(from)
        << " to " << spell(to) << "\n";
    return name;
  }

  std::string binary(raw_ostream &out, StringRef intOp, StringRef floatOp,
                     const std::string &a, const std::string &b, Elem e) {
    std::string name = fresh();
    out << "    " << name << " = " << (isFloat(e) ? floatOp : intOp) << " " << a
        << ", " << b << " : " << spell(e) << "\n";
    return name;
  }

  struct GenericOperand {
    GenValue value;
    SmallVector<unsigned> map;
  };

  /// Body writer: gets the block arguments (inputs, then the init), writes
  /// the body's ops and returns the yielded value.
  using BodyWriter =
      std::function<std::string(raw_ostream &, ArrayRef<std::string>)>;

  GenValue generic(unsigned loops, ArrayRef<bool> reduction,
                   ArrayRef<GenericOperand> ins, const GenericOperand &out,
                   const BodyWriter &writeBody) {
    std::string name = fresh();
    os << "  " << name << " = linalg.generic {indexing_maps = [";
    for (const GenericOperand &o : ins)
      os << affineMap(loops, o.map) << ", ";
    os << affineMap(loops, out.map) << "], iterator_types = [";
    for (unsigned d = 0; d < loops; ++d)
      os << (d ? ", " : "")
         << (reduction[d] ? "\"reduction\"" : "\"parallel\"");
    os << "]}";
    if (!ins.empty()) {
      os << " ins(";
      for (auto [i, o] : llvm::enumerate(ins))
        os << (i ? ", " : "") << o.value.name;
      os << " : ";
      for (auto [i, o] : llvm::enumerate(ins))
        os << (i ? ", " : "") << spell(o.value.type);
      os << ")";
    }
    os << " outs(" << out.value.name << " : " << spell(out.value.type)
       << ") {\n  ^bb0(";
    SmallVector<std::string> args;
    for (const GenericOperand *o : collectOperands(ins, out)) {
      args.push_back(fresh("in"));
      os << (args.size() > 1 ? ", " : "") << args.back() << ": "
         << spell(o->value.type.elem);
    }
    os << "):\n";
    std::string yielded = writeBody(os, args);
    os << "    linalg.yield " << yielded << " : " << spell(out.value.type.elem)
       << "\n  } -> " << spell(out.value.type) << "\n";
    return {name, out.value.type};
  }

  static SmallVector<const GenericOperand *>
  collectOperands(ArrayRef<GenericOperand> ins, const GenericOperand &out) {
    SmallVector<const GenericOperand *> all;
    for (const GenericOperand &o : ins)
      all.push_back(&o);
    all.push_back(&out);
    return all;
  }

  static SmallVector<unsigned> identity(size_t rank) {
    return llvm::to_vector(llvm::seq<unsigned>(0, rank));
  }

  /// A one-input elementwise generic that only casts (torch-mlir's
  /// `aten.to`), transposing on the way if `mayTranspose`.
  GenValue castGeneric(const GenValue &src, Elem to,
                       bool mayTranspose = false) {
    size_t rank = src.type.shape.size();
    SmallVector<unsigned> inMap = identity(rank);
    if (mayTranspose && choose(2))
      shuffle(inMap);
    TensorDesc t{Shape(rank), to};
    for (size_t i = 0; i < rank; ++i)
      t.shape[inMap[i]] = src.type.shape[i];
    bool isUnsigned = rarely(3);
    Elem from = src.type.elem;
    return generic(rank, SmallVector<bool>(rank, false), {{src, inMap}},
                   {empty(t), identity(rank)},
                   [&](raw_ostream &out, ArrayRef<std::string> args) {
                     return castScalar(out, args[0], from, to, isUnsigned);
                   });
  }

  /// Generics that are not contractions: fills (no input), casts, bias
  /// broadcasts, ReLUs and zero-point subtractions (one input), bias adds
  /// (two inputs).
  void writeElementwise() {
    std::optional<Shape> adopted = adoptShape(2);
    Shape shape = adopted ? *adopted : Shape{dim(), dim()};
    Elem inElem = inputElem(), outElem = accElem(inElem, inElem);
    TensorDesc inType{shape, inElem}, outType{shape, outElem};
    bool isUnsigned = rarely(3);
    auto cast = [&](raw_ostream &out, const std::string &v) {
      return castScalar(out, v, inElem, outElem, isUnsigned);
    };
    SmallVector<bool> parallel = {false, false};
    switch (choose(6)) {
    case 0: {
      // Bias broadcast along one dim: out = cast(b), or out + cast(b).
      unsigned kept = choose(2);
      GenValue bias = input({{shape[kept]}, inElem});
      GenValue acc = init(outType);
      bool accumulate = choose(2);
      return record(generic(2, parallel, {{bias, {kept}}}, {acc, identity(2)},
                            [&](raw_ostream &out, ArrayRef<std::string> args) {
                              std::string b = cast(out, args[0]);
                              return accumulate ? binary(out, "arith.addi",
                                                         "arith.addf", args[1],
                                                         b, outElem)
                                                : b;
                            }));
    }
    case 1:
      return record(castGeneric(adopted ? adoptedInput(inType) : input(inType),
                                outElem, /*mayTranspose=*/true));
    case 2: {
      // ReLU: max(cast(x), 0).
      GenValue x = adopted ? adoptedInput(inType) : input(inType);
      return record(generic(
          2, parallel, {{x, identity(2)}}, {empty(outType), identity(2)},
          [&](raw_ostream &out, ArrayRef<std::string> args) {
            std::string z = fresh();
            out << "    " << z << " = arith.constant " << zero(outElem) << " : "
                << spell(outElem) << "\n";
            return binary(out, "arith.maxsi", "arith.maximumf",
                          cast(out, args[0]), z, outElem);
          }));
    }
    case 3: {
      // Subtraction of a zero point captured from the function.
      GenValue x = adopted ? adoptedInput(inType) : input(inType);
      std::string zp = scalar(outElem);
      return record(generic(2, parallel, {{x, identity(2)}},
                            {empty(outType), identity(2)},
                            [&](raw_ostream &out, ArrayRef<std::string> args) {
                              return binary(out, "arith.subi", "arith.subf",
                                            cast(out, args[0]), zp, outElem);
                            }));
    }
    case 4: {
      // A fill written as a generic: no input.
      std::string value = scalar(outElem);
      GenValue acc = init(outType);
      return record(
          generic(2, parallel, {}, {acc, identity(2)},
                  [&](raw_ostream &, ArrayRef<std::string>) { return value; }));
    }
    default: {
      // Two inputs, elementwise: a bias add.
      GenValue x = adopted ? adoptedInput(inType) : input(inType);
      GenValue bias = input({{shape[1]}, inElem});
      GenValue acc = init(outType);
      return record(generic(
          2, parallel, {{x, identity(2)}, {bias, {1}}}, {acc, identity(2)},
          [&](raw_ostream &out, ArrayRef<std::string> args) {
            return binary(out, "arith.addi", "arith.addf", cast(out, args[0]),
                          cast(out, args[1]), outElem);
          }));
    }
    }
  }

  /// Loop roles of a generic contraction.
  enum Role { Batch, M, N, K, K2 };

  /// A generic contraction C(b?, m, n?) += A(b?, m, k, k2?) * B(b?, k, k2?,
  /// n?) with the loops in random order, each operand's dims permuted, the
  /// inputs in either order, and sometimes a third input (a fused bias, or
  /// unused).
  void writeGenericContraction() {
    SmallVector<Role> roles = {M, K};
    bool hasN = choose(4) != 1, hasBatch = rarely(4), sharedB = choose(2);
    if (hasN)
      roles.push_back(N);
    if (hasBatch)
      roles.push_back(Batch);
    if (rarely(6))
      roles.push_back(K2);
    shuffle(roles);
    // Sizes and positions of the loops, by role.
    int64_t sizeOf[5];
    unsigned loopOf[5];
    for (auto [d, r] : llvm::enumerate(roles)) {
      sizeOf[r] = dim();
      loopOf[r] = d;
    }
    auto operand = [&](ArrayRef<Role> dims, Elem e, bool isInit,
                       bool permute) -> GenericOperand {
      SmallVector<Role> order(dims);
      if (permute && choose(2))
        shuffle(order);
      GenericOperand o;
      TensorDesc t{{}, e};
      for (Role r : order) {
        t.shape.push_back(sizeOf[r]);
        o.map.push_back(loopOf[r]);
      }
      o.value = isInit ? init(t) : input(t);
      return o;
    };
    auto present = [&](std::initializer_list<Role> dims) {
      SmallVector<Role> kept;
      for (Role r : dims)
        if (llvm::is_contained(roles, r))
          kept.push_back(r);
      return kept;
    };
    Elem aElem = inputElem(), bElem = choose(2) ? aElem : inputElem();
    Elem accElemType = accElem(aElem, bElem);
    SmallVector<GenericOperand> ins = {
        operand(present({Batch, M, K, K2}), aElem, false, true),
        operand(sharedB ? present({K, K2, N}) : present({Batch, K, K2, N}),
                bElem, false, true)};
    bool swapped = choose(2);
    if (swapped)
      std::swap(ins[0], ins[1]);
    unsigned extra = choose(4);
    if (extra == 2)
      ins.push_back(operand(present({M}), accElemType, false, false));
    if (extra == 3)
      ins.push_back(operand(present({Batch, M, N}), aElem, false, true));
    GenericOperand result =
        operand(present({Batch, M, N}), accElemType, true, true);
    SmallVector<bool> reduction;
    for (Role r : roles)
      reduction.push_back(r == K || r == K2);
    MulAdd body;
    body.in[0] = swapped ? bElem : aElem;
    body.in[1] = swapped ? aElem : bElem;
    body.acc = accElemType;
    body.unsignedExt[0] = rarely(4);
    body.unsignedExt[1] = rarely(4);
    if (rarely(4))
      for (std::string &zp : body.zeroPoints)
        zp = scalar(accElemType);
    body.addBias = extra == 2;
    body.productFirst = choose(2);
    body.swapFactors = choose(2);
    record(generic(roles.size(), reduction, ins, result,
                   [&](raw_ostream &out, ArrayRef<std::string> args) {
                     return writeMulAdd(out, args, body);
                   }));
  }

  /// A multiply-accumulate body, in any of the forms frontends write.
  struct MulAdd {
    Elem in[2], acc;
    bool unsignedExt[2];
    /// Subtracted from each factor after its cast, if set.
    std::string zeroPoints[2];
    /// Adds the third block argument (a fused bias).
    bool addBias;
    bool productFirst, swapFactors;
  };

  /// `out + (cast(a) [- zp]) * (cast(b) [- zp]) [+ bias]`.
  std::string writeMulAdd(raw_ostream &out, ArrayRef<std::string> args,
                          const MulAdd &m) {
    std::string x[2];
    for (unsigned i = 0; i < 2; ++i) {
      x[i] = castScalar(out, args[i], m.in[i], m.acc, m.unsignedExt[i]);
      if (!m.zeroPoints[i].empty())
        x[i] = binary(out, "arith.subi", "arith.subf", x[i], m.zeroPoints[i],
                      m.acc);
    }
    if (m.swapFactors)
      std::swap(x[0], x[1]);
    std::string p = binary(out, "arith.muli", "arith.mulf", x[0], x[1], m.acc);
    const std::string &acc = args.back();
    std::string sum =
        m.productFirst ? binary(out, "arith.addi", "arith.addf", p, acc, m.acc)
                       : binary(out, "arith.addi", "arith.addf", acc, p, m.acc);
    if (m.addBias)
      sum = binary(out, "arith.addi", "arith.addf", sum, args[2], m.acc);
    return sum;
  }

  //===--------------------------------------------------------------------===//
  // Named contractions
  //===--------------------------------------------------------------------===//

  void record(const GenValue &v) { results.push_back(v); }

  /// `%r = linalg.NAME ATTRS ins(..) outs(..) -> T` for named ops.
  GenValue named(StringRef opName, StringRef attributes,
                 ArrayRef<std::string> ins, ArrayRef<std::string> inTypes,
                 const GenValue &out) {
    std::string name = fresh();
    os << "  " << name << " = linalg." << opName << " " << attributes
       << (attributes.empty() ? "" : " ") << "ins(";
    for (auto [i, v] : llvm::enumerate(ins))
      os << (i ? ", " : "") << v;
    os << " : ";
    for (auto [i, t] : llvm::enumerate(inTypes))
      os << (i ? ", " : "") << t;
    os << ") outs(" << out.name << " : " << spell(out.type) << ") -> "
       << spell(out.type) << "\n";
    return {name, out.type};
  }

  GenValue namedBinary(StringRef opName, StringRef attributes,
                       const GenValue &a, const GenValue &b,
                       const TensorDesc &outType) {
    GenValue out = init(outType);
    return named(opName, attributes, {a.name, b.name},
                 {spell(a.type), spell(b.type)}, out);
  }

  std::string castAttribute() {
    return rarely(3) ? "{cast = #linalg.type_fn<cast_unsigned>}" : "";
  }

  /// linalg.matmul, in any orientation its indexing maps express, now and
  /// then with a broadcast (1-D) operand.
  void writeMatmul() {
    int64_t m = dim(), n = dim(), k = dim();
    std::optional<Shape> adopted = adoptShape(2);
    if (adopted) {
      m = (*adopted)[0];
      k = (*adopted)[1];
    }
    enum { Plain, Transposed, Broadcast };
    unsigned aForm = choose(4) % 3, bForm = choose(4) % 3;
    // d0 = m, d1 = n, d2 = k.
    auto operand = [&](unsigned form, int64_t outer, unsigned outerDim,
                       bool outerFirst, Elem e) {
      TensorDesc t{{}, e};
      SmallVector<unsigned> map;
      if (form == Broadcast) {
        t.shape = {k};
        map = {2};
      } else if ((form == Plain) == outerFirst) {
        t.shape = {outer, k};
        map = {outerDim, 2};
      } else {
        t.shape = {k, outer};
        map = {2, outerDim};
      }
      bool chain = adopted && outerDim == 0 && form == Plain;
      return std::make_pair(chain ? adoptedInput(t) : input(t), map);
    };
    Elem aElem = inputElem(), bElem = inputElem();
    auto [a, aMap] = operand(aForm, m, 0, /*outerFirst=*/true, aElem);
    auto [b, bMap] = operand(bForm, n, 1, /*outerFirst=*/false, bElem);
    std::string attributes;
    if (aForm != Plain || bForm != Plain || rarely(4))
      attributes = "indexing_maps = [" + affineMap(3, aMap) + ", " +
                   affineMap(3, bMap) + ", " + affineMap(3, {0, 1}) + "]";
    std::string cast = castAttribute();
    if (!cast.empty())
      attributes += (attributes.empty() ? "" : " ") + cast;
    record(namedBinary("matmul", attributes, a, b,
                       {{m, n}, accElem(aElem, bElem)}));
  }

  void writeMatvec() {
    int64_t m = dim(), n = dim();
    std::optional<Shape> adopted = adoptShape(1);
    if (adopted)
      n = (*adopted)[0];
    Elem aElem = inputElem(), xElem = inputElem();
    GenValue a = input({{m, n}, aElem});
    GenValue x = adopted ? adoptedInput({{n}, xElem}) : input({{n}, xElem});
    record(namedBinary("matvec", castAttribute(), a, x,
                       {{m}, accElem(aElem, xElem)}));
  }

  void writeVecmat() {
    int64_t m = dim(), n = dim();
    std::optional<Shape> adopted = adoptShape(1);
    if (adopted)
      m = (*adopted)[0];
    Elem aElem = inputElem(), xElem = inputElem();
    GenValue x = adopted ? adoptedInput({{m}, xElem}) : input({{m}, xElem});
    GenValue a = input({{m, n}, aElem});
    record(namedBinary("vecmat", castAttribute(), x, a,
                       {{n}, accElem(aElem, xElem)}));
  }

  /// linalg.batch_matmul with a weight per batch (either orientation) or
  /// one 2-D weight shared through the indexing maps.
  void writeBatchMatmul() {
    int64_t s = dim(1, 3), m = dim(), n = dim(), k = dim();
    std::optional<Shape> adopted = adoptShape(3);
    if (adopted) {
      s = (*adopted)[0];
      m = (*adopted)[1];
      k = (*adopted)[2];
    }
    // A shared 2-D weight is (k, n) only: linalg rejects (n, k) as an
    // invalid broadcast.
    bool transposeA = rarely(4), shared = choose(2),
         transposeB = !shared && choose(3) == 1;
    Elem aElem = inputElem(), bElem = inputElem();
    // d0 = s, d1 = m, d2 = n, d3 = k.
    TensorDesc aType{transposeA ? Shape{s, k, m} : Shape{s, m, k}, aElem};
    SmallVector<unsigned> aMap = transposeA ? SmallVector<unsigned>{0, 3, 1}
                                            : SmallVector<unsigned>{0, 1, 3};
    TensorDesc bType{transposeB ? Shape{n, k} : Shape{k, n}, bElem};
    SmallVector<unsigned> bMap =
        transposeB ? SmallVector<unsigned>{2, 3} : SmallVector<unsigned>{3, 2};
    if (!shared) {
      bType.shape.insert(bType.shape.begin(), s);
      bMap.insert(bMap.begin(), 0);
    }
    std::string attributes;
    if (transposeA || shared || transposeB || rarely(4))
      attributes = "indexing_maps = [" + affineMap(4, aMap) + ", " +
                   affineMap(4, bMap) + ", " + affineMap(4, {0, 1, 2}) + "]";
    GenValue a = adopted && !transposeA ? adoptedInput(aType) : input(aType);
    GenValue b = input(bType);
    record(namedBinary("batch_matmul", attributes, a, b,
                       {{s, m, n}, accElem(aElem, bElem)}));
  }

  /// linalg.quantized_matmul and quantized_batch_matmul, zero points
  /// constant or arguments.
  void writeQuantized(bool batched) {
    int64_t s = dim(1, 3), m = dim(), n = dim(), k = dim();
    Elem aElem = inputElem(), bElem = inputElem();
    Shape aShape = {m, k}, bShape = {k, n}, cShape = {m, n};
    if (batched)
      for (Shape *shape : {&aShape, &bShape, &cShape})
        shape->insert(shape->begin(), s);
    GenValue a = input({aShape, aElem}), b = input({bShape, bElem});
    Elem zpElem = rarely(4) ? aElem : Elem::I32;
    std::string aZp = scalar(zpElem), bZp = scalar(zpElem);
    GenValue out = init({cShape, accElem(aElem, bElem)});
    record(named(batched ? "quantized_batch_matmul" : "quantized_matmul", "",
                 {a.name, b.name, aZp, bZp},
                 {spell(a.type), spell(b.type), spell(zpElem).str(),
                  spell(zpElem).str()},
                 out));
  }

  //===--------------------------------------------------------------------===//
  // Convolutions and pooling
  //===--------------------------------------------------------------------===//

  /// One spatial dimension: input size `in` padded by `low` + `high`, a
  /// window of `k` taps `dilation` apart moved by `stride`.
  struct Window {
    int64_t in, low = 0, high = 0, k, stride, dilation, out;
  };

  Window window(std::optional<int64_t> adoptedIn, bool padded) {
    static const int64_t taps[] = {1, 3, 2};
    Window w;
    w.k = taps[choose(3)];
    w.stride = dim(1, 2);
    w.dilation = dim(1, 2);
    if (padded) {
      w.low = dim(0, 2);
      w.high = dim(0, 2);
    }
    if (adoptedIn) {
      w.in = *adoptedIn;
      int64_t extent = w.in + w.low + w.high;
      if (extent < w.dilation * (w.k - 1) + 1)
        w.dilation = 1;
      w.k = std::min(w.k, extent);
    } else {
      int64_t out = dim(1, 3);
      int64_t extent = (out - 1) * w.stride + w.dilation * (w.k - 1) + 1 +
                       int64_t(choose(w.stride));
      // Never pad away the whole input.
      w.low = std::min(w.low, extent - 1);
      w.high = std::min(w.high, extent - 1 - w.low);
      w.in = extent - w.low - w.high;
    }
    w.out = (w.in + w.low + w.high - w.dilation * (w.k - 1) - 1) / w.stride + 1;
    return w;
  }

  /// `input`, padded by `tensor.pad` on its spatial dims when asked.
  GenValue pad(const GenValue &src, ArrayRef<unsigned> spatial,
               ArrayRef<Window> windows) {
    SmallVector<int64_t> low(src.type.shape.size(), 0),
        high(src.type.shape.size(), 0);
    TensorDesc t = src.type;
    for (auto [d, w] : llvm::zip(spatial, windows)) {
      low[d] = w.low;
      high[d] = w.high;
      t.shape[d] += w.low + w.high;
    }
    if (t == src.type && choose(2))
      return src;
    std::string value = scalar(t.elem);
    std::string name = fresh();
    os << "  " << name << " = tensor.pad " << src.name << " low[" << joined(low)
       << "] high[" << joined(high) << "] {\n  ^bb0(";
    for (size_t i = 0; i < t.shape.size(); ++i)
      os << (i ? ", " : "") << fresh("i") << ": index";
    os << "):\n    tensor.yield " << value << " : " << spell(t.elem)
       << "\n  } : " << spell(src.type) << " to " << spell(t) << "\n";
    return {name, t};
  }

  enum class ConvKind {
    NhwcHwcf,
    NhwcFhwc,
    NchwFchw,
    DepthwiseNhwcHwcm,
    PoolingNhwcSum,
    DepthwiseNhwcHwc
  };

  /// The op and its filter and output shapes.
  struct ConvLayout {
    StringRef opName;
    Shape filter, out;
  };

  static ConvLayout convLayout(ConvKind kind, bool quantized, int64_t n,
                               int64_t c, int64_t f, const Window &h,
                               const Window &w) {
    switch (kind) {
    case ConvKind::NhwcHwcf:
      return {quantized ? "conv_2d_nhwc_hwcf_q" : "conv_2d_nhwc_hwcf",
              {h.k, w.k, c, f},
              {n, h.out, w.out, f}};
    case ConvKind::NhwcFhwc:
      return {quantized ? "conv_2d_nhwc_fhwc_q" : "conv_2d_nhwc_fhwc",
              {f, h.k, w.k, c},
              {n, h.out, w.out, f}};
    case ConvKind::NchwFchw:
      return {quantized ? "conv_2d_nchw_fchw_q" : "conv_2d_nchw_fchw",
              {f, c, h.k, w.k},
              {n, f, h.out, w.out}};
    case ConvKind::DepthwiseNhwcHwcm:
      return {quantized ? "depthwise_conv_2d_nhwc_hwcm_q"
                        : "depthwise_conv_2d_nhwc_hwcm",
              {h.k, w.k, c, f},
              {n, h.out, w.out, c, f}};
    case ConvKind::PoolingNhwcSum:
      return {"pooling_nhwc_sum", {h.k, w.k}, {n, h.out, w.out, c}};
    case ConvKind::DepthwiseNhwcHwc:
      return {quantized ? "depthwise_conv_2d_nhwc_hwc_q"
                        : "depthwise_conv_2d_nhwc_hwc",
              {h.k, w.k, c},
              {n, h.out, w.out, c}};
    }
    llvm_unreachable("unknown convolution");
  }

  static std::string windowAttributes(const Window &h, const Window &w) {
    return "{dilations = dense<[" + std::to_string(h.dilation) + ", " +
           std::to_string(w.dilation) +
           "]> : tensor<2xi64>, strides = dense<[" + std::to_string(h.stride) +
           ", " + std::to_string(w.stride) + "]> : tensor<2xi64>}";
  }

  /// Every 2-D convolution layout the pass may meet in a model, their `_q`
  /// variants, depthwise, and sum pooling, on small static shapes.
  void writeConvolution() {
    ConvKind kind = ConvKind(choose(6));
    bool quantized = kind != ConvKind::PoolingNhwcSum && choose(3) == 1;
    bool nchw = kind == ConvKind::NchwFchw;
    bool depthwise = kind == ConvKind::DepthwiseNhwcHwcm ||
                     kind == ConvKind::DepthwiseNhwcHwc;
    // Depthwise kernels take channels four at a time: room for a block and
    // the channels left over.
    int64_t n = dim(1, 2), c = dim(1, depthwise ? 9 : 3), f = dim(1, 3);
    std::optional<Shape> adopted = adoptShape(4);
    unsigned hDim = nchw ? 2 : 1, wDim = nchw ? 3 : 2;
    if (adopted) {
      n = (*adopted)[0];
      c = (*adopted)[nchw ? 1 : 3];
    }
    bool padded = choose(3) == 1;
    Window h = window(adopted ? std::optional((*adopted)[hDim]) : std::nullopt,
                      padded),
           w = window(adopted ? std::optional((*adopted)[wDim]) : std::nullopt,
                      padded);
    Elem inElem = inputElem(), filterElem = inputElem();
    Elem outElem = accElem(inElem, filterElem);
    Shape inShape = nchw ? Shape{n, c, h.in, w.in} : Shape{n, h.in, w.in, c};
    TensorDesc inType{inShape, inElem};
    GenValue x = pad(adopted ? adoptedInput(inType) : input(inType),
                     {hDim, wDim}, {h, w});
    ConvLayout layout = convLayout(kind, quantized, n, c, f, h, w);
    // The pooling window is read for its shape only: usually tensor.empty.
    TensorDesc filterType{layout.filter, filterElem};
    GenValue filter = kind == ConvKind::PoolingNhwcSum && choose(2)
                          ? empty(filterType)
                          : input(filterType);
    std::string attributes;
    if (h.stride != 1 || w.stride != 1 || h.dilation != 1 || w.dilation != 1 ||
        choose(2))
      attributes = windowAttributes(h, w);
    SmallVector<std::string> ins = {x.name, filter.name},
                             inTypes = {spell(x.type), spell(filter.type)};
    if (quantized) {
      Elem zpElem = rarely(4) ? inElem : Elem::I32;
      for (int i = 0; i < 2; ++i) {
        ins.push_back(scalar(zpElem));
        inTypes.push_back(spell(zpElem).str());
      }
    }
    GenValue out = init({layout.out, outElem});
    record(named(layout.opName, attributes, ins, inTypes, out));
  }

  //===--------------------------------------------------------------------===//
  // The module
  //===--------------------------------------------------------------------===//

  void writeOp() {
    switch (choose(10)) {
    case 0:
      return writeMatmul();
    case 1:
      return writeGenericContraction();
    case 2:
      return writeConvolution();
    case 3:
      return writeElementwise();
    case 4:
      return writeBatchMatmul();
    case 5:
      return writeMatvec();
    case 6:
      return writeVecmat();
    case 7:
      return writeQuantized(/*batched=*/false);
    case 8:
      return writeQuantized(/*batched=*/true);
    default:
      // Weighted twice: the forms being added to the pass.
      return writeConvolution();
    }
  }

  static std::string typeOf(const GenValue &v) {
    return v.type.shape.empty() ? spell(v.type.elem).str() : spell(v.type);
  }

  std::string module() {
    std::string text;
    llvm::raw_string_ostream out(text);
    out << "func.func @main(";
    for (auto [i, a] : llvm::enumerate(arguments))
      out << (i ? ", " : "") << a.name << ": " << typeOf(a);
    out << ") -> (";
    for (auto [i, r] : llvm::enumerate(results))
      out << (i ? ", " : "") << typeOf(r);
    out << ") {\n" << body << "  return ";
    for (auto [i, r] : llvm::enumerate(results))
      out << (i ? ", " : "") << r.name;
    out << " : ";
    for (auto [i, r] : llvm::enumerate(results))
      out << (i ? ", " : "") << typeOf(r);
    out << "\n}\n";
    if (resources.empty())
      return text;
    out << "{-#\n  dialect_resources: {\n    builtin: {\n";
    for (auto [i, r] : llvm::enumerate(resources))
      out << (i ? ",\n" : "") << "      " << r.first << ": \"0x" << r.second
          << "\"";
    out << "\n    }\n  }\n#-}\n";
    return text;
  }
};

//===----------------------------------------------------------------------===//
// Running the passes
//===----------------------------------------------------------------------===//

/// Everything a diagnostic says, kept for the report of a failure.
std::string diagnostics;

std::unique_ptr<MLIRContext> newContext() {
  auto ctx = std::make_unique<MLIRContext>(registry(),
                                           MLIRContext::Threading::DISABLED);
  // The failure report prints the whole module; a copy of the op on every
  // remark would only slow each run down.
  ctx->printOpOnDiagnostic(false);
  ctx->getDiagEngine().registerHandler([](Diagnostic &d) {
    llvm::raw_string_ostream os(diagnostics);
    os << d.getLocation() << ": " << d << "\n";
    for (const Diagnostic &note : d.getNotes())
      os << "  note: " << note << "\n";
  });
  return ctx;
}

[[noreturn]] void fail(StringRef what, StringRef text) {
  llvm::errs() << "fuzz-pipeline: " << what << "\n--- module\n"
               << text << "--- diagnostics\n"
               << diagnostics << "---\n";
  llvm::errs().flush();
  std::abort();
}

/// --cse-sparse-extract options drawn from the bytes, remarks on.
mlir::cse_sparse::CseSparseExtractPassOptions
extractOptions(FuzzedDataProvider &in) {
  using ::cse_sparse::CostModelKind;
  static const CostModelKind costModels[] = {
      CostModelKind::None, CostModelKind::Sparse, CostModelKind::Csr,
      CostModelKind::CortexM4};
  mlir::cse_sparse::CseSparseExtractPassOptions o;
  o.costModel = costModels[in.ConsumeIntegralInRange<unsigned>(0, 3)];
  o.match = in.ConsumeBool() ? ::cse_sparse::MatchMode::Scaled
                             : ::cse_sparse::MatchMode::Exact;
  o.seed = in.ConsumeIntegral<uint8_t>();
  // Few rounds: each costs time, and the search itself is fuzz-extraction's
  // job; here the IR around it is.
  o.effort = in.ConsumeIntegralInRange<unsigned>(0, 2);
  o.floatWeights = in.ConsumeBool();
  o.remarks = true;
  return o;
}

std::string costModelName(::cse_sparse::CostModelKind model) {
  return ::cse_sparse::enumName(::cse_sparse::kCostModelNames, model).str();
}

std::string
optionsText(const mlir::cse_sparse::CseSparseExtractPassOptions &o) {
  return "cost-model=" + costModelName(o.costModel) + " match=" +
         ::cse_sparse::enumName(::cse_sparse::kMatchModeNames, o.match).str() +
         " seed=" + std::to_string(o.seed) +
         " effort=" + std::to_string(o.effort) +
         " float-weights=" + std::to_string(o.floatWeights) + " remarks=1";
}

/// The pass must succeed on every valid module and leave valid IR.
void checkExtraction(
    ModuleOp module, StringRef text,
    const mlir::cse_sparse::CseSparseExtractPassOptions &options) {
  OwningOpRef<ModuleOp> clone = module.clone();
  PassManager pm(module.getContext());
  pm.addPass(mlir::cse_sparse::createCseSparseExtractPass(options));
  diagnostics.clear();
  std::string what = "--cse-sparse-extract=\"" + optionsText(options) + "\"";
  if (failed(pm.run(*clone)))
    fail(what + " failed on a valid module", text);
  if (failed(verify(*clone)))
    fail(what + " produced IR that does not verify", text);
  if (printing()) {
    unsigned rewritten = 0;
    clone->walk([&](Operation *op) {
      rewritten += op->getName().getDialectNamespace() ==
                   mlir::cse_sparse::CseSparseDialect::getDialectNamespace();
    });
    llvm::errs() << "// " << what << ": " << rewritten << " cse_sparse ops\n"
                 << diagnostics;
  }
}

/// How the pipeline runs: its cost model, the C ABI (results as
/// out-parameters, the temporaries on the stack) or MLIR's, and where the
/// temporaries go: allocations with lifetimes, our stack plan, or the
/// caller's arena.
struct PipelineChoice {
  ::cse_sparse::CostModelKind costModel;
  bool barePtr;
  /// Dense int8 matmuls as SMLAD loops (what the Cortex-M4 gets).
  bool armDsp;
  enum Stack : unsigned { Lifetimes, Plan, Arena } stack;
};

std::string pipelineText(const PipelineChoice &c, bool extract) {
  static const char *const stacks[] = {"", " plan-stack=1", " arena=1"};
  return "--cse-sparse-to-llvm=\"cost-model=" + costModelName(c.costModel) +
         (c.barePtr ? " bare-ptr=1" : "") + (c.armDsp ? " arm-dsp=1" : "") +
         stacks[c.stack] + (extract ? "" : " extract=0") + "\"";
}

LogicalResult runPipeline(ModuleOp module, bool extract,
                          const PipelineChoice &c) {
  OwningOpRef<ModuleOp> clone = module.clone();
  mlir::cse_sparse::CseSparseToLLVMOptions options;
  options.extract = extract;
  options.costModel = c.costModel;
  options.barePtr = c.barePtr;
  options.armDsp = c.armDsp;
  options.planStack = c.stack == PipelineChoice::Plan;
  options.arena = c.stack == PipelineChoice::Arena;
  PassManager pm(module.getContext());
  mlir::cse_sparse::buildCseSparseToLLVMPipeline(pm, options);
  return pm.run(*clone);
}

/// The pipeline with extraction may fail only where it fails without.
void checkPipeline(ModuleOp module, StringRef text, const PipelineChoice &c) {
  diagnostics.clear();
  if (succeeded(runPipeline(module, /*extract=*/true, c))) {
    if (printing())
      llvm::errs() << "// " << pipelineText(c, true) << ": ok\n";
    return;
  }
  std::string withExtraction = diagnostics;
  diagnostics.clear();
  if (failed(runPipeline(module, /*extract=*/false, c))) {
    if (printing())
      llvm::errs() << "// " << pipelineText(c, true)
                   << " fails with and without extraction:\n"
                   << withExtraction;
    return;
  }
  diagnostics = withExtraction;
  fail(pipelineText(c, true) + " failed, while " + pipelineText(c, false) +
           " succeeds",
       text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  FuzzedDataProvider in(data, size);
  mlir::cse_sparse::CseSparseExtractPassOptions options = extractOptions(in);
  PipelineChoice pipeline;
  pipeline.costModel = in.ConsumeBool() ? ::cse_sparse::CostModelKind::None
                                        : ::cse_sparse::CostModelKind::Sparse;
  pipeline.barePtr = in.ConsumeBool();
  pipeline.armDsp = in.ConsumeBool();
  pipeline.stack = PipelineChoice::Stack(in.ConsumeIntegralInRange<unsigned>(
      PipelineChoice::Lifetimes, PipelineChoice::Arena));
  std::string text = ModuleWriter(in).write();
  if (printing())
    llvm::errs() << text;
  MLIRContext &ctx = contextForNextInput(newContext);
  diagnostics.clear();
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &ctx);
  if (!module || failed(verify(*module)))
    fail("generator bug: the module does not parse or verify", text);
  checkExtraction(*module, text, options);
  checkPipeline(*module, text, pipeline);
  return 0;
}
