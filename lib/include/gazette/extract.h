// gazette/extract.h — the whole pipeline in one call.
//
// decode -> split lines -> masthead -> strip page furniture -> TOC ->
// segment -> per document (head, attachments, parts, references, tasks,
// chronicle) -> Issue. Parsers take buffers, never paths, so tests and
// fuzzers need no file system.
//
//   gazette::ExtractOptions opt;
//   gazette::Issue issue = gazette::extract(bytes, opt);   // may throw InputError
//   issue.documents[0].number->text == "楚政通〔2022〕61号"
#pragma once

#include <string>
#include <string_view>

#include "gazette/decode.h"
#include "gazette/model.h"

namespace gazette {

struct ExtractOptions {
  DecodeOptions decode;       // encoding detection or a forced encoding
  std::string path = "-";     // recorded in Issue::source.path
  bool keep_text = true;      // fill Document::text (the reflowed body)
  // Refuse (InputError) a text in which no masthead, TOC or document title
  // is found, instead of returning an empty Issue.
  bool require_structure = true;
  // The SHA-256 (hex) of the bytes, when the caller has already computed it
  // (gazette-convert hashes to decide what to skip); "" = compute it.
  std::string sha256;
};

// Runs the pipeline on raw bytes. Throws InputError when the input cannot
// be decoded or (with require_structure) holds no gazette structure.
Issue extract(std::string_view bytes, const ExtractOptions& options);

// The same on input its caller has decoded already (decoded = decode(bytes,
// options.decode)), for callers that need the decoded text as well.
Issue extract(std::string_view bytes, const Decoded& decoded, const ExtractOptions& options);

// The same on text already decoded to UTF-8 (no source hash, size or encoding).
Issue extract_text(std::string_view utf8, const ExtractOptions& options);

// Library version, e.g. "0.1.0".
const char* version();

}  // namespace gazette
