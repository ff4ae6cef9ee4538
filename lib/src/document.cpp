// Stage 7, document: one document read as GB/T 9704-2012 lays it out. The
// elements are found by anatomy.cpp's functions; read_document drives them.
#include "gazette/document.h"

#include <re2/re2.h>

#include <algorithm>

#include "anatomy.h"
#include "gazette/dates.h"
#include "gazette/numbers.h"
#include "gazette/toc.h"
#include "words.h"

namespace gazette {
namespace {

// Non-blank lines after the head in which a public marking or a malformed
// date of a document without a foot is looked for (the sample's notices
// print their foot within 16).
constexpr std::size_t kHeadWindowLines = 16;

// Issued names looked for to bound a foot (each is a scan of the document).
constexpr std::size_t kMaxBoundNames = 4;
// Issued names (《X》 of the cover, X of the title) looked for as headings.
constexpr std::size_t kMaxIssuedNames = 64;
// Lines an adoption line may take, its revision history included.
constexpr std::size_t kMaxAdoptionLines = 8;
// Lines of the cover's first paragraph searched for the names it issues.
constexpr std::size_t kMaxCoverLines = 6;
// Lines a part's heading may take above its adoption line (a title of 50
// characters set in 2号 type wraps to four or five).
constexpr std::size_t kMaxPartTitleLines = 5;
// Non-blank lines of an order's opening in which its promulgated 《X》 stands.
constexpr std::size_t kPromulgationLines = 4;

std::size_t next_nonblank(const Text& t, std::size_t i, std::size_t end) {
  while (i < end && t.lines[i].blank()) ++i;
  return i;
}

bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// The name a title issues (印发X的通知 -> X), match_key form; "" if none.
std::string issued_in_title(const std::string& title_norm) {
  std::string t = squeeze(title_norm);
  std::size_t verb_end = std::string::npos;
  for (std::string_view verb : words::kIssuingVerbs) {
    std::size_t at = t.find(verb);
    if (at != std::string::npos && (verb_end == std::string::npos || at + verb.size() < verb_end)) verb_end = at + verb.size();
  }
  if (verb_end == std::string::npos) return "";
  for (std::string_view tail : words::kIssuingTails)
    if (ends_with(t, tail) && t.size() >= verb_end + tail.size() + 6)
      return match_key(std::string_view(t).substr(verb_end, t.size() - tail.size() - verb_end));
  return "";
}

// Names of the texts a notice issues: 《X》 in its covering text, and what
// stands between 印发/转发 and 的通知 in its title. (Literal scans: these run
// on every document.)
std::vector<std::string> issued_names(const std::string& title_norm, const Stream& cover) {
  std::vector<std::string> names;
  std::string_view s = cover.str();
  static const std::string open = "《", close = "》";
  for (std::size_t at = s.find(open); at != std::string::npos; at = s.find(open, at + open.size())) {
    std::size_t b = at + open.size();
    std::size_t e = s.find(close, b), nested = s.find(open, b);
    if (e == std::string::npos) break;
    if (nested < e) continue;  // 《…《…》: the inner one is taken next
    std::size_t chars = count_chars(std::string_view(s).substr(b, e - b));
    if (chars >= 2 && chars <= 200) names.push_back(match_key(std::string_view(s).substr(b, e - b)));
  }
  if (std::string name = issued_in_title(title_norm); !name.empty()) names.push_back(std::move(name));
  return names;
}

struct HeadingMatch {
  std::size_t first, last;
};

// Heading lines in [from, end) whose squeezed text equals `want`.
std::optional<HeadingMatch> find_heading(const Text& text, std::size_t from, std::size_t end, const std::string& want) {
  const std::string_view want_first = first_key_char(want);
  for (std::size_t i = from; i < end; ++i) {
    // A heading's first line is no longer than the heading (plus spaces and
    // quotation marks), and its key starts as `want` does: skip the other
    // lines without building their keys.
    if (text.lines[i].blank() || text.lines[i].norm.size() > want.size() + 24) continue;
    std::string_view first = first_key_char(text.lines[i].norm);
    if (!first.empty() && !want_first.empty() && first != want_first) continue;
    std::string got;
    for (std::size_t k = i, taken = 0; k < end && taken < 4; ++k) {
      if (text.lines[k].blank()) continue;
      got += match_key(text.lines[k].norm);
      ++taken;
      if (got == want) return HeadingMatch{i, k};
      if (got.size() >= want.size() || want.compare(0, got.size(), got) != 0) break;
    }
  }
  return std::nullopt;
}

// `(2022年8月30日楚雄彝族自治州十三届人民代表大会常务委员会第四次会议通过)`,
// possibly over several lines; returns the last line index used.
struct Adoption {
  std::size_t first = 0, last = 0;
  std::string date, by;
  std::vector<Revision> history;
};

// The dated steps inside an adoption line's parentheses, s[b, e): a step
// starts at its date, at the start or after 根据 or a space:
// 2004年8月28日…会议通过 根据2009年8月27日…《关于修改部分法律的决定》第一次修正.
std::vector<Revision> revision_history(const Stream& st, std::size_t b, std::size_t e) {
  std::string_view s = st.str().substr(0, e);
  std::vector<std::size_t> starts{b};
  for (std::size_t q = b + 1; q < e; ++q) {
    std::size_t at = q;
    if (s.compare(q, 6, "根据") == 0) at = q + 6;
    else if (q >= b + 6 && std::any_of(std::begin(words::kAdoptionEvents), std::end(words::kAdoptionEvents),
                                        [&](std::string_view v) { return s.compare(q - v.size(), v.size(), v) == 0; }))
      at = q;  // a step printed on the next line with nothing between
    else if (s[q] == ' ' || s.compare(q, 3, "，") == 0 || s[q] == ',' || s.compare(q, 3, "；") == 0 || s[q] == ';')
      at = q + (s[q] == ' ' || s[q] == ',' || s[q] == ';' ? 1 : 3);
    else continue;
    std::size_t used = 0;
    if (at < e && date_prefix(s.substr(at), &used)) starts.push_back(at), q = at + used;
  }
  std::vector<Revision> out;
  for (std::size_t k = 0; k < starts.size(); ++k) {
    std::size_t sb = starts[k], se = k + 1 < starts.size() ? starts[k + 1] : e;
    std::size_t used = 0;
    auto d = date_prefix(s.substr(sb, se - sb), &used);
    if (!d) continue;
    std::string_view step = s.substr(sb + used, se - sb - used);
    while (!step.empty() && (step.back() == ' ' || step.back() == ',' || step.back() == ';')) step.remove_suffix(1);
    if (ends_with(step, "根据")) step.remove_suffix(6);
    Revision r;
    r.date = iso(*d);
    std::size_t cut = step.size();
    for (std::string_view verb : words::kAdoptionEvents)
      if (ends_with(step, verb)) {
        r.event = std::string(verb);
        cut -= verb.size();
        break;
      }
    std::size_t ob = sb + used, oe = sb + used + cut;
    while (ob < oe && s[ob] == ' ') ++ob;
    while (oe > ob && s[oe - 1] == ' ') --oe;
    if (ends_with(s.substr(0, oe), "会议") && r.event.empty()) r.event = "通过";
    r.by = remove_wrap_spaces(st.original(ob, oe));
    out.push_back(std::move(r));
  }
  return out;
}
std::optional<Adoption> adoption_at(const Text& text, std::size_t i, std::size_t end) {
  const Line& l = text.lines[i];
  if (l.norm.empty() || l.norm[0] != '(') return std::nullopt;
  std::size_t used = 0;
  auto d = date_prefix(std::string_view(l.norm).substr(1), &used);
  if (!d) return std::nullopt;
  // Join until the parenthesis closes.
  std::size_t k = i, taken = 0;
  for (; k < end && taken < kMaxAdoptionLines; ++k) {
    if (text.lines[k].blank()) continue;
    ++taken;
    if (!text.lines[k].norm.empty() && text.lines[k].norm.back() == ')') break;
  }
  if (k >= end || taken > kMaxAdoptionLines) return std::nullopt;
  Stream st(text, i, k + 1);
  std::string_view s = st.str();
  std::string buf;
  std::string_view sq = squeeze(s, buf);
  static const RE2 tail(R"((.*?)(?:会议)?(?:通过|批准|修订|修正)\)$)");
  if (!RE2::PartialMatch(sq, tail)) return std::nullopt;
  Adoption a;
  a.first = i;
  a.last = k;
  a.date = iso(*d);
  // The first step opens with the date just read, so the history is never
  // empty; adopted_by is that step's meeting (the whole line once ran the
  // history together into one string).
  a.history = revision_history(st, 1, s.size() - 1);
  if (a.history.empty()) return std::nullopt;
  a.by = a.history.front().by;
  return a;
}

// The place an organ's name opens with (楚雄州, 云南省, 楚雄彝族自治州),
// after a leading 中共/中国共产党; empty for national organs (国家…, 国务院…)
// and names without one in their first ten characters.
std::string_view place_of(std::string_view organ) {
  for (std::string_view party : {"中共", "中国共产党"})
    if (organ.substr(0, party.size()) == party) organ.remove_prefix(party.size());
  for (std::string_view national : {"国家", "国务院", "全国", "中央", "中华"})
    if (organ.substr(0, national.size()) == national) return {};
  std::size_t i = 0;
  for (int n = 0; n < 10 && i < organ.size(); ++n) {
    std::size_t len;
    char32_t c = decode_at(organ, i, &len);
    i += len;
    if (n >= 2 && (c == U'省' || c == U'市' || c == U'州' || c == U'县' || c == U'区' || c == U'盟' || c == U'旗'))
      return organ.substr(0, i);
  }
  return {};
}

// Does `right` open an organ of its own after the organ `left`? It opens
// with a national organ's or the party's name (国务院办公厅, 国家能源局,
// 中共…), or with left's place, in full or in the other common form
// (楚雄彝族自治州 / 楚雄州: the same first two characters and final one).
bool opens_next_organ(std::string_view left, std::string_view right) {
  for (std::string_view national : {"中共", "中国共产党", "国务院", "国家", "全国", "最高人民", "共青团"})
    if (right.substr(0, national.size()) == national) return true;
  std::string_view a = place_of(left), b = place_of(right);
  if (a.empty() || b.empty()) return false;
  if (a == b) return true;
  std::size_t len;
  std::size_t two = 0;
  for (int n = 0; n < 2; ++n) decode_at(a, two, &len), two += len;
  return a.size() > two && b.size() > two && a.substr(0, two) == b.substr(0, two) &&
         a.substr(a.size() - 3) == b.substr(b.size() - 3);
}

// Joint issuers printed without a separator, as a PDF extractor leaves
// 国家发展改革委 国家能源局 or 中共中央办公厅 国务院办公厅: cut where the
// text so far ends in an organ word (three characters at least) and the rest
// (three at least) is an organ opening as one (opens_next_organ) and ending
// in an organ word: 中共中央国务院 is 中共中央 and 国务院.
// A single organ (楚雄州人民政府办公室, 国家税务总局楚雄州税务局) stays whole.
void split_run_together(std::string_view name, std::vector<std::string>& out) {
  std::size_t i = 0;
  for (int n = 0; i < name.size(); ++n) {
    std::size_t len;
    decode_at(name, i, &len);
    i += len;
    if (n < 2 || i >= name.size()) continue;
    std::string_view left = name.substr(0, i), right = name.substr(i);
    if (count_chars_up_to(right, 3) >= 3 && ends_in_organ_word(left) && ends_in_organ_word(right) &&
        opens_next_organ(left, right)) {
      out.emplace_back(left);
      return split_run_together(right, out);
    }
  }
  out.emplace_back(name);
}

}  // namespace

std::vector<std::string> issuers_of(std::string_view title) {
  // Where does the organ part end? At the first 关于/印发/… not at the start,
  // found on the text without spaces (letter-spaced titles: 关 于). A reply
  // names what it answers in quotes after 对 (民政部对“…建议”的答复): 对“ / 对《
  // ends the organ part too, where an organ stands before it.
  std::string sq = squeeze(title);
  std::size_t cut = std::string::npos;
  for (std::string_view verb : {"关于", "印发", "转发", "批转", "发布"}) {
    std::size_t at = sq.find(verb);
    if (at != std::string::npos && at > 0 && at < cut) cut = at;
  }
  for (std::string_view verb : {"对“", "对《", "对\"", "对"}) {
    std::size_t at = sq.find(verb);
    if (at != std::string::npos && at > 0 && at < cut && ends_in_organ_word(std::string_view(sq).substr(0, at))) cut = at;
  }
  // An order names its issuer before 令: 某某市人民政府令, 中华人民共和国国务院令,
  // 中华人民共和国主席令; a numbered notice before 公告/通告: 某某市人民政府通告.
  std::size_t genre_bytes = numbered_genre(sq);
  // Joint ones (国家发展和改革委员会 商务部令) are split below, as a
  // title's organs are.
  if (cut == std::string::npos && genre_bytes) {
    std::string organ = sq.substr(0, sq.size() - genre_bytes);
    bool president = organ.size() >= 6 && organ.compare(organ.size() - 6, 6, "主席") == 0;
    if (count_chars(organ) >= 2 && president) return {organ};
    if (count_chars(organ) >= 2 && ends_in_organ_word(organ)) cut = organ.size();
  }
  // No organ part: none found, or the title opens with 关于 (关于印发…的通知,
  // whose organs stand in a red header or the signature instead).
  if (cut == std::string::npos || sq.rfind("关于", 0) == 0) return {};
  // Tokens of the organ part, split at spaces; organs_at_spaces joins them
  // back into organs (letter spacing and wrap spaces merge).
  std::vector<std::string> tokens;
  std::size_t taken = 0;  // squeezed bytes consumed
  std::string cur;
  for (std::size_t i = 0; i < title.size() && taken < cut;) {
    std::size_t len;
    char32_t c = decode_at(title, i, &len);
    if (c == ' ' || c == 0x3000) {
      if (!cur.empty()) tokens.push_back(cur), cur.clear();
    } else {
      cur.append(title.substr(i, len));
      taken += len;
    }
    i += len;
  }
  if (!cur.empty()) tokens.push_back(cur);
  std::vector<std::string> organs = anatomy::organs_at_spaces(tokens);
  // Joint issuers may also be listed with 、 or a comma.
  std::vector<std::string> out;
  for (const std::string& o : organs) {
    std::string piece;
    for (std::size_t i = 0; i < o.size();) {
      std::size_t len;
      char32_t c = decode_at(o, i, &len);
      if (c == U'、' || c == U'，' || c == ',') {
        if (!piece.empty()) split_run_together(piece, out), piece.clear();
      } else {
        piece.append(o, i, len);
      }
      i += len;
    }
    if (!piece.empty()) split_run_together(piece, out);
  }
  return out;
}

namespace {

std::vector<std::string> header_issuers(const Text& text, const Segment& seg) {
  // The organs printed above the number in a red-header layout, one a line.
  std::vector<std::string> out;
  for (std::size_t k = seg.header_first; k < seg.header_end && k < text.lines.size(); ++k)
    if (std::string name = red_header_organ(text.lines[k]); !name.empty()) out.push_back(std::move(name));
  return out;
}

}  // namespace

namespace {

// The document's own identity from its head (GB/T 9704-2012 §7.2 版头 and
// §7.3.1 标题): title, number, 文种, issuers named by the title or the red
// header, where it stands in the issue.
Document head(const Text& text, const Segment& seg, const Pages& pages) {
  Document d;
  d.title = seg.title;
  d.number = seg.number;
  d.title_line = text.lines[seg.title_first].number;
  std::string g = document_genre(fold(d.title));
  if (!g.empty()) d.genre = g;
  d.issuers = issuers_of(seg.spaced_title.empty() ? d.title : seg.spaced_title);
  if (d.issuers.empty()) d.issuers = header_issuers(text, seg);
  if (seg.toc) {
    if (!seg.toc->section.empty()) d.section = seg.toc->section;
    d.page = seg.toc->page;
  }
  if (seg.title_first < pages.page_of_line.size() && pages.page_of_line[seg.title_first] > 0)
    d.printed_page = pages.page_of_line[seg.title_first];
  if (!d.page) d.page = d.printed_page;
  // end_line: the last non-blank line before the next document.
  for (std::size_t k = seg.end; k-- > seg.title_first;)
    if (!text.lines[k].blank()) {
      d.end_line = text.lines[k].number;
      break;
    }
  return d;
}

bool issues_texts(const std::string& title_norm) {
  return std::any_of(std::begin(words::kIssuingVerbs), std::end(words::kIssuingVerbs),
                     [&](std::string_view v) { return title_norm.find(v) != std::string::npos; });
}

// The public marking in the first lines of the cover, for a document whose
// foot holds none (a marking printed under the title, or a foot not found).
bool public_in_window(const Text& text, std::size_t from, std::size_t end) {
  for (std::size_t k = from, taken = 0; k < end && taken < kHeadWindowLines; ++k) {
    if (text.lines[k].blank()) continue;
    ++taken;
    if (anatomy::says_public(text.lines[k].norm)) return true;
  }
  return false;
}

// A date line that is no calendar date (2022年13月45日) near the head.
void report_invalid_date(const Text& text, std::size_t from, std::size_t end, std::vector<Diagnostic>* diagnostics) {
  static const RE2 loose(R"(^([0-9〇零○O一二三四五六七八九十]{4})年([0-9一二三四五六七八九十]{1,3})月([0-9一二三四五六七八九十]{1,3})日$)");
  std::string buf;
  for (std::size_t k = from, taken = 0; k < end && taken < kHeadWindowLines && diagnostics; ++k) {
    if (text.lines[k].blank()) continue;
    ++taken;
    std::string_view sq = squeeze(text.lines[k].norm, buf);
    if (RE2::FullMatch(sq, loose)) {
      diagnostics->push_back({"date-invalid", Severity::error, text.lines[k].number, 1,
                              "成文日期 " + std::string(sq) + " is not a calendar date"});
      return;
    }
  }
}

// Texts adopted separately that the document transmits: headings followed
// by an adoption line `(…年…月…日…会议通过)`.
std::vector<Part> parts(const Text& text, std::size_t from, std::size_t end) {
  std::vector<Part> out;
  for (std::size_t k = from; k < end; ++k) {
    if (text.lines[k].blank() || text.lines[k].norm[0] != '(') continue;
    auto a = adoption_at(text, k, end);
    if (!a) continue;
    // The heading: title-like lines right above, after the notice's foot.
    std::size_t first = k, taken = 0;
    for (std::size_t j = k; j > from && taken < kMaxPartTitleLines;) {
      --j;
      if (text.lines[j].blank()) continue;
      std::string_view n = text.lines[j].norm;
      if (ends_sentence(n) || count_chars(n) > 90) break;
      first = j;
      ++taken;
    }
    if (first == k) continue;
    Part p;
    p.title = title_of(text, first, k - 1);
    p.title_line = text.lines[first].number;
    p.adopted = a->date;
    p.adopted_by = a->by;
    p.history = std::move(a->history);
    out.push_back(std::move(p));
    k = a->last;
  }
  return out;
}

// 附件 (GB/T 9704-2012 §7.3.8): each item of the attachment note, with its
// heading's line where the text is printed after the foot; then the texts
// the notice issues by name (印发X的通知, 《X》 in the cover) found by their
// headings, unless listed already or adopted separately (parts).
std::vector<Attachment> attachments(const Text& text, const std::optional<anatomy::AttachmentNote>& note,
                                    const std::vector<std::string>& issued, const std::vector<Part>& parts,
                                    std::size_t from, std::size_t end) {
  std::vector<Attachment> out;
  std::vector<std::string> keys;
  if (note)
    for (const auto& item : note->items) {
      std::string key = match_key(item.text);
      if (key.empty() || std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
      Attachment a{item.text, text.lines[item.line].number, text.lines[item.line].number};
      if (auto h = find_heading(text, from, end, key)) a.title_line = text.lines[h->first].number;
      keys.push_back(std::move(key));
      out.push_back(std::move(a));
    }
  std::size_t at = from;
  // Each name is a scan of the document: a notice issues a few texts, so
  // the first kMaxIssuedNames are looked for (60,000 《》 titles over
  // 60,000 lines once took 42 s).
  std::size_t looked = 0;
  for (const std::string& name : issued) {
    if (++looked > kMaxIssuedNames) break;
    bool is_part = std::any_of(parts.begin(), parts.end(), [&](const Part& p) { return match_key(p.title) == name; });
    if (is_part || std::find(keys.begin(), keys.end(), name) != keys.end()) continue;
    if (auto h = find_heading(text, at, end, name)) {
      out.push_back({title_of(text, h->first, h->last), text.lines[h->first].number, 0});
      keys.push_back(name);
      at = h->last + 1;
    }
  }
  return out;
}

// The end (exclusive) of the paragraph opening at `from`: through its first
// line that ends a sentence, at most kMaxCoverLines lines (a PDF extractor
// wraps the cover's first sentence, 现将《X》印发给你们, over two or three).
std::size_t first_paragraph_end(const Text& text, std::size_t from, std::size_t end) {
  std::size_t k = from, taken = 0;
  while (k < end && taken < kMaxCoverLines) {
    if (text.lines[k].blank()) {
      ++k;
      continue;
    }
    ++taken;
    if (ends_sentence(text.lines[k++].norm)) break;
  }
  return k;
}

// What an order (令) promulgates: the first 《X》 of its opening lines that
// a 公布/发布/施行 clause follows (《中华人民共和国某某条例》已经…通过，现予
// 公布，自…起施行). Original text of X, or "".
std::string promulgated(const Text& text, std::size_t from, std::size_t end) {
  std::size_t last = from;
  for (std::size_t taken = 0; last < end && taken < kPromulgationLines; ++last)
    if (!text.lines[last].blank()) ++taken;
  Stream st(text, from, last);
  std::string_view s = st.str();
  std::size_t open = find_literal(s, "《");
  if (open == std::string_view::npos) return "";
  std::size_t close = find_literal(s, "》", open);
  if (close == std::string_view::npos || count_chars(s.substr(open + 3, close - open - 3)) > 100) return "";
  std::string_view after = s.substr(close, 400);
  for (std::string_view verb : {"公布", "发布", "施行"})
    if (find_literal(after, verb) != std::string_view::npos) return remove_wrap_spaces(st.original(open + 3, close));
  return "";
}

}  // namespace

Document read_document(const Text& text, const Segment& seg, const Pages& pages, std::vector<Diagnostic>* diagnostics,
                       bool with_text) {
  Document d = head(text, seg, pages);
  const bool chronicle = d.genre && *d.genre == "大事记";
  // An untitled text (a body printed without its title) has no head: its
  // addressee line may be its very first.
  const bool untitled = seg.title.empty() && !seg.number;
  const std::size_t after_head = untitled ? seg.title_first : seg.head_last() + 1;
  if (d.genre && *d.genre == "令")
    if (std::string x = promulgated(text, after_head, seg.end); !x.empty()) d.title = *(d.promulgates = x);
  std::size_t cover_from = next_nonblank(text, after_head, seg.end);
  // A date in parentheses right under the title, as gazettes print the
  // date of a document published without a foot (中共中央 国务院关于…的意见 /
  // (2023年1月2日)): the document's date, unless a foot has one.
  std::optional<std::size_t> date_under_title;
  if (!untitled && !chronicle && cover_from < seg.end && bracketed_date(text.lines[cover_from].norm)) {
    date_under_title = cover_from;
    cover_from = next_nonblank(text, cover_from + 1, seg.end);
  }
  if (!chronicle)
    if (auto a = anatomy::addressees(text, date_under_title ? cover_from : after_head, seg.end)) {
      d.addressees = std::move(a->names);
      cover_from = a->end;
    }

  // The text the title issues, printed after the cover, bounds the foot:
  // a date at the end of that text is its own, not the notice's.
  const std::string title_norm = fold(d.title);
  const bool issuing = issues_texts(title_norm);
  // Its name is in the title (印发X的通知) or quoted in the cover's first
  // line (现将《X》印发给你们).
  std::size_t bound = seg.end;
  if (issuing) {
    std::vector<std::string> names = issued_names(title_norm, Stream(text, cover_from, first_paragraph_end(text, cover_from, seg.end)));
    if (names.size() > kMaxBoundNames) names.resize(kMaxBoundNames);
    for (const std::string& name : names)
      if (auto h = find_heading(text, cover_from + 1, bound, name))
        // 《X》 alone on a line is the cover quoting it (wrapped), not X's heading.
        if (text.lines[h->first].norm.rfind("《", 0) != 0) bound = h->first;
  }

  std::optional<anatomy::Foot> foot;
  if (!chronicle) foot = anatomy::foot(text, cover_from, bound);
  std::size_t cover_end = cover_from;  // first line after the cover (the notice proper)
  std::vector<anatomy::Printed> signers;
  if (foot) {
    d.date = iso(*foot->date);
    d.date_line = text.lines[foot->date_line].number;
    signers = foot->signers;
    cover_end = foot->end;
    // 附注: the line after the date, or a marking between signature and date.
    std::optional<anatomy::Printed> note = anatomy::note_at(text, next_nonblank(text, foot->end, seg.end));
    for (std::size_t k = foot->first; !note && k < foot->end; ++k)
      if (anatomy::says_public(text.lines[k].norm)) note = anatomy::note_at(text, k);
    if (note) {
      d.note = Note{note->text, text.lines[note->line].number};
      d.is_public = anatomy::says_public(text.lines[note->line].norm);
      cover_end = std::max(cover_end, note->line + 1);
    }
  } else if (date_under_title) {
    d.date = iso(*bracketed_date(text.lines[*date_under_title].norm));
    d.date_line = text.lines[*date_under_title].number;
  } else if (!chronicle) {
    // Signed but undated: the signer stands right above the issued text's
    // heading, or last in the document.
    signers = anatomy::undated_signers(text, cover_from, bound);
    report_invalid_date(text, cover_from, seg.end, diagnostics);
  }
  for (const auto& s : signers) d.signers.push_back({s.text, text.lines[s.line].number});
  if (!d.is_public && !chronicle) d.is_public = public_in_window(text, cover_from, bound);
  // A title opening with 关于 names no organ: the signature does.
  if (d.issuers.empty())
    for (const auto& s : signers)
      if (!anatomy::person_signer(text.lines[s.line].norm)) split_run_together(squeeze(s.text), d.issuers);

  d.parts = parts(text, cover_end, seg.end);
  std::optional<anatomy::AttachmentNote> note;
  if (foot) note = anatomy::attachment_note_before(text, cover_from, foot->first);
  std::vector<std::string> issued;
  if (issuing) {
    // The cover: up to its foot, or up to the issued text when unsigned.
    std::size_t cover_last = foot ? cover_end : bound < seg.end ? bound : first_paragraph_end(text, cover_from, seg.end);
    issued = issued_names(title_norm, Stream(text, cover_from, cover_last));
  }
  d.attachments = attachments(text, note, issued, d.parts, cover_end, seg.end);
  d.cc = anatomy::copied_to(text, cover_from, seg.end);
  if (with_text) {
    // The elements the reader found are paragraphs of their own, whatever
    // their punctuation: the title, the number, the addressees, each signer,
    // the date, the 附注, each attachment's and part's heading.
    std::vector<std::size_t> cuts;
    auto around = [&](std::size_t first, std::size_t last) { cuts.push_back(first), cuts.push_back(last + 1); };
    auto index_of = [&](int number) -> std::optional<std::size_t> {
      auto k = static_cast<std::size_t>(number) - 1;  // lines are numbered from 1, in order
      if (number < 1 || k >= text.lines.size() || text.lines[k].number != number) return std::nullopt;
      return k;
    };
    // A heading's lines: from its first, as many as its title fills.
    auto heading = [&](int number, const std::string& title) {
      auto k = index_of(number);
      if (!k) return;
      std::size_t want = squeeze(fold(title)).size(), got = 0, last = *k;
      for (std::size_t j = *k; j < seg.end && j < *k + 6; ++j) {
        if (text.lines[j].blank()) continue;
        got += squeeze(text.lines[j].norm).size();
        last = j;
        if (got >= want) break;
      }
      around(*k, last);
    };
    if (!untitled) around(seg.title_first, seg.title_last);
    if (seg.number_line) around(*seg.number_line, *seg.number_line);
    cuts.push_back(after_head);
    cuts.push_back(cover_from);
    for (const auto& s : signers) around(s.line, s.line);
    if (foot) around(foot->date_line, foot->end - 1);
    if (date_under_title) around(*date_under_title, *date_under_title);
    if (d.note) if (auto k = index_of(d.note->line)) around(*k, *k);
    for (const auto& a : d.attachments) heading(a.title_line, a.title);
    for (const auto& p : d.parts) heading(p.title_line, p.title);
    std::sort(cuts.begin(), cuts.end());
    d.text = paragraphs(text, seg.title_first, seg.end, cuts);
  }
  return d;
}

}  // namespace gazette
