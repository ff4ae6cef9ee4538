// gazette-split: one UTF-8 text file per document, plus manifest.json.

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include "cli_common.h"
#include "gazette/extract.h"
#include "gazette/files.h"
#include "gazette/split.h"

namespace {

// Splits one input into `outdir`. Throws InputError naming what failed.
// Splits one input into `outdir`. A folder split before is left holding
// exactly what the new manifest lists: files the old manifest listed and
// the new one does not are removed; any other file is left, and reported,
// unless `force` removes it too.
std::size_t split_one(const std::string& input, const std::string& outdir, const std::string& encoding,
                      const gazette::SplitOptions& so, bool force) {
  using namespace gazette;
  std::string bytes = cli::read_input(input);
  ExtractOptions eo;
  eo.path = input;
  eo.decode.encoding = encoding;
  Issue issue = extract(bytes, eo);
  Decoded decoded = decode(bytes, eo.decode);
  Text text = split_lines(decoded.text());
  std::vector<SplitFile> files = split_issue(issue, text, so);
  std::error_code ec;
  std::filesystem::create_directories(outdir, ec);
  if (ec) throw InputError(outdir + ": cannot create output folder: " + ec.message());
  std::vector<std::string> before;
  try {
    before = manifest_files(read_file(outdir + "/manifest.json", /*regular_only=*/true));
  } catch (const InputError&) {  // no earlier manifest
  }
  for (const auto& f : files) {
    try {
      cli::write_atomically(outdir + "/" + f.name, f.content);
    } catch (const InputError& e) {
      throw InputError(outdir + "/" + f.name + ": " + e.what());
    }
  }
  cli::write_atomically(outdir + "/manifest.json", split_manifest(issue, files));
  std::set<std::string> now{"manifest.json"};
  for (const auto& f : files) now.insert(f.name);
  std::set<std::string> written_before(before.begin(), before.end());
  std::size_t left = 0;
  for (const auto& entry : std::filesystem::directory_iterator(outdir, ec)) {
    std::string name = entry.path().filename().string();
    std::error_code fec;
    if (now.count(name) || !entry.is_regular_file(fec) || entry.is_symlink(fec)) continue;  // never a link or folder
    if (written_before.count(name) || force) std::filesystem::remove(entry.path(), fec);
    else ++left;
  }
  if (left)
    std::cerr << "gazette-split: " << outdir << ": " << left << (left == 1 ? " file" : " files")
              << " not written by gazette-split left in place (--force removes them)\n";
  return files.size();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace gazette;
  constexpr const char* kTool = "gazette-split";
  cli::ignore_sigpipe();
  cli::keep_freed_memory();

  std::vector<std::string> inputs;
  std::string files_from, outdir, encoding;
  SplitOptions so;
  bool force = false;
  CLI::App app{"Split a gazette issue into one UTF-8 text file per document, with manifest.json\n"
               "mapping files to documents and source lines. Several inputs (or --files-from):\n"
               "each into OUTDIR/<its path, made relative, without extension>/.",
               kTool};
  app.footer(std::string(cli::kExitHelp) + "\nExample: gazette-split samples/chuxiong-2022-12.txt -o docs/ && ls docs/");
  cli::add_version_flag(app, kTool);
  app.add_option("FILE", inputs, "gazette text; - reads standard input");
  cli::add_files_from_option(app, files_from);
  app.add_option("-o,--outdir", outdir, "output folder (created if needed)")->required();
  app.add_option("--encoding", encoding, "force the input encoding (default: detect)");
  app.add_flag("--force", force, "also remove files in the output folder that no manifest lists");
  app.add_flag("--separate", so.separate, "write attachments and parts to files of their own");
  app.add_option("--max-name-bytes", so.max_name_bytes, "longest file name, in bytes (default 150)")
      ->check(CLI::Range(std::size_t{24}, std::size_t{255}));
  if (int rc = cli::parse(app, argc, argv, kTool); rc >= 0) return rc;
  if (int rc = cli::add_listed_inputs(kTool, files_from, inputs); rc >= 0) return rc;
  int rc = cli::kOk;
  if (inputs.empty() && files_from.empty()) {
    cli::print_error(kTool, "no input file (give FILE or --files-from; see --help)");
    return cli::kError;
  }

  // A folder stands for its files (walked recursively; hidden entries and
  // the output folder skipped; links not followed into folders), in name
  // order, each split into a subfolder after its path.
  bool folder_given = false;
  {
    std::vector<std::string> expanded;
    std::error_code ec;
    const auto out_canon = std::filesystem::weakly_canonical(outdir, ec);
    for (const std::string& input : inputs) {
      if (input == "-" || !std::filesystem::is_directory(input, ec)) {
        expanded.push_back(input);
        continue;
      }
      folder_given = true;
      std::vector<std::string> found;
      std::filesystem::recursive_directory_iterator it(input, ec), end;
      if (ec) {
        cli::print_error(kTool, input, InputError("cannot read folder: " + ec.message()));
        rc = cli::kError;
        continue;
      }
      for (; it != end; it.increment(ec)) {
        std::error_code fec;
        const std::string name = it->path().filename().string();
        bool folder = it->is_directory(fec);
        if (!name.empty() && name[0] == '.') {
          if (folder) it.disable_recursion_pending();
          continue;
        }
        if (folder) {
          if (std::filesystem::weakly_canonical(it->path(), fec) == out_canon) it.disable_recursion_pending();
        } else if (it->is_regular_file(fec)) {
          found.push_back(it->path().string());
        }
      }
      if (ec) {
        cli::print_error(kTool, input, InputError("cannot read folder: " + ec.message()));
        rc = cli::kError;
      }
      std::sort(found.begin(), found.end());
      expanded.insert(expanded.end(), found.begin(), found.end());
    }
    inputs = std::move(expanded);
  }
  const bool one = inputs.size() == 1 && files_from.empty() && !folder_given;
  std::set<std::string> taken;  // subfolders already written by this run
  for (const std::string& input : inputs) {
    std::string dir = outdir;
    if (!one) {
      // The input's own path, made relative, without its extension: inputs
      // that share a name in different folders (2022/01/issue.txt,
      // 2022/02/issue.txt) keep apart, as gazette-convert's outputs do.
      std::string rel;
      try {
        rel = input == "-" ? "stdin" : safe_relative(input);
      } catch (const InputError& e) {
        cli::print_error(kTool, input, e);
        rc = cli::kError;
        continue;
      }
      std::filesystem::path p(rel);
      rel = (p.parent_path() / p.stem()).generic_string();
      if (rel.empty() || !taken.insert(rel).second) {
        cli::print_error(kTool, input, InputError("its folder " + outdir + "/" + rel + " is also that of an earlier input"));
        rc = cli::kError;
        continue;
      }
      dir += "/" + rel;
    }
    try {
      std::size_t n = split_one(input, dir, encoding, so, force);
      std::cerr << n << (n == 1 ? " file" : " files") << " written to " << dir << "\n";
    } catch (const InputError& e) {
      cli::print_error(kTool, input, e);
      rc = cli::kError;
    }
  }
  return rc;
}
