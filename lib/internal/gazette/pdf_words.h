// gazette/pdf_words.h — the boundary between stage 1's PDF reading
// (pdf.cpp, in libgazette) and the PDF module (pdf_words.cpp, built as
// gazette-pdf.so, the only code that links libpoppler-cpp).
//
// poppler and the 25 libraries it pulls in take ~20 ms to load, which every
// run of every tool paid when they were linked in: three times the start of
// a tool on a small text. So they are loaded with dlopen when the first PDF
// comes, and a run on text never maps them. The module gives each page's
// words with their boxes; everything after (lines, columns, furniture,
// refusals of garbage text) is pdf.cpp's.
//
// Both sides are built together by this project, with one compiler and one
// C++ library, so the entry point passes C++ types; `kPdfWordsAbi` is
// checked on load all the same, so a stale module from an older install is
// refused, not called.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace gazette {

inline constexpr int kPdfWordsAbi = 1;

struct PdfWordLimits {
  std::size_t max_pages = 0;
  std::size_t max_chars = 0;  // characters of text, over all pages
};

// One word as poppler places it, in points from the page's top left.
struct PdfBox {
  std::string text;  // UTF-8
  double x0, x1, y0, y1, size;
  bool space_after;
};

struct PdfPageWords {
  std::vector<PdfBox> boxes;  // in poppler's order; empty for a page without text
  double height = 0;
};

struct PdfWords {
  std::vector<PdfPageWords> pages;
  std::string error;  // not empty: the PDF is refused, and why (no exception crosses the boundary)
};

// The module's one symbol.
using PdfWordsFn = void (*)(const char* data, std::size_t size, const PdfWordLimits* limits, PdfWords* out);
struct PdfWordsEntry {
  int abi;
  PdfWordsFn read;
  const char* (*poppler_version)();  // "22.12.0": the poppler the module runs on (for --version)
};

}  // namespace gazette

#define GAZETTE_PDF_WORDS_SYMBOL "gazette_pdf_words"
