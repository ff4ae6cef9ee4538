#include <doctest/doctest.h>

#include "gazette/decode.h"
#include "gazette/error.h"
#include "gazette/pdf.h"

#include <cstring>
#include <memory>

using gazette::decode;
using gazette::InputError;
using gazette::Utf8Problem;

TEST_CASE("decode: plain UTF-8 and UTF-8 with BOM") {
  auto d = decode("楚政通〔2022〕61号\n", {});
  CHECK(d.encoding == "UTF-8");
  CHECK(d.text() == "楚政通〔2022〕61号\n");
  auto b = decode("\xEF\xBB\xBF公报", {});
  CHECK(b.encoding == "UTF-8-BOM");
  CHECK(b.text() == "公报");
}

TEST_CASE("decode: UTF-16 with and without BOM") {
  // 公报\n in UTF-16LE: 6C 51 A5 62 0A 00
  std::string le("\xFF\xFE\x6C\x51\xA5\x62\x0A\x00", 8);
  auto d = decode(le, {});
  CHECK(d.encoding == "UTF-16LE");
  CHECK(d.text() == "公报\n");
  std::string be("\xFE\xFF\x51\x6C\x62\xA5\x00\x0A", 8);
  CHECK(decode(be, {}).text() == "公报\n");
  // No BOM: ASCII units betray the byte order (a\nb\n公 ...).
  std::string nobom("a\0\n\0b\0\n\0\x6C\x51\n\0", 12);
  auto n = decode(nobom, {});
  CHECK(n.encoding == "UTF-16LE");
  CHECK(n.text() == "a\nb\n公\n");
}

// pdftotext on a PDF whose fonts map glyphs to radicals: ⼈ (U+2F08, Kangxi)
// and ⺠ (U+2EA0, supplement) for 人民; “” and — (E2 80 xx) stay.
TEST_CASE("decode: CJK radicals read as the ideographs they stand for") {
  auto d = decode("某某市⼈⺠政府“⽂件”——⻓江⻔\n", {});
  CHECK(d.encoding == "UTF-8");
  CHECK(d.text() == "某某市人民政府“文件”——长江门\n");
  CHECK(d.radicals == 5);
  CHECK(d.first_radical == std::strlen("某某市"));
  auto plain = decode("某某市人民政府“文件”\n", {});
  CHECK(plain.radicals == 0);
  CHECK_FALSE(plain.was_converted);  // nothing to fold: the input itself
  // After a conversion too: ⼈ in UTF-16LE is 08 2F.
  std::string le("\xFF\xFE\x08\x2F\x0A\x00", 6);
  auto u = decode(le, {});
  CHECK(u.text() == "人\n");
  CHECK(u.radicals == 1);
  // A radical with no whole-character equivalent stays (⺀ U+2E80).
  CHECK(decode("⺀\n", {}).text() == "⺀\n");
}

TEST_CASE("decode: GB18030 detected and forced") {
  // 公报 in GB18030/GBK: B9 AB B1 A8
  std::string gb("\xB9\xAB\xB1\xA8\n", 5);
  auto d = decode(gb, {});
  CHECK(d.encoding == "GB18030");
  CHECK(d.text() == "公报\n");
  CHECK(decode(gb, {"gbk"}).text() == "公报\n");
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
                       "unknown encoding 'latin-9' (expected utf-8, utf-16le, utf-16be, gb18030, gbk or pdf)", InputError);
}

TEST_CASE("decode: is_valid_utf8 rejects overlongs and surrogates") {
  std::size_t at = 99;
  CHECK(gazette::is_valid_utf8("公报"));
  CHECK_FALSE(gazette::is_valid_utf8("a\xC0\xAF", &at));
  CHECK(at == 1);
  CHECK_FALSE(gazette::is_valid_utf8("\xED\xA0\x80"));
}

// The validator's fast paths test sixteen ASCII bytes or five three-byte
// characters at once; random byte strings, with bytes spliced into long
// runs of either, must get the verdict and offset of the plain rules.
TEST_CASE("decode: is_valid_utf8 and find_utf8_problem agree with a plain reference on random bytes") {
  auto reference = [](std::string_view s, bool controls, std::size_t* at) {
    for (std::size_t i = 0; i < s.size();) {
      auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
      unsigned char c = b(i);
      if (controls && c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v') {
        *at = i;
        return Utf8Problem::control;
      }
      std::size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
      bool ok = len && i + len <= s.size();
      for (std::size_t k = 1; ok && k < len; ++k) ok = (b(i + k) & 0xC0) == 0x80;
      if (ok && len == 3) ok = !(c == 0xE0 && b(i + 1) < 0xA0) && !(c == 0xED && b(i + 1) > 0x9F);
      if (ok && len == 4) ok = !(c == 0xF0 && b(i + 1) < 0x90) && !(c == 0xF4 && b(i + 1) > 0x8F);
      if (!ok) {
        *at = i;
        return Utf8Problem::invalid;
      }
      i += len;
    }
    *at = s.size();
    return Utf8Problem::none;
  };
  static const unsigned char pool[] = {'a', 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE4, 0xED, 0xEF, 0xF0,
                                       0xF4, 0xF5, 0xB8, 0x8C, 0x00, 0xE5, 0xE6, '\n', '\t', 0x01, 0x1F, 0x7F};
  const std::string runs[] = {"", "公报全文", "公报全文公报全文公报全文公报全文公报全文公报全文", "abcdefghijklmnopqrstuvwxyz0123456789",
                              "楚雄州人民政府办公室\n关于印发（楚政办通〔2022〕59号）\r\n\t第一条  "};
  std::uint32_t seed = 99;
  auto next = [&] { return (seed = seed * 1103515245u + 12345u) >> 16; };
  int saw[3] = {};
  for (int n = 0; n < 40000; ++n) {
    std::string s = runs[n % 5];
    int len = static_cast<int>(next() % 24);
    for (int k = 0; k < len; ++k) {
      unsigned char c = pool[next() % sizeof pool];
      if (!s.empty() && next() % 2) s.insert(next() % (s.size() + 1), 1, static_cast<char>(c));
      else s += static_cast<char>(c);
    }
    if (n % 3 == 0) s += runs[(n / 3) % 5];
    std::size_t at = 0, want_at = 0;
    INFO("n = " << n);
    bool valid = reference(s, false, &want_at) == Utf8Problem::none;
    REQUIRE(gazette::is_valid_utf8(s, &at) == valid);
    if (!valid) CHECK(at == want_at);
    Utf8Problem::Kind want = reference(s, true, &want_at);
    Utf8Problem got = gazette::find_utf8_problem(s);
    REQUIRE(gazette::utf8_text_is_clean(s) == (want == Utf8Problem::none));
    REQUIRE(got.kind == want);
    CHECK(got.offset == want_at);
    ++saw[want];
  }
  // One character of a long CJK run replaced by an edge-case triple (E0 and
  // ED narrow the second byte; the others are other lengths or no lead),
  // shifted by zero to two ASCII bytes so every window alignment is seen,
  // and across the 32-byte blocks of the AVX2 check.
  static const unsigned char leads[] = {0xE0, 0xED, 0xE1, 0xEC, 0xEE, 0xEF, 0xF0, 0xC2, 0x80, 0x0A};
  static const unsigned char conts[] = {0x80, 0x9F, 0xA0, 0xBF, 0x41, 0xC0};
  for (unsigned char lead : leads)
    for (unsigned char c1 : conts)
      for (unsigned char c2 : conts)
        for (int shift = 0; shift < 3; ++shift)
          for (int k = 0; k < 24; ++k) {
            std::string s = std::string(static_cast<std::size_t>(shift), 'a') + "公报全文公报全文公报全文公报全文公报全文公报全文";
            std::size_t at = static_cast<std::size_t>(shift + 3 * k);
            s[at] = static_cast<char>(lead), s[at + 1] = static_cast<char>(c1), s[at + 2] = static_cast<char>(c2);
            std::size_t want_at = 0, got_at = 0;
            bool valid = reference(s, true, &want_at) == Utf8Problem::none;
            INFO("lead " << int(lead) << " " << int(c1) << " " << int(c2) << " shift " << shift << " k " << k);
            REQUIRE(gazette::is_valid_utf8(s, &got_at) == valid);
            if (!valid) CHECK(got_at == want_at);
            CHECK(gazette::find_utf8_problem(s).offset == want_at);
            CHECK(gazette::utf8_text_is_clean(s) == valid);
          }
  // Four-byte sequences at the edges of their ranges (F0 overlongs, F4
  // beyond U+10FFFF, F5.. never valid), and every byte below 0x21 at every
  // position: only \t \n \v \f \r are text.
  static const unsigned char leads4[] = {0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF7, 0xF8, 0xFF};
  static const unsigned char conts4[] = {0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0x41};
  for (unsigned char lead : leads4)
    for (unsigned char c1 : conts4)
      for (unsigned char c2 : {0x80, 0xBF, 0x41})
        for (int k = 0; k < 20; ++k) {
          std::string s = "公报全文公报全文公报全文公报全文公报全文公报全文";
          std::string seq{static_cast<char>(lead), static_cast<char>(c1), static_cast<char>(c2), static_cast<char>(0x80)};
          s.replace(static_cast<std::size_t>(3 * k), 3, seq);
          std::size_t want_at = 0, got_at = 0;
          bool valid = reference(s, true, &want_at) == Utf8Problem::none;
          INFO("four " << int(lead) << " " << int(c1) << " " << int(c2) << " k " << k);
          REQUIRE(gazette::is_valid_utf8(s, &got_at) == valid);
          CHECK(gazette::find_utf8_problem(s).offset == want_at);
          CHECK(gazette::utf8_text_is_clean(s) == valid);
        }
  for (int c = 0; c <= 0x20; ++c)
    for (std::size_t at = 0; at < 70; ++at) {
      std::string s = "公报全文 abc 公报全文公报全文\n公报全文 xyz 公报全文公报全文公报全文";
      s.insert(at, 1, static_cast<char>(c));
      std::size_t want_at = 0;
      Utf8Problem::Kind want = reference(s, true, &want_at);
      INFO("byte " << c << " at " << at);
      CHECK(gazette::utf8_text_is_clean(s) == (want == Utf8Problem::none));
      CHECK(gazette::find_utf8_problem(s).kind == want);
    }
  // Each verdict was drawn often enough for the comparison to mean something.
  CHECK(saw[Utf8Problem::none] > 1000);
  CHECK(saw[Utf8Problem::invalid] > 1000);
  CHECK(saw[Utf8Problem::control] > 1000);
}

// tests/fuzz-regressions/utf8-three-bytes-at-end: the fast path read one
// byte past an input ending in a whole three-byte character (found by
// extract_fuzz under ASan; the buffer here is exactly the input's size so
// that the sanitizer build sees any overread).
TEST_CASE("decode: a three-byte character ending the input is read in bounds") {
  for (std::string_view s : {std::string_view("\xE3\x80\x94"), std::string_view("a\xE5\x85\xAC\xE6\x8A\xA5"),
                             std::string_view("\xE5\x85\xAC\xE6\x8A")}) {
    std::unique_ptr<char[]> exact(new char[s.size()]);
    std::memcpy(exact.get(), s.data(), s.size());
    std::string_view v(exact.get(), s.size());
    CHECK(gazette::is_valid_utf8(v) == (s.size() % 3 != 2));
  }
}

// first_binary_byte skips eight bytes at a time; on random bytes (controls,
// the allowed \t \n \v \f \r, others) it must find what a byte walk finds.
TEST_CASE("decode: first_binary_byte agrees with a byte walk") {
  static const unsigned char pool[] = {0x00, 0x01, 0x08, '\t', '\n', 0x0B, 0x0C, '\r', 0x0E, 0x1B, 0x1F, ' ', 'a', 0x7F,
                                       0x80, 0xE4, 0xB8, 0xAD};
  std::uint32_t seed = 21;
  int found = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    seed = seed * 1103515245u + 12345u;
    // mostly harmless bytes, now and then one from the whole pool
    for (int k = 0, len = static_cast<int>((seed >> 16) % 40); k < len; ++k) {
      seed = seed * 1103515245u + 12345u;
      bool any = (seed >> 16) % 9 == 0;
      seed = seed * 1103515245u + 12345u;
      s += static_cast<char>(any ? pool[(seed >> 16) % sizeof pool] : pool[11 + (seed >> 16) % 7]);
    }
    std::size_t want = s.size();
    for (std::size_t i = 0; i < s.size(); ++i) {
      auto c = static_cast<unsigned char>(s[i]);
      if (c < 0x20 && c != '\t' && c != '\n' && c != 0x0B && c != 0x0C && c != '\r') {
        want = i;
        break;
      }
    }
    found += want < s.size();
    CHECK(gazette::first_binary_byte(s) == want);
  }
  CHECK(found > 2000);
}

// A PDF is known by its header within the first 1024 bytes, whatever the
// name; bytes that only look like one are refused as PDF, with a message.
TEST_CASE("decode: a PDF by its header, refused when truncated or damaged") {
  CHECK(gazette::looks_like_pdf("%PDF-1.7\n"));
  CHECK(gazette::looks_like_pdf(std::string(1000, ' ') + "%PDF-1.4"));
  CHECK_FALSE(gazette::looks_like_pdf(std::string(1100, ' ') + "%PDF-1.4"));
  CHECK_FALSE(gazette::looks_like_pdf("楚雄州人民政府公报 %PDF"));
  CHECK_THROWS_WITH_AS(decode("%PDF-1.7\n1 0 obj\n<<>>\n", {}), doctest::Contains("truncated"), InputError);
  CHECK_THROWS_WITH_AS(decode("%PDF-1.7\ngarbage\n%%EOF\n", {}), doctest::Contains("not a readable PDF"), InputError);
  // Forced: a text is no PDF.
  CHECK_THROWS_AS(decode("楚雄州人民政府公报\n", {"pdf"}), InputError);
}
