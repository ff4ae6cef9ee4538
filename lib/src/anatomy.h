// anatomy.h (internal) — the elements of one 公文 as GB/T 9704-2012 lays
// it out, each found by its own function. The document stage
// (document.cpp, read_document) is a short driver over them:
//
//   版头  head         the title, number and red header (segment.cpp)
//   主体  addressees   主送机关: the line(s) after the head ending in a colon
//         body         from the addressees to the attachment note or foot
//         attachment_note  附件说明: 附件：X, or 附件：1.X / 2.Y, before the foot
//         foot         发文机关署名 and 成文日期 where they stand, after the
//                      body however long it is; a signer may be a person
//                      with an office (总理　李克强)
//         note         附注: (此件公开发布), 公开属性：主动公开, a contact line
//         attachments  the texts printed after the foot (attachments.cpp)
//   版记  colophon     抄送 organs (cc) and the 印发 line
//
// All functions take line indices into a Text and an exclusive end; they
// read normalised lines and return what is printed (original text).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/dates.h"
#include "gazette/text.h"

namespace gazette::anatomy {

// Lines the head's addressee block may span (a long list wraps; over
// three, at a narrow measure, only as a list of organ names).
constexpr std::size_t kMaxAddresseeLines = 5;
// An addressee is an organ's name or a collective (各县市人民政府): longer
// is a sentence that happens to end in a colon.
constexpr std::size_t kMaxAddresseeChars = 30;
// Lines a signature block spans above its date (joint signers, one a line).
constexpr std::size_t kMaxSignerLines = 4;
// A signer line: an organ's full name, or an office and a person's name.
constexpr std::size_t kMaxSignerChars = 40;
// Lines an attachment note may list (附件：1.… to N.…, wrapped items).
constexpr std::size_t kMaxAttachmentNoteLines = 40;
// A 附注 line: a parenthesised remark or a 公开属性 line.
constexpr std::size_t kMaxNoteChars = 80;

// A printed value and the line index it stands on.
struct Printed {
  std::string text;
  std::size_t line = 0;
};

// 主送机关: the names, and the first line after them.
struct Addressees {
  std::vector<std::string> names;
  std::size_t first = 0, end = 0;
};
// Looks at the first non-blank lines from `from`: a head's furniture
// (签发人：…) is skipped; the block ends with a colon.
std::optional<Addressees> addressees(const Text& text, std::size_t from, std::size_t end);

// 附件说明: the list of attachments as the cover names them, label
// (附件： 附件1： 附件1-1：) and ordinal (1. 2、) removed.
struct AttachmentNote {
  std::vector<Printed> items;
  std::size_t first = 0, end = 0;
};
// The note ending right before line `before` (the foot), found by walking
// back over item lines to a line opening with 附件.
std::optional<AttachmentNote> attachment_note_before(const Text& text, std::size_t floor, std::size_t before);

// 发文机关署名 and 成文日期.
struct Foot {
  std::vector<Printed> signers;   // organ or person lines, as printed
  std::optional<Ymd> date;
  std::size_t date_line = 0;      // first line of the date (a split date spans two)
  std::size_t first = 0, end = 0; // lines of the foot: signers to date
};
// The first date alone on its line (or after the signer on its line, or
// split over two lines: 2014 / 年8月12日) in [from, end) that stands where a
// foot stands: after a signer, a finished sentence, the attachment note or
// the public marking. The signers are the lines right above it.
std::optional<Foot> foot(const Text& text, std::size_t from, std::size_t end);

// A date line at `k`, possibly continued on the next non-blank line
// (2014 / 年8月12日, 二〇二三年 / 三月一日); *last gets the last line used.
std::optional<Ymd> date_at(const Text& text, std::size_t k, std::size_t end, std::size_t* last);

// Signer lines right above `at` (organs or 职务 姓名), in printed order.
std::vector<Printed> signers_above(const Text& text, std::size_t floor, std::size_t at);

// A signature with no date below it, right above line `at` (the issued
// text's heading, or the document's end), standing after the body: after a
// finished sentence or the attachment note. Empty otherwise.
std::vector<Printed> undated_signers(const Text& text, std::size_t from, std::size_t at);

// Organ names printed with spaces (a title's organ part, a signature line),
// as tokens split at the spaces: a space separates two organs only between
// multi-character tokens whose left part ends in an organ word, so letter
// spacing (国 务 院) and wrap spaces merge back:
// {中共楚雄州委, 楚雄州人民政府} stays two; {国, 务, 院} is one.
std::vector<std::string> organs_at_spaces(const std::vector<std::string>& tokens);

// Is this normalised line a signer: an organ's name (several separated by
// spaces), or an office and a person (总理 李克强, 省长　王宁)?
bool signer_line(std::string_view norm);
// An office followed by a person's name: 总理 李克强.
bool person_signer(std::string_view norm);

// 附注: a parenthesised remark or a 公开属性/公开方式 line at `k`.
std::optional<Printed> note_at(const Text& text, std::size_t k);
// Does a 附注 say the document is public? (此件公开发布), 公开属性：主动公开.
bool says_public(std::string_view norm);

// 抄送机关 (GB/T 9704-2012 §7.4.2), from the line opening with 抄送: up to
// the colophon, split at 、 ， and 。.
std::vector<std::string> copied_to(const Text& text, std::size_t first, std::size_t end);

}  // namespace gazette::anatomy
