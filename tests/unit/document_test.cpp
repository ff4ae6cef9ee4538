#include <doctest/doctest.h>

#include "gazette/document.h"
#include "gazette/extract.h"

using namespace gazette;
using V = std::vector<std::string>;

namespace {
// A single notice in the shape of 楚政办通〔2022〕60号 (lines 1422-1437):
// its public marking stands before its date.
const char* kNotice =
    "楚雄州人民政府办公室关于印发 楚雄州加快中彝医药特色发展30条措施的通知\n\n"
    "楚政办通〔2022〕60号\n\n"
    "各县市人民政府,州直有关部门:\n\n"
    "《楚雄州加快中彝医药特色发展30条措施》\n已经州人民政府同意,现印发给你们,请认真贯\n\n彻落实。\n\n"
    "(此件公开发布)\n\n"
    "2022年10月24日\n\n"
    "楚雄州加快中彝医药特色发展30条措施\n\n"
    "(一)大力开展师承教育。(州卫生健康委、州人力资源和社会保障局,各县市人民政府按照职责分工负责)\n";
}  // namespace

TEST_CASE("document: head, foot and attachment of a single notice") {
  Issue issue = extract_text(kNotice, {});
  REQUIRE(issue.documents.size() == 1);
  const Document& d = issue.documents[0];
  CHECK(d.title == "楚雄州人民政府办公室关于印发楚雄州加快中彝医药特色发展30条措施的通知");
  CHECK(d.number->text == "楚政办通〔2022〕60号");
  CHECK(d.number->line == 3);
  CHECK(*d.genre == "通知");
  CHECK(d.issuers == V{"楚雄州人民政府办公室"});
  CHECK(d.addressees == V{"各县市人民政府", "州直有关部门"});
  CHECK(*d.date == "2022-10-24");
  CHECK(d.is_public);
  REQUIRE(d.attachments.size() == 1);
  CHECK(d.attachments[0].title == "楚雄州加快中彝医药特色发展30条措施");
  CHECK(d.attachments[0].title_line == 16);
  REQUIRE(d.tasks.size() == 1);
  CHECK(d.tasks[0].responsible == V{"州卫生健康委", "州人力资源和社会保障局", "各县市人民政府"});
  CHECK(d.title_line == 1);
  CHECK(d.end_line == 18);
}

TEST_CASE("document: parts adopted separately, adoption line over a blank line") {
  // The shape of 楚政通〔2022〕64号, part 4 (lines 721-725).
  const char* text =
      "楚雄州人民政府关于印发州十三届人大常委会第四次会议通过的决议、审议意见的通知\n\n楚政通〔2022〕64号\n\n"
      "各县市人民政府,州直有关部门,楚雄高新区管委会:\n\n现将……印发给你们,请认真抓好落实。\n\n2022年9月13日\n\n(此件公开发布)\n\n"
      "楚雄彝族自治州人大常委会审议州人民政府 《关于我州2022年上半年财政预算执行情况的报告》的意见\n\n"
      "(2022年8月30日楚雄彝族自治州十三届人民代表大会常务委员会\n\n第四次会议通过)\n\n"
      "州十三届人大常委会第四次会议听取和审议了报告。\n";
  Issue issue = extract_text(text, {});
  REQUIRE(issue.documents.size() == 1);
  const Document& d = issue.documents[0];
  REQUIRE(d.parts.size() == 1);
  CHECK(d.parts[0].title == "楚雄彝族自治州人大常委会审议州人民政府《关于我州2022年上半年财政预算执行情况的报告》的意见");
  CHECK(d.parts[0].title_line == 13);
  CHECK(*d.parts[0].adopted == "2022-08-30");
  CHECK(d.parts[0].adopted_by == "楚雄彝族自治州十三届人民代表大会常务委员会第四次会议");
  CHECK(d.attachments.empty());
}

TEST_CASE("document: issuers of joint and plain titles") {
  CHECK(issuers_of("国务院办公厅、中央军委办公厅关于印发某某的通知") == V{"国务院办公厅", "中央军委办公厅"});
  CHECK(issuers_of("中共楚雄州委 楚雄州人民政府关于某某的意见") == V{"中共楚雄州委", "楚雄州人民政府"});
  CHECK(issuers_of("北京市经济和信息化局印发《关于推进北京市数据专区建设的指导意见》的通知") == V{"北京市经济和信息化局"});
  CHECK(issuers_of("楚雄州2022年11月-12月大事记").empty());
}

TEST_CASE("document: an old document with a Chinese-numeral date") {
  const char* text =
      "国务院关于某某问题的通知\n国发〔1981〕12号\n各省、市、自治区人民政府,国务院各部委、各直属机构:\n现将有关问题通知如下。\n一九八一年五月二十三日\n";
  Issue issue = extract_text(text, {});
  REQUIRE(issue.documents.size() == 1);
  CHECK(*issue.documents[0].date == "1981-05-23");
  CHECK(issue.documents[0].addressees == V{"各省", "市", "自治区人民政府", "国务院各部委", "各直属机构"});
}

TEST_CASE("document: letter-spaced title, issuers on their own line, no TOC") {
  const char* text =
      "中共楚雄州委办公室 楚雄州人民政府办公室\n关 于 进 一 步 做 好 几 个 问 题 的\n通 知\n楚办通〔2021〕37号\n"
      "各县市委和人民政府:\n现将有关事项通知如下。\n二〇二一年六月二十六日\n";
  Issue issue = extract_text(text, {});
  REQUIRE(issue.documents.size() == 1);
  const Document& d = issue.documents[0];
  CHECK(d.title == "中共楚雄州委办公室楚雄州人民政府办公室关于进一步做好几个问题的通知");
  CHECK(d.title_line == 1);
  CHECK(*d.genre == "通知");
  CHECK(d.issuers == V{"中共楚雄州委办公室", "楚雄州人民政府办公室"});
  CHECK(*d.date == "2021-06-26");
}
