// Finding renderers (text with caret, JSON Lines, SARIF 2.1.0, GitHub).
#include "gazette/report.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <ostream>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "gazette/error.h"
#include "json_writer.h"

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

// One finding as a JSON object (-f json's list items, -f jsonl's lines).
void write_finding(detail::JsonWriter& w, const Finding& f, const ReportOptions& o) {
  auto [page, page_line] = page_of(o, f);
  w.begin_object();
  w.key("path"), w.value(f.path);
  w.key("line"), w.value(f.line);
  w.key("column"), w.value(f.column);
  w.key("end_line"), w.value(f.end_line);
  w.key("end_column"), w.value(f.end_column);
  w.key("page"), page ? w.value(page) : w.null();
  w.key("page_line"), page ? w.value(page_line) : w.null();
  w.key("severity"), w.value(to_string(f.severity));
  w.key("rule"), w.value(f.rule);
  w.key("message"), w.value(f.message);
  w.end_object();
}

// A SARIF artifactLocation: the path as a URI, relative ones resolved
// against where the check ran.
void write_artifact(detail::JsonWriter& w, const std::string& path) {
  w.key("artifactLocation");
  w.begin_object();
  w.key("uri"), w.value(path_uri(path));
  if (path.empty() || path[0] != '/') w.key("uriBaseId"), w.value("%SRCROOT%");
  w.end_object();
}

// A SARIF result's or notification's message and its one location: the
// file, and the region when a line is known (line 0: the file alone).
void write_message_at(detail::JsonWriter& w, const std::string& message, const std::string& path, int line = 0,
                      int column = 0, int end_line = 0, int end_column = 0) {
  w.key("message");
  w.begin_object();
  w.key("text"), w.value(message);
  w.end_object();
  w.key("locations");
  w.begin_array();
  w.begin_object();
  w.key("physicalLocation");
  w.begin_object();
  write_artifact(w, path);
  if (line > 0) {
    w.key("region");
    w.begin_object();
    w.key("startLine"), w.value(line);
    if (column > 0) w.key("startColumn"), w.value(column);
    if (end_line > 0) w.key("endLine"), w.value(end_line), w.key("endColumn"), w.value(end_column);
    w.end_object();
  }
  w.end_object();
  w.end_object();
  w.end_array();
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

// The table's text with each line after the first indented by `indent`
// spaces. The log's layout is this file's own, so every log has the same
// indent: the text is made once, on the first call, and again only if a
// log were ever laid out otherwise.
const std::string& indented_rules_text(std::size_t indent) {
  static const std::string rules_text = sarif_rules_json().dump(2, ' ', false, json::error_handler_t::replace);
  auto make = [&](std::size_t n) {
    std::string out;
    out.reserve(rules_text.size() + rules_text.size() / 4);
    const std::string break_line = '\n' + std::string(n, ' ');
    for (std::size_t from = 0;;) {
      std::size_t nl = rules_text.find('\n', from);
      if (nl == std::string::npos) return out.append(rules_text, from, std::string::npos);
      out.append(rules_text, from, nl - from).append(break_line);
      from = nl + 1;
    }
  };
  static const std::pair<std::size_t, std::string> first{indent, make(indent)};
  if (indent == first.first) return first.second;
  thread_local std::string other;
  other = make(indent);
  return other;
}

void splice_sarif_rules(std::string& log_text) {
  const std::string quoted = "\"rules\": \"" + std::string(kRulesMarker) + '"';
  std::size_t at = log_text.find(quoted);
  if (at == std::string::npos) return;
  std::size_t line_start = log_text.rfind('\n', at);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  std::size_t indent = log_text.find_first_not_of(' ', line_start) - line_start;
  at += quoted.size() - kRulesMarker.size() - 2;  // the marker, quoted
  log_text.replace(at, kRulesMarker.size() + 2, indented_rules_text(indent));
}

// A rule's index in the registry, which SARIF results carry; 0 for an id
// the registry does not have (as before: such findings are not made).
int rule_index(std::string_view id) {
  static const std::unordered_map<std::string_view, int> index = [] {
    std::unordered_map<std::string_view, int> m;
    for (std::size_t k = 0; k < rules().size(); ++k) m.emplace(rules()[k].id, static_cast<int>(k));
    return m;
  }();
  auto it = index.find(id);
  return it == index.end() ? 0 : it->second;
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
    case ReportFormat::jsonl: {
      std::string text;
      detail::JsonWriter w(text, -1);
      for (const auto& f : findings) {
        write_finding(w, f, options);
        text += '\n';
      }
      out << text;
      break;
    }
    case ReportFormat::json: {
      // One object: what ran, on what, what it found, and the counts.
      std::size_t checked = 0;
      for (const auto& in : options.inputs) checked += in.error.empty();
      std::size_t counts[3] = {0, 0, 0};
      for (const auto& f : findings) ++counts[static_cast<int>(f.severity)];
      std::string text;
      detail::JsonWriter w(text, 2);
      w.begin_object();
      w.key("tool");
      w.begin_object();
      w.key("name"), w.value("gazette-check");
      w.key("version"), w.value(options.tool_version);
      w.end_object();
      w.key("successful"), w.value(checked == options.inputs.size());
      w.key("inputs");
      w.begin_array();
      for (const auto& in : options.inputs) {
        w.begin_object();
        w.key("path"), w.value(in.path);
        w.key("error"), in.error.empty() ? w.null() : w.value(in.error);
        w.end_object();
      }
      w.end_array();
      w.key("findings");
      w.begin_array();
      for (const auto& f : findings) write_finding(w, f, options);
      w.end_array();
      w.key("summary");
      w.begin_object();
      w.key("errors"), w.value(counts[0]);
      w.key("warnings"), w.value(counts[1]);
      w.key("infos"), w.value(counts[2]);
      w.key("files"), w.value(checked);
      w.end_object();
      w.end_object();
      out << text << '\n';
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
      std::string text;
      detail::JsonWriter w(text, 2);
      w.begin_object();
      w.key("$schema"), w.value("https://json.schemastore.org/sarif-2.1.0.json");
      w.key("version"), w.value("2.1.0");
      w.key("runs");
      w.begin_array();
      w.begin_object();
      w.key("tool");
      w.begin_object();
      w.key("driver");
      w.begin_object();
      w.key("name"), w.value("gazette-check");
      w.key("version"), w.value(options.tool_version);
      w.key("rules"), w.value(kRulesMarker);
      w.end_object();
      w.end_object();
      // Inputs that could not be checked are notifications of a failed
      // execution, not an empty (clean-looking) list of results.
      bool failed = false;
      for (const auto& in : options.inputs) failed |= !in.error.empty();
      w.key("invocations");
      w.begin_array();
      w.begin_object();
      w.key("executionSuccessful"), w.value(!failed);
      if (failed) {
        w.key("toolExecutionNotifications");
        w.begin_array();
        for (const auto& [path, message] : options.inputs) {
          if (message.empty()) continue;
          w.begin_object();
          w.key("level"), w.value("error");
          write_message_at(w, path + ": " + message, path);
          w.end_object();
        }
        w.end_array();
      }
      w.end_object();
      w.end_array();
      w.key("columnKind"), w.value("unicodeCodePoints");
      w.key("results");
      w.begin_array();
      for (const auto& f : findings) {
        w.begin_object();
        w.key("ruleId"), w.value(f.rule);
        w.key("ruleIndex"), w.value(rule_index(f.rule));
        w.key("level"), w.value(sarif_level(f.severity));
        write_message_at(w, f.message, f.path, f.line, f.column, f.end_line, f.end_column);
        // A PDF's text lines, as the page and the line on it.
        if (auto [page, page_line] = page_of(options, f); page) {
          w.key("properties");
          w.begin_object();
          w.key("page"), w.value(page);
          w.key("pageLine"), w.value(page_line);
          w.end_object();
        }
        w.end_object();
      }
      w.end_array();
      w.end_object();
      w.end_array();
      w.end_object();
      splice_sarif_rules(text);
      out << text << '\n';
      break;
    }
  }
}

}  // namespace gazette
