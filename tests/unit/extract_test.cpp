#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "gazette/emit.h"
#include "gazette/error.h"
#include "gazette/extract.h"

using namespace gazette;

namespace {
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
}  // namespace

TEST_CASE("extract: the sample issue end to end") {
  std::string bytes = slurp(std::string(GAZETTE_SAMPLES_DIR) + "/chuxiong-2022-12.txt");
  REQUIRE(!bytes.empty());
  Issue issue = extract(bytes, {});
  CHECK(issue.source.encoding == "UTF-8");
  CHECK(issue.source.bytes == bytes.size());
  CHECK(issue.source.sha256.size() == 64);
  CHECK(issue.gazette.title == "楚雄彝族自治州人民政府公报");
  CHECK(*issue.gazette.cumulative_issue == 146);
  REQUIRE(issue.toc.size() == 7);
  REQUIRE(issue.documents.size() == 7);
  std::size_t tasks = 0, entries = 0, refs = 0;
  for (const auto& d : issue.documents) tasks += d.tasks.size(), entries += d.entries.size(), refs += d.references.size();
  CHECK(tasks == 85);
  CHECK(entries == 23);
  CHECK(refs == 6);
  CHECK(issue.documents[6].title == "楚雄州2022年11月-12月大事记");
  CHECK(issue.documents[6].end_line == 1593);
  CHECK(issue.diagnostics.empty());
}

TEST_CASE("extract: output is byte-identical for the same input") {
  std::string bytes = slurp(std::string(GAZETTE_SAMPLES_DIR) + "/chuxiong-2022-12.txt");
  CHECK(render(extract(bytes, {}), Format::json) == render(extract(bytes, {}), Format::json));
}

TEST_CASE("extract: text that is no gazette is refused") {
  CHECK_THROWS_WITH_AS(extract("hello world\n", {}), "not a gazette: the text holds no Chinese characters", InputError);
  CHECK_THROWS_WITH_AS(extract("今天天气很好。\n我们去公园散步。\n", {}),
                       "not a gazette: no masthead, table of contents or document title found", InputError);
}

TEST_CASE("extract: a TOC entry without its document is a diagnostic") {
  const char* text =
      "某某市人民政府公报\n2023年第1期\n目录\n某某市人民政府关于甲事项的通知 某政发〔2023〕1号 (1)\n"
      "某某市人民政府关于乙事项的通知 某政发〔2023〕2号 (3)\n"
      "某某市人民政府关于甲事项的通知\n某政发〔2023〕1号\n各区人民政府:\n现将甲事项通知如下。\n2023年1月5日\n";
  Issue issue = extract_text(text, {});
  REQUIRE(issue.documents.size() == 1);
  REQUIRE(issue.diagnostics.size() == 1);
  CHECK(issue.diagnostics[0].code == "toc-entry-without-document");
  CHECK(issue.diagnostics[0].line == 5);
}
