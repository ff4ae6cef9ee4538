#include <doctest/doctest.h>

#include "gazette/emit.h"

#include <nlohmann/json.hpp>

using namespace gazette;

namespace {
Issue small_issue() {
  Issue i;
  i.source.path = "x.txt";
  i.gazette.title = "某某公报";
  i.gazette.year = 2022;
  Document d;
  d.title = "关于某事的通知";
  d.date = "2022-08-30";
  d.title_line = 3;
  i.documents.push_back(d);
  return i;
}
}  // namespace

TEST_CASE("emit: JSON keeps CJK unescaped and keys in the documented order") {
  std::string j = render(small_issue(), Format::json_line);
  CHECK(j.find("\"title\":\"关于某事的通知\"") != std::string::npos);
  CHECK(j.find("\\u") == std::string::npos);
  CHECK(j.find("{\"source\":") == 0);
  CHECK(j.find("\"gazette\"") < j.find("\"toc\""));
  CHECK(j.find("\"toc\"") < j.find("\"documents\""));
  CHECK(j.find("\"documents\"") < j.find("\"diagnostics\""));
  CHECK(j.back() == '\n');
  CHECK(j.find('\n') == j.size() - 1);
}

TEST_CASE("emit: JSON Lines carry the issue identity on every document") {
  std::string j = render(small_issue(), Format::jsonl);
  CHECK(j.rfind("{\"issue\":{\"path\":\"x.txt\"", 0) == 0);
  CHECK(j.find("\"seq\":0,\"title\":\"关于某事的通知\"") != std::string::npos);
}

TEST_CASE("emit: YAML quotes dates so loaders keep them strings") {
  std::string y = render(small_issue(), Format::yaml);
  CHECK(y.rfind("---\n", 0) == 0);
  CHECK(y.find("date: \"2022-08-30\"") != std::string::npos);
  CHECK(y.find("title: \"关于某事的通知\"") != std::string::npos);
}

TEST_CASE("emit: format names") {
  CHECK(*parse_format("jsonl") == Format::jsonl);
  CHECK_FALSE(parse_format("xml"));
}

// The streaming writer must write what nlohmann::json's dump wrote before it
// (the golden outputs were made with it): escapes, control characters and
// the replacement of invalid UTF-8, byte for byte.
TEST_CASE("emit: strings are escaped exactly as nlohmann::json escapes them") {
  std::vector<std::string> cases = {
      "plain", "引号\"与\\反斜杠", std::string("nul\0byte", 8), "\b\f\n\r\t\x01\x1f\x7f",
      "\xe4\xb8", "\xe4\xb8" "A", "\xc0\x80", "\xe0\x80\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80",
      "\xf5", "\x80\x80", "😀 emoji", "\xf0\x9f\x98", "末尾\xe5"};
  std::uint32_t seed = 12345;
  for (int n = 0; n < 3000; ++n) {
    std::string s;
    int len = static_cast<int>(seed % 12);
    for (int k = 0; k < len; ++k) {
      seed = seed * 1103515245u + 12345u;
      // bias towards bytes that make or break UTF-8 sequences
      static const unsigned char pool[] = {0x00, 0x1f, '"', '\\', 'a', 0x7f, 0x80, 0xbf, 0xc2, 0xdf,
                                           0xe0, 0xe4, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xa0, 0x9f, 0x90};
      s += static_cast<char>(pool[(seed >> 16) % sizeof pool]);
    }
    seed = seed * 1103515245u + 12345u;
    cases.push_back(s);
  }
  // Strings of whole characters and broken ones, short and long, on both
  // sides of the 64-byte switch between the scalar and the vector paths.
  static const char* const pieces[] = {"楚", "雄", "\"", "\\", "\n", "\xe4\xb8", "\xed\xa0\x80", "\xef\xbf\xbd", "a",
                                       "\xf0\x9f\x98\x80", "\xe0\xa0\x80", "\xe0\x9f\x80", "\xc2\xa0", "\xee\x80",
                                       "\xec\xbf\xbf", "\xe1\x80\x7f", "\x80"};
  for (int n = 0; n < 3000; ++n) {
    std::string s;
    seed = seed * 1103515245u + 12345u;
    for (int k = 0, len = static_cast<int>((seed >> 16) % 40); k < len; ++k) {
      seed = seed * 1103515245u + 12345u;
      s += pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
    }
    cases.push_back(s);
  }
  // Long clean text (the fast path, sixteen bytes a step) with one byte that
  // needs escaping, or breaks UTF-8, at every position.
  const std::string clean = "楚雄州人民政府办公室关于印发 2022 年工作要点的通知（楚政办通〔2022〕59号）";
  for (char special : {'"', '\\', '\n', '\t', '\v', '\x01', '\x7f', '\xff', '\xe4'})
    for (std::size_t at = 0; at <= clean.size(); ++at) cases.push_back(clean.substr(0, at) + special + clean.substr(at));
  for (const std::string& s : cases) {
    Issue i;
    Document d;
    d.title = s;
    i.documents.push_back(d);
    std::string out = render(i, Format::jsonl);
    // An unknown (empty) title is null, as every unknown value is.
    std::string expected = s.empty() ? "null" : nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    INFO("case bytes: " << nlohmann::json(s).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
    CHECK(out.find(",\"title\":" + expected + ",\"number\"") != std::string::npos);
  }
}

TEST_CASE("emit: pretty JSON indents by two and writes empty containers inline") {
  Issue i;
  i.source.path = "a.txt";
  std::string j = render(i, Format::json);
  CHECK(j.rfind("{\n  \"source\": {\n    \"path\": \"a.txt\",\n    \"bytes\": 0,", 0) == 0);
  CHECK(j.find("\"toc\": [],\n  \"documents\": [],\n  \"diagnostics\": []\n}\n") != std::string::npos);
  CHECK(j.find("\"title\": null") != std::string::npos);
}

TEST_CASE("emit: rendering into a reused buffer gives what a fresh string gets") {
  Issue big = small_issue(), other = small_issue();
  for (int k = 0; k < 50; ++k) big.documents.push_back(big.documents[0]);
  other.documents[0].title = "另一份通知";
  std::string buffer = "left over";
  for (Format f : {Format::json, Format::json_line, Format::jsonl, Format::yaml}) {
    for (const Issue* issue : {&big, &other, &big}) {  // longer, shorter, longer again
      render(*issue, f, buffer);
      CHECK(buffer == render(*issue, f));
    }
  }
}
