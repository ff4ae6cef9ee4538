#include <doctest/doctest.h>

#include <sqlite3.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "gazette/catalog.h"

using namespace gazette;

namespace {

Issue issue_with_task(const std::string& lead, const std::string& responsible) {
  Issue i;
  i.source.sha256 = "0";
  i.source.encoding = "UTF-8";
  Document d;
  d.title = "关于某事的通知";
  Task t;
  t.line = 3;
  t.lead = {lead};
  t.responsible = {responsible, lead};  // a department twice in one task
  t.text = lead + "牵头," + responsible + "配合";
  d.tasks.push_back(t);
  i.documents.push_back(d);
  return i;
}

long long count(const std::string& db_path, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  long long n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

}  // namespace

// Two catalogs open on one file (two runs into one OUTDIR, one after the
// other's commit): the second does not know the department the first added,
// and must reuse its row rather than fail on the name's uniqueness.
TEST_CASE("catalog: a department another connection added is reused, not inserted again") {
  char dir[] = "/tmp/gazette-catalog-test.XXXXXX";
  REQUIRE(::mkdtemp(dir) != nullptr);
  const std::string path = std::string(dir) + "/catalog.sqlite";
  {
    Catalog first(path), second(path);  // both read the (empty) department list now
    first.begin();
    first.record("a.txt", "a.txt.json", issue_with_task("州科协", "州财政局"), "test");
    first.commit();
    second.begin();
    CHECK_NOTHROW(second.record("b.txt", "b.txt.json", issue_with_task("州科协", "州审计局"), "test"));
    second.commit();
    second.finish();
  }
  CHECK(count(path, "SELECT count(*) FROM departments") == 3);
  CHECK(count(path, "SELECT count(*) FROM task_departments WHERE department = '州科协'") == 4);
  CHECK(count(path, "SELECT count(*) FROM task_departments WHERE department = '州科协' AND role = 'lead'") == 2);
  CHECK(count(path, "SELECT count(*) FROM task_departments") == 6);
  std::system(("rm -rf '" + std::string(dir) + "'").c_str());
}

TEST_CASE("catalog: key dates and cc recorded, catalog.csv gives effective and expires") {
  char dir[] = "/tmp/gazette-catalog-test.XXXXXX";
  REQUIRE(::mkdtemp(dir) != nullptr);
  const std::string path = std::string(dir) + "/catalog.sqlite";
  Issue i = issue_with_task("州科协", "州财政局");
  i.documents[0].cc = {"市委各部门", "市法院"};
  i.documents[0].key_dates = {{"effective", std::string("2023-05-01"), "自2023年5月1日起施行", 9},
                              {"effective", std::nullopt, "自印发之日起施行", 4},
                              {"expires", std::string("2025-12-31"), "有效期至2025年12月31日", 9},
                              {"printed", std::string("2023-04-04"), "某某 2023年4月4日印发", 20}};
  Document plain;
  plain.title = "关于他事的通知";
  i.documents.push_back(plain);
  std::string csv;
  {
    Catalog c(path);
    c.begin();
    c.record("a.txt", "a.txt.json", i, "test");
    c.commit();
    c.finish();
    csv = c.documents_csv();
  }
  CHECK(count(path, "SELECT count(*) FROM key_dates") == 4);
  CHECK(count(path, "SELECT count(*) FROM key_dates WHERE date IS NULL") == 1);
  CHECK(count(path, "SELECT count(*) FROM documents WHERE cc = '市委各部门、市法院'") == 1);
  CHECK(csv.find("\xEF\xBB\xBFpath,seq,year,issue,number,title,genre,date,issuers,section,page,effective,expires\r\n") == 0);
  CHECK(csv.find(",关于某事的通知,,,,,,2023-05-01,2025-12-31\r\n") != std::string::npos);
  CHECK(csv.find(",关于他事的通知,,,,,,,\r\n") != std::string::npos);
  std::system(("rm -rf '" + std::string(dir) + "'").c_str());
}

TEST_CASE("catalog: the CSV stamp follows the change counter") {
  char dir[] = "/tmp/gazette-catalog-test.XXXXXX";
  REQUIRE(::mkdtemp(dir) != nullptr);
  const std::string path = std::string(dir) + "/catalog.sqlite";
  {
    Catalog c(path);
    CHECK(c.generation() == 0);
    CHECK_FALSE(c.csv_current(std::nullopt));
    CHECK_FALSE(c.csv_current(10));  // never stamped
    c.record("a.txt", "a.txt.json", issue_with_task("州科协", "州财政局"), "test");
    CHECK(c.generation() == 1);
    c.mark_csv(c.generation(), 120);
    CHECK(c.csv_current(120));
    CHECK_FALSE(c.csv_current(119));           // replaced or truncated
    CHECK_FALSE(c.csv_current(std::nullopt));  // deleted
    c.record("b.txt", "b.txt.json", issue_with_task("州科协", "州审计局"), "test");
    CHECK(c.generation() == 2);
    CHECK_FALSE(c.csv_current(120));  // the catalog moved on
  }
  Catalog reopened(path);
  CHECK(reopened.generation() == 2);
  std::system(("rm -rf '" + std::string(dir) + "'").c_str());
}

// A catalog of 0.4 (user_version 5) named the document's position idx;
// opened by this version it is renamed seq, rows kept, and its CSV is
// rewritten (the stamp forgotten: the CSV's columns changed).
TEST_CASE("catalog: a version 5 catalog is migrated, documents.idx becoming seq") {
  char dir[] = "/tmp/gazette-migrate-XXXXXX";
  REQUIRE(mkdtemp(dir));
  std::string path = std::string(dir) + "/catalog.sqlite";
  Issue i;
  i.source.sha256 = "abc";
  Document d;
  d.title = "关于某事的通知";
  i.documents.push_back(d);
  i.documents.push_back(d);
  {
    Catalog c(path);
    c.record("a.txt", "a.txt.json", i, "test");
    c.finish();
    c.mark_csv(c.generation(), 10);
  }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, "ALTER TABLE documents RENAME COLUMN seq TO idx; PRAGMA user_version = 5", nullptr, nullptr,
                       nullptr) == SQLITE_OK);
  sqlite3_close(db);
  {
    Catalog c(path);
    CHECK_FALSE(c.csv_current(10));
  }
  CHECK(count(path, "PRAGMA user_version") == kCatalogVersion);
  CHECK(count(path, "SELECT sum(seq) FROM documents WHERE path = 'a.txt'") == 1);
  CHECK(count(path, "SELECT count(*) FROM pragma_table_info('documents') WHERE name = 'idx'") == 0);
  std::system(("rm -rf '" + std::string(dir) + "'").c_str());
}
