// gazette/catalog.h — the SQLite catalog of a converted archive.
//
// One row per issue (with the content hash and tool version that made its
// output, so a re-run skips what is unchanged), per document, per task, per
// cited reference, and an FTS5 table with the trigram tokenizer over each
// document's title and text, so a Chinese substring query works:
//   SELECT d.number FROM documents_fts f JOIN documents d ON d.id = f.rowid
//   WHERE documents_fts MATCH '药品监管';
// docs/CATALOG.md documents the tables with more queries.
//
//   gazette::Catalog c("out/catalog.sqlite");
//   if (!c.up_to_date("2022/12.txt", sha, version())) c.record("2022/12.txt", "2022/12.txt.json", issue);
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazette/model.h"

namespace gazette {

// PRAGMA user_version of the catalogs this version writes, merges and
// searches (docs/CATALOG.md, "Schema version").
inline constexpr int kCatalogVersion = 6;

class Catalog {
 public:
  // Opens (creating if needed) the database. Throws InputError on failure.
  explicit Catalog(const std::string& path);
  ~Catalog();
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  // True when `path` was recorded from content `sha256` by `tool_version`.
  bool up_to_date(std::string_view path, std::string_view sha256, std::string_view tool_version) const;
  // The content hash recorded for `path` by `tool_version`, or "".
  std::string recorded_sha256(std::string_view path, std::string_view tool_version) const;

  // Replaces everything recorded for `path` with `issue`.
  // `full_text` false leaves the document out of documents_fts. `raw_path`
  // is the input's path as bytes when `path` is its escaped form
  // (printable_name, files.h): kept in issues.path_raw.
  void record(std::string_view path, std::string_view output, const Issue& issue, std::string_view tool_version,
              bool full_text = true, std::string_view raw_path = {});

  // Groups records into one transaction (commit() ends it).
  void begin();
  void commit();

  // Builds what a fresh catalog defers during a bulk load (its secondary
  // indexes); call it after the last commit. Without it the next open
  // builds them, so a killed run loses nothing but time.
  void finish();

  // Writes the documents as CSV (RFC 4180, UTF-8, header row): source file,
  // issue year and number, 发文字号, title, genre, date, issuers, section, page.
  std::string documents_csv() const;

  // Every recorded issue, by path: its path (printable), its output
  // relative to OUTDIR, and its path as bytes (raw == path unless escaped).
  struct Recorded {
    std::string path, output, raw;
    std::string sha256, tool_version;
  };
  std::vector<Recorded> issues() const;
  // Forgets an issue: its rows in every table (an input gone, pruned).
  void remove(std::string_view path);
  // An input moved or renamed, its bytes unchanged: its rows follow it
  // (ids, tasks and the full-text index kept, nothing indexed again).
  void rename(std::string_view from, std::string_view to, std::string_view output, std::string_view raw_path = {});

  // Merges another catalog (`part`, a converted share of the same archive
  // made on another machine) into this one: its issues this catalog lacks,
  // or holds with other bytes or another tool version, replace ours, with
  // every row (documents, tasks, departments by name, references, key
  // dates, the full-text index) and ids shifted past ours; its failures of
  // inputs we have not converted. `each` is called for every issue taken,
  // before the rows commit (to copy its output); if it throws, nothing is
  // merged. Returns how many issues were taken. Throws InputError for a
  // catalog of another version or one that cannot be read.
  std::size_t merge(const std::string& part, const std::function<void(const Recorded&)>& each);

  // The archive root inputs are named relative to ("" until a run sets it).
  std::string root() const;
  void set_root(std::string_view root);

  // Inputs that failed (table failures): a re-run does not try an input
  // again while its bytes and the tool version are those that failed.
  struct Failure {
    std::string path, sha256, error;
    int line = 0, column = 0;
  };
  std::vector<Failure> failures(std::string_view tool_version) const;
  void record_failure(const Failure& failure, std::string_view tool_version);

  // The catalog's change counter (table catalog_state): every record()
  // bumps it. catalog.csv is stamped with the generation it was written
  // from and its size (mark_csv); csv_current() says whether a CSV of
  // `bytes` bytes (nullopt: missing) is still that one, so a CSV left stale
  // by a killed run, or replaced, is rewritten on the next run.
  long long generation() const;
  bool csv_current(std::optional<std::uintmax_t> bytes) const;
  void mark_csv(long long at_generation, std::uintmax_t bytes);

  // Rows in documents (for summaries and tests).
  long long document_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gazette
