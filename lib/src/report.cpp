// Finding renderers (text with caret, JSON Lines, SARIF 2.1.0, GitHub).
#include "gazette/report.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <ostream>
#include <tuple>

#include "gazette/error.h"

namespace gazette {
namespace detail {
extern const char* const kCheckDoc;  // docs/CHECK.md (generated/check_doc.cpp)
}
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
  if (name == "jsonl") return ReportFormat::jsonl;
  if (name == "sarif") return ReportFormat::sarif;
  if (name == "github") return ReportFormat::github;
  return std::nullopt;
}

std::string path_uri(std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = !path.empty() && path[0] == '/' ? "file://" : "";
  for (unsigned char c : path) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

namespace {

std::string uri_decoded(std::string_view uri) {
  if (uri.rfind("file://", 0) == 0) uri.remove_prefix(7);
  std::string out;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    auto digit = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
    if (uri[i] == '%' && i + 2 < uri.size() && digit(uri[i + 1]) && digit(uri[i + 2])) {
      out += static_cast<char>(std::stoi(std::string(uri.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += uri[i];
    }
  }
  return out;
}

// A line of a PDF's text as its page and the line on that page, or {0, 0}.
std::pair<int, int> page_of(const ReportOptions& o, const Finding& f) {
  auto it = o.pdf_pages.find(f.path);
  if (it == o.pdf_pages.end() || f.line <= 0) return {0, 0};
  const std::vector<int>& firsts = it->second;
  auto after = std::upper_bound(firsts.begin(), firsts.end(), f.line);
  if (after == firsts.begin()) return {0, 0};
  int page = static_cast<int>(after - firsts.begin());
  long long on_page = static_cast<long long>(f.line) - firsts[static_cast<std::size_t>(page - 1)] + 1;
  if (on_page < 1 || on_page > f.line) return {0, 0};
  return {page, static_cast<int>(on_page)};
}

json finding_json(const Finding& f, const ReportOptions& o) {
  auto [page, page_line] = page_of(o, f);
  return json{{"path", f.path},
              {"line", f.line},
              {"column", f.column},
              {"end_line", f.end_line},
              {"end_column", f.end_column},
              {"page", page ? json(page) : json(nullptr)},
              {"page_line", page ? json(page_line) : json(nullptr)},
              {"severity", to_string(f.severity)},
              {"rule", f.rule},
              {"message", f.message}};
}

}  // namespace

RuleDoc rule_doc(std::string_view id) {
  // The section "### `id`" of CHECK.md's rule reference, up to the next
  // heading; its first paragraph describes the rule.
  std::string_view doc = detail::kCheckDoc;
  std::string heading = "\n### `" + std::string(id) + "`\n";
  std::size_t at = doc.find(heading);
  if (at == std::string_view::npos) return {};
  std::size_t begin = at + heading.size();
  std::size_t end = std::min(doc.find("\n### ", begin), doc.find("\n## ", begin));
  std::string_view body = doc.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin);
  auto trimmed = [](std::string_view s) {
    std::size_t b = s.find_first_not_of("\n "), e = s.find_last_not_of("\n ");
    return b == std::string_view::npos ? std::string() : std::string(s.substr(b, e - b + 1));
  };
  RuleDoc out;
  out.help = trimmed(body);
  out.description = out.help.substr(0, out.help.find("\n\n"));
  // Paragraphs are wrapped at 76 columns in the file: one line each here.
  for (std::string* s : {&out.description, &out.help})
    for (std::size_t k = 0; k < s->size(); ++k)
      if ((*s)[k] == '\n' && !(k + 1 < s->size() && (*s)[k + 1] == '\n') && !(k > 0 && (*s)[k - 1] == '\n'))
        (*s)[k] = ' ';
  return out;
}

namespace {

// SARIF's rule table: the registry with each rule's text from CHECK.md,
// the same for every report, so built once.
const json& sarif_rules_json() {
  static const json table = [] {
    json rules_json = json::array();
    for (const auto& r : rules()) {
      json rule{{"id", r.id}, {"shortDescription", json{{"text", r.summary}}}};
      RuleDoc doc = rule_doc(r.id);
      if (!doc.description.empty()) rule["fullDescription"] = json{{"text", doc.description}};
      if (!doc.help.empty()) {
        std::string plain = doc.help;
        plain.erase(std::remove(plain.begin(), plain.end(), '`'), plain.end());
        rule["help"] = json{{"text", plain}, {"markdown", doc.help}};
      }
      rule["defaultConfiguration"] = json{{"level", sarif_level(r.severity)}};
      rules_json.push_back(rule);
    }
    return rules_json;
  }();
  return table;
}

// The rule table is most of a SARIF log's text (CHECK.md's descriptions).
// Copying it into each log's json and serialising it again was most of
// the cost of a SARIF report on a small file, so the log carries
// a marker in its place, and the table's text, serialised once, replaces
// the marker, with each line indented as deep as the marker's own line.
// The driver's "rules" come before any text of the input's, so the first
// occurrence is the marker itself.
constexpr std::string_view kRulesMarker = "gazette-sarif-rules-table";

void splice_sarif_rules(std::string& log_text) {
  static const std::string rules_text =
      sarif_rules_json().dump(2, ' ', false, json::error_handler_t::replace);
  const std::string quoted = "\"rules\": \"" + std::string(kRulesMarker) + '"';
  std::size_t at = log_text.find(quoted);
  if (at == std::string::npos) return;
  std::size_t line_start = log_text.rfind('\n', at);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  std::size_t indent = log_text.find_first_not_of(' ', line_start) - line_start;
  std::string spliced;
  spliced.reserve(rules_text.size() + rules_text.size() / 8);
  for (char c : rules_text) {
    spliced += c;
    if (c == '\n') spliced.append(indent, ' ');
  }
  at += quoted.size() - kRulesMarker.size() - 2;  // the marker, quoted
  log_text.replace(at, kRulesMarker.size() + 2, spliced);
}

}  // namespace

std::string findings_summary(std::size_t errors, std::size_t warnings, std::size_t infos, std::size_t files) {
  auto n = [](std::size_t k, const char* one, const char* many) { return std::to_string(k) + " " + (k == 1 ? one : many); };
  std::string out = n(errors, "error", "errors") + ", " + n(warnings, "warning", "warnings");
  if (infos) out += ", " + n(infos, "info", "infos");
  return out + " in " + n(files, "file", "files");
}

namespace {

Finding finding_of(const json& j) {
  Finding f;
  f.path = j.value("path", j.value("file", ""));  // "file" in reports of 0.4 and before
  f.rule = j.value("rule", "");
  f.message = j.value("message", "");
  f.line = j.value("line", 0);
  return f;
}

bool is_finding(const json& j) { return j.is_object() && j.contains("rule") && j.contains("message"); }

}  // namespace

std::vector<Finding> read_report(std::string_view text) {
  std::vector<Finding> out;
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return out;
  const char* kinds = "not a gazette-check report (-f json, jsonl or sarif)";
  try {
    // A SARIF log is one JSON object with "runs"; a -f json report one
    // object with "findings"; JSON Lines, a finding per line.
    json whole = json::parse(text.begin(), text.end(), nullptr, false);
    if (!whole.is_discarded() && whole.is_object() && whole.contains("runs")) {
      for (const auto& run : whole.at("runs"))
        for (const auto& r : run.value("results", json::array())) {
          Finding f;
          f.rule = r.value("ruleId", "");
          f.message = r.contains("message") ? r.at("message").value("text", "") : "";
          if (r.contains("locations") && !r.at("locations").empty()) {
            const json& pl = r.at("locations").at(0).value("physicalLocation", json::object());
            f.path = uri_decoded(pl.value("artifactLocation", json::object()).value("uri", ""));
            f.line = pl.value("region", json::object()).value("startLine", 0);
          }
          out.push_back(std::move(f));
        }
      return out;
    }
    if (!whole.is_discarded() && whole.is_object() && whole.contains("findings")) {
      for (const auto& j : whole.at("findings")) {
        if (!is_finding(j)) throw InputError(std::string(kinds) + ": an entry of \"findings\" is no finding");
        out.push_back(finding_of(j));
      }
      return out;
    }
    std::size_t start = 0;
    int number = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      start = end + 1;
      ++number;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      json j = json::parse(line.begin(), line.end(), nullptr, false);
      if (j.is_discarded() || !is_finding(j))
        throw InputError(std::string(kinds) + ": line " + std::to_string(number) + " is no finding");
      out.push_back(finding_of(j));
    }
  } catch (const json::exception& e) {
    throw InputError(std::string(kinds) + ": " + e.what());
  }
  return out;
}

void drop_baseline(std::vector<Finding>& findings, const std::vector<Finding>& baseline) {
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> known;
  for (const auto& b : baseline) ++known[{b.path, b.rule, b.message}];
  std::vector<Finding> kept;
  for (auto& f : findings) {
    auto it = known.find({f.path, f.rule, f.message});
    if (it != known.end() && it->second > 0) {
      --it->second;
      continue;
    }
    kept.push_back(std::move(f));
  }
  findings.swap(kept);
}

void render_findings(const std::vector<Finding>& findings, ReportFormat format,
                     const std::map<std::string, const Text*>& sources, std::string_view tool_version, std::ostream& out) {
  ReportOptions options;
  options.tool_version = std::string(tool_version);
  render_findings(findings, format, sources, options, out);
}

void render_findings(const std::vector<Finding>& findings, ReportFormat format,
                     const std::map<std::string, const Text*>& sources, const ReportOptions& options, std::ostream& out) {
  const bool color = options.color;
  auto paint = [&](const char* code, std::string_view s) {
    return color ? std::string("\033[") + code + "m" + std::string(s) + "\033[0m" : std::string(s);
  };
  switch (format) {
    case ReportFormat::text:
      for (const auto& f : findings) {
        std::string where = f.path;
        if (f.line > 0) where += ':' + std::to_string(f.line) + ':' + std::to_string(std::max(f.column, 1));
        const char* tone = f.severity == Severity::error ? "1;31" : f.severity == Severity::warning ? "1;33" : "1;36";
        out << paint("1", where) << ": " << paint(tone, to_string(f.severity)) << ": " << f.message << " ["
            << f.rule << "]";
        if (auto [page, page_line] = page_of(options, f); page) out << " (page " << page << ", line " << page_line << ")";
        out << '\n';
        auto src = sources.find(f.path);
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
          // A caret under the defect's first character, and ~ under the rest of it.
          const int marked = f.end_line == f.line && f.end_column > f.column ? f.end_column - f.column : 1;
          std::size_t width = 0;
          if (marked > 1 && col_byte >= start) {
            std::size_t end_byte = col_byte;
            for (int k = 0; k < marked && end_byte < raw.size(); ++k) {
              std::size_t len;
              decode_at(raw, end_byte, &len);
              end_byte += len;
            }
            width = display_width(raw.substr(col_byte, end_byte - col_byte));
          }
          std::string mark = "^" + (width > 1 ? std::string(width - 1, '~') : std::string());
          out << "    " << std::string(pad, ' ') << paint("1;32", mark) << "\n";
        }
      }
      break;
    case ReportFormat::jsonl:
      for (const auto& f : findings) out << finding_json(f, options).dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
      break;
    case ReportFormat::json: {
      // One object: what ran, on what, what it found, and the counts.
      json inputs = json::array();
      std::size_t checked = 0;
      bool successful = true;
      for (const auto& in : options.inputs) {
        inputs.push_back(json{{"path", in.path}, {"error", in.error.empty() ? json(nullptr) : json(in.error)}});
        in.error.empty() ? void(++checked) : void(successful = false);
      }
      json list = json::array();
      std::size_t counts[3] = {0, 0, 0};
      for (const auto& f : findings) {
        list.push_back(finding_json(f, options));
        ++counts[static_cast<int>(f.severity)];
      }
      json log{{"tool", json{{"name", "gazette-check"}, {"version", options.tool_version}}},
               {"successful", successful},
               {"inputs", inputs},
               {"findings", list},
               {"summary", json{{"errors", counts[0]},
                                {"warnings", counts[1]},
                                {"infos", counts[2]},
                                {"files", checked}}}};
      out << log.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
      break;
    }
    case ReportFormat::github:
      for (const auto& f : findings) {
        const char* cmd = f.severity == Severity::error ? "error" : f.severity == Severity::warning ? "warning" : "notice";
        out << "::" << cmd << " file=" << gh_escape(f.path, true);
        if (f.line > 0) out << ",line=" << f.line;
        if (f.column > 0) out << ",col=" << f.column;
        if (f.end_line > 0) out << ",endLine=" << f.end_line << ",endColumn=" << f.end_column;
        out << ",title=" << gh_escape(f.rule, true) << "::" << gh_escape(f.message, false) << '\n';
      }
      break;
    case ReportFormat::sarif: {
      json results = json::array();
      for (const auto& f : findings) {
        json artifact{{"uri", path_uri(f.path)}};
        if (f.path.empty() || f.path[0] != '/') artifact["uriBaseId"] = "%SRCROOT%";  // relative to where it ran
        json loc{{"physicalLocation", json{{"artifactLocation", artifact}}}};
        if (f.line > 0) {
          json region{{"startLine", f.line}};
          if (f.column > 0) region["startColumn"] = f.column;
          if (f.end_line > 0) region["endLine"] = f.end_line, region["endColumn"] = f.end_column;
          loc["physicalLocation"]["region"] = region;
        }
        int index = 0;
        for (std::size_t k = 0; k < rules().size(); ++k)
          if (f.rule == rules()[k].id) index = static_cast<int>(k);
        json result{{"ruleId", f.rule},
                    {"ruleIndex", index},
                    {"level", sarif_level(f.severity)},
                    {"message", json{{"text", f.message}}},
                    {"locations", json::array({loc})}};
        // A PDF's text lines, as the page and the line on it.
        if (auto [page, page_line] = page_of(options, f); page)
          result["properties"] = json{{"page", page}, {"pageLine", page_line}};
        results.push_back(result);
      }
      // Inputs that could not be checked are notifications of a failed
      // execution, not an empty (clean-looking) list of results.
      json notifications = json::array();
      for (const auto& [path, message] : options.inputs) {
        if (message.empty()) continue;
        json artifact{{"uri", path_uri(path)}};
        if (path.empty() || path[0] != '/') artifact["uriBaseId"] = "%SRCROOT%";
        notifications.push_back(json{{"level", "error"},
                                     {"message", json{{"text", path + ": " + message}}},
                                     {"locations", json::array({json{{"physicalLocation",
                                                                      json{{"artifactLocation", artifact}}}}})}});
      }
      json invocation{{"executionSuccessful", notifications.empty()}};
      if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;
      json log{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
               {"version", "2.1.0"},
               {"runs", json::array({json{{"tool", json{{"driver", json{{"name", "gazette-check"},
                                                                        {"version", options.tool_version},
                                                                        {"rules", kRulesMarker}}}}},
                                          {"invocations", json::array({invocation})},
                                          {"columnKind", "unicodeCodePoints"},
                                          {"results", results}}})}};
      std::string text = log.dump(2, ' ', false, json::error_handler_t::replace);
      splice_sarif_rules(text);
      out << text << '\n';
      break;
    }
  }
}

}  // namespace gazette
