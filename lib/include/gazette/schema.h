// gazette/schema.h — JSON Schema (draft-07) validation of YAML or JSON.
//
// Schemas are written in YAML (or JSON, which YAML reads). Evaluation runs
// over yaml-cpp nodes; `pattern` and `patternProperties` use RE2 (linear
// time, UTF-8, \p{Han}); lengths count code points; `format: date` checks
// real calendar dates. A schema using a keyword outside the supported set
// (docs/CHECK.md) is refused at load with that keyword's file:line:col —
// never silently ignored. YAML with alias bombs or more than `max_nodes`
// nodes is refused too.
//
//   gazette::Schema s = gazette::Schema::load(yaml_text, "issue.schema.yaml");
//   for (const auto& v : s.validate(json_text, "out.json")) std::cerr << v.path << ": " << v.message << "\n";
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace YAML {
class Node;
}

namespace gazette {

struct SchemaViolation {
  std::string path;      // JSON pointer into the instance, "" = root
  std::string keyword;   // the failing keyword, e.g. "required"
  std::string message;   // what is wrong and what was expected
  int line = 0;          // 1-based position in the instance text (0 unknown)
  int column = 0;
};

struct LoadLimits {
  std::size_t max_bytes = 16u << 20;     // larger documents are refused
  std::size_t max_nodes = 1000000;       // counted with aliases expanded
};

// Parses YAML (or JSON) text, refusing alias bombs and oversized input.
// Throws InputError with the 1-based line and column of the problem.
YAML::Node load_yaml(std::string_view text, const LoadLimits& limits = {});

// JSON text (first non-blank character `{` or `[`) through a JSON parser,
// so \u escapes and surrogate pairs decode exactly; anything else as YAML.
// JSON strings become YAML string scalars (tag "!"), so "1" stays a string.
YAML::Node load_document(std::string_view text, const LoadLimits& limits = {});

class Schema {
 public:
  // Throws InputError (file:line:col in its message position) for YAML
  // errors, unsupported keywords, invalid regular expressions, bad $refs.
  static Schema load(std::string_view text, std::string_view file, const LoadLimits& limits = {});
  static Schema from_node(const YAML::Node& root, std::string_view file);

  Schema(Schema&&) noexcept;
  Schema& operator=(Schema&&) noexcept;
  ~Schema();

  // Makes another document reachable by $ref under `uri` (remote refs).
  void add_document(std::string_view uri, const YAML::Node& document);

  // Not safe to call from several threads at once on one Schema (resolved
  // $refs are cached); give each thread its own.
  std::vector<SchemaViolation> validate(const YAML::Node& instance) const;
  std::vector<SchemaViolation> validate(std::string_view instance_text) const;

  // An instance can be validated in pieces when the root schema constrains
  // its array `property` only by `type: array` and `items`, and holds no
  // keyword that reads the instance as a whole: the instance with that
  // array empty, then each item alone (validate_item, paths
  // /property/index/...), give the same violations as the whole. This keeps
  // gazette-check's memory to one document's tree, not the issue's.
  bool items_apart(std::string_view property) const;
  std::vector<SchemaViolation> validate_item(const YAML::Node& item, std::string_view property,
                                             std::size_t index) const;

  // The keywords this validator evaluates or accepts as annotations.
  static const std::vector<std::string>& supported_keywords();

 private:
  struct Impl;
  explicit Schema(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gazette
