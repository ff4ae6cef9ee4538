// words.h (internal) — word lists that several stages read, one table each.
// A rule names the subset it needs; adding a word here changes every rule
// that reads the table, so each list says who reads it.
#pragma once

#include <string_view>

namespace gazette::words {

// Verbs that end the organ part of a title (楚雄州人民政府关于…,
// …办公室印发《…》的通知): segment (where a title starts), document
// (issuers_of), anatomy (a title line is no signer).
constexpr std::string_view kTitleVerbs[] = {"关于", "印发", "转发", "批转", "发布"};

// Verbs by which a notice issues other texts (its attachments): document.
constexpr std::string_view kIssuingVerbs[] = {"印发", "转发", "批转", "发布"};

// What an issuing title ends with after the issued text's name.
constexpr std::string_view kIssuingTails[] = {"的通知", "的决定", "的通告", "的公告"};

// The last characters of the office a person signs with (总理 李克强,
// 省长 王宁, GB/T 9704-2012 §7.3.5.3): anatomy (person_signer).
constexpr std::string_view kOfficeEnds[] = {"长", "理", "主席", "书记", "主任", "委员", "政委", "司令员", "总监"};

// The events of an adoption line, last word of each dated step:
// (2004年8月28日…会议通过 根据2009年8月27日…第一次修正): document (parts).
constexpr std::string_view kAdoptionEvents[] = {"通过", "批准", "修正", "修订", "公布"};

}  // namespace gazette::words
