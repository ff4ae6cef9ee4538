// gazette/decode.h — stage 1: raw bytes to UTF-8.
//
// Gazette text arrives as UTF-8 (with or without BOM), UTF-16 with a BOM (or
// without one, recognised by its zero bytes), or GB18030/GBK from older
// Windows tools. decode() detects which, converts to UTF-8 and normalises
// nothing else: line ends stay as they are so line numbers keep matching the
// original file.
//
//   gazette::Decoded d = gazette::decode(bytes, {});       // detect
//   gazette::Decoded g = gazette::decode(bytes, {"gb18030"}); // force
//   // d.text is valid UTF-8, d.encoding e.g. "UTF-8", "UTF-16LE", "GB18030"
#pragma once

#include <string>
#include <string_view>

namespace gazette {

struct DecodeOptions {
  // Force an encoding instead of detecting one: "utf-8", "utf-16le",
  // "utf-16be", "gb18030", "gbk" (case-insensitive). Empty = detect.
  std::string encoding;
};

struct Decoded {
  std::string text;      // valid UTF-8, BOM removed
  std::string encoding;  // canonical name of what was decoded
};

// Throws InputError (error.h) with the line and column of the first byte
// that cannot be decoded, or when the input is empty or binary.
Decoded decode(std::string_view bytes, const DecodeOptions& options);

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view s, std::size_t* error_offset = nullptr);

}  // namespace gazette
