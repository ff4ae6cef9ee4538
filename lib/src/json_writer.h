// Internal: a streaming JSON writer appending to one std::string.
//
// The renderers used to build an nlohmann::ordered_json tree and dump it;
// the tree cost a fifth of extraction time (a heap node per field, copies of
// every string). This writes the same bytes directly: two-space indentation
// or compact, CJK unescaped, control characters as \u00XX, invalid UTF-8
// replaced by U+FFFD — the output of nlohmann's dump(indent, ' ', false,
// replace), which earlier output and the golden tests were made with.
#pragma once


#include <charconv>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace gazette::detail {

class JsonWriter {
 public:
  // indent < 0: compact, one line.
  JsonWriter(std::string& out, int indent) : out_(out), indent_(indent) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  void key(std::string_view k) {
    separate();
    string(k);
    out_ += indent_ < 0 ? ":" : ": ";
    after_key_ = true;
  }

  void value(std::string_view s) { separate(); string(s); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(const char* s) { value(std::string_view(s)); }
  void value(bool b) { separate(); out_ += b ? "true" : "false"; }
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  void value(T n) {
    separate();
    char digits[24];  // std::to_chars: no format string to parse per number
    auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    out_.append(digits, static_cast<std::size_t>(end - digits));
  }
  void null() { separate(); out_ += "null"; }
  template <class T>
  void value(const std::optional<T>& v) {
    if (v) value(*v); else null();
  }

 private:
  struct Level {
    bool empty = true;
  };
  void open(char c);
  void close(char c);
  void separate();  // the comma and newline before a value or key
  void newline();
  void string(std::string_view s);
  void clean_string(std::string_view s);

  std::string& out_;
  int indent_;
  bool after_key_ = false;
  std::vector<Level> levels_;
};

}  // namespace gazette::detail
