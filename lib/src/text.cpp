// Stage 2, text: split into lines and fold each for matching.
//
// Folding is one code point to at most one, so the original of any matched
// span is recovered exactly (Line::original). Only the full-width ASCII block
// and spaces are folded: whole-text NFKC would also rewrite 〔〕《》 and cost
// more than every other stage together (~86 MB/s measured on this machine).
#include "gazette/text.h"
#include "cpu.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iterator>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define GAZETTE_FOLD_AVX2 1
#endif

namespace gazette {

char32_t decode_at(std::string_view s, std::size_t i, std::size_t* len) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
  if (i + n > s.size()) n = 1;
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *len = n;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_han(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2FA1F) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || cp == 0x3007;
}

std::size_t count_chars(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

bool opens_with_title_verb(std::string_view s) {
  for (std::string_view verb : {"关于", "印发", "转发", "批转"})
    if (s.substr(0, verb.size()) == verb) return true;
  return false;
}

bool bracket_left_open(std::string_view norm) {
  static constexpr char32_t kOpen[] = {U'(', U'《', U'〈', U'<', U'“'};
  static constexpr char32_t kClose[] = {U')', U'》', U'〉', U'>', U'”'};
  std::size_t depth[std::size(kOpen)] = {};
  for (std::size_t i = 0; i < norm.size();) {
    std::size_t len;
    char32_t c = decode_at(norm, i, &len);
    i += len;
    for (std::size_t k = 0; k < std::size(kOpen); ++k) {
      if (c == kOpen[k]) ++depth[k];
      else if (c == kClose[k] && depth[k] > 0) --depth[k];
    }
  }
  for (std::size_t d : depth)
    if (d > 0) return true;
  return false;
}

std::size_t count_chars_up_to(std::string_view s, std::size_t limit) {
  // A character takes at most four bytes: a short prefix decides.
  std::size_t n = 0;
  for (char c : s.substr(0, 4 * limit))
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++n == limit) break;
  return n;
}

namespace {

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\f' || cp == '\v' || cp == 0x3000 || cp == 0xA0 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F;
}

bool is_dropped(char32_t cp) { return cp == 0xFEFF || cp == 0x200B || cp == 0x200C || cp == 0x200D; }

}  // namespace

std::string collapse_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len;
    char32_t cp = decode_at(s, i, &len);
    if (is_space(cp)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else if (!is_dropped(cp)) {
      out.append(s, i, len);
    }
    i += len;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

namespace {


// Records that norm offset `n` stands for raw offset `r`, if the running
// correspondence does not already say so. `map` holds every line's
// breakpoints; this line's begin at `base`.
void keep_in_step(std::vector<Breakpoint>& map, std::size_t base, std::size_t n, std::size_t r) {
  if (map.size() > base && map.back().second + (n - map.back().first) == r) return;
  if (map.size() > base && map.back().first == n)
    map.back().second = static_cast<std::uint32_t>(r);
  else
    map.emplace_back(static_cast<std::uint32_t>(n), static_cast<std::uint32_t>(r));
}

// Bytes that may start something folding changes: ASCII white space and
// the lead bytes of NBSP (C2), the U+2000 spaces and zero-width marks (E2),
// the ideographic space (E3) and the full-width forms and BOM (EF). Runs of
// other bytes are copied as they are, in one append.
struct Special {
  bool table[256] = {};
  Special() {
    for (unsigned char c : {' ', '\t', '\f', '\v', '\r', static_cast<char>(0xC2), static_cast<char>(0xE2),
                            static_cast<char>(0xE3), static_cast<char>(0xEF)})
      table[c] = true;
  }
};
const Special kSpecial;

// Is the special byte at raw[i] the start of something folding changes?
// Most are not: E3 leads all CJK punctuation (。、《》) but only E3 80 80
// is a space; EF leads the full-width forms (folded) and the BOM, but also
// other compatibility forms; E2 leads the U+2000 spaces and zero-width
// marks, but also quotes and dashes (“” —); C2 A0 is the only C2 space.
// A multi-byte answer is a whole, well-formed sequence (its continuation
// bytes checked), so what is decoded there never reaches into a line end.
bool changes_at(std::string_view raw, std::size_t i) {
  auto b = [&](std::size_t k) { return i + k < raw.size() ? static_cast<unsigned char>(raw[i + k]) : 0u; };
  switch (static_cast<unsigned char>(raw[i])) {
    case 0xC2: return b(1) == 0xA0;
    case 0xE2: return (b(1) == 0x80 && ((b(2) >= 0x80 && b(2) <= 0x8D) || b(2) == 0xAF)) || (b(1) == 0x81 && b(2) == 0x9F);
    case 0xE3: return b(1) == 0x80 && b(2) == 0x80;
    case 0xEF:
      return (b(1) == 0xBC && b(2) >= 0x81 && b(2) <= 0xBF) || (b(1) == 0xBD && b(2) >= 0x80 && b(2) <= 0x9E) ||
             (b(1) == 0xBB && b(2) == 0xBF);
    default: return true;
  }
}

// Skipping: from `j`, the first position where folding may change
// something. A candidate is an ASCII byte up to the space (so also the LF or
// CR ending a line), a C2/E2/EF lead, or E3 80 80; changes_at() decides.
// The scans may read past the line, up to `readable` bytes from its start
// (the rest of the input): a line ends at a candidate (its LF or CR) or at
// the input's end, so no candidate past the line is ever returned unless it
// is the line's end itself. Near the input's end they stop early, at a
// position to look at byte by byte.
#if defined(__SSE2__)
std::size_t skip_unchanged_sse2(const char* p, std::size_t j, std::size_t readable) {
  const __m128i space = _mm_set1_epi8(' '), c2 = _mm_set1_epi8(static_cast<char>(0xC2)),
                e2 = _mm_set1_epi8(static_cast<char>(0xE2)), e3 = _mm_set1_epi8(static_cast<char>(0xE3)),
                ef = _mm_set1_epi8(static_cast<char>(0xEF)), x80 = _mm_set1_epi8(static_cast<char>(0x80));
  while (j + 18 <= readable) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + j));
    __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + j + 1));
    __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + j + 2));
    __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, space), v),
                               _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, e2)), _mm_cmpeq_epi8(v, ef)));
    hit = _mm_or_si128(hit, _mm_and_si128(_mm_cmpeq_epi8(v, e3), _mm_and_si128(_mm_cmpeq_epi8(v1, x80), _mm_cmpeq_epi8(v2, x80))));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (mask) return j + static_cast<std::size_t>(__builtin_ctz(mask));
    j += 16;
  }
  return j;
}
#endif

#if defined(GAZETTE_FOLD_AVX2)
__attribute__((target("avx2"))) std::size_t skip_unchanged_avx2(const char* p, std::size_t j, std::size_t readable) {
  const __m256i space = _mm256_set1_epi8(' '), c2 = _mm256_set1_epi8(static_cast<char>(0xC2)),
                e2 = _mm256_set1_epi8(static_cast<char>(0xE2)), e3 = _mm256_set1_epi8(static_cast<char>(0xE3)),
                ef = _mm256_set1_epi8(static_cast<char>(0xEF)), x80 = _mm256_set1_epi8(static_cast<char>(0x80));
  while (j + 34 <= readable) {
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + j));
    __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + j + 1));
    __m256i v2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + j + 2));
    __m256i hit = _mm256_or_si256(
        _mm256_cmpeq_epi8(_mm256_min_epu8(v, space), v),
        _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, c2), _mm256_cmpeq_epi8(v, e2)), _mm256_cmpeq_epi8(v, ef)));
    hit = _mm256_or_si256(hit, _mm256_and_si256(_mm256_cmpeq_epi8(v, e3),
                                                _mm256_and_si256(_mm256_cmpeq_epi8(v1, x80), _mm256_cmpeq_epi8(v2, x80))));
    auto mask = static_cast<unsigned>(_mm256_movemask_epi8(hit));
    if (mask) return j + static_cast<std::size_t>(__builtin_ctz(mask));
    j += 32;
  }
  return skip_unchanged_sse2(p, j, readable);
}
#endif

std::size_t skip_unchanged(const char* p, std::size_t j, std::size_t readable) {
#if defined(GAZETTE_FOLD_AVX2)
  if (use_avx2()) return skip_unchanged_avx2(p, j, readable);
#endif
#if defined(__SSE2__)
  return skip_unchanged_sse2(p, j, readable);
#else
  return j;
#endif
}

// Folds `raw` into `out`, which has room for raw.size() bytes (folding
// never lengthens: one code point to at most one, runs of spaces to one);
// returns the bytes written. as_line: stop at the first LF or CR, whose
// offset goes to *end (raw.size() if none) — split_lines folds each line
// as it finds its end, in the same scan. with_map: append the norm-to-raw
// breakpoints to `map` (lines need them; fold() of a loose string does not).
template <bool as_line, bool with_map>
std::size_t fold_into(std::string_view raw, char* out, std::vector<Breakpoint>* map, std::size_t* end) {
  const std::size_t base = with_map ? map->size() : 0;
  std::size_t n = 0;  // bytes written
  auto put = [&](std::string_view bytes) {
    std::memcpy(out + n, bytes.data(), bytes.size());
    n += bytes.size();
  };
  auto step = [&](std::size_t r) {
    if constexpr (with_map) keep_in_step(*map, base, n, r);
  };
  bool pending_space = false;
  std::size_t space_at = 0;
  auto ends_line = [](char c) { return as_line && (c == '\n' || c == '\r'); };
  std::size_t i = 0;
  while (i < raw.size()) {
    if (ends_line(raw[i])) break;
    if (!kSpecial.table[static_cast<unsigned char>(raw[i])] || !changes_at(raw, i)) {
      std::size_t j = i + 1;
      while (j < raw.size()) {
        // The skip stops at every byte up to the space, LF and CR included.
        j = skip_unchanged(raw.data(), j, raw.size());
        if (j >= raw.size()) break;
        auto c = static_cast<unsigned char>(raw[j]);
        if (ends_line(raw[j]) || (kSpecial.table[c] && changes_at(raw, j))) break;
        ++j;
      }
      j = std::min(j, raw.size());
      // Stop before a continuation byte run could be split: the special
      // bytes are all lead or ASCII bytes, so j is a character boundary.
      if (pending_space && n > 0) {
        step(space_at);
        out[n++] = ' ';
      }
      pending_space = false;
      step(i);
      put(raw.substr(i, j - i));
      i = j;
      continue;
    }
    std::size_t len;
    char32_t cp = decode_at(raw, i, &len);
    std::size_t next = i + len;
    if (is_space(cp) || is_dropped(cp)) {
      if (is_space(cp) && !pending_space) pending_space = true, space_at = i;
      i = next;
      continue;
    }
    if (pending_space && n > 0) {
      step(space_at);
      out[n++] = ' ';
    }
    pending_space = false;
    step(i);
    char32_t folded = (cp >= 0xFF01 && cp <= 0xFF5E) ? cp - 0xFEE0 : cp;
    if (folded == cp)
      put(raw.substr(i, len));
    else
      out[n++] = static_cast<char>(folded);  // the full-width forms fold to ASCII
    step(next);
    i = next;
  }
  if (with_map && map->size() == base) map->emplace_back(0, 0);
  if (end) *end = i;
  return n;
}

}  // namespace

std::size_t Line::raw_offset(std::size_t n) const {
  const Breakpoint* end = map + map_size;
  auto it = std::upper_bound(map, end, n, [](std::size_t v, const Breakpoint& bp) { return v < bp.first; });
  if (it == map) return n;
  --it;
  return std::min<std::size_t>(raw.size(), it->second + (n - it->first));
}

std::string_view Line::original(std::size_t b, std::size_t e) const {
  if (e >= norm.size()) {
    // Up to the end of the norm: stop at the last printed character, not at
    // trailing spaces.
    std::size_t rb = raw_offset(b);
    std::size_t re = norm.empty() ? rb : raw_offset(norm.size() - 1);
    if (!norm.empty()) {
      std::size_t len;
      decode_at(raw, re, &len);
      re += len;
    }
    return raw.substr(rb, re > rb ? re - rb : 0);
  }
  std::size_t rb = raw_offset(b), re = raw_offset(e);
  std::string_view s = raw.substr(rb, re > rb ? re - rb : 0);
  // Trailing spaces that were collapsed belong to the gap, not the span.
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  if (s.size() >= 3 && s.substr(s.size() - 3) == "\u3000") s.remove_suffix(3);
  return s;
}

Text split_lines(std::string_view utf8) {
  Text text;
  // Norms are never longer than their lines, so one buffer of the input's
  // size holds them all. Breakpoints are appended to one vector and pointed
  // to once it stops growing.
  text.norms_.reset(new char[utf8.size() + 1]);
  char* norms = text.norms_.get();
  std::size_t used = 0;
  std::vector<std::uint32_t> map_begin;
  int number = 1;
  // Each line is folded up to its end (LF, CRLF, or a lone CR as old Macs
  // wrote), which the fold's own scan finds: one pass over the input.
  for (std::size_t start = 0; start < utf8.size();) {
    Line line;
    line.number = number++;
    map_begin.push_back(static_cast<std::uint32_t>(text.breakpoints_.size()));
    std::size_t len = 0;
    std::size_t n = fold_into<true, true>(utf8.substr(start), norms + used, &text.breakpoints_, &len);
    line.raw = utf8.substr(start, len);
    line.norm = std::string_view(norms + used, n);
    used += n;
    text.lines.push_back(line);
    start += len;
    if (start < utf8.size()) start += utf8[start] == '\r' && start + 1 < utf8.size() && utf8[start + 1] == '\n' ? 2 : 1;
  }
  map_begin.push_back(static_cast<std::uint32_t>(text.breakpoints_.size()));
  for (std::size_t k = 0; k < text.lines.size(); ++k) {
    text.lines[k].map = text.breakpoints_.data() + map_begin[k];
    text.lines[k].map_size = map_begin[k + 1] - map_begin[k];
  }
  return text;
}

void Text::blank_lines(const std::vector<std::size_t>& which) {
  if (which.empty()) return;
  std::size_t next = 0;  // into `which`
  char* to = const_cast<char*>(lines[which[0]].norm.data());
  for (std::size_t k = which[0]; k < lines.size(); ++k) {
    Line& l = lines[k];
    if (next < which.size() && which[next] == k) {
      ++next;
      l.norm = std::string_view(to, 0);
      continue;
    }
    std::memmove(to, l.norm.data(), l.norm.size());
    l.norm = std::string_view(to, l.norm.size());
    to += l.norm.size();
  }
}

std::string fold(std::string_view s) {
  std::string out(s.size(), '\0');
  out.resize(fold_into<false, false>(s, out.data(), nullptr, nullptr));
  return out;
}

namespace {

// Offset of the first space (is_space) in s, or s.size(): the vector scan
// skips to each byte that may start one, byte steps only near the end.
std::size_t first_space(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    i = skip_unchanged(s.data(), i, s.size());
    while (i < s.size()) {
      auto c = static_cast<unsigned char>(s[i]);
      if (kSpecial.table[c]) {
        std::size_t len;
        if (is_space(decode_at(s, i, &len))) return i;
        i += len;
      } else {
        ++i;
      }
      if (i + 34 <= s.size()) break;  // room for the vector scan again
    }
  }
  return s.size();
}

}  // namespace

std::string_view squeeze(std::string_view s, std::string& buf) {
  // Most strings have nothing to drop: find the first space before copying.
  std::size_t i = first_space(s);
  if (i >= s.size()) return s;
  buf.assign(s.data(), i);
  while (i < s.size()) {
    // Runs without a byte that can start a space are copied whole.
    if (!kSpecial.table[static_cast<unsigned char>(s[i])]) {
      std::size_t j = i + 1;
      while (j < s.size() && !kSpecial.table[static_cast<unsigned char>(s[j])]) ++j;
      buf.append(s.data() + i, j - i);
      i = j;
      continue;
    }
    std::size_t len;
    char32_t cp = decode_at(s, i, &len);
    if (!is_space(cp)) buf.append(s.data() + i, len);
    i += len;
  }
  return buf;
}

std::string squeeze(std::string_view s) {
  std::string buf;
  std::string_view v = squeeze(s, buf);
  if (v.data() != buf.data()) buf.assign(v.data(), v.size());
  return buf;
}

namespace {

// What match_key drops besides spaces: quotation marks and title brackets.
bool is_key_mark(char32_t cp) {
  return cp == U'《' || cp == U'》' || cp == U'〈' || cp == U'〉' || cp == U'“' || cp == U'”' || cp == U'‘' ||
         cp == U'’' || cp == '"' || cp == '\'';
}

}  // namespace

std::string_view first_key_char(std::string_view norm) {
  for (std::size_t i = 0; i < norm.size();) {
    std::size_t len;
    char32_t cp = decode_at(norm, i, &len);
    if (!is_space(cp) && !is_key_mark(cp) && !is_dropped(cp)) {
      char32_t folded = (cp >= 0xFF01 && cp <= 0xFF5E) ? cp - 0xFEE0 : cp;
      if (folded != cp) return {};  // not a norm: let the caller make the key
      return norm.substr(i, len);
    }
    i += len;
  }
  return {};
}

std::string match_key(std::string_view s) {
  std::string folded = fold(s), out;
  out.reserve(folded.size());
  for (std::size_t i = 0; i < folded.size();) {
    // Only spaces (ASCII after folding, or E2/E3-led), quotes (E2 80 98..9D)
    // and brackets (E3 80 88..8D) are dropped: copy other runs whole.
    auto c = static_cast<unsigned char>(folded[i]);
    if (c != ' ' && c != '"' && c != '\'' && c != 0xE2 && c != 0xE3 && c != 0xC2 && c != '\t') {
      std::size_t j = i + 1;
      while (j < folded.size()) {
        auto d = static_cast<unsigned char>(folded[j]);
        if (d == ' ' || d == '"' || d == '\'' || d == 0xE2 || d == 0xE3 || d == 0xC2 || d == '\t') break;
        ++j;
      }
      out.append(folded, i, j - i);
      i = j;
      continue;
    }
    std::size_t len;
    char32_t cp = decode_at(folded, i, &len);
    if (!is_space(cp) && !is_key_mark(cp)) out.append(folded, i, len);
    i += len;
  }
  return out;
}

std::string remove_wrap_spaces(std::string_view s) {
  std::size_t space = first_space(s);
  if (space == s.size()) return std::string(s);  // the usual case: nothing to remove
  std::string out;
  out.reserve(s.size());
  auto ascii_alnum = [](char32_t c) { return c < 0x80 && std::isalnum(static_cast<int>(c)); };
  for (std::size_t i = 0; i < s.size();) {
    out.append(s.data() + i, space - i);  // the run up to the next space
    if (space == s.size()) break;
    std::size_t j = space;
    while (j < s.size()) {
      std::size_t len;
      if (!is_space(decode_at(s, j, &len))) break;
      j += len;
    }
    if (j < s.size() && !out.empty()) {
      // The last character kept is ASCII only if its last byte is.
      auto prev = static_cast<unsigned char>(out.back());
      std::size_t len;
      char32_t next = decode_at(s, j, &len);
      if (ascii_alnum(prev) && ascii_alnum(next)) out += ' ';
    }
    i = j;
    space = i + first_space(s.substr(i));
  }
  return out;
}

std::size_t find_literal(std::string_view hay, std::string_view needle, std::size_t from) {
  if (from > hay.size() || needle.size() > hay.size() - from) return std::string_view::npos;
  if (needle.empty()) return from;
  if (needle.size() == 1) {
    const void* p = std::memchr(hay.data() + from, needle[0], hay.size() - from);
    return p ? static_cast<std::size_t>(static_cast<const char*>(p) - hay.data()) : std::string_view::npos;
  }
  // Candidates are where both the needle's first and last bytes stand at
  // the right distance (in UTF-8 Chinese a lead byte and a continuation
  // byte: together rare, where either alone is common); sixteen positions
  // are tested at once, and only candidates compare the middle.
  const std::size_t last = needle.size() - 1;
  const char* data = hay.data();
  const char* mid = needle.data() + 1;
  const std::size_t mid_size = last - 1;
  auto rest_matches = [&](std::size_t at) { return mid_size == 0 || std::memcmp(data + at + 1, mid, mid_size) == 0; };
  std::size_t i = from;
#if defined(__SSE2__)
  const __m128i first_byte = _mm_set1_epi8(needle[0]);
  const __m128i last_byte = _mm_set1_epi8(needle[last]);
  for (; i + last + 16 <= hay.size(); i += 16) {
    __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i + last));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first_byte), _mm_cmpeq_epi8(b, last_byte))));
    while (mask) {
      std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(mask));
      if (rest_matches(at)) return at;
      mask &= mask - 1;
    }
  }
#endif
  for (; i + last < hay.size(); ++i)
    if (data[i] == needle[0] && data[i + last] == needle[last] && rest_matches(i)) return i;
  return std::string_view::npos;
}

namespace {

// One of find_either's needles: its first and last bytes are the candidate
// test, the rest is compared at candidates.
struct Needle {
  std::string_view n;
  std::size_t last;
  bool at(const char* data, std::size_t i) const { return std::memcmp(data + i + 1, n.data() + 1, last - 1) == 0; }
};

// The first match among positions whose candidate bits are in `a` (needle
// A) and `b` (needle B), from position `base`; A first at equal positions.
std::pair<std::size_t, int> first_in_masks(const char* data, std::size_t base, unsigned a, unsigned b, const Needle& na,
                                           const Needle& nb) {
  for (unsigned both = a | b; both; both &= both - 1) {
    unsigned bit = both & (0u - both);
    std::size_t at = base + static_cast<std::size_t>(__builtin_ctz(both));
    if ((a & bit) && na.at(data, at)) return {at, 0};
    if ((b & bit) && nb.at(data, at)) return {at, 1};
  }
  return {std::string_view::npos, 0};
}

#if defined(GAZETTE_FOLD_AVX2)
__attribute__((target("avx2"))) std::pair<std::size_t, int> find_either_avx2(std::string_view hay, const Needle& na,
                                                                             const Needle& nb, std::size_t* i) {
  const char* data = hay.data();
  const std::size_t reach = std::max(na.last, nb.last);
  const __m256i a0 = _mm256_set1_epi8(na.n[0]), a1 = _mm256_set1_epi8(na.n[na.last]);
  const __m256i b0 = _mm256_set1_epi8(nb.n[0]), b1 = _mm256_set1_epi8(nb.n[nb.last]);
  for (; *i + reach + 32 <= hay.size(); *i += 32) {
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + *i));
    __m256i va = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + *i + na.last));
    __m256i vb = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + *i + nb.last));
    auto ma = static_cast<unsigned>(_mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(v, a0), _mm256_cmpeq_epi8(va, a1))));
    auto mb = static_cast<unsigned>(_mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(v, b0), _mm256_cmpeq_epi8(vb, b1))));
    if (ma | mb)
      if (auto r = first_in_masks(data, *i, ma, mb, na, nb); r.first != std::string_view::npos) return r;
  }
  return {std::string_view::npos, 0};
}
#endif

}  // namespace

std::pair<std::size_t, int> find_either(std::string_view hay, std::string_view a, std::string_view b,
                                        std::size_t from) {
  constexpr std::size_t npos = std::string_view::npos;
  if (a.size() < 2 || b.size() < 2) {
    std::size_t pa = find_literal(hay, a, from), pb = find_literal(hay, b, from);
    if (pa == npos && pb == npos) return {npos, 0};
    return pa <= pb ? std::pair<std::size_t, int>{pa, 0} : std::pair<std::size_t, int>{pb, 1};
  }
  if (from > hay.size()) return {npos, 0};
  const Needle na{a, a.size() - 1}, nb{b, b.size() - 1};
  const char* data = hay.data();
  std::size_t i = from;
#if defined(GAZETTE_FOLD_AVX2)
  if (use_avx2())
    if (auto r = find_either_avx2(hay, na, nb, &i); r.first != npos) return r;
#endif
#if defined(__SSE2__)
  {
    const std::size_t reach = std::max(na.last, nb.last);
    const __m128i a0 = _mm_set1_epi8(a[0]), a1 = _mm_set1_epi8(a[na.last]);
    const __m128i b0 = _mm_set1_epi8(b[0]), b1 = _mm_set1_epi8(b[nb.last]);
    for (; i + reach + 16 <= hay.size(); i += 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
      __m128i va = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i + na.last));
      __m128i vb = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i + nb.last));
      auto ma = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(v, a0), _mm_cmpeq_epi8(va, a1))));
      auto mb = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(v, b0), _mm_cmpeq_epi8(vb, b1))));
      if (ma | mb)
        if (auto r = first_in_masks(data, i, ma, mb, na, nb); r.first != npos) return r;
    }
  }
#endif
  for (; i < hay.size(); ++i) {
    if (i + na.last < hay.size() && data[i] == a[0] && data[i + na.last] == a[na.last] && na.at(data, i)) return {i, 0};
    if (i + nb.last < hay.size() && data[i] == b[0] && data[i + nb.last] == b[nb.last] && nb.at(data, i)) return {i, 1};
  }
  return {npos, 0};
}

std::vector<std::pair<std::size_t, std::size_t>> split_list(std::string_view s, std::size_t b, std::size_t e) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  std::size_t start = b;
  int depth = 0;
  for (std::size_t i = b; i <= e;) {
    // CJK ideographs (leads E4..E9) are never separators or parentheses.
    if (i < e && static_cast<unsigned char>(s[i]) >= 0xE4 && static_cast<unsigned char>(s[i]) <= 0xE9) {
      i = std::min(i + 3, e);
      continue;
    }
    std::size_t len = 1;
    bool sep = false;
    if (i < e) {
      if (s[i] == '(' || s[i] == '[') ++depth;
      if ((s[i] == ')' || s[i] == ']') && depth > 0) --depth;
      if (depth == 0 && (s[i] == ',' || s[i] == ';')) sep = true;
      // 、 E3 80 81, ， EF BC 8C, ； EF BC 9B; brackets 〔 〕 E3 80 94/95
      // and 【 】 E3 80 90/91 nest as parentheses do (a parenthesis inside
      // parentheses is printed 〔〕: 各县〔市、区〕人民政府).
      if (i + 2 < s.size()) {
        auto b0 = static_cast<unsigned char>(s[i]), b1 = static_cast<unsigned char>(s[i + 1]),
             b2 = static_cast<unsigned char>(s[i + 2]);
        if (b0 == 0xE3 && b1 == 0x80 && (b2 == 0x94 || b2 == 0x90)) ++depth, len = 3;
        if (b0 == 0xE3 && b1 == 0x80 && (b2 == 0x95 || b2 == 0x91) && depth > 0) --depth, len = 3;
        if (depth == 0 &&
            ((b0 == 0xE3 && b1 == 0x80 && b2 == 0x81) || (b0 == 0xEF && b1 == 0xBC && (b2 == 0x8C || b2 == 0x9B))))
          sep = true, len = 3;
      }
    }
    if (i == e || sep) {
      std::size_t nb = start, ne = i;
      while (nb < ne && s[nb] == ' ') ++nb;
      while (ne > nb && s[ne - 1] == ' ') --ne;
      if (ne > nb) out.emplace_back(nb, ne);
      start = i + len;
      if (i == e) break;
    }
    i += len;
  }
  return out;
}

Stream::Stream(const Text& text, std::size_t first, std::size_t last)
    : text_(text), first_(std::min(first, text.lines.size())), last_(std::min(last, text.lines.size())) {
  if (first_ >= last_) return;
  const char* b = text.lines[first_].norm.data();
  const Line& end = text.lines[last_ - 1];
  joined_ = std::string_view(b, static_cast<std::size_t>(end.norm.data() + end.norm.size() - b));
}

std::size_t Stream::line_index(std::size_t offset) const {
  if (joined_.empty()) return 0;
  // The last line starting at or before the byte; blank lines share the
  // start of the line after them, so step back over any that end the range.
  const char* at = joined_.data() + std::min(offset, joined_.size() - 1);
  // k: the last line (in [first_, last_)) whose norm starts at or before
  // `at`. Callers mostly ask in increasing order (tasks, then the names in
  // them): try the previous answer and the few lines after it first.
  const auto& lines = text_.lines;
  auto starts_after = [&](std::size_t j) { return j >= last_ || lines[j].norm.data() > at; };
  std::size_t k = hint_;
  if (k >= first_ && k < last_ && lines[k].norm.data() <= at) {
    for (int step = 0; step < 4 && !starts_after(k + 1); ++step) ++k;
    if (!starts_after(k + 1)) k = last_;  // too far: search
  } else {
    k = last_;
  }
  if (k == last_) {
    auto first = lines.begin() + static_cast<std::ptrdiff_t>(first_);
    auto last = lines.begin() + static_cast<std::ptrdiff_t>(last_);
    auto it = std::upper_bound(first, last, at, [](const char* p, const Line& l) { return p < l.norm.data(); });
    k = static_cast<std::size_t>(it - lines.begin());
    k = k > first_ ? k - 1 : first_;
  }
  hint_ = k;
  while (k > first_ && text_.lines[k].blank()) --k;
  return k;
}

int Stream::line_number(std::size_t offset) const {
  if (joined_.empty()) return 0;
  return text_.lines[line_index(offset)].number;
}

std::string Stream::original(std::size_t b, std::size_t e) const {
  std::string out;
  if (joined_.empty() || b >= e) return out;
  std::size_t k = line_index(b);
  {
    // Within one line (most names, most numbers): one string made once.
    const Line& l = text_.lines[k];
    std::size_t start = static_cast<std::size_t>(l.norm.data() - joined_.data());
    if (!l.blank() && b >= start && e - start <= l.norm.size()) return std::string(l.original(b - start, e - start));
  }
  out.reserve(e - b + 16);
  for (; k < last_; ++k) {
    const Line& l = text_.lines[k];
    std::size_t start = static_cast<std::size_t>(l.norm.data() - joined_.data());
    if (start >= e) break;
    if (l.blank()) continue;
    std::size_t lb = b > start ? b - start : 0;
    std::size_t le = std::min(e - start, l.norm.size());
    out.append(l.original(lb, le));
  }
  return out;
}

bool is_invisible_control(char32_t c) {
  return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF ||
         c == 0x061C;
}

bool ends_in_organ_word(std::string_view t) {
  static const char* const organ_ends[] = {"办公室", "办公厅", "办事处", "政府", "委员会", "党委", "州委", "市委", "县委", "省委",
                                           "中央", "国务院", "局",   "厅",   "部",     "委",   "院",   "署",   "会",
                                           "室",   "中心",   "小组", "司",     "银行", "海关"};
  for (const char* e : organ_ends) {
    std::string_view ev(e);
    if (t.size() >= ev.size() && t.compare(t.size() - ev.size(), ev.size(), ev) == 0) return true;
  }
  return false;
}

}  // namespace gazette
