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

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gazette {

// Inputs larger than this are refused: an issue is a few MB, an extreme
// one tens of MB; line offsets are 32-bit; and /dev/zero or a runaway pipe
// must end with an error, not with the machine's memory.
constexpr std::size_t kMaxInputBytes = std::size_t{1} << 30;  // 1 GiB

// The whole file ("-" = standard input). Throws InputError naming why
// (no such file, is a directory, permission denied, read error, larger
// than kMaxInputBytes). The file is opened without blocking, so a FIFO
// with no writer cannot hang the open; `regular_only` refuses anything but
// a regular file (for files named by data rather than by the user, such as
// an extraction's source.path).
// `max_bytes` lowers the limit for files that are never large (a schema, a
// profile: 16 MiB), so a stranger's 1 GiB file is refused before it is read.
std::string read_file(const std::string& path, bool regular_only = false, std::size_t max_bytes = kMaxInputBytes);
// The same into `buffer`, reused across inputs: the bytes are the view
// returned (the buffer may be longer); valid until the buffer changes.
std::string_view read_file(const std::string& path, std::string& buffer, bool regular_only = false,
                           std::size_t max_bytes = kMaxInputBytes);

// Throws InputError ("cannot write: …"; DiskFullError when the disk is full
// or over quota) and leaves no temporary behind. The temporary file is
// created beside the target with an unpredictable short name
// (.gazette-tmp.<24 hex digits>), O_EXCL and O_NOFOLLOW.
// sync = false skips the fdatasync (the rename is still atomic, so a
// killed process never leaves half a file); the caller then owes a
// sync_filesystem() before it records the output as done anywhere that
// must survive a power loss. gazette-convert syncs once per catalog
// transaction instead of once per file.
void write_file_atomically(const std::string& path, std::string_view data, bool sync = true);

// Flushes the file system holding `dir` (syncfs): every file written and
// renamed there so far is on disk when it returns. Throws InputError.
void sync_filesystem(const std::string& dir);

// A name made from a stranger's path, fit to print, store and read back
// anywhere: each byte that starts no valid UTF-8 character becomes \xNN
// (two lowercase hex digits), and bidirectional controls and zero-width
// characters (U+200B-200F, U+202A-202E, U+2066-2069, U+FEFF, U+061C),
// which can make a name read as another, are removed. Valid, plain names
// pass unchanged. gazette-convert names outputs and catalog rows with it
// (and keeps the raw bytes in issues.path_raw).
std::string printable_name(std::string_view raw);

// `relative` resolved inside `folder` ("" is the current folder), if it
// stays there: relative, no "..", and still inside once links are
// resolved. The resolved path, or nothing. For paths named by data, such as
// an extraction's source.path, which must not lead to other files.
std::optional<std::string> path_inside(const std::string& folder, const std::string& relative);

// A listed input path as a safe relative one, for naming its output under
// an output folder: normalised, no leading '/', no '.' parts
// ("/data/2022/01/issue.txt" -> "data/2022/01/issue.txt"). Throws
// InputError for a path that leaves its folder ("..").
std::string safe_relative(const std::string& path);

// Prefix of the names of temporary files, so a later run can remove the
// ones a killed run left.
constexpr const char* kTempMarker = ".gazette-tmp.";
// Is `name` (a file name, no folder) one of our temporary files: exactly
// .gazette-tmp.<24 hex digits>, or before 0.3.0 .NAME.gazette-tmp.PID.N?
// An input or output that merely contains the marker (a.gazette-tmp.txt)
// is not one.
bool is_temporary_name(std::string_view name);

}  // namespace gazette
