// gazette-check: is this issue sound? Findings with line and column, as
// text, JSON, JSON Lines, SARIF or GitHub annotations, and an exit code for CI.
#include <unistd.h>

#include <algorithm>
#include <iterator>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli_common.h"
#include "gazette/check.h"
#include "gazette/extract.h"
#include "gazette/files.h"
#include "gazette/report.h"
#include "gazette/schema.h"

namespace {

struct Options {
  std::vector<std::string> inputs;
  std::string files_from;
  std::string profile = "generic";
  std::string schema;
  std::string format = "text";
  std::string fail_on = "error";
  std::string encoding;
  std::string source;  // --source: the text an extraction was made from
  bool list_rules = false;
  std::vector<std::string> enable, disable, severity;
  std::string baseline;
  std::string color = "auto";
};

int rank(gazette::Severity s) { return s == gazette::Severity::error ? 3 : s == gazette::Severity::warning ? 2 : 1; }

// The text an extraction was made from, read only where the user named it
// (--source) or where its source.path stands inside the extraction's own
// folder: relative, no "..", and still inside after links are resolved; a
// regular file, never a FIFO or device. An extraction is data from anyone:
// its source.path must not make the check print lines of /etc/passwd or
// wait on a FIFO. "" when not read.
std::string source_text(const std::string& extraction, const std::string& source_path, const std::string& named) {
  if (!named.empty()) {  // named by the user: a failure to read it is an error
    try {
      return gazette::read_file(named, /*regular_only=*/true);
    } catch (const gazette::InputError& e) {
      throw gazette::InputError("--source " + named + ": " + e.what());
    }
  }
  try {
    auto inside = gazette::path_inside(std::filesystem::path(extraction).parent_path().string(), source_path);
    return inside ? gazette::read_file(*inside, /*regular_only=*/true) : std::string();
  } catch (const gazette::InputError&) {
    return {};
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace gazette;
  constexpr const char* kTool = "gazette-check";
  cli::ignore_sigpipe();
  cli::keep_freed_memory();

  Options o;
  CLI::App app{"Check Chinese government gazette issues against YAML schemas and publisher rules.\n"
               "FILE is gazette text (extracted internally) or an extraction in JSON or YAML.",
               kTool};
  app.footer(std::string("Exit status: 0 no finding at or above --fail-on; 1 such findings; 2 usage, input, I/O, "
                         "schema or profile error.\nExample: gazette-check --profile chuxiong --format sarif "
                         "samples/chuxiong-2022-12.txt > check.sarif"));
  cli::add_version_flag(app, kTool);
  app.add_option("FILE", o.inputs, "gazette text or extraction (JSON/YAML); - reads standard input");
  cli::add_files_from_option(app, o.files_from);
  app.add_option("--profile", o.profile, "publisher profile: a name under schemas/profiles/ or a path (default generic)");
  app.add_option("--schema", o.schema, "JSON Schema (YAML) of the extraction (default schemas/issue.schema.yaml)");
  app.add_option("-f,--format", o.format,
                 "text, json (one object: inputs, findings, summary), jsonl (a finding per line), sarif (SARIF "
                 "2.1.0) or github (workflow annotations)")
      ->check(CLI::IsMember({"text", "json", "jsonl", "sarif", "github"}));
  app.add_option("--fail-on", o.fail_on, "lowest severity that makes the exit status 1: error, warning or info")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  app.add_option("--encoding", o.encoding, "force the encoding of gazette text inputs");
  app.add_option("--source", o.source,
                 "the text an extraction input was made from (else its source.path, if inside the extraction's folder)");
  // One value per occurrence (repeat the option), so FILE arguments after
  // it stay files.
  app.add_option("--enable", o.enable, "turn RULE on at its default severity (over the profile); repeatable")
      ->allow_extra_args(false);
  app.add_option("--disable", o.disable, "turn RULE off; repeatable")->allow_extra_args(false);
  app.add_option("--severity", o.severity, "RULE=LEVEL: set a rule's severity (error, warning, info, off); repeatable")
      ->allow_extra_args(false);
  app.add_option("--baseline", o.baseline,
                 "a previous report (-f json, jsonl or sarif): report only findings it does not hold (matched by "
                 "path, rule and message)");
  app.add_option("--color", o.color, "colour the text format: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("--list-rules", o.list_rules, "print every rule id with its default severity and exit");
  if (int rc = cli::parse(app, argc, argv, kTool); rc >= 0) return rc;

  if (o.list_rules) {
    for (const auto& r : rules()) std::cout << r.id << '\t' << to_string(r.severity) << '\t' << r.summary << '\n';
    return cli::kOk;
  }
  if (int rc = cli::add_listed_inputs(kTool, o.files_from, o.inputs); rc >= 0) return rc;
  if (o.inputs.empty() && o.files_from.empty()) {
    cli::print_error(kTool, "no input files (see --help)");
    return cli::kError;
  }

  // Schemas and profile: any problem here stops the run (exit 2).
  std::string dir = cli::schemas_dir();
  std::string schema_path = o.schema.empty() ? dir + "/issue.schema.yaml" : o.schema;
  bool profile_is_path = o.profile.find('/') != std::string::npos ||
                         (o.profile.size() > 5 && o.profile.compare(o.profile.size() - 5, 5, ".yaml") == 0);
  std::string profile_path = profile_is_path ? o.profile : dir + "/profiles/" + o.profile + ".yaml";
  std::unique_ptr<Schema> schema;
  Profile profile;
  std::string current = schema_path;
  try {
    // Schemas and profiles are small: read no more than their loader takes.
    const std::size_t small = LoadLimits{}.max_bytes;
    schema = std::make_unique<Schema>(Schema::load(read_file(schema_path, false, small), schema_path));
    current = dir + "/profile.schema.yaml";
    Schema profile_schema = Schema::load(read_file(current, false, small), current);
    current = profile_path;
    profile = load_profile(read_file(profile_path, false, small), profile_path, profile_schema);
  } catch (const InputError& e) {
    std::string msg = e.what();
    // Messages from the loaders already name their file.
    if (msg.rfind(current + ": ", 0) == 0) msg = msg.substr(current.size() + 2);
    if (!profile_is_path && current == profile_path && msg == "No such file or directory")
      msg = "no profile named '" + o.profile + "' in " + dir + "/profiles";
    cli::print_error(kTool, current, InputError(msg, e.line(), e.column()));
    return cli::kError;
  }
  // The command line's rule settings, over the profile's: --enable, then
  // --disable, then --severity.
  std::vector<Finding> baseline;
  try {
    for (const auto& id : o.enable) set_rule(profile, id);
    for (const auto& id : o.disable) set_rule(profile, id + "=off");
    for (const auto& setting : o.severity) {
      if (setting.find('=') == std::string::npos) throw InputError("--severity " + setting + ": give RULE=LEVEL");
      set_rule(profile, setting);
    }
    if (!o.baseline.empty()) {
      try {
        baseline = read_report(cli::read_input(o.baseline));
      } catch (const InputError& e) {
        throw InputError("--baseline " + o.baseline + ": " + e.what());
      }
    }
  } catch (const InputError& e) {
    cli::print_error(kTool, e.what());
    return cli::kError;
  }

  // SARIF and json are one log of every input's results, written at the
  // end; the other formats are a stream of findings, written input by
  // input. Only the text format keeps texts (for its excerpts), and only
  // until its input's findings are written, so a long list (--files-from)
  // never holds every text in memory.
  const ReportFormat format = *parse_report_format(o.format);
  const bool at_end = format == ReportFormat::sarif || format == ReportFormat::json;
  const int threshold = o.fail_on == "error" ? 3 : o.fail_on == "warning" ? 2 : 1;
  bool over_threshold = false;
  ReportOptions report;
  report.tool_version = version();
  report.color = format == ReportFormat::text && (o.color == "always" || (o.color == "auto" && ::isatty(STDOUT_FILENO)));
  std::size_t counts[3] = {0, 0, 0}, files = 0;  // errors, warnings, infos; inputs checked
  std::vector<Finding> findings;
  std::vector<Checked> checked;  // kept until flushed: the findings' excerpts read their texts
  std::map<std::string, const Text*> sources;
  auto flush = [&] {
    if (!baseline.empty()) drop_baseline(findings, baseline);
    for (const auto& f : findings) {
      over_threshold = over_threshold || rank(f.severity) >= threshold;
      ++counts[3 - rank(f.severity)];
    }
    render_findings(findings, format, sources, report, std::cout);
    findings.clear(), checked.clear(), sources.clear();
    return cli::stdout_status(kTool);
  };
  int rc = cli::kOk;
  CheckOptions options;
  options.encoding = o.encoding;
  std::string current_input;
  options.read_source = [&](const std::string& source_path) { return source_text(current_input, source_path, o.source); };
  for (const std::string& path : o.inputs) {
    try {
      current_input = path;
      Checked c = check_input(path, cli::read_input(path), *schema, profile, options);
      findings.insert(findings.end(), std::make_move_iterator(c.findings.begin()), std::make_move_iterator(c.findings.end()));
      if (!c.page_first_line.empty()) report.pdf_pages[c.path] = c.page_first_line;
      if (format == ReportFormat::text) {
        if (c.text) sources[c.path] = c.text.get();
        checked.push_back(std::move(c));
      }
      report.inputs.push_back({path, ""});
      ++files;
    } catch (const InputError& e) {
      cli::print_error(kTool, path, e);
      report.inputs.push_back({path, e.what()});
      rc = cli::kError;
    }
    if (!at_end)
      if (int st = flush(); st >= 0) return st;  // `| head` is done, or the disk is full
  }
  if (at_end)
    if (int st = flush(); st >= 0) return st;
  if (format == ReportFormat::text && files > 0) {
    std::cout << findings_summary(counts[0], counts[1], counts[2], files) << '\n';
    if (int st = cli::stdout_status(kTool); st >= 0) return st;
  }
  if (rc != cli::kOk) return rc;
  return over_threshold ? cli::kFindings : cli::kOk;
}
