#include <doctest/doctest.h>

#include "gazette/toc.h"

using namespace gazette;

TEST_CASE("toc: wrapped titles, sections, a second 目录 page with tabs") {
  // chuxiong-2022-12.txt lines 47-82, shortened.
  Text t = split_lines(
      "目 录\n\n州政府文件\n\n"
      "楚雄州人民政府关于印发楚雄州全民科学素质行动实施方案\n\n(2022-2025年)的通知\n\n楚政通〔2022〕61号 (3)\n\n"
      "目 录\n\n"
      "楚雄州人民政府办公室关于印发楚雄州全面加强药品监管 能力建设20条措施的通知 楚政办通〔2022〕59号\t(53)\n"
      "大事记\t\n楚雄州2022年11月-12月大事记\t(62)\n\n编 务 张泽文\n");
  Toc toc = read_toc(t, 0);
  REQUIRE(toc.entries.size() == 3);
  CHECK(toc.entries[0].section == "州政府文件");
  CHECK(toc.entries[0].title == "楚雄州人民政府关于印发楚雄州全民科学素质行动实施方案(2022-2025年)的通知");
  CHECK(toc.entries[0].number->text == "楚政通〔2022〕61号");
  CHECK(*toc.entries[0].page == 3);
  CHECK(toc.entries[0].line == 5);
  CHECK(toc.entries[1].section == "州政府文件");  // carried over to page 2
  CHECK(toc.entries[1].title == "楚雄州人民政府办公室关于印发楚雄州全面加强药品监管能力建设20条措施的通知");
  CHECK(toc.entries[1].number->text == "楚政办通〔2022〕59号");
  CHECK(*toc.entries[1].page == 53);
  CHECK(toc.entries[2].section == "大事记");
  CHECK_FALSE(toc.entries[2].number);
  CHECK(*toc.entries[2].page == 62);
}

TEST_CASE("toc: dot leaders and full-width page parentheses") {
  Text t = split_lines("目录\n国务院关于印发某某规划的通知……………… 5\n国务院办公厅关于某某的意见（国办发〔2022〕1号）（9）\n");
  Toc toc = read_toc(t, 0);
  REQUIRE(toc.entries.size() == 2);
  CHECK(toc.entries[0].title == "国务院关于印发某某规划的通知");
  CHECK(*toc.entries[0].page == 5);
  CHECK(toc.entries[1].title == "国务院办公厅关于某某的意见");
  CHECK(toc.entries[1].number->text == "国办发〔2022〕1号");
  CHECK(*toc.entries[1].page == 9);
}

TEST_CASE("toc: genre of a title") {
  CHECK(genre_of("楚雄州人民政府关于印发…的通知") == "通知");
  CHECK(genre_of("楚雄州2022年11月-12月大事记") == "大事记");
  CHECK(genre_of("某某管理办法的决定(2022年修订)") == "决定");
  CHECK(genre_of("楚雄州全民科学素质行动实施方案") == "");
}
