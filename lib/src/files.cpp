// Inputs and outputs on disk (the library's only file-system code besides
// the batch driver and the catalog).
#include "gazette/files.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>

#include "gazette/decode.h"
#include "gazette/error.h"
#include "gazette/text.h"

namespace gazette {

namespace {

[[noreturn]] void too_large(std::size_t limit) {
  if (limit == kMaxInputBytes)
    throw InputError("input larger than " + std::to_string(limit >> 20) +
                     " MiB: refused (a gazette issue is a few MB; is this the right file?)");
  throw InputError("larger than " + std::to_string(limit >> 20) + " MiB: refused");
}

}  // namespace

std::string read_file(const std::string& path, bool regular_only, std::size_t max_bytes) {
  std::string data;
  data.resize(read_file(path, data, regular_only, max_bytes).size());
  return data;
}

std::string_view read_file(const std::string& path, std::string& data, bool regular_only, std::size_t max_bytes) {
  const std::size_t limit = std::min(max_bytes, kMaxInputBytes);
  // Opened without blocking: opening a FIFO with no writer would otherwise
  // wait, deaf to SIGINT's flag, for ever. A FIFO or device given on purpose
  // is then read blocking, as cat reads it; regular_only refuses it.
  int fd = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
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
  if (fd != STDIN_FILENO && !S_ISREG(st.st_mode)) {
    if (regular_only) {
      done();
      throw InputError("not a regular file (a FIFO, socket or device): refused");
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  }
  if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > limit) {
    done();
    too_large(limit);
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
      if (data.size() > limit) {  // a device or pipe without end
        done();
        too_large(limit);
      }
      data.resize(std::min(data.size() + std::max<std::size_t>(std::size_t{1} << 16, data.size() / 2), limit + 1));
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
  if (filled > limit) too_large(limit);
  return std::string_view(data.data(), filled);
}

namespace {

[[noreturn]] void cannot_write(int err) {
  std::string msg = std::string("cannot write: ") + std::strerror(err);
  if (err == ENOSPC || err == EDQUOT) throw DiskFullError(msg);
  throw InputError(msg);
}

// 96 random bits as hex, for a temporary name no one can predict.
std::string random_hex() {
  unsigned char bytes[12];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got < sizeof bytes) {  // no getrandom: still unique within the process and time
    static std::atomic<std::uint64_t> counter{0};
    std::uint64_t v = (static_cast<std::uint64_t>(::getpid()) << 32) ^ counter++ ^
                      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    std::memcpy(bytes, &v, sizeof v);
  }
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) out += hex[b >> 4], out += hex[b & 15];
  return out;
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view data, bool sync) {
  std::size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  // The temporary name is short (.gazette-tmp. and 24 hex digits), so it
  // fits wherever the final name does, and unpredictable; O_EXCL|O_NOFOLLOW
  // refuse a file or link planted at that name.
  int fd = -1;
  std::string tmp;
  for (int attempt = 0; attempt < 8 && fd < 0; ++attempt) {
    tmp = dir + kTempMarker + random_hex();
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) cannot_write(errno);
  auto fail = [&](int err) {
    ::close(fd);
    ::unlink(tmp.c_str());
    cannot_write(err);
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
    cannot_write(err);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    cannot_write(err);
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

std::string printable_name(std::string_view raw) {
  std::string out;
  static const char* hex = "0123456789abcdef";
  for (std::size_t i = 0; i < raw.size();) {
    std::size_t error = 0;
    if (is_valid_utf8(raw.substr(i), &error)) error = raw.size() - i;
    // Valid run [i, i + error): copy it without the invisible controls.
    std::string_view run = raw.substr(i, error);
    for (std::size_t k = 0; k < run.size();) {
      std::size_t len;
      char32_t c = decode_at(run, k, &len);
      if (!is_invisible_control(c)) out.append(run.substr(k, len));
      k += len;
    }
    i += error;
    if (i < raw.size()) {  // one byte that starts no valid character
      auto b = static_cast<unsigned char>(raw[i++]);
      out += "\\x";
      out += hex[b >> 4];
      out += hex[b & 15];
    }
  }
  return out;
}

std::optional<std::string> path_inside(const std::string& folder, const std::string& relative) {
  namespace fs = std::filesystem;
  fs::path rel(relative);
  if (relative.empty() || rel.is_absolute()) return std::nullopt;
  for (const auto& part : rel.lexically_normal())
    if (part == "..") return std::nullopt;
  std::error_code ec;
  fs::path base = fs::canonical(folder.empty() ? "." : folder, ec);
  if (ec) return std::nullopt;
  fs::path full = fs::weakly_canonical(base / rel, ec);
  if (ec) return std::nullopt;
  auto [b, f] = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
  if (b != base.end()) return std::nullopt;  // a link led out of the folder
  return full.string();
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

bool is_temporary_name(std::string_view name) {
  const std::string_view marker = kTempMarker;
  auto all = [](std::string_view s, auto pred) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) { return pred(static_cast<unsigned char>(c)); });
  };
  if (name.rfind(marker, 0) == 0) {  // .gazette-tmp.<24 hex>
    std::string_view rest = name.substr(marker.size());
    return rest.size() == 24 && all(rest, [](unsigned char c) { return std::isxdigit(c) != 0; });
  }
  // .NAME.gazette-tmp.PID.N (0.2.0)
  std::size_t at = name.rfind(marker);
  if (name.empty() || name[0] != '.' || at == std::string_view::npos || at == 0) return false;
  std::string_view rest = name.substr(at + marker.size());
  std::size_t dot = rest.find('.');
  if (dot == std::string_view::npos) return false;
  auto digits = [&](std::string_view s) { return all(s, [](unsigned char c) { return std::isdigit(c) != 0; }); };
  return digits(rest.substr(0, dot)) && digits(rest.substr(dot + 1));
}

}  // namespace gazette
