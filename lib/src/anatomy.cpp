// The elements of a 公文 (GB/T 9704-2012 §7), one function each: see anatomy.h.
#include "anatomy.h"

#include <algorithm>

#include "gazette/reflow.h"
#include "words.h"

namespace gazette::anatomy {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::size_t next_nonblank(const Text& t, std::size_t i, std::size_t end) {
  while (i < end && t.lines[i].blank()) ++i;
  return i;
}

// The previous non-blank line at or above `floor`, or npos.
std::size_t prev_nonblank(const Text& t, std::size_t i, std::size_t floor) {
  while (i > floor) {
    --i;
    if (!t.lines[i].blank()) return i;
  }
  return std::string_view::npos;
}

// A sentence finished (。！？；…): a colon opens what follows instead.
bool finished(std::string_view norm) { return ends_sentence(norm) && norm.back() != ':'; }

// Head furniture printed between the number and the addressees
// (GB/T 9704-2012 §7.2.6 签发人; 份号, 密级, 紧急程度 stand above, but a
// PDF extractor may move them).
bool head_furniture(std::string_view norm) {
  for (std::string_view w : {"签发人", "签 发 人", "份号", "密级", "紧急程度"})
    if (starts_with(norm, w)) return true;
  return false;
}

// 附件 label at the start of a normalised line: 附件： 附件1： 附件1-1： 附件 2:
// Returns the bytes the label takes (through the colon), or 0.
std::size_t attachment_label(std::string_view norm) {
  if (!starts_with(norm, "附件")) return 0;
  std::size_t i = 6;
  while (i < norm.size() && norm[i] == ' ') ++i;
  while (i < norm.size() && ((norm[i] >= '0' && norm[i] <= '9') || norm[i] == '-')) ++i;
  while (i < norm.size() && norm[i] == ' ') ++i;
  if (i < norm.size() && norm[i] == ':') return i + 1;
  return 0;
}

// An item's ordinal: 1. 2、 3．(folded to .) 10 (then a space), or 0.
std::size_t ordinal(std::string_view norm) {
  std::size_t i = 0;
  while (i < norm.size() && i < 3 && norm[i] >= '0' && norm[i] <= '9') ++i;
  if (i == 0 || i >= norm.size()) return 0;
  if (norm[i] == '.' || norm[i] == ' ' || norm[i] == ',') return i + 1;
  if (norm.compare(i, 3, "、") == 0) return i + 3;
  return 0;
}

// The label of a disclosure line (公开属性：主动公开) at the start of `s`:
// its byte length, or 0.
std::size_t disclosure_label(std::string_view s) {
  for (std::string_view w : {"公开属性", "公开方式", "信息公开选项"})
    if (starts_with(s, w)) return w.size();
  return 0;
}

std::size_t skip_spaces(std::string_view s, std::size_t i) {
  while (i < s.size() && s[i] == ' ') ++i;
  return i;
}

bool han_only(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len;
    if (!is_han(decode_at(s, i, &len))) return false;
    i += len;
  }
  return !s.empty();
}

// A seal's mark printed after or under the signing organ, where the seal
// stood over its name (GB/T 9704-2012 §7.3.5.1): (印章) (盖章) (章) (代章)
// (公章). Its byte length at the end of a norm (spaces before it
// included), or 0.
std::size_t seal_mark(std::string_view norm) {
  std::string_view s = norm;
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.size() < 5 || s.back() != ')') return 0;
  std::size_t open = s.rfind('(');
  if (open == std::string_view::npos) return 0;
  std::string inner = squeeze(s.substr(open + 1, s.size() - open - 2));
  if (inner != "印章" && inner != "盖章" && inner != "章" && inner != "代章" && inner != "公章") return 0;
  while (open > 0 && s[open - 1] == ' ') --open;
  return norm.size() - open;
}

}  // namespace

std::vector<std::string> organs_at_spaces(const std::vector<std::string>& tokens) {
  std::vector<std::string> organs;
  std::string acc;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    acc += tokens[k];
    bool last = k + 1 == tokens.size();
    bool boundary = !last && count_chars(tokens[k]) >= 2 && count_chars(tokens[k + 1]) >= 2 && ends_in_organ_word(acc);
    if (last || boundary) organs.push_back(acc), acc.clear();
  }
  return organs;
}

std::optional<Addressees> addressees(const Text& text, std::size_t from, std::size_t end) {
  std::size_t i = next_nonblank(text, from, end);
  for (int skipped = 0; i < end && skipped < 2 && head_furniture(text.lines[i].norm); ++skipped)
    i = next_nonblank(text, i + 1, end);
  if (i >= end) return std::nullopt;
  std::size_t k = i, taken = 0;
  bool colon = false;
  for (; k < end && taken < kMaxAddresseeLines; ++k) {
    if (text.lines[k].blank()) continue;
    ++taken;
    std::string_view n = text.lines[k].norm;
    if (starts_heading(n)) return std::nullopt;  // 一、总体要求： opens the body
    if (ends_with(n, ":") && !ends_with(n, "如下:")) {
      colon = true;
      break;
    }
    if (ends_sentence(n)) return std::nullopt;
  }
  if (!colon) return std::nullopt;  // three lines of prose without a colon
  Stream st(text, i, k + 1);
  std::size_t e = st.str().size() - 1;  // drop the colon
  Addressees a;
  for (auto [nb, ne] : split_list(st.str(), 0, e)) a.names.push_back(remove_wrap_spaces(st.original(nb, ne)));
  // Organ names are short and carry no dates or sentences.
  if (a.names.empty()) return std::nullopt;
  for (const auto& n : a.names)
    if (count_chars(n) > kMaxAddresseeChars || n.find("。") != std::string::npos || n.find("月") != std::string::npos)
      return std::nullopt;
  // A block of more than three lines (a long list wrapped at a narrow
  // measure) must read as a list of organs: short names, none with 的 (a
  // sentence's clauses, 近年来，…融合发展的决策部署，…：, are not).
  if (taken > 3)
    for (const auto& n : a.names)
      if (count_chars(n) > 20 || n.find("的") != std::string::npos) return std::nullopt;
  a.first = i;
  a.end = k + 1;
  return a;
}

std::optional<AttachmentNote> attachment_note_before(const Text& text, std::size_t floor, std::size_t before) {
  std::size_t start = std::string_view::npos;
  std::size_t j = before, taken = 0;
  while ((j = prev_nonblank(text, j, floor)) != std::string_view::npos && taken++ < kMaxAttachmentNoteLines) {
    std::string_view n = text.lines[j].norm;
    // 附件1： / 附件2： (a label on every item, items wrapped): the earliest
    // label of the run opens the note.
    if (attachment_label(n)) {
      start = j;
      continue;
    }
    // An item of the list (or a wrapped one): short, no finished sentence.
    if (finished(n) || count_chars_up_to(n, 101) > 100) break;
  }
  if (start == std::string_view::npos) return std::nullopt;
  AttachmentNote note;
  note.first = start;
  note.end = before;
  bool numbered = false;
  for (std::size_t k = start; k < before; ++k) {
    const Line& l = text.lines[k];
    if (l.blank()) continue;
    std::string_view n = l.norm;
    std::size_t b = attachment_label(n);
    bool labelled = b > 0;
    b = skip_spaces(n, b);
    std::size_t o = ordinal(n.substr(b));
    if (o) numbered = true;
    b = skip_spaces(n, b + o);
    if (b >= n.size()) continue;  // 附件： alone; the items follow
    std::string item = remove_wrap_spaces(l.original(b, n.size()));
    if (labelled || o || note.items.empty() || !numbered) {
      if (!labelled && !o && !note.items.empty() && !numbered) {
        note.items.back().text += item;  // a wrapped unnumbered item
        continue;
      }
      note.items.push_back({std::move(item), k});
    } else {
      note.items.back().text += item;  // a wrapped item of a numbered list
    }
  }
  if (note.items.empty()) return std::nullopt;
  return note;
}

bool person_signer(std::string_view norm) {
  // 职务 and 姓名 separated by a space; a letter-spaced name (李 强) joins.
  std::size_t sp = norm.find(' ');
  if (sp == std::string_view::npos || sp == 0) return false;
  std::string_view office = norm.substr(0, sp);
  std::string name = squeeze(norm.substr(sp + 1));
  std::size_t office_chars = count_chars_up_to(office, 13), name_chars = count_chars_up_to(name, 5);
  if (office_chars < 2 || office_chars > 12 || name_chars < 2 || name_chars > 4) return false;
  if (!han_only(office) || !han_only(name)) return false;
  return std::any_of(std::begin(words::kOfficeEnds), std::end(words::kOfficeEnds),
                     [&](std::string_view e) { return ends_with(office, e); });
}

bool signer_line(std::string_view norm) {
  if (norm.empty() || count_chars_up_to(norm, kMaxSignerChars + 1) > kMaxSignerChars) return false;
  if (norm.find(':') != std::string_view::npos || ends_sentence(norm) || starts_heading(norm)) return false;
  if (norm.find(',') != std::string_view::npos || find_literal(norm, "、") != std::string_view::npos) return false;
  for (std::string_view verb : words::kTitleVerbs)
    if (starts_with(norm, verb)) return false;  // a title line, not a signature
  if (person_signer(norm)) return true;
  std::string sq = squeeze(norm.substr(0, norm.size() - seal_mark(norm)));
  return count_chars(sq) >= 2 && han_only(sq) && ends_in_organ_word(sq);
}

std::vector<Printed> signers_above(const Text& text, std::size_t floor, std::size_t at) {
  std::vector<Printed> out;
  std::size_t j = at;
  for (std::size_t taken = 0; taken < kMaxSignerLines;) {
    j = prev_nonblank(text, j, floor);
    if (j == std::string_view::npos) break;
    std::string_view n = text.lines[j].norm;
    if (says_public(n)) continue;  // (此件公开发布) printed between the signature and the date
    if (seal_mark(n) == n.size()) continue;  // (代章) under the organ, above the date
    // 总理 / 李克强: an office and a name that a PDF extractor set apart.
    if (std::size_t up = prev_nonblank(text, j, floor); up != std::string_view::npos) {
      std::string joined = std::string(text.lines[up].norm) + " " + std::string(n);
      if (text.lines[up].norm.find(' ') == std::string_view::npos && person_signer(joined)) {
        out.push_back({collapse_spaces(joined), up});
        j = up;
        ++taken;
        continue;
      }
    }
    if (!signer_line(n)) break;
    ++taken;
    // The organ's name, without the seal's mark after it.
    std::string printed = collapse_spaces(text.lines[j].original(0, n.size() - seal_mark(n)));
    if (person_signer(n)) {
      out.push_back({printed, j});
      continue;
    }
    // Joint signers on one line, separated by spaces.
    std::vector<std::string> tokens;
    for (std::size_t b = 0; b < printed.size();) {
      std::size_t e = printed.find(' ', b);
      if (e == std::string::npos) e = printed.size();
      tokens.emplace_back(printed, b, e - b);
      b = e + 1;
    }
    std::vector<std::string> names = organs_at_spaces(tokens);
    for (auto it = names.rbegin(); it != names.rend(); ++it) out.push_back({*it, j});
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<Printed> undated_signers(const Text& text, std::size_t from, std::size_t at) {
  std::vector<Printed> out = signers_above(text, from, at);
  if (out.empty()) return out;
  std::size_t p = prev_nonblank(text, out.front().line, from);
  if (p == std::string_view::npos) return {};
  std::string_view pn = text.lines[p].norm;
  bool after_body = finished(pn) || attachment_label(pn) || attachment_note_before(text, from, out.front().line);
  if (!after_body) out.clear();
  return out;
}

std::optional<Ymd> date_at(const Text& text, std::size_t k, std::size_t end, std::size_t* last) {
  std::string_view n = text.lines[k].norm;
  *last = k;
  if (auto d = signature_date(n)) return d;
  // Split over two lines: 2014 / 年8月12日, or 二〇二三年 / 三月一日.
  std::size_t chars = count_chars_up_to(n, 6);
  if (chars < 4 || chars > 5) return std::nullopt;
  std::size_t next = next_nonblank(text, k + 1, end);
  if (next >= end || count_chars_up_to(text.lines[next].norm, 12) > 10) return std::nullopt;
  std::string joined(n);
  joined += text.lines[next].norm;
  auto d = parse_date(joined);
  if (d) *last = next;
  return d;
}

std::optional<Foot> foot(const Text& text, std::size_t from, std::size_t end) {
  for (std::size_t k = from; k < end; ++k) {
    const Line& l = text.lines[k];
    if (l.blank()) continue;
    // Most lines are no date: a date holds 年 or is a year alone (2014 / 年8月12日).
    if (find_literal(l.norm, "年") == std::string_view::npos && l.norm.size() > 15) continue;
    std::size_t last = k;
    auto date = date_at(text, k, end, &last);
    if (!date) continue;
    Foot f;
    f.date = date;
    f.date_line = k;
    f.end = last + 1;
    f.first = k;
    std::size_t p = prev_nonblank(text, k, from);
    // Where a foot stands: a signer above, or the end of the body.
    bool at_foot = p == std::string_view::npos;
    std::string organ;
    if (!parse_date(l.norm) && last == k) {
      // 楚雄州人民政府办公室 2022年8月30日: the organ before the date on its line.
      signature_date(l.norm, &organ);
      if (!ends_in_organ_word(organ)) continue;  // a sentence's date, not a signature
      f.signers.push_back({organ, k});
      at_foot = true;
    }
    if (!at_foot) {
      std::string_view pn = text.lines[p].norm;
      at_foot = signer_line(pn) || finished(pn) || says_public(pn) || attachment_label(pn) ||
                attachment_note_before(text, from, k).has_value();
    }
    // Or by what follows: the 附注, or nothing (the cover's end). A PDF
    // extractor may have moved the cover's last line below the date.
    if (!at_foot) {
      std::size_t next = next_nonblank(text, last + 1, end);
      at_foot = next >= end || note_at(text, next).has_value();
    }
    if (!at_foot) continue;
    if (f.signers.empty()) f.signers = signers_above(text, from, k);
    if (!f.signers.empty()) f.first = std::min(f.first, f.signers.front().line);
    return f;
  }
  return std::nullopt;
}

bool says_public(std::string_view norm) {
  if (norm.size() > 121) return false;  // squeezing at most halves a norm
  std::string buf;
  std::string_view sq = squeeze(norm, buf);
  if (sq.size() > 60) return false;
  if (sq.find("此件公开发布") != std::string_view::npos || sq.find("此件主动公开") != std::string_view::npos ||
      sq == "(主动公开)" || sq == "(公开发布)")
    return true;
  // 公开属性：主动公开, also in parentheses.
  if (sq.size() >= 2 && sq.front() == '(' && sq.back() == ')') sq = sq.substr(1, sq.size() - 2);
  std::size_t label = disclosure_label(sq);
  return label && sq.substr(label) == ":主动公开";
}

std::optional<Printed> note_at(const Text& text, std::size_t k) {
  if (k >= text.lines.size() || text.lines[k].blank()) return std::nullopt;
  std::string_view n = text.lines[k].norm;
  if (count_chars_up_to(n, kMaxNoteChars + 1) > kMaxNoteChars) return std::nullopt;
  bool parenthesised = n.size() >= 2 && n.front() == '(' && n.back() == ')';
  if (!parenthesised && !disclosure_label(n) && !says_public(n)) return std::nullopt;
  return Printed{std::string(text.lines[k].original(0, n.size())), k};
}

std::vector<std::string> copied_to(const Text& text, std::size_t first, std::size_t end) {
  std::vector<std::string> out;
  for (std::size_t k = first; k < end; ++k) {
    std::string_view n = text.lines[k].norm;
    if (n.size() < 7 || n.compare(0, 6, "抄送") != 0) continue;
    std::size_t colon = n[6] == ' ' ? 7 : 6;
    if (colon >= n.size() || n[colon] != ':') continue;
    std::size_t last = k + 1;
    for (std::size_t taken = 0; last < end && taken < 3; ++last, ++taken) {
      std::string_view m = text.lines[last].norm;
      if (m.empty() || ends_with(m, "印发") || signature_date(m) || m.compare(0, 6, "印发") == 0) break;
      // The colophon set apart by a PDF extractor: its organ, then 2023年3月2日印发.
      std::size_t after = next_nonblank(text, last + 1, end);
      if (after < end && printing_date(text.lines[after].norm)) break;
    }
    Stream st(text, k, last);
    std::string_view s = st.str();
    for (std::size_t b = colon + 1; b < s.size();) {
      std::size_t stop = find_literal(s, "。", b);
      std::size_t e = stop == std::string_view::npos ? s.size() : stop;
      for (auto [nb, ne] : split_list(s, b, e)) out.push_back(remove_wrap_spaces(st.original(nb, ne)));
      b = e + (stop == std::string_view::npos ? 0 : 3);
    }
    break;
  }
  return out;
}

}  // namespace gazette::anatomy
