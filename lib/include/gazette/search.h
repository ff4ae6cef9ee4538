// gazette/search.h — searching a converted archive's catalog.
//
// A query is words, each a literal substring of a document's title or text
// (any length: one, two, three characters or more), combined as a search
// box does: words side by side must all occur (AND), `OR` between two
// groups takes either, `NOT word` or `-word` excludes, and "a quoted
// phrase" is one literal with its spaces. Filters narrow by the catalog's
// facts. Words of three characters or more are looked up in the trigram
// index (documents_fts MATCH); a two-character word through the index's
// own vocabulary (an fts5vocab table: every trigram that begins with it —
// the catalog pads each indexed column with two spaces, so every
// occurrence begins one); a single character by a scan.
//
//   gazette::SearchFilters f;
//   f.year = 2022;
//   auto hits = gazette::search("out/catalog.sqlite", "应急 OR 财政 -教育", f);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazette {

struct SearchFilters {
  std::optional<int> year, issue;
  std::string gazette;          // substring of the gazette's title
  std::string genre;            // 文种, exactly (通知, 决定, …)
  std::string issuer;           // substring of the issuers
  std::string prefix;           // 发文字号 prefix, exactly (楚政办通)
  std::string lead, responsible;  // a task department, exactly
  std::string date_from, date_to;  // 成文日期 range, ISO (inclusive)
};

struct SearchHit {
  long long id = 0;          // documents.id
  std::string path;          // the input, under the archive root
  std::string raw_path;      // the same as bytes (path unless escaped)
  int seq = 0;               // the document's position in its issue, from 0
  std::string number, title, genre, date, issuers;
  int title_line = 0, end_line = 0;
};

// The words of a query that a hit contains (not those under NOT), for
// showing and highlighting lines. Throws InputError on a malformed query.
std::vector<std::string> positive_words(std::string_view query);

// Documents matching `query` and `filters`, by path and position. Throws
// InputError for a bad query, or a catalog that cannot be read, is locked
// for longer than a few seconds, or was made by another version.
std::vector<SearchHit> search(const std::string& catalog_path, std::string_view query, const SearchFilters& filters);

// A hit as one compact JSON object (gazette-search -f json/jsonl): path,
// seq, number, title, genre, date, issuers (a list), title_line, end_line,
// line and text (the matching line; null in a record per document).
// Unknown values are null.
struct HitLine {
  int line = 0;
  std::string text;
};
std::string hit_json(const SearchHit& hit, const HitLine* line = nullptr);

// The archive root the catalog recorded ("" if none).
std::string catalog_root(const std::string& catalog_path);

}  // namespace gazette
