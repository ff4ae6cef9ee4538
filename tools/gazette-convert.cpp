// gazette-convert: a whole archive to outputs and a catalog, resumable.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <mutex>

#include "cli_common.h"
#include "gazette/batch.h"
#include "gazette/extract.h"

namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop.store(true); }

struct Options {
  std::vector<std::string> inputs;
  std::string files_from;
  std::string glob;
  unsigned jobs = 0;
  std::string format = "json";
  std::string outdir;
  std::string encoding;
  bool quiet = false;
  bool no_fts = false;
  bool retry_failed = false;
  std::string root;
  bool prune = false;
  bool merge = false;
};

std::string mb(std::uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(bytes) / 1e6);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace gazette;
  constexpr const char* kTool = "gazette-convert";
  cli::ignore_sigpipe();
  cli::keep_freed_memory();

  Options o;
  CLI::App app{"Convert an archive of gazette texts: one output per input under OUTDIR, plus\n"
               "OUTDIR/catalog.sqlite (with a full-text index) and OUTDIR/catalog.csv.\n"
               "Unchanged inputs are skipped; outputs are written atomically.",
               kTool};
  app.footer("Exit status: 0 every input converted, up to date or a known failure; 1 some inputs failed anew\n"
             "(reported, the rest done); 2 usage error, an INPUT that is not there, or an unusable output folder\n"
             "or catalog (the other inputs are still converted); 130 interrupted (re-run to finish).\n"
             "A failure is recorded in the catalog (table failures) and not retried while the input and the\n"
             "tool version are unchanged; the summary counts these known failures; --retry-failed retries them.\n"
             "Example: gazette-convert -j2 -o out/ archive/ && sqlite3 out/catalog.sqlite "
             "\"SELECT number FROM documents_fts JOIN documents ON documents.id = documents_fts.rowid "
             "WHERE documents_fts MATCH '药品监管'\"");
  cli::add_version_flag(app, kTool);
  app.add_option("INPUT", o.inputs, "gazette text files and folders (walked recursively)");
  app.add_option("--files-from", o.files_from, "read input paths, one per line, from FILE (- = standard input)");
  app.add_option("--glob", o.glob, "convert only files whose name matches this pattern, e.g. '*.txt'");
  app.add_option("-j,--jobs", o.jobs, "worker threads (default: all cores)")->check(CLI::Range(1u, 1024u));
  app.add_option("-f,--format", o.format, "output format: json, yaml or jsonl (one line per document)")
      ->check(CLI::IsMember({"json", "yaml", "jsonl"}));
  app.add_option("-o,--outdir", o.outdir, "output folder (created if needed)")->required();
  app.add_option("--encoding", o.encoding, "force the input encoding (default: detect)");
  app.add_flag("-q,--quiet", o.quiet, "no progress and no summary");
  app.add_option("--root", o.root,
                 "archive root: inputs are named by their path under it (default: the root this OUTDIR's catalog "
                 "recorded, else the deepest folder holding the inputs)");
  app.add_flag("--prune", o.prune, "forget inputs gone from under the root: remove their outputs and catalog rows");
  app.add_flag("--merge", o.merge,
               "the INPUTs are output folders of other runs (one share of the archive each): merge their outputs "
               "and catalogs into OUTDIR without extracting again");
  app.add_flag("--retry-failed", o.retry_failed, "try again inputs that failed before and have not changed");
  app.add_flag("--no-fts", o.no_fts, "leave the full-text index (documents_fts) empty: much faster");
  if (int rc = cli::parse(app, argc, argv, kTool); rc >= 0) return rc;

  if (o.merge) {
    if (o.inputs.empty()) {
      cli::print_error(kTool, "--merge: give the output folders to merge");
      return cli::kError;
    }
    MergeOptions mo;
    mo.parts = o.inputs;
    mo.outdir = o.outdir;
    mo.root = o.root;
    mo.on_error = [&](const std::string& part, const std::string& msg) { cli::print_error(kTool, part, InputError(msg)); };
    MergeSummary ms;
    try {
      ms = merge(mo);
    } catch (const InputError& e) {
      cli::print_error(kTool, e.what());
      return cli::kError;
    }
    if (!o.quiet)
      std::fprintf(stderr, "%zu %s merged, %zu failed: %zu %s taken in %.2f s\n", ms.parts,
                   ms.parts == 1 ? "part" : "parts", ms.failed, ms.merged, ms.merged == 1 ? "issue" : "issues",
                   ms.seconds);
    return ms.failed ? cli::kFindings : cli::kOk;
  }

  ConvertOptions co;
  co.inputs = o.inputs;
  co.glob = o.glob;
  co.jobs = o.jobs;
  co.format = *parse_format(o.format);
  co.outdir = o.outdir;
  co.encoding = o.encoding;
  co.full_text = !o.no_fts;
  co.retry_failed = o.retry_failed;
  co.root = o.root;
  co.prune = o.prune;
  if (!o.files_from.empty()) {
    try {
      co.listed = cli::read_path_list(o.files_from);
    } catch (const InputError& e) {
      cli::print_error(kTool, o.files_from, e);
      return cli::kError;
    }
  }
  if (co.inputs.empty() && co.listed.empty()) {
    cli::print_error(kTool, "no inputs (give files, folders or --files-from)");
    return cli::kError;
  }

  bool tty = !o.quiet && ::isatty(STDERR_FILENO);
  // Errors come from worker threads, progress from the main thread: one
  // line at a time on stderr.
  std::mutex stderr_mu;
  co.on_error = [&](const std::string& path, const std::string& msg, int line, int column) {
    std::lock_guard<std::mutex> lock(stderr_mu);
    if (tty) std::cerr << "\r\033[K";
    cli::print_error(kTool, path, InputError(msg, line, column));
  };
  auto t0 = std::chrono::steady_clock::now();
  if (tty)
    co.on_progress = [&](std::size_t done, std::size_t total, std::uint64_t bytes) {
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      double rate = s > 0 ? static_cast<double>(bytes) / 1e6 / s : 0;
      double eta = done > 0 ? s * static_cast<double>(total - done) / static_cast<double>(done) : 0;
      std::lock_guard<std::mutex> lock(stderr_mu);
      std::fprintf(stderr, "\r\033[K%zu/%zu files, %.1f MB/s, ETA %.0f s", done, total, rate, eta);
    };
  co.stop = &g_stop;
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  ConvertSummary s;
  try {
    s = convert(co);
  } catch (const InputError& e) {
    if (tty) std::cerr << "\r\033[K";
    cli::print_error(kTool, e.what());
    return cli::kError;
  }
  if (tty) std::cerr << "\r\033[K";
  if (!o.quiet) {
    double rate = s.seconds > 0 ? static_cast<double>(s.bytes) / 1e6 / s.seconds : 0;
    std::string known = s.known_failed ? ", " + std::to_string(s.known_failed) + " known failed (not retried)" : "";
    if (s.moved) known += ", " + std::to_string(s.moved) + " moved (not extracted again)";
    if (s.pruned) known += ", " + std::to_string(s.pruned) + " gone and pruned";
    else if (s.gone) known += ", " + std::to_string(s.gone) + " gone from the archive (--prune forgets them)";
    std::fprintf(stderr, "%s%zu converted, %zu skipped, %zu failed%s, %zu documents, %s MB in %.2f s (%.1f MB/s)\n",
                 s.interrupted ? "interrupted: " : "", s.converted, s.skipped, s.failed + s.named_failed, known.c_str(),
                 s.documents,
                 mb(s.bytes).c_str(), s.seconds, rate);
  }
  if (s.interrupted) return 130;
  if (s.named_failed) return cli::kError;  // an input named on the command line is not there
  return s.failed ? cli::kFindings : cli::kOk;
}
