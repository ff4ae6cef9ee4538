// 发文字号 and Chinese numerals.
#include "gazette/numbers.h"

#include <re2/re2.h>

#include <cstring>
#include <string>

#include "gazette/text.h"

namespace gazette {
namespace {

// prefix, open bracket, year, close bracket, 第?, serial, 号
const RE2& number_re() {
  // Lenient on purpose: a 2-digit year or a missing 号 is still a number
  // (gazette-check reports the malformed form; segmentation still anchors).
  static const RE2 re(R"(^([\p{Han}A-Za-z]+)\s*(?:〔|\[|\(|【|〈)\s*(\d{2,4})\s*(?:〕|\]|\)|】|〉)\s*第?\s*(\d+)\s*号?$)");
  return re;
}
// The older form with the year first (before GB/T 9704-1999 fixed the
// order): 〔1996〕武司字第82号, (87)国函字1号. 号 is required; the organ
// code is two to twelve characters, not opening with 第 or 年 ((2022)年度
// 第5号 is a year's fifth, not a number).
const RE2& year_first_re() {
  static const RE2 re(R"(^(?:〔|\[|\(|【)\s*(\d{2,4})\s*(?:〕|\]|\)|】)\s*([\p{Han}A-Za-z]{2,12}?)\s*第?\s*(\d+)\s*号$)");
  return re;
}
const RE2& order_re() {  // 国令第707号, 国务院令第708号
  static const RE2 re(R"(^([\p{Han}]+令)\s*第\s*(\d+)\s*号$)");
  return re;
}

// An order or an announcement numbered by the year: 国家税务总局公告2023年第1号,
// 农业农村部令2023年第1号, 财政部 税务总局公告2023年第5号 (a joint one).
const RE2& yearly_serial_re() {
  static const RE2 re(R"(^([\p{Han}][\p{Han} ]*?(?:令|公告|通告))\s*(\d{4})\s*年\s*第\s*(\d+)\s*号$)");
  return re;
}

std::optional<std::int64_t> to_int(const std::string& digits) {
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  return std::stoll(digits);
}

}  // namespace

namespace {

// Does s hold an opening bracket number_re() accepts: 〔 [ ( 【 〈?
bool has_open_bracket(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == '[' || c == '(') return true;
    if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80) {
      auto d = static_cast<unsigned char>(s[i + 2]);
      if (d == 0x94 || d == 0x90 || d == 0x88) return true;
    }
  }
  return false;
}

}  // namespace

std::optional<DocNumber> parse_number(std::string_view s) {
  // Cheap refusals first: this runs on every line of a body.
  if (s.size() > 160 || s.size() < 6) return std::nullopt;
  std::string prefix, year, serial;
  DocNumber n;
  if (has_open_bracket(s) && RE2::FullMatch(s, number_re(), &prefix, &year, &serial) && count_chars(prefix) <= 20 &&
      serial.size() <= 20) {
    n.text = std::string(s);
    n.prefix = prefix;
    n.year = static_cast<int>(std::stoi(year));
    n.serial = to_int(serial);
    return n;
  }
  if ((s[0] == '[' || s[0] == '(' || s.rfind("〔", 0) == 0 || s.rfind("【", 0) == 0) &&
      RE2::FullMatch(s, year_first_re(), &year, &prefix, &serial) && prefix.rfind("第", 0) != 0 &&
      prefix.rfind("年", 0) != 0 && serial.size() <= 20) {
    n.text = std::string(s);
    n.prefix = prefix;
    n.year = static_cast<int>(std::stoi(year));
    n.serial = to_int(serial);
    return n;
  }
  if (s.find("令") != std::string_view::npos && RE2::FullMatch(s, order_re(), &prefix, &serial) &&
      count_chars(prefix) <= 20 && serial.size() <= 20) {
    n.text = std::string(s);
    n.prefix = prefix;
    n.serial = to_int(serial);
    return n;
  }
  if (s.size() > 12 && s.compare(s.size() - 3, 3, "号") == 0 && s.find("年") != std::string_view::npos &&
      RE2::FullMatch(s, yearly_serial_re(), &prefix, &year, &serial) &&
      count_chars(prefix) <= 40 && serial.size() <= 20) {
    n.text = std::string(s);
    n.prefix = squeeze(prefix);
    n.year = static_cast<int>(std::stoi(year));
    n.serial = to_int(serial);
    return n;
  }
  return std::nullopt;
}

std::optional<DocNumber> standalone_number(std::string_view norm_line) {
  std::string_view s = norm_line;
  if (s.size() > 120 || s.size() < 6) return std::nullopt;
  // An upward document prints its signer on the number's line, on the
  // right (GB/T 9704-2012 §7.2.4): 某府文〔2023〕5号    签发人:张某某.
  // (Only a line with a space can hold one: memchr first, then the word.)
  if (static_cast<unsigned char>(s.back()) != 0x8F && s.size() > 12 &&  // 号 ends in 8F; a name, almost never
      std::memchr(s.data(), ' ', s.size())) {
    std::size_t signer = find_literal(s, "签发人");
    if (signer != std::string_view::npos && signer > 0 && s[signer - 1] == ' ') s = s.substr(0, signer);
  }
  if (s.front() == '(' && s.back() == ')') s = s.substr(1, s.size() - 2);
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  // Both number patterns end in 号 or in the serial's last digit (when 号
  // is missing): most lines are refused here, by their last character.
  bool ends_in_hao = s.size() >= 3 && s.compare(s.size() - 3, 3, "号") == 0;
  if (!ends_in_hao && !(!s.empty() && s.back() >= '0' && s.back() <= '9')) return std::nullopt;
  return parse_number(s);
}

std::size_t numbered_genre(std::string_view title) {
  for (std::string_view g : {"令", "公告", "通告"})
    if (title.size() > g.size() && title.substr(title.size() - g.size()) == g) return g.size();
  return 0;
}

std::optional<DocNumber> order_number(std::string_view title, std::string_view serial_text) {
  // 第5号, or with the year: 2023年第5号, 〔2023〕第5号, 〔2023〕5号; in
  // parentheses or not. A closing parenthesis only with an opening one, and
  // the other way round: (2023年第5号) and (2023)第5号, not 2023年第5号).
  static const RE2 serial_re(
      R"(^(\(?)\s*((?:(\d{4})\s*年\s*|(?:〔|\[|\(|【)\s*(\d{4})\s*(?:〕|\]|\)|】)\s*)?)(第?)\s*(\d{1,20})\s*号\s*(\)?)$)");
  // The cheap tests first: many body lines begin with 第 (第一条, 第二章).
  std::string open, year_part, year_printed, year_bracketed, di, digits, close;
  std::string_view tail = serial_text;
  while (!tail.empty() && tail.back() == ' ') tail.remove_suffix(1);
  if (tail.size() < 4 || tail.size() > 64 || !(tail.back() == ')' || tail.compare(tail.size() - 3, 3, "号") == 0))
    return std::nullopt;  // ends in 号 or ), or is none
  if (!RE2::FullMatch(serial_text, serial_re, &open, &year_part, &year_printed, &year_bracketed, &di, &digits, &close))
    return std::nullopt;
  if (year_part.empty() && di.empty()) return std::nullopt;  // 5号 alone: not an order's form
  if (open.empty() != close.empty()) return std::nullopt;
  while (!title.empty() && title.back() == ' ') title.remove_suffix(1);
  if (title.size() < 6 || title.size() > 200) return std::nullopt;
  // An order (…令), or an organ's 公告/通告 numbered the same way.
  std::size_t genre = numbered_genre(title);
  bool notice = genre == 6;
  if (!genre || (notice && title.size() < 12)) return std::nullopt;
  std::string t = squeeze(title);
  if (t.size() < 6 || count_chars(t) > 24) return std::nullopt;
  if (notice && !ends_in_organ_word(std::string_view(t).substr(0, t.size() - 6))) return std::nullopt;
  DocNumber n;
  n.prefix = t;
  n.serial = to_int(digits);
  // Joint organs keep the space between them, as cited (国家发展和改革委员会
  // 商务部令2022年第49号); any other space (a letter-spaced head) goes.
  std::string head;
  for (std::size_t i = 0; i < title.size();) {
    std::size_t sp = title.find(' ', i);
    std::string_view token = title.substr(i, sp == std::string_view::npos ? std::string_view::npos : sp - i);
    if (!token.empty()) {
      if (!head.empty()) {
        if (!ends_in_organ_word(head) || count_chars(token) < 2) {
          head = t;  // not organs apart: squeezed
          break;
        }
        head += ' ';
      }
      head.append(token);
    }
    if (sp == std::string_view::npos) break;
    i = sp + 1;
  }
  std::string year = squeeze(year_part);
  if (!year_printed.empty() || !year_bracketed.empty()) n.year = std::stoi(year_printed + year_bracketed);
  // The number as cited: the title, the year as printed, the serial.
  n.text = head + year + di + digits + "号";
  return n;
}

std::optional<std::int64_t> chinese_number(std::string_view s) {
  if (s.empty()) return std::nullopt;
  auto digit = [](char32_t c) -> int {
    switch (c) {
      case U'〇': case U'零': case U'○': case U'O': case U'0': return 0;
      case U'一': case U'1': return 1;
      case U'二': case U'两': case U'2': return 2;
      case U'三': case U'3': return 3;
      case U'四': case U'4': return 4;
      case U'五': case U'5': return 5;
      case U'六': case U'6': return 6;
      case U'七': case U'7': return 7;
      case U'八': case U'8': return 8;
      case U'九': case U'9': return 9;
      default: return -1;
    }
  };
  std::int64_t total = 0, section = 0, current = 0;
  bool any_unit = false, any = false;
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len;
    char32_t c = decode_at(s, i, &len);
    i += len;
    if (++count > 18) return std::nullopt;  // keeps int64 from overflowing
    int d = digit(c);
    if (d >= 0) {
      current = current * 10 + d;  // digit-by-digit years: 二〇二二
      any = true;
      continue;
    }
    std::int64_t unit = c == U'十' ? 10 : c == U'百' ? 100 : c == U'千' ? 1000 : c == U'万' ? 10000 : 0;
    if (unit == 0) return std::nullopt;
    any_unit = any = true;
    if (unit == 10000) {
      total += (section + current) * unit;
      section = current = 0;
    } else {
      section += (current == 0 ? 1 : current) * unit;
      current = 0;
    }
  }
  (void)any_unit;
  if (!any) return std::nullopt;
  return total + section + current;
}

}  // namespace gazette
