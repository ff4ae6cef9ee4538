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
