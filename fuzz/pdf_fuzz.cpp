// libFuzzer target: PDF input (gazette::read_pdf through decode, then the
// extraction of the text read). poppler parses the PDF; what is ours is the
// page-to-lines reading (lines, columns, furniture) and the refusals. The
// input is given the PDF header and end it needs to reach poppler at all.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "gazette/decode.h"
#include "gazette/error.h"
#include "gazette/extract.h"
#include "gazette/pdf.h"

// The PDF module is loaded before the first input, so that its coverage
// counts from the start, and a fuzzer without it stops at once instead of
// fuzzing the refusal.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (!gazette::pdf_reader_available()) {
    std::fprintf(stderr, "pdf_fuzz: the PDF module gazette-pdf.so is not found\n");
    std::abort();
  }
  return 0;
}

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
