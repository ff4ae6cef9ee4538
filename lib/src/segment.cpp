// Stage 6, segment: document starts from number lines, titles and the TOC.
#include "gazette/segment.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "gazette/dates.h"
#include "gazette/numbers.h"
#include "gazette/reflow.h"

namespace gazette {
namespace {

constexpr std::size_t kMaxTitleLines = 5;

// Could this line be part of a title? Titles do not end sentences, carry no
// colon (addressee lines and 附件: notes do), are no dates and no numbers.
bool title_like(const Line& l) {
  if (l.blank() || count_chars(l.norm) > 90) return false;
  if (ends_sentence(l.norm) || l.norm.find(':') != std::string::npos) return false;
  if (parse_date(l.norm) || standalone_number(l.norm)) return false;
  if (l.norm.rfind("【", 0) == 0) return false;  // database export furniture
  return true;
}

// Does a title start with this line? It names an organ before 关于/印发.
bool opens_title(std::string_view norm) {
  for (std::string_view verb : {"关于", "印发", "转发", "批转", "发布"}) {
    std::size_t at = norm.find(verb);
    if (at != std::string_view::npos && at > 0) return true;
  }
  return false;
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
    for (std::string_view verb : {"关于", "印发", "转发", "批转"})
      if (sq.rfind(verb, 0) == 0) return std::make_pair(prev[std::min(k + 1, avail - 1)], prev[0]);
    if (opens_title(sq)) return std::make_pair(prev[k], prev[0]);
  }
  return std::make_pair(prev[std::min<std::size_t>(avail, 2) - 1], prev[0]);
}

}  // namespace

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

std::vector<Segment> segment(const Text& text, const Toc& toc, std::size_t body_start,
                             std::vector<Diagnostic>* diagnostics) {
  std::vector<Segment> segs;
  std::unordered_map<std::string, const TocEntry*> toc_by_number;
  for (const auto& e : toc.entries)
    if (e.number) toc_by_number.emplace(squeeze(fold(e.number->text)), &e);

  // 1. Anchors: standalone number lines with a title above them.
  std::size_t floor = body_start;
  for (std::size_t i = body_start; i < text.lines.size(); ++i) {
    const Line& l = text.lines[i];
    if (l.blank()) continue;
    auto num = standalone_number(l.norm);
    if (!num && l.norm.rfind("第", 0) == 0) {
      // 中华人民共和国国务院令 / 第752号: the order's title is its prefix.
      auto prev = previous_nonblank(text, i, floor, 1);
      if (!prev.empty()) num = order_number(text.lines[prev[0]].norm, l.norm);
      if (num) {
        num->line = l.number;
        Segment s;
        s.title_first = s.title_last = prev[0];
        s.title = title_of(text, prev[0], prev[0]);
        s.spaced_title = spaced_title_of(text, prev[0], prev[0]);
        s.number_line = i;
        auto hit = toc_by_number.find(squeeze(num->text));
        s.toc = hit == toc_by_number.end() ? nullptr : hit->second;
        s.number = num;
        segs.push_back(std::move(s));
        floor = i + 1;
        continue;
      }
    }
    if (!num) continue;
    std::string key = squeeze(num->text);
    auto hit = toc_by_number.find(key);
    const TocEntry* entry = hit == toc_by_number.end() ? nullptr : hit->second;
    auto range = title_before(text, i, floor, entry ? &entry->title : nullptr);
    if (!range) continue;
    Segment s;
    s.title_first = range->first;
    s.title_last = range->second;
    s.title = title_of(text, s.title_first, s.title_last);
    s.spaced_title = spaced_title_of(text, s.title_first, s.title_last);
    if (!entry && genre_of(s.title).empty()) continue;  // a cited number wrapped onto its own line
    s.number_line = i;
    num->line = l.number;
    // Keep the number as printed (original width).
    num->text = std::string(l.original(0, l.norm.size()));
    if (num->text.size() >= 2 && (l.norm.front() == '(')) {
      std::string_view t = num->text;
      std::size_t open = l.original(0, 1).size(), close = l.original(l.norm.size() - 1, l.norm.size()).size();
      num->text = std::string(t.substr(open, t.size() - open - close));
      while (!num->text.empty() && num->text.back() == ' ') num->text.pop_back();
      while (!num->text.empty() && num->text.front() == ' ') num->text.erase(0, 1);
    }
    s.number = num;
    s.toc = entry;
    segs.push_back(std::move(s));
    floor = i + 1;
  }

  // 2. TOC entries not found by number (no number printed, or a different
  // one): find their titles. One pass over the lines with a hash of the
  // wanted titles, so a TOC of any size costs linear time.
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
    auto it = wanted.find(match_key(s.title));
    if (it != wanted.end() && !placed[it->second]) {
      s.toc = &toc.entries[it->second];
      placed[it->second] = true;
    }
  }
  if (std::find(placed.begin(), placed.end(), false) != placed.end()) {
    std::vector<bool> in_head(text.lines.size(), false);
    for (const Segment& s : segs)
      for (std::size_t k = s.title_first; k <= (s.number_line ? *s.number_line : s.title_last); ++k) in_head[k] = true;
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

  // 3. Without a TOC: chronicles (大事记) open with a title and no number.
  if (toc.entries.empty()) {
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

  std::sort(segs.begin(), segs.end(), [](const Segment& a, const Segment& b) { return a.title_first < b.title_first; });

  // 4. Nothing recognisable: the whole text is one document.
  if (segs.empty()) {
    std::size_t first = body_start;
    while (first < text.lines.size() && (text.lines[first].blank() || text.lines[first].norm.rfind("【", 0) == 0 ||
                                         text.lines[first].norm.rfind("原文链接", 0) == 0))
      ++first;
    if (first < text.lines.size()) {
      Segment s;
      s.title_first = first;
      s.title_last = first;
      if (title_like(text.lines[first]) && count_chars(text.lines[first].norm) <= 60) {
        s.title = title_of(text, first, first);
        s.spaced_title = spaced_title_of(text, first, first);
      } else {
        s.title_last = first > 0 ? first - 1 : 0;
        if (diagnostics)
          diagnostics->push_back({"document-without-title", Severity::warning, text.lines[first].number, 1,
                                  "no document title found; the text is taken as one untitled document"});
      }
      segs.push_back(std::move(s));
    }
  }

  for (std::size_t k = 0; k < segs.size(); ++k)
    segs[k].end = k + 1 < segs.size() ? segs[k + 1].title_first : text.lines.size();
  return segs;
}

}  // namespace gazette
