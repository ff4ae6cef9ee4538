#include <doctest/doctest.h>

#include "gazette/chronicle.h"

using namespace gazette;

TEST_CASE("chronicle: entries, ranges, times of day, continuations") {
  // Shapes of chuxiong-2022-12.txt 1535-1593.
  Text t = split_lines(
      "11月\n\n"
      "11月16日 由中共云南省委宣传部主办的活动举行。\n\n"
      "11月18日 州委常委到南华县宣讲。陈锐通过党课宣讲方式,他\n\n"
      "12月3日强调,要把学习贯彻作为首要政治任务。\n\n"
      "11月24日下午,州委书记刘勇主持召开会议。\n\n"
      "11月25日至26日 省统计局局长率调研组赴我州调研。\n\n"
      "12月\n\n"
      "12月1日下午，疫情防控工作视频调度会议召开。\n");
  std::vector<Diagnostic> diags;
  auto e = find_entries(t, 0, t.lines.size(), 2022, &diags);
  REQUIRE(e.size() == 5);
  CHECK(e[0].date == "2022-11-16");
  CHECK(e[0].line == 3);
  CHECK(e[1].date == "2022-11-18");
  CHECK(e[2].date == "2022-11-24");
  CHECK(e[3].date == "2022-11-25");
  CHECK(*e[3].date_end == "2022-11-26");
  CHECK(e[4].date == "2022-12-01");
  CHECK_FALSE(e[4].date_end);
  CHECK(diags.empty());
}

TEST_CASE("chronicle: the year rolls over and comes from the heading") {
  CHECK(*heading_year("楚雄州2022年11月-12月大事记") == 2022);
  Text t = split_lines("12月30日 会议召开。\n12月31日至1月1日 活动。\n1月2日 会议召开。\n");
  auto e = find_entries(t, 0, t.lines.size(), 2022, nullptr);
  REQUIRE(e.size() == 3);
  CHECK(*e[1].date_end == "2023-01-01");
  e.erase(e.begin() + 1);
  CHECK(e[0].date == "2022-12-30");
  CHECK(e[1].date == "2023-01-02");
}

TEST_CASE("chronicle: impossible dates are reported, not recorded") {
  Text t = split_lines("2月30日 会议召开。\n");
  std::vector<Diagnostic> diags;
  CHECK(find_entries(t, 0, 1, 2022, &diags).empty());
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].rule == "chronicle-invalid-date");
  CHECK(diags[0].line == 1);
}

TEST_CASE("chronicle: the day alone under a month heading, bullets, a month from the title") {
  CHECK(*heading_month("某某市2023年1月大事记") == 1);
  CHECK(*heading_month("楚雄州2022年11月-12月大事记") == 11);
  CHECK_FALSE(heading_month("某某市2023年大事记"));
  Text t = split_lines(
      "1日  元旦升国旗仪式在市民广场举行。\n"
      "5日—6日  市十七届人大三次会议举行。\n"
      "●1月9日，市政府召开常务会议。\n"
      "二月\n"
      "3日 市委常委会召开会议，传达学习全省经济工作会议精神和\n"
      "4日至6日有关部署。\n"
      "十二月份\n"
      "30日 全市工作会议召开。\n");
  std::vector<Diagnostic> diags;
  // The month in force from the title (2023年1月大事记).
  auto e = find_entries(t, 0, t.lines.size(), 2023, &diags, 1);
  REQUIRE(e.size() == 5);
  CHECK(e[0].date == "2023-01-01");
  CHECK(e[1].date == "2023-01-05");
  CHECK(*e[1].date_end == "2023-01-06");
  CHECK(e[2].date == "2023-01-09");
  CHECK(e[2].line == 3);
  CHECK(e[3].date == "2023-02-03");  // its continuation (4日至6日…) is no entry
  CHECK(e[4].date == "2023-12-30");
  CHECK(diags.empty());
  // Without a month in force a day alone is no entry.
  auto none = find_entries(t, 0, 3, 2023, nullptr);
  REQUIRE(none.size() == 1);
  CHECK(none[0].date == "2023-01-09");
}

TEST_CASE("chronicle: a date on a line of its own heads the paragraph below") {
  Text t = split_lines(
      "1月3日  市长主持召开市政府常务会议。\n"
      "1月10日\n"
      "    市政府召开全市安全生产工作会议。\n"
      "1月12日\n"
      "1月13日  全市优化营商环境大会召开。\n"
      "1月20日\n");
  auto e = find_entries(t, 0, t.lines.size(), 2023, nullptr);
  REQUIRE(e.size() == 3);
  CHECK(e[0].date == "2023-01-03");
  CHECK(e[1].date == "2023-01-10");
  CHECK(e[1].line == 2);
  // 1月12日 stands over another date, and 1月20日 over nothing: no entries.
  CHECK(e[2].date == "2023-01-13");
}

TEST_CASE("chronicle: month headings and what is not one") {
  Text t = split_lines("十一月\n1日 会议召开。\n甲月\n2日 会议召开。\n13月\n3日 会议召开。\n12 月份\n4日 会议召开。\n");
  auto e = find_entries(t, 0, t.lines.size(), 2022, nullptr, 0);
  REQUIRE(e.size() == 4);
  CHECK(e[0].date == "2022-11-01");
  CHECK(e[1].date == "2022-11-02");  // 甲月 is no month: 十一月 stays in force
  CHECK(e[2].date == "2022-11-03");  // nor is 13月
  CHECK(e[3].date == "2022-12-04");
}
