#include <doctest/doctest.h>

#include "gazette/dates.h"

using namespace gazette;

TEST_CASE("dates: Arabic and Chinese numerals") {
  CHECK(iso(*parse_date("2022年8月30日")) == "2022-08-30");
  CHECK(iso(*parse_date("二〇〇四年六月二十六日")) == "2004-06-26");
  CHECK(iso(*parse_date("一九八一年五月二十三日")) == "1981-05-23");
  CHECK(iso(*parse_date("2022 年 10 月 13 日")) == "2022-10-13");
}

TEST_CASE("dates: impossible dates are not dates") {
  CHECK_FALSE(parse_date("2022年13月45日"));
  CHECK_FALSE(parse_date("2023年2月29日"));
  CHECK(parse_date("2024年2月29日"));
  CHECK_FALSE(parse_date("2022年8月30日印发"));
  CHECK_FALSE(is_valid_date(1900, 2, 29));
  CHECK(is_valid_date(2000, 2, 29));
}

TEST_CASE("dates: prefix of a longer line") {
  std::size_t used = 0;
  auto d = date_prefix("2022年8月30日楚雄彝族自治州十三届人民代表大会常务委员会", &used);
  REQUIRE(d);
  CHECK(iso(*d) == "2022-08-30");
  CHECK(used == std::string("2022年8月30日").size());
}

TEST_CASE("dates: the colophon's date on a line of its own") {
  CHECK(iso(*printing_date("2023年3月2日印发")) == "2023-03-02");
  CHECK(iso(*printing_date("2023年3月2日 印发")) == "2023-03-02");
  CHECK_FALSE(printing_date("某某省财政局办公室 2023年3月2日印发"));  // with its organ: signature_date reads it
  CHECK_FALSE(printing_date("2023年3月2日"));
  CHECK_FALSE(printing_date("印发"));
}

TEST_CASE("dates: a date in parentheses alone on its line") {
  auto d = bracketed_date("(2023年1月2日)");
  REQUIRE(d);
  CHECK(iso(*d) == "2023-01-02");
  CHECK(bracketed_date("(二〇二三年一月二日)"));
  CHECK_FALSE(bracketed_date("(2023年1月2日国务院第1次常务会议通过)"));  // an adoption line
  CHECK_FALSE(bracketed_date("(2022年修订)"));
  CHECK_FALSE(bracketed_date("2023年1月2日"));
}
