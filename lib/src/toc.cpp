// Stage 5, toc: sections and entries of the 目录.
#include "gazette/toc.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstring>

#include "gazette/numbers.h"
#include "gazette/reflow.h"

namespace gazette {
namespace {

// A number at the end of a TOC line.
const RE2& trailing_number_re() {
  static const RE2 re(R"(^(.*?)\s*\(?([\p{Han}A-Za-z]+\s*(?:〔|\[|【)\s*\d{4}\s*(?:〕|\]|】)\s*第?\s*\d+\s*号)\)?$)");
  return re;
}
// The older form, year first (〔1996〕武司字第82号): the number starts at its
// bracket, so no organ code can swallow the title's end.
const RE2& trailing_year_first_re() {
  static const RE2 re(R"(^(.*?)\s*\(?((?:〔|\[|【)\s*\d{4}\s*(?:〕|\]|】)\s*[\p{Han}A-Za-z]{2,12}?\s*第?\s*\d+\s*号)\)?$)");
  return re;
}

struct Parsed {
  std::size_t title_end = 0;  // norm bytes of title text on the line
  std::optional<DocNumber> number;
  std::optional<int> page;
};

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

std::size_t strip_ws(std::string_view s, std::size_t e) {
  while (e > 0 && is_ws(s[e - 1])) --e;
  return e;
}

// The dot leader character (. · …) ending s[0, e): its length, or 0.
std::size_t dot_before(std::string_view s, std::size_t e) {
  if (e >= 1 && s[e - 1] == '.') return 1;
  if (e >= 2 && s.substr(e - 2, 2) == "\u00B7") return 2;
  if (e >= 3 && s.substr(e - 3, 3) == "\u2026") return 3;
  return 0;
}

// Where s[0, e) ends without a trailing leader of `min_dots` or more dots
// and the whitespace around it; npos if it has none.
std::size_t leader_start(std::string_view s, std::size_t e, std::size_t min_dots) {
  std::size_t dots = 0;
  e = strip_ws(s, e);
  for (std::size_t len; (len = dot_before(s, e)) != 0; e -= len) ++dots;
  return dots >= min_dots ? strip_ws(s, e) : std::string_view::npos;
}

Parsed parse_line(const Line& line) {
  Parsed p;
  std::string_view s = line.norm;
  std::size_t head = 0;
  if (auto page = toc_page(s, &head)) {
    p.page = page;
    s = s.substr(0, head);
    // The rest of a leader wrapped from the line above (… 5): no title.
    if (leader_start(s, s.size(), 1) == 0) s = s.substr(0, 0);
  } else if (std::size_t h = leader_start(s, s.size(), 2); h != std::string_view::npos) {
    // A leader wrapped onto the next line leaves this one ending in dots
    // (大事记………… / ……(16), 国务院令(第752号) ………… / ……… 3).
    s = s.substr(0, h);
  }
  std::string before, num;
  bool year_first = false;
  if (s.find("号") != std::string_view::npos &&
      (RE2::FullMatch(s, trailing_number_re(), &before, &num) ||
       (year_first = RE2::FullMatch(s, trailing_year_first_re(), &before, &num)))) {
    // Without a space before it, the organ code may have swallowed the end
    // of the title: cut it after the title's 文种.
    std::size_t split = before.size();
    if (!year_first && (before.empty() || before.back() != ' ')) {
      std::size_t bracket = std::min({num.find("〔"), num.find("["), num.find("【")});
      std::string prefix = num.substr(0, bracket);
      static const char* const genres[] = {"通知", "意见", "决定", "通报", "批复", "决议", "报告", "公告", "通告", "办法", "规定", "函"};
      std::size_t best = std::string::npos;
      for (const char* gname : genres) {
        std::size_t at = prefix.rfind(gname);
        if (at != std::string::npos && (best == std::string::npos || at + std::strlen(gname) > best)) best = at + std::strlen(gname);
      }
      if (best != std::string::npos && best < prefix.size()) {
        split = before.size() + best;
        num = num.substr(best);
      }
    }
    p.number = parse_number(squeeze(num));
    if (p.number) {
      p.number->text = num;
      p.number->line = line.number;
      s = s.substr(0, split);
    }
  }
  // An order: 中华人民共和国国务院令(第752号); with the year,
  // 某某市市场监督管理局公告(2023年第5号). (Which titles carry such a number,
  // order_number decides: numbered_genre.) Or the organ's own form after a
  // title: …的公告(国家税务总局公告2023年第1号).
  static const RE2 order_re(R"(^(.*?)\s*\(((?:\d{4}\s*年\s*)?第\s*\d{1,18}\s*号)\)$)");
  static const RE2 cited_re(R"(^(.*?)\s*\(([^()]+年\s*第\s*\d{1,18}\s*号)\)$)");
  std::string order_title, order_serial;
  if (!p.number && s.size() > 8 && s.compare(s.size() - 4, 4, "号)") == 0 &&
      (s.find("令") != std::string_view::npos || s.find("告") != std::string_view::npos)) {
    if (RE2::FullMatch(s, order_re, &order_title, &order_serial)) {
      p.number = order_number(order_title, order_serial);
    } else if (RE2::FullMatch(s, cited_re, &order_title, &order_serial) && order_serial.size() <= 160) {
      p.number = parse_number(order_serial);
    }
    if (p.number) {
      p.number->line = line.number;
      s = s.substr(0, order_title.size());
    }
  }
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  p.title_end = s.size();
  return p;
}

bool is_toc_heading(const Line& l) {
  // 目录, perhaps letter-spaced (目  录): only short lines opening with 目.
  std::string_view s = l.norm;
  if (s.size() > 24 || s.rfind("目", 0) != 0) return false;
  std::string buf;
  return squeeze(s, buf) == "目录";
}

// The 目录 heading at line i, letter-spaced on one line (目  录) or, as a
// PDF extractor in its default mode leaves it, one character a line with
// a blank line between (目 / / 录). *last gets the heading's last line.
bool toc_heading_at(const Text& text, std::size_t i, std::size_t* last) {
  const Line& l = text.lines[i];
  *last = i;
  if (is_toc_heading(l)) return true;
  std::string buf;
  if (l.norm.size() > 8 || squeeze(l.norm, buf) != "目") return false;
  for (std::size_t k = i + 1; k < text.lines.size() && k <= i + 3; ++k) {
    if (text.lines[k].blank()) continue;
    if (text.lines[k].norm.size() > 8 || squeeze(text.lines[k].norm, buf) != "录") return false;
    *last = k;
    return true;
  }
  return false;
}

}  // namespace

std::optional<int> toc_page(std::string_view s, std::size_t* head) {
  // By hand, not by regex (a capturing regex per TOC line cost more than
  // the rest of the TOC stage); the same answers as
  //   ^(.*?)\s*(?:(?:[.…·][.…·]+\s*)?\((0|[1-9]\d{0,3})\)|(?:[.…·][.…·]+|\s)\s*(0|[1-9]\d{0,3}))$
  // which tests/unit/toc_test.cpp checks on generated lines.
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  bool paren = !s.empty() && s.back() == ')';
  std::size_t end = s.size() - (paren ? 1 : 0);
  std::size_t d = end;
  while (d > 0 && is_digit(s[d - 1])) --d;
  if (d == end || end - d > 4) return std::nullopt;
  // Pages have no leading zero: (0878) is a telephone area code.
  if (end - d > 1 && s[d] == '0') return std::nullopt;
  int page = 0;
  for (std::size_t k = d; k < end; ++k) page = page * 10 + (s[k] - '0');
  if (paren) {
    if (d == 0 || s[d - 1] != '(') return std::nullopt;
    std::size_t h = leader_start(s, d - 1, 2);  // 通知……………(2)
    *head = h != std::string_view::npos ? h : strip_ws(s, d - 1);
    return page;
  }
  // Before the digits: spaces, then a leader of two or more dots or one
  // space, then spaces; the title is what remains (the shortest head).
  if (std::size_t h = leader_start(s, d, 2); h != std::string_view::npos) {
    *head = h;
    return page;
  }
  std::size_t y = strip_ws(s, d);
  if (y == d) return std::nullopt;  // neither a leader nor a space
  *head = y;
  return page;
}

namespace {

// The title without spaces and without trailing parentheticals such as
// (试行), (征求意见稿), (2022年修订), (2021-2025年), which are no genre.
std::string title_stem(std::string_view title) {
  std::string t = squeeze(title);
  while (!t.empty() && t.back() == ')') {
    std::size_t open = t.rfind('(');
    if (open == std::string::npos || open == 0) break;
    t.resize(open);
  }
  return t;
}

std::string ending_in(const std::string& t, const std::string_view* words, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (t.size() >= words[i].size() && t.compare(t.size() - words[i].size(), words[i].size(), words[i]) == 0)
      return std::string(words[i]);
  return "";
}

}  // namespace

// The 15 文种 of GB/T 9704-2012 (and 大事记).
constexpr std::string_view kGenres[] = {"大事记", "决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知",
                                        "通报",   "报告", "请示", "批复", "议案", "纪要", "函",   "令"};
// Texts gazettes print besides them under their own titles (a 办法 or 条例
// promulgated by an order, a reply to a deputy's proposal).
constexpr std::string_view kTextKinds[] = {"答复", "办法", "规定", "条例", "细则", "规则", "方案", "规划", "纲要",
                                           "计划", "要点", "指南", "准则", "章程", "标准", "清单", "规范", "措施"};

std::string genre_of(std::string_view title) { return ending_in(title_stem(title), kGenres, std::size(kGenres)); }

std::string document_genre(std::string_view title) {
  std::string stem = title_stem(title);  // made once for both lists
  if (std::string g = ending_in(stem, kGenres, std::size(kGenres)); !g.empty()) return g;
  return ending_in(stem, kTextKinds, std::size(kTextKinds));
}

Toc read_toc(const Text& text, std::size_t from) {
  Toc toc;
  std::size_t i = from;
  std::size_t heading_last = 0;
  for (; i < text.lines.size() && i < from + 400; ++i)
    if (toc_heading_at(text, i, &heading_last)) break;
  if (i >= text.lines.size() || i >= from + 400) return toc;
  toc.first = i;
  toc.last = i = heading_last;

  std::string section;
  int bracketed_sections = 0, plain_sections = 0;  // headings seen, by style
  std::vector<std::string> buffer;  // title pieces as printed
  int buffer_line = 0;
  std::optional<DocNumber> pending_number;

  auto next_nonblank = [&](std::size_t k) {
    for (++k; k < text.lines.size(); ++k)
      if (!text.lines[k].blank()) return k;
    return k;
  };

  for (++i; i < text.lines.size(); ++i) {
    const Line& line = text.lines[i];
    if (line.blank()) continue;
    if (toc_heading_at(text, i, &heading_last)) {  // the heading again, on the TOC's next page
      buffer.clear(), pending_number.reset(), toc.last = i = heading_last;
      continue;
    }
    if (line.norm.size() > 400 || buffer.size() >= 6) break;
    Parsed p = parse_line(line);
    std::string piece(line.original(0, p.title_end));
    if (p.page) {
      if (!piece.empty()) {
        if (buffer.empty()) buffer_line = line.number;
        buffer.push_back(piece);
      }
      if (buffer.empty()) break;  // a page with no title: not a TOC line
      TocEntry e;
      e.section = section;
      std::string joined;
      for (auto& b : buffer) joined += b;
      e.title = remove_wrap_spaces(joined);
      e.number = p.number ? p.number : pending_number;
      if (!e.number && buffer.size() > 1) {
        // A number wrapped with its title ((国办发〔2022〕29 / 号) …… 12, in
        // a narrow column): read from the entry joined.
        Text whole = split_lines(e.title);
        if (whole.lines.size() == 1) {
          Parsed q = parse_line(whole.lines[0]);
          if (q.number && q.title_end > 0) {
            e.number = q.number;
            e.number->line = buffer_line;
            e.title = std::string(whole.lines[0].original(0, q.title_end));
          }
        }
      }
      e.page = p.page;
      e.line = buffer_line;
      toc.entries.push_back(std::move(e));
      buffer.clear();
      pending_number.reset();
      toc.last = i;
      continue;
    }
    if (p.number && piece.empty()) {
      // A number line without a page: in a TOC only while a title waits.
      if (buffer.empty()) break;
      pending_number = p.number;
      continue;
    }
    if (buffer.empty()) {
      // A short line followed by another title line is a section heading.
      std::size_t nx = next_nonblank(i);
      bool next_is_title = false, next_opens_with_verb = false;
      if (nx < text.lines.size()) {
        Parsed q = parse_line(text.lines[nx]);
        next_is_title = q.title_end > 0 && !is_toc_heading(text.lines[nx]);
        next_opens_with_verb = opens_with_title_verb(text.lines[nx].norm);
      }
      std::string sq = squeeze(line.norm);
      // An organ's name over a title that opens with 关于 (武汉市人民政府 /
      // 关于做好春季防汛工作的通知 …… 2) is the title's first line, as a
      // document's head is read (segment.cpp, title_before); headings name
      // kinds of texts (市政府文件, 人事任免), not an organ alone.
      const bool organ_over_title = next_opens_with_verb && ends_in_organ_word(sq);
      // Headings keep one style: after 【省政府文件】, a line not in
      // brackets is the first line of a wrapped title (某某省财政局某某省
      // 发展和改革 / 委员会关于…的通知, in a narrow column).
      const bool bracketed = sq.rfind("【", 0) == 0 || sq.rfind("[", 0) == 0 || sq.rfind("〔", 0) == 0;
      const bool off_style = bracketed_sections > 0 && plain_sections == 0 && !bracketed;
      // A bracket or quote left open (中华人民共和国国务院令（ / 第752号）)
      // continues on the next line: a wrapped title, no heading.
      const bool unclosed = bracket_left_open(sq);
      if (count_chars(sq) <= 16 && sq.find("关于") == std::string::npos && next_is_title &&
          !standalone_number(line.norm) && !off_style && !unclosed && !organ_over_title) {
        ++(bracketed ? bracketed_sections : plain_sections);
        // A heading does not extend the TOC: only completed entries do, so
        // a body title taken for a heading is given back to the body.
        section = remove_wrap_spaces(std::string(line.original(0, line.norm.size())));
        continue;
      }
      buffer_line = line.number;
    }
    if (p.number) pending_number = p.number;  // 国务院令(第752号) ………… / ……… 3
    buffer.push_back(piece);
  }
  // A single document's own contents (一、总体要求 …… 1 / (一)指导思想 …… 1)
  // lists its chapters, not documents: it is no issue TOC.
  std::size_t chapters = 0;
  for (const auto& e : toc.entries)
    if (starts_heading(fold(e.title))) ++chapters;
  if (chapters * 2 > toc.entries.size()) return Toc{};
  return toc;
}

}  // namespace gazette
