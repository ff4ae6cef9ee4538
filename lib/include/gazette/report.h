// gazette/report.h — renderers for findings: text, JSON Lines, SARIF, GitHub.
//
// The same findings in four shapes, one call each, shared by every tool:
//   text    FILE:LINE:COL: error: message [rule-id], the source line, a caret
//   json    one JSON object per line: file, line, column, severity, rule, message
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
#include <vector>

#include "gazette/check.h"
#include "gazette/text.h"

namespace gazette {

enum class ReportFormat { text, json, sarif, github };

std::optional<ReportFormat> parse_report_format(std::string_view name);

// `sources` maps a finding's file to its text, for the source line and caret
// of the text format (files not in it get no excerpt).
void render_findings(const std::vector<Finding>& findings, ReportFormat format,
                     const std::map<std::string, const Text*>& sources, std::string_view tool_version, std::ostream& out);

// Display width of a string in a terminal: CJK and full-width count 2.
std::size_t display_width(std::string_view s);

}  // namespace gazette
