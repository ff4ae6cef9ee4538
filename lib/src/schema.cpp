// JSON Schema draft-07 over yaml-cpp nodes (the `schema` stage).
//
// Debian's valijson 1.0 could not serve: its yaml-cpp adapter does not
// compile and its `pattern` is std::regex (byte-based, backtracking: minutes
// on ^(a+)+$). This evaluator compiles every pattern with RE2 at load,
// refuses keywords it does not know, and bounds recursion.
#include "gazette/schema.h"

#include <re2/re2.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "gazette/dates.h"
#include "gazette/error.h"
#include "gazette/text.h"

namespace gazette {
namespace {

constexpr int kMaxDepth = 512;      // nesting of documents and schemas at load
// Nested evaluations (instance depth + $ref chains). A frame of check() is
// large (a keyword table), so this bounds the stack: `{$ref: ""}` (found by
// fuzzing) recursed until the stack overflowed under ASan at 512.
constexpr int kMaxEvalDepth = 100;
// The evaluation budget: steps (schema nodes applied to instance nodes) per
// node of the instance, plus a floor for small instances. Our own schema
// takes about 3 per node on the sample; the limit leaves a wide margin.
constexpr std::uint64_t kStepsPerNode = 256;
constexpr std::uint64_t kMinSteps = 1'000'000;

// ---------------------------------------------------------------- YAML loading

// Counts nodes with aliases expanded, so a billion-laughs document is
// refused before yaml-cpp builds (or we walk) it; and refuses an alias
// inside its own anchor, from which yaml-cpp builds a cycle: no JSON value
// is one, and every walk over it (with two or more branches a level) is
// exponential in its depth limit (schema_eval_fuzz found a 500-byte schema
// that took minutes).
class CountingHandler : public YAML::EventHandler {
 public:
  explicit CountingHandler(std::size_t limit) : limit_(limit) {}
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t a) override { leaf(m, a); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t a) override {
    if (a < open_.size() && open_[a])
      throw InputError("a YAML alias inside the node it names (a cycle): not a JSON value", m.line + 1, m.column + 1);
    add(m, a < sizes_.size() ? sizes_[a] : 1);
  }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t a, const std::string&) override { leaf(m, a); }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t a, YAML::EmitterStyle::value) override {
    open(m, a);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t a, YAML::EmitterStyle::value) override {
    open(m, a);
  }
  void OnMapEnd() override { close(); }

 private:
  void record(YAML::anchor_t a, std::size_t size) {
    if (a == YAML::NullAnchor) return;
    if (sizes_.size() <= a) sizes_.resize(a + 1, 1);
    sizes_[a] = size;
  }
  void add(const YAML::Mark& m, std::size_t n) {
    total_ += n;
    if (!stack_.empty()) stack_.back().second += n;
    if (total_ > limit_)
      throw InputError("document too large: more than " + std::to_string(limit_) +
                           " nodes with aliases expanded (an alias bomb?)",
                       m.line + 1, m.column + 1);
  }
  void leaf(const YAML::Mark& m, YAML::anchor_t a) {
    record(a, 1);
    add(m, 1);
  }
  void open(const YAML::Mark& m, YAML::anchor_t a) {
    add(m, 1);
    stack_.emplace_back(a, 1);
    if (a != YAML::NullAnchor) {
      if (open_.size() <= a) open_.resize(a + 1, false);
      open_[a] = true;
    }
  }
  void close() {
    auto [a, size] = stack_.back();
    stack_.pop_back();
    if (a != YAML::NullAnchor && a < open_.size()) open_[a] = false;
    record(a, size);
    if (!stack_.empty()) stack_.back().second += size - 1;  // the 1 was counted at open
  }
  std::size_t limit_, total_ = 0;
  std::vector<std::size_t> sizes_;
  std::vector<bool> open_;  // by anchor: its node is being read (an alias to it now is a cycle)
  std::vector<std::pair<YAML::anchor_t, std::size_t>> stack_;
};

// ------------------------------------------------------------ instance model

enum class Kind { null, boolean, integer, number, string, array, object };

// YAML 1.2 core schema resolution of a plain scalar; quoted scalars are
// strings (the tag is "!"), which is also how JSON strings arrive.
struct Scalar {
  Kind kind;
  double number = 0;
  bool boolean = false;
};

Scalar resolve(const YAML::Node& n) {
  if (n.IsNull()) return {Kind::null};
  const std::string& tag = n.Tag();
  const std::string& v = n.Scalar();
  if (tag == "!" || tag == "tag:yaml.org,2002:str") return {Kind::string};
  if (tag == "tag:yaml.org,2002:null") return {Kind::null};
  if (v == "null" || v == "Null" || v == "NULL" || v == "~" || v.empty()) return {Kind::null};
  if (v == "true" || v == "True" || v == "TRUE") return {Kind::boolean, 0, true};
  if (v == "false" || v == "False" || v == "FALSE") return {Kind::boolean, 0, false};
  static const RE2 int_re(R"([-+]?[0-9]+)");
  static const RE2 float_re(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (RE2::FullMatch(v, int_re) || RE2::FullMatch(v, float_re)) {
    double d = std::strtod(v.c_str(), nullptr);
    bool integral = std::isfinite(d) && std::floor(d) == d;
    return {integral ? Kind::integer : Kind::number, d};
  }
  return {Kind::string};
}

Kind kind_of(const YAML::Node& n) {
  if (n.IsMap()) return Kind::object;
  if (n.IsSequence()) return Kind::array;
  return resolve(n).kind;
}

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::null: return "null";
    case Kind::boolean: return "boolean";
    case Kind::integer: return "integer";
    case Kind::number: return "number";
    case Kind::string: return "string";
    case Kind::array: return "array";
    case Kind::object: return "object";
  }
  return "?";
}

bool equal(const YAML::Node& a, const YAML::Node& b) {
  Kind ka = kind_of(a), kb = kind_of(b);
  bool na = ka == Kind::integer || ka == Kind::number, nb = kb == Kind::integer || kb == Kind::number;
  if (na && nb) return resolve(a).number == resolve(b).number;
  if (ka != kb) return false;
  switch (ka) {
    case Kind::null: return true;
    case Kind::boolean: return resolve(a).boolean == resolve(b).boolean;
    case Kind::string: return a.Scalar() == b.Scalar();
    case Kind::array: {
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (!equal(a[i], b[i])) return false;
      return true;
    }
    case Kind::object: {
      if (a.size() != b.size()) return false;
      for (auto it = a.begin(); it != a.end(); ++it) {
        std::string key = it->first.Scalar();
        YAML::Node other;
        bool found = false;
        for (auto jt = b.begin(); jt != b.end(); ++jt)
          if (jt->first.Scalar() == key) other.reset(jt->second), found = true;
        if (!found || !equal(it->second, other)) return false;
      }
      return true;
    }
    default: return false;
  }
}

std::string short_text(const YAML::Node& n) {
  YAML::Emitter e;
  e.SetMapFormat(YAML::Flow);
  e.SetSeqFormat(YAML::Flow);
  e << n;
  std::string s = e.c_str();
  if (s.size() > 80) s = s.substr(0, 77) + "...";
  return s;
}

std::string pointer_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

// ---------------------------------------------------------------- keywords

const std::set<std::string>& applicator_keywords() {
  static const std::set<std::string> k = {
      "$ref", "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
      "maxLength", "minLength", "pattern", "items", "additionalItems", "maxItems", "minItems", "uniqueItems",
      "contains", "maxProperties", "minProperties", "required", "properties", "patternProperties",
      "additionalProperties", "dependencies", "propertyNames", "if", "then", "else", "allOf", "anyOf", "oneOf",
      "not", "format"};
  return k;
}
const std::set<std::string>& annotation_keywords() {
  static const std::set<std::string> k = {"$schema", "$id", "$comment", "title", "description", "default",
                                          "examples", "readOnly", "writeOnly", "definitions", "contentMediaType",
                                          "contentEncoding"};
  return k;
}

// ------------------------------------------------------------------- URIs

std::string strip_fragment(const std::string& uri) { return uri.substr(0, uri.find('#')); }

std::string resolve_uri(const std::string& base, const std::string& ref) {
  if (ref.find("://") != std::string::npos || ref.rfind("urn:", 0) == 0) return ref;
  std::string b = strip_fragment(base);
  if (ref.empty()) return b;
  if (ref[0] == '#') return b + ref;
  if (ref[0] == '/') {
    std::size_t scheme = b.find("://");
    std::size_t root = scheme == std::string::npos ? 0 : b.find('/', scheme + 3);
    return (root == std::string::npos ? b : b.substr(0, root)) + ref;
  }
  std::size_t slash = b.rfind('/');
  return (slash == std::string::npos ? std::string() : b.substr(0, slash + 1)) + ref;
}

}  // namespace

// The keywords of one schema object, read in one pass over its keys.
class KeywordNode : public YAML::Node {
 public:
  KeywordNode() = default;
  explicit KeywordNode(const YAML::Node& n) : YAML::Node(n), present_(true) {}
  explicit operator bool() const { return present_; }

 private:
  bool present_ = false;
};

class Keywords {
 public:
  explicit Keywords(const YAML::Node& schema) {
    if (!schema.IsMap()) return;
    present_.reserve(schema.size());
    for (auto it = schema.begin(); it != schema.end(); ++it) {
      auto id = ids().find(it->first.Scalar());
      if (id == ids().end()) continue;
      if (!slot_[id->second]) {
        present_.emplace_back(it->second);
        slot_[id->second] = static_cast<std::uint8_t>(present_.size());
      } else {
        present_[slot_[id->second] - 1U] = KeywordNode(it->second);  // a repeated key: the last one counts
      }
    }
  }
  const KeywordNode& operator[](const char* name) const {
    std::uint8_t s = slot_[ids().at(name)];
    return s ? present_[s - 1U] : absent();
  }

 private:
  static const std::unordered_map<std::string, std::size_t>& ids() {
    static const std::unordered_map<std::string, std::size_t> m = [] {
      std::unordered_map<std::string, std::size_t> out;
      for (const auto& k : applicator_keywords()) out.emplace(k, out.size());
      for (const auto& k : annotation_keywords()) out.emplace(k, out.size());
      return out;
    }();
    return m;
  }
  static const KeywordNode& absent() {
    static const KeywordNode none;
    return none;
  }
  // Only the keywords present are held: a yaml-cpp Node allocates even when
  // empty, and a schema object names a handful of the 64 keywords, so a
  // full array of nodes made 64 allocations per evaluation step.
  std::array<std::uint8_t, 64> slot_{};  // keyword id -> 1 + index in present_, 0 if absent
  std::vector<KeywordNode> present_;
};

// ===================================================================== Impl

struct Schema::Impl {
  std::string file;
  YAML::Node root;
  std::string root_uri = "gazette:root";
  std::unordered_map<std::string, YAML::Node> documents;  // uri (no fragment) or uri#anchor -> schema
  std::map<const void*, std::unique_ptr<RE2>> regexes;    // compiled per scalar node

  static const void* key(const YAML::Node& n) {
    // yaml-cpp nodes share their data: identity of the underlying node.
    return static_cast<const void*>(&n.Scalar());
  }

  [[noreturn]] void fail(const YAML::Node& at, const std::string& what) const {
    YAML::Mark m = at.Mark();
    throw InputError(file + ": " + what, m.line + 1, m.column + 1);
  }

  // Load-time walk: index $id, compile patterns, refuse unknown keywords.
  bool strict = true;  // refuse unknown keywords (off for registered documents)

  void prepare(const YAML::Node& schema, const std::string& base, const std::set<std::string>& ref_targets,
               const std::string& pointer, int depth) {
    if (depth > kMaxDepth) fail(schema, "schema nested too deeply");
    if (!schema.IsMap()) {
      if (schema.IsScalar() && resolve(schema).kind == Kind::boolean) return;
      fail(schema, "a schema must be an object or a boolean");
    }
    std::string here = base;
    if (auto id = schema["$id"]; id && id.IsScalar()) {
      here = resolve_uri(base, id.Scalar());
      if (id.Scalar().size() > 1 && id.Scalar()[0] == '#')
        documents.emplace(strip_fragment(base) + id.Scalar(), schema);
      else
        documents.emplace(strip_fragment(here), schema);
    }
    for (auto it = schema.begin(); it != schema.end(); ++it) {
      const std::string k = it->first.Scalar();
      const YAML::Node v = it->second;
      std::string p = pointer + "/" + pointer_escape(k);
      if (applicator_keywords().count(k) == 0 && annotation_keywords().count(k) == 0) {
        // Not a keyword: allowed only as a container some $ref points into.
        bool referenced = false;
        for (const auto& t : ref_targets)
          if (t == p || t.rfind(p + "/", 0) == 0) referenced = true;
        if (!referenced && strict) fail(it->first, "unsupported schema keyword '" + k + "'");
        if (v.IsMap()) {
          if (strict) prepare_container(v, here, ref_targets, p, depth + 1);
          else if (v.IsMap()) prepare(v, here, ref_targets, p, depth + 1);
        }
        continue;
      }
      if (k == "pattern") {
        compile(v);
      } else if (k == "patternProperties") {
        if (!v.IsMap()) fail(v, "patternProperties must be an object");
        for (auto pt = v.begin(); pt != v.end(); ++pt) {
          compile(pt->first);
          prepare(pt->second, here, ref_targets, p + "/" + pointer_escape(pt->first.Scalar()), depth + 1);
        }
      } else if (k == "properties" || k == "definitions") {
        if (!v.IsMap()) fail(v, k + " must be an object");
        for (auto pt = v.begin(); pt != v.end(); ++pt)
          prepare(pt->second, here, ref_targets, p + "/" + pointer_escape(pt->first.Scalar()), depth + 1);
      } else if (k == "dependencies") {
        if (!v.IsMap()) fail(v, "dependencies must be an object");
        for (auto pt = v.begin(); pt != v.end(); ++pt)
          if (!pt->second.IsSequence())
            prepare(pt->second, here, ref_targets, p + "/" + pointer_escape(pt->first.Scalar()), depth + 1);
      } else if (k == "items" && v.IsSequence()) {
        for (std::size_t i = 0; i < v.size(); ++i) prepare(v[i], here, ref_targets, p + "/" + std::to_string(i), depth + 1);
      } else if (k == "allOf" || k == "anyOf" || k == "oneOf") {
        if (!v.IsSequence() || v.size() == 0) fail(v, k + " must be a non-empty array");
        for (std::size_t i = 0; i < v.size(); ++i) prepare(v[i], here, ref_targets, p + "/" + std::to_string(i), depth + 1);
      } else if (k == "items" || k == "additionalItems" || k == "contains" || k == "additionalProperties" ||
                 k == "propertyNames" || k == "if" || k == "then" || k == "else" || k == "not") {
        prepare(v, here, ref_targets, p, depth + 1);
      } else if (k == "type") {
        static const std::set<std::string> types = {"null", "boolean", "integer", "number", "string", "array", "object"};
        auto check = [&](const YAML::Node& t) {
          if (!t.IsScalar() || types.count(t.Scalar()) == 0) fail(t, "unknown type " + short_text(t));
        };
        if (v.IsSequence())
          for (const auto& t : v) check(t);
        else
          check(v);
      } else if (k == "$ref") {
        if (!v.IsScalar()) fail(v, "$ref must be a string");
      } else if (k == "required") {
        if (!v.IsSequence()) fail(v, "required must be an array of strings");
      }
    }
  }
  // A non-keyword object reached by $ref: walk it for $id/patterns only.
  void prepare_container(const YAML::Node& v, const std::string& base, const std::set<std::string>& targets,
                         const std::string& pointer, int depth) {
    if (depth > kMaxDepth) fail(v, "schema nested too deeply");
    if (targets.count(pointer)) {
      prepare(v, base, targets, pointer, depth);
      return;
    }
    for (auto it = v.begin(); it != v.end(); ++it)
      if (it->second.IsMap()) prepare_container(it->second, base, targets, pointer + "/" + pointer_escape(it->first.Scalar()), depth + 1);
  }

  void compile(const YAML::Node& v) {
    if (!v.IsScalar()) fail(v, "a pattern must be a string");
    RE2::Options opt;
    opt.set_log_errors(false);
    opt.set_max_mem(64 << 20);
    auto re = std::make_unique<RE2>(v.Scalar(), opt);
    if (!re->ok()) fail(v, "invalid regular expression '" + v.Scalar() + "': " + re->error());
    regexes[key(v)] = std::move(re);
  }

  const RE2* pattern_of(const YAML::Node& v) const {
    auto it = regexes.find(key(v));
    return it == regexes.end() ? nullptr : it->second.get();
  }

  // Local $ref targets (as JSON pointers from the root), for the keyword check.
  static void collect_refs(const YAML::Node& n, std::set<std::string>* out, int depth) {
    if (depth > kMaxDepth) return;
    if (n.IsMap()) {
      for (auto it = n.begin(); it != n.end(); ++it) {
        if (it->first.Scalar() == "$ref" && it->second.IsScalar()) {
          const std::string& r = it->second.Scalar();
          std::size_t hash = r.find('#');
          if (hash != std::string::npos) out->insert(unescape_pointer_uri(r.substr(hash + 1)));
        } else {
          collect_refs(it->second, out, depth + 1);
        }
      }
    } else if (n.IsSequence()) {
      for (const auto& c : n) collect_refs(c, out, depth + 1);
    }
  }
  static std::string unescape_pointer_uri(const std::string& s) {
    std::string out;  // percent-decoding only; ~0 ~1 stay as pointer escapes
    for (std::size_t i = 0; i < s.size(); ++i) {
      auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
      if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) && hex(s[i + 2])) {
        out += static_cast<char>(std::strtol(s.substr(i + 1, 2).c_str(), nullptr, 16));
        i += 2;
      } else {
        out += s[i];
      }
    }
    return out;
  }

  // ------------------------------------------------------------ evaluation

  struct Ctx {
    std::vector<SchemaViolation>* out;  // null: only the verdict matters
    int depth;
  };

  void report(Ctx& c, const std::string& path, const char* keyword, const std::string& message,
              const YAML::Node& at) const {
    if (!c.out) return;
    SchemaViolation v;
    v.path = path;
    v.keyword = keyword;
    v.message = message;
    YAML::Mark m = at.Mark();
    if (m.line >= 0) v.line = m.line + 1, v.column = m.column + 1;
    c.out->push_back(std::move(v));
  }

  // Resolved $refs, by absolute URI: a big instance resolves the same
  // few refs hundreds of thousands of times.
  mutable std::unordered_map<std::string, std::pair<YAML::Node, std::string>> ref_cache;

  std::pair<YAML::Node, std::string> resolve_ref(const std::string& base, const std::string& ref,
                                                 const YAML::Node& at) const {
    std::string uri = resolve_uri(base, ref);
    if (auto hit = ref_cache.find(uri); hit != ref_cache.end()) return hit->second;
    auto resolved = resolve_uncached(uri, ref, at);
    ref_cache.emplace(uri, resolved);
    return resolved;
  }

  std::pair<YAML::Node, std::string> resolve_uncached(const std::string& uri, const std::string& ref,
                                                      const YAML::Node& at) const {
    std::string doc_uri = strip_fragment(uri);
    std::string fragment = uri.size() > doc_uri.size() ? uri.substr(doc_uri.size() + 1) : "";
    YAML::Node node;
    if (doc_uri.empty() || doc_uri == strip_fragment(root_uri)) {
      node.reset(root);
    } else if (auto it = documents.find(doc_uri); it != documents.end()) {
      node.reset(it->second);
    } else {
      fail(at, "cannot resolve $ref '" + ref + "'");
    }
    std::string node_base = doc_uri.empty() ? root_uri : doc_uri;
    if (!fragment.empty() && fragment[0] != '/') {
      auto it = documents.find(doc_uri + "#" + fragment);
      if (it == documents.end()) fail(at, "cannot resolve $ref '" + ref + "'");
      return {it->second, node_base};
    }
    std::string f = unescape_pointer_uri(fragment);
    std::size_t i = f.empty() ? std::string::npos : 1;
    while (i != std::string::npos && i <= f.size()) {
      std::size_t next = f.find('/', i);
      std::string tok = f.substr(i, next == std::string::npos ? std::string::npos : next - i);
      std::string t;
      for (std::size_t k = 0; k < tok.size(); ++k) {
        if (tok[k] == '~' && k + 1 < tok.size()) t += tok[++k] == '0' ? '~' : '/';
        else t += tok[k];
      }
      YAML::Node child;
      if (node.IsSequence()) {
        char* end = nullptr;
        unsigned long idx = std::strtoul(t.c_str(), &end, 10);
        if (*end || idx >= node.size()) fail(at, "cannot resolve $ref '" + ref + "'");
        child.reset(static_cast<const YAML::Node&>(node)[idx]);
      } else if (node.IsMap()) {
        bool found = false;
        for (auto it = node.begin(); it != node.end(); ++it)
          if (it->first.Scalar() == t) child.reset(it->second), found = true;
        if (!found) fail(at, "cannot resolve $ref '" + ref + "'");
      } else {
        fail(at, "cannot resolve $ref '" + ref + "'");
      }
      // reset(), not operator=: assigning a Node writes through to the
      // node it refers to, which would rewrite the schema.
      // The base of the node we step from; check() applies the target's
      // own $id itself.
      const YAML::Node& cnode = node;  // const: indexing must not insert
      if (cnode.IsMap())
        if (auto id = cnode["$id"]; id && id.IsScalar() && !id.Scalar().empty() && id.Scalar()[0] != '#')
          node_base = resolve_uri(node_base, id.Scalar());
      node.reset(child);
      i = next == std::string::npos ? std::string::npos : next + 1;
    }
    return {node, node_base};
  }

  // Evaluation steps (calls of check) left for this validation: nested
  // allOf/anyOf/$ref can double the work at each level of a small schema
  // (20 levels once took 9.6 s, 30 would take hours); an honest schema
  // takes a few steps per instance node.
  mutable std::uint64_t steps_left = 0;

  static std::uint64_t count_nodes(const YAML::Node& n, int depth = 0) {
    if (depth > kMaxDepth || !n.IsDefined()) return 1;
    std::uint64_t total = 1;
    if (n.IsMap())
      for (auto it = n.begin(); it != n.end(); ++it) total += 1 + count_nodes(it->second, depth + 1);
    else if (n.IsSequence())
      for (const auto& x : n) total += count_nodes(x, depth + 1);
    return total;
  }

  bool check(Ctx& c, const YAML::Node& schema, const std::string& base_in, const YAML::Node& inst,
             const std::string& path) const {
    if (steps_left == 0)
      throw InputError("schema evaluation stopped after " + std::to_string(kStepsPerNode) +
                       " steps per instance node: the schema's nesting of allOf/anyOf/oneOf/$ref multiplies its work");
    --steps_left;
    if (schema.IsScalar()) {
      bool ok = resolve(schema).boolean;
      if (!ok) report(c, path, "false", "no value is allowed here", inst);
      return ok;
    }
    if (c.depth > kMaxEvalDepth) {
      report(c, path, "$ref", "schema recursion deeper than " + std::to_string(kMaxEvalDepth), inst);
      return false;
    }
    // One pass over the schema's keys; keyword lookups below are then
    // array reads, not yaml-cpp map searches (which dominated big runs).
    const Keywords kw(schema);
    std::string base = base_in;
    if (auto id = kw["$id"]; id && id.IsScalar() && !id.Scalar().empty() && id.Scalar()[0] != '#')
      base = resolve_uri(base_in, id.Scalar());
    Ctx inner{c.out, c.depth + 1};
    if (auto ref = kw["$ref"]) {  // draft-07: $ref overrides its siblings
      auto [target, target_base] = resolve_ref(base, ref.Scalar(), ref);
      return check(inner, target, target_base, inst, path);
    }
    bool ok = true;
    Kind k = kind_of(inst);
    bool numeric = k == Kind::integer || k == Kind::number;
    Scalar sv = inst.IsScalar() || inst.IsNull() ? resolve(inst) : Scalar{k};

    if (auto t = kw["type"]) {
      auto matches = [&](const std::string& name) {
        return name == kind_name(k) || (name == "number" && numeric);
      };
      bool any = false;
      std::string names;
      if (t.IsSequence()) {
        for (const auto& n : t) any = any || matches(n.Scalar()), names += (names.empty() ? "" : " or ") + n.Scalar();
      } else {
        any = matches(t.Scalar());
        names = t.Scalar();
      }
      if (!any) ok = false, report(c, path, "type", std::string("expected ") + names + ", found " + kind_name(k), inst);
    }
    if (auto e = kw["enum"]) {
      bool any = false;
      for (const auto& v : e) any = any || equal(v, inst);
      if (!any) ok = false, report(c, path, "enum", "value " + short_text(inst) + " is not one of " + short_text(e), inst);
    }
    if (auto cst = kw["const"]) {
      if (!equal(cst, inst)) ok = false, report(c, path, "const", "expected " + short_text(cst), inst);
    }
    if (numeric) {
      double x = sv.number;
      if (auto m = kw["multipleOf"]) {
        double d = resolve(m).number;
        double q = x / d;
        if (!std::isfinite(q) || std::fabs(q - std::round(q)) > 1e-9)
          ok = false, report(c, path, "multipleOf", "expected a multiple of " + m.Scalar(), inst);
      }
      if (auto m = kw["maximum"]; m && x > resolve(m).number)
        ok = false, report(c, path, "maximum", "expected at most " + m.Scalar(), inst);
      if (auto m = kw["exclusiveMaximum"]; m && x >= resolve(m).number)
        ok = false, report(c, path, "exclusiveMaximum", "expected less than " + m.Scalar(), inst);
      if (auto m = kw["minimum"]; m && x < resolve(m).number)
        ok = false, report(c, path, "minimum", "expected at least " + m.Scalar(), inst);
      if (auto m = kw["exclusiveMinimum"]; m && x <= resolve(m).number)
        ok = false, report(c, path, "exclusiveMinimum", "expected more than " + m.Scalar(), inst);
    }
    if (k == Kind::string) {
      const std::string& s = inst.Scalar();
      std::size_t len = count_chars(s);
      if (auto m = kw["maxLength"]; m && static_cast<double>(len) > resolve(m).number)
        ok = false, report(c, path, "maxLength", "expected at most " + m.Scalar() + " characters", inst);
      if (auto m = kw["minLength"]; m && static_cast<double>(len) < resolve(m).number)
        ok = false, report(c, path, "minLength", "expected at least " + m.Scalar() + " characters", inst);
      if (auto p = kw["pattern"]) {
        const RE2* re = pattern_of(p);
        if (re && !RE2::PartialMatch(s, *re))
          ok = false, report(c, path, "pattern", "'" + s.substr(0, 60) + "' does not match " + p.Scalar(), inst);
      }
      if (auto f = kw["format"]; f && f.Scalar() == "date") {
        static const RE2 iso(R"((\d{4})-(\d{2})-(\d{2}))");
        int y = 0, mo = 0, d = 0;
        if (!RE2::FullMatch(s, iso, &y, &mo, &d) || !is_valid_date(y, mo, d))
          ok = false, report(c, path, "format", "'" + s + "' is not a calendar date (YYYY-MM-DD)", inst);
      }
    }
    if (k == Kind::array) {
      std::size_t n = inst.size();
      if (auto items = kw["items"]) {
        if (items.IsSequence()) {
          for (std::size_t i = 0; i < n && i < items.size(); ++i)
            ok = check(inner, items[i], base, inst[i], path + "/" + std::to_string(i)) && ok;
          if (auto add = kw["additionalItems"]; add && n > items.size())
            for (std::size_t i = items.size(); i < n; ++i)
              ok = check(inner, add, base, inst[i], path + "/" + std::to_string(i)) && ok;
        } else {
          for (std::size_t i = 0; i < n; ++i) ok = check(inner, items, base, inst[i], path + "/" + std::to_string(i)) && ok;
        }
      }
      if (auto m = kw["maxItems"]; m && static_cast<double>(n) > resolve(m).number)
        ok = false, report(c, path, "maxItems", "expected at most " + m.Scalar() + " items", inst);
      if (auto m = kw["minItems"]; m && static_cast<double>(n) < resolve(m).number)
        ok = false, report(c, path, "minItems", "expected at least " + m.Scalar() + " items", inst);
      if (auto u = kw["uniqueItems"]; u && resolve(u).boolean) {
        for (std::size_t i = 0; i < n && ok; ++i)
          for (std::size_t j = i + 1; j < n; ++j)
            if (equal(inst[i], inst[j])) {
              ok = false, report(c, path, "uniqueItems", "items " + std::to_string(i) + " and " + std::to_string(j) + " are equal", inst);
              break;
            }
      }
      if (auto ct = kw["contains"]) {
        bool any = false;
        for (std::size_t i = 0; i < n && !any; ++i) {
          Ctx quiet{nullptr, c.depth + 1};
          any = check(quiet, ct, base, inst[i], path);
        }
        if (!any) ok = false, report(c, path, "contains", "no item matches the 'contains' schema", inst);
      }
    }
    if (k == Kind::object) {
      std::size_t n = inst.size();
      if (auto m = kw["maxProperties"]; m && static_cast<double>(n) > resolve(m).number)
        ok = false, report(c, path, "maxProperties", "expected at most " + m.Scalar() + " properties", inst);
      if (auto m = kw["minProperties"]; m && static_cast<double>(n) < resolve(m).number)
        ok = false, report(c, path, "minProperties", "expected at least " + m.Scalar() + " properties", inst);
      auto has = [&](const std::string& name) {
        for (auto it = inst.begin(); it != inst.end(); ++it)
          if (it->first.Scalar() == name) return true;
        return false;
      };
      if (auto r = kw["required"])
        for (const auto& name : r)
          if (!has(name.Scalar())) ok = false, report(c, path, "required", "missing required property '" + name.Scalar() + "'", inst);
      YAML::Node props = kw["properties"], pprops = kw["patternProperties"], add = kw["additionalProperties"];
      for (auto it = inst.begin(); it != inst.end(); ++it) {
        const std::string key = it->first.Scalar();
        std::string p = path + "/" + pointer_escape(key);
        bool matched = false;
        if (props)
          for (auto pt = props.begin(); pt != props.end(); ++pt)
            if (pt->first.Scalar() == key) matched = true, ok = check(inner, pt->second, base, it->second, p) && ok;
        if (pprops)
          for (auto pt = pprops.begin(); pt != pprops.end(); ++pt) {
            const RE2* re = pattern_of(pt->first);
            if (re && RE2::PartialMatch(key, *re)) matched = true, ok = check(inner, pt->second, base, it->second, p) && ok;
          }
        if (!matched && add) {
          if (add.IsScalar() && !resolve(add).boolean) {
            ok = false, report(c, p, "additionalProperties", "property '" + key + "' is not allowed", it->first);
          } else {
            ok = check(inner, add, base, it->second, p) && ok;
          }
        }
        if (auto pn = kw["propertyNames"]) {
          Ctx quiet{nullptr, c.depth + 1};
          if (!check(quiet, pn, base, it->first, p))
            ok = false, report(c, p, "propertyNames", "property name '" + key + "' is not allowed", it->first);
        }
      }
      if (auto deps = kw["dependencies"]) {
        for (auto dt = deps.begin(); dt != deps.end(); ++dt) {
          if (!has(dt->first.Scalar())) continue;
          const YAML::Node dependency = dt->second;  // not a reference into the iterator's proxy
          if (dependency.IsSequence()) {
            for (const auto& name : dependency)
              if (!has(name.Scalar()))
                ok = false, report(c, path, "dependencies",
                                   "property '" + dt->first.Scalar() + "' requires '" + name.Scalar() + "'", inst);
          } else {
            ok = check(inner, dependency, base, inst, path) && ok;
          }
        }
      }
    }
    if (auto all = kw["allOf"])
      for (const auto& s : all) ok = check(inner, s, base, inst, path) && ok;
    if (auto any = kw["anyOf"]) {
      bool hit = false;
      for (const auto& s : any) {
        Ctx quiet{nullptr, c.depth + 1};
        if (check(quiet, s, base, inst, path)) {
          hit = true;
          break;
        }
      }
      if (!hit) ok = false, report(c, path, "anyOf", "value matches none of the 'anyOf' schemas", inst);
    }
    if (auto one = kw["oneOf"]) {
      int hits = 0;
      for (const auto& s : one) {
        Ctx quiet{nullptr, c.depth + 1};
        if (check(quiet, s, base, inst, path)) ++hits;
      }
      if (hits != 1)
        ok = false, report(c, path, "oneOf", "value matches " + std::to_string(hits) + " of the 'oneOf' schemas, expected exactly 1", inst);
    }
    if (auto no = kw["not"]) {
      Ctx quiet{nullptr, c.depth + 1};
      if (check(quiet, no, base, inst, path)) ok = false, report(c, path, "not", "value matches the 'not' schema", inst);
    }
    if (auto cond = kw["if"]) {
      Ctx quiet{nullptr, c.depth + 1};
      if (check(quiet, cond, base, inst, path)) {
        if (auto then = kw["then"]) ok = check(inner, then, base, inst, path) && ok;
      } else if (auto els = kw["else"]) {
        ok = check(inner, els, base, inst, path) && ok;
      }
    }
    return ok;
  }
};

// =================================================================== public

YAML::Node load_yaml(std::string_view text, const LoadLimits& limits) {
  if (text.size() > limits.max_bytes)
    throw InputError("document too large: " + std::to_string(text.size()) + " bytes, at most " +
                     std::to_string(limits.max_bytes));
  try {
    {
      std::istringstream in{std::string(text)};
      YAML::Parser parser(in);
      CountingHandler counter(limits.max_nodes);
      parser.HandleNextDocument(counter);
    }
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw InputError(e.msg, e.mark.line + 1, e.mark.column + 1);
  }
}

namespace {

YAML::Node from_json(const nlohmann::ordered_json& j) {
  switch (j.type()) {
    case nlohmann::ordered_json::value_t::object: {
      YAML::Node n(YAML::NodeType::Map);
      for (auto it = j.begin(); it != j.end(); ++it) {
        YAML::Node key(it.key());
        key.SetTag("!");
        n.force_insert(key, from_json(it.value()));
      }
      return n;
    }
    case nlohmann::ordered_json::value_t::array: {
      YAML::Node n(YAML::NodeType::Sequence);
      for (const auto& v : j) n.push_back(from_json(v));
      return n;
    }
    case nlohmann::ordered_json::value_t::string: {
      YAML::Node n(j.get<std::string>());
      n.SetTag("!");
      return n;
    }
    case nlohmann::ordered_json::value_t::boolean: return YAML::Node(j.get<bool>() ? "true" : "false");
    case nlohmann::ordered_json::value_t::null: return YAML::Node(YAML::NodeType::Null);
    default: return YAML::Node(j.dump());
  }
}

}  // namespace

YAML::Node load_document(std::string_view text, const LoadLimits& limits) {
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (text[first] == '{' || text[first] == '[')) {
    if (text.size() > limits.max_bytes)
      throw InputError("document too large: " + std::to_string(text.size()) + " bytes, at most " +
                       std::to_string(limits.max_bytes));
    // Depth guard without nlohmann's (slow) callback parser: one scan of
    // the brackets outside strings.
    {
      int depth = 0;
      bool in_string = false;
      for (std::size_t i = first; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
          if (c == '\\') ++i;
          else if (c == '"') in_string = false;
        } else if (c == '"') {
          in_string = true;
        } else if (c == '{' || c == '[') {
          if (++depth > kMaxDepth) throw InputError("JSON nested deeper than " + std::to_string(kMaxDepth));
        } else if (c == '}' || c == ']') {
          --depth;
        }
      }
    }
    try {
      // nlohmann decodes \u escapes and surrogate pairs exactly; its
      // re-serialisation (UTF-8, control characters escaped) is YAML that
      // yaml-cpp reads in one pass with one memory pool. (Building nodes one
      // by one merges pools at every insert: quadratic on big extractions.)
      nlohmann::ordered_json j = nlohmann::ordered_json::parse(text.begin(), text.end());
      try {
        return YAML::Load(j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
      } catch (const YAML::Exception&) {
        return from_json(j);  // a form yaml-cpp's JSON reading does not take
      }
    } catch (const nlohmann::ordered_json::parse_error& e) {
      // `{a: 1}` (an unquoted first key) is YAML flow, not JSON: YAML may
      // still read it. Text that starts like JSON is held to JSON.
      std::size_t k = text.find_first_not_of(" \t\r\n", first + 1);
      bool json_like = k != std::string_view::npos && (text[k] == '"' || text[k] == '}' || text[k] == ']' ||
                                                       text[first] == '[');
      if (!json_like) {
        try {
          return load_yaml(text, limits);
        } catch (const InputError&) {
        }
      }
      // Byte offset -> line and column.
      std::size_t at = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
      int line = 1, col = 1;
      for (std::size_t i = 0; i < at; ++i) {
        if (text[i] == '\n') ++line, col = 1;
        else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
      }
      std::string msg = e.what();
      std::size_t colon = msg.rfind(": ");
      throw InputError("invalid JSON: " + (colon == std::string::npos ? msg : msg.substr(colon + 2)), line, col);
    } catch (const nlohmann::ordered_json::exception& e) {
      // Not a syntax error but still no usable JSON: a number out of range
      // (5e375), found by fuzzing gazette-check's input reader.
      std::string msg = e.what();
      std::size_t bracket = msg.find("] ");
      throw InputError("invalid JSON: " + (bracket == std::string::npos ? msg : msg.substr(bracket + 2)));
    }
  }
  return load_yaml(text, limits);
}

Schema::Schema(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Schema::Schema(Schema&&) noexcept = default;
Schema& Schema::operator=(Schema&&) noexcept = default;
Schema::~Schema() = default;

Schema Schema::from_node(const YAML::Node& root, std::string_view file) {
  auto impl = std::make_unique<Impl>();
  impl->file = std::string(file);
  impl->root = root;
  if (root.IsMap())
    if (auto id = root["$id"]; id && id.IsScalar()) impl->root_uri = id.Scalar();
  std::set<std::string> targets;
  Impl::collect_refs(root, &targets, 0);
  impl->prepare(root, impl->root_uri, targets, "", 0);
  return Schema(std::move(impl));
}

Schema Schema::load(std::string_view text, std::string_view file, const LoadLimits& limits) {
  YAML::Node root;
  try {
    root = load_yaml(text, limits);
  } catch (const InputError& e) {
    throw InputError(std::string(file) + ": " + e.what(), e.line(), e.column());
  }
  return from_node(root, file);
}

void Schema::add_document(std::string_view uri, const YAML::Node& document) {
  std::string u = strip_fragment(std::string(uri));
  impl_->documents[u] = document;
  impl_->ref_cache.clear();
  std::set<std::string> targets;
  Impl::collect_refs(document, &targets, 0);
  // A registered document may hold schemas under any names (a library of
  // definitions), so its unknown keys are walked, not refused.
  impl_->strict = false;
  impl_->prepare(document, u, targets, "", 0);
  impl_->strict = true;
}

std::vector<SchemaViolation> Schema::validate(const YAML::Node& instance) const {
  std::vector<SchemaViolation> out;
  impl_->steps_left = kMinSteps + kStepsPerNode * Impl::count_nodes(instance);
  Impl::Ctx c{&out, 0};
  impl_->check(c, impl_->root, impl_->root_uri, instance, "");
  return out;
}

bool Schema::items_apart(std::string_view property) const {
  static const std::set<std::string> root_keys = {"$schema", "$id", "$comment", "title", "description", "type",
                                                   "required", "properties", "additionalProperties", "definitions",
                                                   "$defs", "default", "examples"};
  static const std::set<std::string> array_keys = {"type", "items", "title", "description", "$comment"};
  const YAML::Node& root = impl_->root;
  if (!root.IsMap()) return false;
  for (auto it = root.begin(); it != root.end(); ++it)
    if (!root_keys.count(it->first.Scalar())) return false;
  const YAML::Node props = root["properties"];
  if (!props || !props.IsMap()) return false;
  const YAML::Node array = props[std::string(property)];
  if (!array || !array.IsMap() || !array["items"] || !(array["items"].IsMap() || array["items"].IsScalar()))
    return false;
  for (auto it = array.begin(); it != array.end(); ++it)
    if (!array_keys.count(it->first.Scalar())) return false;
  const YAML::Node type = array["type"];
  return type && type.IsScalar() && type.Scalar() == "array";
}

std::vector<SchemaViolation> Schema::validate_item(const YAML::Node& item, std::string_view property,
                                                   std::size_t index) const {
  std::vector<SchemaViolation> out;
  const YAML::Node& root = impl_->root;
  std::string base = impl_->root_uri;
  if (auto id = root["$id"]; id && id.IsScalar() && !id.Scalar().empty() && id.Scalar()[0] != '#')
    base = resolve_uri(base, id.Scalar());
  const YAML::Node items = root["properties"][std::string(property)]["items"];
  impl_->steps_left = kMinSteps + kStepsPerNode * Impl::count_nodes(item);
  Impl::Ctx c{&out, 1};
  impl_->check(c, items, base, item, "/" + std::string(property) + "/" + std::to_string(index));
  return out;
}

std::vector<SchemaViolation> Schema::validate(std::string_view instance_text) const {
  return validate(load_document(instance_text));
}

const std::vector<std::string>& Schema::supported_keywords() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> v(applicator_keywords().begin(), applicator_keywords().end());
    v.insert(v.end(), annotation_keywords().begin(), annotation_keywords().end());
    return v;
  }();
  return all;
}

}  // namespace gazette
