#include <doctest/doctest.h>

#include "gazette/catalog.h"
#include "gazette/extract.h"
#include "gazette/split.h"

using namespace gazette;

TEST_CASE("split: safe file names") {
  CHECK(safe_file_name("../../etc/passwd", 100) == "etc_passwd");
  CHECK(safe_file_name("a/b\\c:d*e?f\"g<h>i|j", 100) == "a_b_c_d_e_f_g_h_i_j");
  CHECK(safe_file_name("\x01\x02..", 100) == "untitled");
  CHECK(safe_file_name("通知\xe2\x80\xae" "exe.txt\xe2\x80\x8b", 100) == "通知exe.txt");  // bidi override, zero width: out
  CHECK(safe_file_name("楚政通〔2022〕61号 关于", 100) == "楚政通〔2022〕61号_关于");
  // Cut at a character, never inside one: 5 bytes hold one 3-byte character.
  CHECK(safe_file_name("楚政通", 5) == "楚");
}

TEST_CASE("split: one file per document, attachments apart with separate") {
  const char* text =
      "楚雄州人民政府办公室关于印发某某措施的通知\n楚政办通〔2022〕60号\n各县市人民政府:\n"
      "《某某措施》已经州人民政府同意,现印发给你们。\n2022年10月24日\n\n某某措施\n一、第一条。\n\n";
  Issue issue = extract_text(text, {});
  Text t = split_lines(text);
  auto whole = split_issue(issue, t, {});
  REQUIRE(whole.size() == 1);
  CHECK(whole[0].name == "01_楚政办通〔2022〕60号_楚雄州人民政府办公室关于印发某某措施的通知.txt");
  CHECK(whole[0].title_line == 1);
  CHECK(whole[0].end_line == 8);
  SplitOptions sep;
  sep.separate = true;
  auto parts = split_issue(issue, t, sep);
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].end_line == 5);
  CHECK(parts[1].name == "01.1_某某措施.txt");
  CHECK(parts[1].kind == "attachment");
  CHECK(parts[1].content == "某某措施\n一、第一条。\n");
}

TEST_CASE("catalog: records, skips by hash and version, CSV quoting") {
  Catalog c(":memory:");
  Issue issue;
  issue.source.sha256 = "abc";
  issue.gazette.year = 2022;
  Document d;
  d.title = "关于\"引号\",逗号的通知";
  d.text = "全面加强药品监管能力建设";
  issue.documents.push_back(d);
  c.record("a.txt", "a.txt.json", issue, "v1");
  CHECK(c.up_to_date("a.txt", "abc", "v1"));
  CHECK_FALSE(c.up_to_date("a.txt", "abd", "v1"));
  CHECK_FALSE(c.up_to_date("a.txt", "abc", "v2"));
  CHECK(c.recorded_sha256("a.txt", "v1") == "abc");
  c.record("a.txt", "a.txt.json", issue, "v1");  // re-recording replaces
  CHECK(c.document_count() == 1);
  CHECK(c.documents_csv() ==
        "\xEF\xBB\xBF"
        "path,seq,year,issue,number,title,genre,date,issuers,section,page,effective,expires\r\n"
        "a.txt,0,2022,,,\"关于\"\"引号\"\",逗号的通知\",,,,,,,\r\n");
}

// A file name or title from a stranger is never a live spreadsheet formula.
TEST_CASE("catalog: CSV cells that would run as formulas are quoted as text") {
  Catalog c(":memory:");
  Issue issue;
  issue.source.sha256 = "abc";
  Document d;
  d.title = "=HYPERLINK(\"http://x\",\"点击\")";
  issue.documents.push_back(d);
  c.record("@SUM(1).txt", "x.json", issue, "v1");
  std::string csv = c.documents_csv();
  CHECK(csv.find("\"'@SUM(1).txt\"") != std::string::npos);
  CHECK(csv.find("\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\"") != std::string::npos);
  CHECK(csv.find(",=") == std::string::npos);
}
