#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "gazette/error.h"
#include "gazette/files.h"

using namespace gazette;

namespace {

// A fresh temporary folder, removed with its files at the end.
struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/gazette-files-test.XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
  std::string write(const std::string& name, const std::string& bytes) const {
    std::string p = path + "/" + name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
};

std::string bytes_of(std::size_t n, char seed) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>(seed + static_cast<char>(i * 7));
  return s;
}

}  // namespace

TEST_CASE("files: one buffer read input after input, larger and smaller") {
  TempDir dir;
  std::string buffer;
  for (std::size_t n : {5000u, 10u, 0u, 70000u, 3u, 70001u, 1u}) {
    std::string want = bytes_of(n, static_cast<char>(n));
    std::string path = dir.write("f" + std::to_string(n), want);
    std::string_view got = read_file(path, buffer);
    CHECK(got.size() == n);
    CHECK(got == want);
    CHECK(read_file(path) == want);  // the copying form agrees
  }
  CHECK(buffer.size() >= 70001);  // kept, not shrunk
}

TEST_CASE("files: unreadable inputs throw and name why") {
  TempDir dir;
  std::string buffer = "kept";
  CHECK_THROWS_WITH_AS(read_file(dir.path + "/missing", buffer), "No such file or directory", InputError);
  CHECK_THROWS_WITH_AS(read_file(dir.path, buffer), "is a directory", InputError);
}
