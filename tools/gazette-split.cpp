// gazette-split: one UTF-8 text file per document, plus manifest.json.

#include <filesystem>
#include <iostream>

#include "cli_common.h"
#include "gazette/extract.h"
#include "gazette/split.h"

int main(int argc, char** argv) {
  using namespace gazette;
  constexpr const char* kTool = "gazette-split";
  cli::ignore_sigpipe();
  cli::keep_freed_memory();

  std::string input, outdir, encoding;
  SplitOptions so;
  CLI::App app{"Split a gazette issue into one UTF-8 text file per document, with manifest.json\n"
               "mapping files to documents and source lines.",
               kTool};
  app.footer(std::string(cli::kExitHelp) + "\nExample: gazette-split samples/chuxiong-2022-12.txt -o docs/ && ls docs/");
  cli::add_version_flag(app, kTool);
  app.add_option("FILE", input, "gazette text; - reads standard input")->required();
  app.add_option("-o,--outdir", outdir, "output folder (created if needed)")->required();
  app.add_option("--encoding", encoding, "force the input encoding (default: detect)");
  app.add_flag("--separate", so.separate, "write attachments and parts to files of their own");
  app.add_option("--max-name-bytes", so.max_name_bytes, "longest file name, in bytes (default 150)")
      ->check(CLI::Range(std::size_t{24}, std::size_t{255}));
  if (int rc = cli::parse(app, argc, argv, kTool); rc >= 0) return rc;

  try {
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
    for (const auto& f : files) {
      try {
        cli::write_atomically(outdir + "/" + f.name, f.content);
      } catch (const InputError& e) {
        cli::print_error(kTool, outdir + "/" + f.name, e);
        return cli::kError;
      }
    }
    cli::write_atomically(outdir + "/manifest.json", split_manifest(issue, files));
    std::cerr << files.size() << " files written to " << outdir << "\n";
  } catch (const InputError& e) {
    cli::print_error(kTool, input, e);
    return cli::kError;
  }
  return cli::kOk;
}
