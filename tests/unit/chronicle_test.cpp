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
  CHECK(diags[0].code == "chronicle-invalid-date");
  CHECK(diags[0].line == 1);
}
