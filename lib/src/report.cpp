// Finding renderers (text with caret, JSON Lines, SARIF 2.1.0, GitHub).
#include "gazette/report.h"

#include <nlohmann/json.hpp>
#include <ostream>

namespace gazette {
namespace {

using json = nlohmann::ordered_json;

const char* sarif_level(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
  }
  return "warning";
}

bool wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
         (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

// GitHub workflow command escaping.
std::string gh_escape(std::string_view s, bool property) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else if (property && c == ':') out += "%3A";
    else if (property && c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

}  // namespace

std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len;
    char32_t c = decode_at(s, i, &len);
    w += wide(c) ? 2 : 1;
    i += len;
  }
  return w;
}

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  if (name == "text") return ReportFormat::text;
  if (name == "json") return ReportFormat::json;
  if (name == "sarif") return ReportFormat::sarif;
  if (name == "github") return ReportFormat::github;
  return std::nullopt;
}

void render_findings(const std::vector<Finding>& findings, ReportFormat format,
                     const std::map<std::string, const Text*>& sources, std::string_view tool_version, std::ostream& out) {
  switch (format) {
    case ReportFormat::text:
      for (const auto& f : findings) {
        out << f.file;
        if (f.line > 0) out << ':' << f.line << ':' << std::max(f.column, 1);
        out << ": " << to_string(f.severity) << ": " << f.message << " [" << f.rule << "]\n";
        auto src = sources.find(f.file);
        if (f.line > 0 && src != sources.end() && src->second &&
            static_cast<std::size_t>(f.line) <= src->second->lines.size()) {
          std::string_view raw = src->second->lines[static_cast<std::size_t>(f.line) - 1].raw;
          constexpr std::size_t kMaxExcerpt = 400;  // bytes of a long line shown
          std::size_t col = static_cast<std::size_t>(std::max(f.column, 1)) - 1;
          std::size_t start = 0, i = 0, chars = 0;
          // The excerpt: from at most 40 characters before the column.
          std::vector<std::size_t> offsets;
          for (; i < raw.size(); ++chars) {
            offsets.push_back(i);
            std::size_t len;
            decode_at(raw, i, &len);
            i += len;
            if (chars > col + 200) break;
          }
          offsets.push_back(i);
          if (col > 40 && col < offsets.size()) start = offsets[col - 40];
          std::size_t col_byte = col < offsets.size() ? offsets[col] : i;
          std::string_view excerpt = raw.substr(start, std::min(kMaxExcerpt, i - start));
          out << "    " << (start > 0 ? "…" : "") << excerpt << '\n';
          std::size_t pad = display_width(raw.substr(start, col_byte >= start ? col_byte - start : 0)) + (start > 0 ? 1 : 0);
          out << "    " << std::string(pad, ' ') << "^\n";
        }
      }
      break;
    case ReportFormat::json:
      for (const auto& f : findings) {
        json j{{"file", f.file},           {"line", f.line},     {"column", f.column},
               {"severity", to_string(f.severity)}, {"rule", f.rule}, {"message", f.message}};
        out << j.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
      }
      break;
    case ReportFormat::github:
      for (const auto& f : findings) {
        const char* cmd = f.severity == Severity::error ? "error" : f.severity == Severity::warning ? "warning" : "notice";
        out << "::" << cmd << " file=" << gh_escape(f.file, true);
        if (f.line > 0) out << ",line=" << f.line;
        if (f.column > 0) out << ",col=" << f.column;
        out << ",title=" << gh_escape(f.rule, true) << "::" << gh_escape(f.message, false) << '\n';
      }
      break;
    case ReportFormat::sarif: {
      json rules_json = json::array();
      for (const auto& r : rules())
        rules_json.push_back(json{{"id", r.id},
                                  {"shortDescription", json{{"text", r.summary}}},
                                  {"defaultConfiguration", json{{"level", sarif_level(r.severity)}}}});
      json results = json::array();
      for (const auto& f : findings) {
        json loc{{"physicalLocation", json{{"artifactLocation", json{{"uri", f.file}}}}}};
        if (f.line > 0) {
          json region{{"startLine", f.line}};
          if (f.column > 0) region["startColumn"] = f.column;
          loc["physicalLocation"]["region"] = region;
        }
        int index = 0;
        for (std::size_t k = 0; k < rules().size(); ++k)
          if (f.rule == rules()[k].id) index = static_cast<int>(k);
        results.push_back(json{{"ruleId", f.rule},
                               {"ruleIndex", index},
                               {"level", sarif_level(f.severity)},
                               {"message", json{{"text", f.message}}},
                               {"locations", json::array({loc})}});
      }
      json log{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
               {"version", "2.1.0"},
               {"runs", json::array({json{{"tool", json{{"driver", json{{"name", "gazette-check"},
                                                                        {"version", std::string(tool_version)},
                                                                        {"informationUri", "https://gazette-tools.example/docs/CHECK.md"},
                                                                        {"rules", rules_json}}}}},
                                          {"columnKind", "unicodeCodePoints"},
                                          {"results", results}}})}};
      out << log.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
      break;
    }
  }
}

}  // namespace gazette
