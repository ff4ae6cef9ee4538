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
  // An order: the organ before 令.
  CHECK(issuers_of("某某市人民政府令") == V{"某某市人民政府"});
  CHECK(issuers_of("中华人民共和国国务院令") == V{"中华人民共和国国务院"});
  CHECK(issuers_of("中华人民共和国主席令") == V{"中华人民共和国主席"});
  CHECK(issuers_of("禁渔令").empty());
  // Joint orders and announcements: each organ.
  CHECK(issuers_of("国家发展和改革委员会 商务部令") == V{"国家发展和改革委员会", "商务部"});
  CHECK(issuers_of("财政部 税务总局公告") == V{"财政部", "税务总局"});
  CHECK(issuers_of("中国人民银行公告") == V{"中国人民银行"});
}

// Joint issuers whose separating space the PDF extractor dropped.
TEST_CASE("document: joint issuers printed without a separator") {
  CHECK(issuers_of("中共中央办公厅国务院办公厅印发《某某意见》的通知") == V{"中共中央办公厅", "国务院办公厅"});
  CHECK(issuers_of("中共中央国务院关于某某的意见") == V{"中共中央", "国务院"});
  CHECK(issuers_of("国家发展改革委国家能源局关于某某的意见") == V{"国家发展改革委", "国家能源局"});
  CHECK(issuers_of("财政部国家税务总局关于某某政策的通知") == V{"财政部", "国家税务总局"});
  CHECK(issuers_of("中共楚雄州委办公室楚雄州人民政府办公室关于印发某某的通知") ==
        V{"中共楚雄州委办公室", "楚雄州人民政府办公室"});
  CHECK(issuers_of("楚雄彝族自治州人民政府楚雄州财政局关于某某的通知") == V{"楚雄彝族自治州人民政府", "楚雄州财政局"});
  CHECK(issuers_of("中共楚雄州委楚雄州人民政府楚雄州军分区办公室关于某某的通知") ==
        V{"中共楚雄州委", "楚雄州人民政府", "楚雄州军分区办公室"});
  // One organ each: the rest does not open an organ of its own.
  CHECK(issuers_of("楚雄州人民政府办公室关于某某的通知") == V{"楚雄州人民政府办公室"});
  CHECK(issuers_of("国家税务总局楚雄州税务局关于某某的通知") == V{"国家税务总局楚雄州税务局"});
  CHECK(issuers_of("中央国家机关工作委员会关于某某的通知") == V{"中央国家机关工作委员会"});
  CHECK(issuers_of("国务院办公厅关于某某的通知") == V{"国务院办公厅"});
  CHECK(issuers_of("全国人大常委会办公厅关于某某的通知") == V{"全国人大常委会办公厅"});
  CHECK(issuers_of("楚雄州市场监督管理局楚雄市分局关于某某的通知") == V{"楚雄州市场监督管理局楚雄市分局"});
  CHECK(issuers_of("云南省人民政府国有资产监督管理委员会关于某某的通知") == V{"云南省人民政府国有资产监督管理委员会"});
}

TEST_CASE("document: issuers of a reply, and none in a title that opens with 关于") {
  CHECK(issuers_of("民政部对“关于应对老龄社会的建议”的答复") == V{"民政部"});
  CHECK(issuers_of("国务院办公厅对《某某条例(草案)》的意见") == V{"国务院办公厅"});
  CHECK(issuers_of("关于印发《某某办法》的通知").empty());
  CHECK(issuers_of("关于对《某某》的批复").empty());
  // A reply names what it answers after 对, quoted or not; a letter after 关于.
  CHECK(issuers_of("民政部对十三届全国人大四次会议第1234号建议的答复") == V{"民政部"});
  CHECK(issuers_of("交通运输部办公厅关于某某问题的复函") == V{"交通运输部办公厅"});
  CHECK(issuers_of("对外贸易经营者备案登记办法").empty());
}

// shandong-032.txt (pkulaw): a document printed on its own with a red
// header: the joint issuers, the number, 文件 (the header's end, moved by
// the PDF extractor), then the title and the addressees.
TEST_CASE("document: a red-header document, title below its number") {
  Issue issue = extract_text(
      "JNCR—2022—0040001 \n济南市工业和信息化局\n济 南 市 公 安 局\n济南市城乡交通运输局\n济工信装备字〔2022〕1号 \n文件\n"
      "关于印发《济南市智能网联汽车道路测试与 \n示范应用管理办法（试行）》的通知 \n各相关单位： \n"
      "为加快推进济南智能网联汽车技术研发及应用，我们联合制定了《济南市智能网联汽\n车道路测试与示范应用管理办法（试行）》。现印发给你们，请\n遵照执行。 \n"
      "济南市工业和信息化局 济南市公安局 \n2022 年3月10日  \n",
      {});
  REQUIRE(issue.documents.size() == 1);
  const Document& d = issue.documents[0];
  CHECK(d.title == "关于印发《济南市智能网联汽车道路测试与示范应用管理办法（试行）》的通知");
  CHECK(d.title_line == 7);
  REQUIRE(d.number);
  CHECK(d.number->text == "济工信装备字〔2022〕1号");
  CHECK(d.number->line == 5);
  CHECK(*d.genre == "通知");
  CHECK(d.issuers == V{"济南市工业和信息化局", "济南市公安局", "济南市城乡交通运输局"});
  CHECK(d.addressees == V{"各相关单位"});
  CHECK(*d.date == "2022-03-10");
  CHECK(d.references.empty());  // its own number is not a citation
}

// A red-header document after another: the one before ends above its
// header, not above its title.
TEST_CASE("document: a red header closes the document before it") {
  Issue issue = extract_text(
      "楚雄州人民政府关于加强监管的通知\n楚政通〔2022〕1号\n各县市人民政府:\n现通知如下。\n2022年5月6日\n\n"
      "楚雄州人民政府文件\n楚政发〔2022〕5号\n关于加强统筹的意见\n各县市人民政府:\n现提出如下意见。\n2022年5月9日\n",
      {});
  REQUIRE(issue.documents.size() == 2);
  CHECK(issue.documents[0].end_line == 5);
  CHECK(issue.documents[1].title == "关于加强统筹的意见");
  CHECK(issue.documents[1].title_line == 9);
  CHECK(issue.documents[1].issuers == V{"楚雄州人民政府"});
  CHECK(*issue.documents[1].date == "2022-05-09");
}

// central-072.txt (pkulaw): a reply to deputies, titled …的答复.
TEST_CASE("document: a reply anchors on its number too") {
  Issue issue = extract_text(
      "民政部对“关于应对老龄社会，深化运用人工智能技术强化老年人群体关爱的建议”的答复\n\n民函〔2021〕742号\n\n\n"
      "刘庆峰等15位代表：\n\n　　你们提出的建议收悉，现答复如下：\n\n　　一、主要进展\n\n　　感谢你们对民政工作的关心和支持！\n\n民政部\n",
      {});
  REQUIRE(issue.documents.size() == 1);
  const Document& d = issue.documents[0];
  REQUIRE(d.number);
  CHECK(d.number->text == "民函〔2021〕742号");
  CHECK(d.issuers == V{"民政部"});
  CHECK(d.addressees == V{"刘庆峰等15位代表"});
  REQUIRE(d.genre);
  CHECK(*d.genre == "答复");  // a text gazettes print besides the 15 文种 (document_genre)
  // Signed, undated, after the body.
  REQUIRE(d.signers.size() == 1);
  CHECK(d.signers[0].name == "民政部");
  CHECK(d.signers[0].line == 14);
  CHECK_FALSE(d.date);
}

// A number cited on a line of its own under prose is no document start.
TEST_CASE("document: a wrapped citation anchors nothing, above or below") {
  Issue issue = extract_text(
      "楚雄州人民政府关于加强监管的通知\n\n楚政通〔2022〕1号\n\n各县市人民政府:\n\n根据省政府印发的\n"
      "滇政发〔2021〕3号\n关于加强监管的要求,现通知如下。\n",
      {});
  REQUIRE(issue.documents.size() == 1);
  CHECK(issue.documents[0].number->text == "楚政通〔2022〕1号");
  // Even with a title-like line under it: no organ stands above the number.
  issue = extract_text(
      "楚雄州人民政府关于加强监管的通知\n\n楚政通〔2022〕1号\n\n各县市人民政府:\n\n根据省政府印发的\n"
      "滇政发〔2021〕3号\n关于加强监管的通知\n精神,现通知如下。\n",
      {});
  REQUIRE(issue.documents.size() == 1);
  CHECK(issue.documents[0].number->text == "楚政通〔2022〕1号");
}

TEST_CASE("document: a red header ending in 文件 above the number") {
  Issue issue = extract_text("楚雄州人民政府文件\n\n楚政发〔2022〕5号\n\n关于加强监管的意见\n\n各县市人民政府:\n\n现提出如下意见。\n\n2022年5月6日\n", {});
  REQUIRE(issue.documents.size() == 1);
  const Document& d = issue.documents[0];
  CHECK(d.title == "关于加强监管的意见");
  CHECK(*d.genre == "意见");
  CHECK(d.issuers == V{"楚雄州人民政府"});
  CHECK(d.addressees == V{"各县市人民政府"});
  CHECK(*d.date == "2022-05-06");
}

// A body without its title (pkulaw central-012, central-004): its first
// heading is no title; the text is one untitled document, with a warning.
TEST_CASE("document: a body opening with a numbered heading is untitled") {
  for (const char* first : {"一、总体要求", "第一章　总则", "(一)工作目标"}) {
    INFO(first);
    Issue issue = extract_text(std::string(first) + "\n以习近平新时代中国特色社会主义思想为指导，加快发展。\n二、重点任务\n加强统筹。\n", {});
    REQUIRE(issue.documents.size() == 1);
    CHECK(issue.documents[0].title.empty());
    REQUIRE(issue.diagnostics.size() == 1);
    CHECK(issue.diagnostics[0].rule == "document-without-title");
  }
}

// pkulaw central-037, central-152, central-008: a title wrapped over short
// lines (a blank between them too) is joined; a sentence broken off at a
// comma is no title.
TEST_CASE("document: an untitled-by-number text's title over short lines") {
  Issue issue = extract_text("石化行业智能制造标准体系\n建设指南\n（2022 版）\n2022 年11月\n目录\n一、总体要求\n加快发展。\n", {});
  REQUIRE(issue.documents.size() == 1);
  CHECK(issue.documents[0].title == "石化行业智能制造标准体系建设指南（2022版）");
  issue = extract_text("移动智能终端应用软件预置\n\n和分发管理暂行规定\n\n第一条 为加强管理，制定本规定。\n", {});
  CHECK(issue.documents[0].title == "移动智能终端应用软件预置和分发管理暂行规定");
  issue = extract_text("轻工业是我国国民经济传统优势产业和重要民生产业，\n在稳增长、扩内需等方面\n发挥重要作用。\n一、总体要求\n加快发展。\n", {});
  CHECK(issue.documents[0].title.empty());
  // Long lines after the title are its body, not more title.
  issue = extract_text("智慧商店建设技术指南\n为深入贯彻落实党中央国务院关于加快发展数字经济的决策部署\n制定本指南。\n一、总体要求\n加快发展。\n", {});
  CHECK(issue.documents[0].title == "智慧商店建设技术指南");
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

// The 版记 of shandong-004 (pkulaw): 抄送 over two lines, groups ended by 。,
// then the colophon, whose date is a key date.
TEST_CASE("document: 抄送 organs and the colophon") {
  Issue issue = extract_text(
      "某某市人民政府办公厅关于印发某某办法的通知\n某政办字〔2019〕1号\n\n各区县人民政府：\n现将《某某办法》印发给你们。\n\n"
      "某某市人民政府办公厅\n2019年1月2日\n\n"
      "抄送：市委各部门，市人大常委会办公厅，市政协办公厅，市监委，\n市法院，市检察院。各民主党派市委。\n"
      "　某某市人民政府办公厅 2019年１月３日印发\n",
      {});
  REQUIRE(issue.documents.size() == 1);
  const Document& d = issue.documents[0];
  CHECK(d.cc == V{"市委各部门", "市人大常委会办公厅", "市政协办公厅", "市监委", "市法院", "市检察院", "各民主党派市委"});
  CHECK(*d.date == "2019-01-02");
  REQUIRE(d.key_dates.size() == 1);
  CHECK(d.key_dates[0].kind == "printed");
  CHECK(*d.key_dates[0].date == "2019-01-03");
  CHECK(d.key_dates[0].line == 12);
  // 抄送 in a sentence is no 版记.
  Issue prose = extract_text(
      "某某市人民政府关于某事的通知\n某政发〔2019〕2号\n\n各区县人民政府：\n处理结果抄送市财政局备案。\n\n某某市人民政府\n2019年1月2日\n", {});
  REQUIRE(prose.documents.size() == 1);
  CHECK(prose.documents[0].cc.empty());
}

// A single document with its page furniture: the running head is no
// masthead, and a department name broken by it is joined.
TEST_CASE("document: an annotation broken by a running head and a folio") {
  Issue issue = extract_text(
      "某某省人民政府关于印发某某方案的通知\n某政发〔2023〕3号\n\n各市、县人民政府：\n现将方案印发给你们。\n\n"
      "某某省人民政府\n2023年2月20日\n\n某某方案\n\n"
      "（一）推动传统产业改造。（省工业和信息化厅牵头，省生态\n某某省人民政府公报 2023年第5期\n— 2 —\n"
      "环境厅、省发展改革委配合）\n",
      {});
  CHECK(issue.gazette.title.empty());
  REQUIRE(issue.documents.size() == 1);
  const Document& d = issue.documents[0];
  CHECK(d.title == "某某省人民政府关于印发某某方案的通知");
  REQUIRE(d.tasks.size() == 1);
  CHECK(d.tasks[0].lead == V{"省工业和信息化厅"});
  CHECK(d.tasks[0].responsible == V{"省生态环境厅", "省发展改革委"});
  CHECK(*d.printed_page == 2);
}

// An order (令, GB/T 9704-2012 §10.2) is titled by what it promulgates; its
// head and number stay in `number`, its signer is a person with an office.
TEST_CASE("document: an order is titled by the text it promulgates") {
  Issue issue = extract_text(
      "中华人民共和国国务院令\n第 707 号\n\n"
      "《中华人民共和国个人所得税法实施条例》已经2018年12月18日国务院第32次常务会议通过，现予公布，自2019年1月1日起施行。\n\n"
      "总理　李克强\n二〇一八年十二月十八日\n",
      {});
  REQUIRE(issue.documents.size() == 1);
  const Document& d = issue.documents[0];
  CHECK(d.title == "中华人民共和国个人所得税法实施条例");
  REQUIRE(d.promulgates);
  CHECK(*d.promulgates == d.title);
  CHECK(d.number->text == "中华人民共和国国务院令第707号");
  CHECK(*d.genre == "令");
  CHECK(d.issuers == V{"中华人民共和国国务院"});
  REQUIRE(d.signers.size() == 1);
  CHECK(d.signers[0].name == "总理 李克强");
  CHECK(*d.date == "2018-12-18");
  CHECK(d.date_line == 7);
}

// A promulgated text's adoption line with its revision history: a list of
// dated steps, not one string (issue 13, point 8).
TEST_CASE("document: the revision history of a transmitted text") {
  const char* text =
      "某某省人民政府关于印发某某条例的通知\n某政发〔2016〕1号\n各市人民政府：\n现将《某某条例》印发给你们。\n某某省人民政府\n2016年1月5日\n"
      "某某条例\n(2004年8月28日某某省第十届人民代表大会常务委员会第十一次会议通过\n"
      "根据2009年8月27日某某省第十一届人民代表大会常务委员会第十次会议《关于修改部分地方性法规的决定》第一次修正\n"
      "2015年4月24日某某省第十二届人民代表大会常务委员会第十四次会议修订)\n第一条 为了规范管理，制定本条例。\n";
  Issue issue = extract_text(text, {});
  REQUIRE(issue.documents.size() == 1);
  const Document& d = issue.documents[0];
  REQUIRE(d.parts.size() == 1);
  const Part& p = d.parts[0];
  CHECK(p.title == "某某条例");
  CHECK(*p.adopted == "2004-08-28");
  CHECK(p.adopted_by == "某某省第十届人民代表大会常务委员会第十一次会议");
  REQUIRE(p.history.size() == 3);
  CHECK(p.history[0].event == "通过");
  CHECK(p.history[1].date == "2009-08-27");
  CHECK(p.history[1].event == "修正");
  CHECK(p.history[1].by == "某某省第十一届人民代表大会常务委员会第十次会议《关于修改部分地方性法规的决定》第一次");
  CHECK(p.history[2].date == "2015-04-24");
  CHECK(p.history[2].event == "修订");
  CHECK(p.history[2].by == "某某省第十二届人民代表大会常务委员会第十四次会议");
}
