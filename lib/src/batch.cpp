// Batch conversion: inputs -> worker threads -> outputs + catalog.
//
// `-j N` runs N worker threads, each reading an input, extracting it and
// writing its output; finished issues go through a bounded queue into the
// catalog (one SQLite connection), recorded by whichever worker holds it.
// The main thread only walks the inputs and reports progress.
#include "gazette/batch.h"

#include <fcntl.h>
#include <fnmatch.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "gazette/catalog.h"
#include "gazette/error.h"
#include "gazette/extract.h"
#include "gazette/files.h"
#include "gazette/search.h"
#include "source_hash.h"

#include <nlohmann/json.hpp>

namespace gazette {
namespace fs = std::filesystem;
namespace {

struct Job {
  std::string path;  // as found
  std::string rel;   // relative to its input root, printable (printable_name): names the output and the row
  std::string raw;   // the same as bytes, when printable_name changed it; else ""
};

Job make_job(std::string path, const std::string& rel) {
  std::string shown = printable_name(rel);
  std::string raw = shown == rel ? "" : rel;
  return {std::move(path), std::move(shown), std::move(raw)};
}

struct Result {
  std::size_t job;
  std::optional<Issue> issue;   // converted
  bool skipped = false;
  std::string sha256;           // of the input's bytes ("" when they could not be read)
  const Catalog::Recorded* moved_from = nullptr;  // the same bytes recorded under a name now gone
  std::string error;
  int line = 0, column = 0;
  std::uint64_t bytes = 0;
};

const char* extension(Format f) {
  switch (f) {
    case Format::yaml: return ".yaml";
    case Format::jsonl: return ".jsonl";
    default: return ".json";
  }
}

bool hidden(const fs::path& p) {
  std::string n = p.filename().string();
  return !n.empty() && n[0] == '.';
}

// One run at a time per OUTDIR: an exclusive flock on the folder itself
// (no extra file in it), held until the run returns and dropped by the
// kernel if the process dies. A second run would otherwise remove the
// first's temporary files as leftovers and collide with it in the catalog
// ("database is locked"). Where the filesystem has no flock, runs go on
// unlocked, as before.
class FolderLock {
 public:
  explicit FolderLock(const std::string& dir) : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (fd_ >= 0 && ::flock(fd_, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
      ::close(fd_);
      throw InputError(dir + ": another gazette-convert run is writing this folder; wait for it to end");
    }
  }
  ~FolderLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  int fd_;
};

// Is `p` the folder whose canonical path is `canon` (links resolved)?
bool is_folder(const fs::path& p, const fs::path& canon) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return !ec && c == canon;
}

// Walks an input folder. Every file-system call takes an error_code: an
// entry that cannot be read (an unreadable folder, a dangling link, a link
// loop, a name too long) is reported with its path and the walk goes on.
// Links are followed for reading only: a file's output is named by its own
// path under the root, lexically (never by where a link points, which once
// named an output ../../F beside the link's target), and a folder reached
// twice (a link loop, a link to a folder already walked) is walked once.
// The output folder, and hidden entries, are not walked.
void walk_folder(const fs::path& root, const fs::path& outdir_canon, const std::function<bool(const fs::path&)>& wanted,
                 const std::function<std::string(const fs::path&)>& identity, std::vector<Job>& jobs,
                 std::vector<std::pair<std::string, std::string>>& errors) {
  std::set<std::pair<dev_t, ino_t>> seen;
  auto first_visit = [&](const fs::path& dir) {
    struct stat st {};
    return ::stat(dir.c_str(), &st) == 0 && seen.emplace(st.st_dev, st.st_ino).second;
  };
  std::vector<fs::path> stack{root};
  first_visit(root);
  while (!stack.empty()) {
    fs::path dir = std::move(stack.back());
    stack.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    if (ec) {
      errors.emplace_back(dir.string(), "cannot read folder: " + ec.message());
      continue;
    }
    std::vector<fs::path> files, dirs;
    for (; it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      if (hidden(p)) continue;
      std::error_code sec;
      fs::file_status st = fs::status(p, sec);  // through links
      if (sec) {
        errors.emplace_back(p.string(), sec.message());  // dangling link, loop, too long
        continue;
      }
      if (fs::is_directory(st)) dirs.push_back(p);
      else if (fs::is_regular_file(st) && wanted(p)) files.push_back(p);
    }
    if (ec) errors.emplace_back(dir.string(), "cannot read folder: " + ec.message());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      try {
        jobs.push_back(make_job(f.string(), identity(f)));
      } catch (const InputError& e) {
        errors.emplace_back(f.string(), e.what());
      }
    }
    std::sort(dirs.begin(), dirs.end(), std::greater<>());  // popped in name order
    for (const fs::path& d : dirs)
      if (!is_folder(d, outdir_canon) && first_visit(d)) stack.push_back(d);  // not the output folder inside an input
  }
}

// A path made absolute and normal without touching the file system: links
// are not resolved, so a file reached through a link is named by the
// link's own path.
fs::path absolute_lexical(const fs::path& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec).lexically_normal();
  if (!a.has_filename() && a.has_parent_path() && a != a.root_path()) a = a.parent_path();  // "dir/" -> "dir"
  return a;
}

// The deepest folder holding every input: a folder input is its own,
// a file's is the folder it is in.
fs::path common_folder(const std::vector<std::string>& inputs, const std::vector<std::string>& listed) {
  std::optional<fs::path> common;
  auto add = [&](const std::string& in) {
    fs::path a = absolute_lexical(in);
    std::error_code ec;
    const fs::file_status st = fs::status(a, ec);
    if (ec || !fs::exists(st)) return;  // not there: reported, and no part of the root
    if (!fs::is_directory(st)) a = a.parent_path();
    if (!common) {
      common = a;
      return;
    }
    fs::path shared;
    for (auto i = common->begin(), j = a.begin(); i != common->end() && j != a.end() && *i == *j; ++i, ++j)
      shared /= *i;
    common = shared;
  };
  for (const auto& in : inputs) add(in);
  for (const auto& in : listed) add(in);
  return common ? *common : absolute_lexical(".");
}

// OUTDIR, made if needed; its canonical path tells it among the inputs.
fs::path make_outdir(const std::string& outdir) {
  std::error_code ec;
  fs::create_directories(outdir, ec);
  if (ec || !fs::is_directory(outdir)) throw InputError(outdir + ": cannot create output folder: " + ec.message());
  return fs::weakly_canonical(outdir, ec);
}

// The CSV follows the catalog: rewritten whenever it is not the one
// stamped with the catalog's current generation (anything converted, a
// run killed between the catalog's last commit and the CSV's rename, a
// CSV missing or replaced).
void refresh_csv(Catalog& catalog, const std::string& outdir) {
  std::string csv_path = outdir + "/catalog.csv";
  std::error_code csv_ec;
  auto csv_bytes = fs::file_size(csv_path, csv_ec);
  if (!catalog.csv_current(csv_ec ? std::nullopt : std::optional<std::uintmax_t>(csv_bytes))) {
    const long long at = catalog.generation();
    std::string csv = catalog.documents_csv();
    write_file_atomically(csv_path, csv);
    catalog.mark_csv(at, csv.size());
  }
}

}  // namespace

MergeSummary merge(const MergeOptions& o) {
  auto start = std::chrono::steady_clock::now();
  MergeSummary summary;
  const fs::path outdir_canon = make_outdir(o.outdir);
  FolderLock lock(o.outdir);
  Catalog catalog(o.outdir + "/catalog.sqlite");
  if (!o.root.empty()) catalog.set_root(absolute_lexical(o.root).string());
  for (const std::string& part : o.parts) {
    try {
      if (is_folder(part, outdir_canon)) throw InputError("is the output folder itself");
      const std::string part_catalog = part + "/catalog.sqlite";
      struct stat st {};
      if (::stat(part_catalog.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        throw InputError("no catalog.sqlite: not a folder gazette-convert wrote");
      // The first part's root names the archive, unless one is set.
      if (catalog.root().empty())
        if (std::string r = catalog_root(part_catalog); !r.empty()) catalog.set_root(r);
      std::size_t taken = catalog.merge(part_catalog, [&](const Catalog::Recorded& r) {
        // The output as the part wrote it (not extracted again), inside
        // both folders only.
        const std::string rel = safe_relative(r.output);
        std::string bytes = read_file(part + "/" + rel, /*regular_only=*/true);
        fs::create_directories(fs::path(o.outdir + "/" + rel).parent_path());
        write_file_atomically(o.outdir + "/" + rel, bytes, /*sync=*/true);
      });
      summary.merged += taken;
      ++summary.parts;
    } catch (const DiskFullError&) {
      throw;
    } catch (const InputError& e) {
      ++summary.failed;
      if (o.on_error) o.on_error(part, e.what());
    }
  }
  catalog.finish();
  refresh_csv(catalog, o.outdir);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

ConvertSummary convert(const ConvertOptions& o) {
  auto start = std::chrono::steady_clock::now();
  ConvertSummary summary;
  const fs::path outdir_canon = make_outdir(o.outdir);
  FolderLock lock(o.outdir);
  std::error_code ec;

  // Temporary files a killed run left behind (regular files only: a link
  // planted under that name is not followed, nor removed).
  for (auto it = fs::recursive_directory_iterator(o.outdir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    std::error_code tec;
    // (.gazette-tmp.<random> now; .NAME.gazette-tmp.PID.N before 0.3.0.)
    if (it->is_regular_file(tec) && !it->is_symlink(tec) &&
        is_temporary_name(it->path().filename().string()))
      fs::remove(it->path(), tec);
  }
  ec.clear();

  // 1. The archive root: every input is named by its path under it, so
  // no two inputs collide and a subfolder converted again is the same
  // issue. The catalog keeps it: --root the first time, or the deepest
  // folder holding the inputs named; a later --root replaces it (an
  // archive that moved).
  Catalog catalog(o.outdir + "/catalog.sqlite");
  fs::path root;
  if (!o.root.empty()) {
    root = absolute_lexical(o.root);
    std::error_code rec;
    if (!fs::is_directory(root, rec)) throw InputError(o.root + ": the archive root is not a folder");
  } else if (std::string recorded = catalog.root(); !recorded.empty()) {
    root = recorded;
  } else {
    root = common_folder(o.inputs, o.listed);
  }
  if (catalog.root() != root.string()) catalog.set_root(root.string());
  summary.root = root.string();
  auto identity = [&](const fs::path& p) {
    fs::path rel = absolute_lexical(p).lexically_relative(root);
    if (rel.empty() || rel == "." || *rel.begin() == "..")
      throw InputError("outside the archive root " + root.string() + " (give --root, or another output folder)");
    return safe_relative(rel.generic_string());
  };

  // 2. The inputs.
  std::vector<Job> jobs;
  std::vector<std::pair<std::string, std::string>> early_errors, named_errors;
  auto wanted = [&](const fs::path& p) {
    if (hidden(p)) return false;
    if (o.glob.empty()) return true;
    return fnmatch(o.glob.c_str(), p.filename().c_str(), 0) == 0;
  };
  for (const std::string& in : o.inputs) {
    fs::path in_path(in);
    std::error_code sec;
    fs::file_status st = fs::status(in_path, sec);
    if (sec) {
      named_errors.emplace_back(in, sec.message());  // named, and not there: not an archive's failure
    } else if (fs::is_directory(st)) {
      if (is_folder(in_path, outdir_canon))
        early_errors.emplace_back(in, "is the output folder: its outputs are not converted again");
      else
        walk_folder(in_path, outdir_canon, wanted, identity, jobs, early_errors);
    } else {
      try {
        jobs.push_back(make_job(in, identity(in_path)));
      } catch (const InputError& e) {
        early_errors.emplace_back(in, e.what());
      }
    }
  }
  for (const std::string& p : o.listed) {
    try {
      jobs.push_back(make_job(p, identity(p)));
    } catch (const InputError& e) {
      early_errors.emplace_back(p, e.what());
    }
  }
  // One identity, one input: a file named twice (itself and in its folder)
  // is converted once.
  {
    std::unordered_set<std::string> claimed;
    std::vector<Job> unique;
    for (auto& j : jobs)
      if (claimed.insert(j.rel).second) unique.push_back(std::move(j));
    jobs = std::move(unique);
  }
  summary.total = jobs.size() + early_errors.size() + named_errors.size();

  // 2. What the catalog already holds: issues, and failures of this tool
  // version (not tried again while their bytes are those that failed).
  std::string tool_version = std::string(version()) + "/" + extension(o.format);
  std::unordered_map<std::string, Catalog::Failure> known_failures;
  for (auto& f : catalog.failures(tool_version)) known_failures.emplace(f.path, std::move(f));
  auto known_failure = [&](const std::string& path, const std::string& sha) -> const Catalog::Failure* {
    auto it = known_failures.find(path);
    return !o.retry_failed && it != known_failures.end() && it->second.sha256 == sha ? &it->second : nullptr;
  };
  bool in_tx = false;
  // A failure is reported and recorded once; met again unchanged, it is
  // counted as known (the summary says how many) and not reported.
  // `path` keys the catalog row (the input's path under its root), `shown`
  // is the path as found, for the message.
  auto failed = [&](const std::string& path, const std::string& shown, const std::string& sha, const std::string& error,
                    int line, int column) {
    if (known_failure(path, sha)) {
      ++summary.known_failed;
      return;
    }
    ++summary.failed;
    if (o.on_error) o.on_error(shown, error, line, column);
    if (!in_tx) catalog.begin(), in_tx = true;
    catalog.record_failure({path, sha, error, line, column}, tool_version);
  };
  for (const auto& [path, msg] : early_errors) failed(path, path, "", msg, 0, 0);
  // An input named on the command line that is not there is the caller's
  // error (exit 2, as in every tool), reported every time, never recorded.
  for (const auto& [path, msg] : named_errors) {
    ++summary.named_failed;
    if (o.on_error) o.on_error(path, msg, 0, 0);
  }

  // 3. Workers. `-j N` means N threads in all: each worker extracts, writes
  // its output, and records finished issues in the catalog itself. The
  // catalog has one SQLite connection, so recording is serialised by
  // `catalog_mu`; a worker that finds it taken leaves its result in the
  // queue for the holder (who drains everything queued before letting go)
  // and goes on to its next input. Only when the queue is full does a
  // worker wait for the catalog, which bounds memory by the queue length.
  unsigned n = o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  n = std::min<unsigned>(n, std::max<std::size_t>(1, jobs.size()));
  std::atomic<std::size_t> next{0};
  std::mutex queue_mu;  // guards `queue` and `queued_bytes`
  std::deque<Result> queue;
  std::uint64_t queued_bytes = 0;  // input bytes of the queued results
  // Room for what the other workers finish while the catalog holder syncs
  // and commits (~10 ms, several inputs' worth): with 4 per worker they
  // stopped and waited for the lock. Memory is bounded as well: a queued
  // issue holds its model (with texts, about its input's size or more), so
  // an archive of large inputs fills the queue by bytes first.
  const std::size_t max_queue = 16 * n;
  const std::uint64_t max_queued_bytes = std::uint64_t{128} << 20;
  std::mutex catalog_mu;  // guards the catalog, `summary`, `pending`, `in_tx`, `fatal`
  std::size_t pending = 0;
  std::atomic<std::size_t> done{0};
  std::atomic<std::uint64_t> bytes_done{0};

  // Up-to-date checks need the catalog; it is read once before the workers
  // start (during the run only the catalog holder touches SQLite).
  auto key = [](const std::string& rel, const std::string& sha) { return rel + '\n' + sha; };
  std::unordered_set<std::string> fresh_keys;
  for (const Job& j : jobs) {
    std::string recorded = catalog.recorded_sha256(j.rel, tool_version);
    if (!recorded.empty()) fresh_keys.insert(key(j.rel, recorded));
  }
  // Moves: an input the catalog does not know whose bytes it recorded
  // (this tool version, JSON outputs) under a name no longer under the root
  // was moved or renamed. Its output is copied with its new source path
  // and its rows renamed, so nothing is extracted or indexed again.
  const std::vector<Catalog::Recorded> recorded_issues = o.format == Format::json ? catalog.issues() : std::vector<Catalog::Recorded>{};
  std::unordered_map<std::string, std::vector<const Catalog::Recorded*>> by_sha;  // read-only while workers run
  std::unordered_set<std::string> recorded_paths;
  for (const auto& r : recorded_issues) {
    recorded_paths.insert(r.path);
    if (r.tool_version == tool_version) by_sha[r.sha256].push_back(&r);
  }
  std::mutex claim_mu;
  std::unordered_set<const Catalog::Recorded*> claimed;  // each old name moves to one new name
  auto moved_from = [&](const Job& job, const std::string& sha) -> const Catalog::Recorded* {
    if (recorded_paths.count(job.rel)) return nullptr;
    auto it = by_sha.find(sha);
    if (it == by_sha.end()) return nullptr;
    for (const Catalog::Recorded* r : it->second) {
      std::error_code gec;
      if (fs::symlink_status(root / r->raw, gec).type() != fs::file_type::not_found) continue;  // still there: a copy
      std::lock_guard<std::mutex> lock(claim_mu);
      if (claimed.insert(r).second) return r;
    }
    return nullptr;
  };
  std::vector<std::string> moved_outputs;  // old outputs, removed once the rename is committed

  // A failure of the catalog or of the disk under it (full, I/O error) ends
  // the run: the workers stop taking inputs, what they finish is no longer
  // recorded, and the error is rethrown after every thread has joined.
  std::atomic<bool> abort_run{false};
  std::exception_ptr fatal;
  std::exception_ptr disk_full;  // an output could not be written: stop, keep what is done

  // The output of a moved input: the old output with its source path made
  // the new one (the JSON writer prints what nlohmann's dump prints, so the
  // bytes are those an extraction would write). False if the old output is
  // missing or not an extraction: then the input is extracted.
  auto move_output = [&](const Catalog::Recorded& from, const Job& job, const std::string& output) {
    try {
      std::string old = read_file(o.outdir + "/" + safe_relative(from.output), /*regular_only=*/true);
      auto j = nlohmann::ordered_json::parse(old);
      if (!j.is_object() || !j.contains("source") || !j["source"].is_object()) return false;
      j["source"]["path"] = job.path;
      fs::create_directories(fs::path(output).parent_path());
      write_file_atomically(output, j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n",
                            /*sync=*/false);
      return true;
    } catch (const DiskFullError&) {
      throw;
    } catch (const std::exception&) {
      return false;
    }
  };
  // Old outputs of moved inputs, once the catalog no longer names them.
  auto remove_moved = [&] {
    for (const auto& path : moved_outputs) {
      std::error_code rec;
      fs::remove(path, rec);
    }
    moved_outputs.clear();
  };

  // Records one result; the caller holds catalog_mu.
  auto record = [&](Result& r) {
    const Job& job = jobs[r.job];
    ++done;
    if (fatal) return;
    try {
      if (!r.error.empty()) {
        failed(job.rel, job.path, r.sha256, r.error, r.line, r.column);
      } else if (r.skipped) {
        ++summary.skipped;
      } else if (r.moved_from) {
        if (!in_tx) catalog.begin(), in_tx = true;
        catalog.rename(r.moved_from->path, job.rel, job.rel + extension(o.format), job.raw);
        moved_outputs.push_back(o.outdir + "/" + safe_relative(r.moved_from->output));
        ++summary.moved;
        if (++pending >= 64) {
          sync_filesystem(o.outdir);
          catalog.commit(), in_tx = false, pending = 0;
          remove_moved();
        }
      } else {
        if (!in_tx) catalog.begin(), in_tx = true;
        r.issue->source.path = job.rel;
        catalog.record(job.rel, job.rel + extension(o.format), *r.issue, tool_version, o.full_text, job.raw);
        ++summary.converted;
        summary.documents += r.issue->documents.size();
        summary.bytes += r.bytes;
        bytes_done += r.bytes;
        if (++pending >= 64) {
          // The outputs this transaction records reach the disk first: one
          // syncfs per 64 inputs instead of an fdatasync per file.
          sync_filesystem(o.outdir);
          catalog.commit(), in_tx = false, pending = 0;
          remove_moved();
        }
      }
    } catch (const std::exception&) {
      fatal = std::current_exception();
      abort_run = true;
    }
  };
  // Records everything queued, if the catalog is free (or, wait: until it is).
  auto drain = [&](bool wait) {
    std::unique_lock<std::mutex> holder(catalog_mu, std::defer_lock);
    if (wait) holder.lock();
    else if (!holder.try_lock()) return;
    for (;;) {
      std::deque<Result> batch;
      {
        std::lock_guard<std::mutex> lock(queue_mu);
        batch.swap(queue);
        queued_bytes = 0;
      }
      if (batch.empty()) break;
      for (Result& r : batch) record(r);
    }
  };

  auto worker = [&] {
    ExtractOptions eo;
    eo.decode.encoding = o.encoding;
    std::string buffer;    // this worker's read buffer, reused input after input
    std::string rendered;  // and its output buffer
    for (;;) {
      if ((o.stop && o.stop->load()) || abort_run.load()) break;
      std::size_t i = next++;
      if (i >= jobs.size()) break;
      const Job& job = jobs[i];
      Result r;
      r.job = i;
      try {
        std::string_view bytes = read_file(job.path, buffer, /*regular_only=*/true);  // never a FIFO or device
        r.bytes = bytes.size();
        std::string output = o.outdir + "/" + job.rel + extension(o.format);
        std::string sha = sha256_hex(bytes);
        r.sha256 = sha;
        bool up_to_date = fresh_keys.count(key(job.rel, sha)) > 0;  // read-only while workers run
        if (up_to_date && fs::exists(output)) {
          r.skipped = true;
        } else if (const Catalog::Failure* f = known_failure(job.rel, sha)) {  // read-only while workers run
          r.error = f->error, r.line = f->line, r.column = f->column;
        } else if (const Catalog::Recorded* from = moved_from(job, sha); from && move_output(*from, job, output)) {
          r.moved_from = from;
        } else {
          eo.path = job.path;
          eo.sha256 = sha;  // hashed once
          Issue issue = extract(bytes, eo);
          render(issue, o.format, rendered);
          fs::create_directories(fs::path(output).parent_path());
          write_file_atomically(output, rendered, /*sync=*/false);  // synced before the catalog commit
          r.issue = std::move(issue);
        }
      } catch (const DiskFullError&) {
        // Not the input's fault: the run stops, what is done is committed.
        std::lock_guard<std::mutex> lock(catalog_mu);
        if (!disk_full) disk_full = std::current_exception();
        abort_run = true;
        break;
      } catch (const InputError& e) {
        r.error = e.what();
        r.line = e.line();
        r.column = e.column();
      } catch (const std::exception& e) {
        r.error = e.what();
      }
      bool full;
      {
        std::lock_guard<std::mutex> lock(queue_mu);
        queued_bytes += r.bytes;
        queue.push_back(std::move(r));
        full = queue.size() >= max_queue || queued_bytes >= max_queued_bytes;
      }
      drain(/*wait=*/full);
    }
  };

  std::vector<std::thread> pool;
  std::mutex idle_mu;
  std::condition_variable all_done;
  unsigned running = 0;
  for (unsigned t = 0; t < n && !jobs.empty(); ++t) {
    {
      std::lock_guard<std::mutex> lock(idle_mu);
      ++running;
    }
    pool.emplace_back([&] {
      worker();
      std::lock_guard<std::mutex> lock(idle_mu);
      --running;
      all_done.notify_one();
    });
  }
  // The main thread only reports progress while the workers run.
  for (;;) {
    std::unique_lock<std::mutex> lock(idle_mu);
    if (all_done.wait_for(lock, std::chrono::milliseconds(200), [&] { return running == 0; })) break;
    lock.unlock();
    if (o.on_progress) o.on_progress(done + early_errors.size(), summary.total, bytes_done);
  }
  for (auto& t : pool) t.join();
  drain(/*wait=*/true);  // results a worker queued while another held the catalog
  if (fatal) std::rethrow_exception(fatal);  // the open transaction rolls back as the catalog closes
  if (in_tx) {
    sync_filesystem(o.outdir);
    catalog.commit();
  }
  remove_moved();
  catalog.finish();
  summary.interrupted = o.stop && o.stop->load() && done < jobs.size();

  // Inputs gone from under the root: counted, and with --prune forgotten
  // (their outputs, inside OUTDIR only, and their rows). Not after an
  // interrupted run.
  if (!summary.interrupted) {
    std::unordered_set<std::string> seen;
    for (const Job& j : jobs) seen.insert(j.rel);
    bool pruning = false;
    for (const Catalog::Recorded& r : catalog.issues()) {
      if (seen.count(r.path)) continue;
      std::error_code gec;
      if (fs::symlink_status(root / r.raw, gec).type() != fs::file_type::not_found) continue;  // there, or unknowable
      ++summary.gone;
      if (!o.prune) continue;
      if (!pruning) catalog.begin(), pruning = true;
      try {
        fs::remove(fs::path(o.outdir) / safe_relative(r.output), gec);  // never outside OUTDIR
      } catch (const InputError&) {
      }
      catalog.remove(r.path);
      ++summary.pruned;
    }
    if (pruning) catalog.commit();
  }

  refresh_csv(catalog, o.outdir);
  if (disk_full) std::rethrow_exception(disk_full);
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace gazette
