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

// PDF text extractors (poppler's among them, on PDFs whose fonts map glyphs
// to the wrong code points) leave CJK radicals where the page shows
// ideographs: 某某市⼈⺠政府 for 某某市人民政府. The Kangxi radicals
// (U+2F00-U+2FD5) read as the ideograph NFKC gives each; of the CJK
// Radicals Supplement, the forms that stand for a whole character as
// Unicode's EquivalentUnifiedIdeograph.txt maps them (⺠ 民, ⻓ 长, ⻔ 门, …).
// One code point for one, so lines and columns stay those of the input.
constexpr char16_t kKangxi[] = {
    0x4E00, 0x4E28, 0x4E36, 0x4E3F, 0x4E59, 0x4E85, 0x4E8C, 0x4EA0, 0x4EBA, 0x513F, 0x5165, 0x516B,
    0x5182, 0x5196, 0x51AB, 0x51E0, 0x51F5, 0x5200, 0x529B, 0x52F9, 0x5315, 0x531A, 0x5338, 0x5341,
    0x535C, 0x5369, 0x5382, 0x53B6, 0x53C8, 0x53E3, 0x56D7, 0x571F, 0x58EB, 0x5902, 0x590A, 0x5915,
    0x5927, 0x5973, 0x5B50, 0x5B80, 0x5BF8, 0x5C0F, 0x5C22, 0x5C38, 0x5C6E, 0x5C71, 0x5DDB, 0x5DE5,
    0x5DF1, 0x5DFE, 0x5E72, 0x5E7A, 0x5E7F, 0x5EF4, 0x5EFE, 0x5F0B, 0x5F13, 0x5F50, 0x5F61, 0x5F73,
    0x5FC3, 0x6208, 0x6236, 0x624B, 0x652F, 0x6534, 0x6587, 0x6597, 0x65A4, 0x65B9, 0x65E0, 0x65E5,
    0x66F0, 0x6708, 0x6728, 0x6B20, 0x6B62, 0x6B79, 0x6BB3, 0x6BCB, 0x6BD4, 0x6BDB, 0x6C0F, 0x6C14,
    0x6C34, 0x706B, 0x722A, 0x7236, 0x723B, 0x723F, 0x7247, 0x7259, 0x725B, 0x72AC, 0x7384, 0x7389,
    0x74DC, 0x74E6, 0x7518, 0x751F, 0x7528, 0x7530, 0x758B, 0x7592, 0x7676, 0x767D, 0x76AE, 0x76BF,
    0x76EE, 0x77DB, 0x77E2, 0x77F3, 0x793A, 0x79B8, 0x79BE, 0x7A74, 0x7ACB, 0x7AF9, 0x7C73, 0x7CF8,
    0x7F36, 0x7F51, 0x7F8A, 0x7FBD, 0x8001, 0x800C, 0x8012, 0x8033, 0x807F, 0x8089, 0x81E3, 0x81EA,
    0x81F3, 0x81FC, 0x820C, 0x821B, 0x821F, 0x826E, 0x8272, 0x8278, 0x864D, 0x866B, 0x8840, 0x884C,
    0x8863, 0x897E, 0x898B, 0x89D2, 0x8A00, 0x8C37, 0x8C46, 0x8C55, 0x8C78, 0x8C9D, 0x8D64, 0x8D70,
    0x8DB3, 0x8EAB, 0x8ECA, 0x8F9B, 0x8FB0, 0x8FB5, 0x9091, 0x9149, 0x91C6, 0x91CC, 0x91D1, 0x9577,
    0x9580, 0x961C, 0x96B6, 0x96B9, 0x96E8, 0x9751, 0x975E, 0x9762, 0x9769, 0x97CB, 0x97ED, 0x97F3,
    0x9801, 0x98A8, 0x98DB, 0x98DF, 0x9996, 0x9999, 0x99AC, 0x9AA8, 0x9AD8, 0x9ADF, 0x9B25, 0x9B2F,
    0x9B32, 0x9B3C, 0x9B5A, 0x9CE5, 0x9E75, 0x9E7F, 0x9EA5, 0x9EBB, 0x9EC3, 0x9ECD, 0x9ED1, 0x9EF9,
    0x9EFD, 0x9F0E, 0x9F13, 0x9F20, 0x9F3B, 0x9F4A, 0x9F52, 0x9F8D, 0x9F9C, 0x9FA0,
};
char32_t radical_ideograph(char32_t c) {
  if (c >= 0x2F00 && c <= 0x2FD5) return kKangxi[c - 0x2F00];
  switch (c) {
    case 0x2E9F: return 0x6BCD;  // ⺟ 母
    case 0x2EA0: return 0x6C11;  // ⺠ 民
    case 0x2EA9: return 0x738B;  // ⺩ 王
    case 0x2EC4: return 0x897F;  // ⻄ 西
    case 0x2EC5: return 0x89C1;  // ⻅ 见
    case 0x2EC6: return 0x89D2;  // ⻆ 角
    case 0x2EC8: return 0x8BA0;  // ⻈ 讠
    case 0x2EC9: return 0x8D1D;  // ⻉ 贝
    case 0x2ECB: return 0x8F66;  // ⻋ 车
    case 0x2ED1: return 0x9577;  // ⻑ 長
    case 0x2ED3: return 0x957F;  // ⻓ 长
    case 0x2ED4: return 0x95E8;  // ⻔ 门
    case 0x2ED8: return 0x9752;  // ⻘ 青
    case 0x2EDA: return 0x9875;  // ⻚ 页
    case 0x2EDB: return 0x98CE;  // ⻛ 风
    case 0x2EDC: return 0x98DE;  // ⻜ 飞
    case 0x2EDD: return 0x98DF;  // ⻝ 食
    case 0x2EE0: return 0x9963;  // ⻠ 饣
    case 0x2EE2: return 0x9A6C;  // ⻢ 马
    case 0x2EE3: return 0x9AA8;  // ⻣ 骨
    case 0x2EE4: return 0x9B3C;  // ⻤ 鬼
    case 0x2EE5: return 0x9C7C;  // ⻥ 鱼
    case 0x2EE6: return 0x9E1F;  // ⻦ 鸟
    case 0x2EE9: return 0x9EC4;  // ⻩ 黄
    case 0x2EEC: return 0x9F50;  // ⻬ 齐
    case 0x2EEE: return 0x9F7F;  // ⻮ 齿
    case 0x2EF0: return 0x9F99;  // ⻰ 龙
    case 0x2EF3: return 0x9F9F;  // ⻳ 龟
    default: return 0;
  }
}

// The text with its radicals read as ideographs, and how many there were;
// nothing is copied when there are none (U+2E80-U+2FFF is E2 BA..BF in
// UTF-8: memchr finds the E2s, mostly quotation marks and dashes).
std::size_t fold_radicals(std::string_view text, std::string* out, std::size_t* first) {
  std::size_t count = 0, copied = 0;
  for (std::size_t i = 0; i + 2 < text.size();) {
    const void* p = std::memchr(text.data() + i, 0xE2, text.size() - i - 2);
    if (!p) break;
    i = static_cast<std::size_t>(static_cast<const char*>(p) - text.data());
    auto b1 = static_cast<unsigned char>(text[i + 1]);
    if (b1 < 0xBA || b1 > 0xBF) {
      ++i;
      continue;
    }
    std::size_t len;
    char32_t ideograph = radical_ideograph(decode_at(text, i, &len));
    if (!ideograph || len != 3) {
      i += len;
      continue;
    }
    if (count++ == 0) out->reserve(text.size()), *first = i;
    out->append(text.data() + copied, i - copied);
    append_utf8(*out, ideograph);
    i += 3;
    copied = i;
  }
  if (count) out->append(text.data() + copied, text.size() - copied);
  return count;
}

}  // namespace

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
    if (std::string folded; (out.radicals = fold_radicals(out.converted, &folded, &out.first_radical)) != 0)
      out.converted = std::move(folded);
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
  // (was_converted is set below: the text so far is whichever is not empty.)
  const std::string_view so_far = out.converted.empty() ? out.as_given : std::string_view(out.converted);
  if (std::string folded; (out.radicals = fold_radicals(so_far, &folded, &out.first_radical)) != 0)
    out.converted = std::move(folded);
  // Converted text is checked for binary here, unless it was checked
  // before conversion; UTF-8 input was checked above.
  if (!out.converted.empty()) {
    out.was_converted = true;
    if (!binary_checked) refuse_binary(out.converted, bytes, false);
  }
  return out;
}

}  // namespace gazette
