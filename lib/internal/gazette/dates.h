// gazette/dates.h — dates as gazettes print them, to ISO 8601.
//
// Arabic (2022年8月30日) and Chinese-numeral (二〇〇四年六月二十六日,
// 一九八一年五月二十三日) forms; spaces inside are ignored. Impossible dates
// (2022年13月45日, 2023年2月29日) are not dates.
//
//   gazette::parse_date("二〇〇四年六月二十六日")  -> "2004-06-26"
//   gazette::is_valid_date(2023, 2, 29)            -> false
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gazette {

struct Ymd {
  int year = 0, month = 0, day = 0;
};

bool is_valid_date(int year, int month, int day);
std::string iso(const Ymd& d);                 // "2022-08-30"
std::string iso_month(int year, int month);    // "2022-12"

// The whole (normalised) string must be one date; spaces are ignored.
std::optional<Ymd> parse_date(std::string_view s);

// A date at the very start of `s`; *consumed gets its byte length.
std::optional<Ymd> date_prefix(std::string_view s, std::size_t* consumed);

// A date alone on its (normalised) line, or after the organ on a short
// signature line: 楚雄州人民政府办公室 2022年8月30日 (*organ gets the organ,
// when there is one). Year digits may be 〇 零 ○ or a Latin O (二O二三年).
std::optional<Ymd> signature_date(std::string_view norm, std::string* organ = nullptr);

// A date in parentheses on a line of its own, as gazettes print a
// document's date under its title: (2023年1月2日). Normalised line.
std::optional<Ymd> bracketed_date(std::string_view norm);

// The colophon's date on a line of its own, as a PDF extractor leaves it
// when it sets the printing organ apart: 2023年3月2日印发.
std::optional<Ymd> printing_date(std::string_view norm);

}  // namespace gazette
