// Stage 1, decode: bytes in any of the encodings gazettes travel in -> UTF-8.
//
// Detection order: BOM; well-formed UTF-8; UTF-16 without BOM (recognised by
// the zero bytes of its ASCII range); GB18030 (a superset of GBK and GB2312)
// through ICU. Binary input (NUL or other C0 control bytes) is refused rather
// than guessed at, so an archive never gets a silently garbled extraction.
#include "gazette/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <vector>

#include "gazette/error.h"
#include "gazette/pdf.h"
#include "gazette/text.h"

namespace gazette {
namespace {

// 1-based line and character column of byte `offset` in `bytes`, counting as
// grep does (a line is ended by '\n').
std::pair<int, int> position_of(std::string_view bytes, std::size_t offset) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < bytes.size(); ++i) {
    if (bytes[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  int column = 1;
  for (std::size_t i = line_start; i < offset && i < bytes.size(); ++i) {
    // Count characters: skip UTF-8 continuation bytes.
    if ((static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80) ++column;
  }
  return {line, column};
}

[[noreturn]] void fail_at(std::string_view bytes, std::size_t offset, const std::string& what) {
  auto [line, column] = position_of(bytes, offset);
  throw InputError(what, line, column);
}


// Strict UTF-16 -> UTF-8; `bytes` excludes the BOM, `base` is its offset in
// the original input (for error positions, which count code units).
std::string utf16_to_utf8(std::string_view bytes, bool little_endian, std::size_t base,
                          std::string_view original) {
  if (bytes.size() % 2 != 0) fail_at(original, base + bytes.size() - 1, "UTF-16 input ends in the middle of a character");
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  auto unit = [&](std::size_t i) -> char16_t {
    auto b0 = static_cast<unsigned char>(bytes[i]), b1 = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? static_cast<char16_t>(b0 | (b1 << 8)) : static_cast<char16_t>((b0 << 8) | b1);
  };
  for (std::size_t i = 0; i < bytes.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 3 >= bytes.size())
        throw InputError("UTF-16 input ends inside a surrogate pair");
      char16_t lo = unit(i + 2);
      if (lo < 0xDC00 || lo > 0xDFFF) throw InputError("invalid UTF-16 surrogate pair at byte " + std::to_string(base + i));
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      i += 2;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      throw InputError("invalid UTF-16 lone surrogate at byte " + std::to_string(base + i));
    }
    append_utf8(out, cp);
  }
  return out;
}

std::string gb18030_to_utf8(std::string_view bytes, std::string_view original, std::size_t base) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> conv(ucnv_open("GB18030", &status), ucnv_close);
  if (U_FAILURE(status)) throw InputError("cannot open the GB18030 converter (ICU)");
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::vector<UChar> wide(bytes.size() + 1);
  const char* src = bytes.data();
  const char* src_end = bytes.data() + bytes.size();
  UChar* dst = wide.data();
  ucnv_toUnicode(conv.get(), &dst, wide.data() + wide.size(), &src, src_end, nullptr, true, &status);
  if (U_FAILURE(status)) {
    // ICU leaves `src` just past the offending sequence.
    std::size_t bad = static_cast<std::size_t>(src - bytes.data());
    char errbytes[8];
    int8_t len = sizeof errbytes;
    UErrorCode s2 = U_ZERO_ERROR;
    ucnv_getInvalidChars(conv.get(), errbytes, &len, &s2);
    if (U_SUCCESS(s2) && len > 0 && bad >= static_cast<std::size_t>(len)) bad -= static_cast<std::size_t>(len);
    fail_at(original, base + bad, "invalid or truncated GB18030 byte sequence");
  }
  std::string out;
  int32_t needed = 0;
  UErrorCode s3 = U_ZERO_ERROR;
  int32_t wlen = static_cast<int32_t>(dst - wide.data());
  u_strToUTF8(nullptr, 0, &needed, wide.data(), wlen, &s3);
  out.resize(static_cast<std::size_t>(needed));
  s3 = U_ZERO_ERROR;
  u_strToUTF8(out.data(), needed, &needed, wide.data(), wlen, &s3);
  if (U_FAILURE(s3)) throw InputError("GB18030 text could not be converted to UTF-8");
  return out;
}

std::string binary_message(char c) { return c == 0 ? "binary data (NUL byte)" : "binary data (control byte)"; }

// NUL and most C0 controls never occur in gazette text; they mean binary.
void refuse_binary(std::string_view utf8, std::string_view original, bool same_offsets) {
  std::size_t i = first_binary_byte(utf8);
  if (i == utf8.size()) return;
  std::string what = binary_message(utf8[i]);
  if (same_offsets) fail_at(original, i, what);
  auto [line, column] = position_of(utf8, i);
  throw InputError(what, line, column);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
  s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
  return s;
}

// UTF-16 without a BOM: Chinese text with ASCII line ends has a zero byte in
// every ASCII code unit; take it when such units are frequent and one-sided.
bool looks_utf16(std::string_view b, bool* little_endian) {
  if (b.size() < 4 || b.size() % 2 != 0) return false;
  std::size_t even_zero = 0, odd_zero = 0;
  for (std::size_t i = 0; i + 1 < b.size(); i += 2) {
    if (b[i] == 0) ++even_zero;
    if (b[i + 1] == 0) ++odd_zero;
  }
  std::size_t units = b.size() / 2;
  if (odd_zero * 20 >= units && even_zero == 0) {
    *little_endian = true;
    return true;
  }
  if (even_zero * 20 >= units && odd_zero == 0) {
    *little_endian = false;
    return true;
  }
  return false;
}

}  // namespace

Decoded decode(std::string_view bytes, const DecodeOptions& options) {
  if (bytes.empty()) throw InputError("empty input");
  std::string forced = lower(options.encoding);
  auto starts = [&](std::string_view bom) { return bytes.substr(0, bom.size()) == bom; };

  if (!forced.empty() && forced != "utf8" && forced != "utf16le" && forced != "utf16be" && forced != "gb18030" &&
      forced != "gbk" && forced != "gb2312" && forced != "pdf")
    throw InputError("unknown encoding '" + options.encoding +
                     "' (expected utf-8, utf-16le, utf-16be, gb18030, gbk or pdf)");

  Decoded out;
  if (forced == "pdf" || (forced.empty() && looks_like_pdf(bytes))) {
    PdfText pdf = read_pdf(bytes);
    out.converted = std::move(pdf.text);
    out.was_converted = true;
    out.encoding = "PDF";
    out.page_first_line = std::move(pdf.page_first_line);
    out.pages_without_text = std::move(pdf.pages_without_text);
    return out;
  }
  bool binary_checked = false;
  if (forced == "utf16le" || forced == "utf16be" || (forced.empty() && (starts("\xFF\xFE") || starts("\xFE\xFF")))) {
    bool le = forced.empty() ? starts("\xFF\xFE") : forced == "utf16le";
    std::size_t skip = (le ? starts("\xFF\xFE") : starts("\xFE\xFF")) ? 2 : 0;
    out.converted = utf16_to_utf8(bytes.substr(skip), le, skip, bytes);
    out.encoding = le ? "UTF-16LE" : "UTF-16BE";
  } else if (forced == "gb18030" || forced == "gbk" || forced == "gb2312") {
    out.converted = gb18030_to_utf8(bytes, bytes, 0);
    out.encoding = "GB18030";
  } else {
    std::size_t skip = starts("\xEF\xBB\xBF") ? 3 : 0;
    std::string_view body = bytes.substr(skip);
    bool le = true;
    // One pass checks both that the input is UTF-8 and that it is text.
    Utf8Problem problem = find_utf8_problem(body);
    if (problem.kind == Utf8Problem::none) {
      out.as_given = body;
      out.encoding = skip ? "UTF-8-BOM" : "UTF-8";
    } else if (forced.empty() && std::memchr(body.data(), 0, body.size()) && looks_utf16(body, &le)) {
      // UTF-16 without a BOM: the zero bytes of its ASCII code units.
      out.converted = utf16_to_utf8(body, le, 0, bytes);
      out.encoding = le ? "UTF-16LE" : "UTF-16BE";
    } else if (problem.kind == Utf8Problem::control) {
      fail_at(body, problem.offset, binary_message(body[problem.offset]));
    } else if (forced.empty() && skip == 0) {
      // Not UTF-8: try GB18030, but report the UTF-8 error position if that
      // fails too, since UTF-8 is what most inputs are meant to be.
      std::string gb;
      try {
        refuse_binary(body, body, true);
        gb = gb18030_to_utf8(body, bytes, 0);
      } catch (const InputError& gb_error) {
        if (std::string_view(gb_error.what()).rfind("binary", 0) == 0) throw;
        // Decide which story to tell: mostly-ASCII/UTF-8 input -> UTF-8 error.
        fail_at(bytes, problem.offset, "invalid UTF-8 (and not GB18030 either)");
      }
      out.converted = std::move(gb);
      out.encoding = "GB18030";
      binary_checked = true;  // above, at the input's own positions
    } else {
      fail_at(bytes, skip + problem.offset, "invalid UTF-8");
    }
  }
  if (out.converted.empty() && out.as_given.empty()) throw InputError("empty input");
  // Converted text is checked for binary here, unless it was checked
  // before conversion; UTF-8 input was checked above.
  if (!out.converted.empty()) {
    out.was_converted = true;
    if (!binary_checked) refuse_binary(out.converted, bytes, false);
  }
  return out;
}

}  // namespace gazette
