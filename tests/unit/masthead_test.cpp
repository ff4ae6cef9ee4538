#include <doctest/doctest.h>

#include "gazette/masthead.h"

using namespace gazette;

TEST_CASE("masthead: name over two lines, issue and cumulative issue") {
  // The first lines of chuxiong-2022-12.txt, and its colophon month.
  Text t = split_lines("\n\n楚雄彝族自治州\n人民政府公报\n\n2022年第12期\n总第146期\n\n目 录\n\n2022年12月\n");
  std::size_t end = 0;
  Masthead m = read_masthead(t, 400, &end);
  CHECK(m.title == "楚雄彝族自治州人民政府公报");
  CHECK(*m.year == 2022);
  CHECK(*m.issue == 12);
  CHECK(*m.cumulative_issue == 146);
  CHECK(*m.published == "2022-12");
  CHECK(m.line == 3);
  CHECK(end == 6);
}

TEST_CASE("masthead: one-line form with 号 and 总号") {
  Text t = split_lines("中华人民共和国国务院公报 2022年第36号\n总号：1790\n2022年12月30日\n");
  std::size_t end = 0;
  Masthead m = read_masthead(t, 400, &end);
  CHECK(m.title == "中华人民共和国国务院公报");
  CHECK(*m.issue == 36);
  CHECK(*m.cumulative_issue == 1790);
  CHECK_FALSE(m.published);
}

TEST_CASE("masthead: issue and cumulative issue on one line, a day of publication") {
  // A provincial gazette's cover: 2023年第5期（总第485期）, then 2023年3月5日出版.
  Text t = split_lines("某某省人民政府公报\nGAZETTE\n2023年第5期（总第485期）\n2023年3月5日出版\n\n目　录\n");
  std::size_t end = 0;
  Masthead m = read_masthead(t, 400, &end);
  CHECK(m.title == "某某省人民政府公报");
  CHECK(*m.year == 2023);
  CHECK(*m.issue == 5);
  CHECK(*m.cumulative_issue == 485);
  REQUIRE(m.published);
  CHECK(*m.published == "2023-03");
  // A bare date is a document's (成文日期), not the issue's.
  Text bare = split_lines("某某省人民政府公报\n2023年第5期\n2023年3月5日\n");
  CHECK_FALSE(read_masthead(bare, 400, &end).published);
}

TEST_CASE("masthead: an issue number without its year, the year from the 出版 line") {
  Text t = split_lines("某某市人民政府公报\n第5期（总第485期）\n2023年3月5日出版\n\n目　录\n");
  std::size_t end = 0;
  Masthead m = read_masthead(t, 400, &end);
  CHECK(*m.issue == 5);
  CHECK(*m.cumulative_issue == 485);
  REQUIRE(m.year);
  CHECK(*m.year == 2023);
  CHECK(*m.published == "2023-03");
  // No date line: the issue stands without a year.
  Text bare = split_lines("某某市人民政府公报\n第五期\n\n目　录\n");
  Masthead b = read_masthead(bare, 400, &end);
  CHECK(*b.issue == 5);
  CHECK_FALSE(b.year);
}

TEST_CASE("masthead: a running head after a document's number is none") {
  // A single document reprinted with its page furniture.
  Text t = split_lines("某某省人民政府关于印发某某方案的通知\n某政发〔2023〕3号\n\n各市人民政府：\n正文。\n某某省人民政府公报 2023年第5期\n— 2 —\n");
  std::size_t end = 0;
  Masthead m = read_masthead(t, 400, &end);
  CHECK(m.title.empty());
  CHECK_FALSE(m.issue);
  CHECK(m.line == 0);
}

TEST_CASE("masthead: an announcement's yearly number is no issue") {
  // 2023年第5号 under a 公告 numbers the announcement; under a 公报 it is
  // the gazette's issue.
  Text t = split_lines("上海市市场监督管理局公告\n2023年第5号\n    现予公告。\n");
  std::size_t end = 0;
  Masthead m = read_masthead(t, 400, &end);
  CHECK_FALSE(m.issue);
  CHECK_FALSE(m.year);
  t = split_lines("国家税务总局关于调整纳税申报事项的公告\n国家税务总局公告2023年第1号\n    现予公告。\n");
  m = read_masthead(t, 400, &end);
  CHECK_FALSE(m.issue);
  // An order's serial alone (第12号) was read as the issue before.
  t = split_lines("上海市人民政府令\n第12号\n    《上海市公共数据开放暂行办法》已经市政府常务会议通过，现予公布。\n");
  m = read_masthead(t, 400, &end);
  CHECK_FALSE(m.issue);
  t = split_lines("中华人民共和国国务院公报\n2022年第36号\n目录\n");
  m = read_masthead(t, 400, &end);
  CHECK(m.issue == 36);
  CHECK(m.year == 2022);
}

TEST_CASE("masthead: the date of publication, issue and cumulative issue run together on one line") {
  // pdftotext puts a masthead's parts that share a baseline on one line.
  Text t = split_lines("武汉市人民政府公报\n2022年12月15日出版 第24期（总第800期）\n目录\n");
  std::size_t end = 0;
  Masthead m = read_masthead(t, 400, &end);
  CHECK(m.title == "武汉市人民政府公报");
  CHECK(m.issue == 24);
  CHECK(m.cumulative_issue == 800);
  CHECK(m.year == 2022);
  CHECK(m.published == "2022-12");
  // A 第N期 inside a title is no issue: only masthead text (出版, 总第, 公报)
  // or a line opening with 第 says so.
  t = split_lines("关于举办第3期领导干部培训班的通知\n各区人民政府：\n现通知如下。\n");
  m = read_masthead(t, 400, &end);
  CHECK_FALSE(m.issue);
}
