// gazette-search: searches a converted archive's catalog as rg searches
// files. Prints PATH:LINE: TEXT for each line of a matching document that
// holds a word of the query (read from the archive's own files), or the
// same as JSON (-f json: one object) or JSON Lines (-f jsonl) with the
// document's identity and facts. Exit 0 found, 1 not, 2 error, as grep.
#include <unistd.h>

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli_common.h"
#include "gazette/decode.h"
#include "gazette/error.h"
#include "gazette/files.h"
#include "gazette/search.h"
#include "gazette/text.h"

namespace {

// The line with every occurrence of the words marked for a terminal.
std::string highlighted(std::string_view line, const std::vector<std::string>& words) {
  std::string out;
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t best = std::string_view::npos, len = 0;
    for (const auto& w : words) {
      std::size_t at = line.find(w, i);
      if (at < best || (at == best && w.size() > len)) best = at, len = w.size();
    }
    if (best == std::string_view::npos) break;
    out.append(line.substr(i, best - i)).append("\033[1;31m").append(line.substr(best, len)).append("\033[0m");
    i = best + len;
  }
  return out.append(line.substr(i));
}

}  // namespace

int main(int argc, char** argv) {
  using namespace gazette;
  constexpr const char* kTool = "gazette-search";
  cli::ignore_sigpipe();

  std::vector<std::string> words;
  std::string dir, catalog, color = "auto", format = "text";
  bool json_lines = false, list = false;
  SearchFilters f;
  int year = 0, issue = 0;
  CLI::App app{"Search a converted archive (gazette-convert's OUTDIR) for words of any length:\n"
               "words side by side must all occur, OR takes either side, NOT word (or -word, after --)\n"
               "excludes, \"a phrase\" is one literal. Prints PATH:LINE: TEXT for each line holding a\n"
               "word, read from the archive's files, or the same with each document's facts as JSON.",
               kTool};
  app.footer(
      "Exit status: 0 something found; 1 nothing found; 2 usage error, bad query, or a catalog that cannot be\n"
      "read, is locked, or was made by another version.\n"
      "Examples: gazette-search -C out/ 应急管理\n"
      "          gazette-search -C out/ --year 2022 --genre 通知 '医保 OR 财政' NOT 教育\n"
      "          gazette-search -C out/ -f jsonl 应急 | jq -r .number");
  cli::add_version_flag(app, kTool);
  app.add_option("WORD", words, "the query: words, OR, NOT, \"phrases\"")->required();
  app.add_option("-C,--dir", dir, "the converted archive (OUTDIR of gazette-convert)");
  app.add_option("--catalog", catalog, "the catalog file itself (instead of -C)");
  app.add_option("--year", year, "the issue's year");
  app.add_option("--issue", issue, "the issue's number in its year");
  app.add_option("--gazette", f.gazette, "a substring of the gazette's title");
  app.add_option("--genre", f.genre, "文种, exactly (通知, 决定, 办法, …)");
  app.add_option("--issuer", f.issuer, "a substring of the issuers");
  app.add_option("--prefix", f.prefix, "发文字号 prefix, exactly (楚政办通)");
  app.add_option("--lead", f.lead, "a task's lead department (牵头), exactly");
  app.add_option("--responsible", f.responsible, "a task's responsible department (配合, 责任单位), exactly");
  app.add_option("--from", f.date_from, "成文日期 on or after (YYYY-MM-DD)");
  app.add_option("--to", f.date_to, "成文日期 on or before (YYYY-MM-DD)");
  app.add_option("-f,--format", format,
                 "text (PATH:LINE: TEXT), jsonl (an object per line found, with its document's facts) or json "
                 "(one object: query, matches)")
      ->check(CLI::IsMember({"text", "json", "jsonl"}));
  // 0.4's name for -f jsonl, kept so scripts keep working.
  app.add_flag("--json", json_lines, "the same as -f jsonl (before 0.5.0)")->group("");
  app.add_flag("-l,--files-with-matches", list,
               "one record per matching document (text: PATH#SEQ NUMBER TITLE), not one per line found");
  app.add_option("--color", color, "mark the words: auto (on a terminal), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  if (int rc = cli::parse(app, argc, argv, kTool); rc >= 0) return rc;
  if (json_lines) format = "jsonl";
  if (year) f.year = year;
  if (issue) f.issue = issue;
  if (catalog.empty() && dir.empty()) {
    cli::print_error(kTool, "give the converted archive (-C OUTDIR) or --catalog FILE");
    return cli::kError;
  }
  if (catalog.empty()) catalog = dir + "/catalog.sqlite";
  std::string query;
  for (const auto& w : words) {
    bool spaced = w.find_first_of(" \t") != std::string::npos && w.find(" OR ") == std::string::npos &&
                  w.front() != '"';
    query += (query.empty() ? "" : " ") + (spaced && words.size() > 1 ? "\"" + w + "\"" : w);
  }

  std::vector<SearchHit> hits;
  std::vector<std::string> marked;
  std::string root;
  try {
    hits = gazette::search(catalog, query, f);
    marked = positive_words(query);
    root = catalog_root(catalog);
  } catch (const InputError& e) {
    cli::print_error(kTool, e.what());
    return cli::kError;
  }
  const bool text_format = format == "text";
  const bool paint = text_format && (color == "always" || (color == "auto" && ::isatty(STDOUT_FILENO)));
  // -f json: the records of -f jsonl as one object's list.
  const char* separator = "";
  auto record = [&](const std::string& object) {
    if (format == "jsonl") {
      std::cout << object << '\n';
    } else {
      std::cout << separator << "\n    " << object;
      separator = ",";
    }
  };
  if (format == "json") std::cout << "{\n  \"query\": " << cli::json_string(query) << ",\n  \"matches\": [";
  for (const SearchHit& h : hits) {
    if (list) {
      if (text_format) std::cout << h.path << '#' << h.seq << ' ' << h.number << ' ' << h.title << '\n';
      else record(hit_json(h));
      continue;
    }
    // The document's lines as printed, from the archive's own file (a path
    // from the catalog is joined under its root only if it stays inside).
    std::vector<std::pair<int, std::string>> lines;
    try {
      std::string source = read_file(root + "/" + safe_relative(h.raw_path), /*regular_only=*/true);
      Decoded d = decode(source, {});
      Text text = split_lines(d.text());
      for (int n = std::max(1, h.title_line); n <= h.end_line && n <= static_cast<int>(text.lines.size()); ++n) {
        std::string_view raw = text.lines[static_cast<std::size_t>(n - 1)].raw;
        for (const auto& w : marked)
          if (raw.find(w) != std::string_view::npos) {
            lines.emplace_back(n, std::string(raw));
            break;
          }
      }
    } catch (const InputError&) {  // the archive's file is gone or moved: the title stands for it
    }
    if (lines.empty()) lines.emplace_back(h.title_line, h.title);  // the words span a line break
    for (const auto& [n, line] : lines) {
      if (!text_format) {
        HitLine at{n, line};
        record(hit_json(h, &at));
      } else {
        std::cout << h.path << ':' << n << ": " << (paint ? highlighted(line, marked) : line) << '\n';
      }
    }
  }
  if (format == "json") std::cout << (*separator ? "\n  ]\n}\n" : "]\n}\n");
  if (int st = cli::stdout_status(kTool); st >= 0) return st;
  return hits.empty() ? cli::kFindings : cli::kOk;
}
