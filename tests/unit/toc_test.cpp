#include <doctest/doctest.h>

#include <re2/re2.h>

#include <cstdint>
#include <string>

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

TEST_CASE("toc: a number of the older form, year first, after its title") {
  Text t = split_lines("目录\n武汉市司法局关于加强律师事务所管理的通知〔1996〕武司字第82号 …… 3\n"
                       "某某局关于某某的通知(〔1997〕某字第5号)(7)\n");
  Toc toc = read_toc(t, 0);
  REQUIRE(toc.entries.size() == 2);
  CHECK(toc.entries[0].title == "武汉市司法局关于加强律师事务所管理的通知");
  REQUIRE(toc.entries[0].number);
  CHECK(toc.entries[0].number->text == "〔1996〕武司字第82号");
  CHECK(toc.entries[0].number->prefix == "武司字");
  CHECK(*toc.entries[0].page == 3);
  CHECK(toc.entries[1].title == "某某局关于某某的通知");
  CHECK(toc.entries[1].number->serial == 5);
}

TEST_CASE("toc: an organ's name over a title opening with 关于 is the title's first line, not a heading") {
  Text t = split_lines("目录\n市政府文件\n武汉市人民政府\n关于做好春季防汛工作的通知 …… 2\n"
                       "武汉市人民政府办公厅关于某某的通知 …… 5\n");
  Toc toc = read_toc(t, 0);
  REQUIRE(toc.entries.size() == 2);
  CHECK(toc.entries[0].title == "武汉市人民政府关于做好春季防汛工作的通知");
  CHECK(toc.entries[0].section == "市政府文件");
  CHECK(toc.entries[1].section == "市政府文件");
}

TEST_CASE("toc: announcements numbered by the year") {
  Text t = split_lines("目录\n上海市市场监督管理局公告（2023年第5号）…… 3\n"
                       "国家税务总局关于调整纳税申报事项的公告（国家税务总局公告2023年第1号）…… 7\n");
  Toc toc = read_toc(t, 0);
  REQUIRE(toc.entries.size() == 2);
  CHECK(toc.entries[0].title == "上海市市场监督管理局公告");
  REQUIRE(toc.entries[0].number);
  CHECK(toc.entries[0].number->text == "上海市市场监督管理局公告2023年第5号");
  CHECK(toc.entries[0].number->year == 2023);
  CHECK(*toc.entries[0].page == 3);
  CHECK(toc.entries[1].title == "国家税务总局关于调整纳税申报事项的公告");
  REQUIRE(toc.entries[1].number);
  CHECK(toc.entries[1].number->text == "国家税务总局公告2023年第1号");
  CHECK(*toc.entries[1].page == 7);
}

TEST_CASE("toc: genre of a title") {
  CHECK(genre_of("楚雄州人民政府关于印发…的通知") == "通知");
  CHECK(genre_of("楚雄州2022年11月-12月大事记") == "大事记");
  CHECK(genre_of("某某管理办法的决定(2022年修订)") == "决定");
  CHECK(genre_of("楚雄州全民科学素质行动实施方案") == "");
}

// A narrow column wraps the dot leader onto the next line: the dots are no
// part of the title, and a number before them is kept (gwy-style.txt
// re-wrapped at 33 characters).
TEST_CASE("toc: a leader wrapped onto the next line") {
  Text t = split_lines(
      "目　　录\n\n国务院令\n"
      "中华人民共和国国务院令（第752号） ……………………………………\n……… 3\n\n"
      "国务院文件\n国务院关于印发某某规划的\n　　通知 …………………………………………\n… 5\n"
      "某某省2023年2月大事记………………………………\n……………………（16）\n");
  Toc toc = read_toc(t, 0);
  REQUIRE(toc.entries.size() == 3);
  CHECK(toc.entries[0].title == "中华人民共和国国务院令");  // its number apart, as unwrapped
  REQUIRE(toc.entries[0].number);
  CHECK(toc.entries[0].number->serial == 752);
  CHECK(*toc.entries[0].page == 3);
  CHECK(toc.entries[1].title == "国务院关于印发某某规划的通知");
  CHECK(*toc.entries[1].page == 5);
  CHECK(toc.entries[2].title == "某某省2023年2月大事记");
  CHECK(*toc.entries[2].page == 16);
}

// toc_page parses by hand what a capturing regex would; on lines built from
// the characters that matter it must give the regex's page and title length.
TEST_CASE("toc: toc_page agrees with the regex it replaced") {
  // Pages have no leading zero ((0878) is an area code).
  const RE2 page_re(R"(^(.*?)\s*(?:(?:[\.…·][\.…·]+\s*)?\((0|[1-9]\d{0,3})\)|(?:[\.…·][\.…·]+|\s)\s*(0|[1-9]\d{0,3}))$)");
  REQUIRE(page_re.ok());
  static const char* const pool[] = {"标", "题", " ", "\t", ".", "…", "·", "(", ")", "0", "1", "9", "12", "12345",
                                     "年", "a", "\f", "……", "(3)", " 7", "。"};
  std::uint32_t seed = 7;
  int pages = 0, heads_cut = 0;
  for (int n = 0; n < 200000; ++n) {
    std::string s;
    for (int k = 0, len = 1 + n % 9; k < len; ++k) {
      seed = seed * 1103515245u + 12345u;
      s += pool[(seed >> 16) % (sizeof pool / sizeof *pool)];
    }
    std::string head, a, b;
    bool want = RE2::FullMatch(s, page_re, &head, &a, &b);
    std::size_t got_head = 999;
    auto got = toc_page(s, &got_head);
    REQUIRE_MESSAGE(got.has_value() == want, s);
    if (!want) continue;
    ++pages;
    if (!head.empty() && head.size() + 2 < s.size()) ++heads_cut;
    CHECK_MESSAGE(*got == std::stoi(a.empty() ? b : a), s);
    CHECK_MESSAGE(got_head == head.size(), s);
  }
  CHECK(pages > 10000);  // the generated lines do reach the positive cases
  CHECK(heads_cut > 1000);
  std::size_t head = 0;
  CHECK(toc_page("楚雄州2022年11月-12月大事记\t(62)", &head) == 62);
  CHECK_FALSE(toc_page("电 话 (0878)", &head));
  CHECK(head == std::string("楚雄州2022年11月-12月大事记").size());
  CHECK(toc_page("关于印发……的通知…… 12", &head) == 12);
  CHECK(head == std::string("关于印发……的通知").size());
  // A leader before a page in parentheses (上海市人民政府公报): 通知……(2).
  CHECK(toc_page("关于印发某某方案的通知……………………(2)", &head) == 2);
  CHECK(head == std::string("关于印发某某方案的通知").size());
  CHECK(toc_page("某某的通知 ··· (14)", &head) == 14);
  CHECK(head == std::string("某某的通知").size());
  CHECK_FALSE(toc_page("二〇二二年12345", &head));
  CHECK_FALSE(toc_page("2022", &head));
}

// pdftotext in its default mode sets a letter-spaced heading one character
// a line (目 / / 录), on every page of the TOC (tests/pdf).
TEST_CASE("toc: the 目录 heading one character a line") {
  Text t = split_lines("目\n\n录\n\n州政府文件\n\n楚雄州人民政府关于印发某某方案的通知\n楚政通〔2022〕61号 (3)\n\n目\n\n录\n\n"
                       "楚雄州人民政府办公室关于印发某某措施的通知 楚政办通〔2022〕59号 (53)\n\n编 务 张泽文\n");
  Toc toc = read_toc(t, 0);
  REQUIRE(toc.entries.size() == 2);
  CHECK(toc.first == 0);
  CHECK(toc.entries[0].section == "州政府文件");
  CHECK(toc.entries[0].number->text == "楚政通〔2022〕61号");
  CHECK(*toc.entries[1].page == 53);
  // 目 alone, followed by anything but 录, is no heading.
  Text u = split_lines("目\n\n标\n\n楚雄州人民政府关于印发某某方案的通知 (3)\n");
  CHECK(read_toc(u, 0).entries.empty());
}
