// Stage 6, segment: document starts from number lines, titles and the TOC.
#include "gazette/segment.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "gazette/dates.h"
#include "gazette/numbers.h"
#include "gazette/reflow.h"
#include "words.h"

namespace gazette {
namespace {

constexpr std::size_t kMaxTitleLines = 5;
// Characters of a lone first line taken as the title when it ends in a 文种.
constexpr std::size_t kMaxLoneTitleChars = 200;
// Characters of a lone first line taken as the title without a 文种.
constexpr std::size_t kMaxShortTitleChars = 60;

// Could this line be part of a title? Titles do not end sentences, carry no
// colon (addressee lines and 附件: notes do), are no dates and no numbers.
bool title_like(const Line& l) {
  if (l.blank() || count_chars(l.norm) > 90) return false;
  if (ends_sentence(l.norm) || l.norm.find(':') != std::string::npos) return false;
  // A clause broken off a sentence ("…民生产业,", "、指导思想") is no title.
  if (l.norm.back() == ',' || l.norm.front() == ',' || (l.norm.size() >= 3 && l.norm.compare(l.norm.size() - 3, 3, "、") == 0) ||
      l.norm.rfind("、", 0) == 0)
    return false;
  // A date, also the bracketed one under a title ((2023年1月2日)), or a number.
  if (parse_date(l.norm) || bracketed_date(l.norm) || standalone_number(l.norm)) return false;
  if (l.norm.rfind("【", 0) == 0) return false;  // database export furniture
  return true;
}

// Does a title start with this line? It names an organ before 关于/印发.
// A verb inside 《》 (革委等部门《关于加快推进…》, a wrapped title's middle
// line) is the quoted title's, not this one's.
bool opens_title(std::string_view norm) {
  std::size_t quote = norm.find("《");
  for (std::string_view verb : words::kTitleVerbs) {
    std::size_t at = norm.find(verb);
    if (at != std::string_view::npos && at > 0 && (quote == std::string_view::npos || at < quote)) return true;
  }
  return false;
}

// Lines wrapped by the extractor at one width are prose, not a title: the
// first line as long as the next (within an indent), the next two alike,
// and the second no sentence end (持续推进数字技术适老化是践行积极应对人口 /
// 战略的重要举措，也是实施…).
bool wrapped_prose(const Text& text, std::size_t first) {
  std::size_t lens[3], at[3], n = 0;
  for (std::size_t k = first; k < text.lines.size() && n < 3; ++k)
    if (!text.lines[k].blank()) at[n] = k, lens[n++] = count_chars_up_to(text.lines[k].norm, 200);
  if (n < 3 || lens[1] < 15) return false;
  auto near = [](std::size_t a, std::size_t b, std::size_t d) { return a + d >= b && b + d >= a; };
  return near(lens[0], lens[1], 3) && near(lens[1], lens[2], 1) && !ends_sentence(text.lines[at[1]].norm);
}

// The first line of a text printed without number or header: is it its
// title? A line ending in a 文种 is, however long (titles of 100 characters
// and more are common: 关于印发《…实施方案》的通知); any other must be short,
// title-like and no prose: a comma, or a numbered heading (第一章…, 一、…),
// opens a body whose title was left out (近年来，各产煤省区…). A wrong
// title is worse than none.
bool lone_title(const Text& text, std::size_t first) {
  const Line& l = text.lines[first];
  if (l.blank() || ends_sentence(l.norm) || l.norm.find(':') != std::string::npos) return false;
  // A speech's byline opens with its date (2022年10月28日在…会议上).
  std::size_t used = 0;
  if (date_prefix(l.norm, &used)) return false;
  if (find_literal(l.norm, "。") != std::string_view::npos || starts_heading(l.norm)) return false;
  std::size_t chars = count_chars_up_to(l.norm, kMaxLoneTitleChars + 1);
  if (chars <= kMaxLoneTitleChars && !genre_of(squeeze(l.norm)).empty() && l.norm.back() != ',') return true;
  // A list that runs on, within five lines, into one ending in a colon is
  // the first line of the addressees (各省、自治区、…兵团发展 / 改革委、
  // …主管部门：), wrapped at a narrower measure.
  if (find_literal(l.norm, "、") != std::string_view::npos)
    for (std::size_t k = first + 1, seen = 0; k < text.lines.size() && seen < 5; ++k) {
      const Line& next = text.lines[k];
      if (next.blank()) continue;
      ++seen;
      if (find_literal(next.norm, "。") != std::string_view::npos) break;
      if (next.norm.back() == ':') return false;
    }
  // A bracket left open (为落实《…纲要（ / 2006—2020年）》…), or a next line
  // that ends the sentence at no greater length (…引领支撑作 / 用，…行动
  // 计划。): the first line of a paragraph wrapped at the page's measure.
  if (bracket_left_open(l.norm)) return false;
  for (std::size_t k = first + 1; k < text.lines.size(); ++k) {
    if (text.lines[k].blank()) continue;
    if (ends_sentence(text.lines[k].norm) && count_chars(text.lines[k].norm) <= chars + 2 &&
        find_literal(text.lines[k].norm, "。") != std::string_view::npos)
      return false;
    break;
  }
  return title_like(l) && chars <= kMaxShortTitleChars && l.norm.find(',') == std::string::npos &&
         !wrapped_prose(text, first);
}

// A title wrapped over lines at the measure of its page (上海市崇明区人民政府
// 办公室关于印发 / 2021年本区城市体检工作方案的通知): the lines from `first`
// to the first that completes a title ending in a 文种 or text kind, none
// of them prose (no sentence end, colon or comma), within kMaxTitleLines
// lines and kMaxLoneTitleChars characters. The last line's index, or none
// (also when the first line is a whole title by itself: lone_title).
std::optional<std::size_t> wrapped_title(const Text& text, std::size_t first) {
  std::string joined;
  std::size_t chars = 0, taken = 0, kind_end = 0;
  for (std::size_t k = first; k < text.lines.size() && taken < kMaxTitleLines; ++k) {
    const Line& l = text.lines[k];
    if (l.blank()) continue;
    ++taken;
    if (ends_sentence(l.norm) || l.norm.find(':') != std::string::npos || l.norm.find(',') != std::string::npos ||
        find_literal(l.norm, "。") != std::string_view::npos || (k > first && starts_heading(l.norm)))
      return std::nullopt;
    chars += count_chars(l.norm);
    if (chars > kMaxLoneTitleChars) return std::nullopt;
    joined += l.norm;
    if (bracket_left_open(joined)) continue;  // 《关于印发<…办法 / >的通知》的通知: not yet
    if (!genre_of(joined).empty()) return k > first ? std::optional<std::size_t>(k) : std::nullopt;
    if (!document_genre(joined).empty()) kind_end = k;  // a text kind; a 文种 may still follow
  }
  return kind_end > first ? std::optional<std::size_t>(kind_end) : std::nullopt;
}

std::vector<std::size_t> previous_nonblank(const Text& text, std::size_t i, std::size_t floor, std::size_t n) {
  std::vector<std::size_t> out;
  while (i > floor && out.size() < n) {
    --i;
    if (!text.lines[i].blank()) out.push_back(i);
  }
  return out;
}

// Title lines before a number line at `at`: returns [first, last] or nothing.
std::optional<std::pair<std::size_t, std::size_t>> title_before(const Text& text, std::size_t at, std::size_t floor,
                                                                const std::string* known) {
  auto prev = previous_nonblank(text, at, floor, kMaxTitleLines);
  std::size_t avail = 0;
  for (std::size_t k : prev) {
    if (!title_like(text.lines[k])) break;
    // A database export prints the title twice: stop at the repetition.
    if (avail > 0 && squeeze(text.lines[k].norm) == squeeze(text.lines[prev[avail - 1]].norm)) break;
    ++avail;
  }
  if (avail == 0) return std::nullopt;
  if (known) {
    std::string want = match_key(*known), got;
    for (std::size_t k = 0; k < avail; ++k) {
      got = match_key(text.lines[prev[k]].norm) + got;
      if (got == want) return std::make_pair(prev[k], prev[0]);
      if (got.size() > want.size()) break;
    }
  }
  // Walk back until the block opens with an organ name before 关于/印发;
  // with no such line, a title of at most two lines is taken whole.
  for (std::size_t k = 0; k < avail; ++k) {
    std::string sq = squeeze(text.lines[prev[k]].norm);
    // A line opening with 关于 continues the organ name printed above it
    // (楚雄州人民政府办公室 / 关于印发…的通知, lines 1334/1336 of the sample).
    if (opens_with_title_verb(sq)) return std::make_pair(prev[std::min(k + 1, avail - 1)], prev[0]);
    if (opens_title(sq)) return std::make_pair(prev[k], prev[0]);
  }
  return std::make_pair(prev[std::min<std::size_t>(avail, 2) - 1], prev[0]);
}

// A title that may anchor a document: it ends in a 文种, or it is a reply
// (…建议的答复, issued as a letter but titled so).
bool names_a_document(const std::string& title) {
  if (!genre_of(title).empty()) return true;
  std::string sq = squeeze(title);
  return sq.size() >= 6 && sq.compare(sq.size() - 6, 6, "答复") == 0;
}

// The red-header layout of a document printed on its own: the issuing
// organs, the number, then the title, then the addressees:
//   济南市工业和信息化局 / 济 南 市 公 安 局 / 济工信装备字〔2022〕1号 /
//   文件 / 关于印发《…与 / 示范应用管理办法(试行)》的通知 / 各相关单位:
// (文件, the end of the red header, may fall anywhere near the number.)
// Returns the title's [first, last], which must open with 关于/印发/… or an
// organ before them and end in a 文种.
std::optional<std::pair<std::size_t, std::size_t>> title_after(const Text& text, std::size_t at) {
  std::size_t k = at + 1, end = std::min(text.lines.size(), at + 1 + 3 * kMaxTitleLines);
  while (k < end && (text.lines[k].blank() || squeeze(text.lines[k].norm) == "文件")) ++k;
  if (k >= end) return std::nullopt;
  std::string sq = squeeze(text.lines[k].norm);
  bool opens = opens_title(sq);
  opens = opens || opens_with_title_verb(sq);
  if (!opens) return std::nullopt;
  std::size_t first = k, last = k;
  for (std::size_t n = 0; k < end && n < kMaxTitleLines && title_like(text.lines[k]); ++n) {
    last = k++;
    while (k < end && text.lines[k].blank()) ++k;
  }
  if (!title_like(text.lines[first]) || genre_of(title_of(text, first, last)).empty()) return std::nullopt;
  return std::make_pair(first, last);
}

// The organs above a red-header number: title-like lines back from it
// (furniture such as a registration code JNCR-2022-0040001 is skipped by
// the reader, which keeps only organ names).
std::size_t header_start(const Text& text, std::size_t at, std::size_t floor) {
  std::size_t first = at;
  for (std::size_t k : previous_nonblank(text, at, floor, kMaxTitleLines))
    if (title_like(text.lines[k])) first = k;
    else break;
  return first;
}

}  // namespace

std::string red_header_organ(const Line& line) {
  if (line.blank()) return "";
  std::string name = squeeze(line.original(0, line.norm.size()));
  if (name.size() > 6 && name.compare(name.size() - 6, 6, "文件") == 0) name.resize(name.size() - 6);
  return ends_in_organ_word(name) && count_chars(name) >= 2 ? name : "";
}

std::string spaced_title_of(const Text& text, std::size_t first, std::size_t last) {
  std::string joined;
  for (std::size_t k = first; k <= last && k < text.lines.size(); ++k) {
    const Line& l = text.lines[k];
    if (l.blank()) continue;
    // Spaces inside a line survive as one ' '; a line break joins directly.
    std::string_view o = l.original(0, l.norm.size());
    bool space = false;
    for (std::size_t i = 0; i < o.size();) {
      std::size_t len;
      char32_t c = decode_at(o, i, &len);
      if (c == ' ' || c == 0x3000 || c == '\t') {
        space = true;
      } else {
        if (space) joined += ' ';
        space = false;
        joined.append(o.substr(i, len));
      }
      i += len;
    }
  }
  return joined;
}

std::string title_of(const Text& text, std::size_t first, std::size_t last) {
  std::string joined;
  for (std::size_t k = first; k <= last && k < text.lines.size(); ++k) {
    const Line& l = text.lines[k];
    if (l.blank()) continue;
    joined.append(l.original(0, l.norm.size()));
  }
  return remove_wrap_spaces(joined);
}

namespace {

// 中华人民共和国国务院令 / 第752号: an order's number on its own line under
// its head, which is the title (document.cpp retitles it by what it
// promulgates).
std::optional<Segment> order_anchor(const Text& text, std::size_t i, std::size_t floor) {
  const Line& l = text.lines[i];
  // 第752号, 2023年第5号, 〔2023〕第5号, (2023年第5号): refused by the first
  // byte and the last before the pattern runs.
  std::string_view n = l.norm;
  while (!n.empty() && n.back() == ' ') n.remove_suffix(1);
  if (n.size() < 6 || !(n.rfind("第", 0) == 0 || n.rfind("〔", 0) == 0 || n.rfind("【", 0) == 0 || n[0] == '(' ||
                        n[0] == '[' || (n[0] >= '1' && n[0] <= '2')))
    return std::nullopt;
  if (n.compare(n.size() - 3, 3, "号") != 0 && n.back() != ')') return std::nullopt;
  auto prev = previous_nonblank(text, i, floor, 1);
  if (prev.empty()) return std::nullopt;
  auto num = order_number(text.lines[prev[0]].norm, l.norm);
  if (!num) return std::nullopt;
  num->line = l.number;
  Segment s;
  s.title_first = s.title_last = prev[0];
  s.title = title_of(text, prev[0], prev[0]);
  s.spaced_title = spaced_title_of(text, prev[0], prev[0]);
  s.number_line = i;
  s.number = num;
  return s;
}

// A standalone number line at `i` as a document's anchor: its title above
// it (known exactly from the TOC entry of that number, if any), or, in a red
// header, below it; or the number printed above its title at a document
// boundary. Nothing for a cited number wrapped onto its own line.
std::optional<Segment> number_anchor(const Text& text, std::size_t i, std::size_t floor, DocNumber n,
                                     const TocEntry* entry) {
  const Line& l = text.lines[i];
  Segment s;
  std::size_t first = 0, last = 0;
  std::string title;
  bool found = false;
  if (auto above = title_before(text, i, floor, entry ? &entry->title : nullptr)) {
    first = above->first, last = above->second;
    title = title_of(text, first, last);
    found = entry || names_a_document(title);
  }
  if (!found) {
    // Not a title above: a red header, or a cited number wrapped onto its
    // own line. A red header prints an organ right above the number
    // (济南市城乡交通运输局, XX人民政府文件); prose above a citation does not.
    auto below = title_after(text, i);
    if (!below) return std::nullopt;
    auto prev = previous_nonblank(text, i, floor, 1);
    bool red_header = !prev.empty() && !red_header_organ(text.lines[prev[0]]).empty();
    first = below->first, last = below->second;
    title = title_of(text, first, last);
    // Or the number printed above its title with no red header (某政发〔2023〕3号 /
    // 某某市人民政府关于…的通知): where the TOC lists that title with that
    // number, or where the number stands at a document boundary (first in
    // the body, or right after the previous document's date).
    bool number_first = !red_header && ((entry && match_key(title) == match_key(entry->title)) || prev.empty() ||
                                        signature_date(text.lines[prev[0]].norm));
    if (!red_header && !number_first) return std::nullopt;
    if (red_header) {
      s.header_first = header_start(text, i, floor);
      s.header_end = i;
    }
  }
  s.title_first = first;
  s.title_last = last;
  s.title = std::move(title);
  s.spaced_title = spaced_title_of(text, first, last);
  s.number_line = i;
  n.line = l.number;
  // Keep the number as printed (original width), without the 签发人 that
  // an upward document prints on its line (standalone_number).
  std::size_t end = l.norm.size();
  if (std::size_t at = find_literal(l.norm, "签发人"); at != std::string_view::npos)
    for (end = at; end > 0 && l.norm[end - 1] == ' ';) --end;
  n.text = std::string(l.original(0, end));
  if (n.text.size() >= 2 && (l.norm.front() == '(')) {
    std::string_view t = n.text;
    std::size_t open = l.original(0, 1).size(), close = l.original(end - 1, end).size();
    n.text = std::string(t.substr(open, t.size() - open - close));
    while (!n.text.empty() && n.text.back() == ' ') n.text.pop_back();
    while (!n.text.empty() && n.text.front() == ' ') n.text.erase(0, 1);
  }
  s.number = std::move(n);
  s.toc = entry;
  return s;
}

// Rule 1: anchors on number lines (GB/T 9704-2012 §7.2.5 prints the
// 发文字号 on a line of its own), each linked to the TOC entry of that
// number, once: a number printed twice (a duplicate) links its entry to the
// first copy only; the second is linked by title, if at all (rule 2).
void anchors_by_number(const Text& text, const Toc& toc, std::size_t body_start, std::vector<Segment>& segs) {
  std::unordered_map<std::string, const TocEntry*> toc_by_number;
  for (const auto& e : toc.entries)
    if (e.number) toc_by_number.emplace(squeeze(fold(e.number->text)), &e);
  std::unordered_set<const TocEntry*> linked;
  auto entry_of = [&](const DocNumber& n) -> const TocEntry* {
    auto hit = toc_by_number.find(squeeze(n.text));
    return hit == toc_by_number.end() || linked.count(hit->second) ? nullptr : hit->second;
  };
  std::size_t floor = body_start;
  for (std::size_t i = body_start; i < text.lines.size(); ++i) {
    const Line& l = text.lines[i];
    if (l.blank()) continue;
    std::optional<Segment> s;
    if (auto num = standalone_number(l.norm)) s = number_anchor(text, i, floor, *num, entry_of(*num));
    else if ((s = order_anchor(text, i, floor))) s->toc = entry_of(*s->number);
    if (!s) continue;
    if (s->toc) linked.insert(s->toc);
    segs.push_back(std::move(*s));
    floor = i + 1;
  }
}

// Rule 2: TOC entries not found by number (no number printed, or another
// one): a document printed with another number is linked by its title; the
// rest are found by their titles in one pass over the lines with a hash of
// the wanted titles, so a TOC of any size costs linear time. An entry still
// without a document is a diagnostic.
void toc_titles(const Text& text, const Toc& toc, std::size_t body_start, std::vector<Segment>& segs,
                std::vector<Diagnostic>* diagnostics) {
  std::vector<bool> placed(toc.entries.size(), false);
  for (const Segment& s : segs)
    if (s.toc) placed[static_cast<std::size_t>(s.toc - toc.entries.data())] = true;
  std::unordered_map<std::string, std::size_t> wanted;  // title key -> entry index
  std::size_t longest = 0;
  for (std::size_t k = 0; k < toc.entries.size(); ++k) {
    if (placed[k]) continue;
    std::string key = match_key(toc.entries[k].title);
    if (key.empty()) continue;
    longest = std::max(longest, key.size());
    wanted.emplace(std::move(key), k);
}
// A document found by its number but printed with another number than
// its TOC entry: link it by title.
for (Segment& s : segs) {
  if (s.toc) continue;
  const std::string tail = match_key(s.title);
  auto it = wanted.find(tail);
  if (it != wanted.end() && !placed[it->second]) {
    s.toc = &toc.entries[it->second];
    placed[it->second] = true;
    continue;
  }
  // A title whose first line was wrapped inside its organ's name (某某省
  // 财政局某某省发展和改革委 / 员会关于…的通知) was read from the line
  // with 关于: when the lines above it complete the TOC's title exactly,
  // they are the title's first lines.
  if (tail.empty()) continue;
  std::string above;
  for (std::size_t k : previous_nonblank(text, s.title_first, body_start, 2)) {
    if (!title_like(text.lines[k])) break;
    above = match_key(text.lines[k].norm) + above;
    auto whole = wanted.find(above + tail);
    if (whole == wanted.end() || placed[whole->second]) continue;
    s.title_first = k;
    s.title = title_of(text, k, s.title_last);
    s.spaced_title = spaced_title_of(text, k, s.title_last);
    s.toc = &toc.entries[whole->second];
    placed[whole->second] = true;
    break;
  }
}
if (std::find(placed.begin(), placed.end(), false) != placed.end()) {
  std::vector<bool> in_head(text.lines.size(), false);
  for (const Segment& s : segs)
    for (std::size_t k = s.head_first(); k <= s.head_last(); ++k) in_head[k] = true;
  std::vector<Segment> found;
  // Each line's key is made once, however many windows it falls in.
  std::vector<std::string> keys(text.lines.size());
  std::vector<bool> keyed(text.lines.size(), false);
  auto key_of = [&](std::size_t k) -> const std::string& {
    if (!keyed[k]) keys[k] = match_key(text.lines[k].norm), keyed[k] = true;
    return keys[k];
  };
  // A title starts with the first character of a wanted key: lines that
  // start otherwise need no key.
  std::unordered_set<std::string_view> first_chars;
  for (const auto& [key, entry] : wanted) first_chars.insert(first_key_char(key));
  for (std::size_t i = body_start; i < text.lines.size(); ++i) {
    if (text.lines[i].blank() || in_head[i] || text.lines[i].norm.size() > longest + 24) continue;
    std::string_view first = first_key_char(text.lines[i].norm);
    if (!first.empty() && !first_chars.count(first)) continue;
    std::string got;
    for (std::size_t k = i, taken = 0; k < text.lines.size() && taken < kMaxTitleLines + 2; ++k) {
      if (text.lines[k].blank()) continue;
      if (in_head[k] || got.size() + text.lines[k].norm.size() > longest + 8) break;
      got += key_of(k);
      ++taken;
      auto it = wanted.find(got);
      if (it == wanted.end() || placed[it->second]) continue;
      Segment s;
      s.title_first = i;
      s.title_last = k;
      s.title = title_of(text, i, k);
      s.spaced_title = spaced_title_of(text, i, k);
      s.toc = &toc.entries[it->second];
      placed[it->second] = true;
      found.push_back(std::move(s));
      i = k;
      break;
    }
  }
  for (auto& s : found) segs.push_back(std::move(s));
}
for (std::size_t k = 0; k < toc.entries.size(); ++k)
  if (!placed[k] && diagnostics)
    diagnostics->push_back({"toc-entry-without-document", Severity::warning, toc.entries[k].line, 1,
                            "table of contents entry '" + toc.entries[k].title + "' has no document in the body"});

}

// Rule 3: without a TOC, chronicles (大事记) open with a title and no number.
void chronicles_without_toc(const Text& text, std::size_t body_start, std::vector<Segment>& segs) {
  std::string buf;
  for (std::size_t i = body_start; i < text.lines.size(); ++i) {
    const Line& l = text.lines[i];
    if (l.blank() || count_chars(l.norm) > 40) continue;
    std::string_view sq = squeeze(l.norm, buf);
    if (sq.size() < 9 || sq.compare(sq.size() - 9, 9, "大事记") != 0) continue;
    std::size_t first = i;
    auto prev = previous_nonblank(text, i, body_start, 1);
    if (sq == "大事记" && !prev.empty() && title_like(text.lines[prev[0]]) && count_chars(text.lines[prev[0]].norm) <= 24)
      first = prev[0];
    Segment s;
    s.title_first = first;
    s.title_last = i;
    s.title = title_of(text, first, i);
    s.spaced_title = spaced_title_of(text, first, i);
    segs.push_back(std::move(s));
  }
}

// Rule 4: nothing recognisable: the whole text is one document, titled by
// its first line(s) where they are a title (wrapped_title, lone_title), else
// untitled with a warning.
void whole_text_document(const Text& text, std::size_t body_start, std::vector<Segment>& segs,
                         std::vector<Diagnostic>* diagnostics) {
  std::size_t first = body_start;
  while (first < text.lines.size() && (text.lines[first].blank() || text.lines[first].norm.rfind("【", 0) == 0 ||
                                       text.lines[first].norm.rfind("原文链接", 0) == 0))
    ++first;
  if (first < text.lines.size()) {
    Segment s;
    s.title_first = first;
    s.title_last = first;
    if (auto last = wrapped_title(text, first)) {
      s.title_last = *last;
      s.title = title_of(text, first, s.title_last);
      s.spaced_title = spaced_title_of(text, first, s.title_last);
    } else if (lone_title(text, first)) {
      // A title wrapped over short lines (石化行业智能制造标准体系 / 建设指南 /
      // (2022 版)): they join it while the whole stays short.
      std::size_t chars = count_chars(text.lines[first].norm);
      for (std::size_t k = first + 1; k < text.lines.size() && k <= first + 4; ++k) {
        const Line& next = text.lines[k];
        if (next.blank()) continue;  // 移动智能终端应用软件预置 / (blank) / 和分发管理暂行规定
        std::size_t n = count_chars(next.norm);
        if (n > 20 || chars + n > 60 || !title_like(next) || starts_heading(next.norm) ||
            (next.norm[0] >= '0' && next.norm[0] <= '9') || squeeze(next.norm) == "目录")
          break;  // a date line (2022 年11月, (2023年1月2日)) or the contents start the body
        s.title_last = k;
        chars += n;
      }
      s.title = title_of(text, first, s.title_last);
      s.spaced_title = spaced_title_of(text, first, s.title_last);
    } else {
      s.title_last = first > 0 ? first - 1 : 0;
      if (diagnostics)
        diagnostics->push_back({"document-without-title", Severity::warning, text.lines[first].number, 1,
                                "no document title found; the text is taken as one untitled document"});
    }
    segs.push_back(std::move(s));
  }
}

}  // namespace

std::vector<Segment> segment(const Text& text, const Toc& toc, std::size_t body_start,
                             std::vector<Diagnostic>* diagnostics) {
  std::vector<Segment> segs;
  anchors_by_number(text, toc, body_start, segs);
  toc_titles(text, toc, body_start, segs, diagnostics);
  if (toc.entries.empty()) chronicles_without_toc(text, body_start, segs);
  std::sort(segs.begin(), segs.end(), [](const Segment& a, const Segment& b) { return a.head_first() < b.head_first(); });
  if (segs.empty()) whole_text_document(text, body_start, segs, diagnostics);
  for (std::size_t k = 0; k < segs.size(); ++k)
    segs[k].end = k + 1 < segs.size() ? segs[k + 1].head_first() : text.lines.size();
  return segs;
}

}  // namespace gazette
