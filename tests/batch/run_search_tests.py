#!/usr/bin/env python3
"""gazette-search on a catalog of real files.

Usage: run_search_tests.py BIN_DIR SAMPLE REAL_DOCS_DIR WORKDIR

Converts the sample issue and the Shanghai development documents, then
checks gazette-search against an independent count (Python's sqlite3,
instr() over every indexed title and text) for words of one, two, three and
five characters; AND, OR, NOT and phrases against set arithmetic on those
counts; the filters against SQL on the catalog's facts; the line output,
JSON Lines and colour; and exit codes (found, not found, bad query, missing,
corrupt, locked and other-version catalogs).
"""
import glob
import json
import os
import shutil
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tally import Tally  # noqa: E402

BIN, SAMPLE, REAL, WORK = sys.argv[1:5]
SEARCH = os.path.join(BIN, "gazette-search")
CONVERT = os.path.join(BIN, "gazette-convert")
T = Tally()


def search(*args):
    return subprocess.run([SEARCH, *args], capture_output=True, text=True, timeout=120)


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    arch, out = os.path.join(WORK, "archive"), os.path.join(WORK, "out")
    os.makedirs(os.path.join(arch, "shanghai"))
    shutil.copy(SAMPLE, arch)
    for p in sorted(glob.glob(os.path.join(REAL, "*.txt"))):
        shutil.copy(p, os.path.join(arch, "shanghai"))
    p = subprocess.run([CONVERT, "-q", "-o", out, arch], capture_output=True, text=True, timeout=300)
    T.ok("the archive converts", p.returncode == 0, p.stderr)
    db = sqlite3.connect(os.path.join(out, "catalog.sqlite"))

    def having(word):  # the independent count: documents whose title or text holds the word
        return {r[0] for r in db.execute(
            "SELECT d.path || '#' || d.seq FROM documents d JOIN documents_fts f ON f.rowid = d.id "
            "WHERE instr(f.title, ?1) > 0 OR instr(f.text, ?1) > 0", (word,))}

    def found(*args):
        p = search("-C", out, "-l", *args)
        return p.returncode, {line.split(" ")[0] for line in p.stdout.splitlines()}

    words = {1: ["州", "的", "年"], 2: ["应急", "财政", "医保", "教育", "通知"], 3: ["人民政府"[:3], "办公室", "街道办"],
             5: ["安全生产举", "人民政府办"]}
    for n, ws in words.items():
        for w in ws:
            code, got = found(w)
            want = having(w)
            T.ok(f"{n}-character word {w}: {len(got)} documents, as instr() counts ({len(want)})",
                 got == want and code == (0 if want else 1), f"exit {code}; missing {sorted(want - got)[:5]}, extra {sorted(got - want)[:5]}")
    T.ok("the corpus holds documents for every length", all(having(w) for ws in words.values() for w in ws[:1]))

    a, b, c = having("应急"), having("财政"), having("通知")
    T.ok("words side by side: AND", found("应急", "财政")[1] == a & b)
    T.ok("OR takes either", found("应急", "OR", "财政")[1] == a | b)
    T.ok("NOT and -word (after --) exclude", found("通知", "NOT", "应急")[1] == c - a == found("--", "通知", "-应急")[1])
    T.ok("AND binds tighter than OR", found("通知", "应急", "OR", "财政")[1] == (c & a) | b)
    phrase = "应急管理局"
    T.ok("a quoted phrase is one literal", found(f'"{phrase}"')[1] == having(phrase) and having(phrase))

    rows = {r[0] for r in db.execute(
        "SELECT d.path || '#' || d.seq FROM documents d JOIN issues i ON i.path = d.path "
        "WHERE i.year = 2022 AND d.genre = '通知'")}
    T.ok("filters: --year and --genre as SQL on the catalog says",
         found("--year", "2022", "--genre", "通知", "的")[1] == rows & having("的") and rows, str(len(rows)))
    lead = db.execute("SELECT p.name FROM task_assignments a JOIN departments p ON p.id = a.department_id "
                      "WHERE a.role = 'lead' GROUP BY p.name ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    led = {r[0] for r in db.execute(
        "SELECT DISTINCT d.path || '#' || d.seq FROM documents d JOIN tasks t ON t.document_id = d.id "
        "JOIN task_assignments a ON a.task_id = t.id JOIN departments p ON p.id = a.department_id "
        "WHERE a.role = 'lead' AND p.name = ?", (lead,))}
    T.ok(f"filters: --lead {lead}", found("--lead", lead, "的")[1] == led & having("的") and led)
    dated = {r[0] for r in db.execute("SELECT path || '#' || seq FROM documents WHERE date BETWEEN '2022-01-01' AND '2022-12-31'")}
    T.ok("filters: --from/--to on 成文日期", found("--from", "2022-01-01", "--to", "2022-12-31", "的")[1] == dated & having("的"))

    p = search("-C", out, "--color", "never", "应急管理")
    lines = p.stdout.splitlines()
    T.ok("lines as PATH:LINE: TEXT, each holding the word, read from the archive",
         p.returncode == 0 and lines and all(":" in l and "应急管理" in l.split(": ", 1)[1] for l in lines)
         and all(l.split(":")[1].isdigit() for l in lines), "\n".join(lines[:3]))
    first = lines[0].split(":")
    src = open(os.path.join(arch, first[0]), encoding="utf-8").read().split("\n")
    T.ok("the line number is the archive file's", "应急管理" in src[int(first[1]) - 1], lines[0])
    p = search("-C", out, "--color", "always", "应急")
    T.ok("--color always marks the word", "\033[1;31m应急\033[0m" in p.stdout)
    p = search("-C", out, "-f", "jsonl", "应急")
    objs = [json.loads(l) for l in p.stdout.splitlines()]
    keys = ["path", "seq", "number", "title", "genre", "date", "issuers", "title_line", "end_line", "line", "text"]
    T.ok("-f jsonl: one object per line, with path, line, text and the document's facts",
         objs and all(list(o) == keys and isinstance(o["issuers"], list) for o in objs)
         and all("应急" in o["text"] or "应急" in o["title"] for o in objs), p.stdout[:300])
    old = search("-C", out, "--json", "应急")
    T.ok("--json (0.4's name) is -f jsonl", old.stdout == p.stdout and old.returncode == 0)
    whole = search("-C", out, "-f", "json", "应急")
    j = json.loads(whole.stdout)
    T.ok("-f json: one object, the query and the same records", list(j) == ["query", "matches"] and j["query"] == "应急"
         and j["matches"] == objs, whole.stdout[:300])
    none = search("-C", out, "-f", "json", "无此词语一二三")
    T.ok("-f json finding nothing: an empty list, exit 1",
         none.returncode == 1 and json.loads(none.stdout) == {"query": "无此词语一二三", "matches": []}, none.stdout)
    docs = search("-C", out, "-l", "-f", "jsonl", "应急")
    d = [json.loads(l) for l in docs.stdout.splitlines()]
    T.ok("-l -f jsonl: a record per document, line and text null",
         d and all(o["line"] is None and o["text"] is None and o["title_line"] > 0 for o in d) and len(d) == len(search("-C", out, "-l", "应急").stdout.splitlines()))

    p = search("-C", out, "无此词语一二三")
    T.ok("nothing found: exit 1, no output", p.returncode == 1 and not p.stdout, p.stderr)
    p = search("-C", out, '"unclosed')
    T.ok("a malformed query: exit 2 with a message", p.returncode == 2 and "quote" in p.stderr, p.stderr)
    p = search("-C", os.path.join(WORK, "nowhere"), "应急")
    T.ok("a missing catalog: exit 2, nothing created", p.returncode == 2 and not os.path.exists(os.path.join(WORK, "nowhere")),
         p.stderr)
    bad = os.path.join(WORK, "corrupt")
    os.makedirs(bad)
    open(os.path.join(bad, "catalog.sqlite"), "wb").write(b"not a database" * 100)
    p = search("-C", bad, "应急")
    T.ok("a corrupt catalog: exit 2 naming it", p.returncode == 2 and "catalog.sqlite" in p.stderr, p.stderr)
    old = os.path.join(WORK, "old")
    shutil.copytree(out, old)
    o = sqlite3.connect(os.path.join(old, "catalog.sqlite"))
    o.execute("PRAGMA user_version = 4")
    o.commit()
    o.close()
    p = search("-C", old, "应急")
    T.ok("a catalog of another version: exit 2, says to convert again",
         p.returncode == 2 and "another version" in p.stderr, p.stderr)
    locker = sqlite3.connect(os.path.join(old, "catalog.sqlite"))
    locker.execute("PRAGMA user_version = 5")
    locker.commit()
    locker.execute("BEGIN EXCLUSIVE")
    p = search("-C", old, "应急")
    locker.rollback()
    T.ok("a catalog locked by a writer: exit 2 after waiting", p.returncode == 2 and "locked" in p.stderr, p.stderr)
    return T.finish()


if __name__ == "__main__":
    sys.exit(main())
