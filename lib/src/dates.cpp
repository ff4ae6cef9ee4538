// Dates: Arabic and Chinese-numeral 年月日 forms to ISO.
#include "gazette/dates.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include "gazette/numbers.h"
#include "gazette/text.h"

namespace gazette {
namespace {

const RE2& date_re() {
  static const RE2 re(
      R"(^([0-9〇零○O一二三四五六七八九]{4})年([0-9一二三四五六七八九十]{1,3})月([0-9一二三四五六七八九十]{1,3})日)");
  return re;
}

}  // namespace

bool is_valid_date(int y, int m, int d) {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max = days[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= max;
}

std::string iso(const Ymd& d) { return fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month, d.day); }
std::string iso_month(int y, int m) { return fmt::format("{:04d}-{:02d}", y, m); }

std::optional<Ymd> date_prefix(std::string_view s, std::size_t* consumed) {
  s = s.substr(0, 64);
  if (s.find("年") == std::string_view::npos) return std::nullopt;  // most lines tried are no dates
  std::string buf;
  std::string_view sq = squeeze(s, buf);
  re2::StringPiece in(sq);
  std::string y, m, d;
  if (!RE2::Consume(&in, date_re(), &y, &m, &d)) return std::nullopt;
  auto yy = chinese_number(y), mm = chinese_number(m), dd = chinese_number(d);
  if (!yy || !mm || !dd) return std::nullopt;
  Ymd out{static_cast<int>(*yy), static_cast<int>(*mm), static_cast<int>(*dd)};
  if (!is_valid_date(out.year, out.month, out.day)) return std::nullopt;
  if (consumed) {
    // Map the squeezed length back to `s` by walking non-space characters.
    std::size_t want = sq.size() - in.size(), got = 0, i = 0;
    while (i < s.size() && got < want) {
      std::size_t len;
      char32_t c = decode_at(s, i, &len);
      if (c != ' ') got += len;
      i += len;
    }
    *consumed = i;
  }
  return out;
}

std::optional<Ymd> bracketed_date(std::string_view norm) {
  while (!norm.empty() && norm.back() == ' ') norm.remove_suffix(1);
  if (norm.size() < 12 || norm.size() > 64 || norm.front() != '(' || norm.back() != ')') return std::nullopt;
  return parse_date(norm.substr(1, norm.size() - 2));
}

std::optional<Ymd> parse_date(std::string_view s) {
  if (find_literal(s, "日") == std::string_view::npos) return std::nullopt;  // a date ends with 日
  std::string buf;
  std::string_view sq = squeeze(s, buf);
  if (sq.size() > 64) return std::nullopt;
  std::size_t used = 0;
  auto d = date_prefix(sq, &used);
  if (!d || used != sq.size()) return std::nullopt;
  return d;
}

std::optional<Ymd> signature_date(std::string_view norm, std::string* organ_out) {
  if (auto d = parse_date(norm)) return d;
  if (count_chars(norm) > 40 || find_literal(norm, "年") == std::string_view::npos) return std::nullopt;
  // The organ is 2 to 30 Han characters, but \p{Han}{2,30} compiles to
  // thirty copies of the Han class (~3 ms at every process start). Match the
  // longest organ with +; only when that is over 30 can a shorter split be
  // the answer, and only then is the bounded form compiled and asked.
  static const RE2 re(R"(^(\p{Han}+)\s*([0-9〇零○O一二三四五六七八九十]{4}\s*年.*日)$)");
  std::string organ, date;
  if (!RE2::FullMatch(norm, re, &organ, &date)) return std::nullopt;
  std::size_t chars = count_chars(organ);
  if (chars < 2) return std::nullopt;
  if (chars > 30) {
    static const RE2 bounded(R"(^(\p{Han}{2,30})\s*([0-9〇零○O一二三四五六七八九十]{4}\s*年.*日)$)");
    if (!RE2::FullMatch(norm, bounded, &organ, &date)) return std::nullopt;
  }
  auto d = parse_date(date);
  if (d && organ_out) *organ_out = organ;
  return d;
}

std::optional<Ymd> printing_date(std::string_view norm) {
  constexpr std::string_view kPrinted = "印发";
  if (norm.size() < kPrinted.size() || norm.substr(norm.size() - kPrinted.size()) != kPrinted) return std::nullopt;
  return parse_date(norm.substr(0, norm.size() - kPrinted.size()));
}

}  // namespace gazette
