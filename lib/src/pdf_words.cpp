// The PDF module (gazette-pdf.so): a PDF's words with their boxes, read by
// libpoppler-cpp. The only code that includes poppler; loaded by pdf.cpp
// when the first PDF comes (gazette/pdf_words.h says why). Self-contained:
// it uses nothing of libgazette, so the module needs no symbol of the tool
// that loads it.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <poppler-version.h>

#include <limits>
#include <memory>
#include <mutex>
#include <string>

#include "gazette/pdf_words.h"

namespace {

using gazette::PdfWordLimits;
using gazette::PdfWords;

std::size_t characters(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void read_words(const char* data, std::size_t size, const PdfWordLimits* limits, PdfWords* out) {
  out->pages.clear();
  out->error.clear();
  if (size > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    out->error = "PDF too large";
    return;
  }
  // poppler keeps global state (fonts, its error callback): one document
  // at a time, whichever thread reads it. Its messages go nowhere; what
  // matters is said by the error returned.
  static std::mutex poppler_mutex;
  std::lock_guard<std::mutex> lock(poppler_mutex);
  static std::once_flag quiet;
  std::call_once(quiet, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });

  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(data, static_cast<int>(size)));
  if (!doc) {
    out->error = "not a readable PDF (damaged or truncated)";
    return;
  }
  if (doc->is_locked()) {
    out->error = "an encrypted PDF that needs a password to open: decrypt it first (qpdf --decrypt)";
    return;
  }
  const int pages = doc->pages();
  if (pages <= 0) {
    out->error = "a PDF without pages";
    return;
  }
  if (static_cast<std::size_t>(pages) > limits->max_pages) {
    out->error = "a PDF of " + std::to_string(pages) + " pages: over the limit of " + std::to_string(limits->max_pages);
    return;
  }
  out->pages.resize(static_cast<std::size_t>(pages));
  std::size_t chars = 0;
  for (int p = 0; p < pages; ++p) {
    std::unique_ptr<poppler::page> page(doc->create_page(p));
    if (!page) {
      out->error = "PDF page " + std::to_string(p + 1) + " cannot be read (damaged)";
      return;
    }
    gazette::PdfPageWords& here = out->pages[static_cast<std::size_t>(p)];
    here.height = page->page_rect().height();
    // Without text_list_include_font: asking poppler for fonts doubles its
    // time; a word's box height is its type size (to within 2%), which is
    // all that is used.
    for (auto& word : page->text_list()) {
      poppler::byte_array utf8 = word.text().to_utf8();
      std::string text(utf8.begin(), utf8.end());
      if (text.find_first_not_of(" \t") == std::string::npos) continue;
      chars += characters(text);
      poppler::rectf r = word.bbox();
      here.boxes.push_back({std::move(text), r.left(), r.right(), r.top(), r.bottom(), r.height(), word.has_space_after()});
      if (chars > limits->max_chars) {
        out->error = "a PDF with more text than the limit allows";
        return;
      }
    }
  }
}

const char* poppler_version() {
  static const std::string v = poppler::version_string();
  return v.c_str();
}

}  // namespace

extern "C" {
// The entry pdf.cpp looks up with dlsym: declared first so that the const
// object has external linkage.
__attribute__((visibility("default"))) extern const gazette::PdfWordsEntry gazette_pdf_words;
const gazette::PdfWordsEntry gazette_pdf_words{gazette::kPdfWordsAbi, &read_words, &poppler_version};
}
