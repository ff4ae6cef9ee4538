// The archive catalog: SQLite tables and an FTS5 trigram index.
#include "gazette/catalog.h"

#include <sqlite3.h>

#include <memory>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "gazette/error.h"

namespace gazette {
namespace {

// Catalogs written before schema 2 kept one text row per task and
// department in a table `task_departments`, indexed by name at the end of
// every run (most of a run's serial tail). It becomes the view of the same
// name over `departments` and `task_assignments`; queries keep working.
const char* const kMigrateTo2 = R"SQL(
CREATE TABLE departments (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
INSERT INTO departments (name) SELECT DISTINCT department FROM task_departments ORDER BY department;
CREATE TABLE task_assignments (
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  seq INTEGER NOT NULL,
  department_id INTEGER NOT NULL REFERENCES departments(id),
  role TEXT NOT NULL,
  PRIMARY KEY (task_id, seq)
) WITHOUT ROWID;
INSERT INTO task_assignments (task_id, seq, department_id, role)
  SELECT t.task_id, row_number() OVER (PARTITION BY t.task_id ORDER BY t.rowid) - 1, d.id, t.role
  FROM task_departments t JOIN departments d ON d.name = t.department;
DROP TABLE task_departments;
)SQL";

const char* const kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS issues (
  path TEXT PRIMARY KEY,        -- input, relative to its input root
  output TEXT NOT NULL,         -- output file, relative to OUTDIR
  sha256 TEXT NOT NULL,         -- of the input bytes
  bytes INTEGER NOT NULL,
  encoding TEXT,
  tool_version TEXT NOT NULL,
  gazette TEXT, year INTEGER, issue INTEGER, cumulative_issue INTEGER, published TEXT,
  documents INTEGER NOT NULL,
  path_raw BLOB                 -- the input's relative path as bytes, where path had to be escaped (else NULL)
);
CREATE TABLE IF NOT EXISTS failures (
  path TEXT PRIMARY KEY,        -- the input, as issues.path (or as named, when it was never read)
  sha256 TEXT NOT NULL,         -- of the bytes that failed ('' when they could not be read)
  tool_version TEXT NOT NULL,
  error TEXT NOT NULL,
  line INTEGER, "column" INTEGER
);
CREATE TABLE IF NOT EXISTS catalog_state (
  key TEXT PRIMARY KEY,         -- 'generation': bumped by every change to the rows;
  value NOT NULL                -- 'csv_generation', 'csv_bytes': what catalog.csv was written from;
                                -- 'root': the archive root (text) inputs are named relative to
);
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL REFERENCES issues(path),
  seq INTEGER NOT NULL,         -- position in the issue, from 0 (the extraction's seq)
  number TEXT, prefix TEXT, number_year INTEGER, serial INTEGER,
  title TEXT NOT NULL, genre TEXT, date TEXT,
  issuers TEXT, addressees TEXT, cc TEXT,   -- joined with 、
  section TEXT, page INTEGER, title_line INTEGER, end_line INTEGER,
  public INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tasks (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  line INTEGER, lead TEXT, responsible TEXT, text TEXT
);
CREATE TABLE IF NOT EXISTS departments (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
-- One row per department named by a task, in task order (tasks are
-- recorded in id order, so rows are appended), the name as an id.
CREATE TABLE IF NOT EXISTS task_assignments (
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  seq INTEGER NOT NULL,         -- position in the task's list, leads first, from 0
  department_id INTEGER NOT NULL REFERENCES departments(id),
  role TEXT NOT NULL,           -- 'lead' or 'responsible'
  PRIMARY KEY (task_id, seq)
) WITHOUT ROWID;
CREATE VIEW IF NOT EXISTS task_departments (task_id, role, department) AS
  SELECT a.task_id, a.role, d.name FROM task_assignments a JOIN departments d ON d.id = a.department_id;
CREATE TABLE IF NOT EXISTS "references" (
  document_id INTEGER NOT NULL REFERENCES documents(id),
  number TEXT NOT NULL, title TEXT, line INTEGER
);
CREATE TABLE IF NOT EXISTS key_dates (
  document_id INTEGER NOT NULL REFERENCES documents(id),
  kind TEXT NOT NULL,           -- 'effective', 'expires' or 'printed'
  date TEXT,                    -- ISO; NULL when stated relatively (自印发之日起施行)
  text TEXT NOT NULL, line INTEGER
);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(title, text, tokenize = 'trigram');
)SQL";

// Secondary indexes. A fresh catalog gets them when the run ends
// (Catalog::finish): one sorted build each instead of a B-tree insert at a
// random place per row, which was most of the catalog's cost. A catalog that
// already holds issues has them from the start, so re-conversions find
// their old rows by index.
const char* const kIndexes = R"SQL(
CREATE INDEX IF NOT EXISTS documents_path ON documents(path);
CREATE INDEX IF NOT EXISTS documents_number ON documents(number);
CREATE INDEX IF NOT EXISTS tasks_document ON tasks(document_id);
CREATE INDEX IF NOT EXISTS task_assignments_department ON task_assignments(department_id);
CREATE INDEX IF NOT EXISTS references_number ON "references"(number);
CREATE INDEX IF NOT EXISTS references_document ON "references"(document_id);
CREATE INDEX IF NOT EXISTS key_dates_document ON key_dates(document_id);
)SQL";

constexpr std::string_view kFtsPad = "  ";

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "、") + s;
  return out;
}

// RFC 4180 quoting; and a cell a spreadsheet would run as a formula
// (opening with = + - @, or a tab or CR before one) is made text by a
// leading ' and quoted, as OWASP's CSV-injection guidance says: file names
// and titles come from strangers (=HYPERLINK(…) as a file name).
std::string csv_field(std::string_view s) {
  bool formula = !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
  if (!formula && s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = formula ? "\"'" : "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

struct Catalog::Impl {
  sqlite3* db = nullptr;
  std::string path;
  bool indexes_deferred = false;  // fresh catalog: kIndexes run in finish()
  std::unordered_map<std::string, long long> department_ids;  // the departments table, in memory

  void check(int rc, const char* what) const {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
      throw InputError(path + ": " + what + ": " + sqlite3_errmsg(db));
  }
  void exec(const char* sql) const {
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "error";
      sqlite3_free(err);
      throw InputError(path + ": " + msg);
    }
  }
  // `sql` in one transaction, rolled back if any statement fails.
  void exec_in_transaction(const char* sql) const {
    exec("BEGIN");
    try {
      exec(sql);
      exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  struct Stmt {
    sqlite3_stmt* s = nullptr;
    const Impl* owner;
    Stmt(const Impl* o, const char* sql) : owner(o) { o->check(sqlite3_prepare_v2(o->db, sql, -1, &s, nullptr), "prepare"); }
    ~Stmt() { sqlite3_finalize(s); }
    // Bound without a copy (SQLITE_STATIC): the caller keeps `v` alive
    // until the statement has stepped.
    Stmt& text(int i, std::string_view v) {
      sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
      return *this;
    }
    Stmt& opt_text(int i, const std::optional<std::string>& v) {
      if (v) return text(i, *v);
      sqlite3_bind_null(s, i);
      return *this;
    }
    Stmt& integer(int i, long long v) {
      sqlite3_bind_int64(s, i, v);
      return *this;
    }
    template <class T>
    Stmt& opt_int(int i, const std::optional<T>& v) {
      if (v) return integer(i, static_cast<long long>(*v));
      sqlite3_bind_null(s, i);
      return *this;
    }
    int step() {
      int rc = sqlite3_step(s);
      owner->check(rc, "step");
      return rc;
    }
    void reset() {
      sqlite3_reset(s);
      sqlite3_clear_bindings(s);
    }
  };

  // Statements prepared once per catalog (record() runs once per input, on
  // whichever worker holds the catalog: preparing anew each time cost ~10%
  // of it).
  // Keyed by the address of the SQL literal; handed out reset.
  std::unordered_map<const char*, std::unique_ptr<Stmt>> cache;
  Stmt& use(const char* sql) {
    auto& slot = cache[sql];
    if (!slot) slot = std::make_unique<Stmt>(this, sql);
    slot->reset();
    return *slot;
  }

  long long state(const char* key) {
    Stmt& q = use("SELECT value FROM catalog_state WHERE key = ?1");
    q.text(1, key);
    long long v = q.step() == SQLITE_ROW ? sqlite3_column_int64(q.s, 0) : -1;
    q.reset();
    return v;
  }
  void set_state(const char* key, long long value) {
    Stmt& q = use("INSERT INTO catalog_state (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2");
    q.text(1, key).integer(2, value).step();
    q.reset();
  }
  // Everything recorded under the documents of `path`.
  void forget_documents(std::string_view path) {
    static constexpr const char* kForget[] = {
        "DELETE FROM documents_fts WHERE rowid IN (SELECT id FROM documents WHERE path = ?1)",
        ("DELETE FROM task_assignments WHERE task_id IN "
         "(SELECT t.id FROM tasks t JOIN documents d ON d.id = t.document_id WHERE d.path = ?1)"),
        "DELETE FROM tasks WHERE document_id IN (SELECT id FROM documents WHERE path = ?1)",
        "DELETE FROM \"references\" WHERE document_id IN (SELECT id FROM documents WHERE path = ?1)",
        "DELETE FROM key_dates WHERE document_id IN (SELECT id FROM documents WHERE path = ?1)",
        "DELETE FROM documents WHERE path = ?1",
    };
    for (const char* sql : kForget) {
      Impl::Stmt q(this, sql);
      q.text(1, path).step();
    }
  }

  // Every change to the rows bumps the generation, in its own transaction.
  void touch() {
    Stmt& q = use("INSERT INTO catalog_state (key, value) VALUES ('generation', 1) "
                  "ON CONFLICT(key) DO UPDATE SET value = value + 1");
    q.step();
    q.reset();
  }
};

Catalog::Catalog(const std::string& path) : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  // No mutex inside SQLite: a Catalog is used by one thread at a time (the
  // batch driver holds its own lock around it), and SQLite's serialising
  // mutex cost a lock and unlock per call.
  if (sqlite3_open_v2(path.c_str(), &impl_->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string msg = impl_->db ? sqlite3_errmsg(impl_->db) : "cannot open";
    sqlite3_close(impl_->db);
    impl_->db = nullptr;
    throw InputError(path + ": " + msg);
  }
  sqlite3_busy_timeout(impl_->db, 5000);
  try {
    // The catalog can be rebuilt from the outputs: trade fsyncs for speed.
    // (A write-ahead log was tried: commits stop syncing, but every page is
    // then written twice, and the checkpoint at the end cost more.)
    impl_->exec("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536");
    {
      // A catalog of a later version is not ours to change: refused, not
      // half-migrated backwards.
      Impl::Stmt version(impl_.get(), "PRAGMA user_version");
      int v = version.step() == SQLITE_ROW ? sqlite3_column_int(version.s, 0) : 0;
      if (v > kCatalogVersion)
        throw InputError(path + ": a catalog of a later version (user_version " + std::to_string(v) + ", this tool writes " +
                         std::to_string(kCatalogVersion) + "): use that version, or another output folder");
    }
    {
      Impl::Stmt old(impl_.get(), "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'task_departments'");
      if (old.step() == SQLITE_ROW) {
        old.reset();
        impl_->exec_in_transaction(kMigrateTo2);
      }
    }
    impl_->exec(kSchema);
    {
      // Version 2 catalogs have no documents.cc (added with key_dates, 0.2.0).
      Impl::Stmt has_cc(impl_.get(), "SELECT 1 FROM pragma_table_info('documents') WHERE name = 'cc'");
      bool present = has_cc.step() == SQLITE_ROW;
      has_cc.reset();
      if (!present) impl_->exec("ALTER TABLE documents ADD COLUMN cc TEXT");
    }
    {
      // Version 3 catalogs have no issues.path_raw (0.3.0).
      Impl::Stmt has_raw(impl_.get(), "SELECT 1 FROM pragma_table_info('issues') WHERE name = 'path_raw'");
      bool present = has_raw.step() == SQLITE_ROW;
      has_raw.reset();
      if (!present) impl_->exec("ALTER TABLE issues ADD COLUMN path_raw BLOB");
    }
    {
      // Version 5 catalogs call the document's position documents.idx;
      // from 0.5.0 every output calls it seq. The CSV gained columns too:
      // it is rewritten (its stamp forgotten).
      Impl::Stmt has_idx(impl_.get(), "SELECT 1 FROM pragma_table_info('documents') WHERE name = 'idx'");
      bool present = has_idx.step() == SQLITE_ROW;
      has_idx.reset();
      if (present)
        impl_->exec_in_transaction(
            "ALTER TABLE documents RENAME COLUMN idx TO seq; DELETE FROM catalog_state WHERE key = 'csv_generation'");
    }
    {
      // Marked once: a catalog opened and left unchanged is not rewritten.
      Impl::Stmt version(impl_.get(), "PRAGMA user_version");
      // 3: key_dates and documents.cc (0.2.0); 4: issues.path_raw (0.3.0);
      // 5: catalog_state and failures, FTS columns padded (0.4.0); 6: documents.seq
      // (0.5.0); each added above to an older catalog.
      bool marked = version.step() == SQLITE_ROW && sqlite3_column_int(version.s, 0) == kCatalogVersion;
      version.reset();
      if (!marked) impl_->exec(("PRAGMA user_version = " + std::to_string(kCatalogVersion)).c_str());
    }
    {
      Impl::Stmt names(impl_.get(), "SELECT id, name FROM departments");
      while (names.step() == SQLITE_ROW)
        impl_->department_ids.emplace(reinterpret_cast<const char*>(sqlite3_column_text(names.s, 1)),
                                      sqlite3_column_int64(names.s, 0));
    }
    Impl::Stmt any(impl_.get(), "SELECT 1 FROM issues LIMIT 1");
    impl_->indexes_deferred = any.step() != SQLITE_ROW;
    if (!impl_->indexes_deferred) impl_->exec(kIndexes);
  } catch (...) {
    sqlite3_close(impl_->db);  // the destructor does not run for a throwing constructor
    impl_->db = nullptr;
    throw;
  }
}

Catalog::~Catalog() {
  if (!impl_) return;
  impl_->cache.clear();  // statements are finalized before the handle closes
  if (impl_->db) sqlite3_close(impl_->db);
}

bool Catalog::up_to_date(std::string_view path, std::string_view sha256, std::string_view tool_version) const {
  Impl::Stmt& q = impl_->use("SELECT 1 FROM issues WHERE path = ?1 AND sha256 = ?2 AND tool_version = ?3");
  q.text(1, path).text(2, sha256).text(3, tool_version);
  bool fresh = q.step() == SQLITE_ROW;
  q.reset();
  return fresh;
}

std::string Catalog::recorded_sha256(std::string_view path, std::string_view tool_version) const {
  Impl::Stmt& q = impl_->use("SELECT sha256 FROM issues WHERE path = ?1 AND tool_version = ?2");
  q.text(1, path).text(2, tool_version);
  std::string sha;
  if (q.step() == SQLITE_ROW) {
    const unsigned char* v = sqlite3_column_text(q.s, 0);
    if (v) sha = reinterpret_cast<const char*>(v);
  }
  q.reset();
  return sha;
}

std::size_t Catalog::merge(const std::string& part, const std::function<void(const Recorded&)>& each) {
  Impl* I = impl_.get();
  {
    Impl::Stmt attach(I, "ATTACH DATABASE ?1 AS part");
    attach.text(1, part).step();
  }
  struct Detach {
    Impl* I;
    ~Detach() { sqlite3_exec(I->db, "DETACH DATABASE part", nullptr, nullptr, nullptr); }
  } detach{I};
  {
    Impl::Stmt v(I, "PRAGMA part.user_version");
    int version = v.step() == SQLITE_ROW ? sqlite3_column_int(v.s, 0) : 0;
    if (version != kCatalogVersion)
      throw InputError(part + ": a catalog of another version (user_version " + std::to_string(version) +
                       ", this tool merges " + std::to_string(kCatalogVersion) +
                       "): convert that part again with this version");
  }
  I->exec("BEGIN");
  try {
    // The part's issues this catalog lacks or holds in another form (other
    // bytes or tool version): the part's replace them.
    I->exec("CREATE TEMP TABLE merging AS SELECT p.path, p.output, COALESCE(p.path_raw, p.path) AS raw "
            "FROM part.issues p LEFT JOIN main.issues m ON m.path = p.path "
            "WHERE m.path IS NULL OR m.sha256 != p.sha256 OR m.tool_version != p.tool_version ORDER BY p.path");
    std::vector<Recorded> merged;
    {
      Impl::Stmt q(I, "SELECT path, output, raw FROM temp.merging");
      while (q.step() == SQLITE_ROW)
        merged.push_back({reinterpret_cast<const char*>(sqlite3_column_text(q.s, 0)),
                          reinterpret_cast<const char*>(sqlite3_column_text(q.s, 1)),
                          std::string(static_cast<const char*>(sqlite3_column_blob(q.s, 2)),
                                      static_cast<std::size_t>(sqlite3_column_bytes(q.s, 2))),
                          {},
                          {}});
    }
    for (const Recorded& r : merged) {
      I->forget_documents(r.path);
      Impl::Stmt del(I, "DELETE FROM main.issues WHERE path = ?1");
      del.text(1, r.path).step();
    }
    // Ids are shifted past this catalog's own, so none collide.
    I->exec(R"SQL(
CREATE TEMP TABLE shift AS SELECT
  (SELECT COALESCE(max(id), 0) FROM main.documents) AS doc, (SELECT COALESCE(max(id), 0) FROM main.tasks) AS task;
INSERT INTO main.issues (path, output, sha256, bytes, encoding, tool_version, gazette, year, issue, cumulative_issue,
                         published, documents, path_raw)
  SELECT path, output, sha256, bytes, encoding, tool_version, gazette, year, issue, cumulative_issue, published,
         documents, path_raw FROM part.issues WHERE path IN (SELECT path FROM temp.merging);
INSERT INTO main.documents (id, path, seq, number, prefix, number_year, serial, title, genre, date, issuers,
                            addressees, cc, section, page, title_line, end_line, public)
  SELECT id + (SELECT doc FROM temp.shift), path, seq, number, prefix, number_year, serial, title, genre, date, issuers,
         addressees, cc, section, page, title_line, end_line, public
  FROM part.documents WHERE path IN (SELECT path FROM temp.merging);
INSERT INTO main.documents_fts (rowid, title, text)
  SELECT f.rowid + (SELECT doc FROM temp.shift), f.title, f.text FROM part.documents_fts f
  JOIN part.documents d ON d.id = f.rowid WHERE d.path IN (SELECT path FROM temp.merging);
INSERT INTO main.tasks (id, document_id, line, lead, responsible, text)
  SELECT t.id + (SELECT task FROM temp.shift), t.document_id + (SELECT doc FROM temp.shift), t.line, t.lead,
         t.responsible, t.text
  FROM part.tasks t JOIN part.documents d ON d.id = t.document_id WHERE d.path IN (SELECT path FROM temp.merging);
INSERT OR IGNORE INTO main.departments (name) SELECT name FROM part.departments;
INSERT INTO main.task_assignments (task_id, seq, department_id, role)
  SELECT a.task_id + (SELECT task FROM temp.shift), a.seq, md.id, a.role FROM part.task_assignments a
  JOIN part.tasks t ON t.id = a.task_id JOIN part.documents d ON d.id = t.document_id
  JOIN part.departments pd ON pd.id = a.department_id JOIN main.departments md ON md.name = pd.name
  WHERE d.path IN (SELECT path FROM temp.merging);
INSERT INTO main."references" (document_id, number, title, line)
  SELECT r.document_id + (SELECT doc FROM temp.shift), r.number, r.title, r.line FROM part."references" r
  JOIN part.documents d ON d.id = r.document_id WHERE d.path IN (SELECT path FROM temp.merging);
INSERT INTO main.key_dates (document_id, kind, date, text, line)
  SELECT k.document_id + (SELECT doc FROM temp.shift), k.kind, k.date, k.text, k.line FROM part.key_dates k
  JOIN part.documents d ON d.id = k.document_id WHERE d.path IN (SELECT path FROM temp.merging);
INSERT OR REPLACE INTO main.failures (path, sha256, tool_version, error, line, "column")
  SELECT path, sha256, tool_version, error, line, "column" FROM part.failures
  WHERE path NOT IN (SELECT path FROM main.issues);
DELETE FROM main.failures WHERE path IN (SELECT path FROM temp.merging);
DROP TABLE temp.shift;
DROP TABLE temp.merging;
)SQL");
    if (!merged.empty()) I->touch();
    for (const Recorded& r : merged) each(r);  // the outputs, before the rows that name them commit
    I->exec("COMMIT");
    I->department_ids.clear();
    Impl::Stmt names(I, "SELECT id, name FROM departments");
    while (names.step() == SQLITE_ROW)
      I->department_ids.emplace(reinterpret_cast<const char*>(sqlite3_column_text(names.s, 1)),
                                sqlite3_column_int64(names.s, 0));
    return merged.size();
  } catch (...) {
    for (auto& [sql, stmt] : I->cache) stmt->reset();
    sqlite3_exec(I->db, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_exec(I->db, "DROP TABLE IF EXISTS temp.merging; DROP TABLE IF EXISTS temp.shift", nullptr, nullptr, nullptr);
    throw;
  }
}

void Catalog::begin() { impl_->exec("BEGIN"); }

void Catalog::finish() {
  if (!impl_->indexes_deferred) return;
  // SQLite sorts each index in pieces the size of its page cache, then
  // merges: with the 64 MB cache the 260,000 department rows became one
  // long sort that took 0.14 s; in 2 MB pieces it takes 0.07 s.
  // All in one transaction: one commit (and its syncs) instead of six.
  impl_->exec("PRAGMA cache_size = -2048");
  impl_->exec_in_transaction(kIndexes);
  impl_->exec("PRAGMA cache_size = -65536");
  impl_->indexes_deferred = false;
}
void Catalog::commit() {
  for (auto& [sql, stmt] : impl_->cache) stmt->reset();  // none left in progress
  impl_->exec("COMMIT");
}

std::vector<Catalog::Failure> Catalog::failures(std::string_view tool_version) const {
  Impl::Stmt q(impl_.get(), "SELECT path, sha256, error, line, \"column\" FROM failures WHERE tool_version = ?1");
  q.text(1, tool_version);
  std::vector<Failure> out;
  while (q.step() == SQLITE_ROW) {
    auto text = [&](int c) {
      const unsigned char* v = sqlite3_column_text(q.s, c);
      return v ? std::string(reinterpret_cast<const char*>(v)) : std::string();
    };
    out.push_back({text(0), text(1), text(2), sqlite3_column_int(q.s, 3), sqlite3_column_int(q.s, 4)});
  }
  return out;
}

void Catalog::record_failure(const Failure& f, std::string_view tool_version) {
  Impl::Stmt& q = impl_->use(
      "INSERT INTO failures (path, sha256, tool_version, error, line, \"column\") VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT(path) DO UPDATE SET sha256 = ?2, tool_version = ?3, error = ?4, line = ?5, \"column\" = ?6");
  q.text(1, f.path).text(2, f.sha256).text(3, tool_version).text(4, f.error).integer(5, f.line).integer(6, f.column).step();
  q.reset();
}

std::vector<Catalog::Recorded> Catalog::issues() const {
  Impl::Stmt q(impl_.get(), "SELECT path, output, path_raw, sha256, tool_version FROM issues ORDER BY path");
  std::vector<Recorded> out;
  while (q.step() == SQLITE_ROW) {
    Recorded r{reinterpret_cast<const char*>(sqlite3_column_text(q.s, 0)),
               reinterpret_cast<const char*>(sqlite3_column_text(q.s, 1)),
               {},
               reinterpret_cast<const char*>(sqlite3_column_text(q.s, 3)),
               reinterpret_cast<const char*>(sqlite3_column_text(q.s, 4))};
    const void* raw = sqlite3_column_blob(q.s, 2);
    r.raw = raw ? std::string(static_cast<const char*>(raw), static_cast<std::size_t>(sqlite3_column_bytes(q.s, 2)))
                : r.path;
    out.push_back(std::move(r));
  }
  return out;
}

void Catalog::remove(std::string_view path) {
  impl_->touch();
  impl_->forget_documents(path);
  for (const char* sql : {"DELETE FROM issues WHERE path = ?1", "DELETE FROM failures WHERE path = ?1"}) {
    Impl::Stmt q(impl_.get(), sql);
    q.text(1, path).step();
  }
}

void Catalog::rename(std::string_view from, std::string_view to, std::string_view output, std::string_view raw_path) {
  impl_->touch();
  {
    Impl::Stmt q(impl_.get(), "UPDATE issues SET path = ?2, output = ?3, path_raw = ?4 WHERE path = ?1");
    q.text(1, from).text(2, to).text(3, output);
    if (raw_path.empty() || raw_path == to) sqlite3_bind_null(q.s, 4);
    else sqlite3_bind_blob(q.s, 4, raw_path.data(), static_cast<int>(raw_path.size()), SQLITE_STATIC);
    q.step();
  }
  Impl::Stmt d(impl_.get(), "UPDATE documents SET path = ?2 WHERE path = ?1");
  d.text(1, from).text(2, to).step();
  Impl::Stmt f(impl_.get(), "DELETE FROM failures WHERE path = ?1");
  f.text(1, to).step();
}

std::string Catalog::root() const {
  Impl::Stmt q(impl_.get(), "SELECT value FROM catalog_state WHERE key = 'root'");
  if (q.step() != SQLITE_ROW) return {};
  const unsigned char* v = sqlite3_column_text(q.s, 0);
  return v ? reinterpret_cast<const char*>(v) : "";
}

void Catalog::set_root(std::string_view root) {
  Impl::Stmt q(impl_.get(), "INSERT INTO catalog_state (key, value) VALUES ('root', ?1) "
                            "ON CONFLICT(key) DO UPDATE SET value = ?1");
  q.text(1, root).step();
}

long long Catalog::generation() const { return std::max(0LL, impl_->state("generation")); }

bool Catalog::csv_current(std::optional<std::uintmax_t> bytes) const {
  return bytes && impl_->state("csv_generation") == static_cast<long long>(generation()) &&
         impl_->state("csv_bytes") == static_cast<long long>(*bytes);
}

void Catalog::mark_csv(long long at_generation, std::uintmax_t bytes) {
  impl_->set_state("csv_generation", at_generation);
  impl_->set_state("csv_bytes", static_cast<long long>(bytes));
}

void Catalog::record(std::string_view path, std::string_view output, const Issue& issue, std::string_view tool_version,
                     bool full_text, std::string_view raw_path) {
  Impl* I = impl_.get();
  I->touch();
  {
    Impl::Stmt& q = I->use("DELETE FROM failures WHERE path = ?1");  // it converts now
    q.text(1, path).step();
    q.reset();
  }
  bool known;
  {
    Impl::Stmt& q = I->use("SELECT 1 FROM issues WHERE path = ?1");
    q.text(1, path);
    known = q.step() == SQLITE_ROW;
    q.reset();
  }
  if (known) I->forget_documents(path);  // re-converted: drop what the old version recorded
  Impl::Stmt& is = I->use("INSERT OR REPLACE INTO issues (path, output, sha256, bytes, encoding, tool_version, gazette, year, "
                          "issue, cumulative_issue, published, documents, path_raw) "
                          "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
  is.text(1, path).text(2, output).text(3, issue.source.sha256).integer(4, static_cast<long long>(issue.source.bytes));
  is.text(5, issue.source.encoding).text(6, tool_version);
  if (issue.gazette.title.empty()) sqlite3_bind_null(is.s, 7); else is.text(7, issue.gazette.title);
  is.opt_int(8, issue.gazette.year).opt_int(9, issue.gazette.issue).opt_int(10, issue.gazette.cumulative_issue);
  is.opt_text(11, issue.gazette.published).integer(12, static_cast<long long>(issue.documents.size()));
  if (raw_path.empty() || raw_path == path) sqlite3_bind_null(is.s, 13);
  else sqlite3_bind_blob(is.s, 13, raw_path.data(), static_cast<int>(raw_path.size()), SQLITE_STATIC);
  is.step();

  Impl::Stmt& doc = I->use("INSERT INTO documents (path, seq, number, prefix, number_year, serial, title, genre, date, issuers, "
                    "addressees, section, page, title_line, end_line, public, cc) "
                    "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)");
  Impl::Stmt& fts = I->use("INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)");
  Impl::Stmt& task = I->use("INSERT INTO tasks (document_id, line, lead, responsible, text) VALUES (?1,?2,?3,?4,?5)");
  // Department rows go in eight to a statement (one cursor, one program
  // run for eight rows), the rest one by one.
  Impl::Stmt& dep = I->use("INSERT INTO task_assignments (task_id, seq, department_id, role) VALUES (?1,?2,?3,?4)");
  Impl::Stmt& dep8 = I->use(
      "INSERT INTO task_assignments (task_id, seq, department_id, role) VALUES (?1,?2,?3,?4),(?5,?6,?7,?8),"
      "(?9,?10,?11,?12),(?13,?14,?15,?16),(?17,?18,?19,?20),(?21,?22,?23,?24),(?25,?26,?27,?28),(?29,?30,?31,?32)");
  struct Assignment {
    long long task, seq, department;
    bool lead;
  };
  std::vector<Assignment> assignments;
  auto flush_assignments = [&] {
    std::size_t k = 0;
    auto bind = [](Impl::Stmt& st, int at, const Assignment& a) {
      st.integer(at, a.task).integer(at + 1, a.seq).integer(at + 2, a.department).text(at + 3, a.lead ? "lead" : "responsible");
    };
    for (; k + 8 <= assignments.size(); k += 8) {
      dep8.reset();
      for (int r = 0; r < 8; ++r) bind(dep8, 1 + 4 * r, assignments[k + static_cast<std::size_t>(r)]);
      dep8.step();
    }
    for (; k < assignments.size(); ++k) {
      dep.reset();
      bind(dep, 1, assignments[k]);
      dep.step();
    }
    assignments.clear();
  };
  auto department_id = [&](const std::string& name) {
    auto it = I->department_ids.find(name);
    if (it != I->department_ids.end()) return it->second;
    // Not in the map: new, or recorded meanwhile by another process
    // converting into the same catalog.
    Impl::Stmt& add = I->use("INSERT INTO departments (name) VALUES (?1) ON CONFLICT (name) DO NOTHING");
    add.text(1, name).step();
    long long id = sqlite3_last_insert_rowid(I->db);
    if (sqlite3_changes(I->db) == 0) {
      Impl::Stmt& find = I->use("SELECT id FROM departments WHERE name = ?1");
      find.text(1, name);
      find.step();
      id = sqlite3_column_int64(find.s, 0);
    }
    I->department_ids.emplace(name, id);
    return id;
  };
  Impl::Stmt& ref = I->use("INSERT INTO \"references\" (document_id, number, title, line) VALUES (?1,?2,?3,?4)");
  Impl::Stmt& key = I->use("INSERT INTO key_dates (document_id, kind, date, text, line) VALUES (?1,?2,?3,?4,?5)");
  for (std::size_t k = 0; k < issue.documents.size(); ++k) {
    const Document& d = issue.documents[k];
    doc.reset();
    doc.text(1, path).integer(2, static_cast<long long>(k));
    if (d.number) {
      doc.text(3, d.number->text).text(4, d.number->prefix).opt_int(5, d.number->year).opt_int(6, d.number->serial);
    }
    const std::string issuers = join(d.issuers), addressees = join(d.addressees), cc = join(d.cc);  // alive until the step
    doc.text(7, d.title).opt_text(8, d.genre).opt_text(9, d.date).text(10, issuers).text(11, addressees);
    doc.opt_text(12, d.section).opt_int(13, d.page).integer(14, d.title_line).integer(15, d.end_line).integer(16, d.is_public);
    doc.text(17, cc);
    doc.step();
    long long id = sqlite3_last_insert_rowid(I->db);
    if (full_text) {
      // Each column padded with two spaces: every occurrence of a one- or
      // two-character word then begins a trigram, so gazette-search finds
      // two-character words through the index's vocabulary (fts5vocab),
      // at the end of a title too.
      thread_local std::string title, body;
      title.assign(d.title).append(kFtsPad);
      body.assign(d.text).append(kFtsPad);
      fts.reset();
      fts.integer(1, id).text(2, title).text(3, body).step();
    }
    for (const Task& t : d.tasks) {
      task.reset();
      const std::string lead = join(t.lead), responsible = join(t.responsible);  // alive until the step
      task.integer(1, id).integer(2, t.line).text(3, lead).text(4, responsible).text(5, t.text).step();
      long long tid = sqlite3_last_insert_rowid(I->db);
      long long seq = 0;
      for (const auto* list : {&t.lead, &t.responsible})
        for (const auto& name : *list) assignments.push_back({tid, seq++, department_id(name), list == &t.lead});
    }
    for (const Reference& r : d.references) {
      ref.reset();
      ref.integer(1, id).text(2, r.number).opt_text(3, r.title).integer(4, r.line).step();
    }
    for (const KeyDate& k : d.key_dates) {
      key.reset();
      key.integer(1, id).text(2, k.kind).opt_text(3, k.date).text(4, k.text).integer(5, k.line).step();
    }
  }
  flush_assignments();
}

std::string Catalog::documents_csv() const {
  std::ostringstream out;
  // The byte order mark makes Excel read UTF-8 (without it, Chinese opens
  // as mojibake); Python reads it with encoding="utf-8-sig".
  out << "\xEF\xBB\xBF" << "path,seq,year,issue,number,title,genre,date,issuers,section,page,effective,expires\r\n";
  // effective: the earliest dated 施行 of the document, expires: the latest
  // dated 有效期 end (key_dates; relative ones have no date). One grouped
  // pass over key_dates, joined, rather than a lookup per document.
  Impl::Stmt q(impl_.get(),
               "SELECT d.path, d.seq, i.year, i.issue, d.number, d.title, d.genre, d.date, d.issuers, d.section, d.page, "
               "k.effective, k.expires "
               "FROM documents d JOIN issues i ON i.path = d.path "
               "LEFT JOIN (SELECT document_id, min(CASE WHEN kind = 'effective' THEN date END) AS effective, "
               "max(CASE WHEN kind = 'expires' THEN date END) AS expires FROM key_dates GROUP BY document_id) k "
               "ON k.document_id = d.id ORDER BY d.path, d.seq");
  while (q.step() == SQLITE_ROW) {
    for (int c = 0; c < 13; ++c) {
      const unsigned char* v = sqlite3_column_text(q.s, c);
      if (c) out << ',';
      out << csv_field(v ? reinterpret_cast<const char*>(v) : "");
    }
    out << "\r\n";
  }
  return out.str();
}

long long Catalog::document_count() const {
  Impl::Stmt q(impl_.get(), "SELECT count(*) FROM documents");
  q.step();
  return sqlite3_column_int64(q.s, 0);
}

}  // namespace gazette
