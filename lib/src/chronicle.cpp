// Stage 10, chronicle: dated paragraphs of a 大事记.
#include "gazette/chronicle.h"

#include <re2/re2.h>

#include "gazette/dates.h"
#include "gazette/numbers.h"
#include "gazette/reflow.h"

namespace gazette {
namespace {

// [month], day, optional end month, end day; then what follows the date.
// The month may be left out under a month heading: 1月 / 3日 … / 5日—6日 ….
const RE2& entry_re() {
  static const RE2 re(R"(^(?:(\d{1,2})月)?(\d{1,2})日(?:\s*(?:至|-|—+|~|–)\s*(?:(\d{1,2})月)?(\d{1,2})日)?(.?))");
  return re;
}

// A month heading on its own line: 11月, 一月, 十二月份. 0 if not one.
// (By hand: one more regex compiled per process cost more than this.)
int month_heading(std::string_view norm) {
  if (norm.size() > 16 || norm.find("月") == std::string_view::npos) return 0;
  std::string buf;
  std::string_view sq = squeeze(norm, buf);
  if (sq.size() >= 3 && sq.substr(sq.size() - 3) == "份") sq.remove_suffix(3);
  if (sq.size() < 4 || sq.substr(sq.size() - 3) != "月") return 0;
  sq.remove_suffix(3);
  bool digits = sq.size() <= 2 && sq.find_first_not_of("0123456789") == std::string_view::npos;
  bool numerals = sq.size() <= 9 && sq.size() % 3 == 0;
  for (std::size_t i = 0; numerals && i < sq.size(); i += 3)
    numerals = std::string_view("一二三四五六七八九十").find(sq.substr(i, 3)) != std::string_view::npos;
  if (!digits && !numerals) return 0;
  auto n = chinese_number(sq);
  return n && *n >= 1 && *n <= 12 ? static_cast<int>(*n) : 0;
}

// The line without the bullet some chronicles put before each date (●1月9日).
std::string_view without_bullet(std::string_view s) {
  for (;;) {
    if (s.empty()) return s;
    if (s[0] == ' ' || s[0] == '*') {
      s.remove_prefix(1);
      continue;
    }
    std::size_t len;
    char32_t c = decode_at(s, 0, &len);
    if (c != U'●' && c != U'◆' && c != U'■' && c != U'▲' && c != U'○' && c != U'·' && c != U'★' && c != U'◇' &&
        c != U'□' && c != U'•' && c != U'◎' && c != U'▪')
      return s;
    s.remove_prefix(len);
  }
}

}  // namespace

std::optional<int> heading_year(std::string_view title) {
  static const RE2 re(R"((\d{4})年)");
  std::string y;
  if (RE2::PartialMatch(fold(title), re, &y)) return std::stoi(y);
  return std::nullopt;
}

std::optional<int> heading_month(std::string_view title) {
  static const RE2 re(R"(\d{4}年(\d{1,2})月)");
  std::string m;
  if (RE2::PartialMatch(fold(title), re, &m))
    if (int n = std::stoi(m); n >= 1 && n <= 12) return n;
  return std::nullopt;
}

std::vector<Entry> find_entries(const Text& text, std::size_t first, std::size_t last, int year,
                                std::vector<Diagnostic>* diagnostics, int month) {
  std::vector<Entry> entries;
  int prev_month = month;         // the month in force: a heading's or the last entry's
  bool paragraph_open = false;  // the previous line left its paragraph unfinished
  for (std::size_t i = first; i < last && i < text.lines.size(); ++i) {
    const Line& l = text.lines[i];
    if (l.blank()) continue;
    if (!paragraph_open)
      if (int heading = month_heading(l.norm)) {
        if (prev_month && heading < prev_month) ++year;  // 12月 -> 1月
        prev_month = heading;
        continue;
      }
    std::string m, d, m2, d2, after;
    bool dated = !paragraph_open && RE2::PartialMatch(without_bullet(l.norm), entry_re(), &m, &d, &m2, &d2, &after);
    if (dated && after.empty()) {
      // A date on a line of its own heads the paragraph below it
      // (1月10日 / 市政府召开…), where one follows: not another date, not a
      // month heading.
      std::size_t j = i + 1;
      while (j < last && j < text.lines.size() && text.lines[j].blank()) ++j;
      dated = j < last && j < text.lines.size() && !month_heading(text.lines[j].norm) &&
              !RE2::PartialMatch(without_bullet(text.lines[j].norm), entry_re());
    }
    paragraph_open = !ends_sentence(l.norm) && count_chars(l.norm) > 12;
    if (!dated) continue;
    if (m.empty() && !prev_month) continue;  // a day without a month in force
    int mon = m.empty() ? prev_month : std::stoi(m), day = std::stoi(d);
    if (prev_month && mon < prev_month) ++year;  // 12月 -> 1月
    prev_month = mon;
    if (!is_valid_date(year, mon, day)) {
      if (diagnostics)
        diagnostics->push_back({"chronicle-invalid-date", Severity::warning, l.number, 1,
                                "chronicle entry date " + std::to_string(mon) + "月" + d + "日 is not a calendar date in " +
                                    std::to_string(year)});
      continue;
    }
    Entry e;
    e.date = iso({year, mon, day});
    e.line = l.number;
    if (!d2.empty()) {
      int em = m2.empty() ? mon : std::stoi(m2), ed = std::stoi(d2), ey = year + (em < mon ? 1 : 0);
      if (is_valid_date(ey, em, ed)) e.date_end = iso({ey, em, ed});
    }
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace gazette
