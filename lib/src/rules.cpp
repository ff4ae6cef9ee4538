// The rules of gazette-check that a schema cannot express (docs/CHECK.md).
// Each has a stable id, a default severity the profile may change, and a
// message saying what is wrong, where, and what was expected.
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <unordered_map>

#include "gazette/check.h"
#include "gazette/dates.h"
#include "gazette/decode.h"
#include "gazette/emit.h"
#include "gazette/error.h"
#include "gazette/extract.h"
#include "gazette/numbers.h"
#include "gazette/toc.h"

namespace gazette {

const std::vector<RuleInfo>& rules() {
  static const std::vector<RuleInfo> r = {
      {"schema", Severity::error, "the extraction does not match schemas/issue.schema.yaml"},
      {"toc-entry-without-document", Severity::error, "a table of contents entry whose document is not in the body"},
      {"document-not-in-toc", Severity::warning, "a document of the body that the table of contents does not list"},
      {"toc-number-mismatch", Severity::error, "the table of contents and the document print different numbers"},
      {"toc-title-mismatch", Severity::error, "the table of contents and the document print different titles"},
      {"toc-page-order", Severity::warning, "table of contents pages do not increase"},
      {"number-brackets", Severity::error, "the year of a 发文字号 is not in 六角括号 〔〕"},
      {"number-year", Severity::error, "the year of a 发文字号 is not four digits"},
      {"number-di", Severity::warning, "a 发文字号 prints 第 before its serial"},
      {"number-leading-zero", Severity::warning, "the serial of a 发文字号 starts with 0"},
      {"number-hao", Severity::error, "a 发文字号 does not end in 号"},
      {"number-unknown-prefix", Severity::warning, "the organ code of a 发文字号 is not known to the profile"},
      {"number-duplicate", Severity::error, "the same 发文字号 twice in one issue"},
      {"number-serial-gap", Severity::info, "serials missing within one organ code and year"},
      {"date-invalid", Severity::error, "a date that is no calendar date"},
      {"document-without-date", Severity::error, "a document with a 发文字号 or addressees but no 成文日期"},
      {"document-without-issuer", Severity::warning, "a document whose issuer neither its title nor a signature names"},
      {"date-after-issue", Severity::error, "a 成文日期 after the issue's month of publication"},
      {"key-date-order", Severity::error, "a document that expires before it takes effect"},
      {"printed-before-date", Severity::error, "a colophon's 印发 date before the 成文日期"},
      {"chronicle-date-range", Severity::warning, "a chronicle entry outside the months of its heading"},
      {"chronicle-order", Severity::warning, "chronicle entries out of date order"},
      {"chronicle-without-year", Severity::warning, "a chronicle heading that names no year"},
      {"department-unknown", Severity::warning, "a department that is not in the profile's registry"},
      {"department-lead-and-responsible", Severity::warning, "the same department both lead and responsible"},
      {"notice-without-addressees", Severity::warning, "a notice with no 主送机关"},
      {"notice-without-public-marking", Severity::warning, "a notice without (此件公开发布) where the profile expects it"},
      {"title-unknown-genre", Severity::warning, "a title that does not end in a known 文种"},
      {"document-without-title", Severity::warning, "a text in which no document title was found"},
      {"text-before-first-document", Severity::warning, "prose above the first document found, in no document"},
      {"pdf-page-without-text", Severity::warning, "a page of a PDF input with no text layer (an image only)"},
      {"radicals-read-as-ideographs", Severity::info, "CJK radicals in the text were read as the ideographs they stand for"},
      {"section-unexpected", Severity::warning, "a table of contents section the profile does not know"},
  };
  return r;
}

namespace {

// Indices of `paged` outside a longest non-decreasing run of pages
// (patience sorting: O(n log n)), in order. Of runs as long, the one that
// keeps the earlier entries: pages 3 2 28 name 2, the entry that comes
// after a later page. (Read from the end, a non-increasing run; patience
// sorting keeps the last element it reads, here the earliest.)
std::vector<std::size_t> outside_longest_run(const std::vector<const TocEntry*>& paged) {
  const std::size_t n = paged.size();
  auto key = [&](std::size_t j) { return -*paged[n - 1 - j]->page; };  // j-th from the end
  std::vector<std::size_t> tails, prev(n, SIZE_MAX);  // tails[k]: j ending a run of k+1
  for (std::size_t j = 0; j < n; ++j) {
    int v = key(j);
    auto it = std::upper_bound(tails.begin(), tails.end(), v, [&](int x, std::size_t t) { return x < key(t); });
    if (it != tails.begin()) prev[j] = *(it - 1);
    if (it == tails.end()) tails.push_back(j);
    else *it = j;
  }
  std::vector<bool> in_run(n, false);
  for (std::size_t j = tails.empty() ? SIZE_MAX : tails.back(); j != SIZE_MAX; j = prev[j]) in_run[n - 1 - j] = true;
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < n; ++i)
    if (!in_run[i]) out.push_back(i);
  return out;
}

class Reporter {
 public:
  Reporter(const Profile& p, std::string file, const Text* text, std::vector<Finding>* out)
      : profile_(p), file_(std::move(file)), text_(text), out_(out) {}

  // `span`: the text the finding is about, printed on `line` at or after
  // `column`'s start; it gives the end position (the column after it).
  void add(const std::string& rule, int line, int column, std::string message, std::string_view span = {}) {
    std::optional<Severity> sev = default_severity(rule);
    if (auto it = profile_.severities.find(rule); it != profile_.severities.end()) sev = it->second;
    if (!sev) return;  // off
    int end_line = 0, end_column = 0;
    if (int end = span_end(line, column, span); end > 0) end_line = line, end_column = end;
    out_->push_back({rule, *sev, file_, line, column, std::move(message), end_line, end_column});
  }

  // Column (1-based, characters) of `needle` on `line`, plus `offset` bytes
  // into it; 0 if the text is not at hand or the needle not on that line.
  // The column of the first printed character of a line (1 without the text).
  int first_column(int line) const {
    if (!text_ || line < 1 || static_cast<std::size_t>(line) > text_->lines.size()) return 1;
    std::string_view raw = text_->lines[static_cast<std::size_t>(line) - 1].raw;
    int col = 1;
    for (std::size_t i = 0; i < raw.size();) {
      std::size_t len;
      char32_t c = decode_at(raw, i, &len);
      if (c != ' ' && c != '\t' && c != 0x3000 && c != 0xA0) break;
      ++col;
      i += len;
    }
    return col;
  }

  // The column after the occurrence of `span` on `line` that holds
  // `column`; 0 if there is none (or no text).
  int span_end(int line, int column, std::string_view span) const {
    if (!text_ || span.empty() || column < 1 || line < 1 || static_cast<std::size_t>(line) > text_->lines.size()) return 0;
    std::string_view raw = text_->lines[static_cast<std::size_t>(line) - 1].raw;
    const int len = static_cast<int>(count_chars(span));
    for (std::size_t at = raw.find(span); at != std::string_view::npos; at = raw.find(span, at + 1)) {
      int start = static_cast<int>(count_chars(raw.substr(0, at))) + 1;
      if (start > column) break;
      if (column < start + len) return start + len;
    }
    return 0;
  }

  int column_of(int line, std::string_view needle, std::size_t offset = 0, bool last = false) const {
    if (!text_ || line < 1 || static_cast<std::size_t>(line) > text_->lines.size() || needle.empty()) return 0;
    std::string_view raw = text_->lines[static_cast<std::size_t>(line) - 1].raw;
    std::size_t at = last ? raw.rfind(needle) : raw.find(needle);
    if (at == std::string_view::npos) return 0;
    return static_cast<int>(count_chars(raw.substr(0, at + std::min(offset, needle.size())))) + 1;
  }

 private:
  static std::optional<Severity> default_severity(const std::string& rule) {
    for (const auto& r : rules())
      if (rule == r.id) return r.severity;
    return Severity::warning;
  }
  const Profile& profile_;
  std::string file_;
  const Text* text_;
  std::vector<Finding>* out_;
};

// GB/T 9704-2012 §7.2.5: 机关代字 + 〔年份〕 + 序号 + 号, no 第, no leading 0.
void check_number_form(const DocNumber& n, Reporter& r) {
  const std::string& t = n.text;
  int line = n.line;
  static const RE2 form(R"(^([\p{Han}A-Za-z]*)\s*([〔\[\(（【〈［]?)\s*([0-9０-９]*)\s*([〕\]\)）】〉］]?)\s*(第?)\s*([0-9０-９]*)\s*(号?)$)");
  std::string prefix, open, year, close, di, serial, hao;
  // Orders and announcements in their organ's own series: 国务院令第752号,
  // 中国人民银行公告〔2023〕第5号 (docs/CHECK.md, number-brackets).
  if (t.find("令第") != std::string::npos || numbered_genre(n.prefix)) return;
  if (!RE2::FullMatch(t, form, &prefix, &open, &year, &close, &di, &serial, &hao)) return;
  if (open != "〔" || close != "〕")
    r.add("number-brackets", line, r.column_of(line, t, prefix.size()),
          "the year of " + t + " stands in " + (open.empty() ? std::string("no brackets") : open + close) +
              "; GB/T 9704 prints it in 六角括号 〔〕",
          t);
  std::string y = fold(year);
  if (y.size() != 4)
    r.add("number-year", line, r.column_of(line, t, prefix.size() + open.size()),
          "the year of " + t + " has " + std::to_string(y.size()) + " digits; expected four (〔2022〕)", t);
  if (!di.empty())
    r.add("number-di", line, r.column_of(line, t, t.find("第")),
          t + " prints 第 before its serial; expected " + prefix + "〔" + y + "〕" + fold(serial) + "号", t);
  std::string s = fold(serial);
  if (s.size() > 1 && s[0] == '0')
    r.add("number-leading-zero", line, r.column_of(line, t, t.rfind(serial)),
          "the serial of " + t + " starts with 0; expected " +
              s.substr(s.find_first_not_of('0') == std::string::npos ? s.size() - 1 : s.find_first_not_of('0')),
          t);
  if (hao.empty())
    r.add("number-hao", line, r.column_of(line, t, t.size()), t + " does not end in 号");
}

std::string key_of(const std::string& number_text) { return squeeze(fold(number_text)); }

std::optional<std::pair<int, int>> ym(const std::string& iso_date) {
  static const RE2 re(R"((\d{4})-(\d{2})-(\d{2}))");
  int y, m, d;
  if (!RE2::FullMatch(iso_date, re, &y, &m, &d)) return std::nullopt;
  return std::make_pair(y, m);
}

std::u32string u32(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len;
    out += decode_at(s, i, &len);
    i += len;
  }
  return out;
}

}  // namespace

namespace {

// Edit distance if it is at most `limit`, else limit + 1: only the band of
// width 2·limit+1 around the diagonal is computed, and a row whose minimum
// is over the limit ends it (most names of a registry end within a row
// or two).
std::size_t bounded_distance(const std::u32string& a, const std::u32string& b, std::size_t limit) {
  const std::size_t over = limit + 1;
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return over;
  std::vector<std::size_t> prev(b.size() + 1, over), cur(b.size() + 1, over);
  for (std::size_t j = 0; j <= std::min(b.size(), limit); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t lo = i > limit ? i - limit : 0, hi = std::min(b.size(), i + limit);
    std::fill(cur.begin(), cur.end(), over);
    if (lo == 0) cur[0] = i;
    std::size_t row_min = lo == 0 ? cur[0] : over;
    for (std::size_t j = std::max<std::size_t>(lo, 1); j <= hi; ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), over});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return over;
    std::swap(prev, cur);
  }
  return std::min(prev[b.size()], over);
}

}  // namespace

std::vector<std::string> nearest_names(std::string_view name, const std::vector<Department>& registry, std::size_t max) {
  std::u32string n = u32(name);
  const std::size_t limit = std::max<std::size_t>(2, n.size() / 3);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& d : registry) {
    std::size_t best = bounded_distance(n, u32(d.name), limit);
    for (const auto& a : d.aliases) best = std::min(best, bounded_distance(n, u32(a), limit));
    if (best <= limit) scored.emplace_back(best, d.name);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (const auto& [dist, nm] : scored) {
    if (out.size() >= max) break;
    if (std::find(out.begin(), out.end(), nm) == out.end()) out.push_back(nm);
  }
  return out;
}

std::vector<Finding> run_rules(const Issue& issue, const Profile& profile, const Text* source, std::string_view file) {
  std::vector<Finding> out;
  Reporter r(profile, std::string(file), source, &out);

  // What the parser itself could not resolve, under the same ids.
  for (const auto& d : issue.diagnostics) {
    std::string rule = d.rule == "chronicle-invalid-date" ? "date-invalid" : d.rule;
    r.add(rule, d.line, d.column, d.message);
  }

  // TOC <-> body.
  if (!issue.toc.empty()) {
    std::unordered_map<std::string, const TocEntry*> by_number, by_title;
    for (const auto& e : issue.toc) {
      if (e.number) by_number.emplace(key_of(e.number->text), &e);
      by_title.emplace(squeeze(fold(e.title)), &e);
    }
    // Each entry goes with one document: a duplicate 发文字号 (its own
    // finding) leads the second document to its entry by title, not to the
    // first document's entry.
    std::set<const TocEntry*> used;
    for (const auto& d : issue.documents) {
      const TocEntry* e = nullptr;
      if (d.number)
        if (auto it = by_number.find(key_of(d.number->text)); it != by_number.end() && !used.count(it->second)) e = it->second;
      if (!e)
        if (auto it = by_title.find(squeeze(fold(d.title))); it != by_title.end()) e = it->second;
      if (e) used.insert(e);
      if (!e) {
        bool reported = std::any_of(issue.diagnostics.begin(), issue.diagnostics.end(), [&](const Diagnostic& g) {
          return g.rule == "toc-number-mismatch" && d.number && g.message.find(d.number->text) != std::string::npos;
        });
        if (!reported)
          r.add("document-not-in-toc", d.title_line, 1, "document '" + d.title + "' is not listed in the table of contents");
        continue;
      }
      // An order is listed by its head (中华人民共和国国务院令) or by what it
      // promulgates, which is its title.
      std::string toc_title = squeeze(fold(e->title));
      bool order_head = d.promulgates && d.number && toc_title == squeeze(fold(d.number->prefix));
      if (toc_title != squeeze(fold(d.title)) && !order_head)
        r.add("toc-title-mismatch", e->line, 1,
              "table of contents title '" + e->title + "' differs from the document's title '" + d.title + "' (line " +
                  std::to_string(d.title_line) + ")");
    }
    // The entries out of order are those outside the longest run of
    // non-decreasing pages (one typo, 3 120 28 33, names 120, not 28 and 33).
    std::vector<const TocEntry*> paged;
    for (const auto& e : issue.toc)
      if (e.page) paged.push_back(&e);
    for (std::size_t k : outside_longest_run(paged)) {
      const TocEntry& e = *paged[k];
      r.add("toc-page-order", e.line, 1,
            "page " + std::to_string(*e.page) + " of '" + e.title + "' is out of order with the pages around it");
    }
    if (!profile.sections.empty())
      for (const auto& e : issue.toc)
        if (!e.section.empty() && std::find(profile.sections.begin(), profile.sections.end(), e.section) == profile.sections.end())
          r.add("section-unexpected", e.line, 1, "section '" + e.section + "' is not one the profile '" + profile.name + "' knows");
  }

  // Numbers: form, prefix, duplicates, gaps.
  std::unordered_map<std::string, const Document*> seen;
  std::map<std::pair<std::string, int>, std::vector<std::pair<std::int64_t, const Document*>>> serials;
  for (const auto& d : issue.documents) {
    if (!d.number) continue;
    const DocNumber& n = *d.number;
    check_number_form(n, r);
    if (!profile.prefixes.empty() && !n.prefix.empty() && n.text.find("令第") == std::string::npos) {
      std::vector<std::string> allowed;
      if (d.section)
        if (auto it = profile.prefixes.find(*d.section); it != profile.prefixes.end()) allowed = it->second;
      if (auto it = profile.prefixes.find("*"); it != profile.prefixes.end())
        allowed.insert(allowed.end(), it->second.begin(), it->second.end());
      if (std::find(allowed.begin(), allowed.end(), n.prefix) == allowed.end()) {
        std::string known;
        for (const auto& a : allowed) known += (known.empty() ? "" : ", ") + a;
        r.add("number-unknown-prefix", n.line, r.column_of(n.line, n.text),
              "organ code '" + n.prefix + "' of " + n.text + " is not known" +
                  (d.section ? " for section '" + *d.section + "'" : std::string()) +
                  (known.empty() ? std::string() : "; expected one of " + known),
              n.text);
      }
    }
    // The same number in another form (〔〕 or [], with or without 号) is
    // still the same number.
    std::string identity = n.year && n.serial && !n.prefix.empty()
                               ? n.prefix + "|" + std::to_string(*n.year) + "|" + std::to_string(*n.serial)
                               : key_of(n.text);
    auto [it, fresh] = seen.emplace(identity, &d);
    if (!fresh)
      r.add("number-duplicate", n.line, r.column_of(n.line, n.text),
            n.text + " is also the number of '" + it->second->title + "' (line " + std::to_string(it->second->title_line) + ")",
            n.text);
    if (n.year && n.serial && !n.prefix.empty()) serials[{n.prefix, *n.year}].emplace_back(*n.serial, &d);
  }
  for (auto& [key, list] : serials) {
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 1; i < list.size(); ++i) {
      std::int64_t lo = list[i - 1].first, hi = list[i].first;
      if (hi - lo > 1 && hi - lo <= 50) {
        const DocNumber& n = *list[i].second->number;
        std::string missing = hi - lo == 2 ? std::to_string(lo + 1) : std::to_string(lo + 1) + "–" + std::to_string(hi - 1);
        r.add("number-serial-gap", n.line, r.column_of(n.line, n.text),
              key.first + "〔" + std::to_string(key.second) + "〕 serial " + missing + " not in this issue (between " +
                  std::to_string(lo) + "号 and " + std::to_string(hi) + "号)",
              n.text);
      }
    }
  }

  // Dates.
  std::optional<std::pair<int, int>> published;
  if (issue.gazette.published) {
    static const RE2 re(R"((\d{4})-(\d{2}))");
    int y, m;
    if (RE2::FullMatch(*issue.gazette.published, re, &y, &m)) published = std::make_pair(y, m);
  }
  // Lines of the parser's date-invalid findings, sorted: a document whose
  // printed date is no calendar date is not also document-without-date
  // (one lookup per document, not a scan of every diagnostic).
  std::vector<int> invalid_dates;
  for (const Diagnostic& g : issue.diagnostics)
    if (g.rule == "date-invalid") invalid_dates.push_back(g.line);
  std::sort(invalid_dates.begin(), invalid_dates.end());
  auto invalid_date_in = [&](const Document& d) {
    auto it = std::lower_bound(invalid_dates.begin(), invalid_dates.end(), d.title_line);
    return it != invalid_dates.end() && (d.end_line == 0 || *it <= d.end_line);
  };
  for (const auto& d : issue.documents) {
    const bool chronicle = d.genre && *d.genre == "大事记";
    if (d.date) {
      // A date finding points at the date as printed (older extractions
      // without date_line: at the title).
      int line = d.date_line ? d.date_line : d.title_line, column = d.date_line ? r.first_column(d.date_line) : 1;
      auto date = ym(*d.date);
      if (!date) {
        r.add("date-invalid", line, column, "date '" + *d.date + "' of '" + d.title + "' is not YYYY-MM-DD");
      } else {
        int y = 0, m = 0, dd = 0;
        std::sscanf(d.date->c_str(), "%d-%d-%d", &y, &m, &dd);
        if (!is_valid_date(y, m, dd)) r.add("date-invalid", line, column, "date " + *d.date + " of '" + d.title + "' is not a calendar date");
        if (published && *date > *published)
          r.add("date-after-issue", line, column,
                "成文日期 " + *d.date + " of '" + d.title + "' is after the issue's month " + *issue.gazette.published);
      }
    } else if (!chronicle && (d.number || !d.addressees.empty()) && !invalid_date_in(d)) {
      r.add("document-without-date", d.title_line, 1,
            "'" + d.title + "' has " + (d.number ? "a 发文字号" : "addressees") + " but no 成文日期 at its foot");
    }
    // An untitled text is reported as such (document-without-title).
    if (!chronicle && !d.title.empty() && d.issuers.empty() && d.signers.empty())
      r.add("document-without-issuer", d.title_line, 1,
            "no issuer found for '" + d.title + "': neither its title nor a signature names one");
    // Key dates: an expiry before the effective date stated before it, a
    // printing date before the signing.
    const KeyDate* effective = nullptr;
    for (const KeyDate& k : d.key_dates) {
      if (!k.date) continue;
      if (k.kind == "effective") effective = &k;
      if (k.kind == "expires" && effective && *k.date < *effective->date)
        r.add("key-date-order", k.line, 1,
              "'" + k.text + "' expires on " + *k.date + ", before '" + effective->text + "' (line " +
                  std::to_string(effective->line) + ") takes effect on " + *effective->date);
      if (k.kind == "printed" && d.date && *k.date < *d.date)
        r.add("printed-before-date", k.line, 1,
              "'" + k.text + "' prints on " + *k.date + ", before the 成文日期 " + *d.date + " of '" + d.title + "'");
    }
    if (!d.entries.empty()) {
      static const RE2 range(R"((\d{4})年(\d{1,2})月(?:\s*[-—–~至]\s*(?:(\d{4})年)?(\d{1,2})月)?)");
      std::string y1, m1, y2, m2;
      if (RE2::PartialMatch(fold(d.title), range, &y1, &m1, &y2, &m2)) {
        int sy = std::stoi(y1), sm = std::stoi(m1);
        int ey = y2.empty() ? sy : std::stoi(y2), em = m2.empty() ? sm : std::stoi(m2);
        if (y2.empty() && em < sm) ++ey;
        std::string from = iso_month(sy, sm), to = iso_month(ey, em);
        for (const auto& e : d.entries) {
          std::string month = e.date.substr(0, 7);
          if (month < from || month > to)
            r.add("chronicle-date-range", e.line, 1, "entry dated " + e.date + " lies outside " + from + " to " + to + " named by the heading");
        }
      }
      for (std::size_t i = 1; i < d.entries.size(); ++i)
        if (d.entries[i].date < d.entries[i - 1].date)
          r.add("chronicle-order", d.entries[i].line, 1,
                "entry dated " + d.entries[i].date + " follows one dated " + d.entries[i - 1].date + " (line " +
                    std::to_string(d.entries[i - 1].line) + ")");
    }
  }

  // Departments.
  std::unordered_map<std::string, std::string> canonical;  // name or alias -> name
  if (profile.departments)
    for (const auto& dep : *profile.departments) {
      canonical.emplace(dep.name, dep.name);
      for (const auto& a : dep.aliases) canonical.emplace(a, dep.name);
    }
  std::unordered_map<std::string, std::vector<std::string>> hints;
  for (const auto& d : issue.documents)
    for (const auto& t : d.tasks) {
      auto canon = [&](const std::string& n) {
        auto it = canonical.find(n);
        return it == canonical.end() ? n : it->second;
      };
      if (profile.departments)
        for (const auto* list : {&t.lead, &t.responsible})
          for (const auto& n : *list) {
            if (canonical.count(n)) continue;
            // One search per distinct unknown name (an issue repeats them).
            auto memo = hints.find(n);
            if (memo == hints.end()) memo = hints.emplace(n, nearest_names(n, *profile.departments, 2)).first;
            const auto& near = memo->second;
            std::string hint;
            for (const auto& x : near) hint += (hint.empty() ? "; did you mean " : " or ") + x;
            r.add("department-unknown", t.line, r.column_of(t.line, n),
                  "department '" + n + "' is not in the registry of profile '" + profile.name + "'" + (hint.empty() ? "" : hint + "?"),
                  n);
          }
      std::set<std::string> leads;
      for (const auto& n : t.lead) leads.insert(canon(n));
      for (const auto& n : t.responsible)
        if (leads.count(canon(n)))
          r.add("department-lead-and-responsible", t.line, r.column_of(t.line, n, 0, true),
                "'" + n + "' is both lead and responsible in this annotation", n);
    }

  // Notices and titles.
  for (const auto& d : issue.documents) {
    bool notice = d.number && d.genre && (*d.genre == "通知" || *d.genre == "通报" || *d.genre == "批复" || *d.genre == "函");
    if (notice && d.addressees.empty())
      r.add("notice-without-addressees", d.title_line, 1, "notice '" + d.title + "' names no 主送机关 (addressees) after its number");
    if (notice && profile.public_marking && !d.is_public && *d.genre == "通知")
      r.add("notice-without-public-marking", d.title_line, 1,
            "notice '" + d.title + "' carries no (此件公开发布), which profile '" + profile.name + "' expects");
    if (!d.title.empty() && !d.genre)
      r.add("title-unknown-genre", d.title_line, 1,
            "title '" + d.title + "' does not end in a known 文种 (通知, 意见, 决定, 通报, 批复, 函, 报告 …)");
  }
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) { return a.line < b.line; });
  return out;
}

std::vector<Finding> schema_findings(const std::vector<SchemaViolation>& violations, const YAML::Node& extraction,
                                     const Profile& profile, std::string_view file, std::string_view at) {
  std::vector<Finding> out;
  Reporter r(profile, std::string(file), nullptr, &out);
  for (const auto& v : violations) {
    // The deepest object on the path that carries a line of the source.
    int line = 0;
    YAML::Node node;
    node.reset(extraction);
    std::size_t i = 1;
    auto take_line = [&](const YAML::Node& n) {
      if (!n.IsMap()) return;
      for (const char* k : {"line", "title_line"})
        if (auto l = n[k]; l && l.IsScalar()) {
          try {
            if (int x = l.as<int>(); x > 0) line = x;
          } catch (const YAML::Exception&) {
          }
        }
    };
    take_line(node);
    // `extraction` stands at `at` in the whole: walk the rest of the path.
    const std::string path = v.path.compare(0, at.size(), at) == 0 ? v.path.substr(at.size()) : v.path;
    while (!path.empty() && i <= path.size()) {
      std::size_t next = path.find('/', i);
      std::string tok = path.substr(i, next == std::string::npos ? std::string::npos : next - i);
      YAML::Node child;
      const YAML::Node& c = node;
      if (c.IsSequence()) {
        std::size_t idx = std::strtoul(tok.c_str(), nullptr, 10);
        if (idx < c.size()) child.reset(c[idx]);
      } else if (c.IsMap()) {
        for (auto it = c.begin(); it != c.end(); ++it)
          if (it->first.Scalar() == tok) child.reset(it->second);
      }
      if (!child.IsDefined() || child.IsNull()) break;
      node.reset(child);
      take_line(node);
      if (next == std::string::npos) break;
      i = next + 1;
    }
    r.add("schema", line, 0, (v.path.empty() ? std::string("/") : v.path) + ": " + v.message);
  }
  return out;
}

Checked check_input(const std::string& path, std::string bytes, const Schema& schema, const Profile& profile,
                    const CheckOptions& options) {
  Checked out;
  out.path = path;
  Issue issue;
  auto keep_text = [&](std::string utf8) {
    out.utf8 = std::make_shared<const std::string>(std::move(utf8));
    out.text = std::make_shared<const Text>(split_lines(*out.utf8));
  };
  if (looks_like_extraction(bytes)) {
    YAML::Node extraction = load_extraction(bytes);
    issue = read_issue(extraction);
    // Lines refer to the text the extraction was made from.
    if (!issue.source.path.empty() && issue.source.path != "-") {
      out.path = issue.source.path;
      std::string src = options.read_source ? options.read_source(issue.source.path) : std::string();
      if (!src.empty()) {
        try {
          keep_text(std::string(decode(src, {options.encoding}).text()));
        } catch (const InputError&) {  // undecodable: findings without columns
        }
      }
    }
    out.findings = schema_findings(schema.validate(extraction), extraction, profile, out.path);
  } else {
    ExtractOptions opt;
    opt.decode.encoding = options.encoding;
    opt.path = path;
    opt.keep_text = false;
    // Decoded once: the extraction and the line table read the same text.
    Decoded decoded = decode(bytes, opt.decode);
    issue = extract(bytes, decoded, opt);
    if (decoded.was_converted) {
      keep_text(std::move(decoded.converted));
    } else {
      // The text is the input itself (a BOM aside): keep the bytes, cut to
      // the text in place, rather than copy them.
      const std::size_t from = static_cast<std::size_t>(decoded.text().data() - bytes.data());
      const std::size_t size = decoded.text().size();
      bytes.resize(from + size);
      bytes.erase(0, from);
      keep_text(std::move(bytes));
    }
    out.findings = schema_findings(schema, issue, profile, out.path);
  }
  // An extraction is data from anyone: its page map is used only when it
  // is one (increasing lines from 1).
  const auto& firsts = issue.source.page_first_line;
  if (!firsts.empty() && firsts.front() >= 1 && std::is_sorted(firsts.begin(), firsts.end()))
    out.page_first_line = firsts;
  auto from_rules = run_rules(issue, profile, out.text.get(), out.path);
  out.findings.insert(out.findings.end(), std::make_move_iterator(from_rules.begin()),
                      std::make_move_iterator(from_rules.end()));
  return out;
}

std::vector<Finding> schema_findings(const Schema& schema, const Issue& issue, const Profile& profile,
                                     std::string_view file) {
  const LoadLimits own = extraction_limits(kMaxExtractionNodes);  // our own rendering: no aliases
  if (!schema.items_apart("documents")) {
    YAML::Node whole = load_document(render(issue, Format::json_line), own);
    return schema_findings(schema.validate(whole), whole, profile, file);
  }
  Issue skeleton;
  skeleton.source = issue.source;
  skeleton.gazette = issue.gazette;
  skeleton.toc = issue.toc;
  skeleton.diagnostics = issue.diagnostics;
  YAML::Node top = load_document(render(skeleton, Format::json_line), own);
  std::vector<Finding> out = schema_findings(schema.validate(top), top, profile, file);
  for (std::size_t k = 0; k < issue.documents.size(); ++k) {
    YAML::Node doc = load_document(render_document(issue.documents[k]), own);
    auto more = schema_findings(schema.validate_item(doc, "documents", k), doc, profile, file,
                                "/documents/" + std::to_string(k));
    out.insert(out.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  }
  return out;
}

}  // namespace gazette
