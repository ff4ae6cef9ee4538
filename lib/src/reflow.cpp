// Stage 3, reflow: page furniture out, broken paragraphs joined.
#include "gazette/reflow.h"

#include <re2/re2.h>

#include <algorithm>

#include "gazette/dates.h"
#include "gazette/text.h"

namespace gazette {
namespace {

// `— 12 —`, `- 12 -`, `·12·`, `• 12 •`, `第12页`, bare `12`.
const RE2& folio_re() {
  static const RE2 re(R"(^(?:[-—–·•－]*\s*(\d{1,4})\s*[-—–·•－]*|第\s*(\d{1,4})\s*页)$)");
  return re;
}
// `楚雄州人民政府公报 2022年第12期`, `2022年第12期 楚雄州人民政府公报`,
// optionally with a folio after it.
const RE2& running_head_re() {
  static const RE2 re(
      R"(^(?:\S.{0,40}公报\s*\d{4}\s*年\s*第\s*\d{1,4}\s*[期号](?:\s*[-—–·•]*\s*\d{1,4}\s*[-—–·•]*)?|\d{4}\s*年\s*第\s*\d{1,4}\s*[期号]\s*\S.{0,40}公报)$)");
  return re;
}

// What a folio or running head must start with or hold, tested before the
// regexes run (they would fail anyway): a digit, a dash or dot (− — – · •,
// full-width - already folded) or 第; 公报.
bool may_be_folio(std::string_view s) {
  auto c = static_cast<unsigned char>(s[0]);
  return (c >= '0' && c <= '9') || c == '-' || c == 0xE2 || c == 0xC2 || s.rfind("第", 0) == 0;
}
bool may_be_running_head(std::string_view s) { return find_literal(s, "公报") != std::string_view::npos; }

// A running head set in two parts, the gazette's name at one side of the
// page and the issue at the other, which a PDF extractor in its default
// mode gives as two lines (国务院公报 / 2019年第36号): the issue line, and
// the name line beside it.
const RE2& issue_line_re() {
  static const RE2 re(R"(^\d{4}\s*年\s*第\s*\d{1,4}\s*[期号]$)");
  return re;
}
bool gazette_name_line(std::string_view norm) {
  return norm.size() >= 6 && norm.size() <= 120 && norm.compare(norm.size() - 6, 6, "公报") == 0 &&
         norm.find(' ') == std::string_view::npos;
}

bool is_decorated(std::string_view s) {
  return s.find_first_not_of("0123456789 ") != std::string_view::npos;
}

}  // namespace

Pages strip_furniture(Text& text, std::size_t from_line) {
  Pages pages;
  pages.page_of_line.assign(text.lines.size(), 0);
  // Folio candidates first, running heads blanked as found.
  struct Folio {
    std::size_t line;
    int page;
    bool decorated;
  };
  std::vector<Folio> candidates;
  std::vector<std::size_t> furniture;
  for (std::size_t i = from_line; i < text.lines.size(); ++i) {
    Line& line = text.lines[i];
    if (line.blank()) continue;
    std::string a, b;
    if (line.norm.size() <= 40 && may_be_folio(line.norm) && RE2::FullMatch(line.norm, folio_re(), &a, &b)) {
      int page = std::stoi(a.empty() ? b : a);
      if (page > 0) candidates.push_back({i, page, is_decorated(line.norm)});
      continue;
    }
    if (line.norm.size() <= 160 && may_be_running_head(line.norm) && RE2::FullMatch(line.norm, running_head_re()))
      furniture.push_back(i);
    if (line.norm.size() <= 24 && line.norm[0] >= '0' && line.norm[0] <= '9' && RE2::FullMatch(line.norm, issue_line_re())) {
      // Its other half: the nearest non-blank line above or below, within three.
      for (int dir : {-1, 1}) {
        std::size_t k = i;
        for (int step = 0; step < 3; ++step) {
          if ((dir < 0 && k <= from_line) || (dir > 0 && k + 1 >= text.lines.size())) break;
          k += dir;
          if (text.lines[k].blank()) continue;
          if (gazette_name_line(text.lines[k].norm)) {
            furniture.push_back(i);
            furniture.push_back(k);
          }
          break;
        }
      }
    }
  }
  // A decorated number (— 12 —, 第12页) is a folio. A bare one only in a
  // sequence: after the last folio (1 to 4 pages on), or, before any,
  // followed by a candidate that continues it, or not beside a table row:
  // there a lone number is a cell or a wrapped figure (87 / 233), kept as
  // text.
  auto table_row = [&](std::size_t k) {
    std::string_view raw = text.lines[k].raw;
    std::size_t first = raw.find_first_not_of(" \t");
    return first != std::string_view::npos &&
           (raw.find('\t', first) != std::string_view::npos || raw.find("   ", first) != std::string_view::npos);
  };
  auto beside_table = [&](std::size_t i) {
    std::size_t k = i;
    while (k > from_line && text.lines[--k].blank()) {
    }
    if (k != i && !text.lines[k].blank() && table_row(k)) return true;
    for (k = i + 1; k < text.lines.size() && text.lines[k].blank(); ++k) {
    }
    return k < text.lines.size() && table_row(k);
  };
  // A bare number the next line goes on from (2014 / 年8月12日, 87 / 万元)
  // is a figure wrapped by the extractor, not a folio.
  auto continued = [&](std::size_t i) {
    std::size_t k = i + 1;
    while (k < text.lines.size() && text.lines[k].blank()) ++k;
    if (k >= text.lines.size()) return false;
    std::string_view n = text.lines[k].norm;
    for (std::string_view unit : {"年", "月", "日", "号", "元", "万", "亿", "个", "人", "户", "家", "项", "%"})
      if (n.substr(0, unit.size()) == unit) return true;
    return false;
  };
  int last_folio = 0;
  std::size_t page_start = from_line;
  std::vector<std::size_t> folios;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    const Folio& f = candidates[c];
    bool in_sequence = last_folio > 0 ? f.page > last_folio && f.page <= last_folio + 4
                                      : (c + 1 < candidates.size() && candidates[c + 1].page > f.page &&
                                         candidates[c + 1].page <= f.page + 4) ||
                                            !beside_table(f.line);
    if (!f.decorated && (!in_sequence || continued(f.line))) continue;
    for (std::size_t k = page_start; k <= f.line; ++k) pages.page_of_line[k] = f.page;
    last_folio = f.page;
    page_start = f.line + 1;
    folios.push_back(f.line);
  }
  furniture.insert(furniture.end(), folios.begin(), folios.end());
  std::sort(furniture.begin(), furniture.end());
  furniture.erase(std::unique(furniture.begin(), furniture.end()), furniture.end());
  text.blank_lines(furniture);
  pages.furniture_lines = static_cast<int>(furniture.size());
  // Lines after the last folio are on the page after it.
  if (last_folio > 0)
    for (std::size_t k = page_start; k < text.lines.size(); ++k) pages.page_of_line[k] = last_folio + 1;
  return pages;
}

bool ends_sentence(std::string_view s) {
  if (s.empty()) return false;
  // The last bytes of the enders below (。 … ” ’ 」 and ASCII): most lines end in none.
  switch (static_cast<unsigned char>(s.back())) {
    case 0x82: case 0xA6: case 0x9D: case 0x99: case 0x8D: case '!': case '?': case ';': case ':': case ')': break;
    default: return false;
  }
  static const char* const enders[] = {"。", "!", "?", ";", ":", "…", "。”", "。’", "!”", "?”", "。)", "。」"};
  for (const char* e : enders) {
    std::string_view ev(e);
    if (s.size() >= ev.size() && s.substr(s.size() - ev.size()) == ev) return true;
  }
  return false;
}

bool starts_heading(std::string_view s) {
  // What every heading form below starts with, tested before the regex.
  if (s.empty()) return false;
  auto c = static_cast<unsigned char>(s[0]);
  if (c != '(' && !(c >= '0' && c <= '9')) {
    std::size_t len;
    char32_t cp = decode_at(s, 0, &len);
    if (std::u32string_view(U"一二三四五六七八九十百第—附").find(cp) == std::u32string_view::npos) return false;
  }
  static const RE2 re(
      R"(^(?:[一二三四五六七八九十百]+、|\([一二三四五六七八九十百]+\)|\d{1,3}[\.、．]|\(\d{1,3}\)|第[一二三四五六七八九十百零〇\d]+[章节条部分篇]|——|附件))");
  return RE2::PartialMatch(s, re);
}

std::string paragraphs(const Text& text, std::size_t first, std::size_t last, const std::vector<std::size_t>& cuts) {
  // Collect non-blank lines, then apply the out-of-order repair, then join.
  std::vector<std::string_view> lines;
  std::vector<bool> cut_before;  // of each collected line: a cut since the previous one
  auto cut = cuts.begin();
  bool pending = false;
  for (std::size_t i = first; i < last && i < text.lines.size(); ++i) {
    for (; cut != cuts.end() && *cut <= i; ++cut) pending = true;  // a cut on a blank line counts too
    if (text.lines[i].blank()) continue;
    lines.push_back(text.lines[i].norm);
    cut_before.push_back(pending);
    pending = false;
  }

  // Repair: "X:" / short "…。" / "long unterminated" / … -> the short tail
  // belongs after the unterminated run (seen in real issues where the
  // extractor emitted a page's last short line first).
  for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
    std::string_view tail = lines[i];
    if (count_chars_up_to(tail, 13) > 12 || !ends_sentence(tail) || starts_heading(tail)) continue;
    if (lines[i - 1].empty() || lines[i - 1].back() != ':') continue;
    std::size_t j = i + 1;
    while (j < lines.size() && j < i + 4 && !ends_sentence(lines[j]) && !starts_heading(lines[j]) && !parse_date(lines[j])) ++j;
    if (j == i + 1) continue;  // nothing unterminated follows
    // lines[i+1 .. j-1] are unterminated; the tail completes them.
    bool cut_in_run = false;  // the repair stays within one paragraph
    for (std::size_t k = i; k < j; ++k) cut_in_run |= cut_before[k];
    if (cut_in_run) continue;
    for (std::size_t k = i; k + 1 < j; ++k) lines[k] = lines[k + 1];
    lines[j - 1] = tail;
    i = j - 1;
  }

  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) {
      bool join = !cut_before[i] && !ends_sentence(lines[i - 1]) && !starts_heading(lines[i]) &&
                  count_chars_up_to(lines[i - 1], 8) >= 8;
      out += join ? "" : "\n";
    }
    out.append(lines[i]);
  }
  return out;
}

}  // namespace gazette
