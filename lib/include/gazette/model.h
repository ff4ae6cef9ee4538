// gazette/model.h — the data model every stage fills and every renderer reads.
//
// Plain structs, no behaviour. Field names match the JSON output (see
// docs/OUTPUT.md and schemas/issue.schema.yaml) and the gold annotation's
// conventions (shared/gold/README.md). All line numbers are 1-based lines of
// the *original* input, counted as `grep -n` counts them; 0 means "unknown".
//
//   gazette::Issue issue = gazette::extract(buffer, {});
//   for (const auto& d : issue.documents) std::cout << d.title << "\n";
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gazette {

// A 发文字号 such as 楚政通〔2022〕61号 or 国令第707号.
struct DocNumber {
  std::string text;       // as printed, e.g. "楚政通〔2022〕61号"
  std::string prefix;     // issuing organ's code, e.g. "楚政通", "国令"
  std::optional<int> year;        // 2022; absent for 国令第707号 forms
  std::optional<std::int64_t> serial;  // 61; absent when it does not fit
  int line = 0;           // where it is printed
};

// One 目录 (table of contents) entry.
struct TocEntry {
  std::string section;                // heading it stands under, "" if none
  std::string title;                  // wrapped lines joined, wrap spaces removed
  std::optional<DocNumber> number;    // printed 发文字号, if any
  std::optional<int> page;            // printed page
  int line = 0;                       // first line of the entry
};

// The issue's masthead.
struct Masthead {
  std::string title;                      // 楚雄彝族自治州人民政府公报
  std::optional<int> year;                // 2022
  std::optional<int> issue;               // 12 (第12期 or 第12号)
  std::optional<int> cumulative_issue;    // 146 (总第146期, 总号：1690)
  std::optional<std::string> published;   // "YYYY-MM"
  int line = 0;                           // first masthead line
};

// A text a notice 印发 (issues): a plan, measures, rules.
// Listed in the cover's attachment note (附件：1.X), printed after the foot,
// or both.
struct Attachment {
  std::string title;     // as listed in the note, else as its heading prints it
  int title_line = 0;    // its heading's line when printed, else the listed line
  int listed_line = 0;   // line of the attachment note's item; 0 = not listed
};

// 发文机关署名 (GB/T 9704-2012 §7.3.5): an organ, or an office and a person
// (总理　李克强), as printed.
struct Signer {
  std::string name;
  int line = 0;
};

// 附注 (GB/T 9704-2012 §7.3.7): the line after the date, as printed:
// (此件公开发布), 公开属性：主动公开, (联系人：…).
struct Note {
  std::string text;
  int line = 0;
};

// One dated step of a text's adoption line: (2004年8月28日…会议通过 根据
// 2009年8月27日…第一次修正).
struct Revision {
  std::string date;                     // ISO
  std::string event;                    // 通过, 批准, 修正, 修订, 公布
  std::string by;                       // the meeting or decision, as printed
};

// A separately adopted text a notice transmits, e.g. a 人大常委会 决议.
struct Part {
  std::string title;
  int title_line = 0;
  std::optional<std::string> adopted;   // ISO date of adoption (the history's first step)
  std::string adopted_by;               // the adopting meeting, as printed (the first step's)
  std::vector<Revision> history;        // every dated step, in printed order
};

// Another document's number cited in the text.
struct Reference {
  std::string number;                   // as printed, e.g. "国发〔2021〕9号"
  std::optional<std::string> title;     // the 《》 title printed just before it
  int line = 0;
};

// A department annotation on a measure: (A牵头,B、C配合).
struct Task {
  int line = 0;                          // line of the closing parenthesis
  std::vector<std::string> lead;         // 牵头 departments, as printed
  std::vector<std::string> responsible;  // 配合 / 责任单位 / 负责 departments
  std::string text;                      // the annotation without its parentheses
};

// One 大事记 (chronicle) item.
struct Entry {
  std::string date;                       // ISO
  std::optional<std::string> date_end;    // ISO, for ranges (11月25日至26日)
  int line = 0;
};

// A date the text states about the document's force (gazette/key_dates.h).
struct KeyDate {
  std::string kind;                     // "effective" (自…起施行), "expires" (有效期至…), "printed" (…印发)
  std::optional<std::string> date;      // ISO; null when stated relatively (自印发之日起施行, 有效期3年)
  std::string text;                     // the clause as printed
  int line = 0;
};

// One document of the issue.
struct Document {
  std::string title;                      // an order (令) is titled by what it promulgates
  std::optional<DocNumber> number;        // an order's head and number: 中华人民共和国国务院令第752号
  std::optional<std::string> genre;       // 文种: 通知, 意见, 大事记 …
  std::optional<std::string> promulgates; // an order's text: 《X》 of 现予公布 (X), else null
  std::vector<std::string> issuers;
  std::optional<std::string> section;     // TOC heading
  std::optional<int> page;                // from the TOC, else from folios
  std::optional<int> printed_page;        // from folios in the text, if any
  int title_line = 0;
  int end_line = 0;
  std::vector<std::string> addressees;    // 主送机关
  std::vector<std::string> cc;            // 抄送机关 (copied to), as printed
  std::vector<Signer> signers;            // 发文机关署名, at the foot
  std::optional<std::string> date;        // 成文日期, ISO
  int date_line = 0;                      // where the date is printed (0: no date)
  std::optional<Note> note;               // 附注
  bool is_public = false;                 // the note (or head) says so: (此件公开发布)
  std::vector<Attachment> attachments;
  std::vector<Part> parts;
  std::vector<Reference> references;
  std::vector<Task> tasks;
  std::vector<Entry> entries;
  std::vector<KeyDate> key_dates;         // effective, expires, printed
  std::string text;                       // reflowed text, one paragraph a line
};

enum class Severity { error, warning, info };

// A finding about the input: data, not an exception.
struct Diagnostic {
  std::string rule;       // stable id, e.g. "toc-entry-without-document" (a rule id of gazette-check)
  Severity severity = Severity::warning;
  int line = 0;
  int column = 0;         // 1-based, in characters; 0 = whole line
  std::string message;
};

// Where the input came from.
struct Source {
  std::string path;       // as given ("-" for stdin)
  std::uint64_t bytes = 0;
  std::string sha256;     // of the raw bytes, lowercase hex
  std::string encoding;   // detected or forced: UTF-8, UTF-16LE, GB18030 … or PDF
  // PDF input: the line of the text read at which each page starts
  // (line L is on the last page whose first line is <= L), and the pages
  // without text. Empty for text input.
  std::vector<int> page_first_line;
  std::vector<int> pages_without_text;
};

struct Issue {
  Source source;
  Masthead gazette;
  std::vector<TocEntry> toc;
  std::vector<Document> documents;
  std::vector<Diagnostic> diagnostics;
};

const char* to_string(Severity s);

}  // namespace gazette
