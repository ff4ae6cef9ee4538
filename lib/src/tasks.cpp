// Stage 8, tasks: (A牵头,B配合) and its relatives, across line breaks.
#include "gazette/tasks.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <optional>

#include "gazette/reflow.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace gazette {
namespace {

// Labels that open a role segment: `牵头单位:A` / `责任单位:B`.
struct Label {
  std::string_view text;
  bool lead;
};
constexpr std::array<Label, 14> kLabels{{
    {"牵头考核单位", true}, {"牵头单位", true}, {"牵头部门", true}, {"主办单位", true},
    {"责任单位", false},    {"责任部门", false}, {"负责单位", false}, {"负责部门", false},
    {"配合单位", false},    {"配合部门", false}, {"参加单位", false}, {"参与单位", false},
    {"协办单位", false},    {"协同单位", false},
}};

// parse_annotation looks for inner labels only where 单位: or 部门: stands.
constexpr bool labels_end_in_unit_or_department() {
  for (const Label& l : kLabels) {
    std::string_view tail = l.text.substr(l.text.size() - 6);
    if (tail != "单位" && tail != "部门") return false;
  }
  return true;
}
static_assert(labels_end_in_unit_or_department(), "a label not ending in 单位/部门 needs the inner-label prefilter changed");

// Role words that close a clause: `A、B牵头` / `C配合` / `D负责`.
struct Suffix {
  std::string_view text;
  bool lead;
};
constexpr std::array<Suffix, 8> kSuffixes{{
    {"牵头", true}, {"配合", false}, {"负责", false}, {"参与", false},
    {"参加", false}, {"协助", false}, {"协同", false}, {"指导", false},
}};

// Verbs that make a clause's names responsible only after another clause
// has given a role ("A牵头,B配合,各市政府落实" / "A牵头,有关部门具体实施"):
// alone they end too much prose ("(具体办法由省财政厅另行制定并组织实施)").
constexpr std::array<std::string_view, 6> kFollowingVerbs{{
    "分头落实", "具体落实", "组织实施", "具体实施", "落实", "实施",
}};

// The suffixes that are also everyday words (双化协同, 参与). An annotation
// whose only roles are these names organs, which end in one of the
// characters below; "(双化协同)" is an abbreviation, not a task.
constexpr bool secondary(std::string_view suffix) {
  return suffix == "参与" || suffix == "参加" || suffix == "协助" || suffix == "协同" || suffix == "指导";
}
// (Looser than ends_in_organ_word, text.h, which splits joint issuers and
// must not take a place name such as 楚雄州 for an organ.)
constexpr std::u32string_view kOrganEnds = U"局委厅部办府院会司处室心位门团行校所站队社馆署台区县市省州业构体联协关镇乡村街组";

// Clauses that speak about the annotation rather than name a department:
// the first-listed statement made inside the first annotation
// ("A、B负责,列第一位者为牵头部门,下同") and 下同 itself.
bool meta_clause(std::string_view c) {
  if (c == "下同" || c == "以下同" || c == "下同." || c == "以下均同") return true;
  return c.size() <= 60 && find_literal(c, "牵头") != std::string_view::npos &&
         (find_literal(c, "第一") != std::string_view::npos || find_literal(c, "首位") != std::string_view::npos);
}

bool ends_in_organ(std::string_view name) {
  if (name.empty()) return false;
  std::size_t at = name.size() - 1;
  while (at > 0 && (static_cast<unsigned char>(name[at]) & 0xC0) == 0x80) --at;
  std::size_t len;
  return kOrganEnds.find(decode_at(name, at, &len)) != std::u32string_view::npos;
}

// Qualifiers between the names and the role word, stripped:
// `C按照职责分工负责`, `D按职责分工配合`, `E等分别负责`.
constexpr std::array<std::string_view, 10> kQualifiers{{
    "按照职责分工", "按职责分工", "按照职责", "按职责", "根据职责", "分工", "分别", "共同", "具体", "等",
}};

// The first character of every label and the last of every suffix (all
// three-byte characters), to rule most clauses out before comparing each.
constexpr std::uint32_t char3(std::string_view s) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[0])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[1])) << 8 | static_cast<unsigned char>(s[2]);
}
constexpr std::array<std::uint32_t, kLabels.size()> label_firsts() {
  std::array<std::uint32_t, kLabels.size()> out{};
  for (std::size_t k = 0; k < kLabels.size(); ++k) out[k] = char3(kLabels[k].text);
  return out;
}
constexpr std::array<std::uint32_t, kSuffixes.size()> suffix_lasts() {
  std::array<std::uint32_t, kSuffixes.size()> out{};
  for (std::size_t k = 0; k < kSuffixes.size(); ++k) out[k] = char3(kSuffixes[k].text.substr(kSuffixes[k].text.size() - 3));
  return out;
}
template <std::size_t N>
bool among(std::string_view three, const std::array<std::uint32_t, N>& set) {
  if (three.size() < 3) return false;
  std::uint32_t c = char3(three);
  for (std::uint32_t x : set)
    if (x == c) return true;
  return false;
}

// Offset of the first of the ASCII bytes a, b, c, d in s at or after i, or
// s.size(); sixteen bytes at a time.
std::size_t next_of(std::string_view s, std::size_t i, char a, char b, char c, char d) {
#if defined(__SSE2__)
  const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b), vc = _mm_set1_epi8(c), vd = _mm_set1_epi8(d);
  for (; i + 16 <= s.size(); i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)),
                               _mm_or_si128(_mm_cmpeq_epi8(v, vc), _mm_cmpeq_epi8(v, vd)));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (mask) return i + static_cast<std::size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i < s.size(); ++i)
    if (s[i] == a || s[i] == b || s[i] == c || s[i] == d) return i;
  return s.size();
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

void trim(std::string_view s, std::size_t* b, std::size_t* e) {
  while (*b < *e && (s[*b] == ' ')) ++*b;
  while (*e > *b && (s[*e - 1] == ' ' || s[*e - 1] == '.' || s[*e - 1] == ',')) --*e;
  // A trailing 等 ("A、B等") is not part of the name, nor a leading 由 or
  // 会同 ("由A牵头,会同B配合").
  if (*e - *b > 3 && s.compare(*e - 3, 3, "等") == 0) *e -= 3;
  if (*e - *b > 3 && s.compare(*b, 3, "由") == 0) *b += 3;
  if (*e - *b > 6 && s.compare(*b, 6, "会同") == 0) *b += 6;
}

// What follows 等 or 会同 in a name when it names no department but a
// collective (民政部等有关部门和单位, 国家发展改革委会同有关部门,
// 人民银行等部门): the name ends before it.
std::size_t collective(std::string_view rest) {
  for (std::string_view w : {"有关部门", "有关单位", "相关部门", "相关单位", "部门", "单位", "有关方面"})
    if (starts_with(rest, w)) return w.size();
  return 0;
}

// A name that holds two: A会同B (B an organ) or A等和B (…等和各省级人民政府).
// Returns the end of the first and the start of the second, or nothing.
std::optional<std::pair<std::size_t, std::size_t>> joined_names(std::string_view s, std::size_t b, std::size_t e) {
  for (std::string_view joint : {"等和", "会同", "等与"}) {
    std::size_t at = find_literal(s.substr(0, e), joint, b);
    if (at == std::string_view::npos || at == b) continue;
    return std::make_pair(at, at + joint.size());
  }
  return std::nullopt;
}

// Two names, s[b1, e1) and s[b2, e2), trimmed, each appended if not empty.
void push_two(std::string_view s, std::size_t b1, std::size_t e1, std::size_t b2, std::size_t e2, bool lead,
              std::vector<NameSpan>* out) {
  trim(s, &b1, &e1);
  trim(s, &b2, &e2);
  if (e1 > b1) out->push_back({b1, e1, lead});
  if (e2 > b2) out->push_back({b2, e2, lead});
}

// Splits s[b, e) at name separators, appending spans with role `lead`. A
// name marked (牵头) or 〔牵头〕 leads: 责任单位:市发展改革委〔牵头〕、市财政局.
void split_names(std::string_view s, std::size_t b, std::size_t e, bool lead, std::vector<NameSpan>* out) {
  for (auto [nb, ne] : split_list(s, b, e)) {
    trim(s, &nb, &ne);
    // 民政部等有关部门和单位 -> 民政部; A会同有关部门 -> A; A会同B -> A, B;
    // A等相关部门及各地区 -> A, 各地区.
    std::size_t also = 0;  // where a name after the collective starts
    for (std::string_view tail : {"等", "会同"}) {
      std::size_t at = find_literal(s.substr(0, ne), tail, nb);
      if (at == std::string_view::npos || at == nb) continue;
      std::size_t after = at + tail.size();
      std::size_t len = collective(s.substr(after, ne - after));
      if (!len) continue;
      for (std::string_view conj : {"及", "和", "与"})
        if (s.compare(after + len, conj.size(), conj) == 0 && after + len + conj.size() < ne &&
            !collective(s.substr(after + len + conj.size(), ne - after - len - conj.size())))
          also = after + len + conj.size();
      if (also) push_two(s, nb, at, also, ne, lead, out);
      else ne = at;
      break;
    }
    if (also) continue;
    if (auto two = joined_names(s, nb, ne); two && two->second < ne) {
      push_two(s, nb, two->first, two->second, ne, lead, out);
      continue;
    }
    bool leads = lead;
    for (std::string_view mark : {"(牵头)", "〔牵头〕", "【牵头】", "[牵头]"})
      if (ne - nb > mark.size() && s.compare(ne - mark.size(), mark.size(), mark) == 0) {
        ne -= mark.size(), leads = true;
        trim(s, &nb, &ne);
        break;
      }
    if (ne > nb) out->push_back({nb, ne, leads});
  }
}

// Moves `stop` back over qualifiers (按职责分工, 具体 …) and role words
// standing before a clause's last role word: 牵头负责 leads, 负责落实 and
// 按职责分工落实 are responsible. Returns whether 牵头 was among them.
bool strip_before_role(std::string_view s, std::size_t b, std::size_t* stop) {
  bool leads = false;
  for (bool again = true; again;) {
    again = false;
    for (std::string_view q : kQualifiers)
      if (*stop - b > q.size() && s.compare(*stop - q.size(), q.size(), q) == 0) *stop -= q.size(), again = true;
    for (std::string_view role : {"牵头", "负责", "配合"})
      if (*stop - b > role.size() && s.compare(*stop - role.size(), role.size(), role) == 0) {
        *stop -= role.size(), again = true;
        leads = leads || role == "牵头";
      }
  }
  return leads;
}

// A clause that is no department list: another field of the annotation
// (完成时限:2023年12月底, 时间节点:…) or a deadline (2023年底前完成).
bool other_field(std::string_view c) {
  if (c.find(':') != std::string_view::npos) return true;
  for (std::size_t at = find_literal(c, "年"); at != std::string_view::npos; at = find_literal(c, "年", at + 3))
    if (at >= 4 && c.find_first_not_of("0123456789", at - 4) == at) return true;
  return false;
}

}  // namespace

bool states_first_listed_leads(std::string_view t) {
  // The statement: 第一 or 首位 with 牵头单位/牵头部门 in the 60 bytes that
  // start 12 before it. One literal scan for 牵头 (rarer than 第一, whose
  // last byte ends every 一), then the anchors near each; an anchor at `a`
  // can only qualify a phrase at `p` when p - 48 <= a <= p + 12.
  auto qualifies = [&](std::size_t at) {
    std::string_view around = t.substr(at >= 12 ? at - 12 : 0, 60);
    return around.find("牵头单位") != std::string_view::npos || around.find("牵头部门") != std::string_view::npos;
  };
  for (std::size_t p = find_literal(t, "牵头"); p != std::string_view::npos; p = find_literal(t, "牵头", p + 6)) {
    std::string_view rest = t.substr(p + 6, 6);
    if (rest != "单位" && rest != "部门") continue;
    std::size_t from = p >= 48 ? p - 48 : 0;
    std::string_view near = t.substr(from, p + 12 + 6 - from);
    for (std::string_view anchor : {"第一", "首位"})
      for (std::size_t a = near.find(anchor); a != std::string_view::npos; a = near.find(anchor, a + 1))
        if (qualifies(from + a)) return true;
  }
  return false;
}

bool parse_annotation(std::string_view s, std::vector<NameSpan>* names) {
  names->clear();
  // Clauses are separated by ; or by , where a new label or role starts.
  // Walk clause by clause: a label gives its role to what follows until the
  // next label; a suffix gives its role to its clause and to any preceding
  // clauses that had none.
  bool any_role = false;
  bool strong_role = false;  // a label or 牵头/配合/负责, not only a secondary suffix
  std::size_t pending_from = names->size();  // names waiting for a role
  std::optional<bool> label_role;
  std::size_t i = 0;
  // Split into clauses at top-level ';' and ','; names inside a clause are
  // split at 、 (and , when under a label).
  thread_local std::vector<std::pair<std::size_t, std::size_t>> clauses;
  clauses.clear();
  {
    std::size_t start = 0;
    int depth = 0;
    for (;; ++i) {
      i = next_of(s, i, '(', ')', ';', ',');  // the bytes that matter here
      if (i == s.size()) {
        clauses.emplace_back(start, i);
        break;
      }
      if (s[i] == '(') {
        ++depth;
      } else if (s[i] == ')') {
        if (depth > 0) --depth;
      } else if (depth == 0) {
        clauses.emplace_back(start, i);
        start = i + 1;
      }
    }
  }
  // A full stop inside the annotation ends a clause too
  // ((A负责,B、C参与。列第一位者为牵头单位)).
  for (std::size_t k = 0; k < clauses.size(); ++k) {
    auto [b, e] = clauses[k];
    std::size_t stop = find_literal(s.substr(0, e), "。", b);
    if (stop == std::string_view::npos) continue;
    clauses[k].second = stop;
    if (stop + 3 < e) clauses.insert(clauses.begin() + static_cast<std::ptrdiff_t>(k) + 1, {stop + 3, e});
  }
  for (auto [b, e] : clauses) {
    while (b < e && s[b] == ' ') ++b;
    std::string_view c = s.substr(b, e - b);
    if (meta_clause(c)) continue;
    // Label?
    static constexpr auto kLabelFirsts = label_firsts();
    static constexpr auto kSuffixLasts = suffix_lasts();
    bool labelled = false;
    const bool may_be_labelled = among(c.substr(0, 3), kLabelFirsts);
    for (const Label& l : kLabels) {
      if (!may_be_labelled) break;
      if (starts_with(c, l.text)) {
        std::size_t after = b + l.text.size();
        if (after < e && s[after] == ':') ++after;
        else if (after < e && s.compare(after, 3, "为") == 0) after += 3;
        else if (after != e) continue;
        label_role = l.lead;
        any_role = strong_role = true;
        labelled = true;
        split_names(s, after, e, l.lead, names);
        pending_from = names->size();
        break;
      }
    }
    if (labelled) continue;
    // A label may stand inside a clause: "…,牵头考核单位:A". Every label
    // ends in 单位 or 部门 and is followed by a colon here.
    bool inner_label = false;
    bool may_hold_label = find_literal(c, "单位:") != std::string_view::npos || find_literal(c, "部门:") != std::string_view::npos;
    for (const Label& l : kLabels) {
      if (!may_hold_label) break;
      std::size_t at = find_literal(c, l.text);
      while (at != std::string_view::npos && (at + l.text.size() >= c.size() || c[at + l.text.size()] != ':'))
        at = find_literal(c, l.text, at + 1);
      if (at != std::string_view::npos && at > 0) {
        // What stands before the label is not a department list.
        label_role = l.lead;
        any_role = strong_role = inner_label = true;
        split_names(s, b + at + l.text.size() + 1, e, l.lead, names);
        pending_from = names->size();
        break;
      }
    }
    if (inner_label) continue;
    if (other_field(c)) continue;  // 完成时限:2023年12月底
    // Suffix?
    bool suffixed = false;
    const bool may_be_suffixed = c.size() >= 3 && among(c.substr(c.size() - 3), kSuffixLasts);
    for (const Suffix& sfx : kSuffixes) {
      if (!may_be_suffixed) break;
      if (ends_with(c, sfx.text) && c.size() > sfx.text.size()) {
        std::size_t stop = e - sfx.text.size();
        bool lead = strip_before_role(s, b, &stop) || sfx.lead;
        std::size_t before = names->size();
        split_names(s, b, stop, lead, names);
        // Clauses that waited for a role take this one ("A、B,C按照职责分工负责").
        for (std::size_t k = pending_from; k < before; ++k) (*names)[k].lead = lead;
        pending_from = names->size();
        any_role = suffixed = true;
        strong_role = strong_role || !secondary(sfx.text);
        break;
      }
    }
    if (suffixed) continue;
    {
      for (std::string_view verb : kFollowingVerbs) {
        if (!ends_with(c, verb) || c.size() == verb.size()) continue;
        std::size_t stop = e - verb.size();
        const std::size_t bare = stop;
        bool lead = strip_before_role(s, b, &stop);  // 负责落实, 按职责分工落实
        // Alone, a verb ends too much prose; after a role word (负责落实,
        // 牵头落实) it is a role of its own: (A指导,B负责落实).
        bool after_role = stop < bare && (lead || s.compare(stop, 6, "负责") == 0 || s.compare(stop, 6, "配合") == 0 ||
                                          find_literal(s.substr(stop, bare - stop), "负责") != std::string_view::npos);
        if (!any_role && !after_role) break;
        if (after_role) any_role = strong_role = true;
        std::size_t before = names->size();
        split_names(s, b, stop, lead, names);
        for (std::size_t k = pending_from; k < before; ++k) (*names)[k].lead = lead;
        pending_from = names->size();
        suffixed = true;
        break;
      }
      if (suffixed) continue;
    }
    if (c.empty()) continue;
    if (label_role) {
      // Under a label, a comma continues its list: "责任单位:A、B,C".
      split_names(s, b, e, *label_role, names);
      pending_from = names->size();
    } else {
      split_names(s, b, e, false, names);  // waits for a later suffix
    }
  }
  if (!any_role) {
    names->clear();
    return false;
  }
  // Names left waiting with no role after them: not an annotation unless
  // a label governed the whole thing.
  if (pending_from < names->size() && !label_role) {
    names->clear();
    return false;
  }
  if (!strong_role && !std::all_of(names->begin(), names->end(), [&](const NameSpan& n) {
        return ends_in_organ(s.substr(n.begin, n.end - n.begin));
      })) {
    names->clear();
    return false;
  }
  return !names->empty();
}

namespace {


// Every annotation names a role — 牵头 配合 负责 参与 参加 协助 协同, or a
// label ending in 单位/部门 — so a parenthesis without one is prose, ruled
// out before parsing. One pass, character by character (the words are
// valid UTF-8, so in valid text they start on a character).
// They are the role suffixes and the two words every label ends in (the
// static_assert above), so the list is made from those, not written again.
constexpr std::array<std::string_view, kSuffixes.size() + 2> kRoleWords = [] {
  std::array<std::string_view, kSuffixes.size() + 2> out{};
  for (std::size_t k = 0; k < kSuffixes.size(); ++k) out[k] = kSuffixes[k].text;
  out[kSuffixes.size()] = "单位";
  out[kSuffixes.size() + 1] = "部门";
  return out;
}();
constexpr bool all_two_characters() {
  for (std::string_view w : kRoleWords)
    if (w.size() != 6) return false;
  return true;
}
static_assert(all_two_characters(), "names_a_role compares two three-byte characters");

}  // namespace

bool names_a_role(std::string_view s) {
  static constexpr auto kFirsts = [] {
    std::array<std::uint32_t, kRoleWords.size()> out{};
    for (std::size_t k = 0; k < kRoleWords.size(); ++k) out[k] = char3(kRoleWords[k]);
    return out;
  }();
  // The last bytes of those first characters: most characters end in none.
  static constexpr auto kLastBytes = [] {
    std::array<bool, 256> out{};
    for (std::uint32_t f : kFirsts) out[f & 0xFF] = true;
    return out;
  }();
  for (std::size_t i = 0; i + 6 <= s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0xE0 || c >= 0xF0) {  // ASCII, two- and four-byte characters: no role word
      i += c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xC0 ? 2 : 1;
      continue;
    }
    if (!kLastBytes[static_cast<unsigned char>(s[i + 2])]) {
      i += 3;
      continue;
    }
    std::uint32_t first = char3(s.substr(i, 3));
    for (std::size_t k = 0; k < kRoleWords.size(); ++k)
      if (kFirsts[k] == first && s.compare(i + 3, 3, kRoleWords[k].substr(3)) == 0) return true;
    i += 3;
  }
  return false;
}

namespace {

// The label a normalised line opens with ("牵头单位:A"), as an index into
// kLabels, or kLabels.size().
std::size_t opening_label(std::string_view line) {
  static constexpr auto kLabelFirsts = label_firsts();
  if (!among(line.substr(0, 3), kLabelFirsts)) return kLabels.size();
  for (std::size_t k = 0; k < kLabels.size(); ++k) {
    std::string_view l = kLabels[k].text;
    if (starts_with(line, l) && line.size() > l.size() && line[l.size()] == ':') return k;
  }
  return kLabels.size();
}
bool starts_with_label(std::string_view line) { return opening_label(line) < kLabels.size(); }

// Paragraphs that are an annotation on their own, outside parentheses:
//   交通运输部运输服务司牵头,科技司、人事教育司配合。
//   牵头单位:省发展改革委            (one task with the label lines
//   配合单位:省财政厅、省商务厅       right after it)
// Stricter than a parenthesis, because running prose is all around: the
// paragraph is short, holds no parenthesis, and either opens with a label
// or names both a lead (牵头) and others. Calls `found(b, e, line, names,
// separate)` with
// the stream span of each, its last line and its names (as stream offsets),
// in order; consecutive label lines make one task (`separate`: its lines
// are separate statements, not one wrapped).
// `parens` are the stream spans [open, close] of the top-level parentheses,
// in order: a candidate touching one is part of a parenthesis (a label line
// wrapped inside "(\n牵头单位:A;责任单位:B)"), not a paragraph of its own.
template <class Found>
void standalone_annotations(const Stream& stream, const std::vector<std::pair<std::size_t, std::size_t>>& parens,
                            Found found) {
  constexpr std::size_t kMaxParagraph = 300;
  const std::string_view s = stream.str();
  const auto& lines = stream.text().lines;
  const std::size_t end = stream.end_line();
  auto offset = [&](std::size_t k) { return static_cast<std::size_t>(lines[k].norm.data() - s.data()); };
  std::vector<NameSpan> names, gathered;
  std::size_t next_paren = 0;  // the first of `parens` not closed before the candidate
  std::size_t open_b = 0, open_e = 0, open_line = 0;  // label lines being gathered
  bool open = false;
  std::uint32_t labels_seen = 0;  // of the gathered lines, a bit per kLabels entry
  static_assert(kLabels.size() <= 32, "labels_seen holds a bit per label");
  auto close = [&] {
    if (open) found(open_b, open_e, open_line, gathered, true);
    open = false;
    gathered.clear();
    labels_seen = 0;
  };
  // One candidate: lines [first, last], short and outside any heading.
  auto consider = [&](std::size_t first, std::size_t last) {
    std::size_t b = offset(first), e = offset(last) + lines[last].norm.size();
    std::string_view para = s.substr(b, e - b);
    while (next_paren < parens.size() && parens[next_paren].second < b) ++next_paren;
    const bool in_paren = next_paren < parens.size() && parens[next_paren].first < e;
    const std::size_t label = in_paren ? kLabels.size() : opening_label(para);
    const bool labelled = label < kLabels.size();
    // A label the gathered lines already had starts the next task (a table
    // of 牵头单位:/配合单位: rows with nothing between them).
    if (!labelled || (labels_seen >> label & 1u)) close();
    if (in_paren || (!labelled && find_literal(para, "牵头") == std::string_view::npos) ||
        para.find_first_of("()") != std::string_view::npos)
      return;
    while (!para.empty() && (para.back() == '.' || para.back() == ';' || para.back() == ',')) para.remove_suffix(1);
    if (ends_with(para, "。")) para.remove_suffix(3);
    if (!parse_annotation(para, &names)) {
      close();
      return;
    }
    bool lead = false, other = false;
    for (const NameSpan& n : names) (n.lead ? lead : other) = true;
    // Out of parentheses, every name must be an organ's ("建立…协调机制" is not).
    if (!std::all_of(names.begin(), names.end(),
                     [&](const NameSpan& n) { return ends_in_organ(para.substr(n.begin, n.end - n.begin)); })) {
      close();
      return;
    }
    for (NameSpan& n : names) n.begin += b, n.end += b;
    if (labelled) {
      if (!open) open_b = b;
      open = true;
      open_e = b + para.size();
      open_line = last;
      labels_seen |= 1u << label;
      gathered.insert(gathered.end(), names.begin(), names.end());
    } else if (lead && other) {
      close();
      found(b, b + para.size(), last, names, false);
    }
  };
  auto ends_paragraph = [](std::string_view norm) { return ends_sentence(norm) || (!norm.empty() && norm.back() == ')'); };
  for (std::size_t k = stream.first_line(); k < end;) {
    if (lines[k].blank()) {
      close();
      ++k;
      continue;
    }
    // The paragraph: up to a sentence end, a blank line or a label line.
    std::size_t j = k;
    while (j + 1 < end && !lines[j + 1].blank() && !ends_paragraph(lines[j].norm) && !starts_with_label(lines[j + 1].norm))
      ++j;
    std::size_t first = k;
    k = j + 1;
    std::string_view whole = s.substr(offset(first), offset(j) + lines[j].norm.size() - offset(first));
    if (whole.size() > kMaxParagraph || (!starts_with_label(whole) && find_literal(whole, "牵头") == std::string_view::npos)) {
      close();
      continue;
    }
    // Heading lines ("一、分工" above A牵头…) stand apart; what lies
    // between them is considered on its own.
    std::size_t from = first;
    for (std::size_t h = first; h <= j; ++h) {
      if (!starts_heading(lines[h].norm)) continue;
      if (h > from) consider(from, h - 1);
      close();
      from = h + 1;
    }
    if (from <= j) consider(from, j);
  }
  close();
}

// `first_listed_leads()` is asked at most once, and only when an
// annotation without a lead needs the answer.
template <class FirstListedLeads>
std::vector<Task> tasks_in(const Stream& stream, FirstListedLeads first_listed_leads) {
  std::vector<Task> tasks;
  std::string_view s = stream.str();
  int convention = -1;  // unknown until asked
  std::vector<NameSpan> names;
  // A task with its text, line and names (at stream offsets from `base`).
  auto add = [&](std::vector<Task>& to, std::string text, int line, const std::vector<NameSpan>& spans, std::size_t base) {
    Task t;
    t.line = line;
    t.text = std::move(text);
    bool has_lead = std::any_of(spans.begin(), spans.end(), [](const NameSpan& n) { return n.lead; });
    if (!has_lead && convention < 0) convention = first_listed_leads() ? 1 : 0;
    for (std::size_t k = 0; k < spans.size(); ++k) {
      std::string name = stream.original(base + spans[k].begin, base + spans[k].end);
      bool lead = spans[k].lead || (convention == 1 && !has_lead && k == 0);
      (lead ? t.lead : t.responsible).push_back(std::move(name));
    }
    to.push_back(std::move(t));
  };
  // One pass with a depth counter: top-level parentheses only, any nesting
  // depth without recursion. An annotation is short; a parenthesis left
  // open for more than kMaxInner bytes is prose, not an annotation.
  constexpr std::size_t kMaxInner = 4000;
  int depth = 0;
  std::size_t open = 0;
  std::vector<std::pair<std::size_t, std::size_t>> parens;  // every top-level parenthesis closed
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (depth == 0) {  // outside parentheses: jump to the next one
      const void* p = std::memchr(s.data() + i, '(', s.size() - i);
      if (!p) break;
      i = static_cast<std::size_t>(static_cast<const char*>(p) - s.data());
    } else {
      // Inside: jump to the next parenthesis, unless the runaway limit
      // (the first other byte past open + kMaxInner) comes first.
      std::size_t p = next_of(s, i, '(', ')', '(', ')');
      std::size_t limit = std::max(i, open + kMaxInner + 1);
      if (limit < p) {
        depth = 0;  // give up on a runaway parenthesis
        i = limit;
        continue;
      }
      if (p == s.size()) break;
      i = p;
    }
    char c = s[i];
    if (c == '(') {
      if (depth == 0) open = i;
      ++depth;
    } else if (c == ')' && depth > 0) {
      if (--depth == 0) {
        parens.emplace_back(open, i);
        std::string_view inner(s.data() + open + 1, i - open - 1);
        if (inner.size() >= 6 && inner.size() <= kMaxInner && names_a_role(inner) && parse_annotation(inner, &names))
          add(tasks, stream.original(open + 1, i), stream.line_number(i), names, open + 1);
      }
    }
  }
  std::vector<Task> alone;
  const auto& lines = stream.text().lines;
  // The original of s[b, e) a line each: label lines one under another
  // are separate statements, not one wrapped.
  auto line_by_line = [&](std::size_t b, std::size_t e, std::size_t last_line) {
    std::string text;
    for (std::size_t k = stream.line_index(b); k <= last_line; ++k) {
      if (lines[k].blank()) continue;
      std::size_t from = std::max(b, static_cast<std::size_t>(lines[k].norm.data() - s.data()));
      std::size_t to = std::min(e, static_cast<std::size_t>(lines[k].norm.data() + lines[k].norm.size() - s.data()));
      if (from >= to) continue;
      if (!text.empty()) text += '\n';
      text += stream.original(from, to);
    }
    return text;
  };
  standalone_annotations(stream, parens, [&](std::size_t b, std::size_t e, std::size_t last_line,
                                             const std::vector<NameSpan>& at, bool separate) {
    add(alone, separate ? line_by_line(b, e, last_line) : stream.original(b, e), lines[last_line].number, at, 0);
  });
  if (!alone.empty()) {
    std::vector<Task> both;
    both.reserve(tasks.size() + alone.size());
    std::merge(std::make_move_iterator(tasks.begin()), std::make_move_iterator(tasks.end()),
               std::make_move_iterator(alone.begin()), std::make_move_iterator(alone.end()), std::back_inserter(both),
               [](const Task& a, const Task& b) { return a.line < b.line; });
    tasks = std::move(both);
  }
  return tasks;
}

}  // namespace

std::vector<Task> find_tasks(const Stream& stream, bool first_listed_leads) {
  return tasks_in(stream, [&] { return first_listed_leads; });
}

std::vector<Task> find_tasks(const Stream& stream) {
  return tasks_in(stream, [&] { return states_first_listed_leads(stream.str()); });
}

}  // namespace gazette
