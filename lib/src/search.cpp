// Search: a query parsed into AND/OR/NOT over literal words, each word's
// documents found through the trigram index (three characters or more),
// its vocabulary (two) or a scan (one), combined as sorted id lists, then
// narrowed by the catalog's facts.
#include "gazette/search.h"

#include <sqlite3.h>

#include <algorithm>
#include <iterator>
#include <memory>

#include "gazette/catalog.h"
#include "gazette/error.h"
#include "json_writer.h"

namespace gazette {
namespace {

using Ids = std::vector<long long>;  // sorted, unique

// A query as a list of alternatives (OR), each a list of words that must
// all occur and words that must not.
struct Group {
  std::vector<std::string> with, without;
};

std::vector<Group> parse(std::string_view q) {
  std::vector<Group> groups(1);
  bool negate = false;
  std::size_t i = 0;
  while (i < q.size()) {
    char c = q[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    std::string word;
    bool quoted = false;
    if (c == '"') {
      std::size_t end = q.find('"', i + 1);
      if (end == std::string_view::npos) throw InputError("query: a quote opened and not closed");
      word = std::string(q.substr(i + 1, end - i - 1));
      quoted = true;
      i = end + 1;
    } else {
      std::size_t end = q.find_first_of(" \t\r\n", i);
      if (end == std::string_view::npos) end = q.size();
      word = std::string(q.substr(i, end - i));
      i = end;
    }
    if (!quoted && word == "OR") {
      if (groups.back().with.empty() && groups.back().without.empty()) throw InputError("query: OR with nothing before it");
      groups.emplace_back();
      continue;
    }
    if (!quoted && word == "AND") continue;
    if (!quoted && word == "NOT") {
      negate = true;
      continue;
    }
    if (!quoted && word.size() > 1 && word[0] == '-') {
      negate = true;
      word.erase(0, 1);
    }
    if (word.empty()) throw InputError("query: an empty word");
    (negate ? groups.back().without : groups.back().with).push_back(word);
    negate = false;
  }
  if (negate) throw InputError("query: NOT with nothing after it");
  for (const Group& g : groups)
    if (g.with.empty()) {
      if (g.without.empty()) throw InputError(groups.size() > 1 ? "query: OR with nothing after it" : "query: no word to search");
      throw InputError("query: a group of only excluded words (NOT) matches nothing to start from; add a word");
    }
  return groups;
}

std::size_t characters(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// An FTS5 string: in double quotes, quotes doubled.
std::string fts_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

class Db {
 public:
  explicit Db(const std::string& path) : path_(path) {
    // Read only, and never created: a missing catalog is an error.
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "cannot open";
      sqlite3_close(db_);
      db_ = nullptr;
      throw InputError(path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 5000);  // a run writing it: wait a little, then say so
    try {
      Stmt v(*this, "PRAGMA user_version");
      int version = v.step() ? sqlite3_column_int(v.s, 0) : 0;
      if (version != kCatalogVersion)
        throw InputError(path + ": a catalog of another version (user_version " + std::to_string(version) +
                         ", this tool reads " + std::to_string(kCatalogVersion) +
                         "): convert the archive again with this version");
    } catch (...) {
      sqlite3_close(db_);  // the destructor does not run for a throwing constructor
      db_ = nullptr;
      throw;
    }
  }
  ~Db() { sqlite3_close(db_); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  struct Stmt {
    sqlite3_stmt* s = nullptr;
    Db& db;
    Stmt(Db& d, const std::string& sql) : db(d) {
      if (sqlite3_prepare_v2(d.db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) d.fail();
    }
    ~Stmt() { sqlite3_finalize(s); }
    Stmt& text(int i, std::string_view v) {
      sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
      return *this;
    }
    Stmt& integer(int i, long long v) {
      sqlite3_bind_int64(s, i, v);
      return *this;
    }
    bool step() {
      int rc = sqlite3_step(s);
      if (rc == SQLITE_ROW) return true;
      if (rc != SQLITE_DONE) db.fail();
      return false;
    }
    std::string column(int c) {
      const unsigned char* v = sqlite3_column_text(s, c);
      return v ? reinterpret_cast<const char*>(v) : "";
    }
  };

  Ids ids(Stmt& q) {
    Ids out;
    while (q.step()) out.push_back(sqlite3_column_int64(q.s, 0));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  void exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "error";
      sqlite3_free(err);
      throw InputError(path_ + ": " + msg);
    }
  }

  [[noreturn]] void fail() { throw InputError(path_ + ": " + sqlite3_errmsg(db_)); }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

// Documents whose title or text holds `word`.
Ids documents_with(Db& db, const std::string& word) {
  const std::size_t n = characters(word);
  if (n >= 3) {  // the trigram index: a phrase of trigrams is a substring
    Db::Stmt q(db, "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1");
    q.text(1, fts_string(word));
    return db.ids(q);
  }
  if (n == 2) {
    // Every trigram that begins with the word (the index folds ASCII case).
    std::string low = word;
    for (char& c : low)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.gazette_vocab USING fts5vocab(main, documents_fts, row)");
    Db::Stmt v(db, "SELECT term FROM temp.gazette_vocab WHERE term >= ?1 AND term < ?2");
    v.text(1, low).text(2, low + "\xF4\x90\x80\x80");  // past every character that can follow
    std::vector<std::string> terms;
    while (v.step()) terms.push_back(v.column(0));
    Ids out;
    // A few hundred terms per query (FTS5 bounds an expression's depth).
    for (std::size_t k = 0; k < terms.size(); k += 200) {
      std::string match;
      for (std::size_t j = k; j < std::min(terms.size(), k + 200); ++j)
        match += (match.empty() ? "" : " OR ") + fts_string(terms[j]);
      Db::Stmt q(db, "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1");
      q.text(1, match);
      Ids part = db.ids(q);
      Ids merged;
      std::set_union(out.begin(), out.end(), part.begin(), part.end(), std::back_inserter(merged));
      out.swap(merged);
    }
    return out;
  }
  Db::Stmt q(db, "SELECT rowid FROM documents_fts WHERE instr(title, ?1) > 0 OR instr(text, ?1) > 0");
  q.text(1, word);
  return db.ids(q);
}

Ids intersect(const Ids& a, const Ids& b) {
  Ids out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

}  // namespace

std::vector<std::string> positive_words(std::string_view query) {
  std::vector<std::string> out;
  for (const Group& g : parse(query))
    for (const auto& w : g.with)
      if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(w);
  return out;
}

std::string catalog_root(const std::string& catalog_path) {
  Db db(catalog_path);
  Db::Stmt q(db, "SELECT value FROM catalog_state WHERE key = 'root'");
  return q.step() ? q.column(0) : "";
}

std::vector<SearchHit> search(const std::string& catalog_path, std::string_view query, const SearchFilters& f) {
  const std::vector<Group> groups = parse(query);
  Db db(catalog_path);
  Ids found;
  for (const Group& g : groups) {
    Ids ids = documents_with(db, g.with[0]);
    for (std::size_t k = 1; k < g.with.size() && !ids.empty(); ++k) ids = intersect(ids, documents_with(db, g.with[k]));
    for (const auto& w : g.without) {
      if (ids.empty()) break;
      Ids drop = documents_with(db, w), kept;
      std::set_difference(ids.begin(), ids.end(), drop.begin(), drop.end(), std::back_inserter(kept));
      ids.swap(kept);
    }
    Ids merged;
    std::set_union(found.begin(), found.end(), ids.begin(), ids.end(), std::back_inserter(merged));
    found.swap(merged);
  }
  if (found.empty()) return {};

  // The facts, and the filters on them, for the documents found.
  std::string sql =
      "SELECT d.id, d.path, COALESCE(i.path_raw, d.path), d.seq, COALESCE(d.number, ''), d.title, "
      "COALESCE(d.genre, ''), COALESCE(d.date, ''), COALESCE(d.issuers, ''), d.title_line, d.end_line "
      "FROM documents d JOIN issues i ON i.path = d.path WHERE 1";
  std::vector<std::string> texts;
  // A clause with one `?`, bound to `v`; none when `v` is empty.
  auto add = [&](std::string clause, const std::string& v) {
    if (v.empty()) return;
    texts.push_back(v);
    clause.replace(clause.find('?'), 1, "?" + std::to_string(texts.size()));
    sql += " AND " + clause;
  };
  if (f.year) sql += " AND i.year = " + std::to_string(*f.year);
  if (f.issue) sql += " AND i.issue = " + std::to_string(*f.issue);
  add("instr(i.gazette, ?) > 0", f.gazette);
  add("d.genre = ?", f.genre);
  add("instr(d.issuers, ?) > 0", f.issuer);
  add("d.prefix = ?", f.prefix);
  add("d.date >= ?", f.date_from);
  add("d.date <= ?", f.date_to);
  const std::string department =
      "EXISTS (SELECT 1 FROM tasks t JOIN task_assignments a ON a.task_id = t.id JOIN departments p "
      "ON p.id = a.department_id WHERE t.document_id = d.id AND a.role = ";
  add(department + "'lead' AND p.name = ?)", f.lead);
  add(department + "'responsible' AND p.name = ?)", f.responsible);
  sql += " ORDER BY d.path, d.seq";
  Db::Stmt q(db, sql);
  for (std::size_t k = 0; k < texts.size(); ++k) q.text(static_cast<int>(k + 1), texts[k]);
  std::vector<SearchHit> hits;
  while (q.step()) {
    long long id = sqlite3_column_int64(q.s, 0);
    if (!std::binary_search(found.begin(), found.end(), id)) continue;
    SearchHit h;
    h.id = id;
    h.path = q.column(1);
    h.raw_path = q.column(2);
    h.seq = sqlite3_column_int(q.s, 3);
    h.number = q.column(4);
    h.title = q.column(5);
    h.genre = q.column(6);
    h.date = q.column(7);
    h.issuers = q.column(8);
    h.title_line = sqlite3_column_int(q.s, 9);
    h.end_line = sqlite3_column_int(q.s, 10);
    hits.push_back(std::move(h));
  }
  return hits;
}

std::string hit_json(const SearchHit& h, const HitLine* line) {
  std::string out;
  detail::JsonWriter w(out, -1);
  auto text = [&](std::string_view k, const std::string& v) {
    w.key(k);
    if (v.empty()) w.null(); else w.value(v);
  };
  w.begin_object();
  text("path", h.path);
  w.key("seq"), w.value(h.seq);
  text("number", h.number);
  text("title", h.title);
  text("genre", h.genre);
  text("date", h.date);
  w.key("issuers");
  w.begin_array();
  // The catalog joins a list with 、 (no name holds one).
  for (std::size_t at = 0; at < h.issuers.size();) {
    std::size_t end = h.issuers.find("、", at);
    if (end == std::string::npos) end = h.issuers.size();
    if (end > at) w.value(std::string_view(h.issuers).substr(at, end - at));
    at = end + (end < h.issuers.size() ? std::string_view("、").size() : 0);
  }
  w.end_array();
  w.key("title_line"), w.value(h.title_line);
  w.key("end_line"), w.value(h.end_line);
  // A record per document (-l) has no line found: null, as every
  // unknown value, so that every record has the same keys.
  w.key("line");
  if (line) w.value(line->line); else w.null();
  w.key("text");
  if (line) w.value(line->text); else w.null();
  w.end_object();
  return out;
}

}  // namespace gazette
