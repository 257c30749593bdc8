//===- OutputFiles.h - all-or-nothing output files --------------*- C++ -*-===//
//
// The outputs of one command, written all-or-nothing: each goes to a
// temporary file next to its destination, and only when every one was
// written without error are they renamed into place. A failure at any point
// (an unwritable directory, a full disk, a rename refused midway) leaves the
// previous files as they were and no temporary behind.
//
//===----------------------------------------------------------------------===//

#ifndef CSE_SPARSE_TOOLS_CSE_SPARSE_OUTPUTFILES_H
#define CSE_SPARSE_TOOLS_CSE_SPARSE_OUTPUTFILES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <vector>

namespace cse_sparse::tool {

/// Whether `a` and `b` name the same file: the same path once made absolute,
/// or the same file through links.
bool sameFile(llvm::StringRef a, llvm::StringRef b);

/// One output of an OutputFiles set.
class OutputFile {
public:
  /// The destination as the user named it.
  llvm::StringRef path() const { return destination; }
  /// Where the bytes go until commit: the temporary file, or the
  /// destination itself when it is written in place.
  llvm::StringRef writtenPath() const {
    return temporary.empty() ? destination : temporary;
  }
  llvm::raw_fd_ostream &os() { return *stream; }
  /// Flushes and closes the stream; the error of any write so far, naming
  /// the destination. Idempotent.
  llvm::Error close();

private:
  friend class OutputFiles;
  std::string destination;
  /// Where commit renames the temporary to: `destination` with a symbolic
  /// link resolved, so the link keeps pointing at the new file.
  std::string target;
  /// Empty for standard output and for special files (devices, pipes), which
  /// are written in place: renaming over them would replace the node.
  std::string temporary;
  /// Standard output is borrowed, never owned.
  std::unique_ptr<llvm::raw_fd_ostream> owned;
  llvm::raw_fd_ostream *stream = nullptr;
  bool closed = false;
};

/// Outputs written all-or-nothing. add() creates each temporary at once, so an
/// unwritable destination shows before any long work; commit() renames them
/// all into place, or none. Temporaries are removed when the set is destroyed
/// without a commit, and on a crash (llvm::sys::RemoveFileOnSignal). A file
/// this set did not create is never removed: it is replaced by a rename, or
/// left as it was.
class OutputFiles {
public:
  /// `inputs` are files the command reads: no output may replace one.
  explicit OutputFiles(llvm::ArrayRef<std::string> inputs) : inputs(inputs) {}
  OutputFiles(const OutputFiles &) = delete;
  OutputFiles &operator=(const OutputFiles &) = delete;
  ~OutputFiles() { discard(); }

  /// Reserves `path` ("-" is standard output). Refuses a directory, an input,
  /// or a path already in the set.
  llvm::Expected<OutputFile &> add(llvm::StringRef path);

  /// Closes every output and, if all were written, renames each temporary
  /// over its destination. If a rename fails, the outputs renamed before it
  /// are put back as they were.
  llvm::Error commit();

  /// Removes the temporaries; destinations stay untouched.
  void discard();

private:
  std::vector<std::string> inputs;
  std::vector<std::unique_ptr<OutputFile>> files;
};

/// The directories a command created for its output directory (it and its
/// missing parents), removed again, deepest first and only while empty,
/// unless kept: a failed command leaves no empty directory behind.
class CreatedDirectories {
public:
  CreatedDirectories() = default;
  CreatedDirectories(const CreatedDirectories &) = delete;
  CreatedDirectories &operator=(const CreatedDirectories &) = delete;
  ~CreatedDirectories();
  void keep() { created.clear(); }

  /// Creates `dir` if missing; refuses a path that exists and is not a
  /// directory (create_directories takes any existing path).
  llvm::Error create(llvm::StringRef dir);

private:
  std::vector<std::string> created;
};

} // namespace cse_sparse::tool

#endif // CSE_SPARSE_TOOLS_CSE_SPARSE_OUTPUTFILES_H
