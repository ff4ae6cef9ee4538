// gazette/check.h — rules over an extracted issue, driven by a profile.
//
// A Profile (schemas/profiles/<name>.yaml, itself described by
// schemas/profile.schema.yaml) names a publisher's sections, number prefixes,
// departments with their aliases, and the severity of each rule. run_rules()
// applies every rule of docs/CHECK.md to an Issue and returns Findings:
// data with a stable rule id, a severity, a line and column in the source
// text and a message saying what is wrong and what was expected.
//
//   gazette::Profile p = gazette::load_profile(yaml_text, "chuxiong.yaml", profile_schema);
//   auto findings = gazette::run_rules(issue, p, &text);   // text: for columns
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/model.h"
#include "gazette/schema.h"
#include "gazette/text.h"

namespace gazette {

struct Department {
  std::string name;
  std::vector<std::string> aliases;
};

struct Profile {
  std::string name = "generic";
  std::vector<std::string> sections;                               // empty: any
  std::map<std::string, std::vector<std::string>> prefixes;        // section or "*" -> prefixes
  bool public_marking = false;
  std::optional<std::vector<Department>> departments;              // nullopt: not checked
  std::map<std::string, std::optional<Severity>> severities;       // nullopt = off
};

struct Finding {
  std::string rule;       // stable id, e.g. "number-brackets"
  Severity severity = Severity::error;
  std::string path;       // the input the line refers to, as named
  int line = 0;           // 1-based; 0 = the file as a whole
  int column = 0;         // 1-based, in characters; 0 = whole line
  std::string message;
  // Where the defect ends, as SARIF counts: the line, and the column of the
  // character after it (so end_column - column characters are marked); 0
  // when the finding is about the line or the document as a whole.
  int end_line = 0;
  int end_column = 0;
};

// One rule's id, default severity and one-line description.
struct RuleInfo {
  const char* id;
  Severity severity;
  const char* summary;
};
const std::vector<RuleInfo>& rules();

// Parses and validates a profile (against `profile_schema`). Throws
// InputError with file:line:col on YAML, schema or content errors.
Profile load_profile(std::string_view yaml_text, std::string_view file, const Schema& profile_schema);

// Extractions are data from anyone, read under one policy (docs/DESIGN.md,
// "Limits"): at most 2 GiB, and aliases may not expand one beyond one node
// per byte plus a margin (a 68 KB alias bomb once expanded to 200 M nodes).
// Nodes of a genuine extraction grow with its bytes only.
inline constexpr std::size_t kMaxExtractionBytes = std::size_t{1} << 31;
inline constexpr std::size_t kMaxExtractionNodes = 200'000'000;  // an extraction of a 1 GiB issue
inline constexpr std::size_t kExtractionNodeMargin = 1'000'000;
LoadLimits extraction_limits(std::size_t bytes);

// True when `bytes` is an extraction (JSON, or YAML opening with ---,
// source:, gazette: or documents:) rather than gazette text.
bool looks_like_extraction(std::string_view bytes);

// Parses an extraction (JSON or YAML) under extraction_limits. Throws
// InputError with line and column.
YAML::Node load_extraction(std::string_view bytes);

// Overrides a rule's severity in `profile` from the command line:
// "RULE" enables it at its default severity, "RULE=LEVEL" sets error,
// warning, info or off. Throws InputError for an unknown rule or level.
void set_rule(Profile& profile, std::string_view setting);

// Reads an extraction (gazette-extract's JSON or YAML) back into an Issue.
// Throws InputError when it is not one.
Issue read_issue(const YAML::Node& extraction);

// Applies the rules. `source` (the issue's text, when at hand) gives
// columns; `file` is the name findings carry.
std::vector<Finding> run_rules(const Issue& issue, const Profile& profile, const Text* source, std::string_view file);

// Schema violations of an extraction as findings (rule "schema"), placed on
// the nearest enclosing object's line. `extraction` may be one piece of the
// whole, standing at path `at` (e.g. "/documents/3").
std::vector<Finding> schema_findings(const std::vector<SchemaViolation>& violations, const YAML::Node& extraction,
                                     const Profile& profile, std::string_view file, std::string_view at = {});

// Schema findings of an issue we extracted ourselves, validated as its JSON
// rendering: one document's tree at a time when the schema allows it
// (Schema::items_apart), so memory follows the largest document, not the
// issue (a yaml-cpp tree costs ~500 bytes a node: a whole 7 MB issue of
// tiny documents took 1.9 GB).
std::vector<Finding> schema_findings(const Schema& schema, const Issue& issue, const Profile& profile,
                                     std::string_view file);

// One input checked, as gazette-check does: gazette text is decoded once
// and extracted in memory, its schema findings taken document by document;
// an extraction (JSON/YAML, looks_like_extraction) is read under
// extraction_limits and validated whole. `read_source` is asked for the
// text an extraction names (source.path) and returns "" when it is not to
// be read: the library reads no file itself. Throws InputError.
struct Checked {
  std::vector<Finding> findings;
  std::string path;                         // the name the findings carry
  std::shared_ptr<const std::string> utf8;  // the source text, decoded, when at hand
  std::shared_ptr<const Text> text;         // its lines (into *utf8), for columns and excerpts
  std::vector<int> page_first_line;         // a PDF's: each page's first line (source.pdf); else empty
};
struct CheckOptions {
  std::string encoding;  // force the encoding of gazette text ("" = detect)
  std::function<std::string(const std::string& source_path)> read_source;
};
// `bytes` is taken: a text's lines refer into it (no copy of a 200 MB issue).
Checked check_input(const std::string& path, std::string bytes, const Schema& schema, const Profile& profile,
                    const CheckOptions& options);

// Closest registry names to `name` by edit distance (for "did you mean").
std::vector<std::string> nearest_names(std::string_view name, const std::vector<Department>& registry, std::size_t max);

}  // namespace gazette
