// Stage 1, decode: UTF-8 validation and the binary check, the one part of
// decoding that reads every byte of every input.
//
// Three levels, fastest first: an AVX2 check of the whole buffer (32 bytes a
// step, no branch per character; the lookup-table method of Keiser and
// Lemire, "Validating UTF-8 In Less Than One Instruction Per Byte", 2021),
// used where the CPU has AVX2 and the answer is "all is well"; an SSE2/scalar
// scan (16 ASCII bytes or five CJK characters a step) that finds the offset
// of the first problem; and the plain rules inside it. unit test
// decode_test.cpp compares all three with a plain reference.
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define GAZETTE_HAVE_AVX2_PATH 1
#endif

#include "cpu.h"
#include "gazette/decode.h"

namespace gazette {

namespace {

// A control byte that never occurs in text: NUL and the C0 controls other
// than \t \n \v \f \r.
bool is_binary_byte(unsigned char c) { return c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v'; }

#if defined(__SSE2__)
// Sixteen bytes holding five three-byte characters led by E1..EC or EE..EF
// (most Chinese text). E0 and ED, whose second bytes are narrower, and
// anything else go to the scalar rules. The sixteenth byte is not looked at.
bool five_plain_cjk(const unsigned char* p) {
  const __m128i mask = _mm_setr_epi8(-16, -64, -64, -16, -64, -64, -16, -64, -64, -16, -64, -64, -16, -64, -64, 0);
  const __m128i want = _mm_setr_epi8(-32, -128, -128, -32, -128, -128, -32, -128, -128, -32, -128, -128, -32, -128, -128, 0);
  const __m128i e0 = _mm_setr_epi8(-32, 0, 0, -32, 0, 0, -32, 0, 0, -32, 0, 0, -32, 0, 0, 0);
  const __m128i ed = _mm_setr_epi8(-19, 0, 0, -19, 0, 0, -19, 0, 0, -19, 0, 0, -19, 0, 0, 0);
  __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, mask), want)) != 0xFFFF) return false;
  // Continuation positions hold 80..BF here, never the 00 of e0/ed.
  return _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, e0), _mm_cmpeq_epi8(v, ed))) == 0;
}

// Sixteen ASCII bytes, none of them a control byte (with_controls: none
// below 0x20 at all; the scalar rules then sort out \n and the others).
template <bool with_controls>
bool sixteen_ascii(const unsigned char* p) {
  __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  if (_mm_movemask_epi8(v) != 0) return false;
  if constexpr (with_controls) {
    // v <= 0x1F (unsigned) where min(v, 0x1F) == v.
    __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
    return _mm_movemask_epi8(low) == 0;
  }
  return true;
}
#else
bool five_plain_cjk(const unsigned char* p) {
  for (int k = 0; k < 15; k += 3) {
    unsigned char lead = p[k];
    if ((lead & 0xF0) != 0xE0 || lead == 0xE0 || lead == 0xED || (p[k + 1] & 0xC0) != 0x80 || (p[k + 2] & 0xC0) != 0x80)
      return false;
  }
  return true;
}

template <bool with_controls>
bool sixteen_ascii(const unsigned char* p) {
  for (int k = 0; k < 16; ++k)
    if (p[k] >= 0x80 || (with_controls && p[k] < 0x20)) return false;
  return true;
}
#endif

// One pass over `s`: the first byte that is not well-formed UTF-8 (no
// overlongs, no surrogates) or, with_controls, that is a binary control byte.
template <bool with_controls>
Utf8Problem scan(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    if (i + 16 <= n) {
      if (sixteen_ascii<with_controls>(p + i)) {
        i += 16;
        continue;
      }
      if (five_plain_cjk(p + i)) {
        i += 15;
        continue;
      }
    }
    unsigned char c = p[i];
    if (c < 0x80) {
      if (with_controls && is_binary_byte(c)) return {Utf8Problem::control, i};
      ++i;
      continue;
    }
    std::size_t len;
    char32_t min;
    char32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = c & 0x07;
    } else {
      return {Utf8Problem::invalid, i};
    }
    if (i + len > n) return {Utf8Problem::invalid, i};
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return {Utf8Problem::invalid, i};
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {Utf8Problem::invalid, i};
    i += len;
  }
  return {Utf8Problem::none, n};
}


#if defined(GAZETTE_HAVE_AVX2_PATH)
// Error classes of a byte pair (previous byte, this byte), one bit each. A
// pair is wrong when the three table lookups (previous byte's high nibble,
// its low nibble, this byte's high nibble) share a bit; where a third or
// fourth byte of a sequence must be a continuation, TWO_CONTS is expected
// instead and flipped.
constexpr std::uint8_t kTooShort = 1 << 0;   // lead, then no continuation
constexpr std::uint8_t kTooLong = 1 << 1;    // ASCII, then a continuation
constexpr std::uint8_t kOverlong3 = 1 << 2;  // E0 80..9F
constexpr std::uint8_t kTooLarge = 1 << 3;   // F4 90.., F5..FF
constexpr std::uint8_t kSurrogate = 1 << 4;  // ED A0..BF
constexpr std::uint8_t kOverlong2 = 1 << 5;  // C0, C1
constexpr std::uint8_t kTooLarge1000 = 1 << 6;  // F5..FF 80..8F
constexpr std::uint8_t kOverlong4 = 1 << 6;     // F0 80..8F
constexpr std::uint8_t kTwoConts = 1 << 7;      // continuation, continuation
constexpr std::uint8_t kCarry = kTooShort | kTooLong | kTwoConts;

#define GZ_T(x) static_cast<char>(x)
#define GZ_TABLE(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p)                                                 \
  _mm256_setr_epi8(GZ_T(a), GZ_T(b), GZ_T(c), GZ_T(d), GZ_T(e), GZ_T(f), GZ_T(g), GZ_T(h), GZ_T(i), GZ_T(j),    \
                   GZ_T(k), GZ_T(l), GZ_T(m), GZ_T(n), GZ_T(o), GZ_T(p), GZ_T(a), GZ_T(b), GZ_T(c), GZ_T(d),    \
                   GZ_T(e), GZ_T(f), GZ_T(g), GZ_T(h), GZ_T(i), GZ_T(j), GZ_T(k), GZ_T(l), GZ_T(m), GZ_T(n),    \
                   GZ_T(o), GZ_T(p))

// (set by clean_avx2: member initialisers would compile without AVX2)
struct Avx2State {
  __m256i error;
  __m256i previous;
  __m256i incomplete;  // sequences the last block left open
};

__attribute__((target("avx2"))) inline __m256i high_nibbles(__m256i v) {
  return _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(0x0F));
}

__attribute__((target("avx2"))) void step_avx2(Avx2State& st, __m256i in) {
  // Binary: bytes below 0x20 other than \t \n \v \f \r (09..0D).
  __m256i low = _mm256_cmpeq_epi8(_mm256_min_epu8(in, _mm256_set1_epi8(0x1F)), in);
  __m256i from9 = _mm256_sub_epi8(in, _mm256_set1_epi8(9));
  __m256i spacing = _mm256_cmpeq_epi8(_mm256_min_epu8(from9, _mm256_set1_epi8(4)), from9);
  st.error = _mm256_or_si256(st.error, _mm256_andnot_si256(spacing, low));

  if (_mm256_movemask_epi8(in) == 0) {  // all ASCII: only an open sequence can be wrong
    st.error = _mm256_or_si256(st.error, st.incomplete);
    st.previous = in;
    st.incomplete = _mm256_setzero_si256();
    return;
  }
  // The bytes 1, 2 and 3 places back, across the block boundary.
  __m256i carried = _mm256_permute2x128_si256(st.previous, in, 0x21);
  __m256i prev1 = _mm256_alignr_epi8(in, carried, 15);
  __m256i prev2 = _mm256_alignr_epi8(in, carried, 14);
  __m256i prev3 = _mm256_alignr_epi8(in, carried, 13);

  const __m256i byte1_high = GZ_TABLE(kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,
                                      kTwoConts, kTwoConts, kTwoConts, kTwoConts, kTooShort | kOverlong2, kTooShort,
                                      kTooShort | kOverlong3 | kSurrogate,
                                      kTooShort | kTooLarge | kTooLarge1000 | kOverlong4);
  const __m256i byte1_low = GZ_TABLE(kCarry | kOverlong3 | kOverlong2 | kOverlong4, kCarry | kOverlong2, kCarry, kCarry,
                                     kCarry | kTooLarge, kCarry | kTooLarge | kTooLarge1000,
                                     kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
                                     kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
                                     kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000,
                                     kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000 | kSurrogate,
                                     kCarry | kTooLarge | kTooLarge1000, kCarry | kTooLarge | kTooLarge1000);
  const __m256i byte2_high = GZ_TABLE(kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,
                                      kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4,
                                      kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge,
                                      kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,
                                      kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge, kTooShort, kTooShort,
                                      kTooShort, kTooShort);
  __m256i special = _mm256_and_si256(
      _mm256_and_si256(_mm256_shuffle_epi8(byte1_high, high_nibbles(prev1)),
                       _mm256_shuffle_epi8(byte1_low, _mm256_and_si256(prev1, _mm256_set1_epi8(0x0F)))),
      _mm256_shuffle_epi8(byte2_high, high_nibbles(in)));
  // Third bytes (two after E0..EF) and fourth bytes (three after F0..FF)
  // must be continuations: there the pair check says TWO_CONTS, expected.
  __m256i third = _mm256_subs_epu8(prev2, _mm256_set1_epi8(static_cast<char>(0xE0 - 0x80)));
  __m256i fourth = _mm256_subs_epu8(prev3, _mm256_set1_epi8(static_cast<char>(0xF0 - 0x80)));
  __m256i must = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8(static_cast<char>(0x80)));
  st.error = _mm256_or_si256(st.error, _mm256_xor_si256(must, special));
  // A lead in the last three bytes whose sequence does not fit.
  const __m256i max = _mm256_setr_epi8(GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF),
                                       GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF),
                                       GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF),
                                       GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF),
                                       GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xFF), GZ_T(0xF0 - 1),
                                       GZ_T(0xE0 - 1), GZ_T(0xC0 - 1));
  st.incomplete = _mm256_subs_epu8(in, max);
  st.previous = in;
}
#undef GZ_TABLE
#undef GZ_T

// True when all of p[0, n) is well-formed UTF-8 holding no binary control
// byte. The last partial block is padded with spaces (valid, not control).
__attribute__((target("avx2"))) bool clean_avx2(const unsigned char* p, std::size_t n) {
  Avx2State st;
  st.error = st.previous = st.incomplete = _mm256_setzero_si256();
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) step_avx2(st, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i)));
  if (i < n) {
    unsigned char tail[32];
    std::memset(tail, ' ', sizeof tail);
    std::memcpy(tail, p + i, n - i);
    step_avx2(st, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(tail)));
  }
  st.error = _mm256_or_si256(st.error, st.incomplete);
  return _mm256_testz_si256(st.error, st.error) != 0;
}
#endif

}  // namespace

bool utf8_text_is_clean(std::string_view s) {
#if defined(GAZETTE_HAVE_AVX2_PATH)
  if (use_avx2()) return clean_avx2(reinterpret_cast<const unsigned char*>(s.data()), s.size());
#endif
  return scan<true>(s).kind == Utf8Problem::none;
}

Utf8Problem find_utf8_problem(std::string_view s) {
  // Most inputs are clean: say so at AVX2 speed, and look for where the
  // problem is only when there is one.
  if (utf8_text_is_clean(s)) return {Utf8Problem::none, s.size()};
  return scan<true>(s);
}

std::size_t first_binary_byte(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    // Skip eight bytes at once when none is below 0x20 (SWAR test).
    if (i + 8 <= s.size()) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (((w - 0x2020202020202020ULL) & ~w & 0x8080808080808080ULL) == 0) {
        i += 7;
        continue;
      }
    }
    if (is_binary_byte(static_cast<unsigned char>(s[i]))) return i;
  }
  return s.size();
}

bool is_valid_utf8(std::string_view s, std::size_t* error_offset) {
  Utf8Problem r = scan<false>(s);
  if (r.kind == Utf8Problem::none) return true;
  if (error_offset) *error_offset = r.offset;
  return false;
}


}  // namespace gazette
