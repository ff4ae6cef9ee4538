// gazette/toc.h — stage 5: the table of contents (目录).
//
// Entries are a title (possibly wrapped over lines), an optional 发文字号 and
// a page: `…的通知` / `楚政通〔2022〕61号 (3)`, or on one line with a tab
// before the page, or with dot leaders (`……… 12`). Section headings
// (州政府文件) stand on their own line and carry over to the next page of the
// 目录. The TOC ends where the body begins.
//
//   gazette::Toc toc = gazette::read_toc(text, 0);
//   toc.entries[0].section == "州政府文件"; *toc.entries[0].page == 3
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/model.h"
#include "gazette/text.h"

namespace gazette {

struct Toc {
  std::vector<TocEntry> entries;
  std::size_t first = 0;  // index of the first 目录 line (if entries)
  std::size_t last = 0;   // index of the last line that belongs to it
};

// Reads the first 目录 found at or after line index `from`.
Toc read_toc(const Text& text, std::size_t from);

// The page number ending a TOC line's norm — `(3)`, ` 3`, `……3`, `…… 12` —
// and in *head the length of what precedes it, spaces and leader dropped;
// nothing if the line ends in no page.
std::optional<int> toc_page(std::string_view norm, std::size_t* head);

// The 文种 a title ends with (通知, 意见, 大事记 …), or "" if none.
std::string genre_of(std::string_view title);
// A document's genre: its 文种 (genre_of), else the kind of text a gazette
// prints under its own title (办法, 规定, 条例, 细则, 方案, 规划, 答复 …),
// read before a trailing parenthetical (实施办法（试行） -> 办法).
std::string document_genre(std::string_view title);

}  // namespace gazette
