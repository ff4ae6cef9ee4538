#include <doctest/doctest.h>

#include "gazette/references.h"

using namespace gazette;

namespace {
std::vector<Reference> refs_of(const std::string& s, const std::string& own = "") {
  Text t = split_lines(s);
  Stream st(t, 0, t.lines.size());
  return find_references(st, own);
}
}  // namespace

TEST_CASE("references: numbers with the 《》 title before them") {
  // chuxiong-2022-12.txt line 129.
  auto r = refs_of(
      "为全面贯彻落实《国务院关于印发全民科学素质行动规划纲要(2021-2035年)的通知》(国发〔2021〕9号)、"
      "《云南省人民政府关于印发云南省全民科学素质行动实施方案(2021-2025年)的通知》(云政发〔2021〕29号)和……");
  REQUIRE(r.size() == 2);
  CHECK(r[0].number == "国发〔2021〕9号");
  CHECK(*r[0].title == "国务院关于印发全民科学素质行动规划纲要(2021-2035年)的通知");
  CHECK(r[0].line == 1);
  CHECK(r[1].number == "云政发〔2021〕29号");
}

TEST_CASE("references: a title with a genuine space and inner 〈〉") {
  // chuxiong-2022-12.txt line 1439.
  auto r = refs_of("和《中共楚雄州委办公室 楚雄州人民政府办公室印发〈关于促进中彝医药传承创新发展的实施意见〉的通知》(楚办通〔2021〕37号)");
  REQUIRE(r.size() == 1);
  CHECK(*r[0].title == "中共楚雄州委办公室 楚雄州人民政府办公室印发〈关于促进中彝医药传承创新发展的实施意见〉的通知");
}

TEST_CASE("references: own number, repeats and lead words are left out") {
  auto r = refs_of("楚雄州人民政府关于印发某方案的通知\n楚政通〔2022〕61号\n根据国发〔2021〕9号文件,按照国发〔2021〕9号文件。第58号通告。",
                   "楚政通〔2022〕61号");
  REQUIRE(r.size() == 1);
  CHECK(r[0].number == "国发〔2021〕9号");
  CHECK_FALSE(r[0].title);
  CHECK(r[0].line == 3);
}

// The bracket scan tests sixteen positions at a time: each opening bracket
// at every offset across those steps, and the closing brackets (〕 E3 80 95,
// 】 E3 80 91) and near-miss bytes that must not open a number.
TEST_CASE("references: every opening bracket found at every offset") {
  const std::pair<const char*, const char*> forms[] = {{"〔", "〕"}, {"【", "】"}, {"[", "]"}};
  for (auto [open, close] : forms)
    for (int k = 0; k < 40; ++k) {
      std::string pad;
      for (int c = 0; c < k; ++c) pad += c % 3 ? "公" : "a";
      std::string number = std::string("楚政通") + open + "2022" + close + "61号";
      auto r = refs_of(pad + "〕】]\xE3\x80\x96根据" + number + "执行。");
      INFO("bracket " << open << " after " << k << " pad characters");
      REQUIRE(r.size() == 1);
      CHECK(r[0].number == number);
    }
}

// Forms of real documents (issue 13): the year first, as older documents
// print it; a number inside the 《》 title it belongs to; a code after lead
// words past its 10-character cap (shanghai 024 line 5, 028).
TEST_CASE("references: year-first numbers, numbers inside a title, lead words") {
  auto r = refs_of("根据《某某办法》（〔1996〕武司字第82号）和《规划（国发〔2017〕35号）》执行。〔2023〕年度");
  REQUIRE(r.size() == 2);
  CHECK(r[0].number == "〔1996〕武司字第82号");
  CHECK(*r[0].title == "某某办法");
  CHECK(r[1].number == "国发〔2017〕35号");
  // The organ's name before a year-first number is not part of it.
  auto org = refs_of("根据司法部〔1995〕司发通字第12号文件精神，现通知如下。");
  REQUIRE(org.size() == 1);
  CHECK(org[0].number == "〔1995〕司发通字第12号");
  auto s = refs_of("领导小组办公室关于进一步做好沪府规〔2022〕1号文件实施工作，原浦东明规〔2020〕1号废止。");
  REQUIRE(s.size() == 2);
  CHECK(s[0].number == "沪府规〔2022〕1号");
  CHECK(s[1].number == "浦东明规〔2020〕1号");
}
