// Stage 4, masthead: name, year, issue, cumulative issue, month.
#include "gazette/masthead.h"

#include <re2/re2.h>

#include "gazette/dates.h"
#include "gazette/numbers.h"

namespace gazette {
namespace {

const char* const kNumeral = "[0-9〇零○一二三四五六七八九十百]";

const RE2& issue_re() {
  static const RE2 re(std::string("(") + kNumeral + "{4})年第(" + kNumeral + "{1,5})[期号]");
  return re;
}
// 第5期 with no year before it (the year printed on a date line instead),
// opening its line (第5号 too) or after other masthead text
// (2022年12月15日出版第24期), but not the cumulative 总第800期. (Not after
// any text: 关于举办第3期培训班的通知 is a title; read_masthead asks for
// 出版, 总第 or 公报 on the line.)
const RE2& bare_issue_re() {
  static const RE2 re(std::string("(?:^第(") + kNumeral + "{1,5})[期号]|[^总]第(" + kNumeral + "{1,5})期)");
  return re;
}
const RE2& cumulative_re() {
  static const RE2 re(std::string("总(?:第|号:?|号)(") + kNumeral + "{1,6})[期号]?");
  return re;
}
const RE2& month_re() {
  static const RE2 re(R"(^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?(出版)?$)");
  return re;
}

// A date of publication on a squeezed line: the whole line (2022年12月,
// 2023年3月5日出版), or a day with 出版 among other masthead text
// (2022年12月15日出版第24期(总第800期)).
bool publication_date(std::string_view sq, std::string* y, std::string* mo, std::string* d, std::string* printed) {
  static const RE2 within(R"((\d{4})年(\d{1,2})月(\d{1,2})日(出版))");
  return RE2::FullMatch(sq, month_re(), y, mo, d, printed) ||
         (sq.find("出版") != std::string_view::npos && RE2::PartialMatch(sq, within, y, mo, d, printed));
}

bool short_han_only(std::string_view s) {
  if (s.empty() || count_chars(s) > 14) return false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len;
    char32_t c = decode_at(s, i, &len);
    if (!is_han(c)) return false;
    i += len;
  }
  return true;
}

}  // namespace

Masthead read_masthead(const Text& text, std::size_t limit, std::size_t* end) {
  Masthead m;
  *end = 0;
  std::size_t n = std::min(limit, text.lines.size());
  std::size_t title_at = n, issue_at = n, prev = n;
  std::string buf;
  for (std::size_t i = 0; i < n; ++i) {
    const Line& l = text.lines[i];
    if (l.blank()) continue;
    // The front matter ends at the first document's number, before it is
    // read as an issue's: 国家税务总局公告2023年第1号, or an order's or an
    // announcement's serial under its head (某某市市场监督管理局公告 /
    // 2023年第5号), where a gazette's head ends in 公报 (国务院公报 /
    // 2022年第36号). A 公报 line after the number is a running head (a
    // single document reprinted with its page furniture).
    if (standalone_number(l.norm) || (prev < i && order_number(text.lines[prev].norm, l.norm))) break;
    prev = i;
    std::string_view sq = squeeze(l.norm, buf);
    if (title_at == n && sq.find("公报") != std::string_view::npos && sq != "目录") title_at = i;
    std::string y, k;
    bool issue_like = sq.find("期") != std::string_view::npos || sq.find("号") != std::string_view::npos;
    if (issue_at == n && issue_like && sq.find("年第") != std::string_view::npos &&
        RE2::PartialMatch(sq, issue_re(), &y, &k)) {
      auto yy = chinese_number(y), kk = chinese_number(k);
      if (yy && kk && *yy >= 1949 && *yy <= 2100) {
        m.year = static_cast<int>(*yy);
        m.issue = static_cast<int>(*kk);
        issue_at = i;
      }
    }
    std::string k2;
    const bool masthead_text = sq.rfind("第", 0) == 0 || sq.find("出版") != std::string_view::npos ||
                               sq.find("总第") != std::string_view::npos || sq.find("公报") != std::string_view::npos;
    if (issue_at == n && !m.issue && masthead_text && RE2::PartialMatch(sq, bare_issue_re(), &k, &k2))
      if (auto kk = chinese_number(k.empty() ? k2 : k); kk && *kk >= 1 && *kk < 1000)
        m.issue = static_cast<int>(*kk), *end = std::max(*end, i);
    std::string c;
    if (!m.cumulative_issue && sq.find("总") != std::string_view::npos && RE2::PartialMatch(sq, cumulative_re(), &c))
      if (auto cc = chinese_number(c); cc && *cc < 1000000) m.cumulative_issue = static_cast<int>(*cc), *end = std::max(*end, i);
    if (sq == "目录") break;  // the front matter ends at the table of contents
  }
  if (title_at < n) {
    const Line& l = text.lines[title_at];
    std::string sq = squeeze(l.norm);
    std::size_t cut = sq.find("公报") + std::string_view("公报").size();
    std::string title = sq.substr(0, cut);
    // A name printed over lines: walk back over short, all-Han lines.
    std::size_t first = title_at;
    if (title == sq) {
      for (std::size_t j = title_at, taken = 0; j-- > 0 && taken < 2;) {
        if (text.lines[j].blank()) continue;
        std::string prev = squeeze(text.lines[j].norm);
        if (!short_han_only(prev)) break;
        title = prev + title;
        first = j;
        ++taken;
      }
    }
    m.title = title;
    m.line = text.lines[first].number;
    *end = std::max(*end, title_at);
  }
  if (issue_at < n) {
    *end = std::max(*end, issue_at);
    if (!m.line) m.line = text.lines[issue_at].number;
  }
  // Month of publication: a line of its own such as 2022年12月 in the front
  // matter or colophon, before the first document's number. With no year in
  // the issue line (第5期（总第485期）), a date line that says 出版 gives it.
  if (!m.year && m.issue) {
    for (std::size_t i = 0; i < n; ++i) {
      const Line& l = text.lines[i];
      if (l.blank() || l.norm.size() > 80 || l.norm.find("出版") == std::string_view::npos) continue;
      std::string y, mo, d, printed;
      if (publication_date(squeeze(l.norm, buf), &y, &mo, &d, &printed) && !printed.empty()) {
        int yy = std::stoi(y);
        if (yy >= 1949 && yy <= 2100) m.year = yy;
        break;
      }
      if (squeeze(l.norm, buf) == "目录") break;
    }
  }
  if (m.year) {
    for (std::size_t i = 0; i < text.lines.size() && i < limit * 4; ++i) {
      const Line& l = text.lines[i];
      if (l.blank()) continue;
      if (l.norm.size() > 80) continue;  // a month line is short
      // A day only with 出版 (2023年3月5日出版): a bare date is a document's.
      std::string y, mo, d, printed;
      if (l.norm.find("月") != std::string_view::npos &&
          publication_date(squeeze(l.norm, buf), &y, &mo, &d, &printed)) {
        int yy = std::stoi(y), mm = std::stoi(mo);
        if (mm >= 1 && mm <= 12 && yy == *m.year && (d.empty() || !printed.empty())) {
          m.published = iso_month(yy, mm);
          break;
        }
      }
      if (standalone_number(l.norm)) break;
    }
  }
  return m;
}

}  // namespace gazette
