#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/tasks.h"

using namespace gazette;
using V = std::vector<std::string>;

namespace {
std::vector<Task> tasks_of(const std::string& s, bool first_leads = false) {
  Text t = split_lines(s);
  Stream st(t, 0, t.lines.size());
  return find_tasks(st, first_leads);
}
}  // namespace

TEST_CASE("tasks: every form of the gold README") {
  auto t = tasks_of("措施。(州委宣传部、州科技局牵头,州委组织部、州文明办配合)");
  REQUIRE(t.size() == 1);
  CHECK(t[0].lead == V{"州委宣传部", "州科技局"});
  CHECK(t[0].responsible == V{"州委组织部", "州文明办"});

  t = tasks_of("体系。(牵头单位:州市场监管局;责任单位:州司法局、州卫生健康委,州检验检测认证院,各县市人民政府)");
  REQUIRE(t.size() == 1);
  CHECK(t[0].lead == V{"州市场监管局"});
  CHECK(t[0].responsible == V{"州司法局", "州卫生健康委", "州检验检测认证院", "各县市人民政府"});

  t = tasks_of("（责任单位：州卫生健康委、州医保局）(责任部门:州市场监管局、州卫生健康委)");
  REQUIRE(t.size() == 2);
  CHECK(t[0].lead.empty());
  CHECK(t[0].responsible == V{"州卫生健康委", "州医保局"});
  CHECK(t[1].responsible == V{"州市场监管局", "州卫生健康委"});

  t = tasks_of("工作力度。(州卫生健康委、州人力资源和社会保障局,各县市人民政府按照职责分工负责)");
  REQUIRE(t.size() == 1);
  CHECK(t[0].lead.empty());
  CHECK(t[0].responsible == V{"州卫生健康委", "州人力资源和社会保障局", "各县市人民政府"});

  t = tasks_of("(责任单位:州科技局、州商务局,各县市人民政府按照职责分别负责)(州卫生健康委负责)");
  REQUIRE(t.size() == 2);
  CHECK(t[0].responsible == V{"州科技局", "州商务局", "各县市人民政府"});
  CHECK(t[1].responsible == V{"州卫生健康委"});
}

TEST_CASE("tasks: forms of other issuers") {
  auto t = tasks_of("（牵头单位：省卫生健康委，参加单位：省大数据局）");
  REQUIRE(t.size() == 1);
  CHECK(t[0].lead == V{"省卫生健康委"});
  CHECK(t[0].responsible == V{"省大数据局"});

  t = tasks_of("（合肥海关牵头，省贸促会、省商务厅按职责分工配合）");
  REQUIRE(t.size() == 1);
  CHECK(t[0].responsible == V{"省贸促会", "省商务厅"});

  t = tasks_of("（各旗县区人民政府负责，牵头考核单位：市审批服务局）");
  REQUIRE(t.size() == 1);
  CHECK(t[0].lead == V{"市审批服务局"});
  CHECK(t[0].responsible == V{"各旗县区人民政府"});

  t = tasks_of("（省大数据局、省政府办公厅牵头，各有关部门、各市政府参与）");
  CHECK(t[0].responsible == V{"各有关部门", "各市政府"});

  // A lead marked after its name under a label.
  t = tasks_of("（责任单位：市发展改革委〔牵头〕、市财政局、市商务局）");
  REQUIRE(t.size() == 1);
  CHECK(t[0].lead == V{"市发展改革委"});
  CHECK(t[0].responsible == V{"市财政局", "市商务局"});

  // Role words before the last one: 牵头负责 leads, 负责落实 is responsible.
  t = tasks_of("（市发改委牵头，各区政府负责落实）");
  REQUIRE(t.size() == 1);
  CHECK(t[0].responsible == V{"各区政府"});
  t = tasks_of("（市数据局牵头负责，市直各部门按职责分工落实）");
  REQUIRE(t.size() == 1);
  CHECK(t[0].lead == V{"市数据局"});
  CHECK(t[0].responsible == V{"市直各部门"});

  // Other fields of the annotation are no departments.
  t = tasks_of("（责任部门：市商务局、市财政局，完成时限：2023年12月底）");
  REQUIRE(t.size() == 1);
  CHECK(t[0].responsible == V{"市商务局", "市财政局"});
  t = tasks_of("（牵头单位：市委组织部；配合单位：市人力资源社会保障局；完成时间：2023年6月）");
  REQUIRE(t.size() == 1);
  CHECK(t[0].lead == V{"市委组织部"});
  CHECK(t[0].responsible == V{"市人力资源社会保障局"});
  t = tasks_of("（责任单位：市商务局，2023年底前完成）");
  REQUIRE(t.size() == 1);
  CHECK(t[0].responsible == V{"市商务局"});

  // A parenthesis inside the annotation is printed 〔〕: one name.
  t = tasks_of("（市大数据局牵头，各县〔市、区〕人民政府负责）");
  REQUIRE(t.size() == 1);
  CHECK(t[0].lead == V{"市大数据局"});
  CHECK(t[0].responsible == V{"各县〔市、区〕人民政府"});
}

TEST_CASE("tasks: verbs that follow a role, and clauses about the annotation") {
  // shandong-006.txt, shandong-022.txt
  auto t = tasks_of("（省大数据局、省委网信办牵头，省发展改革委、省住房城乡建设厅配合，各市政府落实）");
  REQUIRE(t.size() == 1);
  CHECK(t[0].lead == V{"省大数据局", "省委网信办"});
  CHECK(t[0].responsible == V{"省发展改革委", "省住房城乡建设厅", "各市政府"});
  t = tasks_of("（省大数据局牵头，各有关部门分头落实）（省大数据局牵头，省有关部门具体实施）");
  REQUIRE(t.size() == 2);
  CHECK(t[0].responsible == V{"各有关部门"});
  CHECK(t[1].responsible == V{"省有关部门"});
  // Alone, such a verb ends prose, not an annotation.
  CHECK(tasks_of("（具体办法由省财政厅另行制定并组织实施）（各地抓好落实）").empty());
  // shandong-018.txt: the first annotation states the convention itself.
  t = tasks_of("（省委教育工委、省委宣传部、团省委负责，列第一位者为牵头部门，下同）", true);
  REQUIRE(t.size() == 1);
  CHECK(t[0].lead == V{"省委教育工委"});
  CHECK(t[0].responsible == V{"省委宣传部", "团省委"});
}

TEST_CASE("tasks: 由 and 会同 before a name are not part of it") {
  auto t = tasks_of("加强监管。（由州财政局牵头，会同州审计局、州税务局配合）\n由州发展改革委牵头，州财政局配合。\n");
  REQUIRE(t.size() == 2);
  CHECK(t[0].lead == V{"州财政局"});
  CHECK(t[0].responsible == V{"州审计局", "州税务局"});
  CHECK(t[1].lead == V{"州发展改革委"});
  CHECK(t[1].responsible == V{"州财政局"});
}

TEST_CASE("tasks: a secondary role word alone needs organs") {
  // central-025.txt: 数字化绿色化协同转型（双化协同）is an abbreviation.
  CHECK(tasks_of("开展数字化绿色化协同转型（双化协同）综合试点。").empty());
  auto t = tasks_of("（省财政厅、省审计厅参与）");
  REQUIRE(t.size() == 1);
  CHECK(t[0].responsible == V{"省财政厅", "省审计厅"});
}

TEST_CASE("tasks: annotations standing alone as a paragraph") {
  // central-043.txt: the annotation is the paragraph under its heading.
  auto t = tasks_of("（二）试点指导单位。\n　　交通运输部运输服务司牵头，科技司、人事教育司配合。\n（三）试点内容。\n");
  REQUIRE(t.size() == 1);
  CHECK(t[0].line == 2);
  CHECK(t[0].lead == V{"交通运输部运输服务司"});
  CHECK(t[0].responsible == V{"科技司", "人事教育司"});
  // Wrapped over two lines, after a heading without a full stop.
  t = tasks_of("一、分工\n省发展改革委牵头，省财政厅、省\n商务厅配合。\n");
  REQUIRE(t.size() == 1);
  CHECK(t[0].line == 3);
  CHECK(t[0].lead == V{"省发展改革委"});
  CHECK(t[0].responsible == V{"省财政厅", "省商务厅"});
  // Label lines one under another make one task, at the last of them.
  t = tasks_of("1.加强统筹。\n牵头单位：省发展改革委\n配合单位：省财政厅、省商务厅\n2.强化保障。\n责任单位：省财政厅\n");
  REQUIRE(t.size() == 2);
  CHECK(t[0].line == 3);
  CHECK(t[0].lead == V{"省发展改革委"});
  CHECK(t[0].responsible == V{"省财政厅", "省商务厅"});
  CHECK(t[0].text == "牵头单位：省发展改革委\n配合单位：省财政厅、省商务厅");
  CHECK(t[1].line == 5);
  CHECK(t[1].responsible == V{"省财政厅"});
  // Rows of a table with nothing between them: a repeated label starts the next task.
  t = tasks_of("牵头单位：省发展改革委\n配合单位：省财政厅\n牵头单位：省商务厅\n责任单位：省财政厅\n配合单位：省税务局\n");
  REQUIRE(t.size() == 2);
  CHECK(t[0].lead == V{"省发展改革委"});
  CHECK(t[0].responsible == V{"省财政厅"});
  CHECK(t[0].line == 2);
  CHECK(t[1].lead == V{"省商务厅"});
  CHECK(t[1].responsible == V{"省财政厅", "省税务局"});
  CHECK(t[1].line == 5);
  // In order with the parenthesised ones.
  t = tasks_of("加强监管。(州财政局负责)\n州审计局牵头，州财政局配合。\n完善制度。(州商务局负责)\n");
  REQUIRE(t.size() == 3);
  CHECK(t[1].lead == V{"州审计局"});
  CHECK(t[2].responsible == V{"州商务局"});
  // A label line wrapped inside a parenthesis belongs to it (wrap60 variant).
  t = tasks_of("加强监管。(\n牵头单位:州市场监管局;\n责任单位:州司法局)\n");
  REQUIRE(t.size() == 1);
  CHECK(t[0].line == 3);
  CHECK(t[0].lead == V{"州市场监管局"});
  CHECK(t[0].responsible == V{"州司法局"});
  CHECK(tasks_of("加强监管。(\n牵头单位:州市场监管局;责任单位:州司法局)\n").size() == 1);
  // Prose is not: a lead alone, a long paragraph, one with a parenthesis.
  CHECK(tasks_of("建立由省发展改革委牵头的协调机制。\n").empty());
  CHECK(tasks_of("省发展改革委牵头。\n").empty());
  CHECK(tasks_of("龙头企业牵头，上下游企业配合。\n").size() == 1);  // 业 closes 企业: organs enough
  CHECK(tasks_of("各地牵头抓总，统筹协调配合。\n").empty());
  CHECK(tasks_of(std::string("各地要") + std::string(300, 'x') + "省财政厅牵头，省商务厅配合。\n").empty());
  CHECK(tasks_of("省财政厅（省国资委）牵头，省商务厅配合。\n").size() <= 1);
}

TEST_CASE("tasks: 列第一位者为牵头单位 makes the first listed unit lead") {
  auto t = tasks_of("（责任单位：省发展改革委、省财政厅）", true);
  REQUIRE(t.size() == 1);
  CHECK(t[0].lead == V{"省发展改革委"});
  CHECK(t[0].responsible == V{"省财政厅"});
  CHECK(states_first_listed_leads("以下各项任务中列第一位者为牵头单位,其他为配合单位。"));
}

TEST_CASE("tasks: across a page break, at the closing line") {
  // chuxiong-2022-12.txt 265/267: 州自 / 然资源规划局.
  auto t = tasks_of("——加强。(州应急局牵头,州自\n\n然资源规划局、州广电局配合)\n");
  REQUIRE(t.size() == 1);
  CHECK(t[0].line == 3);
  CHECK(t[0].responsible == V{"州自然资源规划局", "州广电局"});
}

TEST_CASE("tasks: prose parentheses are not tasks") {
  CHECK(tasks_of("依托(云南省政府救助平台)开展。引进中彝药配方颗粒(含破壁饮片)企业。").empty());
  CHECK(tasks_of("坚持“一家牵头、部门配合”的原则。发挥州彝医药研究院牵头抓总的作用。").empty());
  CHECK(tasks_of("(一)指导思想").empty());
}

TEST_CASE("tasks: nesting and runaway parentheses stay linear") {
  std::string deep(100000, '(');
  deep += "州财政局负责";
  deep += std::string(100000, ')');
  auto t = tasks_of(deep);
  CHECK(t.empty());  // too long to be an annotation
  auto ok = tasks_of("((州财政局负责)");  // unbalanced before an annotation
  CHECK(ok.size() <= 1);
}

// find_tasks jumps from parenthesis to parenthesis; it must find what a
// byte-by-byte walk finds, runaway limit (4000 bytes) included.
TEST_CASE("tasks: parenthesis jumps agree with a byte-by-byte walk") {
  auto reference = [](std::string_view s) {
    std::vector<std::string> found;
    int depth = 0;
    std::size_t open = 0;
    std::vector<NameSpan> names;
    for (std::size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (c == '(') {
        if (depth++ == 0) open = i;
      } else if (c == ')' && depth > 0) {
        if (--depth == 0) {
          std::string_view inner = s.substr(open + 1, i - open - 1);
          if (inner.size() >= 6 && inner.size() <= 4000 && parse_annotation(inner, &names)) found.emplace_back(inner);
        }
      } else if (depth > 0 && i - open > 4000) {
        depth = 0;
      }
    }
    return found;
  };
  static const std::string pieces[] = {"(", ")", "x", "州财政局负责", "(州应急局牵头,州广电局配合", "(州财政局负责)",
                                       std::string(1500, 'y'), std::string(3990, 'z'), "((", "))"};
  std::uint32_t seed = 99;
  int with_tasks = 0;
  for (int n = 0; n < 3000; ++n) {
    std::string s;
    for (int k = 0, len = 1 + n % 12; k < len; ++k) {
      seed = seed * 1103515245u + 12345u;
      s += pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
    }
    std::vector<std::string> got;
    for (const Task& t : tasks_of(s)) got.push_back(t.text);
    auto want = reference(s);
    with_tasks += !want.empty();
    REQUIRE(got == want);
  }
  CHECK(with_tasks > 300);
  // Around the limit itself: an annotation opening right where a runaway
  // parenthesis is given up, or one byte before.
  for (std::size_t k = 3995; k <= 4005; ++k)
    for (const char* tail : {"(州财政局负责)", ")(州财政局负责)", "州财政局负责)"}) {
      std::string s = "(" + std::string(k, 'y') + tail;
      std::vector<std::string> got;
      for (const Task& t : tasks_of(s)) got.push_back(t.text);
      CHECK_MESSAGE(got == reference(s), k);
    }
}

TEST_CASE("tasks: names_a_role finds what a search for each word finds") {
  static const char* const pool[] = {"牵", "头", "配", "合", "负", "责", "单", "位", "部", "门", "参", "与", "加", "协",
                                     "助", "同", "州", "a", "(", "\u00b7", "😀", "、", "牵头", "单位", "协同"};
  std::uint32_t seed = 5;
  int yes = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    for (int k = 0, len = n % 10; k < len; ++k) {
      seed = seed * 1103515245u + 12345u;
      s += pool[(seed >> 16) % (sizeof pool / sizeof *pool)];
    }
    bool want = false;
    for (std::string_view w : {"牵头", "配合", "负责", "单位", "部门", "参与", "参加", "协助", "协同"})
      want = want || s.find(w) != std::string::npos;
    yes += want;
    CHECK_MESSAGE(names_a_role(s) == want, s);
  }
  CHECK(yes > 1000);
}

TEST_CASE("tasks: the first-listed convention read from the stream itself") {
  auto run = [](const std::string& s) {
    Text t = split_lines(s);
    return find_tasks(Stream(t, 0, t.lines.size()));
  };
  auto with = run("以下各项任务中列第一位者为牵头单位。\n加强监管。(责任单位:州市场监管局、州卫生健康委)\n完善制度。(州财政局牵头,州审计局配合)\n");
  REQUIRE(with.size() == 2);
  CHECK(with[0].lead == V{"州市场监管局"});
  CHECK(with[0].responsible == V{"州卫生健康委"});
  auto without = run("加强监管。(责任单位:州市场监管局、州卫生健康委)\n");
  REQUIRE(without.size() == 1);
  CHECK(without[0].lead.empty());
  CHECK(without[0].responsible == V{"州市场监管局", "州卫生健康委"});
}

// states_first_listed_leads scans for 牵头 and looks for the anchor near it;
// it must decide as the plain rule does (an anchor 第一/首位 whose window of
// 60 bytes from 12 before it holds 牵头单位 or 牵头部门), wherever the pieces fall.
TEST_CASE("tasks: first-listed statement found wherever its pieces fall") {
  auto rule = [](std::string_view t) {
    for (std::string_view anchor : {"第一", "首位"})
      for (std::size_t at = t.find(anchor); at != std::string_view::npos; at = t.find(anchor, at + 1)) {
        std::string_view around = t.substr(at >= 12 ? at - 12 : 0, 60);
        if (around.find("牵头单位") != std::string_view::npos || around.find("牵头部门") != std::string_view::npos)
          return true;
      }
    return false;
  };
  static const char* const pool[] = {"第一", "首位", "牵头", "单位", "部门", "列", "者为", "。", "a", "其他为配合"};
  std::uint32_t seed = 3;
  int yes = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string s;
    for (int k = 0; k < n % 30; ++k) {
      seed = seed * 1103515245u + 12345u;
      s += pool[(seed >> 16) % 10];
    }
    bool want = rule(s);
    yes += want;
    INFO(s);
    CHECK(states_first_listed_leads(s) == want);
  }
  CHECK(yes > 100);  // the random texts do exercise the positive case
}

// Annotation forms of real documents (issue 13, point 5).
TEST_CASE("tasks: collective tails, 会同, a full stop inside, role words before a verb") {
  auto t = tasks_of("措施。(民政部等有关部门和单位负责)");
  REQUIRE(t.size() == 1);
  CHECK(t[0].responsible == V{"民政部"});
  t = tasks_of("措施。(国家发展改革委会同有关部门负责)");
  REQUIRE(t.size() == 1);
  CHECK(t[0].responsible == V{"国家发展改革委"});
  t = tasks_of("措施。(应急部、国家卫生健康委等相关部门及各地区按职责分工负责)");
  REQUIRE(t.size() == 1);
  CHECK(t[0].responsible == V{"应急部", "国家卫生健康委", "各地区"});
  t = tasks_of("措施。(人民银行等部门按职责分工负责)");
  REQUIRE(t.size() == 1);
  CHECK(t[0].responsible == V{"人民银行"});
  t = tasks_of("措施。(财政部、税务总局等和各省级人民政府按职责分工负责)");
  REQUIRE(t.size() == 1);
  CHECK(t[0].responsible == V{"财政部", "税务总局", "各省级人民政府"});
  t = tasks_of("措施。(工业和信息化部会同科技部负责)");
  REQUIRE(t.size() == 1);
  CHECK(t[0].responsible == V{"工业和信息化部", "科技部"});
  // The first-listed convention stated after a full stop inside.
  t = tasks_of("措施。(教育部负责,财政部、人力资源社会保障部参与。列第一位者为牵头单位)", true);
  REQUIRE(t.size() == 1);
  CHECK(t[0].lead == V{"教育部"});
  CHECK(t[0].responsible == V{"财政部", "人力资源社会保障部"});
  // Mixed role words.
  t = tasks_of("措施。(省发展改革委指导,各市人民政府负责落实)");
  REQUIRE(t.size() == 1);
  CHECK(t[0].lead.empty());
  CHECK(t[0].responsible == V{"省发展改革委", "各市人民政府"});
  // Prose that ends in 落实 stays prose.
  CHECK(tasks_of("措施。(具体办法由省财政厅另行制定并组织实施)").empty());
}
