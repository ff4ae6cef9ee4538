#include "cli_common.h"

#include "gazette/extract.h"
#include "gazette/files.h"
#include "gazette/pdf.h"

#include <unicode/uversion.h>

#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>

namespace gazette::cli {

std::string read_input(const std::string& path) { return read_file(path); }
std::string_view read_input(const std::string& path, std::string& buffer) { return read_file(path, buffer); }

std::vector<std::string> read_path_list(const std::string& file) {
  std::string list = read_input(file);
  std::vector<std::string> paths;
  std::size_t start = 0;
  while (start < list.size()) {
    std::size_t end = list.find('\n', start);
    if (end == std::string::npos) end = list.size();
    std::string line = list.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) paths.push_back(std::move(line));
    start = end + 1;
  }
  return paths;
}

void add_files_from_option(CLI::App& app, std::string& file) {
  app.add_option("--files-from", file, "also read input paths, one per line, from FILE (- = standard input)");
}

int add_listed_inputs(std::string_view tool, const std::string& file, std::vector<std::string>& inputs) {
  if (file.empty()) return -1;
  if (file == "-" && std::find(inputs.begin(), inputs.end(), "-") != inputs.end()) {
    print_error(tool, "standard input cannot be both an input and the list of inputs (--files-from -)");
    return kError;
  }
  try {
    for (std::string& p : read_path_list(file)) inputs.push_back(std::move(p));
  } catch (const InputError& e) {
    print_error(tool, file, e);
    return kError;
  }
  return -1;
}

void print_error(std::string_view tool, std::string_view file, const InputError& e) {
  std::string where(file);
  if (e.line() > 0) {
    where += ":" + std::to_string(e.line());
    if (e.column() > 0) where += ":" + std::to_string(e.column());
  }
  std::cerr << tool << ": error: " << where << ": " << e.what() << '\n';
}

void print_error(std::string_view tool, std::string_view message) {
  std::cerr << tool << ": error: " << message << '\n';
}

void ignore_sigpipe() {
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGXFSZ, SIG_IGN);
}

void keep_freed_memory() {
  // glibc returns the top of the heap once 128 KiB are free there and maps
  // large blocks afresh; one input's buffers are a few hundred KiB to MBs.
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

int stdout_status(std::string_view tool) {
  errno = 0;
  std::cout.flush();
  if (std::cout.good()) return -1;
  int err = errno;
  // A pipe whose reader has gone reports POLLERR; errno alone is not
  // reliable after the stream's own calls.
  struct stat st {};
  if (err == EPIPE) return kOk;
  if (::fstat(STDOUT_FILENO, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) {
    struct pollfd p {STDOUT_FILENO, POLLOUT, 0};
    if (::poll(&p, 1, 0) == 1 && (p.revents & POLLERR)) return kOk;
  }
  errno = err;
  print_error(tool, std::string("cannot write standard output: ") + std::strerror(errno ? errno : EIO));
  return kError;
}

void write_atomically(const std::string& path, std::string_view data) { write_file_atomically(path, data); }

std::string schemas_dir() {
  if (const char* env = std::getenv("GAZETTE_SCHEMAS"); env && *env) return env;
  char exe[4096];
  ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = 0;
    std::string dir(exe);
    dir = dir.substr(0, dir.rfind('/'));
    std::string installed = dir + "/../share/gazette/schemas";
    struct stat st {};
    if (::stat((installed + "/issue.schema.yaml").c_str(), &st) == 0) return installed;
  }
  return GAZETTE_SOURCE_SCHEMAS_DIR;
}

void add_version_flag(CLI::App& app, std::string_view tool) {
  // A callback, so that only --version loads the PDF module to name it.
  app.set_version_flag(
      "--version",
      [name = std::string(tool)] {
        return name + " " + GAZETTE_VERSION + " (libgazette " + version() + ", ICU " + U_ICU_VERSION +
               ")\nPDF input: " + pdf_reader_description();
      },
      "Display program version information and exit");
}

int parse(CLI::App& app, int argc, char** argv, std::string_view tool) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    app.exit(e);
    int st = stdout_status(tool);  // --help into /dev/full is a failed write, not a success
    return st >= 0 ? st : kOk;
  } catch (const CLI::CallForVersion& e) {
    app.exit(e);
    int st = stdout_status(tool);
    return st >= 0 ? st : kOk;
  } catch (const CLI::ParseError& e) {
    std::cerr << tool << ": error: " << e.what() << "\n"
              << "run '" << tool << " --help' for usage\n";
    return kError;
  }
  return -1;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static const char* hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[(c >> 4) & 0xF];
      out += hex[c & 0xF];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace gazette::cli
