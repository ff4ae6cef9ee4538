// gazette/files.h — reading inputs and writing outputs safely.
//
// The parsers take buffers; these are for the tools and the batch driver.
// write_file_atomically() writes a temporary file in the target's folder,
// syncs it and renames it over the target, so a reader (or the next run
// after a crash or SIGINT) never sees half a file.
//
//   std::string bytes = gazette::read_file("issue.txt");        // throws InputError
//   gazette::write_file_atomically("out/issue.json", json);
#pragma once

#include <string>
#include <string_view>

namespace gazette {

// The whole file ("-" = standard input). Throws InputError naming why
// (no such file, is a directory, permission denied, read error).
std::string read_file(const std::string& path);

// Throws InputError ("cannot write: …") and leaves no temporary behind.
void write_file_atomically(const std::string& path, std::string_view data);

// Marker in the names of temporary files, so a later run can remove the
// ones a killed run left.
constexpr const char* kTempMarker = ".gazette-tmp.";

}  // namespace gazette
