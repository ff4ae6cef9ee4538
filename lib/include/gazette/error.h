// gazette/error.h — the conditions that stop processing one input.
//
// Findings about a readable input are Diagnostics (model.h), never
// exceptions. An InputError means the input could not be used at all (cannot
// read, cannot decode, not a gazette); it carries the position where that was
// found, so a tool can print `tool: error: FILE:LINE:COL: message`.
//
//   try { auto text = gazette::decode(bytes, {}); }
//   catch (const gazette::InputError& e) { std::cerr << e.what(); }
#pragma once

#include <stdexcept>
#include <string>

namespace gazette {

class InputError : public std::runtime_error {
 public:
  // line and column are 1-based; 0 means "no position" (e.g. an empty file).
  InputError(std::string message, int line = 0, int column = 0)
      : std::runtime_error(std::move(message)), line_(line), column_(column) {}
  int line() const { return line_; }
  int column() const { return column_; }

 private:
  int line_;
  int column_;
};

// The disk under an output is full (ENOSPC) or over quota (EDQUOT): not a
// fault of the input, so a batch run stops (after committing what is done)
// instead of failing every input after it.
class DiskFullError : public InputError {
 public:
  using InputError::InputError;
};

}  // namespace gazette
