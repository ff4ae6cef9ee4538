// libFuzzer target: PDF input (gazette::read_pdf through decode, then the
// extraction of the text read). poppler parses the PDF; what is ours is the
// page-to-lines reading (lines, columns, furniture) and the refusals. The
// input is given the PDF header and end it needs to reach poppler at all.
#include <cstddef>
#include <cstdint>
#include <string>

#include "gazette/decode.h"
#include "gazette/error.h"
#include "gazette/extract.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.rfind("%PDF-", 0) != 0) bytes.insert(0, "%PDF-1.4\n");
  if (bytes.find("%%EOF", bytes.size() > 1024 ? bytes.size() - 1024 : 0) == std::string::npos) bytes += "\n%%EOF\n";
  try {
    gazette::Decoded d = gazette::decode(bytes, {"pdf"});
    if (!gazette::is_valid_utf8(d.text())) __builtin_trap();  // decode promises UTF-8
    gazette::ExtractOptions options;
    gazette::extract(bytes, d, options);
  } catch (const gazette::InputError&) {
  }
  return 0;
}
