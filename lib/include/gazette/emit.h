// gazette/emit.h — renderers: the Issue as JSON, JSON Lines or YAML.
//
// One interface for every tool. Output is UTF-8 with CJK unescaped, keys in
// a fixed order (docs/OUTPUT.md), byte-identical for the same input. Dates
// are ISO strings (quoted in YAML so loaders keep them strings).
//
//   gazette::render(issue, gazette::Format::json, std::cout);
//   gazette::render(issue, gazette::Format::jsonl, std::cout);  // a line per document
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "gazette/model.h"

namespace gazette {

enum class Format {
  json,        // the whole issue, pretty-printed
  json_line,   // the whole issue on one line (several inputs -> JSON Lines)
  jsonl,       // one line per document, each with its issue's identity
  yaml,        // the whole issue as one YAML document
};

std::optional<Format> parse_format(std::string_view name);  // "json", "jsonl", "yaml"

void render(const Issue& issue, Format format, std::ostream& out);
std::string render(const Issue& issue, Format format);
// Into `out` (cleared first): a buffer reused issue after issue keeps its
// capacity instead of growing a fresh string for each.
void render(const Issue& issue, Format format, std::string& out);

// One document as the compact JSON object it is in an issue's documents
// list (gazette-check validates an issue document by document).
std::string render_document(const Document& d);

}  // namespace gazette
