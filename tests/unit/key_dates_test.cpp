#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "gazette/key_dates.h"

using namespace gazette;

namespace {
std::vector<KeyDate> dates_of(const std::string& s) {
  Text t = split_lines(s);
  Stream st(t, 0, t.lines.size());
  return find_key_dates(st);
}
}  // namespace

TEST_CASE("key dates: effective dates, absolute and relative, across a line break") {
  auto k = dates_of(
      "本通知自印发之日起执行。\n"
      "本办法自2023年5月1日起施行。\n"
      "原规定自 2023年6月1日\n"
      "起正式实施。\n"
      "本规定自二〇二三年七月一日起生效。\n"
      "本办法2024年1月1日起试行。\n");
  REQUIRE(k.size() == 5);
  CHECK(k[0].kind == "effective");
  CHECK_FALSE(k[0].date);
  CHECK(k[0].text == "自印发之日起执行");
  CHECK(k[0].line == 1);
  CHECK(*k[1].date == "2023-05-01");
  CHECK(k[1].text == "自2023年5月1日起施行");
  CHECK(*k[2].date == "2023-06-01");
  CHECK(k[2].line == 3);
  CHECK(k[2].text == "自2023年6月1日起正式实施");
  CHECK(*k[3].date == "2023-07-01");
  CHECK(*k[4].date == "2024-01-01");
  CHECK(k[4].text == "2024年1月1日起试行");
}

TEST_CASE("key dates: 有效期 as an end date, a range or a span") {
  auto k = dates_of(
      "有效期至2028年4月30日。\n"
      "试点有效期自2023年6月1日起至2024年5月31日止。\n"
      "本通知有效期五年。\n"
      "有效期为3年。\n");
  REQUIRE(k.size() == 5);
  CHECK(k[0].kind == "expires");
  CHECK(*k[0].date == "2028-04-30");
  CHECK(k[1].kind == "effective");
  CHECK(*k[1].date == "2023-06-01");
  CHECK(k[2].kind == "expires");
  CHECK(*k[2].date == "2024-05-31");
  CHECK(k[2].text == "有效期自2023年6月1日起至2024年5月31日止");
  CHECK(k[3].kind == "expires");
  CHECK_FALSE(k[3].date);
  CHECK(k[3].text == "有效期五年");
  CHECK(k[4].text == "有效期为3年");
}

TEST_CASE("key dates: the colophon's printing date") {
  auto k = dates_of("抄送：市委各部门。\n某某市人民政府办公室　　　　２０２３年４月４日印发\n");
  REQUIRE(k.size() == 1);
  CHECK(k[0].kind == "printed");
  CHECK(*k[0].date == "2023-04-04");
  CHECK(k[0].text == "某某市人民政府办公室 ２０２３年４月４日印发");
  CHECK(k[0].line == 2);
}

TEST_CASE("key dates: what is not one") {
  CHECK(dates_of("材料应当于2023年4月1日起报送。\n").empty());     // no verb of force
  CHECK(dates_of("原办法自2023年5月1日起废止。\n").empty());         // another text's end
  CHECK(dates_of("数据有效期内不得删除。\n").empty());               // no date or span
  CHECK(dates_of("自3133年6月1日起施行。\n").empty());               // outside 1949-2100
  CHECK(dates_of("自2023年2月30日起施行。\n").empty());              // no calendar date
  CHECK(dates_of("现将方案印发给你们。\n").empty());                 // 印发 in prose
  CHECK(dates_of("自本规定所称的项目获批之日起施行。\n").empty());   // 自 too far back
  // An attribute of another text, after this one's own date.
  auto k = dates_of("本办法自2023年3月1日起施行。2018年5月1日起施行的《某某暂行办法》同时废止。\n");
  REQUIRE(k.size() == 1);
  CHECK(*k[0].date == "2023-03-01");
  // A 自 of an earlier clause does not hide a date of its own.
  k = dates_of("本规定自2023年3月1日起施行至年底，本办法2024年1月1日起施行。\n");
  REQUIRE(k.size() == 2);
  CHECK(*k[1].date == "2024-01-01");
  CHECK(k[1].text == "2024年1月1日起施行");
}

// The colophon set apart by pdftotext: its organ on the line above the date.
TEST_CASE("key dates: a colophon in two lines") {
  auto k = dates_of("抄送：省委各部门。\n某某省财政局办公室\n\n2023年3月2日印发\n");
  REQUIRE(k.size() == 1);
  CHECK(k[0].kind == "printed");
  CHECK(*k[0].date == "2023-03-02");
  CHECK(k[0].text == "某某省财政局办公室2023年3月2日印发");
}
