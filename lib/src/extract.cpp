// The pipeline: each stage one call, in the order a reader would do it.
#include "gazette/extract.h"

#include <unordered_set>

#include "gazette/chronicle.h"
#include "gazette/document.h"
#include "gazette/error.h"
#include "gazette/key_dates.h"
#include "gazette/masthead.h"
#include "gazette/reflow.h"
#include "gazette/references.h"
#include "gazette/segment.h"
#include "gazette/tasks.h"
#include "gazette/text.h"
#include "gazette/toc.h"
#include "source_hash.h"

namespace gazette {

const char* version() { return GAZETTE_VERSION; }

const char* to_string(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
  }
  return "warning";
}

namespace {

bool has_han(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len;
    if (is_han(decode_at(s, i, &len))) return true;
    i += len;
  }
  return false;
}

}  // namespace

Issue extract_text(std::string_view utf8, const ExtractOptions& options) {
  Issue issue;
  issue.source.path = options.path;
  Text text = split_lines(utf8);

  // The front matter is at most a few hundred lines.
  std::size_t masthead_end = 0;
  issue.gazette = read_masthead(text, 400, &masthead_end);
  Pages pages = strip_furniture(text, issue.gazette.line ? masthead_end + 1 : 0);

  Toc toc = read_toc(text, 0);
  issue.toc = toc.entries;
  std::size_t body_start = !toc.entries.empty() ? toc.last + 1 : (issue.gazette.line ? masthead_end + 1 : 0);

  std::vector<Segment> segs = segment(text, toc, body_start, &issue.diagnostics);
  // Prose above the first document belongs to none: say where, so that
  // nothing goes missing unnoticed (a document whose start was not found).
  // Lines without a full stop there are a colophon or a database's header
  // (主办/地址/电话, 【法宝引证码】), not a document.
  if (!segs.empty()) {
    std::size_t stray = 0, first = 0;
    bool prose = false;
    for (std::size_t k = body_start; k < segs[0].head_first(); ++k) {
      if (text.lines[k].blank()) continue;
      if (!stray++) first = k;
      prose = prose || find_literal(text.lines[k].norm, "。") != std::string_view::npos;
    }
    if (prose)
      issue.diagnostics.push_back({"text-before-first-document", Severity::warning, text.lines[first].number, 1,
                                   std::to_string(stray) + " line(s) of text stand before the first document found (line " +
                                       std::to_string(text.lines[segs[0].head_first()].number) +
                                       ") and belong to no document"});
  }
  issue.documents.reserve(segs.size());  // no doubling: a moved-from copy of every document at once
  for (const Segment& s : segs) {
    Document d = read_document(text, s, pages, &issue.diagnostics, options.keep_text);
    // Whole-document stages over the joined text.
    Stream body(text, s.title_first, s.end);
    d.references = find_references(body, d.number ? std::string_view(d.number->text) : std::string_view());
    d.tasks = find_tasks(body);
    d.key_dates = find_key_dates(body);
    if (d.genre && *d.genre == "大事记") {
      if (auto y = heading_year(d.title)) {
        d.entries = find_entries(text, s.title_last + 1, s.end, *y, &issue.diagnostics, heading_month(d.title).value_or(0));
      } else {
        issue.diagnostics.push_back({"chronicle-without-year", Severity::warning, d.title_line, 1,
                                     "chronicle heading names no year; entries cannot be dated"});
      }
    }
    issue.documents.push_back(std::move(d));
  }

  // A TOC entry and its document should agree on the number.
  std::unordered_set<std::string> numbers_seen;
  for (const Segment& s : segs) {
    // A number printed twice is one finding (gazette-check's number-duplicate),
    // not also a mismatch with the TOC entry the second copy stands for.
    bool duplicate = s.number && !numbers_seen.insert(squeeze(fold(s.number->text))).second;
    if (duplicate || !s.toc || !s.toc->number || !s.number) continue;
    // The same number printed in another form (brackets, 第) is not a
    // mismatch; gazette-check reports the form on its own.
    const DocNumber &a = *s.toc->number, &b = *s.number;
    bool same = (a.prefix == b.prefix && a.year == b.year && a.serial == b.serial && a.serial) ||
                squeeze(fold(a.text)) == squeeze(fold(b.text));
    if (!same)
      issue.diagnostics.push_back({"toc-number-mismatch", Severity::warning, s.toc->line, 1,
                                   "table of contents gives " + s.toc->number->text + ", the document " + s.number->text});
  }

  if (options.require_structure) {
    bool titled = false;
    for (const auto& d : issue.documents)
      if (!d.title.empty() && (d.number || d.genre)) titled = true;
    if (!has_han(utf8)) throw InputError("not a gazette: the text holds no Chinese characters");
    // An untitled text still counts when it has the shape of an official
    // document: numbered headings, task annotations or a date line (the
    // body-only texts of policy databases look like this).
    bool shaped = false;
    for (const auto& d : issue.documents) shaped = shaped || !d.tasks.empty() || d.date || !d.references.empty();
    for (std::size_t i = 0; i < text.lines.size() && !shaped; ++i)
      shaped = !text.lines[i].blank() && starts_heading(text.lines[i].norm);
    if (!titled && !shaped && issue.toc.empty() && issue.gazette.title.empty())
      throw InputError("not a gazette: no masthead, table of contents, document title or numbered headings found");
  }
  return issue;
}

Issue extract(std::string_view bytes, const ExtractOptions& options) {
  return extract(bytes, decode(bytes, options.decode), options);
}

Issue extract(std::string_view bytes, const Decoded& decoded, const ExtractOptions& options) {
  Issue issue = extract_text(decoded.text(), options);
  issue.source.bytes = bytes.size();
  issue.source.sha256 = options.sha256.empty() ? sha256_hex(bytes) : options.sha256;
  issue.source.encoding = decoded.encoding;
  issue.source.page_first_line = decoded.page_first_line;
  issue.source.pages_without_text = decoded.pages_without_text;
  if (decoded.radicals) {
    auto [line, column] = position_of(decoded.text(), decoded.first_radical);
    issue.diagnostics.push_back({"radicals-read-as-ideographs", Severity::info, line, column,
                                 std::to_string(decoded.radicals) +
                                     " CJK radical characters (⼈⺠ for 人民, as PDF extractors leave them) were read "
                                     "as the ideographs they stand for; the first is here"});
  }
  for (int page : decoded.pages_without_text) {
    int line = page <= static_cast<int>(decoded.page_first_line.size()) ? decoded.page_first_line[page - 1] : 0;
    issue.diagnostics.push_back({"pdf-page-without-text", Severity::warning, line, 0,
                                 "PDF page " + std::to_string(page) +
                                     " has no text layer (an image only): what it shows is not read; OCR it if it "
                                     "holds text"});
  }
  return issue;
}

}  // namespace gazette
