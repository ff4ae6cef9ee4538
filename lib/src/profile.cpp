// Publisher profiles and reading extractions back: the inputs of the rules.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>

#include "gazette/check.h"
#include "gazette/error.h"

namespace gazette {
namespace {

std::optional<Severity> severity_named(const std::string& s) {
  if (s == "error") return Severity::error;
  if (s == "warning") return Severity::warning;
  if (s == "info") return Severity::info;
  return std::nullopt;  // "off"
}

// Integers of plain scalars, without yaml-cpp's as<int>() (a stringstream
// per call: the slowest part of reading a big extraction).
std::optional<long long> integer_of(const YAML::Node& n) {
  if (!n || !n.IsScalar() || n.Tag() == "!") return std::nullopt;
  const std::string& v = n.Scalar();
  if (v.empty() || v.size() > 19) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  long long x = std::strtoll(v.c_str(), &end, 10);
  if (*end || errno) return std::nullopt;
  return x;
}
int as_int(const YAML::Node& n, int fallback = 0) {
  auto x = integer_of(n);
  return x && *x >= INT_MIN && *x <= INT_MAX ? static_cast<int>(*x) : fallback;
}
std::optional<int> opt_int(const YAML::Node& n) {
  auto x = integer_of(n);
  if (!x || *x < INT_MIN || *x > INT_MAX) return std::nullopt;
  return static_cast<int>(*x);
}
std::string str(const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : std::string(); }
std::optional<std::string> opt_str(const YAML::Node& n) {
  if (!n || n.IsNull() || !n.IsScalar()) return std::nullopt;
  return n.Scalar();
}
std::vector<std::string> strings(const YAML::Node& n) {
  std::vector<std::string> out;
  if (n && n.IsSequence())
    for (const auto& s : n) out.push_back(str(s));
  return out;
}
std::optional<DocNumber> number(const YAML::Node& n) {
  if (!n || n.IsNull()) return std::nullopt;
  DocNumber d;
  if (n.IsScalar()) {
    d.text = n.Scalar();
    return d;
  }
  d.text = str(n["text"]);
  d.prefix = str(n["prefix"]);
  d.year = opt_int(n["year"]);
  if (auto s = integer_of(n["serial"])) d.serial = *s;
  d.line = as_int(n["line"]);
  return d;
}

}  // namespace

Profile load_profile(std::string_view yaml_text, std::string_view file, const Schema& profile_schema) {
  YAML::Node root;
  try {
    root = load_yaml(yaml_text);
  } catch (const InputError& e) {
    throw InputError(std::string(file) + ": " + e.what(), e.line(), e.column());
  }
  auto violations = profile_schema.validate(root);
  if (!violations.empty()) {
    const auto& v = violations.front();
    throw InputError(std::string(file) + ": " + (v.path.empty() ? "" : v.path + ": ") + v.message, v.line, v.column);
  }
  Profile p;
  const YAML::Node& r = root;
  p.name = str(r["name"]);
  p.sections = strings(r["sections"]);
  if (auto pre = r["prefixes"])
    for (auto it = pre.begin(); it != pre.end(); ++it) p.prefixes[it->first.Scalar()] = strings(it->second);
  if (auto pm = r["public_marking"]) p.public_marking = pm.as<bool>();
  if (auto deps = r["departments"]) {
    p.departments.emplace();
    for (const auto& d : deps) p.departments->push_back({str(d["name"]), strings(d["aliases"])});
  }
  std::vector<std::string> known;
  for (const auto& info : rules()) known.push_back(info.id);
  if (auto rs = r["rules"])
    for (auto it = rs.begin(); it != rs.end(); ++it) {
      const std::string id = it->first.Scalar();
      if (std::find(known.begin(), known.end(), id) == known.end()) {
        YAML::Mark m = it->first.Mark();
        throw InputError(std::string(file) + ": unknown rule '" + id + "'", m.line + 1, m.column + 1);
      }
      p.severities[id] = severity_named(it->second.Scalar());
    }
  return p;
}

bool looks_like_extraction(std::string_view bytes) {
  std::size_t i = bytes.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  i = bytes.find_first_not_of(" \t\r\n", i);
  if (i == std::string_view::npos) return false;
  if (bytes[i] == '{') return true;
  std::string_view head = bytes.substr(i, 4096);
  return head.rfind("---", 0) == 0 || head.rfind("source:", 0) == 0 || head.rfind("gazette:", 0) == 0 ||
         head.rfind("documents:", 0) == 0;
}

LoadLimits extraction_limits(std::size_t bytes) {
  LoadLimits limits;
  limits.max_bytes = kMaxExtractionBytes;
  limits.max_nodes = std::min(kMaxExtractionNodes, bytes + kExtractionNodeMargin);
  return limits;
}

YAML::Node load_extraction(std::string_view bytes) { return load_document(bytes, extraction_limits(bytes.size())); }

void set_rule(Profile& profile, std::string_view setting) {
  std::string id(setting), level;
  if (auto eq = setting.find('='); eq != std::string_view::npos) {
    id = std::string(setting.substr(0, eq));
    level = std::string(setting.substr(eq + 1));
    if (level != "error" && level != "warning" && level != "info" && level != "off")
      throw InputError("rule " + id + ": severity '" + level + "' is none of error, warning, info, off");
  }
  const auto& all = rules();
  auto it = std::find_if(all.begin(), all.end(), [&](const RuleInfo& r) { return id == r.id; });
  if (it == all.end()) throw InputError("unknown rule '" + id + "' (gazette-check --list-rules lists them)");
  if (level.empty()) profile.severities.erase(id);  // enabled, at its default severity
  else profile.severities[id] = severity_named(level);
}

Issue read_issue(const YAML::Node& x) {
  const YAML::Node& root = x;
  if (!root.IsMap() || !root["documents"] || !root["documents"].IsSequence())
    throw InputError("not a gazette extraction: no 'documents' list");
  Issue issue;
  if (auto s = root["source"]; s && s.IsMap()) {
    issue.source.path = str(s["path"]);
    issue.source.encoding = str(s["encoding"]);
    issue.source.sha256 = str(s["sha256"]);
    if (auto pdf = s["pdf"]; pdf && pdf.IsMap())
      if (auto firsts = pdf["page_first_line"]; firsts && firsts.IsSequence())
        for (const auto& x : firsts) issue.source.page_first_line.push_back(as_int(x));
  }
  if (auto g = root["gazette"]; g && g.IsMap()) {
    issue.gazette.title = opt_str(g["title"]).value_or("");
    issue.gazette.year = opt_int(g["year"]);
    issue.gazette.issue = opt_int(g["issue"]);
    issue.gazette.cumulative_issue = opt_int(g["cumulative_issue"]);
    issue.gazette.published = opt_str(g["published"]);
    issue.gazette.line = as_int(g["line"]);
  }
  if (auto toc = root["toc"]; toc && toc.IsSequence())
    for (const auto& t : toc) {
      TocEntry e;
      e.section = opt_str(t["section"]).value_or("");
      e.title = str(t["title"]);
      e.number = number(t["number"]);
      e.page = opt_int(t["page"]);
      e.line = as_int(t["line"]);
      issue.toc.push_back(std::move(e));
    }
  for (const auto& d : root["documents"]) {
    if (!d.IsMap()) continue;
    Document doc;
    doc.title = str(d["title"]);
    doc.number = number(d["number"]);
    doc.genre = opt_str(d["genre"]);
    doc.promulgates = opt_str(d["promulgates"]);
    doc.issuers = strings(d["issuers"]);
    doc.section = opt_str(d["section"]);
    doc.page = opt_int(d["page"]);
    doc.printed_page = opt_int(d["printed_page"]);
    doc.title_line = as_int(d["title_line"]);
    doc.end_line = as_int(d["end_line"]);
    doc.addressees = strings(d["addressees"]);
    doc.cc = strings(d["cc"]);
    doc.date = opt_str(d["date"]);
    doc.date_line = opt_int(d["date_line"]).value_or(0);
    if (auto a = d["signers"]; a && a.IsSequence())
      for (const auto& x : a) doc.signers.push_back({str(x["name"]), as_int(x["line"])});
    if (auto n = d["note"]; n && n.IsMap()) doc.note = Note{str(n["text"]), as_int(n["line"])};
    if (auto pub = d["public"]; pub && pub.IsScalar()) doc.is_public = pub.Scalar() == "true";
    if (auto a = d["attachments"]; a && a.IsSequence())
      for (const auto& x : a)
        doc.attachments.push_back({str(x["title"]), as_int(x["title_line"]), opt_int(x["listed_line"]).value_or(0)});
    if (auto a = d["parts"]; a && a.IsSequence())
      for (const auto& x : a) doc.parts.push_back({str(x["title"]), as_int(x["title_line"]), opt_str(x["adopted"]), str(x["adopted_by"]), {}});
    if (auto a = d["references"]; a && a.IsSequence())
      for (const auto& x : a) doc.references.push_back({str(x["number"]), opt_str(x["title"]), as_int(x["line"])});
    if (auto a = d["tasks"]; a && a.IsSequence())
      for (const auto& x : a) doc.tasks.push_back({as_int(x["line"]), strings(x["lead"]), strings(x["responsible"]), str(x["text"])});
    if (auto a = d["entries"]; a && a.IsSequence())
      for (const auto& x : a) doc.entries.push_back({str(x["date"]), opt_str(x["date_end"]), as_int(x["line"])});
    if (auto a = d["key_dates"]; a && a.IsSequence())
      for (const auto& x : a) doc.key_dates.push_back({str(x["kind"]), opt_str(x["date"]), str(x["text"]), as_int(x["line"])});
    issue.documents.push_back(std::move(doc));
  }
  if (auto diags = root["diagnostics"]; diags && diags.IsSequence())
    for (const auto& x : diags) {
      Diagnostic dg;
      dg.rule = str(x["rule"]);
      std::string sev = str(x["severity"]);
      dg.severity = sev == "error" ? Severity::error : sev == "info" ? Severity::info : Severity::warning;
      dg.line = as_int(x["line"]);
      dg.column = as_int(x["column"]);
      dg.message = str(x["message"]);
      issue.diagnostics.push_back(std::move(dg));
    }
  return issue;
}

}  // namespace gazette
