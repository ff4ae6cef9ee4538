// Renderers. One walker (write_issue) fixes the fields and their order, the
// documented contract; it drives either the streaming JSON writer or a
// yaml-cpp emitter, so JSON, JSON Lines and YAML cannot drift apart.
#include "gazette/emit.h"

#include <yaml-cpp/yaml.h>

#include <functional>
#include <ostream>

#include "json_writer.h"

namespace gazette {
namespace {

using detail::JsonWriter;

// The JsonWriter interface over a YAML::Emitter: strings double-quoted so
// that loaders keep dates and numbers-as-text strings.
class YamlWriter {
 public:
  explicit YamlWriter(YAML::Emitter& e) : e_(e) {}
  void begin_object() { e_ << YAML::BeginMap; }
  void end_object() { e_ << YAML::EndMap; }
  void begin_array() { e_ << YAML::BeginSeq; }
  void end_array() { e_ << YAML::EndSeq; }
  void key(std::string_view k) { e_ << YAML::Key << std::string(k) << YAML::Value; }
  void value(std::string_view s) { e_ << YAML::DoubleQuoted << std::string(s); }
  void value(const std::string& s) { e_ << YAML::DoubleQuoted << s; }
  void value(const char* s) { value(std::string_view(s)); }
  void value(bool b) { e_ << (b ? "true" : "false"); }
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  void value(T n) {
    e_ << n;
  }
  void null() { e_ << YAML::Null; }
  template <class T>
  void value(const std::optional<T>& v) {
    if (v) value(*v); else null();
  }

 private:
  YAML::Emitter& e_;
};

template <class W, class T>
void field(W& w, std::string_view k, const T& v) {
  w.key(k);
  w.value(v);
}

template <class W>
void null_if_empty(W& w, std::string_view k, const std::string& v) {
  w.key(k);
  if (v.empty()) w.null(); else w.value(v);
}

template <class W>
void strings(W& w, std::string_view k, const std::vector<std::string>& v) {
  w.key(k);
  w.begin_array();
  for (const auto& s : v) w.value(s);
  w.end_array();
}

template <class W, class T, class F>
void list(W& w, std::string_view k, const std::vector<T>& v, F each) {
  w.key(k);
  w.begin_array();
  for (const auto& x : v) {
    w.begin_object();
    each(x);
    w.end_object();
  }
  w.end_array();
}

template <class W>
void number(W& w, std::string_view k, const std::optional<DocNumber>& n) {
  w.key(k);
  if (!n) return w.null();
  w.begin_object();
  field(w, "text", n->text);
  field(w, "prefix", n->prefix);
  field(w, "year", n->year);
  field(w, "serial", n->serial);
  field(w, "line", n->line);
  w.end_object();
}

// The document's fields, without braces (JSON Lines puts the issue's
// identity first in the same object).
template <class W>
void document_fields(W& w, const Document& d) {
  null_if_empty(w, "title", d.title);
  number(w, "number", d.number);
  field(w, "genre", d.genre);
  field(w, "promulgates", d.promulgates);
  strings(w, "issuers", d.issuers);
  field(w, "section", d.section);
  field(w, "page", d.page);
  field(w, "printed_page", d.printed_page);
  field(w, "title_line", d.title_line);
  field(w, "end_line", d.end_line);
  strings(w, "addressees", d.addressees);
  strings(w, "cc", d.cc);
  list(w, "signers", d.signers, [&](const Signer& s) {
    field(w, "name", s.name);
    field(w, "line", s.line);
  });
  field(w, "date", d.date);
  field(w, "date_line", d.date_line ? std::optional<int>(d.date_line) : std::nullopt);
  w.key("note");
  if (d.note) {
    w.begin_object();
    field(w, "text", d.note->text);
    field(w, "line", d.note->line);
    w.end_object();
  } else {
    w.null();
  }
  field(w, "public", d.is_public);
  list(w, "attachments", d.attachments, [&](const Attachment& a) {
    field(w, "title", a.title);
    field(w, "title_line", a.title_line);
    field(w, "listed_line", a.listed_line ? std::optional<int>(a.listed_line) : std::nullopt);
  });
  list(w, "parts", d.parts, [&](const Part& p) {
    field(w, "title", p.title);
    field(w, "title_line", p.title_line);
    field(w, "adopted", p.adopted);
    null_if_empty(w, "adopted_by", p.adopted_by);
    list(w, "history", p.history, [&](const Revision& r) {
      field(w, "date", r.date);
      null_if_empty(w, "event", r.event);
      null_if_empty(w, "by", r.by);
    });
  });
  list(w, "references", d.references, [&](const Reference& r) {
    field(w, "number", r.number);
    field(w, "title", r.title);
    field(w, "line", r.line);
  });
  list(w, "tasks", d.tasks, [&](const Task& t) {
    field(w, "line", t.line);
    strings(w, "lead", t.lead);
    strings(w, "responsible", t.responsible);
    field(w, "text", t.text);
  });
  list(w, "entries", d.entries, [&](const Entry& e) {
    field(w, "date", e.date);
    field(w, "date_end", e.date_end);
    field(w, "line", e.line);
  });
  list(w, "key_dates", d.key_dates, [&](const KeyDate& k) {
    field(w, "kind", k.kind);
    field(w, "date", k.date);
    field(w, "text", k.text);
    field(w, "line", k.line);
  });
  null_if_empty(w, "text", d.text);  // null with --no-text
}

template <class W>
void diagnostic_fields(W& w, const Diagnostic& d) {
  field(w, "rule", d.rule);
  field(w, "severity", to_string(d.severity));
  field(w, "line", d.line);
  field(w, "column", d.column);
  field(w, "message", d.message);
}

// Between documents, a rendering bound for a stream hands what it has so
// far to the stream once it passes kDrainBytes: an issue of a million tiny
// documents then never holds its whole rendering (7x the input) in memory.
constexpr std::size_t kDrainBytes = std::size_t{1} << 20;
using Drain = std::function<void()>;

template <class W>
void write_issue(W& w, const Issue& issue, const Drain& drain = {}) {
  w.begin_object();
  w.key("source");
  w.begin_object();
  field(w, "path", issue.source.path);
  field(w, "bytes", issue.source.bytes);
  field(w, "sha256", issue.source.sha256);
  field(w, "encoding", issue.source.encoding);
  w.key("pdf");
  if (issue.source.page_first_line.empty()) {
    w.null();
  } else {
    w.begin_object();
    field(w, "pages", issue.source.page_first_line.size());
    w.key("page_first_line");
    w.begin_array();
    for (int l : issue.source.page_first_line) w.value(l);
    w.end_array();
    w.key("pages_without_text");
    w.begin_array();
    for (int p : issue.source.pages_without_text) w.value(p);
    w.end_array();
    w.end_object();
  }
  w.end_object();

  const Masthead& m = issue.gazette;
  w.key("gazette");
  w.begin_object();
  null_if_empty(w, "title", m.title);
  field(w, "year", m.year);
  field(w, "issue", m.issue);
  field(w, "cumulative_issue", m.cumulative_issue);
  field(w, "published", m.published);
  field(w, "line", m.line);
  w.end_object();

  list(w, "toc", issue.toc, [&](const TocEntry& e) {
    null_if_empty(w, "section", e.section);
    field(w, "title", e.title);
    number(w, "number", e.number);
    field(w, "page", e.page);
    field(w, "line", e.line);
  });
  list(w, "documents", issue.documents, [&](const Document& d) {
    document_fields(w, d);
    if (drain) drain();
  });
  list(w, "diagnostics", issue.diagnostics, [&](const Diagnostic& d) { diagnostic_fields(w, d); });
  w.end_object();
}

// One JSON line per document, each with its issue's identity first.
void write_document_lines(const Issue& issue, std::string& out, const Drain& drain) {
  for (std::size_t k = 0; k < issue.documents.size(); ++k) {
    if (drain) drain();
    JsonWriter w(out, -1);
    w.begin_object();
    w.key("issue");
    w.begin_object();
    field(w, "path", issue.source.path);
    field(w, "sha256", issue.source.sha256);
    null_if_empty(w, "gazette", issue.gazette.title);
    field(w, "year", issue.gazette.year);
    field(w, "issue", issue.gazette.issue);
    w.end_object();
    field(w, "seq", k);
    document_fields(w, issue.documents[k]);
    w.end_object();
    out += '\n';
  }
}

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
  if (name == "json") return Format::json;
  if (name == "jsonl") return Format::jsonl;
  if (name == "yaml") return Format::yaml;
  return std::nullopt;
}

namespace {

// Appends the rendering to `out`; with a `sink`, JSON and JSON Lines are
// handed to it piecewise (out then holds only the tail).
void render_into(const Issue& issue, Format format, std::string& out, std::ostream* sink = nullptr) {
  Drain drain;
  if (sink)
    drain = [&] {
      if (out.size() < kDrainBytes) return;
      sink->write(out.data(), static_cast<std::streamsize>(out.size()));
      out.clear();
    };
  switch (format) {
    case Format::json:
    case Format::json_line: {
      JsonWriter w(out, format == Format::json ? 2 : -1);
      write_issue(w, issue, drain);
      out += '\n';
      break;
    }
    case Format::jsonl:
      write_document_lines(issue, out, drain);
      break;
    case Format::yaml: {
      YAML::Emitter e;
      e.SetIndent(2);
      YamlWriter w(e);
      write_issue(w, issue);
      out += "---\n";
      out += e.c_str();
      out += '\n';
      break;
    }
  }
}

}  // namespace

std::string render(const Issue& issue, Format format) {
  std::string out;
  render_into(issue, format, out);
  return out;
}

void render(const Issue& issue, Format format, std::string& out) {
  out.clear();
  render_into(issue, format, out);
}

void render(const Issue& issue, Format format, std::ostream& out) {
  // Issue after issue, one buffer: its capacity is kept, so a batch does
  // not grow a fresh string by doubling (and copying) for every issue.
  thread_local std::string s;
  s.clear();
  render_into(issue, format, s, &out);
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
}

std::string render_document(const Document& d) {
  std::string out;
  JsonWriter w(out, -1);
  w.begin_object();
  document_fields(w, d);
  w.end_object();
  return out;
}

}  // namespace gazette
