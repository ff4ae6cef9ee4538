// Stage 9, references: cited 〔year〕N号 numbers and their 《》 titles.
#include "gazette/references.h"

#include <re2/re2.h>

#include <unordered_set>

namespace gazette {
namespace {

const RE2& cited_re() {
  static const RE2 re(R"(([\p{Han}A-Za-z]{1,40})\s?(?:〔|【|\[)\s?(\d{4})\s?(?:〕|】|\])\s?第?\s?(\d{1,18})\s?号)");
  return re;
}

// Words that end the sentence before an organ code: 根据国发〔…〕 -> 国发.
std::size_t trim_prefix(std::string_view prefix) {
  static const char* const lead_words[] = {"根据", "按照", "依据", "参照", "依照", "落实", "贯彻", "执行", "印发",
                                           "转发", "以及", "和",   "及",   "与",   "的",   "见",   "即",   "是"};
  std::size_t skip = 0;
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
  // A title's 文种 ends it: 的通知楚政通 -> 楚政通 (a title joined to the
  // number line below it).
  for (std::string_view g : {"通知", "意见", "决定", "通报", "批复", "决议", "报告", "公告", "通告", "办法", "规定", "方案"}) {
    std::size_t at = prefix.rfind(g);
    if (at != std::string_view::npos && at >= skip && prefix.size() - (at + g.size()) >= 6) skip = at + g.size();
  }
  // Organ codes are short: keep at most the last 10 characters.
  std::size_t chars = 0, cut = prefix.size();
  while (cut > skip && chars < 10) {
    --cut;
    while (cut > skip && (static_cast<unsigned char>(prefix[cut]) & 0xC0) == 0x80) --cut;
    ++chars;
  }
  return std::max(skip, cut);
}

}  // namespace

std::vector<Reference> find_references(const Stream& stream, std::string_view own_number) {
  std::vector<Reference> refs;
  std::unordered_set<std::string> seen;
  std::string own = squeeze(fold(own_number));
  const std::string& s = stream.str();
  re2::StringPiece in(s);
  re2::StringPiece whole, prefix;
  while (RE2::FindAndConsume(&in, cited_re(), &prefix)) {
    std::size_t end = static_cast<std::size_t>(in.data() - s.data());
    std::size_t pstart = static_cast<std::size_t>(prefix.data() - s.data());
    pstart += trim_prefix(std::string_view(prefix.data(), prefix.size()));
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
