// Stage 9, references: cited 〔year〕N号 numbers and their 《》 titles.
#include "gazette/references.h"
#include "cpu.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define GAZETTE_REFS_AVX2 1
#endif

namespace gazette {
namespace {

bool starts(std::string_view s, std::size_t i, std::string_view lit) { return s.compare(i, lit.size(), lit) == 0; }

std::size_t skip_space(std::string_view s, std::size_t i) { return i < s.size() && s[i] == ' ' ? i + 1 : i; }

std::size_t digits(std::string_view s, std::size_t i, std::size_t max) {
  std::size_t j = i;
  while (j < s.size() && j - i < max && s[j] >= '0' && s[j] <= '9') ++j;
  return j - i;
}

// Is there `〔YYYY〕N号` (or 【】 []) starting at the bracket at `i`? Returns
// the end of the match or 0.
// The bracket opening at `i` (〔 【 [): its closing bracket, and *i moved
// past it; "" when none opens there.
std::string_view open_bracket(std::string_view s, std::size_t* i) {
  if (starts(s, *i, "〔")) return *i += 3, "〕";
  if (starts(s, *i, "【")) return *i += 3, "】";
  if (s[*i] == '[') return *i += 1, "]";
  return {};
}

std::size_t number_after(std::string_view s, std::size_t i) {
  std::string_view close = open_bracket(s, &i);
  if (close.empty()) return 0;
  i = skip_space(s, i);
  if (digits(s, i, 5) != 4) return 0;
  i = skip_space(s, i + 4);
  if (!starts(s, i, close)) return 0;
  i = skip_space(s, i + close.size());
  if (starts(s, i, "第")) i = skip_space(s, i + 3);
  std::size_t n = digits(s, i, 19);
  if (n == 0 || n > 18) return 0;
  i = skip_space(s, i + n);
  return starts(s, i, "号") ? i + 3 : 0;
}

// The older form with the year first, `〔1996〕武司字第82号`: the bracketed
// year, the organ code (1 to 8 Han characters), 第 (optional), N号.
// Returns the end of the match or 0.
std::size_t year_first_after(std::string_view s, std::size_t i) {
  std::string_view close = open_bracket(s, &i);
  if (close.empty()) return 0;
  if (digits(s, i, 5) != 4 || !starts(s, i + 4, close)) return 0;
  i += 4 + close.size();
  std::size_t chars = 0;
  while (i < s.size() && chars < 8 && !starts(s, i, "第")) {
    std::size_t len;
    if (!is_han(decode_at(s, i, &len))) break;
    i += len;
    ++chars;
  }
  if (chars == 0) return 0;
  if (starts(s, i, "第")) i += 3;
  std::size_t n = digits(s, i, 19);
  if (n == 0 || n > 18) return 0;
  return starts(s, i + n, "号") ? i + n + 3 : 0;
}

// Start of the organ code before `i`: Han characters and ASCII letters,
// at most 40 characters, one space allowed before the bracket.
std::size_t prefix_before(std::string_view s, std::size_t i) {
  if (i > 0 && s[i - 1] == ' ') --i;
  std::size_t start = i, chars = 0;
  while (start > 0 && chars < 40) {
    std::size_t k = start - 1;
    while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    std::size_t len;
    char32_t c = decode_at(s, k, &len);
    bool letter = (c < 0x80 && std::isalpha(static_cast<int>(c))) || is_han(c);
    if (!letter) break;
    start = k;
    ++chars;
  }
  return start;
}

// Words that end the sentence before an organ code: 根据国发〔…〕 -> 国发.
std::size_t trim_prefix(std::string_view prefix) {
  static const char* const lead_words[] = {"根据", "按照", "依据", "参照", "依照", "落实", "贯彻", "执行", "印发",
                                           "转发", "以及", "和",   "及",   "与",   "的",   "见",   "即",   "是",
                                           "关于", "进一步", "做好", "原",   "对",   "将",   "经"};
  // Organ codes are short: look at the last 10 characters at most.
  std::size_t chars = 0, skip = prefix.size();
  while (skip > 0 && chars < 10) {
    --skip;
    while (skip > 0 && (static_cast<unsigned char>(prefix[skip]) & 0xC0) == 0x80) --skip;
    ++chars;
  }
  // A title's 文种 ends it: 的通知楚政通 -> 楚政通 (a title joined to the
  // number line below it).
  for (std::string_view g : {"通知", "意见", "决定", "通报", "批复", "决议", "报告", "公告", "通告", "办法", "规定", "方案"}) {
    std::size_t at = prefix.rfind(g);
    if (at != std::string_view::npos && at >= skip && prefix.size() - (at + g.size()) >= 6) skip = at + g.size();
  }
  bool again = true;
  while (again) {
    again = false;
    for (const char* w : lead_words) {
      std::string_view wv(w);
      std::string_view rest = prefix.substr(skip);
      if (rest.size() > wv.size() + 3 && rest.substr(0, wv.size()) == wv) {
        skip += wv.size();
        again = true;
      }
    }
  }
  return skip;
}

#if defined(GAZETTE_REFS_AVX2)
// Thirty-two positions at a time; stops where fewer than 34 bytes remain.
__attribute__((target("avx2"))) std::size_t open_bracket_avx2(const char* p, std::size_t i, std::size_t n,
                                                                bool* found) {
  const __m256i square = _mm256_set1_epi8('['), e3 = _mm256_set1_epi8(static_cast<char>(0xE3)),
                x80 = _mm256_set1_epi8(static_cast<char>(0x80)), x94 = _mm256_set1_epi8(static_cast<char>(0x94)),
                x90 = _mm256_set1_epi8(static_cast<char>(0x90));
  for (; i + 34 <= n; i += 32) {
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 1));
    __m256i v2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 2));
    __m256i cjk = _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(v, e3), _mm256_cmpeq_epi8(v1, x80)),
                                   _mm256_or_si256(_mm256_cmpeq_epi8(v2, x94), _mm256_cmpeq_epi8(v2, x90)));
    auto mask = static_cast<unsigned>(_mm256_movemask_epi8(_mm256_or_si256(cjk, _mm256_cmpeq_epi8(v, square))));
    if (mask) {
      *found = true;
      return i + static_cast<std::size_t>(__builtin_ctz(mask));
    }
  }
  return i;
}
#endif

// The first 〔, 【 or [ in s at or after i, or npos.
std::size_t next_open_bracket(std::string_view s, std::size_t i) {
  const char* p = s.data();
#if defined(GAZETTE_REFS_AVX2)
  if (use_avx2()) {
    bool found = false;
    i = open_bracket_avx2(p, i, s.size(), &found);
    if (found) return i;
  }
#endif
#if defined(__SSE2__)
  const __m128i square = _mm_set1_epi8('['), e3 = _mm_set1_epi8(static_cast<char>(0xE3)),
                x80 = _mm_set1_epi8(static_cast<char>(0x80)), x94 = _mm_set1_epi8(static_cast<char>(0x94)),
                x90 = _mm_set1_epi8(static_cast<char>(0x90));
  while (i + 18 <= s.size()) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    __m128i v1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    __m128i v2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 2));
    __m128i cjk = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(v, e3), _mm_cmpeq_epi8(v1, x80)),
                                _mm_or_si128(_mm_cmpeq_epi8(v2, x94), _mm_cmpeq_epi8(v2, x90)));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(cjk, _mm_cmpeq_epi8(v, square))));
    if (mask) return i + static_cast<std::size_t>(__builtin_ctz(mask));
    i += 16;
  }
#endif
  for (; i < s.size(); ++i) {
    if (s[i] == '[') return i;
    if (static_cast<unsigned char>(s[i]) == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0x94 || static_cast<unsigned char>(s[i + 2]) == 0x90))
      return i;
  }
  return std::string_view::npos;
}

}  // namespace

std::vector<Reference> find_references(const Stream& stream, std::string_view own_number) {
  std::vector<Reference> refs;
  std::unordered_set<std::string> seen;
  std::string own = squeeze(fold(own_number));
  std::string_view s = stream.str();
  // One pass over the brackets (a literal scan), parsing around each.
  std::size_t last_end = 0;  // a prefix never reaches into the previous number
  // The opening brackets 〔 (E3 80 94), 【 (E3 80 90) and [ found in one
  // pass, sixteen positions at a time.
  for (std::size_t at = next_open_bracket(s, 0); at != std::string_view::npos; at = next_open_bracket(s, at + 1)) {
    std::size_t end = number_after(s, at);
    std::size_t pend = at > 0 && s[at - 1] == ' ' ? at - 1 : at;
    std::size_t pstart = std::max(prefix_before(s, at), last_end);
    if (end == 0 || pstart >= pend) {
      // No code before the bracket, or no serial after it: the year-first
      // form, 〔1996〕武司字第82号, perhaps after its organ's name
      // (司法部〔1995〕司发通字第12号: the number starts at the bracket).
      if ((end = year_first_after(s, at)) == 0) continue;
      pstart = at;
      last_end = end;
    } else {
      last_end = end;
      std::string_view prefix(s.data() + pstart, pend - pstart);
      pstart += trim_prefix(prefix);
    }
    at = end - 1;
    std::string key = squeeze(std::string_view(s.data() + pstart, end - pstart));
    bool is_own = !own.empty() && key.size() >= own.size() && key.compare(key.size() - own.size(), own.size(), own) == 0;
    if (is_own || !seen.insert(key).second) continue;
    Reference r;
    r.number = stream.original(pstart, end);
    r.line = stream.line_number(pstart);
    // The 《》 title just before: skip spaces and one opening parenthesis.
    std::size_t k = pstart;
    while (k > 0 && s[k - 1] == ' ') --k;
    if (k > 0 && s[k - 1] == '(') --k;
    while (k > 0 && s[k - 1] == ' ') --k;
    static const std::string close = "》", open = "《";
    if (k >= close.size() && s.compare(k - close.size(), close.size(), close) == 0) {
      std::size_t title_end = k - close.size();
      int depth = 1;
      std::size_t j = title_end;
      constexpr std::size_t kMaxTitle = 1200;  // bytes; titles are far shorter
      while (j > 0 && title_end - j < kMaxTitle) {
        if (j >= 3 && s.compare(j - 3, 3, close) == 0) ++depth, j -= 3;
        else if (j >= 3 && s.compare(j - 3, 3, open) == 0) {
          if (--depth == 0) {
            r.title = stream.original(j, title_end);
            break;
          }
          j -= 3;
        } else {
          --j;
        }
      }
    }
    refs.push_back(std::move(r));
  }
  return refs;
}

}  // namespace gazette
