// Stage 11, key dates: when a document takes effect, until when it holds,
// when it was printed.
#include "gazette/key_dates.h"

#include <algorithm>
#include <string>
#include <tuple>

#include "gazette/dates.h"

namespace gazette {
namespace {

constexpr std::string_view kRi = "日起";

bool plausible(const Ymd& d) { return d.year >= 1949 && d.year <= 2100; }

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// s[b, ...) moved forward to a character boundary.
std::size_t char_start(std::string_view s, std::size_t b) {
  while (b < s.size() && is_continuation(s[b])) ++b;
  return b;
}

std::size_t skip_spaces(std::string_view s, std::size_t i) {
  while (i < s.size() && s[i] == ' ') ++i;
  return i;
}

bool at(std::string_view s, std::size_t i, std::string_view word) { return s.substr(i, word.size()) == word; }

// The clause as printed: wrap spaces out, or for a line of its own (the
// colophon) each run of spaces made one.
KeyDate make(const Stream& st, std::string kind, std::optional<Ymd> date, std::size_t b, std::size_t e,
             bool own_line = false) {
  KeyDate k;
  k.kind = std::move(kind);
  if (date) k.date = iso(*date);
  if (own_line) {
    k.text = collapse_spaces(st.original(b, e));
  } else {
    k.text = remove_wrap_spaces(st.original(b, e));
  }
  k.line = st.line_number(b);
  return k;
}

// 自2023年3月1日起施行 / 2023年3月1日起正式实施 / 自印发之日起执行: `ri` is
// the offset of 日起.
std::optional<KeyDate> effective_at(const Stream& st, std::size_t ri) {
  std::string_view s = st.str();
  std::size_t v = skip_spaces(s, ri + kRi.size());
  if (at(s, v, "正式")) v = skip_spaces(s, v + 6);
  bool verb = false;
  for (std::string_view w : {"施行", "执行", "实施", "生效", "试行"}) verb = verb || at(s, v, w);
  if (!verb) return std::nullopt;
  std::size_t end = v + 6;
  // 2018年5月1日起施行的《…》同时废止: an attribute of another text.
  if (at(s, skip_spaces(s, end), "的")) return std::nullopt;
  // Back to 自, at most 20 characters before: the clause's start.
  std::size_t window = char_start(s, ri > 60 ? ri - 60 : 0);
  std::string_view before = s.substr(window, ri - window);
  std::size_t zi = before.rfind("自");
  if (ri >= 3 && s.substr(ri - 3, 3) == "之") {
    // 自印发之日起: the event is a few characters (印发, 发布, 公布, 签署).
    if (zi == std::string_view::npos || ri - (window + zi) > 3 + 8 * 3) return std::nullopt;
    return make(st, "effective", std::nullopt, window + zi, end);
  }
  // A date ending at 日, right after 自 ...
  std::size_t used = 0;
  if (zi != std::string_view::npos) {
    std::size_t from = skip_spaces(s, window + zi + 3);
    auto d = date_prefix(s.substr(from, ri + 3 - from), &used);
    if (d && from + used == ri + 3) {
      if (!plausible(*d)) return std::nullopt;
      return make(st, "effective", d, window + zi, end);
    }
  }
  // ... or from the year's first numeral (本办法2024年1月1日起施行; a 自
  // found before belongs to an earlier clause).
  std::size_t year = before.rfind("年");
  if (year == std::string_view::npos) return std::nullopt;
  std::size_t from = window + year;
  for (int n = 0; n < 4 && from > window;) {
    std::size_t prev = from - 1;
    while (prev > window && is_continuation(s[prev])) --prev;
    std::size_t len;
    char32_t c = decode_at(s, prev, &len);
    if (c == ' ') {
      from = prev;
      continue;
    }
    if (std::u32string_view(U"0123456789〇零○一二三四五六七八九").find(c) == std::u32string_view::npos) break;
    from = prev, ++n;
  }
  from = skip_spaces(s, from);
  auto d = date_prefix(s.substr(from, ri + 3 - from), &used);
  if (!d || from + used != ri + 3 || !plausible(*d)) return std::nullopt;
  return make(st, "effective", d, from, end);
}

// What follows 有效期: (为) (自 D (起)) 至 D (止), or a span (3年, 五年,
// 两年, 6个月). By hand over date_prefix: a regex with the Chinese date
// classes cost more to compile (~1.7 M instructions, every process) than
// all the matching here.
void validity_at(const Stream& st, std::size_t p, std::vector<KeyDate>& out) {
  std::string_view s = st.str();
  std::size_t i = skip_spaces(s, p + std::string_view("有效期").size());
  if (at(s, i, "为") || at(s, i, "是")) i = skip_spaces(s, i + 3);
  std::size_t used = 0;
  std::optional<Ymd> from;
  if (at(s, i, "自") || at(s, i, "从")) {
    std::size_t j = skip_spaces(s, i + 3);
    from = date_prefix(s.substr(j), &used);
    if (from) {
      i = skip_spaces(s, j + used);
      if (at(s, i, "起")) i = skip_spaces(s, i + 3);
    }
  }
  for (std::string_view until : {"至", "到", "截至", "截止"}) {
    if (!at(s, i, until)) continue;
    std::size_t j = skip_spaces(s, i + until.size());
    auto to = date_prefix(s.substr(j), &used);
    if (!to) return;
    std::size_t end = j + used;
    if (std::size_t k = skip_spaces(s, end); at(s, k, "止")) end = k + 3;
    if (from && plausible(*from)) out.push_back(make(st, "effective", from, p, end));
    if (plausible(*to)) out.push_back(make(st, "expires", to, p, end));
    return;
  }
  if (from) return;
  // A span: one to three numerals, then 年 or 个月.
  std::size_t j = i;
  for (int n = 0; n < 3 && j < s.size(); ++n) {
    std::size_t len;
    char32_t c = decode_at(s, j, &len);
    if (std::u32string_view(U"0123456789一二三四五六七八九十两").find(c) == std::u32string_view::npos) break;
    j += len;
  }
  if (j == i) return;
  std::size_t k = skip_spaces(s, j);
  std::size_t end = at(s, k, "年") ? k + 3 : at(s, k, "个月") ? k + 6 : 0;
  if (end) out.push_back(make(st, "expires", std::nullopt, p, end));
}

}  // namespace

std::vector<KeyDate> find_key_dates(const Stream& body) {
  std::vector<KeyDate> out;
  std::string_view s = body.str();
  // 日起 (an effective date) and 有效期 (a validity), in one pass.
  constexpr std::string_view kValid = "有效期";
  for (auto [p, which] = find_either(s, kRi, kValid); p != std::string_view::npos;) {
    if (which == 0) {
      if (auto k = effective_at(body, p)) out.push_back(std::move(*k));
    } else {
      validity_at(body, p, out);
    }
    std::tie(p, which) = find_either(s, kRi, kValid, p + (which == 0 ? kRi.size() : kValid.size()));
  }
  // The colophon: a short line ending in 印发 with a date before it.
  const Text& text = body.text();
  for (std::size_t k = body.first_line(); k < body.end_line(); ++k) {
    std::string_view n = text.lines[k].norm;
    if (n.size() < 6 || n.size() > 150 || n.substr(n.size() - 6) != "印发") continue;
    std::string_view rest = n.substr(0, n.size() - 6);
    while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
    auto d = signature_date(rest);
    if (!d || !plausible(*d)) continue;
    std::size_t b = static_cast<std::size_t>(n.data() - s.data()), e = b + n.size();
    // The date alone: the printing organ was set apart on the line above
    // (某某省财政局办公室 / 2023年3月2日印发, as a PDF extractor leaves it).
    if (parse_date(rest))  // printing_date(n), with rest at hand
      for (std::size_t j = k; j > body.first_line();) {
        std::string_view up = text.lines[--j].norm;
        if (up.empty()) continue;
        if (up.size() <= 90 && up.find(' ') == std::string_view::npos && ends_in_organ_word(up))
          b = static_cast<std::size_t>(up.data() - s.data());
        break;
      }
    out.push_back(make(body, "printed", d, b, e, /*own_line=*/true));
  }
  std::stable_sort(out.begin(), out.end(), [](const KeyDate& a, const KeyDate& b) { return a.line < b.line; });
  return out;
}

}  // namespace gazette
