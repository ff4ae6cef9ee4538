#include <doctest/doctest.h>

#include "gazette/numbers.h"
#include "gazette/text.h"

using namespace gazette;

TEST_CASE("numbers: 发文字号 forms") {
  auto n = parse_number("楚政办通〔2022〕59号");
  REQUIRE(n);
  CHECK(n->prefix == "楚政办通");
  CHECK(*n->year == 2022);
  CHECK(*n->serial == 59);
  auto sq = parse_number("皖政办秘[2021]82号");
  REQUIRE(sq);
  CHECK(sq->prefix == "皖政办秘");
  // Every bracket form the number pattern allows (a scan for the opening
  // bracket runs before it).
  for (const char* form : {"楚政发〔2022〕5号", "楚政发[2022]5号", "楚政发(2022)5号", "楚政发【2022】5号", "楚政发〈2022〉5号",
                           "楚政发（2022）5号", "楚政发［2022］5号"}) {
    auto f = parse_number(fold(form));
    REQUIRE_MESSAGE(f, form);
    CHECK(f->year == 2022);
    CHECK(f->serial == 5);
  }
  CHECK_FALSE(parse_number("楚政发 2022 5号"));
  CHECK_FALSE(parse_number("楚政发〖2022〗5号"));
  auto order = parse_number("国令第707号");
  REQUIRE(order);
  CHECK(order->prefix == "国令");
  CHECK_FALSE(order->year);
  CHECK(*order->serial == 707);
  CHECK_FALSE(parse_number("第58号通告"));
  // Malformed but recognisable: kept as numbers, so gazette-check can say why.
  CHECK(parse_number("楚政通〔2022〕61"));
  CHECK(*parse_number("楚政通〔22〕61号")->year == 22);
  CHECK_FALSE(parse_number("楚政通〔2〕61号"));
  // 20-digit serials do not overflow: the serial is simply unknown.
  auto big = parse_number("楚政通〔2022〕12345678901234567890号");
  REQUIRE(big);
  CHECK_FALSE(big->serial);
}

// Older documents print the year first: 〔1996〕武司字第82号 (GB/T 9704-1999
// fixed the organ code first), or (87)国函字1号 with a two-digit year.
TEST_CASE("numbers: the year-first form of older documents") {
  auto n = parse_number("〔1996〕武司字第82号");
  REQUIRE(n);
  CHECK(n->prefix == "武司字");
  CHECK(n->year == 1996);
  CHECK(n->serial == 82);
  auto old = parse_number(fold("（87）国函字1号"));
  REQUIRE(old);
  CHECK(old->prefix == "国函字");
  CHECK(old->year == 87);
  CHECK(old->serial == 1);
  CHECK(standalone_number("  〔1996〕武司字第82号"));
  CHECK(standalone_number("[1994]鄂政发第45号")->prefix == "鄂政发");
  CHECK_FALSE(parse_number("〔2022〕第5号"));         // no organ code
  CHECK_FALSE(parse_number("〔2022〕字5号"));         // a code of one character
  CHECK_FALSE(parse_number("〔1996〕武司字第82"));    // 号 required in this form
  CHECK_FALSE(standalone_number("(2022)年度第5号"));  // a year's fifth, no organ code
}

TEST_CASE("numbers: standalone number lines, with parentheses") {
  auto n = standalone_number("(皖政办秘〔2021〕82号)");
  REQUIRE(n);
  CHECK(n->prefix == "皖政办秘");
  CHECK_FALSE(standalone_number("依据国发〔2021〕9号文件精神,制定本方案。"));
  // Refused or accepted by the last character, spaces and the parentheses
  // around the number aside.
  CHECK(standalone_number("楚政通〔2022〕61号 "));
  CHECK(standalone_number("( 楚政通〔2022〕61号 )"));
  CHECK(standalone_number("楚政通〔2022〕61"));  // 号 missing: still a number
  CHECK(standalone_number("国务院令第752号"));
  CHECK_FALSE(standalone_number("楚政通〔2022〕61号文"));
  CHECK_FALSE(standalone_number("第58号通告"));
}

TEST_CASE("numbers: an upward document's number with its 签发人 on the line") {
  // GB/T 9704-2012 §7.2.4: the number on the left, 签发人 on the right.
  auto n = standalone_number("某府文〔2023〕5号 签发人:张某某");
  REQUIRE(n);
  CHECK(n->prefix == "某府文");
  CHECK(n->serial == 5);
  CHECK(standalone_number("某府文〔2023〕5号 签发人:张某某 李某某"));
  CHECK_FALSE(standalone_number("关于明确签发人:张某某"));
  CHECK_FALSE(standalone_number("某府文〔2023〕5号签发人制度"));  // no space before: one run of text
}

TEST_CASE("numbers: Chinese numerals") {
  CHECK(*chinese_number("二〇〇四") == 2004);
  CHECK(*chinese_number("一九八一") == 1981);
  CHECK(*chinese_number("二十六") == 26);
  CHECK(*chinese_number("十") == 10);
  CHECK(*chinese_number("三十") == 30);
  CHECK(*chinese_number("一百零五") == 105);
  CHECK(*chinese_number("146") == 146);
  CHECK_FALSE(chinese_number("十二期"));
  CHECK_FALSE(chinese_number("9999999999999999999999"));
}

TEST_CASE("numbers: orders and numbered notices (令, 公告, 通告 over 第N号)") {
  auto n = order_number("中华人民共和国国务院令", "第752号");
  REQUIRE(n);
  CHECK(n->text == "中华人民共和国国务院令第752号");
  CHECK(n->serial == 752);
  n = order_number("某某市人民政府通告", "（第3号）");
  CHECK_FALSE(n);  // order_number reads a norm: （ is folded to ( first
  n = order_number("某某市人民政府通告", "(第3号)");
  REQUIRE(n);
  CHECK(n->prefix == "某某市人民政府通告");
  CHECK(n->serial == 3);
  CHECK(order_number("某某市人民政府公告", "第 12 号")->serial == 12);
  CHECK_FALSE(order_number("关于开展检查的通告", "第3号"));  // no organ before 通告
  CHECK_FALSE(order_number("某某市人民政府通知", "第3号"));
  CHECK_FALSE(order_number("中华人民共和国国务院令", "第一条"));
}

TEST_CASE("numbers: orders and announcements numbered by the year") {
  // Under the head: 2023年第5号, (2023年第5号), 〔2023〕第5号.
  auto n = order_number("上海市市场监督管理局公告", "2023年第5号");
  REQUIRE(n);
  CHECK(n->text == "上海市市场监督管理局公告2023年第5号");
  CHECK(n->prefix == "上海市市场监督管理局公告");
  CHECK(n->year == 2023);
  CHECK(n->serial == 5);
  n = order_number("上海市市场监督管理局公告", "(2023年第5号)");
  REQUIRE(n);
  CHECK(n->text == "上海市市场监督管理局公告2023年第5号");
  n = order_number("中国人民银行公告", "〔2023〕第7号");
  REQUIRE(n);
  CHECK(n->text == "中国人民银行公告〔2023〕第7号");
  CHECK(n->year == 2023);
  CHECK(n->serial == 7);
  n = order_number("中华人民共和国农业农村部令", "2023 年第 1 号");
  REQUIRE(n);
  CHECK(n->text == "中华人民共和国农业农村部令2023年第1号");
  n = order_number("国家发展和改革委员会 商务部令", "2022年第49号");  // joint: the space kept, as cited
  REQUIRE(n);
  CHECK(n->text == "国家发展和改革委员会 商务部令2022年第49号");
  CHECK(n->prefix == "国家发展和改革委员会商务部令");
  CHECK(order_number("国 务 院 令", "第1号")->text == "国务院令第1号");  // letter-spaced: squeezed
  CHECK_FALSE(order_number("上海市市场监督管理局公告", "2023年第5号)"));  // ) without (
  CHECK_FALSE(order_number("上海市市场监督管理局公告", "(2023年第5号"));  // ( without )
  CHECK_FALSE(order_number("上海市市场监督管理局公告", "(2023)第5号)"));
  n = order_number("上海市市场监督管理局公告", "(2023)第5号");  // the ( is the year's
  REQUIRE(n);
  CHECK(n->text == "上海市市场监督管理局公告(2023)第5号");
  CHECK(n->year == 2023);
  CHECK(n->serial == 5);
  CHECK(order_number("中国人民银行公告", "〔2023〕7号")->year == 2023);
  CHECK_FALSE(order_number("上海市市场监督管理局公告", "2023年5月"));
  CHECK_FALSE(order_number("上海市市场监督管理局公告", "5号"));
  CHECK_FALSE(order_number("中华人民共和国国务院公报", "2022年第36号"));  // a gazette's issue
  // On one line, as cited: organ, genre, year, serial.
  auto p = parse_number("国家税务总局公告2023年第1号");
  REQUIRE(p);
  CHECK(p->prefix == "国家税务总局公告");
  CHECK(p->year == 2023);
  CHECK(p->serial == 1);
  p = parse_number("财政部 税务总局公告2023年第5号");  // two organs' joint announcement
  REQUIRE(p);
  CHECK(p->text == "财政部 税务总局公告2023年第5号");
  CHECK(p->prefix == "财政部税务总局公告");
  CHECK(standalone_number("(国家税务总局公告2023年第1号)"));
  CHECK_FALSE(parse_number("国务院公报2022年第36号"));
  CHECK_FALSE(parse_number("2023年第5号"));
}
