// libFuzzer target: the whole extraction pipeline and its renderers.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gazette/emit.h"
#include "gazette/error.h"
#include "gazette/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
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
