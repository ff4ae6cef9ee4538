#include <doctest/doctest.h>

#include "gazette/reflow.h"

using namespace gazette;

TEST_CASE("reflow: folios and running heads are removed and pages kept") {
  Text t = split_lines(
      "楚雄州人民政府公报 2022年第12期\n"
      "正文第一页。\n"
      "— 12 —\n"
      "楚雄州人民政府公报 2022年第12期\n"
      "正文第二页。\n"
      "·13·\n"
      "第三页\n");
  Pages p = strip_furniture(t, 1);  // line 0 is the masthead itself
  CHECK(p.furniture_lines == 3);
  CHECK(t.lines[0].norm == "楚雄州人民政府公报 2022年第12期");
  CHECK(t.lines[2].blank());
  CHECK(t.lines[3].blank());
  CHECK(t.lines[5].blank());
  CHECK(p.page_of_line[1] == 12);
  CHECK(p.page_of_line[4] == 13);
  CHECK(p.page_of_line[6] == 14);
}

TEST_CASE("reflow: a bare number is a folio only in sequence") {
  Text t = split_lines("甲。\n12\n乙。\n13\n丙。\n500\n");
  Pages p = strip_furniture(t, 0);
  CHECK(t.lines[1].blank());
  CHECK(t.lines[3].blank());
  CHECK(t.lines[5].norm == "500");
  CHECK(p.furniture_lines == 2);
}

TEST_CASE("reflow: a lone bare number beside a table row is a cell, in prose a folio") {
  // chuxiong-2022-12.txt 396 re-wrapped: 87233 broken into 87 / 233.
  Text t = split_lines("11.“4类重点对象”危房改造数\t户\t30000\t60122\t87\n233\n12.建档立卡贫困户存量危房改造率\t%\t100\n");
  Pages p = strip_furniture(t, 0);
  CHECK(t.lines[1].norm == "233");
  CHECK(p.furniture_lines == 0);
  CHECK(p.page_of_line[0] == 0);
  // Columns of spaces (pdftotext -layout) are a table row too.
  Text spaced = split_lines("危房改造数    户    30000    87\n233\n");
  CHECK(strip_furniture(spaced, 0).furniture_lines == 0);
  // central-159.txt (pkulaw): a page break inside a sentence.
  Text prose = split_lines("通过全面深化改革，充分发挥模式创新在增强和提\n3\n升社区服务与管理中的关键作用。\n");
  Pages q = strip_furniture(prose, 0);
  CHECK(prose.lines[1].blank());
  CHECK(q.page_of_line[0] == 3);
  // Beside a table but continued by the next folio: a folio.
  Text chained = split_lines("甲\t乙\n7\n正文。\n8\n");
  CHECK(strip_furniture(chained, 0).furniture_lines == 2);
}

TEST_CASE("reflow: paragraphs rejoin wraps and keep headings apart") {
  // chuxiong-2022-12.txt 197/199: a sentence broken at a page end.
  Text t = split_lines("——实施智慧助老行动。开展传统服务与智\n\n能创新相结合。\n(一)指导思想\n以习近平新时代中国特色社会主义思想为指导。");
  CHECK(paragraphs(t, 0, t.lines.size()) ==
        "——实施智慧助老行动。开展传统服务与智能创新相结合。\n(一)指导思想\n以习近平新时代中国特色社会主义思想为指导。");
}

TEST_CASE("reflow: a sentence end printed before its sentence is moved back") {
  // chuxiong-2022-12.txt 319-327 (楚政通〔2022〕62号).
  Text t = split_lines(
      "各县市人民政府,州直有关部门,楚雄高新区管\n委会:\n\n真抓好贯彻落实。\n\n"
      "现将《楚雄州“十四五”巩固拓展脱贫攻坚成\n果同乡村振兴有效衔接规划》印发给你们,请认\n\n2022年9月6日");
  CHECK(paragraphs(t, 0, t.lines.size()) ==
        "各县市人民政府,州直有关部门,楚雄高新区管委会:\n"
        "现将《楚雄州“十四五”巩固拓展脱贫攻坚成果同乡村振兴有效衔接规划》印发给你们,请认真抓好贯彻落实。\n"
        "2022年9月6日");
}

// Every heading form, and lines that start like one but are not (the cheap
// first-character test must not turn any of them away).
TEST_CASE("reflow: headings in every form, and near misses") {
  for (const char* h : {"一、总体要求", "十二、保障措施", "百、x", "(一)工作目标", "(十)其他", "1.总则", "12、范围", "3.x",
                        "(1)加强领导", "(12)x", "第一章 总则", "第十条", "第3条", "第二部分", "第五篇", "——楚雄州", "附件1"})
    CHECK_MESSAGE(starts_heading(h), h);
  for (const char* n : {"", "一是加强领导", "(以下简称)", "1234.x", "第一次会议", "—楚雄", "附则", "附表1", "二〇二二年",
                        "关于印发", "a、b", "((一))", " 一、"})
    CHECK_MESSAGE(!starts_heading(n), n);
}

// ends_sentence rules lines out by their last byte first; every ender must
// still be found, and a line ending in a character that merely shares a
// byte with one must not.
TEST_CASE("reflow: ends_sentence after its last-byte filter") {
  for (const char* e : {"。", "!", "?", ";", ":", "…", "。”", "。’", "!”", "?”", "。)", "。」"}) {
    INFO(e);
    CHECK(ends_sentence(std::string("加强监管") + e));
  }
  for (const char* s : {"", "加强监管", "加强监管,", "州财政局负责)", "“加强监管”", "加强监管」", "abc", "a.b"}) {
    INFO(s);
    CHECK_FALSE(ends_sentence(s));
  }
}

// A running head set in two parts (name at one side, issue at the other)
// comes out of pdftotext's default mode as two lines, either order.
TEST_CASE("reflow: a running head in two lines") {
  Text t = split_lines("正文第一页。\n—1—\n\n国务院公报\n\n2022年第36号\n正文第二页。\n2022年第36号\n\n国务院公报\n正文。\n"
                       "2022年第36号\n");  // an issue line alone, no name beside it: kept
  strip_furniture(t, 0);
  CHECK(t.lines[3].blank());
  CHECK(t.lines[5].blank());
  CHECK(t.lines[7].blank());
  CHECK(t.lines[9].blank());
  CHECK_FALSE(t.lines[10].blank());
  CHECK_FALSE(t.lines[11].blank());
}

TEST_CASE("reflow: a bare year continued by 年 is no folio") {
  Text t = split_lines("特此通知\n上海市嘉定区人民政府\n2014\n年8月12日\n");  // shanghai 012, lines 15-18
  Pages p = strip_furniture(t, 0);
  CHECK(p.furniture_lines == 0);
  CHECK_FALSE(t.lines[2].blank());
}

TEST_CASE("reflow: a cut begins a paragraph whatever the line before") {
  Text t = split_lines("某某省人民政府关于某某的通知\n某政发〔2023〕3号\n\n各市人民政府：\n现将方案印发给你们，请认真\n执行。\n");
  CHECK(paragraphs(t, 0, t.lines.size()) == "某某省人民政府关于某某的通知某政发〔2023〕3号各市人民政府:\n现将方案印发给你们,请认真执行。");
  // After the title, and on the blank line before the addressees (a cut on
  // a blank line holds for the next line printed).
  CHECK(paragraphs(t, 0, t.lines.size(), {1, 2}) ==
        "某某省人民政府关于某某的通知\n某政发〔2023〕3号\n各市人民政府:\n现将方案印发给你们,请认真执行。");
}
