#include "json_writer.h"

#include <fmt/format.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "gazette/decode.h"

namespace gazette::detail {

void JsonWriter::newline() {
  out_ += '\n';
  out_.append(levels_.size() * static_cast<std::size_t>(indent_), ' ');
}

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  Level& l = levels_.back();
  if (!l.empty) out_ += ',';
  l.empty = false;
  if (indent_ >= 0) newline();
}

void JsonWriter::open(char c) {
  separate();
  out_ += c;
  levels_.push_back({});
}

void JsonWriter::close(char c) {
  bool empty = levels_.back().empty;
  levels_.pop_back();
  if (!empty && indent_ >= 0) newline();
  out_ += c;
}

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is invalid; *bad
// is how many bytes the invalid prefix spans (at least 1): the maximal
// subpart that is replaced by one U+FFFD.
std::size_t utf8_sequence(std::string_view s, std::size_t i, std::size_t* bad) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  std::size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    *bad = 1;
    return 0;
  }
  for (std::size_t k = 1; k < len; ++k) {
    if (i + k >= s.size()) {
      *bad = k;
      return 0;
    }
    unsigned char d = b(i + k);
    bool ok = k == 1 ? (d >= lo && d <= hi) : (d >= 0x80 && d <= 0xBF);
    if (!ok) {
      *bad = k;
      return 0;
    }
  }
  return len;
}

// The JSON escape of '"', '\\' or a control byte, as nlohmann writes it.
void append_escape(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\b': out += "\\b"; break;
    case '\t': out += "\\t"; break;
    case '\n': out += "\\n"; break;
    case '\f': out += "\\f"; break;
    case '\r': out += "\\r"; break;
    default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
  }
}

}  // namespace

// Clean UTF-8 (the usual case: extracted text): only '"', '\\' and control
// bytes need escaping, found sixteen bytes at a time.
void JsonWriter::clean_string(std::string_view s) {
  out_ += '"';
  const char* data = s.data();
  std::size_t run = 0, i = 0;
  auto escape = [&](std::size_t at) {
    out_.append(data + run, at - run);
    append_escape(out_, static_cast<unsigned char>(data[at]));
    run = at + 1;
  };
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), below = _mm_set1_epi8(0x1F);
  while (i + 16 <= s.size()) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                               _mm_cmpeq_epi8(_mm_min_epu8(v, below), v));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    while (mask) {
      escape(i + static_cast<std::size_t>(__builtin_ctz(mask)));
      mask &= mask - 1;
    }
    i += 16;
  }
#endif
  for (; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(data[i]);
    if (c < 0x20 || c == '"' || c == '\\') escape(i);
  }
  out_.append(data + run, s.size() - run);
  out_ += '"';
}

void JsonWriter::string(std::string_view s) {
  // Long strings: one vector check for validity, then the vector escape
  // scan. Short ones (names, numbers, dates: most strings written) cost
  // less in the one scalar pass below than in the vector setup.
  if (s.size() >= 64 && utf8_text_is_clean(s)) return clean_string(s);
  out_ += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    // Most characters of Chinese text: a lead E1..EC or EE..EF and two
    // continuation bytes, valid with no further test.
    if (((c >= 0xE1 && c <= 0xEC) || c >= 0xEE) && c <= 0xEF && i + 2 < s.size() &&
        (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 && (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80) {
      i += 3;
      continue;
    }
    if (c >= 0x80) {
      std::size_t bad = 0;
      std::size_t len = utf8_sequence(s, i, &bad);
      if (len) {
        i += len;
        continue;
      }
      out_.append(s.data() + run, i - run);
      out_ += "\xEF\xBF\xBD";
      i += bad;
      run = i;
      continue;
    }
    out_.append(s.data() + run, i - run);
    append_escape(out_, c);
    ++i;
    run = i;
  }
  out_.append(s.data() + run, i - run);
  out_ += '"';
}

}  // namespace gazette::detail
