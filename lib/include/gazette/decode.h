// gazette/decode.h — stage 1: raw bytes to UTF-8.
//
// A PDF (the %PDF- header, whatever the file's name) is read by its text
// layer: lines rebuilt from the words' positions, running heads dropped,
// folios kept as "— N —" (docs/OUTPUT.md, "PDF input"); encoding "PDF".
//
// Gazette text arrives as UTF-8 (with or without BOM), UTF-16 with a BOM (or
// without one, recognised by its zero bytes), or GB18030/GBK from older
// Windows tools. decode() detects which, converts to UTF-8 and normalises
// nothing else: line ends stay as they are so line numbers keep matching the
// original file.
//
//   gazette::Decoded d = gazette::decode(bytes, {});       // detect
//   gazette::Decoded g = gazette::decode(bytes, {"gb18030"}); // force
//   // d.text() is valid UTF-8, d.encoding e.g. "UTF-8", "UTF-16LE", "GB18030"
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gazette {

struct DecodeOptions {
  // Force an encoding instead of detecting one: "utf-8", "utf-16le",
  // "utf-16be", "gb18030", "gbk", "pdf" (case-insensitive). Empty = detect.
  std::string encoding;
};

// 1-based line and character column of byte `offset` in `bytes`, counting
// as grep does (a line is ended by '\n').
std::pair<int, int> position_of(std::string_view bytes, std::size_t offset);

// What decode() found. Valid UTF-8 input is not copied: text() then refers
// into the bytes given to decode() (BOM skipped), which must outlive this
// value; other encodings are converted into `converted`.
struct Decoded {
  std::string encoding;        // canonical name of what was decoded
  std::string converted;       // the converted text (UTF-16, GB18030 input)
  std::string_view as_given;   // the input itself, when it was UTF-8
  bool was_converted = false;
  // CJK radicals a PDF extractor left for ideographs (⼈⺠ for 人民), read
  // as the ideographs: how many (0: the text is as given).
  std::size_t radicals = 0;
  std::size_t first_radical = 0;  // byte offset of the first in text()
  // A PDF's pages: for each, the 1-based line of text() it starts at; and
  // the pages without text (images only). Empty for text input.
  std::vector<int> page_first_line;
  std::vector<int> pages_without_text;

  // Valid UTF-8, BOM removed.
  std::string_view text() const { return was_converted ? std::string_view(converted) : as_given; }
};

// Throws InputError (error.h) with the line and column of the first byte
// that cannot be decoded, or when the input is empty or binary.
Decoded decode(std::string_view bytes, const DecodeOptions& options);

// The first byte of `s` that is not well-formed UTF-8, or that is a control
// byte text never holds (NUL, C0 other than \t \n \v \f \r): decode()'s
// single pass over UTF-8 input. kind == none: offset == s.size().
struct Utf8Problem {
  enum Kind { none, invalid, control } kind;
  std::size_t offset;
};
Utf8Problem find_utf8_problem(std::string_view s);

// find_utf8_problem(s).kind == none, answered by the fastest check the CPU
// has (AVX2 where present). Exposed for the differential test.
bool utf8_text_is_clean(std::string_view s);

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view s, std::size_t* error_offset = nullptr);

// Offset of the first byte that means binary data (NUL and the C0 controls
// other than \t \n \v \f \r: the rule find_utf8_problem applies), or
// s.size(). For text already converted to UTF-8.
std::size_t first_binary_byte(std::string_view s);

}  // namespace gazette
