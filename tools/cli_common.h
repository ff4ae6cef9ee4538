// Shared by every tool: the exit-code contract, reading inputs, error
// messages in one format, quiet ends on closed pipes, atomic output files.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "gazette/error.h"

namespace gazette::cli {

// The exit-code contract of every tool (documented in README and --help).
enum Exit : int { kOk = 0, kFindings = 1, kError = 2 };

constexpr const char* kExitHelp =
    "Exit status: 0 success; 1 ran fine but found problems; 2 usage, input or I/O error.";

// Reads a whole file ("-" = standard input). Throws InputError naming why.
std::string read_input(const std::string& path);
// The same into a buffer reused across inputs (see gazette::read_file).
std::string_view read_input(const std::string& path, std::string& buffer);

// Input paths listed one per line in FILE ("-" = standard input), CR and
// empty lines dropped: `find … | tool --files-from -`, or a streaming
// mapper (Hadoop, GNU parallel --pipe) fed a list of paths. Throws InputError.
std::vector<std::string> read_path_list(const std::string& file);
// Adds `--files-from FILE` to `app`, the paths it lists read into `paths`
// by read_path_list after parsing (see add_listed_inputs).
void add_files_from_option(CLI::App& app, std::string& file);
// Appends the paths listed in `file` (if not empty) to `inputs`; kError
// with the message printed if the list cannot be read or both the list and
// an input are standard input; -1 to go on.
int add_listed_inputs(std::string_view tool, const std::string& file, std::vector<std::string>& inputs);

// `tool: error: FILE:LINE:COL: message`, position parts omitted when unknown.
void print_error(std::string_view tool, std::string_view file, const InputError& e);
void print_error(std::string_view tool, std::string_view message);

// Makes writes to a closed pipe (SIGPIPE) or past a file size limit
// (SIGXFSZ, `ulimit -f`) fail with an error instead of killing the tool.
void ignore_sigpipe();

// Lets the allocator keep freed memory for the next input instead of handing
// it back to the kernel and faulting it in again (36,000 page faults on the
// 100 MB benchmark corpus, ~14% of the time, without it). Peak memory is
// unchanged: what is kept was in use a moment before.
void keep_freed_memory();

// After writing to stdout: kOk to go on; or the exit code to stop with —
// 0 when the reader closed the pipe (`| head`: a quiet end), 2 (message
// printed) when the write failed otherwise (disk full, file too large).
int stdout_status(std::string_view tool);

// A JSON string literal: quotes, backslashes and control characters
// escaped, UTF-8 passed through.
std::string json_string(std::string_view s);

// Writes `data` to `path` through a temporary file in the same folder and
// a rename, so no reader ever sees half a file. Throws InputError.
void write_atomically(const std::string& path, std::string_view data);

// The folder of schemas and profiles: $GAZETTE_SCHEMAS if set, else
// <prefix>/share/gazette/schemas beside an installed tool, else the
// source tree's schemas/ (a tool run from build/bin).
std::string schemas_dir();

// --version: the tool's version, the library's and ICU's.
void add_version_flag(CLI::App& app, std::string_view tool);

// Parses argv with CLI11; returns -1 to continue, else the exit code
// (0 for --help/--version, kError for usage errors, message printed).
int parse(CLI::App& app, int argc, char** argv, std::string_view tool);

}  // namespace gazette::cli
