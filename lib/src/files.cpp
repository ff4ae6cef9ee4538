// Inputs and outputs on disk (the library's only file-system code besides
// the batch driver and the catalog).
#include "gazette/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>

#include "gazette/error.h"

namespace gazette {

namespace {

[[noreturn]] void too_large() {
  throw InputError("input larger than " + std::to_string(kMaxInputBytes >> 20) +
                   " MiB: refused (a gazette issue is a few MB; is this the right file?)");
}

}  // namespace

std::string read_file(const std::string& path) {
  std::string data;
  data.resize(read_file(path, data).size());
  return data;
}

std::string_view read_file(const std::string& path, std::string& data) {
  int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(std::strerror(errno));
  auto done = [&] {
    if (fd != STDIN_FILENO) ::close(fd);
  };
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    done();
    throw InputError(std::strerror(err));
  }
  if (S_ISDIR(st.st_mode)) {
    done();
    throw InputError("is a directory");
  }
  if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > kMaxInputBytes) {
    done();
    too_large();
  }
  // Read straight into the string: a regular file's size is known, so the
  // buffer is sized once and filled in place (no bounce buffer, no copy);
  // pipes, and files that grow while read, grow it by half at a time. The
  // buffer is never shrunk: reused for the next input, it needs no new
  // zero-filled bytes unless that input is larger.
  std::size_t filled = 0;
  std::size_t want = S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size) + 1 : std::size_t{1} << 16;
  if (data.size() < want) data.resize(want);
  for (;;) {
    if (filled == data.size()) {
      if (data.size() > kMaxInputBytes) {  // a device or pipe without end
        done();
        too_large();
      }
      data.resize(std::min(data.size() + std::max<std::size_t>(std::size_t{1} << 16, data.size() / 2), kMaxInputBytes + 1));
    }
    ssize_t n = ::read(fd, data.data() + filled, data.size() - filled);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      done();
      throw InputError(std::string(fd == STDIN_FILENO ? "cannot read standard input: " : "read error: ") +
                       std::strerror(err));
    }
    if (n == 0) break;
    filled += static_cast<std::size_t>(n);
  }
  done();
  if (filled > kMaxInputBytes) too_large();
  return std::string_view(data.data(), filled);
}

void write_file_atomically(const std::string& path, std::string_view data, bool sync) {
  static std::atomic<unsigned> counter{0};
  std::size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string tmp = dir + "." + base + kTempMarker + std::to_string(::getpid()) + "." + std::to_string(counter++);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw InputError(std::string("cannot write: ") + std::strerror(errno));
  auto fail = [&](int err) {
    ::close(fd);
    ::unlink(tmp.c_str());
    throw InputError(std::string("cannot write: ") + std::strerror(err));
  };
  const char* p = data.data();
  std::size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(errno);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (sync && ::fdatasync(fd) != 0) fail(errno);
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    throw InputError(std::string("cannot write: ") + std::strerror(err));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    throw InputError(std::string("cannot write: ") + std::strerror(err));
  }
}

void sync_filesystem(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw InputError(dir + ": cannot sync: " + std::strerror(errno));
  int rc = ::syncfs(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) throw InputError(dir + ": cannot sync: " + std::strerror(err));
}

std::string safe_relative(const std::string& path) {
  std::filesystem::path norm = std::filesystem::path(path).lexically_normal();
  std::string out;
  for (const auto& part : norm) {
    std::string s = part.string();
    if (s == "/" || s.empty() || s == ".") continue;
    if (s == "..") throw InputError("path leaves its folder (..)");
    out += (out.empty() ? "" : "/") + s;
  }
  return out;
}

}  // namespace gazette
