// gazette/report.h — renderers for findings: text, JSON, JSON Lines, SARIF, GitHub.
//
// The same findings in five shapes, one call each, shared by every tool:
//   text    PATH:LINE:COL: error: message [rule-id], the source line, a caret
//   json    one JSON object: tool, successful, inputs, findings, summary
//   jsonl   one finding per line: path, line, column, end_line, end_column,
//           severity, rule, message
//   sarif   one SARIF 2.1.0 log (runs[0].tool.driver.rules lists every rule)
//   github  workflow commands: ::error file=F,line=L,col=C,title=RULE::message
//
//   gazette::render_findings(findings, gazette::ReportFormat::sarif, sources, std::cout);
#pragma once

#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gazette/check.h"
#include "gazette/text.h"

namespace gazette {

enum class ReportFormat { text, json, jsonl, sarif, github };

std::optional<ReportFormat> parse_report_format(std::string_view name);

struct ReportOptions {
  std::string tool_version;
  bool color = false;
  // Every input in the order given, with the message of the error that
  // stopped it ("" when it was checked). json lists them; SARIF reports the
  // failed ones as tool execution notifications and executionSuccessful
  // false, so a failed input never looks like a clean one.
  struct Input {
    std::string path;
    std::string error;
  };
  std::vector<Input> inputs;
  // For findings on a PDF (by their path): each page's first line
  // (Checked::page_first_line). Their lines are then also given as a page
  // and a line on it: text "(page P, line K)", JSON "page" and "page_line"
  // (null otherwise), SARIF result properties.
  std::map<std::string, std::vector<int>> pdf_pages;
};

// `sources` maps a finding's path to its text, for the source line and caret
// of the text format (files not in it get no excerpt).
void render_findings(const std::vector<Finding>& findings, ReportFormat format,
                     const std::map<std::string, const Text*>& sources, const ReportOptions& options, std::ostream& out);
void render_findings(const std::vector<Finding>& findings, ReportFormat format,
                     const std::map<std::string, const Text*>& sources, std::string_view tool_version, std::ostream& out);

// A rule's documentation, from docs/CHECK.md's rule reference (embedded
// at build time): the first paragraph, and the whole section (markdown).
// Empty for an unknown id. SARIF gives them as fullDescription and help.
struct RuleDoc {
  std::string description, help;
};
RuleDoc rule_doc(std::string_view id);

// The text format's closing line: "3 errors, 1 warning in 2 files".
std::string findings_summary(std::size_t errors, std::size_t warnings, std::size_t infos, std::size_t files);

// A previous report (-f json, -f jsonl or -f sarif, of this version or
// earlier) read back as findings (path, rule, message; lines as given). Throws InputError when
// it is neither.
std::vector<Finding> read_report(std::string_view text);

// Drops the findings a baseline already holds: matched by path, rule and
// message (not by line, which moves as a text is edited), each baseline
// finding matching at most one.
void drop_baseline(std::vector<Finding>& findings, const std::vector<Finding>& baseline);

// A path as a URI reference (RFC 3986): unreserved characters and '/' as
// they are, every other byte %XX; an absolute path gets file://.
std::string path_uri(std::string_view path);

// Display width of a string in a terminal: CJK and full-width count 2.
std::size_t display_width(std::string_view s);

}  // namespace gazette
