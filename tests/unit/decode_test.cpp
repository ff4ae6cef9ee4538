#include <doctest/doctest.h>

#include "gazette/decode.h"
#include "gazette/error.h"

using gazette::decode;
using gazette::InputError;

TEST_CASE("decode: plain UTF-8 and UTF-8 with BOM") {
  auto d = decode("楚政通〔2022〕61号\n", {});
  CHECK(d.encoding == "UTF-8");
  CHECK(d.text == "楚政通〔2022〕61号\n");
  auto b = decode("\xEF\xBB\xBF公报", {});
  CHECK(b.encoding == "UTF-8-BOM");
  CHECK(b.text == "公报");
}

TEST_CASE("decode: UTF-16 with and without BOM") {
  // 公报\n in UTF-16LE: 6C 51 A5 62 0A 00
  std::string le("\xFF\xFE\x6C\x51\xA5\x62\x0A\x00", 8);
  auto d = decode(le, {});
  CHECK(d.encoding == "UTF-16LE");
  CHECK(d.text == "公报\n");
  std::string be("\xFE\xFF\x51\x6C\x62\xA5\x00\x0A", 8);
  CHECK(decode(be, {}).text == "公报\n");
  // No BOM: ASCII units betray the byte order (a\nb\n公 ...).
  std::string nobom("a\0\n\0b\0\n\0\x6C\x51\n\0", 12);
  auto n = decode(nobom, {});
  CHECK(n.encoding == "UTF-16LE");
  CHECK(n.text == "a\nb\n公\n");
}

TEST_CASE("decode: GB18030 detected and forced") {
  // 公报 in GB18030/GBK: B9 AB B1 A8
  std::string gb("\xB9\xAB\xB1\xA8\n", 5);
  auto d = decode(gb, {});
  CHECK(d.encoding == "GB18030");
  CHECK(d.text == "公报\n");
  CHECK(decode(gb, {"gbk"}).text == "公报\n");
}

TEST_CASE("decode: errors carry a position") {
  CHECK_THROWS_WITH_AS(decode("", {}), "empty input", InputError);
  try {
    std::string bytes = "第一行\n第二";
    bytes += '\0';
    bytes += "行\n";
    decode(bytes, {});
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) == "binary data (NUL byte)");
    CHECK(e.line() == 2);
    CHECK(e.column() == 3);
  }
  try {
    decode("公报\n\xB9", {});  // GB18030 cut mid-character
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(e.line() == 2);
    CHECK(e.column() == 1);
  }
  CHECK_THROWS_WITH_AS(decode("x", {"latin-9"}),
                       "unknown encoding 'latin-9' (expected utf-8, utf-16le, utf-16be, gb18030 or gbk)", InputError);
}

TEST_CASE("decode: is_valid_utf8 rejects overlongs and surrogates") {
  std::size_t at = 99;
  CHECK(gazette::is_valid_utf8("公报"));
  CHECK_FALSE(gazette::is_valid_utf8("a\xC0\xAF", &at));
  CHECK(at == 1);
  CHECK_FALSE(gazette::is_valid_utf8("\xED\xA0\x80"));
}
