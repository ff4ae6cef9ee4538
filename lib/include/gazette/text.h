// gazette/text.h — stage 2: lines of the original, and their normalised form.
//
// Every later stage matches on `Line::norm` (full-width ASCII folded to
// half-width, ideographic and other spaces collapsed to one ' ', trimmed) and
// reports on the original through `Line::original()`, so width variants and
// indentation never change what is found, while what is printed is kept as
// printed. Line numbers count as `grep -n` does (plus a lone CR ends a line).
//
//   gazette::Text t = gazette::split_lines("甲\r\n（乙）\n");
//   t.lines[1].norm            == "(乙)"
//   t.lines[1].original(0, 1)  == "（"
//
// A Stream joins the normalised lines of a range with nothing between them,
// which is how PDF wraps are undone: `州社科` + `联` -> `州社科联`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gazette {

// (norm offset, raw offset) where a line's norm and raw stop running in
// step; between breakpoints both advance byte for byte.
using Breakpoint = std::pair<std::uint32_t, std::uint32_t>;

struct Line {
  int number = 0;           // 1-based line of the original input
  std::string_view raw;     // original text, line end removed
  std::string_view norm;    // folded, whitespace collapsed, trimmed (owned by the Text)
  const Breakpoint* map = nullptr;  // this line's breakpoints (owned by the Text)
  std::uint32_t map_size = 0;

  bool blank() const { return norm.empty(); }
  // Byte offset in `raw` of byte offset `n` in `norm`.
  std::size_t raw_offset(std::size_t n) const;
  // The original text printed where norm[b, e) stands.
  std::string_view original(std::size_t b, std::size_t e) const;
};

// The lines of one input. Every line's norm lies in one buffer, in line
// order and back to back, so the norms of a run of lines are one string (a
// Stream is a view, not a copy) and a whole text costs two allocations
// instead of one or two per line. Movable, not copyable (lines point into
// it); `raw` points into the decoded input, which must outlive it.
class Text {
 public:
  std::vector<Line> lines;

  Text() = default;
  Text(Text&&) = default;
  Text& operator=(Text&&) = default;
  Text(const Text&) = delete;
  Text& operator=(const Text&) = delete;

  // Empties the norms of lines `which` (ascending indices: page furniture),
  // closing the gaps so the norms stay back to back. One pass.
  void blank_lines(const std::vector<std::size_t>& which);

 private:
  friend Text split_lines(std::string_view utf8);
  std::unique_ptr<char[]> norms_;
  std::vector<Breakpoint> breakpoints_;
};

// Splits decoded UTF-8 into lines and normalises each. Linear.
Text split_lines(std::string_view utf8);

// The normalisation applied to each line, for callers with loose strings.
std::string fold(std::string_view s);

// `s` with every space removed (for comparing titles across wraps).
std::string squeeze(std::string_view s);
// The same without allocating when nothing is dropped: a view of `s`
// itself, or of `buf` (overwritten) when spaces were removed. For loops
// over lines: one buffer serves them all.
std::string_view squeeze(std::string_view s, std::string& buf);

// Key for comparing titles printed in different places: folded, spaces
// and quotation marks (《》〈〉“”‘’"') removed, since a covering notice may
// quote with 〈〉 what the heading prints with 《》.
std::string match_key(std::string_view s);

// The first character match_key(norm) keeps (its bytes in `norm`), or ""
// when there is none or `norm` is not folded; for ruling lines out before
// making their keys.
std::string_view first_key_char(std::string_view norm);

// Removes spaces PDF wrapping left inside a title: every space except one
// between two ASCII letters or digits ("MC 板块" keeps none; "COVID 19" keeps).
std::string remove_wrap_spaces(std::string_view s);

// The normalised lines [first, last) of a Text joined with no separator: a
// view of the Text's norm buffer, valid while the Text lives.
class Stream {
 public:
  Stream(const Text& text, std::size_t first, std::size_t last);
  std::string_view str() const { return joined_; }
  // Index into text.lines of the (non-blank) line holding stream byte
  // `offset`; 0 for an empty stream.
  std::size_t line_index(std::size_t offset) const;
  int line_number(std::size_t offset) const;
  // The original text of stream bytes [b, e), across line breaks.
  std::string original(std::size_t b, std::size_t e) const;
  // The lines [first_line, end_line) of text() it spans.
  const Text& text() const { return text_; }
  std::size_t first_line() const { return first_; }
  std::size_t end_line() const { return last_; }

 private:
  const Text& text_;
  std::size_t first_, last_;
  std::string_view joined_;
  mutable std::size_t hint_ = 0;  // line_index's last answer (a Stream is used by one thread)
};

// Spans [b, e) of the items of a list in normalised text s[b, e), split at
// 、 , ; (and ， ；) outside parentheses and brackets (〔〕【】[]: a
// parenthesis inside parentheses is printed 〔〕), spaces trimmed, empty items
// dropped: "A、B(含C、D),E" -> A / B(含C、D) / E. Shared by addressees and
// department annotations.
std::vector<std::pair<std::size_t, std::size_t>> split_list(std::string_view s, std::size_t b, std::size_t e);

// Offset of `needle` in `hay` at or after `from`, or npos. Use it for
// Chinese needles over long text: string_view::find stops at every byte equal
// to the needle's first, and the lead bytes of CJK characters are few.
std::size_t find_literal(std::string_view hay, std::string_view needle, std::size_t from = 0);

// The first occurrence of either needle at or after `from`: its offset and
// 0 for `a`, 1 for `b` (a first where both start at one offset); npos if
// neither occurs. One pass where two find_literal calls would make two.
std::pair<std::size_t, int> find_either(std::string_view hay, std::string_view a, std::string_view b,
                                        std::size_t from = 0);

// True if s ends in a word that closes an organ's name (局 厅 委员会 政府
// 办公室 中心 小组 …): issuers in titles and red headers.
bool ends_in_organ_word(std::string_view s);

// True if s opens with the verb of a title after its organ (关于 印发 转发
// 批转): the line goes on a title whose organ stands on the line above.
bool opens_with_title_verb(std::string_view s);

// Is a bracket or quotation mark of `norm` (a folded line, where （ is
// already '(') left open: more of ( 《 〈 < “ opened than closed, each pair
// counted alone, a close without its open ignored? A title or heading that
// leaves one open goes on in the next line (中华人民共和国国务院令（ /
// 第752号）; 为落实《…纲要（ / 2006—2020年）》…).
bool bracket_left_open(std::string_view norm);

// s with each run of spaces (ASCII, ideographic, NBSP, U+2000-200A …) made
// one ASCII space and trimmed: a line as printed, without its layout.
std::string collapse_spaces(std::string_view s);

// UTF-8 helpers used across stages.
char32_t decode_at(std::string_view s, std::size_t i, std::size_t* len);
void append_utf8(std::string& out, char32_t cp);
bool is_han(char32_t cp);
// A bidirectional control or zero-width character (U+200B-200F,
// U+202A-202E, U+2066-2069, U+FEFF, U+061C): invisible, it can make a name
// read as another; names the tools make leave it out.
bool is_invisible_control(char32_t cp);
std::size_t count_chars(std::string_view s);
// min(count_chars(s), limit), reading at most 4 * limit bytes.
std::size_t count_chars_up_to(std::string_view s, std::size_t limit);

}  // namespace gazette
