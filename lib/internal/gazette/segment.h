// gazette/segment.h — stage 6: where each document of the body begins.
//
// A document opens with its title (one or more lines ending in a 文种) and,
// usually, its 发文字号 on a line of its own. Segmentation anchors on those
// number lines, walks back over the title lines, and uses the TOC, when the
// issue has one, to know each title exactly and to find the documents that
// carry no number (大事记). Without a TOC it works from the text alone; a
// text with no recognisable start becomes one document. A document printed
// on its own may carry a red header instead: issuing organs, the number,
// then the title below it; and some gazettes print the number above the
// title with no header (taken where the TOC or a document boundary confirms).
//
//   auto segs = gazette::segment(text, toc, body_start, &diagnostics);
//   segs[0].title_first  // index into text.lines of the title's first line
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "gazette/model.h"
#include "gazette/text.h"
#include "gazette/toc.h"

namespace gazette {

struct Segment {
  std::size_t title_first = 0;  // line indices, inclusive
  std::size_t title_last = 0;
  std::size_t end = 0;          // exclusive: the next document's title_first
  std::optional<std::size_t> number_line;
  std::optional<DocNumber> number;
  std::string title;            // as printed, wrap spaces removed
  std::string spaced_title;     // as printed, spaces inside lines kept (one)
  const TocEntry* toc = nullptr;
  // Red-header layout (organs, then the number, then the title): the lines
  // [header_first, header_end) above the number that print the issuing
  // organs (发文机关标志); empty otherwise.
  std::size_t header_first = 0, header_end = 0;

  // The lines of the document's head, first and last: its red header (if
  // any), number and title, in whichever order they are printed.
  std::size_t head_first() const {
    std::size_t first = number_line ? std::min(*number_line, title_first) : title_first;
    return header_first < header_end ? std::min(header_first, first) : first;
  }
  std::size_t head_last() const { return std::max(number_line ? *number_line : 0, title_last); }
};

// The organ a red-header line prints (济 南 市 公 安 局, XX人民政府文件):
// letter spacing and a trailing 文件 removed; "" if the line names none.
std::string red_header_organ(const Line& line);

std::vector<Segment> segment(const Text& text, const Toc& toc, std::size_t body_start,
                             std::vector<Diagnostic>* diagnostics);

// Title text of lines [first, last] as printed, wrap spaces removed.
std::string title_of(const Text& text, std::size_t first, std::size_t last);
// The same with the spaces inside each line kept as one ' ' (joint issuers
// are separated by a space: 中共楚雄州委办公室 楚雄州人民政府办公室).
std::string spaced_title_of(const Text& text, std::size_t first, std::size_t last);

}  // namespace gazette
