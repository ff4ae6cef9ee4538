// gazette/batch.h — converting an archive: many inputs, threads, a catalog.
//
// convert() finds the inputs (files, folders walked recursively, listed
// paths), extracts each on a pool of worker threads, writes one output per
// input under OUTDIR (its path relative to its input root + .json/.yaml/
// .jsonl) atomically, and records every issue in OUTDIR/catalog.sqlite and
// OUTDIR/catalog.csv. An input whose content hash and tool version match
// its catalog row and whose output exists is skipped: a re-run on an
// unchanged archive writes nothing. A failing input is reported through
// `on_error`, recorded in the catalog's failures table, and the others go
// on; met again with the same bytes and tool version it is a known failure,
// counted but neither retried nor reported (unless retry_failed). Setting `*stop` (SIGINT) finishes the
// files under way, commits the catalog and returns.
//
//   gazette::ConvertOptions o;
//   o.inputs = {"archive/"};
//   o.outdir = "out";
//   gazette::ConvertSummary s = gazette::convert(o);
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "gazette/emit.h"

namespace gazette {

struct ConvertOptions {
  std::vector<std::string> inputs;   // files and folders
  std::vector<std::string> listed;   // paths read from --files-from
  std::string glob;                  // fnmatch(3) pattern on file names; "" = every non-hidden file
  unsigned jobs = 0;                 // worker threads (all the run uses); 0 = all cores
  Format format = Format::json;      // json, jsonl or yaml
  std::string outdir;
  std::string encoding;              // force an input encoding ("" = detect)
  // Fill the full-text index (documents_fts). SQLite's trigram tokenizer
  // indexes ~4-5 MB/s on this machine and is the run's bottleneck; turn it
  // off for a fast first pass and rebuild later (docs/CATALOG.md).
  bool full_text = true;
  // Try again inputs that failed before with the same bytes and tool
  // version (table failures); by default they are counted, not retried.
  bool retry_failed = false;
  // The archive root: inputs are named (outputs, catalog rows) by their
  // path under it. "" = the root the catalog recorded, else the deepest
  // folder holding the inputs; recorded by the run.
  std::string root;
  // Forget inputs gone from under the root: their outputs and rows.
  bool prune = false;
  // An input failed (path, message, line, column). Called from a worker
  // thread, never from two at once.
  std::function<void(const std::string&, const std::string&, int, int)> on_error;
  // Called from the main thread about every 200 ms while working (done,
  // total, bytes done).
  std::function<void(std::size_t, std::size_t, std::uint64_t)> on_progress;
  const std::atomic<bool>* stop = nullptr;
};

struct ConvertSummary {
  std::size_t total = 0, converted = 0, skipped = 0, documents = 0;
  std::size_t moved = 0;         // inputs moved or renamed, bytes unchanged: rows and output follow, no extraction
  std::size_t failed = 0;        // new failures: reported through on_error
  std::size_t known_failed = 0;  // failed before, unchanged: not retried, not reported
  std::size_t named_failed = 0;  // inputs named by the caller that cannot be read (exit 2)
  std::size_t gone = 0;          // recorded, but no longer under the root
  std::size_t pruned = 0;        // of those, forgotten (prune)
  std::string root;              // the archive root used
  std::uint64_t bytes = 0;   // input bytes converted
  double seconds = 0;
  bool interrupted = false;
};

// Merging converted shares of one archive (each machine converted its part
// into its own folder, with the same --root layout) into OUTDIR: each
// part's outputs are copied (not extracted again) and its catalog rows
// merged (Catalog::merge); catalog.csv follows.
struct MergeOptions {
  std::vector<std::string> parts;  // folders gazette-convert wrote
  std::string outdir;
  std::string root;                // "" = OUTDIR's recorded root, else the first part's
  std::function<void(const std::string&, const std::string&)> on_error;  // a part that could not be merged
};

struct MergeSummary {
  std::size_t parts = 0, merged = 0, failed = 0;
  double seconds = 0;
};

MergeSummary merge(const MergeOptions& options);

// Throws InputError for what stops the whole run (OUTDIR cannot be made,
// the catalog cannot be opened, an input root does not exist).
ConvertSummary convert(const ConvertOptions& options);

}  // namespace gazette
