#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>

#include "gazette/check.h"
#include "gazette/emit.h"
#include "gazette/error.h"
#include "gazette/extract.h"
#include "gazette/report.h"

using namespace gazette;

namespace {

bool has(const std::vector<Finding>& f, const std::string& rule, int line) {
  return std::any_of(f.begin(), f.end(), [&](const Finding& x) { return x.rule == rule && x.line == line; });
}

Document numbered(const std::string& text, int line, const std::string& prefix, int year, std::int64_t serial) {
  Document d;
  d.title = "某某关于某事的通知";
  d.genre = "通知";
  d.title_line = line - 1;
  d.addressees = {"各县市人民政府"};
  d.is_public = true;
  d.number = DocNumber{text, prefix, year, serial, line};
  return d;
}

}  // namespace

TEST_CASE("rules: 发文字号 forms of GB/T 9704") {
  Issue issue;
  issue.documents.push_back(numbered("楚政通[2022]61号", 10, "楚政通", 2022, 61));
  issue.documents.push_back(numbered("楚政通〔22〕62号", 20, "楚政通", 22, 62));
  issue.documents.push_back(numbered("楚政通〔2022〕第63号", 30, "楚政通", 2022, 63));
  issue.documents.push_back(numbered("楚政通〔2022〕064号", 40, "楚政通", 2022, 64));
  issue.documents.push_back(numbered("楚政通〔2022〕65", 50, "楚政通", 2022, 65));
  issue.documents.push_back(numbered("楚政通〔2022〕65号", 60, "楚政通", 2022, 65));
  Profile p;
  auto f = run_rules(issue, p, nullptr, "x.txt");
  CHECK(has(f, "number-brackets", 10));
  CHECK(has(f, "number-year", 20));
  CHECK(has(f, "number-di", 30));
  CHECK(has(f, "number-leading-zero", 40));
  CHECK(has(f, "number-hao", 50));
  CHECK(has(f, "number-duplicate", 60));
  CHECK_FALSE(has(f, "number-brackets", 60));
}

TEST_CASE("rules: an announcement's own series is no 发文字号 form") {
  Issue issue;
  issue.documents.push_back(numbered("中国人民银行公告〔2023〕第5号", 10, "中国人民银行公告", 2023, 5));
  issue.documents.push_back(numbered("某某市人民政府通告(2023)第2号", 20, "某某市人民政府通告", 2023, 2));
  issue.documents.push_back(numbered("楚政通(2023)第2号", 30, "楚政通", 2023, 2));
  Profile p;
  auto f = run_rules(issue, p, nullptr, "x.txt");
  for (int line : {10, 20}) {
    CHECK_FALSE(has(f, "number-di", line));
    CHECK_FALSE(has(f, "number-brackets", line));
  }
  CHECK(has(f, "number-di", 30));  // the same form in a 发文字号 is reported
  CHECK(has(f, "number-brackets", 30));
}

TEST_CASE("rules: columns point at the defect in the source line") {
  Text t = split_lines("标题\n（楚政通[2022]61号）\n");
  Issue issue;
  issue.documents.push_back(numbered("楚政通[2022]61号", 2, "楚政通", 2022, 61));
  Profile p;
  auto f = run_rules(issue, p, &t, "x.txt");
  REQUIRE(has(f, "number-brackets", 2));
  auto it = std::find_if(f.begin(), f.end(), [](const Finding& x) { return x.rule == "number-brackets"; });
  CHECK(it->column == 5);  // （ 楚 政 通 [ : the bracket is the 5th character
  // The defect ends with the number: 楚政通[2022]61号 is columns 2 to 13.
  CHECK(it->end_line == 2);
  CHECK(it->end_column == 14);
  std::ostringstream sarif, text;
  render_findings({*it}, ReportFormat::sarif, {}, "t", sarif);
  CHECK(sarif.str().find("\"endColumn\": 14") != std::string::npos);
  render_findings({*it}, ReportFormat::text, {{"x.txt", &t}}, "t", text);
  // Under [2022]61号, from the bracket: 10 display columns (号 counts two).
  CHECK(text.str().find("\n            ^~~~~~~~~~\n") != std::string::npos);
}

TEST_CASE("rules: profile severities, registry and did-you-mean") {
  Issue issue;
  Document d = numbered("楚政通〔2022〕61号", 3, "楚政通", 2022, 61);
  d.tasks.push_back({9, {"州卫生建康委"}, {"州市场监督管理局", "州卫生健康委"}, ""});
  issue.documents.push_back(d);
  Profile p;
  p.name = "t";
  p.departments = std::vector<Department>{{"州卫生健康委", {"州卫健委"}}, {"州市场监管局", {"州市场监督管理局"}}};
  auto f = run_rules(issue, p, nullptr, "x.txt");
  auto it = std::find_if(f.begin(), f.end(), [](const Finding& x) { return x.rule == "department-unknown"; });
  REQUIRE(it != f.end());
  CHECK(it->message == "department '州卫生建康委' is not in the registry of profile 't'; did you mean 州卫生健康委?");
  CHECK(std::count_if(f.begin(), f.end(), [](const Finding& x) { return x.rule == "department-unknown"; }) == 1);
  p.severities["department-unknown"] = std::nullopt;  // off
  auto g = run_rules(issue, p, nullptr, "x.txt");
  CHECK_FALSE(has(g, "department-unknown", 9));
  CHECK(nearest_names("州市场监管", *p.departments, 2) == std::vector<std::string>{"州市场监管局"});
}

TEST_CASE("rules: chronicle range and order, dates after the issue") {
  Issue issue;
  issue.gazette.published = "2022-12";
  Document c;
  c.title = "楚雄州2022年11月-12月大事记";
  c.genre = "大事记";
  c.title_line = 1;
  c.entries = {{"2022-11-16", std::nullopt, 3}, {"2022-10-30", std::nullopt, 5}, {"2022-12-03", std::nullopt, 7}};
  issue.documents.push_back(c);
  Document late = numbered("楚政通〔2022〕61号", 12, "楚政通", 2022, 61);
  late.date = "2023-01-05";
  issue.documents.push_back(late);
  auto f = run_rules(issue, Profile{}, nullptr, "x.txt");
  CHECK(has(f, "chronicle-date-range", 5));
  CHECK(has(f, "chronicle-order", 5));
  CHECK_FALSE(has(f, "chronicle-date-range", 7));
  CHECK(has(f, "date-after-issue", 11));
}

TEST_CASE("rules: key dates out of order, printing before signing") {
  Issue issue;
  Document d = numbered("某政发〔2023〕3号", 2, "某政发", 2023, 3);
  d.date = "2023-04-03";
  d.key_dates = {{"effective", std::string("2023-05-01"), "自2023年5月1日起施行", 20},
                 {"expires", std::string("2023-04-30"), "有效期至2023年4月30日", 20},
                 {"effective", std::nullopt, "自印发之日起施行", 30},
                 {"expires", std::string("2028-04-30"), "有效期至2028年4月30日", 31},
                 {"printed", std::string("2023-04-01"), "某某市人民政府办公室 2023年4月1日印发", 40}};
  issue.documents.push_back(d);
  auto f = run_rules(issue, Profile{}, nullptr, "x.txt");
  CHECK(has(f, "key-date-order", 20));
  CHECK_FALSE(has(f, "key-date-order", 31));  // after 2023-05-01, the last dated effective
  CHECK(has(f, "printed-before-date", 40));
  issue.documents[0].key_dates[4].date = "2023-04-04";
  issue.documents[0].key_dates[1].date = "2025-12-31";
  f = run_rules(issue, Profile{}, nullptr, "x.txt");
  CHECK_FALSE(has(f, "key-date-order", 20));
  CHECK_FALSE(has(f, "printed-before-date", 40));
}

TEST_CASE("report: text with caret, GitHub escaping, SARIF shape") {
  Text t = split_lines("甲乙丙[2022]号\n");
  std::vector<Finding> f = {{"number-brackets", Severity::error, "x.txt", 1, 4, "bad, really: bad"}};
  std::ostringstream text, gh, sarif;
  render_findings(f, ReportFormat::text, {{"x.txt", &t}}, "0.1.0", text);
  CHECK(text.str() == "x.txt:1:4: error: bad, really: bad [number-brackets]\n    甲乙丙[2022]号\n          ^\n");
  render_findings(f, ReportFormat::github, {}, "0.1.0", gh);
  CHECK(gh.str() == "::error file=x.txt,line=1,col=4,title=number-brackets::bad, really: bad\n");
  render_findings(f, ReportFormat::sarif, {}, "0.1.0", sarif);
  CHECK(sarif.str().find("\"version\": \"2.1.0\"") != std::string::npos);
  CHECK(sarif.str().find("\"startColumn\": 4") != std::string::npos);
  CHECK(display_width("甲a") == 3);
}

// did-you-mean over a large registry: the band and the early exit find the
// same names as a full edit distance would (checked here by construction:
// names at distance 1, 2 and 3 of the query, among 200,000 others).
TEST_CASE("rules: did-you-mean in a 200,000-name registry") {
  std::vector<Department> reg;
  for (int i = 0; i < 200000; ++i) reg.push_back({"编号" + std::to_string(i) + "委员会", {}});
  reg.push_back({"州市场监督管理局", {}});        // distance 2 from 州市场监管理局? (see below)
  reg.push_back({"州市场监管局", {"州市监局"}});  // distance 1
  reg.push_back({"省市场监管总局", {}});          // distance 3: over the limit of 2
  auto near = nearest_names("州市场监管厅", reg, 3);
  CHECK(near == std::vector<std::string>{"州市场监管局"});
  CHECK(nearest_names("州市监厅", reg, 2) == std::vector<std::string>{"州市场监管局"});  // by its alias
  CHECK(nearest_names("编号123456委员会", reg, 1) == std::vector<std::string>{"编号123456委员会"});
  CHECK(nearest_names("完全不同的名字", reg, 2).empty());
}

// gazette-check validates its own extraction document by document when the
// schema allows it: the same findings as the whole tree, on the same lines.
TEST_CASE("rules: schema findings document by document equal the whole tree's") {
  const std::string text =
      "某某县人民政府关于甲事项的通知\n某政发〔2023〕1号\n各乡镇：\n照办。\n某某县人民政府\n2023年1月1日\n"
      "某某县人民政府关于乙事项的通知\n某政发〔2023〕2号\n各乡镇：\n照办。\n某某县人民政府\n2023年1月2日\n";
  ExtractOptions opt;
  opt.path = "two.txt";
  Issue issue = extract(text, opt);
  REQUIRE(issue.documents.size() == 2);
  // Titles of at least 16 characters (both have 15) and numbers with serial
  // 2 (the first's is 1): three violations.
  const std::string items_schema =
      "type: object\nrequired: [documents]\nproperties:\n  documents:\n    type: array\n"
      "    items: {$ref: '#/definitions/doc'}\ndefinitions:\n  doc:\n    properties:\n"
      "      title: {minLength: 16}\n      number: {properties: {serial: {const: 2}}}\n";
  Schema s = Schema::load(items_schema, "items.yaml");
  CHECK(s.items_apart("documents"));
  Profile p;
  auto piecewise = schema_findings(s, issue, p, "two.txt");
  YAML::Node whole = load_document(render(issue, Format::json_line));
  auto at_once = schema_findings(s.validate(whole), whole, p, "two.txt");
  REQUIRE(piecewise.size() == 3);
  REQUIRE(at_once.size() == piecewise.size());
  for (std::size_t i = 0; i < at_once.size(); ++i) {
    CHECK(piecewise[i].message == at_once[i].message);
    CHECK(piecewise[i].line == at_once[i].line);
  }
  CHECK(piecewise[0].message.rfind("/documents/0/title", 0) == 0);
  CHECK(piecewise[0].line == 1);
  CHECK(piecewise[2].message.rfind("/documents/1/title", 0) == 0);
  CHECK(piecewise[2].line == 7);

  // A keyword over the whole list (or the whole instance) keeps the tree whole.
  CHECK_FALSE(Schema::load("properties:\n  documents: {type: array, items: {}, maxItems: 1}\n", "m.yaml").items_apart("documents"));
  CHECK_FALSE(Schema::load("properties:\n  documents: {type: array, items: {}}\nallOf: [{}]\n", "a.yaml").items_apart("documents"));
  Schema limited = Schema::load("properties:\n  documents: {type: array, maxItems: 1}\n", "l.yaml");
  CHECK_FALSE(limited.items_apart("documents"));
  auto whole_path = schema_findings(limited, issue, p, "two.txt");
  REQUIRE(whole_path.size() == 1);
  CHECK(whole_path[0].message.find("/documents") == 0);
}

TEST_CASE("report: URIs, summary line, baselines from JSON Lines and SARIF") {
  CHECK(path_uri("archive/2022/第12期 楚雄.txt") == "archive/2022/%E7%AC%AC12%E6%9C%9F%20%E6%A5%9A%E9%9B%84.txt");
  CHECK(path_uri("/data/a b#c.txt") == "file:///data/a%20b%23c.txt");
  CHECK(findings_summary(3, 1, 0, 2) == "3 errors, 1 warning in 2 files");
  CHECK(findings_summary(1, 0, 2, 1) == "1 error, 0 warnings, 2 infos in 1 file");

  std::vector<Finding> now = {{"number-brackets", Severity::error, "a b.txt", 12, 3, "uses [] not 〔〕", 12, 9},
                              {"number-brackets", Severity::error, "a b.txt", 40, 3, "uses [] not 〔〕", 40, 9},
                              {"date-invalid", Severity::error, "a b.txt", 7, 1, "2023年2月30日 is no date", 0, 0}};
  // Last run saw one of the two bracket findings (at another line: the text moved) and nothing else.
  const std::vector<Finding> before = {{"number-brackets", Severity::error, "a b.txt", 10, 3, "uses [] not 〔〕", 10, 9}};
  std::ostringstream jsonl, json, old;
  render_findings(before, ReportFormat::jsonl, {}, "t", jsonl);
  CHECK(jsonl.str().rfind("{\"path\":\"a b.txt\",\"line\":10,", 0) == 0);
  render_findings(before, ReportFormat::json, {}, "t", json);
  CHECK(json.str().find("\"findings\": [") != std::string::npos);
  CHECK(json.str().find("\"errors\": 1") != std::string::npos);
  // A report of 0.4 (JSON Lines naming the input "file") still serves as a baseline.
  old << R"({"file":"a b.txt","line":10,"column":3,"severity":"error","rule":"number-brackets","message":"uses [] not 〔〕"})";
  for (const std::string& report : {jsonl.str(), json.str(), old.str()}) {
    auto kept = now;
    drop_baseline(kept, read_report(report));
    REQUIRE(kept.size() == 2);
    CHECK(kept[0].line == 40);
    CHECK(kept[1].rule == "date-invalid");
  }

  std::ostringstream sarif;
  render_findings(now, ReportFormat::sarif, {}, "t", sarif);
  auto back = read_report(sarif.str());
  REQUIRE(back.size() == 3);
  CHECK(back[0].path == "a b.txt");  // the URI decoded
  auto kept = now;
  drop_baseline(kept, back);
  CHECK(kept.empty());
  CHECK_THROWS_AS(read_report("not a report\n"), InputError);
}

// Every rule's SARIF fullDescription and help come from docs/CHECK.md's rule
// reference: a rule without a section there fails here.
TEST_CASE("report: every rule documented in CHECK.md, in SARIF") {
  for (const auto& r : rules()) {
    CAPTURE(r.id);
    RuleDoc doc = rule_doc(r.id);
    CHECK(!doc.description.empty());
    CHECK(doc.help.size() > doc.description.size());
    CHECK(doc.help.find("Fix:") != std::string::npos);
    CHECK(doc.description.find('\n') == std::string::npos);
  }
  CHECK(rule_doc("number-brackets").description.find("GB/T 9704-2012") != std::string::npos);
  CHECK(rule_doc("no-such-rule").help.empty());
  std::ostringstream sarif;
  render_findings({}, ReportFormat::sarif, {}, "t", sarif);
  CHECK(sarif.str().find("\"fullDescription\"") != std::string::npos);
  CHECK(sarif.str().find("\"markdown\"") != std::string::npos);
}
