// Renderers. Built on nlohmann::ordered_json so key order is the order the
// fields are written here, which is the documented contract.
#include "gazette/emit.h"

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

namespace gazette {
namespace {

using json = nlohmann::ordered_json;

template <class T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json number_json(const std::optional<DocNumber>& n) {
  if (!n) return nullptr;
  json j;
  j["text"] = n->text;
  j["prefix"] = n->prefix;
  j["year"] = opt(n->year);
  j["serial"] = opt(n->serial);
  j["line"] = n->line;
  return j;
}

json strings(const std::vector<std::string>& v) {
  json a = json::array();
  for (const auto& s : v) a.push_back(s);
  return a;
}

json document_json(const Document& d) {
  json j;
  j["title"] = d.title;
  j["number"] = number_json(d.number);
  j["genre"] = opt(d.genre);
  j["issuers"] = strings(d.issuers);
  j["section"] = opt(d.section);
  j["page"] = opt(d.page);
  j["printed_page"] = opt(d.printed_page);
  j["title_line"] = d.title_line;
  j["end_line"] = d.end_line;
  j["addressees"] = strings(d.addressees);
  j["date"] = opt(d.date);
  j["public"] = d.is_public;
  json att = json::array();
  for (const auto& a : d.attachments) att.push_back(json{{"title", a.title}, {"title_line", a.title_line}});
  j["attachments"] = att;
  json parts = json::array();
  for (const auto& p : d.parts)
    parts.push_back(json{{"title", p.title}, {"title_line", p.title_line}, {"adopted", opt(p.adopted)}, {"adopted_by", p.adopted_by}});
  j["parts"] = parts;
  json refs = json::array();
  for (const auto& r : d.references) refs.push_back(json{{"number", r.number}, {"title", opt(r.title)}, {"line", r.line}});
  j["references"] = refs;
  json tasks = json::array();
  for (const auto& t : d.tasks)
    tasks.push_back(json{{"line", t.line}, {"lead", strings(t.lead)}, {"responsible", strings(t.responsible)}, {"text", t.text}});
  j["tasks"] = tasks;
  json entries = json::array();
  for (const auto& e : d.entries) entries.push_back(json{{"date", e.date}, {"date_end", opt(e.date_end)}, {"line", e.line}});
  j["entries"] = entries;
  j["text"] = d.text;
  return j;
}

json source_json(const Source& s) {
  return json{{"path", s.path}, {"bytes", s.bytes}, {"sha256", s.sha256}, {"encoding", s.encoding}};
}

json gazette_json(const Masthead& m) {
  json j;
  j["title"] = m.title.empty() ? json(nullptr) : json(m.title);
  j["year"] = opt(m.year);
  j["issue"] = opt(m.issue);
  j["cumulative_issue"] = opt(m.cumulative_issue);
  j["published"] = opt(m.published);
  j["line"] = m.line;
  return j;
}

json diagnostic_obj(const Diagnostic& d) {
  return json{{"code", d.code}, {"severity", to_string(d.severity)}, {"line", d.line}, {"column", d.column}, {"message", d.message}};
}

json issue_json(const Issue& issue) {
  json j;
  j["source"] = source_json(issue.source);
  j["gazette"] = gazette_json(issue.gazette);
  json toc = json::array();
  for (const auto& e : issue.toc)
    toc.push_back(json{{"section", e.section.empty() ? json(nullptr) : json(e.section)},
                       {"title", e.title},
                       {"number", number_json(e.number)},
                       {"page", opt(e.page)},
                       {"line", e.line}});
  j["toc"] = toc;
  json docs = json::array();
  for (const auto& d : issue.documents) docs.push_back(document_json(d));
  j["documents"] = docs;
  json diags = json::array();
  for (const auto& d : issue.diagnostics) diags.push_back(diagnostic_obj(d));
  j["diagnostics"] = diags;
  return j;
}

std::string dump(const json& j, int indent) { return j.dump(indent, ' ', false, json::error_handler_t::replace); }

void emit_yaml(YAML::Emitter& out, const json& j) {
  switch (j.type()) {
    case json::value_t::object:
      out << YAML::BeginMap;
      for (auto it = j.begin(); it != j.end(); ++it) {
        out << YAML::Key << it.key() << YAML::Value;
        emit_yaml(out, it.value());
      }
      out << YAML::EndMap;
      break;
    case json::value_t::array:
      out << YAML::BeginSeq;
      for (const auto& v : j) emit_yaml(out, v);
      out << YAML::EndSeq;
      break;
    case json::value_t::string:
      out << YAML::DoubleQuoted << j.get<std::string>();
      break;
    case json::value_t::boolean:
      out << (j.get<bool>() ? "true" : "false");
      break;
    case json::value_t::number_integer:
      out << j.get<std::int64_t>();
      break;
    case json::value_t::number_unsigned:
      out << j.get<std::uint64_t>();
      break;
    case json::value_t::number_float:
      out << j.get<double>();
      break;
    default:
      out << YAML::Null;
  }
}

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
  if (name == "json") return Format::json;
  if (name == "jsonl") return Format::jsonl;
  if (name == "yaml") return Format::yaml;
  return std::nullopt;
}

void render(const Issue& issue, Format format, std::ostream& out) {
  switch (format) {
    case Format::json:
      out << dump(issue_json(issue), 2) << '\n';
      break;
    case Format::json_line:
      out << dump(issue_json(issue), -1) << '\n';
      break;
    case Format::jsonl: {
      // Each line: the issue's identity, then the document.
      json identity;
      identity["path"] = issue.source.path;
      identity["sha256"] = issue.source.sha256;
      identity["gazette"] = issue.gazette.title.empty() ? json(nullptr) : json(issue.gazette.title);
      identity["year"] = opt(issue.gazette.year);
      identity["issue"] = opt(issue.gazette.issue);
      for (std::size_t k = 0; k < issue.documents.size(); ++k) {
        json line;
        line["issue"] = identity;
        line["index"] = k;
        json doc = document_json(issue.documents[k]);  // items() must not outlive it
        for (auto& [key, value] : doc.items()) line[key] = value;
        out << dump(line, -1) << '\n';
      }
      break;
    }
    case Format::yaml: {
      YAML::Emitter e;
      e.SetIndent(2);
      emit_yaml(e, issue_json(issue));
      out << "---\n" << e.c_str() << '\n';
      break;
    }
  }
}

std::string render(const Issue& issue, Format format) {
  std::ostringstream s;
  render(issue, format, s);
  return s.str();
}

std::string diagnostic_json(const Diagnostic& d, std::string_view file) {
  json j;
  j["file"] = std::string(file);
  json obj = diagnostic_obj(d);
  for (auto& [k, v] : obj.items()) j[k] = v;
  return dump(j, -1);
}

}  // namespace gazette
