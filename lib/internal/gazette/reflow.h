// gazette/reflow.h — stage 3: undo what PDF extraction did to the layout.
//
// PDF text extractors leave page furniture in the text (running heads such
// as `楚雄州人民政府公报 2022年第12期`, folios such as `— 12 —`, `·12·` or a
// bare `12`) and break paragraphs at line and page ends. strip_furniture()
// blanks the furniture lines (they count as page breaks) and remembers the
// printed page each line stands on; paragraphs() rejoins broken lines.
//
//   gazette::Text t = gazette::split_lines(utf8);
//   gazette::Pages p = gazette::strip_furniture(t, /*from_line=*/0);
//   std::string body = gazette::paragraphs(t, 0, t.lines.size());
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/text.h"

namespace gazette {

struct Pages {
  // Printed page of each line (index into Text::lines), 0 where unknown.
  std::vector<int> page_of_line;
  int furniture_lines = 0;  // how many lines were recognised and blanked
};

// Blanks running heads and folios at or after line index `from_line` (the
// masthead itself is not furniture) and returns the page map.
Pages strip_furniture(Text& text, std::size_t from_line);

// True if a normalised line ends a sentence or a clause block: 。！？；：…
bool ends_sentence(std::string_view norm);
// True if a normalised line opens a numbered heading or item: 一、 (一) 1.
// 第一章 第一条 —— and the like, so it never continues the line before it.
bool starts_heading(std::string_view norm);

// Reflowed text of lines [first, last): wrapped lines joined, one paragraph
// per output line. A short sentence end printed before the sentence it ends
// (a known PDF ordering fault) is moved back after it.
// `cuts` (sorted line indices) are where a paragraph must begin whatever
// the line before: a document's head and foot are paragraphs of their own.
std::string paragraphs(const Text& text, std::size_t first, std::size_t last,
                       const std::vector<std::size_t>& cuts = {});

}  // namespace gazette
