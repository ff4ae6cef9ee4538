// Splitting an issue into one file per document (gazette-split).
#include "gazette/split.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace gazette {
namespace {

std::string lines_text(const Text& text, int first, int last) {
  std::string out;
  for (int n = first; n <= last && n >= 1 && static_cast<std::size_t>(n) <= text.lines.size(); ++n) {
    out.append(text.lines[static_cast<std::size_t>(n) - 1].raw);
    out += '\n';
  }
  return out;
}

// Last non-blank line in [first, last].
int trim_end(const Text& text, int first, int last) {
  while (last > first && text.lines[static_cast<std::size_t>(last) - 1].blank()) --last;
  return last;
}

}  // namespace

std::string safe_file_name(std::string_view s, std::size_t max_bytes) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len;
    char32_t c = decode_at(s, i, &len);
    bool bad = c < 0x20 || c == 0x7F || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' ||
               c == '<' || c == '>' || c == '|' || c == ' ' || c == 0x3000 || (c >= 0x80 && c < 0xA0);
    if (is_invisible_control(c)) {  // a bidi override or zero-width character: left out
      i += len;
      continue;
    }
    std::string piece = bad ? std::string("_") : std::string(s.substr(i, len));
    if (out.size() + piece.size() > max_bytes) break;  // cut at a character
    if (!(bad && !out.empty() && out.back() == '_')) out += piece;
    i += len;
  }
  while (!out.empty() && (out.front() == '.' || out.front() == '_')) out.erase(0, 1);
  while (!out.empty() && (out.back() == '.' || out.back() == '_')) out.pop_back();
  if (out.empty()) out = "untitled";
  return out;
}

std::vector<SplitFile> split_issue(const Issue& issue, const Text& text, const SplitOptions& options) {
  std::vector<SplitFile> files;
  int width = issue.documents.size() >= 100 ? 3 : 2;
  constexpr std::size_t kSuffix = 4;  // ".txt"
  for (std::size_t k = 0; k < issue.documents.size(); ++k) {
    const Document& d = issue.documents[k];
    if (d.title_line < 1 || d.end_line < d.title_line) continue;
    std::string prefix = fmt::format("{:0{}}", k + 1, width);
    std::string label = (d.number ? d.number->text + "_" : std::string()) + (d.title.empty() ? "untitled" : d.title);
    std::size_t room = options.max_name_bytes > prefix.size() + 1 + kSuffix ? options.max_name_bytes - prefix.size() - 1 - kSuffix : 8;

    // Pieces of the document: attachments and parts in line order.
    struct Piece {
      int line;
      std::string title;
      const char* kind;
    };
    std::vector<Piece> pieces;
    if (options.separate) {
      for (const auto& a : d.attachments) pieces.push_back({a.title_line, a.title, "attachment"});
      for (const auto& p : d.parts) pieces.push_back({p.title_line, p.title, "part"});
      std::sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) { return a.line < b.line; });
      pieces.erase(std::remove_if(pieces.begin(), pieces.end(),
                                  [&](const Piece& p) { return p.line <= d.title_line || p.line > d.end_line; }),
                   pieces.end());
    }
    int doc_last = pieces.empty() ? d.end_line : trim_end(text, d.title_line, pieces.front().line - 1);
    files.push_back({prefix + "_" + safe_file_name(label, room) + ".txt", lines_text(text, d.title_line, doc_last), k,
                     "document", d.title, d.title_line, doc_last});
    for (std::size_t p = 0; p < pieces.size(); ++p) {
      int last = p + 1 < pieces.size() ? trim_end(text, pieces[p].line, pieces[p + 1].line - 1) : d.end_line;
      std::string sub = prefix + "." + std::to_string(p + 1);
      std::size_t sroom = options.max_name_bytes > sub.size() + 1 + kSuffix ? options.max_name_bytes - sub.size() - 1 - kSuffix : 8;
      files.push_back({sub + "_" + safe_file_name(pieces[p].title, sroom) + ".txt", lines_text(text, pieces[p].line, last), k,
                       pieces[p].kind, pieces[p].title, pieces[p].line, last});
    }
  }
  return files;
}

std::string split_manifest(const Issue& issue, const std::vector<SplitFile>& files) {
  using json = nlohmann::ordered_json;
  json j;
  j["source"] = json{{"path", issue.source.path}, {"sha256", issue.source.sha256}, {"encoding", issue.source.encoding}};
  json list = json::array();
  for (const auto& f : files) {
    const Document& d = issue.documents[f.seq];
    list.push_back(json{{"file", f.name},
                        {"kind", f.kind},
                        {"seq", f.seq},
                        {"number", d.number ? json(d.number->text) : json(nullptr)},
                        {"title", f.title.empty() ? json(nullptr) : json(f.title)},
                        {"title_line", f.title_line},
                        {"end_line", f.end_line}});
  }
  j["files"] = list;
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::vector<std::string> manifest_files(std::string_view manifest_json) {
  std::vector<std::string> names;
  try {
    auto j = nlohmann::json::parse(manifest_json.begin(), manifest_json.end());
    if (!j.is_object() || !j.contains("files") || !j["files"].is_array()) return names;
    for (const auto& f : j["files"]) {
      if (!f.is_object() || !f.contains("file") || !f["file"].is_string()) continue;
      std::string name = f["file"].get<std::string>();
      // A plain name in the folder, nothing else: the manifest is data.
      if (name.empty() || name == "." || name == ".." || name == "manifest.json" ||
          name.find('/') != std::string::npos || name.find('\0') != std::string::npos)
        continue;
      names.push_back(std::move(name));
    }
  } catch (const nlohmann::json::exception&) {
  }
  return names;
}

}  // namespace gazette
