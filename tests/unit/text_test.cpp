#include <doctest/doctest.h>

#include "gazette/text.h"

using namespace gazette;

TEST_CASE("text: lines counted as grep -n counts, last line without newline") {
  Text t = split_lines("一\r\n\r\n三\r四\n五");
  REQUIRE(t.lines.size() == 5);
  CHECK(t.lines[0].number == 1);
  CHECK(t.lines[0].norm == "一");
  CHECK(t.lines[1].blank());
  CHECK(t.lines[2].norm == "三");
  CHECK(t.lines[3].norm == "四");
  CHECK(t.lines[4].norm == "五");
  CHECK(split_lines("a\n").lines.size() == 1);
}

TEST_CASE("text: folding full-width, indentation, and mapping back") {
  Text t = split_lines("\u3000\u3000（牵头单位：州市场监管局；责任单位：州司法局）");
  const Line& l = t.lines[0];
  CHECK(l.norm == "(牵头单位:州市场监管局;责任单位:州司法局)");
  // norm "(牵头单位" -> the original with its full-width parenthesis
  CHECK(l.original(0, 1) == "（");
  std::size_t b = l.norm.find("州市场监管局");
  CHECK(l.original(b, b + std::string("州市场监管局").size()) == "州市场监管局");
  CHECK(l.original(0, l.norm.size()) == "（牵头单位：州市场监管局；责任单位：州司法局）");
}

TEST_CASE("text: stream joins department names split over a page break") {
  // shared/corpus/chuxiong-2022-12.txt lines 231/233: 州社科 / 联配合)
  Text t = split_lines("(州科协牵头,州社科\n\n联、州农科院配合)");
  Stream s(t, 0, t.lines.size());
  CHECK(s.str() == "(州科协牵头,州社科联、州农科院配合)");
  std::size_t b = s.str().find("州社科联");
  CHECK(s.original(b, b + std::string("州社科联").size()) == "州社科联");
  CHECK(s.line_number(b) == 1);
  CHECK(s.line_number(s.str().size() - 1) == 3);
}

TEST_CASE("text: wrap spaces, squeeze and match keys") {
  CHECK(remove_wrap_spaces("楚雄州人民政府关于印发 楚雄州“十四五” 规划的通知") == "楚雄州人民政府关于印发楚雄州“十四五”规划的通知");
  CHECK(remove_wrap_spaces("几 个 问 题 的 通 知") == "几个问题的通知");
  CHECK(remove_wrap_spaces("COVID 19 防控") == "COVID 19防控");
  CHECK(squeeze("楚 政 通") == "楚政通");
  CHECK(match_key("加快对接〈区域全面经济伙伴关系协定〉（RCEP）") == match_key("加快对接《区域全面经济伙伴关系协定》(RCEP)"));
}
