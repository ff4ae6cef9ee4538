// gazette/pdf.h — stage 1 for PDF input: the text layer, read by position.
//
// decode() calls read_pdf() for bytes that looks_like_pdf(); its text then
// runs through the same pipeline as any text. poppler is read through the
// PDF module (gazette/pdf_words.h), loaded when the first PDF comes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gazette {

// The %PDF- header within the first 1024 bytes: a PDF whatever its name.
bool looks_like_pdf(std::string_view bytes);

struct PdfLimits {
  std::size_t max_bytes = std::size_t{512} << 20;  // 512 MiB
  std::size_t max_pages = 20000;
  std::size_t max_chars = std::size_t{200} << 20;  // characters of text
  // Read in a child process under memory and CPU limits (pdf.cpp says
  // which); false reads in this process. Sanitizer and fuzzing builds
  // always read in process.
  bool isolate = true;
};

struct PdfText {
  std::string text;                     // UTF-8 lines, each ending in \n
  int pages = 0;
  std::vector<int> page_first_line;     // per page: the 1-based line of `text` it starts at
  std::vector<int> pages_without_text;  // 1-based pages with no text layer (images only)
};

// Is the PDF module there to be loaded? (Loads it.)
bool pdf_reader_available();
// "poppler 22.12.0, module PATH", or "unavailable: " and why (for --version;
// loads the module).
std::string pdf_reader_description();

// Throws InputError for a PDF that is damaged or truncated, needs a
// password, has no text on any page (scanned), or whose text is garbage (a
// font without a Unicode map), or is over a limit; and for any PDF when the
// PDF module cannot be loaded.
PdfText read_pdf(std::string_view bytes, const PdfLimits& limits = {});

}  // namespace gazette
