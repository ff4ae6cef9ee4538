// The elements of a 公文, one function each (lib/src/anatomy.h), on real
// snippets: the Shanghai documents of tests/real/shanghai (file and line
// cited), the sample, and State Council forms.
#include <doctest/doctest.h>

#include "../../lib/src/anatomy.h"
#include "gazette/extract.h"

using namespace gazette;
using namespace gazette::anatomy;
using V = std::vector<std::string>;

namespace {
std::vector<std::string> names(const std::vector<Printed>& v) {
  std::vector<std::string> out;
  for (const auto& p : v) out.push_back(p.text);
  return out;
}
}  // namespace

TEST_CASE("anatomy: addressees skip the 签发人 line (shanghai 024, lines 2-4)") {
  Text t = split_lines("闵水务〔2022〕39号\n签发人：陆彬文\n局机关各科室、相关直属单位：\n根据《决定》，现通知如下。\n");
  auto a = addressees(t, 1, t.lines.size());
  REQUIRE(a);
  CHECK(a->names == V{"局机关各科室", "相关直属单位"});
  CHECK(a->end == 3);
  // A numbered heading ending in a colon opens the body.
  Text h = split_lines("一、总体要求：\n坚持问题导向。\n");
  CHECK_FALSE(addressees(h, 0, h.lines.size()));
  // Three lines of prose with no colon are no addressees (central-029 of
  // the pkulaw corpus, a body printed without title, once gave its first
  // sentence's clauses as addressees).
  Text w = split_lines("近年来，各产煤省区、煤炭企业认真贯彻落实党中央、国务\n院加快新一代信息技术与传统产业融合发展的决策部署，创造性\n"
                       "推进煤矿智能化建设，涌现出了一大批技术先进\n行可靠的煤矿：\n");
  CHECK_FALSE(addressees(w, 0, w.lines.size()));
  // A sentence is no addressee line.
  Text s = split_lines("为做好有关工作，现通知如下：\n");
  CHECK_FALSE(addressees(s, 0, s.lines.size()));
}

TEST_CASE("anatomy: the foot at the end of a long body (shanghai 003, lines 15-18)") {
  std::string body = "关于规范本市港口经营许可现场核验和审批制证工作的通知\n各相关单位：\n";
  for (int i = 0; i < 40; ++i) body += "审批部门应严格按交通运输部统一的格式和要求规范填写。\n";
  body += "上海市交通委员会\n2022年10月26日\n（联系人：邱平 ，联系电话：23115284）\n";
  Text t = split_lines(body);
  auto f = foot(t, 2, t.lines.size());
  REQUIRE(f);
  CHECK(iso(*f->date) == "2022-10-26");
  CHECK(f->date_line == 43);
  CHECK(names(f->signers) == V{"上海市交通委员会"});
  CHECK(f->signers[0].line == 42);
  auto n = note_at(t, f->end);
  REQUIRE(n);
  CHECK(n->text == "（联系人：邱平 ，联系电话：23115284）");
  CHECK_FALSE(says_public(t.lines[n->line].norm));
  // Through the whole driver: the issuer of a title opening with 关于 is the signer.
  Issue issue = extract_text(body, {});
  REQUIRE(issue.documents.size() == 1);
  CHECK(issue.documents[0].issuers == V{"上海市交通委员会"});
  CHECK(issue.documents[0].date_line == 44);
}

TEST_CASE("anatomy: a date split over two lines (shanghai 012, lines 16-18)") {
  Text t = split_lines("特此通知\n上海市嘉定区人民政府\n2014\n年8月12日\n附件\n");
  auto f = foot(t, 0, t.lines.size());
  REQUIRE(f);
  CHECK(iso(*f->date) == "2014-08-12");
  CHECK(f->date_line == 2);
  CHECK(f->end == 4);
  CHECK(names(f->signers) == V{"上海市嘉定区人民政府"});
  // Chinese numerals, 〇 or a Latin O, split after the year.
  Text c = split_lines("特此通知。\n二O二三年\n三月一日\n");
  auto g = foot(c, 0, c.lines.size());
  REQUIRE(g);
  CHECK(iso(*g->date) == "2023-03-01");
}

TEST_CASE("anatomy: a person who signs with an office, and joint organs on one line") {
  CHECK(person_signer("总理 李克强"));
  CHECK(person_signer("省长 王 宁"));
  CHECK_FALSE(person_signer("冯力虎 市邮政管理局局长"));  // a name and an office (shanghai 043 line 25)
  CHECK_FALSE(person_signer("上海市交通委员会"));
  Text t = split_lines("特此通知。\n总理　李克强\n2019年3月2日\n");
  auto f = foot(t, 0, t.lines.size());
  REQUIRE(f);
  CHECK(names(f->signers) == V{"总理 李克强"});
  Text j = split_lines("请认真贯彻执行。\n中共楚雄州委办公室　楚雄州人民政府办公室\n2022年8月30日\n");
  auto g = foot(j, 0, j.lines.size());
  REQUIRE(g);
  CHECK(names(g->signers) == V{"中共楚雄州委办公室", "楚雄州人民政府办公室"});
  // Letter spacing merges back.
  CHECK(signer_line("国 务 院"));
}

// Where the seal stood over the organ, a text shows its mark: after the
// name, or on a line of its own between the name and the date.
TEST_CASE("anatomy: a seal's mark is no part of the signer") {
  Text t = split_lines("特此通知。\n武汉市人民政府办公厅（盖章）\n2023年5月10日\n");
  auto f = foot(t, 0, t.lines.size());
  REQUIRE(f);
  CHECK(names(f->signers) == V{"武汉市人民政府办公厅"});
  Text u = split_lines("特此通知。\n武汉市人民政府办公厅\n（代章）\n2023年5月10日\n");
  auto g = foot(u, 0, u.lines.size());
  REQUIRE(g);
  CHECK(names(g->signers) == V{"武汉市人民政府办公厅"});
  CHECK(g->signers[0].line == 1);
  CHECK(signer_line("武汉市人民政府 (章)"));
  CHECK_FALSE(signer_line("(代章)"));
  CHECK_FALSE(signer_line("武汉市人民政府(附件)"));
}

TEST_CASE("anatomy: a date inside the body is no foot") {
  // After a colon (会议时间：) or a table cell, a date line is the body's.
  Text t = split_lines("会议时间：\n2023年3月1日\n计划表\n2023年4月1日\n完成情况\n"
                       "请各单位认真落实。\n上海市财政局\n2023年5月6日\n");
  auto f = foot(t, 0, t.lines.size());
  REQUIRE(f);
  CHECK(iso(*f->date) == "2023-05-06");
  CHECK(names(f->signers) == V{"上海市财政局"});
}

TEST_CASE("anatomy: the attachment note before the foot (shanghai 024, 044, 008, 023)") {
  // Numbered items after the label, one wrapped.
  Text a = split_lines("特此通知。\n附件：1.“河道管理范围内建设项目施工方案的审核办事指南\n2.“河道管理范围内树木迁移的审批”办事指南\n"
                       "3.“国家基本水文测站上下游建设影响水文监测工程的审批”\n办事指南\n上海市闵行区水务局\n2022年8月5日\n");
  auto f = foot(a, 0, a.lines.size());
  REQUIRE(f);
  CHECK(f->first == 5);
  auto n = attachment_note_before(a, 0, f->first);
  REQUIRE(n);
  CHECK(names(n->items) == V{"“河道管理范围内建设项目施工方案的审核办事指南", "“河道管理范围内树木迁移的审批”办事指南",
                             "“国家基本水文测站上下游建设影响水文监测工程的审批”办事指南"});
  CHECK(n->items[1].line == 2);
  // The label alone on its line, the items below.
  Text b = split_lines("通知如下。\n附件：\n1.国家林业和草原局关于在全国范围内开展保护鸟类活动的通知（林护发〔2025〕41 号）\n"
                       "2.上海市保护鸟类活动工作方案\n");
  auto m = attachment_note_before(b, 0, b.lines.size());
  REQUIRE(m);
  CHECK(names(m->items) == V{"国家林业和草原局关于在全国范围内开展保护鸟类活动的通知（林护发〔2025〕41号）", "上海市保护鸟类活动工作方案"});
  // A label on every line: 附件1-1： 附件2：.
  Text c = split_lines("执行。\n附件1-1：建设工程项目备案表(5万以下)\n附件2：建设工程项目报批表(30万至400万)\n");
  auto o = attachment_note_before(c, 0, c.lines.size());
  REQUIRE(o);
  CHECK(names(o->items) == V{"建设工程项目备案表(5万以下)", "建设工程项目报批表(30万至400万)"});
  // No label: a list in the body is no attachment note.
  Text d = split_lines("工作要求如下。\n1.加强领导\n2.落实责任\n");
  CHECK_FALSE(attachment_note_before(d, 0, d.lines.size()));
}

TEST_CASE("anatomy: the 附注 and the public marking") {
  CHECK(says_public("(此件公开发布)"));
  CHECK(says_public("公开属性:主动公开"));
  CHECK_FALSE(says_public("公开属性:依申请公开"));
  Text t = split_lines("2021年2月7日\n公开属性：主动公开\n吴泾镇人民政府办公室  2021年2月7日印发\n");
  auto n = note_at(t, 1);
  REQUIRE(n);
  CHECK(n->text == "公开属性：主动公开");
  CHECK_FALSE(note_at(t, 2));
}

TEST_CASE("anatomy: an undated signature stands after the body (shanghai 026, 045)") {
  Text t = split_lines("原核发的证书在有效期内继续有效。\n特此通知。\n上海市房屋管理局\n");
  CHECK(names(undated_signers(t, 0, t.lines.size())) == V{"上海市房屋管理局"});
  // The last cell of a table is no signature.
  Text u = split_lines("单位\n责任部门\n市财政局\n");
  CHECK(undated_signers(u, 0, u.lines.size()).empty());
}

TEST_CASE("anatomy: the cc of the 版记") {
  Text t = split_lines("抄送：州委各部门，州人大常委会办公室。\n各民主党派州委。\n楚雄州人民政府办公室 2022年8月30日印发\n");
  CHECK(copied_to(t, 0, t.lines.size()) == V{"州委各部门", "州人大常委会办公室", "各民主党派州委"});
}

TEST_CASE("anatomy: forms pdftotext leaves (tests/pdf)") {
  // 总理　李克强 right-aligned: the office and the name on two lines.
  Text t = split_lines("现予公布，自2023年1月1日起施行。\n总理\n\n李克强\n二〇二二年十一月十日\n");
  auto f = foot(t, 0, t.lines.size());
  REQUIRE(f);
  CHECK(names(f->signers) == V{"总理 李克强"});
  CHECK(f->signers[0].line == 1);
  // The colophon's organ and date set apart: the organ is no cc.
  Text c = split_lines("抄送：省委各部门。\n某某省财政局办公室\n\n2023年3月2日印发\n");
  CHECK(copied_to(c, 0, c.lines.size()) == V{"省委各部门"});
  // Attachment items with a label each, one wrapped (shanghai 008 typeset).
  Text a = split_lines("负责解释。\n附件2：建设工程项目报批表(30万至400万)\n附件3：建设工程项目立项审批行业意见\n征询单\n"
                       "附件4：建设工程项目审价申请单\n");
  auto n = attachment_note_before(a, 0, a.lines.size());
  REQUIRE(n);
  CHECK(names(n->items) == V{"建设工程项目报批表(30万至400万)", "建设工程项目立项审批行业意见征询单", "建设工程项目审价申请单"});
}

TEST_CASE("anatomy: a title wrapped at the page's measure, with no number") {
  // shanghai 034 and 036 as typeset: the title runs on until it ends in a
  // 文种 with its quotation closed.
  Issue a = extract_text("上海市崇明区人民政府办公室关于印发\n2021年本区城市体检工作方案的通知\n各乡、镇人民政府：\n现印发给你们。\n", {});
  REQUIRE(a.documents.size() == 1);
  CHECK(a.documents[0].title == "上海市崇明区人民政府办公室关于印发2021年本区城市体检工作方案的通知");
  CHECK(a.documents[0].addressees == V{"各乡", "镇人民政府"});
  Issue b = extract_text("关于废止《关于印发<南码头路街道老旧\n小区物业服务补贴达标考核奖励实施办法\n>的通知 》的通知\n各部门、单位：\n现予废止。\n", {});
  REQUIRE(b.documents.size() == 1);
  CHECK(b.documents[0].title == "关于废止《关于印发<南码头路街道老旧小区物业服务补贴达标考核奖励实施办法>的通知》的通知");
  CHECK(b.documents[0].addressees == V{"各部门", "单位"});
}

TEST_CASE("anatomy: a body printed without its title: addressees at the top, issuer from the signature") {
  Issue issue = extract_text("各区人民政府，市政府各部门：\n为做好有关工作，现通知如下。\n一、加强领导。\n特此通知。\n"
                             "某某市人民政府办公厅\n2023年3月1日\n",
                             {});
  REQUIRE(issue.documents.size() == 1);
  const Document& d = issue.documents[0];
  CHECK(d.title.empty());
  CHECK(d.addressees == V{"各区人民政府", "市政府各部门"});
  CHECK(d.issuers == V{"某某市人民政府办公厅"});
  CHECK(*d.date == "2023-03-01");
}
