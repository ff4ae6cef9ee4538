#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "gazette/emit.h"
#include "gazette/error.h"
#include "gazette/extract.h"

using namespace gazette;

namespace {
std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
}  // namespace

TEST_CASE("extract: the sample issue end to end") {
  std::string bytes = slurp(std::string(GAZETTE_SAMPLES_DIR) + "/chuxiong-2022-12.txt");
  REQUIRE(!bytes.empty());
  Issue issue = extract(bytes, {});
  CHECK(issue.source.encoding == "UTF-8");
  CHECK(issue.source.bytes == bytes.size());
  CHECK(issue.source.sha256.size() == 64);
  CHECK(issue.gazette.title == "楚雄彝族自治州人民政府公报");
  CHECK(*issue.gazette.cumulative_issue == 146);
  REQUIRE(issue.toc.size() == 7);
  REQUIRE(issue.documents.size() == 7);
  std::size_t tasks = 0, entries = 0, refs = 0;
  for (const auto& d : issue.documents) tasks += d.tasks.size(), entries += d.entries.size(), refs += d.references.size();
  CHECK(tasks == 85);
  CHECK(entries == 23);
  CHECK(refs == 6);
  CHECK(issue.documents[6].title == "楚雄州2022年11月-12月大事记");
  CHECK(issue.documents[6].end_line == 1593);
  CHECK(issue.diagnostics.empty());
}

// An older document: the number with its year first under the title, a
// year-first citation after its organ's name, a date in Chinese numerals.
TEST_CASE("extract: an older document, its number with the year first") {
  const std::string text =
      "武汉市司法局关于加强律师事务所管理的通知\n"
      "〔1996〕武司字第82号\n"
      "各区司法局，局属各单位：\n"
      "    为加强律师事务所管理，根据司法部〔1995〕司发通字第12号文件精神，现就有关事项通知如下：\n"
      "    一、各律师事务所应当建立健全内部管理制度。\n"
      "\n"
      "武汉市司法局\n"
      "一九九六年三月五日\n";
  Issue issue = extract(text, {});
  REQUIRE(issue.documents.size() == 1);
  const Document& d = issue.documents[0];
  CHECK(d.title == "武汉市司法局关于加强律师事务所管理的通知");
  REQUIRE(d.number);
  CHECK(d.number->text == "〔1996〕武司字第82号");
  CHECK(d.number->prefix == "武司字");
  CHECK(d.number->year == 1996);
  CHECK(d.date == "1996-03-05");
  REQUIRE(d.references.size() == 1);
  CHECK(d.references[0].number == "〔1995〕司发通字第12号");
}

// Announcements numbered by the year (GB/T 9704 leaves their numbering to
// the organ): the number under the head, or the organ's own form under a
// title with 关于.
TEST_CASE("extract: announcements numbered by the year") {
  Issue issue = extract(
      "上海市市场监督管理局公告\n"
      "2023年第5号\n"
      "    根据《中华人民共和国产品质量法》，现将抽查结果予以公告。\n"
      "    特此公告。\n"
      "                                        上海市市场监督管理局\n"
      "                                        2023年6月1日\n",
      {});
  REQUIRE(issue.documents.size() == 1);
  const Document& d = issue.documents[0];
  CHECK_FALSE(issue.gazette.issue);
  CHECK(d.title == "上海市市场监督管理局公告");
  CHECK(d.genre == "公告");
  REQUIRE(d.number);
  CHECK(d.number->text == "上海市市场监督管理局公告2023年第5号");
  CHECK(d.number->year == 2023);
  CHECK(d.number->serial == 5);
  CHECK(d.issuers == std::vector<std::string>{"上海市市场监督管理局"});
  CHECK(d.date == "2023-06-01");

  issue = extract(
      "国家税务总局关于调整增值税纳税申报有关事项的公告\n"
      "国家税务总局公告2023年第1号\n"
      "    现将有关事项公告如下：\n"
      "    一、纳税人应当按期申报。\n"
      "    特此公告。\n"
      "                                        国家税务总局\n"
      "                                        2023年1月5日\n",
      {});
  REQUIRE(issue.documents.size() == 1);
  CHECK(issue.documents[0].title == "国家税务总局关于调整增值税纳税申报有关事项的公告");
  REQUIRE(issue.documents[0].number);
  CHECK(issue.documents[0].number->prefix == "国家税务总局公告");
  CHECK(issue.documents[0].number->serial == 1);
  CHECK_FALSE(issue.gazette.year);

  issue = extract("中国人民银行公告\n〔2023〕第5号\n    现予公告。\n中国人民银行\n2023年6月1日\n", {});
  REQUIRE(issue.documents.size() == 1);
  CHECK(issue.documents[0].title == "中国人民银行公告");
  CHECK(issue.documents[0].issuers == std::vector<std::string>{"中国人民银行"});
}

// The reflowed text keeps what the reader found apart: a title with no
// full stop does not run into its number, nor the date into the 附注 and
// the issued text's heading.
TEST_CASE("extract: the text's head and foot are paragraphs of their own") {
  Issue issue = extract(
      "某某省人民政府关于印发某某省促进绿色低碳产业\n"
      "发展实施方案的通知\n"
      "某政发〔2023〕3号\n"
      "各市、县人民政府，省政府各部门：\n"
      "    现将《某某省促进绿色低碳产业发展实施方案》印发给你们，请认真按照执行。\n"
      "                                        某某省人民政府\n"
      "                                        2023年2月20日\n"
      "    （此件公开发布）\n"
      "某某省促进绿色低碳产业发展实施方案\n"
      "    一、总体要求。加快发展新能源产业，推动传统产业改造\n"
      "升级。\n",
      {});
  REQUIRE(issue.documents.size() == 1);
  CHECK(issue.documents[0].text ==
        "某某省人民政府关于印发某某省促进绿色低碳产业发展实施方案的通知\n"
        "某政发〔2023〕3号\n"
        "各市、县人民政府,省政府各部门:\n"
        "现将《某某省促进绿色低碳产业发展实施方案》印发给你们,请认真按照执行。\n"
        "某某省人民政府\n"
        "2023年2月20日\n"
        "(此件公开发布)\n"
        "某某省促进绿色低碳产业发展实施方案\n"
        "一、总体要求。加快发展新能源产业,推动传统产业改造升级。");
}

TEST_CASE("extract: radicals a PDF extractor left are read as ideographs, and said so") {
  Issue issue = extract(
      "某某市⼈⺠政府关于印发某某⽅案的通知\n"
      "某府发〔2023〕1号\n"
      "各区⼈⺠政府：\n"
      "    现将《某某⽅案》印发给你们，请认真贯彻执⾏。\n"
      "                                          某某市⼈⺠政府\n"
      "                                          2023年3月1日\n",
      {});
  REQUIRE(issue.documents.size() == 1);
  const Document& d = issue.documents[0];
  CHECK(d.title == "某某市人民政府关于印发某某方案的通知");
  CHECK(d.issuers == std::vector<std::string>{"某某市人民政府"});
  REQUIRE(d.signers.size() == 1);  // before: none (⼈ is no Han character)
  CHECK(d.signers[0].name == "某某市人民政府");
  REQUIRE(issue.diagnostics.size() == 1);
  CHECK(issue.diagnostics[0].rule == "radicals-read-as-ideographs");
  CHECK(issue.diagnostics[0].line == 1);
  CHECK(issue.diagnostics[0].column == 4);
}

TEST_CASE("extract: an upward document, 签发人 on its number's line") {
  Issue issue = extract(
      "某某市人民政府文件\n"
      "某府文〔2023〕5号                    签发人：张某某\n"
      "某某市人民政府关于申请设立某某开发区的请示\n"
      "省人民政府：\n"
      "    为加快发展，特申请设立某某开发区。妥否，请批示。\n"
      "                                          某某市人民政府\n"
      "                                          2023年3月1日\n",
      {});
  REQUIRE(issue.documents.size() == 1);
  const Document& d = issue.documents[0];
  CHECK(d.title == "某某市人民政府关于申请设立某某开发区的请示");
  CHECK(d.genre == "请示");
  REQUIRE(d.number);
  CHECK(d.number->text == "某府文〔2023〕5号");
  CHECK(d.addressees == std::vector<std::string>{"省人民政府"});
}

// Gazettes print the date of a document published without a foot in
// parentheses under its title.
TEST_CASE("extract: the date under the title") {
  Issue issue = extract(
      "中共中央 国务院关于做好2023年全面推进乡村振兴重点工作的意见\n"
      "（2023年1月2日）\n"
      "    党的二十大擘画了以中国式现代化全面推进中华民族伟大复兴的宏伟蓝图。\n"
      "    一、抓紧抓好粮食和重要农产品稳产保供\n",
      {});
  REQUIRE(issue.documents.size() == 1);
  const Document& d = issue.documents[0];
  CHECK(d.title == "中共中央国务院关于做好2023年全面推进乡村振兴重点工作的意见");  // the date is no part of it
  CHECK(d.issuers == std::vector<std::string>{"中共中央", "国务院"});
  CHECK(d.date == "2023-01-02");
  CHECK(d.date_line == 2);
}

// The same date under the title of a red-header document: it ends the
// title (before, the title ran on into it, no 文种 closed it, and the header,
// number and title were taken as one title).
TEST_CASE("extract: the date under a red-header title") {
  Issue issue = extract(
      "某某市人民政府文件\n"
      "某政发〔2023〕1号\n"
      "关于甲事项的通知\n"
      "（2023年1月2日）\n"
      "各区人民政府：\n"
      "    现将甲事项通知如下。请认真贯彻执行。\n",
      {});
  REQUIRE(issue.documents.size() == 1);
  const Document& d = issue.documents[0];
  CHECK(d.title == "关于甲事项的通知");
  REQUIRE(d.number);
  CHECK(d.number->text == "某政发〔2023〕1号");
  CHECK(d.issuers == std::vector<std::string>{"某某市人民政府"});
  CHECK(d.date == "2023-01-02");
  CHECK(d.addressees == std::vector<std::string>{"各区人民政府"});
}

TEST_CASE("extract: output is byte-identical for the same input") {
  std::string bytes = slurp(std::string(GAZETTE_SAMPLES_DIR) + "/chuxiong-2022-12.txt");
  CHECK(render(extract(bytes, {}), Format::json) == render(extract(bytes, {}), Format::json));
}

TEST_CASE("extract: text that is no gazette is refused") {
  CHECK_THROWS_WITH_AS(extract("hello world\n", {}), "not a gazette: the text holds no Chinese characters", InputError);
  CHECK_THROWS_WITH_AS(extract("今天天气很好。\n我们去公园散步。\n", {}),
                       "not a gazette: no masthead, table of contents, document title or numbered headings found", InputError);
}

TEST_CASE("extract: a TOC entry without its document is a diagnostic") {
  const char* text =
      "某某市人民政府公报\n2023年第1期\n目录\n某某市人民政府关于甲事项的通知 某政发〔2023〕1号 (1)\n"
      "某某市人民政府关于乙事项的通知 某政发〔2023〕2号 (3)\n"
      "某某市人民政府关于甲事项的通知\n某政发〔2023〕1号\n各区人民政府:\n现将甲事项通知如下。\n2023年1月5日\n";
  Issue issue = extract_text(text, {});
  REQUIRE(issue.documents.size() == 1);
  REQUIRE(issue.diagnostics.size() == 1);
  CHECK(issue.diagnostics[0].rule == "toc-entry-without-document");
  CHECK(issue.diagnostics[0].line == 5);
}

TEST_CASE("extract: a State Council style issue with folios, running heads and an order") {
  std::string bytes = slurp(std::string(GAZETTE_SOURCE_DIR) + "/tests/fixtures/gwy-style.txt");
  REQUIRE(!bytes.empty());
  Issue issue = extract(bytes, {});
  CHECK(issue.gazette.title == "中华人民共和国国务院公报");
  CHECK(*issue.gazette.issue == 36);
  CHECK(*issue.gazette.cumulative_issue == 1790);
  REQUIRE(issue.toc.size() == 3);
  CHECK(issue.toc[0].section == "国务院令");
  CHECK(issue.toc[1].title == "国务院关于印发“十四五”推进农业农村现代化规划的通知");
  CHECK(*issue.toc[1].page == 5);
  REQUIRE(issue.documents.size() == 3);
  const Document& order = issue.documents[0];
  CHECK(order.number->text == "中华人民共和国国务院令第752号");
  CHECK(*order.number->serial == 752);
  CHECK(*order.genre == "令");
  CHECK(*order.date == "2022-11-10");  // 二〇二二年十一月十日
  const Document& plan = issue.documents[1];
  CHECK(plan.number->text == "国发〔2022〕4号");
  CHECK(*plan.date == "2022-02-11");
  CHECK(plan.is_public);
  REQUIRE(plan.attachments.size() == 1);
  CHECK(plan.attachments[0].title == "“十四五”推进农业农村现代化规划");
  REQUIRE(plan.references.size() == 1);
  CHECK(*plan.references[0].title == "中共中央 国务院关于全面推进乡村振兴加快农业农村现代化的意见");
  REQUIRE(plan.tasks.size() == 1);
  CHECK(plan.tasks[0].lead == std::vector<std::string>{"农业农村部", "国家发展改革委"});
  CHECK(plan.tasks[0].responsible == std::vector<std::string>{"财政部"});
  CHECK(*plan.printed_page == 5);
  // Running heads and folios are not part of the previous document.
  CHECK(order.end_line == 23);
  CHECK(issue.diagnostics.empty());
}

// Some gazettes print a document's number above its title, with no red
// header: taken where the TOC lists that title with that number, or where
// the number follows the previous document's date.
TEST_CASE("extract: the number printed above the title") {
  const std::string body =
      "某政发〔2023〕3号\n某某市人民政府关于印发某某方案的通知\n\n各县（市、区）人民政府：\n现将方案印发给你们。\n\n"
      "某某市人民政府\n2023年2月20日\n\n"
      "某政办发〔2023〕8号\n某某市人民政府办公室关于做好某某工作的通知\n\n各县（市、区）人民政府：\n现就有关事项通知如下。\n\n"
      "某某市人民政府办公室\n2023年3月1日\n";
  const std::string toc =
      "某某市人民政府公报\n2023年第3期\n\n目　录\n\n"
      "某某市人民政府关于印发某某方案的通知（某政发〔2023〕3号）…………（1）\n"
      "某某市人民政府办公室关于做好某某工作的通知（某政办发〔2023〕8号）…………（4）\n\n";
  for (const std::string& text : {toc + body, "某某市人民政府公报\n2023年第3期\n\n" + body}) {
    Issue issue = extract_text(text, {});
    REQUIRE(issue.documents.size() == 2);
    const Document& a = issue.documents[0];
    const Document& b = issue.documents[1];
    REQUIRE(a.number);
    CHECK(a.number->text == "某政发〔2023〕3号");
    CHECK(a.title == "某某市人民政府关于印发某某方案的通知");
    CHECK(*a.date == "2023-02-20");
    REQUIRE(b.number);
    CHECK(b.number->text == "某政办发〔2023〕8号");
    CHECK(a.end_line == b.number->line - 2);  // the previous document ends before the number
    CHECK(issue.diagnostics.empty());
  }
  // A cited number wrapped onto its own line in prose stays prose.
  Issue prose = extract_text(
      "某某市人民政府关于某事的通知\n某政发〔2023〕5号\n\n各县人民政府：\n根据《某某办法》和\n某政发〔2022〕9号\n关于印发某某细则的通知\n的要求，现通知如下。\n\n"
      "某某市人民政府\n2023年2月20日\n",
      {});
  CHECK(prose.documents.size() == 1);
}

TEST_CASE("extract: prose before the first document is reported, a colophon is not") {
  Issue issue = extract_text(
      "开展试点工作的有关事项通知如下。\n一、试点内容\n优先试点已发布的国家标准。\n\n"
      "某某市人民政府关于某事的通知\n某政发〔2023〕5号\n\n各县人民政府：\n现通知如下。\n\n某某市人民政府\n2023年2月21日\n",
      {});
  REQUIRE(issue.documents.size() == 1);
  auto it = std::find_if(issue.diagnostics.begin(), issue.diagnostics.end(),
                         [](const Diagnostic& d) { return d.rule == "text-before-first-document"; });
  REQUIRE(it != issue.diagnostics.end());
  CHECK(it->line == 1);
  CHECK(it->message.find("3 line(s)") != std::string::npos);
  // A database header (no full stop) above the title is no lost text.
  Issue headed = extract_text(
      "【法宝引证码】 CLI.12.4638041\n原文链接：https://www.pkulaw.com/lar/x.html\n"
      "某某市人民政府关于某事的通知\n某政发〔2023〕5号\n\n各县人民政府：\n现通知如下。\n\n某某市人民政府\n2023年2月21日\n",
      {});
  CHECK(std::none_of(headed.diagnostics.begin(), headed.diagnostics.end(),
                     [](const Diagnostic& d) { return d.rule == "text-before-first-document"; }));
}

// Texts printed without a title, wrapped at a narrow measure (a PDF set at
// GB/T 9704's sizes; central-011, -096, -101 and shandong-055 of the pkulaw
// corpus): the first line of a wrapped addressee list or of a paragraph is
// no title, and an addressee list of up to five lines is read whole.
TEST_CASE("extract: an untitled text's wrapped first lines are addressees or prose, not a title") {
  gazette::ExtractOptions o;
  gazette::Issue a = gazette::extract(
      "    各省、自治区、直辖市林业和草原主管部门，内蒙古、\n大兴安岭森工（林业）集团公司，新疆生产建设兵团林业和\n"
      "草原主管部门，国家林业和草原局各司局、各派出机构、各\n直属单位：\n    现将有关事项通知如下。\n    一、总体要求\n"
      "    坚持问题导向。\n",
      o);
  REQUIRE(a.documents.size() == 1);
  CHECK(a.documents[0].title.empty());
  CHECK(a.documents[0].addressees ==
        std::vector<std::string>{"各省", "自治区", "直辖市林业和草原主管部门", "内蒙古", "大兴安岭森工（林业）集团公司",
                                 "新疆生产建设兵团林业和草原主管部门", "国家林业和草原局各司局", "各派出机构", "各直属单位"});
  gazette::Issue p = gazette::extract(
      "    为充分发挥科技创新对人工智能产业发展的引领支撑作\n用，加快培育新质生产力，特制定本行动计划。\n    一、主要目标\n"
      "    到2025年，产业规模进一步扩大。\n",
      o);
  REQUIRE(p.documents.size() == 1);
  CHECK(p.documents[0].title.empty());
  gazette::Issue b = gazette::extract(
      "    为落实《国家中长期科学和技术发展规划纲要（\n2006—2020年）》等规划，启动实施重点专项。\n    一、申报要求\n", o);
  REQUIRE(b.documents.size() == 1);
  CHECK(b.documents[0].title.empty());
}
