#include <doctest/doctest.h>

#include "gazette/emit.h"

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
  CHECK(j.find("\"index\":0,\"title\":\"关于某事的通知\"") != std::string::npos);
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
