// gazette/numbers.h — 发文字号 (document numbers) and Chinese numerals.
//
// GB/T 9704-2012 §7.2.5 prints a number as organ code + year in 六角括号 +
// serial + 号: 楚政通〔2022〕61号. Real texts also use [ ] ( ) 【】 for the
// brackets and the 国令第707号 form without a year; all are recognised, and
// gazette-check reports the non-standard ones.
//
//   auto n = gazette::parse_number("楚政办通〔2022〕59号");
//   n->prefix == "楚政办通"; *n->year == 2022; *n->serial == 59
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "gazette/model.h"

namespace gazette {

// Parses a whole string (normalised, spaces allowed) as one document number.
std::optional<DocNumber> parse_number(std::string_view s);

// Finds a number standing alone on a normalised line, optionally wrapped in
// parentheses: "楚政通〔2022〕61号", "（皖政办秘〔2021〕82号）".
std::optional<DocNumber> standalone_number(std::string_view norm_line);

// An order's number printed apart from its title: 中华人民共和国国务院令 /
// 第752号. `title` must end in 令 (or be an organ's 公告/通告) and
// `serial_text` read 第N号, or with the year 2023年第5号 or 〔2023〕第5号
// (parenthesised or not); the number's text is the two joined
// ("中华人民共和国国务院令第752号", "国家税务总局公告2023年第1号"), its prefix
// the title. parse_number reads the joined form on one line.
// The byte length of the genre ending a title numbered 第N号 on its own
// (an order's 令, an organ's 公告/通告), or 0: order_number and issuers_of
// share this one list.
std::size_t numbered_genre(std::string_view title);
std::optional<DocNumber> order_number(std::string_view title, std::string_view serial_text);

// Value of a Chinese numeral: 二〇二二 (digit by digit) -> 2022, 二十六 -> 26,
// 三十 -> 30, 十 -> 10, 一百零五 -> 105. Arabic digits pass through.
// Returns nullopt for anything else or values that overflow.
std::optional<std::int64_t> chinese_number(std::string_view s);

}  // namespace gazette
