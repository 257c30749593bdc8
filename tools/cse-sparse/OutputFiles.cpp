//===- OutputFiles.cpp - all-or-nothing output files ----------------------===//

#include "OutputFiles.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Errc.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Signals.h"

using namespace llvm;
using namespace cse_sparse::tool;

namespace {

Error fileError(const Twine &path, const Twine &what, std::error_code ec) {
  return createStringError(ec, path + ": " + what + ": " + ec.message());
}

std::string absolutePath(StringRef path) {
  SmallString<256> p(path);
  sys::fs::make_absolute(p);
  sys::path::remove_dots(p, /*remove_dot_dot=*/true);
  return std::string(p);
}

/// A name pattern for a file of ours next to `path`: hidden, in the same
/// directory (so a rename onto `path` stays within one file system), and
/// saying what it is.
std::string siblingModel(StringRef path, StringRef role) {
  SmallString<256> model(sys::path::parent_path(path));
  sys::path::append(model,
                    "." + sys::path::filename(path) + "." + role + "-%%%%%%");
  return std::string(model);
}

/// A second name for the file at `path` (a hard link, or a copy where the
/// file system has none), to put it back if a commit fails midway.
Expected<std::string> backUp(StringRef path) {
  SmallString<256> backup;
  std::error_code ec;
  for (int attempt = 0; attempt < 8; ++attempt) {
    sys::fs::createUniquePath(siblingModel(path, "old"), backup,
                              /*MakeAbsolute=*/false);
    ec = sys::fs::create_hard_link(path, backup);
    if (ec != errc::file_exists)
      break;
  }
  if (ec) {
    int fd;
    if (std::error_code createEc =
            sys::fs::createUniqueFile(siblingModel(path, "old"), fd, backup))
      return fileError(path, "cannot keep the previous file", createEc);
    ec = sys::fs::copy_file(path, fd);
    sys::Process::SafelyCloseFileDescriptor(fd);
    if (ec) {
      sys::fs::remove(backup);
      return fileError(path, "cannot keep the previous file", ec);
    }
  }
  sys::RemoveFileOnSignal(backup);
  return std::string(backup);
}

void removeOurs(StringRef path) {
  sys::fs::remove(path);
  sys::DontRemoveFileOnSignal(path);
}

} // namespace

bool cse_sparse::tool::sameFile(StringRef a, StringRef b) {
  if (a == "-" || b == "-")
    return false;
  return absolutePath(a) == absolutePath(b) || sys::fs::equivalent(a, b);
}

Error OutputFile::close() {
  if (closed)
    return Error::success();
  closed = true;
  if (owned)
    owned->close();
  else
    stream->flush();
  if (std::error_code ec = stream->error()) {
    // A stream destroyed with its error set aborts the process.
    stream->clear_error();
    if (destination == "-")
      return createStringError(ec, "standard output: " + ec.message());
    return fileError(destination, "cannot write file", ec);
  }
  return Error::success();
}

Expected<OutputFile &> OutputFiles::add(StringRef path) {
  for (const std::string &input : inputs)
    if (sameFile(path, input))
      return createStringError(path + ": refusing to overwrite the input " +
                               input);
  // Two outputs renamed onto one file would leave one of them; a device
  // takes both.
  for (const std::unique_ptr<OutputFile> &f : files)
    if (!f->temporary.empty() && sameFile(path, f->destination))
      return createStringError(path + ": named for two outputs");

  auto file = std::make_unique<OutputFile>();
  file->destination = path.str();
  file->target = path.str();
  if (path == "-") {
    file->stream = &outs();
    files.push_back(std::move(file));
    return *files.back();
  }

  sys::fs::file_status status;
  std::error_code ec = sys::fs::status(path, status); // through links
  if (!ec && sys::fs::is_directory(status))
    return createStringError(errc::is_a_directory,
                             path + ": cannot write file: is a directory");
  if (!ec && !sys::fs::is_regular_file(status)) {
    // A device or a pipe (/dev/null, /dev/stdout): written in place.
    file->owned = std::make_unique<raw_fd_ostream>(path, ec);
    if (ec) {
      file->owned->clear_error();
      return fileError(path, "cannot write file", ec);
    }
  } else {
    if (ec && ec != errc::no_such_file_or_directory)
      return fileError(path, "cannot write file", ec);
    bool isLink = false;
    if (!ec && !sys::fs::is_symlink_file(path, isLink) && isLink) {
      SmallString<256> real;
      if (std::error_code linkEc = sys::fs::real_path(path, real))
        return fileError(path, "cannot resolve link", linkEc);
      file->target = std::string(real);
    }
    int fd;
    SmallString<256> temporary;
    if (std::error_code createEc = sys::fs::createUniqueFile(
            siblingModel(file->target, "tmp"), fd, temporary))
      return fileError(path, "cannot write file", createEc);
    sys::RemoveFileOnSignal(temporary);
    file->temporary = std::string(temporary);
    file->owned = std::make_unique<raw_fd_ostream>(fd, /*shouldClose=*/true);
  }
  file->stream = file->owned.get();
  files.push_back(std::move(file));
  return *files.back();
}

Error OutputFiles::commit() {
  for (std::unique_ptr<OutputFile> &f : files)
    if (Error err = f->close()) {
      discard();
      return err;
    }

  // What each rename replaces, to put back if a later one fails.
  std::vector<std::string> backups(files.size());
  auto removeBackups = [&] {
    for (const std::string &b : backups)
      if (!b.empty())
        removeOurs(b);
  };
  for (size_t i = 0; i < files.size(); ++i) {
    const OutputFile &f = *files[i];
    if (f.temporary.empty() || !sys::fs::is_regular_file(f.target))
      continue;
    Expected<std::string> backup = backUp(f.target);
    if (!backup) {
      removeBackups();
      discard();
      return backup.takeError();
    }
    backups[i] = *backup;
  }

  size_t renamed = 0;
  std::error_code ec;
  for (; renamed < files.size(); ++renamed) {
    OutputFile &f = *files[renamed];
    if (f.temporary.empty())
      continue;
    if ((ec = sys::fs::rename(f.temporary, f.target)))
      break;
    sys::DontRemoveFileOnSignal(f.temporary);
  }
  if (!ec) {
    removeBackups();
    files.clear();
    return Error::success();
  }

  // Undo: every destination renamed so far gets its previous file back, or
  // (there was none) goes, being ours.
  std::string message =
      files[renamed]->destination + ": cannot replace file: " + ec.message();
  bool restored = true;
  for (size_t i = 0; i < renamed; ++i) {
    OutputFile &f = *files[i];
    if (f.temporary.empty())
      continue;
    f.temporary.clear(); // renamed away: nothing left to remove
    std::error_code undoEc = backups[i].empty()
                                 ? sys::fs::remove(f.target)
                                 : sys::fs::rename(backups[i], f.target);
    if (!undoEc) {
      sys::DontRemoveFileOnSignal(backups[i]);
      backups[i].clear();
      continue;
    }
    // Leave the previous content where the message says.
    restored = false;
    message += "; could not restore " + f.target + ": " + undoEc.message();
    if (!backups[i].empty()) {
      message += " (the previous file is " + backups[i] + ")";
      sys::DontRemoveFileOnSignal(backups[i]);
      backups[i].clear();
    }
  }
  removeBackups();
  discard();
  if (restored)
    message += "; no output was written";
  return createStringError(ec, message);
}

void OutputFiles::discard() {
  for (std::unique_ptr<OutputFile> &f : files) {
    if (f->owned && !f->closed) {
      f->owned->clear_error();
      f->owned->close();
    }
    // A stream destroyed with its error set aborts the process.
    if (f->owned)
      f->owned->clear_error();
    if (!f->temporary.empty())
      removeOurs(f->temporary);
  }
  files.clear();
}

CreatedDirectories::~CreatedDirectories() {
  for (const std::string &dir : created)
    sys::fs::remove(dir); // fails, harmlessly, unless empty
}

Error CreatedDirectories::create(StringRef dir) {
  for (StringRef d = dir; !d.empty() && !sys::fs::exists(d);
       d = sys::path::parent_path(d))
    created.push_back(d.str());
  if (std::error_code ec = sys::fs::create_directories(dir)) {
    created.clear(); // what was made, if anything, is not ours to judge
    return createStringError(
        ec, dir + ": cannot create directory: " + ec.message());
  }
  if (!sys::fs::is_directory(dir))
    return createStringError(std::make_error_code(std::errc::not_a_directory),
                             dir + ": not a directory");
  return Error::success();
}
