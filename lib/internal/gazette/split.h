// gazette/split.h — one text file per document of an issue.
//
// Each document's original lines (title_line to end_line, as printed,
// decoded to UTF-8) become one file; with `separate`, its attachments and
// parts become files of their own and the document's file ends before the
// first of them. File names are made from position, number and title, and
// are safe: no path separators, no `..`, no control characters, at most
// `max_name_bytes` bytes, unique within the issue.
//
//   auto files = gazette::split_issue(issue, text, {});
//   files[0].name == "01_楚政通〔2022〕61号_楚雄州人民政府关于印发….txt"
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/model.h"
#include "gazette/text.h"

namespace gazette {

struct SplitOptions {
  bool separate = false;            // attachments and parts in files of their own
  std::size_t max_name_bytes = 150; // file names are cut (at a character) to this
};

struct SplitFile {
  std::string name;         // file name, no folder
  std::string content;      // UTF-8 text, lines as printed
  std::size_t seq = 0;      // its document's position in issue.documents
  std::string kind;         // "document", "attachment" or "part"
  std::string title;
  int title_line = 0, end_line = 0;  // lines of the original input it spans
};

std::vector<SplitFile> split_issue(const Issue& issue, const Text& text, const SplitOptions& options);

// manifest.json: the source, and for each file its name, kind, document
// seq, number, title and source lines (title_line, end_line).
std::string split_manifest(const Issue& issue, const std::vector<SplitFile>& files);

// The file names an earlier manifest.json lists: plain names only (no
// folder part, no . or ..; others are dropped), so re-splitting removes
// what it wrote before and nothing else. Empty when it is not a manifest.
std::vector<std::string> manifest_files(std::string_view manifest_json);

// A safe file name from free text (see above); never empty.
std::string safe_file_name(std::string_view text, std::size_t max_bytes);

}  // namespace gazette
