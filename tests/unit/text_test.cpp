#include <doctest/doctest.h>

#include <cctype>

#include "gazette/text.h"

using namespace gazette;

TEST_CASE("text: lines counted as grep -n counts, last line without newline") {
  Text t = split_lines("一\r\n\r\n三\r四\n五");
  REQUIRE(t.lines.size() == 5);
  CHECK(t.lines[0].number == 1);
  CHECK(t.lines[0].norm == "一");
  CHECK(t.lines[1].blank());
  CHECK(t.lines[2].norm == "三");
  CHECK(t.lines[3].norm == "四");
  CHECK(t.lines[4].norm == "五");
  CHECK(split_lines("a\n").lines.size() == 1);
}

TEST_CASE("text: folding full-width, indentation, and mapping back") {
  Text t = split_lines("\u3000\u3000（牵头单位：州市场监管局；责任单位：州司法局）");
  const Line& l = t.lines[0];
  CHECK(l.norm == "(牵头单位:州市场监管局;责任单位:州司法局)");
  // norm "(牵头单位" -> the original with its full-width parenthesis
  CHECK(l.original(0, 1) == "（");
  std::size_t b = l.norm.find("州市场监管局");
  CHECK(l.original(b, b + std::string("州市场监管局").size()) == "州市场监管局");
  CHECK(l.original(0, l.norm.size()) == "（牵头单位：州市场监管局；责任单位：州司法局）");
}

TEST_CASE("text: stream joins department names split over a page break") {
  // shared/corpus/chuxiong-2022-12.txt lines 231/233: 州社科 / 联配合)
  Text t = split_lines("(州科协牵头,州社科\n\n联、州农科院配合)");
  Stream s(t, 0, t.lines.size());
  CHECK(s.str() == "(州科协牵头,州社科联、州农科院配合)");
  std::size_t b = s.str().find("州社科联");
  CHECK(s.original(b, b + std::string("州社科联").size()) == "州社科联");
  CHECK(s.line_number(b) == 1);
  CHECK(s.line_number(s.str().size() - 1) == 3);
}

TEST_CASE("text: wrap spaces, squeeze and match keys") {
  CHECK(remove_wrap_spaces("楚雄州人民政府关于印发 楚雄州“十四五” 规划的通知") == "楚雄州人民政府关于印发楚雄州“十四五”规划的通知");
  CHECK(remove_wrap_spaces("几 个 问 题 的 通 知") == "几个问题的通知");
  CHECK(remove_wrap_spaces("COVID 19 防控") == "COVID 19防控");
  CHECK(squeeze("楚 政 通") == "楚政通");
  CHECK(match_key("加快对接〈区域全面经济伙伴关系协定〉（RCEP）") == match_key("加快对接《区域全面经济伙伴关系协定》(RCEP)"));
}

// The scans have fast paths (skipping whole CJK characters, searching for a
// needle's last byte); random texts built from the bytes that matter must
// give what a plain code-point-by-code-point reference gives.
namespace {

std::string random_text(std::uint32_t* seed, int pieces) {
  static const char* const pool[] = {"公", "报", "。", "、", "（", "）", "，", "\u3000", " ", "\t", "\r", "\n", "\r\n",
                                     "a", "1", "\u00a0", "\u2003", "\u200b", "\ufeff", "〔", "【", "[", "〕", "】", "]", "第一", "牵头",
                                     "\uff5e", "\uff5f", "\uff01", "\uff00", "一", "\u3001", "\u3000\u3000",
                                     "《", "》", "〈", "〉", "“", "”", "‘", "’", "\"", "'", "＂",
                                     "\u202f", "\u205f", "\u200d", "\u200e", "\u00b7", "—", "\u2060", "\u3001\u3002",
                                     "楚雄州人民政府办公室关于印发", "abcdefghijklmnopqrstuvwxyz", ";", "；"};
  std::string s;
  for (int k = 0; k < pieces; ++k) {
    *seed = *seed * 1103515245u + 12345u;
    s += pool[(*seed >> 16) % (sizeof pool / sizeof *pool)];
  }
  return s;
}

bool ref_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == 0x3000 || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x202F || c == 0x205F;
}

std::string ref_fold(std::string_view s) {
  std::string out;
  bool pending = false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len;
    char32_t c = decode_at(s, i, &len);
    i += len;
    if (ref_space(c)) { pending = true; continue; }
    if (c == 0xFEFF || c == 0x200B || c == 0x200C || c == 0x200D) continue;
    if (pending && !out.empty()) out += ' ';
    pending = false;
    append_utf8(out, c >= 0xFF01 && c <= 0xFF5E ? c - 0xFEE0 : c);
  }
  return out;
}

}  // namespace

namespace {

// Lines as a plain byte walk splits them: at LF, CRLF and a lone CR.
std::vector<std::string> reference_lines(const std::string& s) {
  std::vector<std::string> lines;
  std::string cur;
  bool open = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n' || s[i] == '\r') {
      lines.push_back(cur), cur.clear(), open = false;
      if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      cur += s[i], open = true;
    }
  }
  if (open) lines.push_back(cur);
  return lines;
}

}  // namespace

// Lines end where LF, CRLF or CR stand, whatever the bytes before them:
// broken sequences (a lead byte and a line end) must not swallow the end.
TEST_CASE("text: line ends are kept whatever bytes precede them") {
  static const unsigned char pool[] = {0xE2, 0x80, 0x8B, 0x81, 0x9F, 0xEF, 0xBC, 0xBB, 0xBF, 0xE3, 0xC2, 0xA0,
                                       0xE4, '\n', '\r', 'a', ' ', 0xBD};
  std::uint32_t seed = 3;
  for (int n = 0; n < 5000; ++n) {
    std::string s;
    for (int k = 0, len = n % 90; k < len; ++k) {
      seed = seed * 1103515245u + 12345u;
      s += static_cast<char>(pool[(seed >> 16) % sizeof pool]);
    }
    std::vector<std::string> want = reference_lines(s);
    Text t = split_lines(s);
    REQUIRE(t.lines.size() == want.size());
    for (std::size_t k = 0; k < want.size(); ++k) CHECK(t.lines[k].raw == want[k]);
  }
}

TEST_CASE("text: fold, squeeze, line splitting and find_literal agree with plain references") {
  std::uint32_t seed = 7;
  for (int n = 0; n < 2300; ++n) {
    // short texts, then long ones (many vector steps per line)
    std::string s = random_text(&seed, n < 2000 ? n % 80 : 200 + n % 300);
    std::vector<std::string> want = reference_lines(s);
    Text t = split_lines(s);
    REQUIRE(t.lines.size() == want.size());
    for (std::size_t k = 0; k < want.size(); ++k) {
      CHECK(t.lines[k].raw == want[k]);
      CHECK(t.lines[k].norm == ref_fold(want[k]));
      // every norm byte maps back inside the raw line
      CHECK(t.lines[k].original(0, t.lines[k].norm.size()).size() <= want[k].size());
    }
    std::string sq;
    for (std::size_t i = 0; i < s.size();) {
      std::size_t len;
      char32_t c = decode_at(s, i, &len);
      if (!ref_space(c)) sq.append(s, i, len);
      i += len;
    }
    CHECK(squeeze(s) == sq);
    // remove_wrap_spaces: drop each run of spaces, keeping one between two
    // ASCII letters or digits.
    std::string unwrapped;
    char32_t prev = 0;
    auto alnum = [](char32_t c) { return c < 0x80 && std::isalnum(static_cast<int>(c)); };
    for (std::size_t i = 0; i < s.size();) {
      std::size_t len;
      char32_t c = decode_at(s, i, &len);
      if (!ref_space(c)) {
        unwrapped.append(s, i, len), prev = c, i += len;
        continue;
      }
      std::size_t j = i;
      while (j < s.size() && ref_space(decode_at(s, j, &len))) j += len;
      if (j < s.size() && !unwrapped.empty() && alnum(prev) && alnum(decode_at(s, j, &len))) unwrapped += ' ';
      i = j;
    }
    CHECK(remove_wrap_spaces(s) == unwrapped);
    std::string buf = "old";
    std::string_view v = squeeze(s, buf);
    CHECK(v == sq);
    if (sq.size() == s.size()) CHECK(v.data() == s.data());  // nothing dropped: no copy
    std::string key, folded = ref_fold(s);
    for (std::size_t i = 0; i < folded.size();) {
      std::size_t len;
      char32_t c = decode_at(folded, i, &len);
      bool drop = ref_space(c) || c == U'《' || c == U'》' || c == U'〈' || c == U'〉' || c == U'“' || c == U'”' ||
                  c == U'‘' || c == U'’' || c == '"' || c == '\'';
      if (!drop) key.append(folded, i, len);
      i += len;
    }
    CHECK(match_key(s) == key);
    CHECK(fold(s) == folded);
    // first_key_char of a norm is the first character of its key
    std::size_t first_len = 0;
    if (!key.empty()) decode_at(key, 0, &first_len);
    CHECK(first_key_char(folded) == std::string_view(key).substr(0, first_len));
    // split_list against a plain walk over code points
    {
      std::vector<std::pair<std::size_t, std::size_t>> want_items;
      std::size_t start = 0;
      int depth = 0;
      for (std::size_t i = 0; i <= folded.size();) {
        std::size_t len = 1;
        char32_t c = 0;
        if (i < folded.size()) c = decode_at(folded, i, &len);
        if (c == '(' || c == '[' || c == U'〔' || c == U'【') ++depth;
        if ((c == ')' || c == ']' || c == U'〕' || c == U'】') && depth > 0) --depth;
        bool sep = depth == 0 && (c == ',' || c == ';' || c == U'、' || c == U'，' || c == U'；');
        if (i == folded.size() || sep) {
          std::size_t nb = start, ne = i;
          while (nb < ne && folded[nb] == ' ') ++nb;
          while (ne > nb && folded[ne - 1] == ' ') --ne;
          if (ne > nb) want_items.emplace_back(nb, ne);
          start = i + len;
          if (i == folded.size()) break;
        }
        i += len;
      }
      CHECK(split_list(folded, 0, folded.size()) == want_items);
    }
    for (std::size_t limit : {0, 1, 8, 13, 40})
      CHECK(count_chars_up_to(s, limit) == std::min(limit, count_chars(s)));
    INFO("text: " << s);
    for (std::string_view needle : {"〔", "【", "第一", "牵头", "a", "。、", "〔2022〕", "ab"})
      for (std::size_t from : {std::size_t{0}, std::size_t{1}, std::size_t{5}, s.size() / 3, s.size() / 2, s.size()})
        CHECK(find_literal(s, needle, from) == std::string_view(s).find(needle, from));
  }
  // Long haystacks: matches before, across and after each 16-byte step,
  // near misses (first and last bytes right, middle wrong) everywhere.
  for (int n = 0; n < 300; ++n) {
    std::string s = random_text(&seed, 20 + n % 120);
    for (int k = 0; k < n % 4; ++k) {
      seed = seed * 1103515245u + 12345u;
      s.insert(static_cast<std::size_t>(seed >> 8) % (s.size() + 1), n % 2 ? "〔X〕" : "〔2023〕");
    }
    for (std::string_view needle : {"〔", "〔2022〕", "〔2023〕", "牵头单位", "、"})
      for (std::size_t from = 0; from <= s.size(); from += 1 + s.size() / 7)
        CHECK(find_literal(s, needle, from) == std::string_view(s).find(needle, from));
    // find_either: the earlier of two finds, the first needle on a tie.
    static const std::pair<std::string_view, std::string_view> pairs[] = {
        {"〔2022〕", "〔2023〕"}, {"〔X〕", "牵头"}, {"、", "〔"}, {"〔2023〕", "〔"}, {"公报", "a"}, {"牵头单位", "第一"}};
    for (auto [a, b] : pairs)
      for (std::size_t from = 0; from <= s.size() + 1; from += 1 + s.size() / 9) {
        std::size_t pa = std::string_view(s).find(a, from), pb = std::string_view(s).find(b, from);
        auto [at, which] = find_either(s, a, b, from);
        if (pa == std::string_view::npos && pb == std::string_view::npos) {
          CHECK_MESSAGE(at == std::string_view::npos, s);
        } else {
          CHECK_MESSAGE(at == std::min(pa, pb), s);
          CHECK_MESSAGE(which == (pa <= pb ? 0 : 1), s);
        }
      }
  }
  CHECK(find_literal("abc", "abcd") == std::string_view::npos);
  CHECK(find_literal("abc", "", 3) == 3);
  CHECK(find_literal("abc", "c", 4) == std::string_view::npos);
}

// line_index remembers its last answer and walks forward from it; asked in
// any order, over blank lines and page furniture, it must answer as a plain
// scan does.
TEST_CASE("text: Stream::line_index agrees with a scan, in any order of asking") {
  std::uint32_t seed = 11;
  for (int n = 0; n < 300; ++n) {
    std::string s;
    for (int k = 0, lines = 1 + n % 40; k < lines; ++k) {
      seed = seed * 1103515245u + 12345u;
      int kind = static_cast<int>((seed >> 16) % 4);
      s += kind == 0 ? "" : kind == 1 ? "楚雄州" : kind == 2 ? "  a " : "（一）加强监管";
      s += '\n';
    }
    Text t = split_lines(s);
    seed = seed * 1103515245u + 12345u;
    std::size_t first = (seed >> 16) % (t.lines.size() + 1), last = first + (seed >> 8) % (t.lines.size() + 1 - first);
    Stream st(t, first, last);
    if (st.str().empty()) continue;
    auto reference = [&](std::size_t offset) {
      const char* at = st.str().data() + std::min(offset, st.str().size() - 1);
      std::size_t k = first;
      for (std::size_t j = first; j < last; ++j)
        if (t.lines[j].norm.data() <= at) k = j;
      while (k > first && t.lines[k].blank()) --k;
      return k;
    };
    for (std::size_t off = 0; off <= st.str().size(); ++off) CHECK(st.line_index(off) == reference(off));
    for (int q = 0; q < 50; ++q) {
      seed = seed * 1103515245u + 12345u;
      std::size_t off = (seed >> 16) % (st.str().size() + 1);
      CHECK(st.line_index(off) == reference(off));
    }
  }
}

TEST_CASE("text: collapse_spaces keeps a line as printed without its layout") {
  CHECK(collapse_spaces("青岛市工业和信息化局办公室\u2003\u2003 2020年9月22日印发") == "青岛市工业和信息化局办公室 2020年9月22日印发");
  CHECK(collapse_spaces("\u3000\u3000某某\t\u00a0局\u200b ") == "某某 局");
  CHECK(collapse_spaces("   ").empty());
}
