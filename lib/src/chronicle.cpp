// Stage 10, chronicle: dated paragraphs of a 大事记.
#include "gazette/chronicle.h"

#include <re2/re2.h>

#include "gazette/dates.h"
#include "gazette/reflow.h"

namespace gazette {
namespace {

// month, day, optional end month, end day; then what follows the date.
const RE2& entry_re() {
  static const RE2 re(R"(^(\d{1,2})月(\d{1,2})日(?:\s*(?:至|-|—|~)\s*(?:(\d{1,2})月)?(\d{1,2})日)?(.?))");
  return re;
}

}  // namespace

std::optional<int> heading_year(std::string_view title) {
  static const RE2 re(R"((\d{4})年)");
  std::string y;
  if (RE2::PartialMatch(fold(title), re, &y)) return std::stoi(y);
  return std::nullopt;
}

std::vector<Entry> find_entries(const Text& text, std::size_t first, std::size_t last, int year,
                                std::vector<Diagnostic>* diagnostics) {
  std::vector<Entry> entries;
  int prev_month = 0;
  bool paragraph_open = false;  // the previous line left its paragraph unfinished
  for (std::size_t i = first; i < last && i < text.lines.size(); ++i) {
    const Line& l = text.lines[i];
    if (l.blank()) continue;
    std::string m, d, m2, d2, after;
    bool dated = !paragraph_open && RE2::PartialMatch(l.norm, entry_re(), &m, &d, &m2, &d2, &after) && !after.empty();
    paragraph_open = !ends_sentence(l.norm) && count_chars(l.norm) > 12;
    if (!dated) continue;
    int month = std::stoi(m), day = std::stoi(d);
    if (prev_month && month < prev_month) ++year;  // 12月 -> 1月
    prev_month = month;
    if (!is_valid_date(year, month, day)) {
      if (diagnostics)
        diagnostics->push_back({"chronicle-invalid-date", Severity::warning, l.number, 1,
                                "chronicle entry date " + m + "月" + d + "日 is not a calendar date in " + std::to_string(year)});
      continue;
    }
    Entry e;
    e.date = iso({year, month, day});
    e.line = l.number;
    if (!d2.empty()) {
      int em = m2.empty() ? month : std::stoi(m2), ed = std::stoi(d2), ey = year + (em < month ? 1 : 0);
      if (is_valid_date(ey, em, ed)) e.date_end = iso({ey, em, ed});
    }
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace gazette
