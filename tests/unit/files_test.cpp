#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
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

// Names from strangers' paths (issue 16): invalid UTF-8 escaped, invisible
// controls that make a name read as another removed, plain names unchanged.
TEST_CASE("files: printable_name") {
  CHECK(printable_name("2022/01/楚雄州公报.txt") == "2022/01/楚雄州公报.txt");
  CHECK(printable_name("bad\xff\xfename.txt") == "bad\\xff\\xfename.txt");
  CHECK(printable_name("abc\xe2\x80\xaetxt.exe") == "abctxt.exe");       // U+202E RIGHT-TO-LEFT OVERRIDE
  CHECK(printable_name("zero\xe2\x80\x8bwidth.txt") == "zerowidth.txt");  // U+200B
  CHECK(printable_name("\xe6\xa5") == "\\xe6\\xa5");                       // a character cut short
  CHECK(printable_name("") == "");
}

// The write is atomic and leaves no temporary; the temporary's name does not
// grow with the target's (a 250-byte name once failed: its temporary was longer).
TEST_CASE("files: a name near NAME_MAX is written") {
  TempDir dir;
  std::string path = dir.path + "/" + std::string(250, 'n') + ".json";
  write_file_atomically(path, "{}");
  CHECK(read_file(path) == "{}");
  std::size_t entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path)) entries += !e.path().filename().empty();
  CHECK(entries == 1);
  // A FIFO is refused where only regular files are wanted, without waiting.
  std::string fifo = dir.path + "/fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_AS(read_file(fifo, /*regular_only=*/true), InputError);
}

// A path named by data stays inside its folder (an extraction's source.path).
TEST_CASE("files: path_inside") {
  TempDir dir;
  dir.write("issue.txt", "x");
  std::filesystem::create_directories(dir.path + "/sub");
  dir.write("sub/a.txt", "y");
  REQUIRE(::symlink("/etc", (dir.path + "/out").c_str()) == 0);
  CHECK(path_inside(dir.path, "issue.txt").has_value());
  CHECK(path_inside(dir.path, "sub/a.txt").has_value());
  CHECK_FALSE(path_inside(dir.path, "../issue.txt"));
  CHECK_FALSE(path_inside(dir.path, "sub/../../x"));
  CHECK_FALSE(path_inside(dir.path, "/etc/passwd"));
  CHECK_FALSE(path_inside(dir.path, "out/passwd"));  // a link leads out
  CHECK_FALSE(path_inside(dir.path, ""));
}

TEST_CASE("files: temporary names are ours only") {
  CHECK(is_temporary_name(".gazette-tmp.0123456789abcdef01234567"));
  CHECK(is_temporary_name(".12.txt.json.gazette-tmp.4711.3"));  // a killed 0.2.0 run's
  CHECK_FALSE(is_temporary_name("a.gazette-tmp.txt.json"));       // an output of an input so named
  CHECK_FALSE(is_temporary_name(".gazette-tmp.xyz"));
  CHECK_FALSE(is_temporary_name(".gazette-tmp.0123456789abcdef0123456"));  // 23 digits
  CHECK_FALSE(is_temporary_name("x.gazette-tmp.12.3"));                   // not hidden
}
