// libFuzzer target: the whole extraction pipeline and its renderers.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gazette/emit.h"
#include "gazette/error.h"
#include "gazette/extract.h"
#include "gazette/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // Line splitting on the raw bytes (not decoded, so also broken UTF-8):
  // every LF, CRLF and lone CR ends a line, whatever precedes it, and each
  // line's norm maps back inside its raw text.
  {
    gazette::Text t = gazette::split_lines(bytes);
    std::size_t ends = 0;
    for (std::size_t i = 0; i < size; ++i)
      if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == size || bytes[i + 1] != '\n'))) ++ends;
    bool open_last = size > 0 && bytes[size - 1] != '\n' && bytes[size - 1] != '\r';
    if (t.lines.size() != ends + (open_last ? 1 : 0)) __builtin_trap();
    for (const auto& l : t.lines)
      if (l.original(0, l.norm.size()).size() > l.raw.size()) __builtin_trap();
  }
  gazette::ExtractOptions opt;
  opt.require_structure = false;
  try {
    gazette::Issue issue = gazette::extract(bytes, opt);
    for (const auto& d : issue.documents)
      if (d.end_line < d.title_line && d.end_line != 0) __builtin_trap();  // ranges are ordered
    (void)gazette::render(issue, gazette::Format::json_line);
    (void)gazette::render(issue, gazette::Format::jsonl);
  } catch (const gazette::InputError&) {
  }
  return 0;
}
