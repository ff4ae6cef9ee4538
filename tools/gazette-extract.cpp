// gazette-extract: raw gazette text in, its documents and facts out as JSON.

#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "cli_common.h"
#include "gazette/decode.h"
#include "gazette/emit.h"
#include "gazette/extract.h"

namespace {

struct Options {
  std::vector<std::string> inputs;
  std::string files_from;
  std::string format = "json";
  std::string unit = "document";
  std::string encoding;
  std::string output;
  bool no_text = false;
  bool strict = false;
  bool dump_text = false;
};

}  // namespace

int main(int argc, char** argv) {
  using namespace gazette;
  constexpr const char* kTool = "gazette-extract";
  cli::ignore_sigpipe();
  cli::keep_freed_memory();

  Options o;
  CLI::App app{"Extract the documents of a Chinese government gazette issue (政府公报), text or PDF, as JSON.\n"
               "The format alone decides the shape: -f json is one issue object (one input only),\n"
               "-f jsonl one line per document (--unit issue: per issue), -f yaml a stream of issues.",
               kTool};
  app.footer(std::string(cli::kExitHelp) + "\nExample: gazette-extract samples/chuxiong-2022-12.txt | jq '.documents[].title'");
  cli::add_version_flag(app, kTool);
  app.add_option("FILE", o.inputs, "gazette text files; - reads standard input");
  cli::add_files_from_option(app, o.files_from);
  app.add_option("-f,--format", o.format, "json (one issue, pretty; exactly one input), jsonl (JSON Lines), yaml (a --- document per issue)")
      ->check(CLI::IsMember({"json", "jsonl", "yaml"}));
  app.add_option("--unit", o.unit, "what one JSON Lines line holds: document (with its issue's identity) or issue")
      ->check(CLI::IsMember({"document", "issue"}));
  app.add_option("--encoding", o.encoding, "force an input encoding: utf-8, utf-16le, utf-16be, gb18030, gbk, pdf (default: detect; a PDF by its header)");
  app.add_option("-o,--output", o.output, "write to this file (atomically) instead of standard output");
  app.add_flag("--no-text", o.no_text, "leave out each document's reflowed text");
  app.add_flag("--strict", o.strict, "exit 1 when the parser reports diagnostics");
  app.add_flag("--dump-text", o.dump_text,
               "write the text as read (UTF-8; a PDF's lines as rebuilt from its pages), not the extraction");
  if (int rc = cli::parse(app, argc, argv, kTool); rc >= 0) return rc;
  if (int rc = cli::add_listed_inputs(kTool, o.files_from, o.inputs); rc >= 0) return rc;
  if (o.inputs.empty() && o.files_from.empty()) {
    cli::print_error(kTool, "no input files (give FILE or --files-from; see --help)");
    return cli::kError;
  }

  // The shape is the format's, never the number of inputs': -f json is
  // one JSON value, so it takes one input; lines and YAML streams take any.
  Format format = *parse_format(o.format);
  if (o.unit == "issue" && format != Format::jsonl) {
    cli::print_error(kTool, "--unit applies to -f jsonl only");
    return cli::kError;
  }
  if (format == Format::jsonl && o.unit == "issue") format = Format::json_line;
  if (format == Format::json && !o.dump_text && (o.inputs.size() != 1 || !o.files_from.empty())) {
    const std::string given = o.files_from.empty() ? fmt::format("{} inputs were given", o.inputs.size())
                                                   : std::string("--files-from gives any number of inputs");
    cli::print_error(kTool, fmt::format("-f json writes one issue and {}: use -f jsonl (a line per document; "
                                        "--unit issue: a line per issue) or -f yaml",
                                        given));
    return cli::kError;
  }

  ExtractOptions opt;
  opt.decode.encoding = o.encoding;
  opt.keep_text = !o.no_text;

  std::ostringstream buffered;  // for -o: written only when complete
  std::ostream& out = o.output.empty() ? std::cout : buffered;
  int rc = cli::kOk;
  bool any_diagnostics = false;
  std::string buffer;  // one read buffer for all inputs
  for (const std::string& path : o.inputs) {
    try {
      std::string_view bytes = cli::read_input(path, buffer);
      opt.path = path;
      if (o.dump_text) {  // what the parser reads, as it reads it
        Decoded decoded = decode(bytes, opt.decode);
        out << decoded.text();
        if (!decoded.text().empty() && decoded.text().back() != '\n') out << '\n';
        if (o.output.empty())
          if (int st = cli::stdout_status(kTool); st >= 0) return st;
        continue;
      }
      Issue issue = extract(bytes, opt);
      any_diagnostics = any_diagnostics || !issue.diagnostics.empty();
      render(issue, format, out);
      if (o.output.empty())
        if (int st = cli::stdout_status(kTool); st >= 0) return st;  // `| head` is done, or the disk is full
    } catch (const InputError& e) {
      cli::print_error(kTool, path, e);
      rc = cli::kError;
    }
  }
  if (!o.output.empty()) {
    try {
      cli::write_atomically(o.output, buffered.str());
    } catch (const InputError& e) {
      cli::print_error(kTool, o.output, e);
      return cli::kError;
    }
  }
  if (rc == cli::kOk && o.strict && any_diagnostics) rc = cli::kFindings;
  return rc;
}
