#!/usr/bin/env python3
"""gazette-convert and gazette-split on real folders.

Usage: run_convert_tests.py BIN_DIR SAMPLE CORPUS WORKDIR  (CORPUS: tests/real, holding pkulaw-5docs/)

1. A folder of real texts (the sample, tests/real/pkulaw-5docs, a
   GB18030 copy) plus one undecodable file: outputs complete and valid
   JSON, catalog queryable (FTS5 finds 楚政办通〔2022〕59号 by 药品监管),
   catalog.csv has a row per document, the bad file reported, exit 1.
2. A re-run rewrites nothing (every file's mtime and size unchanged).
3. SIGINT in the middle of a larger run: exit 130, no partial or temporary
   file; the next run completes the rest; the run after it rewrites nothing.
4. --files-from - and --glob; gazette-split writes safe names and a manifest.
5. GNU parallel spreads extraction over processes (when installed).
Prints one line per check and 'N passed, N failed'.
"""
import csv
import glob
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tally import Tally, temporary_files  # noqa: E402

BIN, SAMPLE, CORPUS, WORK = sys.argv[1:5]
CONVERT = os.path.join(BIN, "gazette-convert")
SPLIT = os.path.join(BIN, "gazette-split")
EXTRACT = os.path.join(BIN, "gazette-extract")
SEARCH_BIN = os.path.join(BIN, "gazette-search")
TALLY = Tally()
check = TALLY.ok


CATALOG_VERSION = 6  # PRAGMA user_version this version writes (kCatalogVersion)

def snapshot(folder):
    out = {}
    for root, _, files in os.walk(folder):
        for f in files:
            p = os.path.join(root, f)
            st = os.stat(p)
            out[os.path.relpath(p, folder)] = (st.st_mtime_ns, st.st_size)
    return out


def outputs_valid(outdir, temp_allowed=False):
    """Problems with OUTDIR: outputs that are not whole JSON issues, and
    temporary files (unless a killed run may have left them)."""
    bad = []
    for p in glob.glob(os.path.join(outdir, "**", "*.json"), recursive=True):
        try:
            d = json.load(open(p, encoding="utf-8"))
            assert "documents" in d
        except Exception as e:  # noqa: BLE001
            bad.append(f"{p}: {e}")
    leftovers = temporary_files(outdir)
    return bad + ([] if temp_allowed else [f"temporary file left: {p}" for p in leftovers])


INDEXES = {"documents_path", "documents_number", "tasks_document", "task_assignments_department",
           "references_number", "references_document", "key_dates_document"}


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    arch, out = os.path.join(WORK, "archive"), os.path.join(WORK, "out")
    os.makedirs(os.path.join(arch, "2022"))
    os.makedirs(os.path.join(arch, "pkulaw"))
    shutil.copy(SAMPLE, os.path.join(arch, "2022", "chuxiong-12.txt"))
    text = open(SAMPLE, encoding="utf-8").read()
    open(os.path.join(arch, "2022", "chuxiong-12-gb.txt"), "wb").write(text.encode("gb18030"))
    for p in sorted(glob.glob(os.path.join(CORPUS, "pkulaw-5docs", "docs", "*.txt"))):
        shutil.copy(p, os.path.join(arch, "pkulaw"))
    open(os.path.join(arch, "pkulaw", "broken.txt"), "wb").write(b"\x00\x01binary\xff\xfe" * 50)

    # 1. first run
    p = subprocess.run([CONVERT, "-j2", "-o", out, arch], capture_output=True, text=True, timeout=300)
    check("first run exits 1 (one bad input)", p.returncode == 1, f"exit {p.returncode}: {p.stderr}")
    check("bad input reported with its path", "broken.txt" in p.stderr and "error:" in p.stderr, p.stderr)
    check("summary line", "7 converted, 0 skipped, 1 failed" in p.stderr, p.stderr)
    jsons = sorted(os.path.relpath(x, out) for x in glob.glob(os.path.join(out, "**", "*.json"), recursive=True))
    check("one output per good input, mirrored paths", len(jsons) == 7 and "2022/chuxiong-12.txt.json" in jsons, str(jsons))
    check("outputs complete and valid", not outputs_valid(out), "; ".join(outputs_valid(out)))
    check("OUTDIR holds nothing else", sorted(os.listdir(out)) == ["2022", "catalog.csv", "catalog.sqlite", "pkulaw"],
          str(os.listdir(out)))
    db = sqlite3.connect(os.path.join(out, "catalog.sqlite"))
    hits = [r[0] for r in db.execute(
        "SELECT d.number FROM documents_fts f JOIN documents d ON d.id = f.rowid WHERE documents_fts MATCH '药品监管'")]
    check("FTS5 trigram finds 楚政办通〔2022〕59号", hits.count("楚政办通〔2022〕59号") == 2, str(hits))
    n_docs = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    n_tasks = db.execute("SELECT count(*) FROM tasks t JOIN documents d ON d.id = t.document_id "
                         "WHERE d.path = '2022/chuxiong-12.txt'").fetchone()[0]
    check("tasks recorded", n_tasks == 85, str(n_tasks))
    led = db.execute("SELECT count(*) FROM task_departments WHERE role = 'lead' AND department = '州科协'").fetchone()[0]
    check("task departments queryable", led > 0, str(led))
    refs = db.execute('SELECT count(*) FROM "references"').fetchone()[0]
    check("references recorded", refs >= 12, str(refs))
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")}
    check("secondary indexes built at the end of a fresh catalog's run", indexes == INDEXES, str(sorted(indexes)))
    db.close()
    csv_bytes = open(os.path.join(out, "catalog.csv"), "rb").read()
    check("catalog.csv opens with a UTF-8 byte order mark (Excel)", csv_bytes.startswith(b"\xef\xbb\xbf"), csv_bytes[:20])
    with open(os.path.join(out, "catalog.csv"), encoding="utf-8-sig", newline="") as fh:
        csv_rows = list(csv.DictReader(fh))
    check("catalog.csv has a row per document", len(csv_rows) == n_docs, f"{len(csv_rows)} rows, {n_docs} documents")
    check("catalog.csv reads back through Python's csv module (utf-8-sig)",
          csv_rows and list(csv_rows[0])[:2] == ["path", "seq"] and any(r["number"] == "楚政办通〔2022〕59号" for r in csv_rows),
          str(csv_rows[:1]))

    # 2. re-run rewrites nothing
    before = snapshot(out)
    time.sleep(0.05)
    p = subprocess.run([CONVERT, "-j2", "-o", out, arch], capture_output=True, text=True, timeout=300)
    check("re-run skips everything; the unchanged failure is known, not reported, exit 0",
          p.returncode == 0 and "0 converted, 7 skipped, 0 failed, 1 known failed (not retried)" in p.stderr
          and "broken.txt" not in p.stderr, f"exit {p.returncode}: {p.stderr}")
    check("re-run rewrites nothing", snapshot(out) == before)
    db = sqlite3.connect(os.path.join(out, "catalog.sqlite"))
    rows = db.execute("SELECT path, length(sha256), error, tool_version FROM failures").fetchall()
    db.close()
    check("the failure is recorded in the catalog: path, SHA-256, error, tool version",
          len(rows) == 1 and rows[0][0] == "pkulaw/broken.txt" and rows[0][1] == 64 and "binary" in rows[0][2]
          and rows[0][3].endswith("/.json"), str(rows))

    # 2b. catalog.csv never lies: it is rewritten whenever it is not the one
    # stamped with the catalog's generation, whatever its time stamp says.
    csv_path = os.path.join(out, "catalog.csv")
    good_csv = open(csv_path, "rb").read()
    for name, spoil in [("truncated, with a newer mtime", lambda: open(csv_path, "wb").write(good_csv[: len(good_csv) // 2])),
                        ("missing", lambda: os.remove(csv_path)),
                        ("catalog changed after it (a run killed before the CSV's rename)",
                         lambda: sqlite3.connect(os.path.join(out, "catalog.sqlite")).execute(
                             "UPDATE catalog_state SET value = value + 1 WHERE key = 'generation'").connection.commit())]:
        spoil()
        future = time.time() + 3600
        if os.path.exists(csv_path):
            os.utime(csv_path, (future, future))  # newer than the catalog: a time stamp would call it fresh
        p = subprocess.run([CONVERT, "-j2", "-o", out, arch], capture_output=True, text=True, timeout=300)
        check(f"catalog.csv {name} is rewritten on the next run",
              os.path.exists(csv_path) and open(csv_path, "rb").read() == good_csv and "0 converted" in p.stderr, p.stderr)

    # 2c. known failures: retried when asked or when their bytes change
    p = subprocess.run([CONVERT, "-j2", "--retry-failed", "-o", out, arch], capture_output=True, text=True, timeout=300)
    check("--retry-failed tries and reports it again, exit 1",
          p.returncode == 1 and "broken.txt" in p.stderr and "1 failed" in p.stderr, f"exit {p.returncode}: {p.stderr}")
    broken = os.path.join(arch, "pkulaw", "broken.txt")
    original = open(broken, "rb").read()
    open(broken, "wb").write(b"\x00\x02other binary" * 40)
    p = subprocess.run([CONVERT, "-j2", "-o", out, arch], capture_output=True, text=True, timeout=300)
    check("a failing input whose bytes changed is a new failure, reported, exit 1",
          p.returncode == 1 and "broken.txt" in p.stderr and ", 1 failed," in p.stderr, f"exit {p.returncode}: {p.stderr}")
    open(broken, "wb").write(original)
    subprocess.run([CONVERT, "-j2", "-o", out, arch], capture_output=True, text=True, timeout=300)
    fixed_in, fixed_out = os.path.join(WORK, "fixed-in"), os.path.join(WORK, "fixed-out")
    os.makedirs(fixed_in)
    open(os.path.join(fixed_in, "a.txt"), "wb").write(original)
    subprocess.run([CONVERT, "-o", fixed_out, fixed_in], capture_output=True, text=True, timeout=300)
    shutil.copy(SAMPLE, os.path.join(fixed_in, "a.txt"))
    p = subprocess.run([CONVERT, "-o", fixed_out, fixed_in], capture_output=True, text=True, timeout=300)
    db = sqlite3.connect(os.path.join(fixed_out, "catalog.sqlite"))
    left = db.execute("SELECT count(*) FROM failures").fetchone()[0]
    db.close()
    check("a failed input, repaired, converts and leaves the failures table",
          p.returncode == 0 and "1 converted" in p.stderr and left == 0, f"exit {p.returncode}: {p.stderr} {left}")

    # 2d. identity under the archive root; inputs gone, and --prune
    big, outr = os.path.join(WORK, "rooted"), os.path.join(WORK, "out-root")
    for year in ("2019", "2020"):
        os.makedirs(os.path.join(big, year, "01"))
        shutil.copy(SAMPLE, os.path.join(big, year, "01", "issue-1.txt"))
    with open(os.path.join(big, "2020", "01", "issue-1.txt"), "a", encoding="utf-8") as fh:
        fh.write("\n")  # not the same bytes as 2019's
    p = subprocess.run([CONVERT, "-o", outr, os.path.join(big, "2019"), os.path.join(big, "2020")],
                       capture_output=True, text=True, timeout=300)
    outs = sorted(os.path.relpath(x, outr) for x in glob.glob(os.path.join(outr, "**", "*.json"), recursive=True))
    check("two folders with the same relative names: both converted, named under their common root",
          p.returncode == 0 and outs == ["2019/01/issue-1.txt.json", "2020/01/issue-1.txt.json"], f"{p.stderr} {outs}")
    p = subprocess.run([CONVERT, "-o", outr, os.path.join(big, "2019")], capture_output=True, text=True, timeout=300)
    db = sqlite3.connect(os.path.join(outr, "catalog.sqlite"))
    paths = [r[0] for r in db.execute("SELECT path FROM issues ORDER BY path")]
    db.close()
    check("a subfolder converted again is the same issue (skipped, not catalogued twice)",
          p.returncode == 0 and "0 converted, 1 skipped" in p.stderr and paths == ["2019/01/issue-1.txt", "2020/01/issue-1.txt"],
          f"{p.stderr} {paths}")
    stranger = os.path.join(WORK, "elsewhere.txt")
    shutil.copy(SAMPLE, stranger)
    p = subprocess.run([CONVERT, "-o", outr, stranger], capture_output=True, text=True, timeout=300)
    check("an input outside the recorded root is refused with the root named, exit 1",
          p.returncode == 1 and "outside the archive root" in p.stderr and not os.path.exists(os.path.join(WORK, "elsewhere.txt.json")),
          f"exit {p.returncode}: {p.stderr}")
    p = subprocess.run([CONVERT, "--root", os.path.join(WORK, "no-such-root"), "-o", outr, big],
                       capture_output=True, text=True, timeout=300)
    check("a root that does not exist is exit 2", p.returncode == 2 and "archive root" in p.stderr, f"exit {p.returncode}: {p.stderr}")
    # A renamed input (same bytes): its rows and output follow it; nothing is
    # extracted or indexed again, and the output is what extraction writes.
    db = sqlite3.connect(os.path.join(outr, "catalog.sqlite"))
    ids_before = [r[0] for r in db.execute("SELECT id FROM documents WHERE path = '2019/01/issue-1.txt' ORDER BY seq")]
    db.close()
    os.rename(os.path.join(big, "2019", "01", "issue-1.txt"), os.path.join(big, "2019", "01", "renamed.txt"))
    p = subprocess.run([CONVERT, "-o", outr, big], capture_output=True, text=True, timeout=300)
    fresh = os.path.join(WORK, "out-fresh")
    subprocess.run([CONVERT, "-q", "-o", fresh, big], timeout=300)
    db = sqlite3.connect(os.path.join(outr, "catalog.sqlite"))
    ids_after = [r[0] for r in db.execute("SELECT id FROM documents WHERE path = '2019/01/renamed.txt' ORDER BY seq")]
    old_rows = db.execute("SELECT count(*) FROM issues WHERE path = '2019/01/issue-1.txt'").fetchone()[0]
    db.close()
    moved_out = os.path.join(outr, "2019", "01", "renamed.txt.json")
    check("a renamed input is moved, not extracted again: rows keep their ids, output equals an extraction's",
          p.returncode == 0 and "0 converted" in p.stderr and "1 moved (not extracted again)" in p.stderr
          and ids_after == ids_before and ids_before and old_rows == 0
          and not os.path.exists(os.path.join(outr, "2019", "01", "issue-1.txt.json"))
          and open(moved_out, "rb").read() == open(os.path.join(fresh, "2019", "01", "renamed.txt.json"), "rb").read(),
          f"exit {p.returncode}: {p.stderr} {ids_before} {ids_after}")
    p = subprocess.run([SEARCH_BIN, "-C", outr, "-l", "应急"], capture_output=True, text=True)
    check("the moved issue is found under its new name", "2019/01/renamed.txt#" in p.stdout, p.stdout)
    os.remove(os.path.join(big, "2020", "01", "issue-1.txt"))
    p = subprocess.run([CONVERT, "-o", outr, big], capture_output=True, text=True, timeout=300)
    check("an input gone from the archive is reported in the summary; its output stays without --prune",
          p.returncode == 0 and "1 gone from the archive" in p.stderr
          and os.path.exists(os.path.join(outr, "2020", "01", "issue-1.txt.json")), f"exit {p.returncode}: {p.stderr}")
    p = subprocess.run([CONVERT, "--prune", "-o", outr, big], capture_output=True, text=True, timeout=300)
    db = sqlite3.connect(os.path.join(outr, "catalog.sqlite"))
    paths = [r[0] for r in db.execute("SELECT path FROM issues ORDER BY path")]
    docs_left = db.execute("SELECT count(*) FROM documents WHERE path LIKE '2020/%'").fetchone()[0]
    db.close()
    csv_text = open(os.path.join(outr, "catalog.csv"), encoding="utf-8-sig").read()
    check("--prune removes the gone input's output, rows and CSV lines, and nothing else",
          p.returncode == 0 and "1 gone and pruned" in p.stderr and paths == ["2019/01/renamed.txt"] and docs_left == 0
          and not os.path.exists(os.path.join(outr, "2020", "01", "issue-1.txt.json"))
          and os.path.exists(os.path.join(outr, "2019", "01", "renamed.txt.json"))
          and "2020/01" not in csv_text and "2019/01" in csv_text and os.path.exists(stranger),
          f"exit {p.returncode}: {p.stderr} {paths}")

    # A catalog this version cannot own: exit 2, named, untouched.
    later = os.path.join(WORK, "later")
    os.makedirs(later)
    db = sqlite3.connect(os.path.join(later, "catalog.sqlite"))
    db.execute("PRAGMA user_version = 9")
    db.commit()
    db.close()
    p = subprocess.run([CONVERT, "-o", later, SAMPLE], capture_output=True, text=True, timeout=300)
    check("a catalog of a later version: exit 2, named, left as it was",
          p.returncode == 2 and "later version" in p.stderr and sorted(os.listdir(later)) == ["catalog.sqlite"], p.stderr)
    corrupt = os.path.join(WORK, "corrupt-out")
    os.makedirs(corrupt)
    open(os.path.join(corrupt, "catalog.sqlite"), "wb").write(b"\x00garbage" * 700)
    p = subprocess.run([CONVERT, "-o", corrupt, SAMPLE], capture_output=True, text=True, timeout=300)
    check("a corrupt catalog: exit 2 naming it", p.returncode == 2 and "catalog.sqlite" in p.stderr, p.stderr)

    # 2e. Beyond one machine: three shares of one archive converted apart
    # (same --root layout), merged into one folder: the same outputs, rows
    # and CSV as one conversion of the whole, without extracting again.
    share_root = os.path.join(WORK, "shares")
    shares = {"a": [SAMPLE], "b": sorted(glob.glob(os.path.join(CORPUS, "pkulaw-5docs", "docs", "*.txt")))[:3],
              "c": sorted(glob.glob(os.path.join(CORPUS, "pkulaw-5docs", "docs", "*.txt")))[3:]}
    for name, files in shares.items():
        os.makedirs(os.path.join(share_root, name))
        for f in files:
            shutil.copy(f, os.path.join(share_root, name))
        subprocess.run([CONVERT, "-q", "--root", share_root, "-o", os.path.join(WORK, "part-" + name),
                        os.path.join(share_root, name)], check=True, timeout=300)
    merged, whole = os.path.join(WORK, "merged"), os.path.join(WORK, "whole")
    p = subprocess.run([CONVERT, "--merge", "-o", merged] + [os.path.join(WORK, "part-" + n) for n in shares],
                       capture_output=True, text=True, timeout=300)
    subprocess.run([CONVERT, "-q", "-o", whole, share_root], check=True, timeout=300)

    def tree(d):
        return {os.path.relpath(os.path.join(r, f), d): open(os.path.join(r, f), "rb").read()
                for r, _, fs in os.walk(d) for f in fs if f != "catalog.sqlite"}

    def rows(d):
        db = sqlite3.connect(os.path.join(d, "catalog.sqlite"))
        got = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
               for t in ("issues", "documents", "tasks", "task_departments", '"references"', "key_dates", "documents_fts")}
        got["root"] = db.execute("SELECT value FROM catalog_state WHERE key = 'root'").fetchone()
        got["lead"] = db.execute("SELECT count(*) FROM task_departments WHERE role = 'lead'").fetchone()[0]
        db.close()
        return got

    n_share = sum(len(f) for f in shares.values())
    check("merge: three shares give the outputs, CSV and rows of one conversion of the whole",
          p.returncode == 0 and f"3 parts merged, 0 failed: {n_share} issues taken" in p.stderr
          and tree(merged) == tree(whole) and rows(merged) == rows(whole) and rows(whole)["documents"] > n_share,
          f"{p.stderr} {rows(merged)} {rows(whole)}")
    copied = [os.path.join(r, f) for r, _, fs in os.walk(merged) for f in fs if f.endswith(".json")]
    check("merge: outputs are copied, not extracted again (the same bytes as the parts')",
          all(open(c, "rb").read() == open(os.path.join(WORK, "part-" + os.path.relpath(c, merged).split(os.sep)[0],
                                                        os.path.relpath(c, merged)), "rb").read() for c in copied) and copied)
    p = subprocess.run([SEARCH_BIN, "-C", merged, "-l", "通知"], capture_output=True, text=True)
    q = subprocess.run([SEARCH_BIN, "-C", whole, "-l", "通知"], capture_output=True, text=True)
    check("merge: the merged index answers as the whole's", p.stdout == q.stdout and p.stdout, p.stderr)
    p = subprocess.run([CONVERT, "--merge", "-o", merged] + [os.path.join(WORK, "part-" + n) for n in shares],
                       capture_output=True, text=True, timeout=300)
    check("merge again: nothing taken, nothing changed", p.returncode == 0 and ": 0 issues taken" in p.stderr
          and tree(merged) == tree(whole), p.stderr)
    p = subprocess.run([CONVERT, "--merge", "-o", merged, os.path.join(WORK, "no-such-part")],
                       capture_output=True, text=True, timeout=300)
    check("merge: a folder without a catalog is reported, exit 1", p.returncode == 1 and "no-such-part" in p.stderr, p.stderr)

    # 3. SIGINT mid-run, then resume
    big, out2 = os.path.join(WORK, "big"), os.path.join(WORK, "out2")
    os.makedirs(big)
    for i in range(120):
        shutil.copy(SAMPLE, os.path.join(big, f"issue-{i:03d}.txt"))
    proc = subprocess.Popen([CONVERT, "-j1", "-o", out2, big], stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and len(glob.glob(os.path.join(out2, "*.json"))) < 3:
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    err = proc.communicate(timeout=120)[1]
    done = len(glob.glob(os.path.join(out2, "*.json")))
    check("SIGINT stops the run with 130", proc.returncode == 130, f"exit {proc.returncode}: {err}")
    check("SIGINT leaves no partial file", not outputs_valid(out2), "; ".join(outputs_valid(out2)))
    check("SIGINT stopped before the end", 0 < done < 120, f"{done} outputs")
    p = subprocess.run([CONVERT, "-j2", "-o", out2, big], capture_output=True, text=True, timeout=300)
    check("next run completes the rest", p.returncode == 0 and f"{120 - done} converted, {done} skipped" in p.stderr, p.stderr)
    check("all outputs there and valid", len(glob.glob(os.path.join(out2, "*.json"))) == 120 and not outputs_valid(out2))
    before = snapshot(out2)
    time.sleep(0.05)
    p = subprocess.run([CONVERT, "-o", out2, big], capture_output=True, text=True, timeout=300)
    check("third run rewrites nothing", snapshot(out2) == before and "0 converted, 120 skipped" in p.stderr, p.stderr)

    # 3b. SIGKILL mid-run (no chance to commit or build indexes), then resume
    # 300 hard links: after the first commit (64 inputs) 230 are left, so a
    # poll delayed on a loaded machine still kills mid-run.
    big5, out5, n5 = os.path.join(WORK, "big5"), os.path.join(WORK, "out5"), 300
    os.makedirs(big5)
    for i in range(n5):
        os.link(os.path.join(big, "issue-000.txt"), os.path.join(big5, f"issue-{i:03d}.txt"))
    proc = subprocess.Popen([CONVERT, "-q", "-j2", "-o", out5, big5], stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and len(glob.glob(os.path.join(out5, "*.json"))) < 70:
        time.sleep(0.01)
    proc.kill()
    proc.communicate(timeout=60)
    killed_at = len(glob.glob(os.path.join(out5, "*.json")))
    check("SIGKILL arrived mid-run", 0 < killed_at < n5, f"{killed_at} outputs")
    check("SIGKILL leaves no partial output", not outputs_valid(out5, temp_allowed=True),
          "; ".join(outputs_valid(out5, temp_allowed=True)))
    p = subprocess.run([CONVERT, "-j2", "-o", out5, big5], capture_output=True, text=True, timeout=300)
    check("after SIGKILL the next run completes", p.returncode == 0 and len(glob.glob(os.path.join(out5, "*.json"))) == n5
          and not outputs_valid(out5), f"exit {p.returncode}, {killed_at} outputs before: {p.stderr}")
    db = sqlite3.connect(os.path.join(out5, "catalog.sqlite"))
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")}
    n_issues = db.execute("SELECT count(*) FROM issues").fetchone()[0]
    db.close()
    check("after SIGKILL the catalog holds every issue once, with its indexes", n_issues == n5 and indexes == INDEXES,
          f"{n_issues} issues, indexes {sorted(indexes)}")

    # 4. --files-from -, --glob, split
    out3 = os.path.join(WORK, "out3")
    listed = "\n".join([os.path.join(arch, "2022", "chuxiong-12.txt"), os.path.join(arch, "pkulaw", "broken.txt")]) + "\n"
    p = subprocess.run([CONVERT, "-q", "--files-from", "-", "-o", out3], input=listed, capture_output=True, text=True)
    check("--files-from - converts listed paths", p.returncode == 1 and len(glob.glob(os.path.join(out3, "**", "*.json"), recursive=True)) == 1,
          f"exit {p.returncode}: {p.stderr}")
    out4 = os.path.join(WORK, "out4")
    p = subprocess.run([CONVERT, "-q", "--glob", "CLI.*", "-o", out4, arch], capture_output=True, text=True)
    n = len(glob.glob(os.path.join(out4, "**", "*.json"), recursive=True))
    check("--glob selects by name", p.returncode == 0 and n == 5, f"exit {p.returncode}, {n} outputs")
    p = subprocess.run([CONVERT, "-o", "/proc/forbidden", arch], capture_output=True, text=True)
    check("unwritable OUTDIR is exit 2", p.returncode == 2 and "error:" in p.stderr, f"exit {p.returncode}: {p.stderr}")

    sp = os.path.join(WORK, "split")
    p = subprocess.run([SPLIT, "--separate", "-o", sp, SAMPLE], capture_output=True, text=True)
    manifest = json.load(open(os.path.join(sp, "manifest.json"), encoding="utf-8"))
    names = [f["file"] for f in manifest["files"]]
    safe = all("/" not in n and not n.startswith(".") and len(n.encode()) <= 150 for n in names)
    check("split: 7 documents, 5 attachments, 5 parts", p.returncode == 0 and len(names) == 17 and safe, str(names)[:300])
    first = manifest["files"][0]
    body = open(os.path.join(sp, first["file"]), encoding="utf-8").read().split("\n")
    check("split: files hold the source lines", body[0].startswith("楚雄州人民政府关于印发") and
          first["title_line"] == 112 and len(body) - 1 == first["end_line"] - first["title_line"] + 1, str(first))

    # Re-splitting into a used folder leaves exactly what the new manifest
    # lists; a file it did not write stays (reported) unless --force.
    foreign = os.path.join(sp, "notes-of-mine.txt")
    open(foreign, "w").write("mine")
    p = subprocess.run([SPLIT, "-o", sp, SAMPLE], capture_output=True, text=True)
    now = sorted(os.listdir(sp))
    listed_now = sorted(f["file"] for f in json.load(open(os.path.join(sp, "manifest.json"), encoding="utf-8"))["files"])
    check("re-split: the old manifest's files not in the new one are removed; a foreign file stays, reported",
          p.returncode == 0 and now == sorted(listed_now + ["manifest.json", "notes-of-mine.txt"]) and len(listed_now) == 7
          and "1 file not written by gazette-split left in place" in p.stderr and "7 files written" in p.stderr,
          f"{p.stderr} {now}")
    p = subprocess.run([SPLIT, "--force", "-o", sp, SAMPLE], capture_output=True, text=True)
    check("re-split --force: only the manifest's files remain",
          p.returncode == 0 and sorted(os.listdir(sp)) == sorted(listed_now + ["manifest.json"]), str(sorted(os.listdir(sp))))
    one_doc = os.path.join(WORK, "split-one")
    fixture_one = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "redhead-style.txt")
    p = subprocess.run([SPLIT, "-o", one_doc, fixture_one], capture_output=True, text=True)
    check("split: one file is '1 file written'", p.returncode == 0 and "1 file written to" in p.stderr, p.stderr)
    split_in = os.path.join(WORK, "split-folder-in")
    os.makedirs(os.path.join(split_in, "2022"), exist_ok=True)
    shutil.copy(SAMPLE, os.path.join(split_in, "2022", "12.txt"))
    shutil.copy(fixture_one, os.path.join(split_in, "red.txt"))
    p = subprocess.run([SPLIT, "-o", os.path.join(WORK, "split-folder-out"), split_in], capture_output=True, text=True)
    got = sorted(os.path.relpath(r, os.path.join(WORK, "split-folder-out"))
                 for r, _, fs in os.walk(os.path.join(WORK, "split-folder-out")) if "manifest.json" in fs)
    want_dirs = sorted(os.path.splitext(os.path.normpath(x))[0].lstrip("/")
                       for x in (os.path.join(split_in, "2022", "12.txt"), os.path.join(split_in, "red.txt")))
    check("split: a folder input splits each of its files into a folder after its path",
          p.returncode == 0 and got == want_dirs, f"{p.stderr} {got} {want_dirs}")

    # gazette-split over a list of paths: a folder per input, its path made
    # relative without the extension, so two inputs of one name in different
    # folders keep apart; a bad path is reported (exit 2), the others written.
    sp2 = os.path.join(WORK, "split-list")
    fixture = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "redhead-style.txt")
    twin = os.path.join(WORK, "split-twin", "2022", "12")
    os.makedirs(twin, exist_ok=True)
    shutil.copy(fixture, os.path.join(twin, "chuxiong-2022-12.txt"))  # same name as the sample, other folder
    listed = [SAMPLE, "nope.txt", fixture, os.path.join(twin, "chuxiong-2022-12.txt")]
    p = subprocess.run([SPLIT, "-o", sp2, "--files-from", "-"], input="\n".join(listed) + "\n",
                       capture_output=True, text=True)
    counts = {}
    for root, _, files in os.walk(sp2):
        if "manifest.json" in files:
            counts[os.path.relpath(root, sp2)] = len(json.load(open(os.path.join(root, "manifest.json"), encoding="utf-8"))["files"])
    want = {os.path.splitext(os.path.normpath(x))[0].lstrip("/"): n for x, n in ((SAMPLE, 7), (listed[2], 1), (listed[3], 1))}
    check("split --files-from: a folder per input after its path, the bad one reported",
          p.returncode == 2 and counts == want and "nope.txt" in p.stderr,
          f"exit {p.returncode}, {counts} vs {want}, {p.stderr[-300:]}")

    # 3c. A second run into a folder another run is writing: refused with a
    # message and exit 2; the first completes untouched (its temporary files
    # are not taken for a killed run's leftovers).
    out7 = os.path.join(WORK, "out7")
    proc = subprocess.Popen([CONVERT, "-q", "-j1", "-o", out7, big5], stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline and len(glob.glob(os.path.join(out7, "*.json"))) < 3:
        time.sleep(0.01)
    second = subprocess.run([CONVERT, "-q", "-o", out7, big5], capture_output=True, text=True, timeout=300)
    first_err = proc.communicate(timeout=300)[1]
    check("a second run into a folder being written is refused, exit 2",
          second.returncode == 2 and "another gazette-convert run is writing this folder" in second.stderr,
          f"exit {second.returncode}: {second.stderr}")
    check("the run writing it completes untouched", proc.returncode == 0 and
          len(glob.glob(os.path.join(out7, "*.json"))) == n5 and not outputs_valid(out7),
          f"exit {proc.returncode}: {first_err}")

    # 4b. A catalog written before schema 2 (task_departments a table) is
    # migrated when opened: same department rows, the view in its place.
    out6 = os.path.join(WORK, "out6")
    subprocess.run([CONVERT, "-q", "-o", out6, os.path.join(arch, "2022")], capture_output=True, text=True)
    cat = os.path.join(out6, "catalog.sqlite")
    db = sqlite3.connect(cat)
    want = sorted(db.execute("SELECT task_id, role, department FROM task_departments").fetchall())
    db.executescript("""
        CREATE TABLE old_td AS SELECT task_id, role, department FROM task_departments ORDER BY task_id, role DESC;
        DROP VIEW task_departments; DROP TABLE task_assignments; DROP TABLE departments;
        ALTER TABLE old_td RENAME TO task_departments;
        CREATE INDEX task_departments_name ON task_departments(department);
        PRAGMA user_version = 0;""")
    db.close()
    with open(os.path.join(arch, "2022", "chuxiong-12.txt"), "a", encoding="utf-8") as fh:
        fh.write("\n")  # one input changed: the run records into the migrated catalog
    p = subprocess.run([CONVERT, "-q", "-o", out6, os.path.join(arch, "2022")], capture_output=True, text=True)
    db = sqlite3.connect(cat)
    kinds = dict(db.execute("SELECT name, type FROM sqlite_master WHERE name IN "
                            "('task_departments', 'task_assignments', 'departments')").fetchall())
    got = sorted(db.execute("SELECT task_id, role, department FROM task_departments").fetchall())
    n_tasks = db.execute("SELECT count(*) FROM tasks").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.close()
    check("an old catalog is migrated: task_departments a view over departments and task_assignments",
          p.returncode == 0 and kinds == {"task_departments": "view", "task_assignments": "table", "departments": "table"}
          and version == CATALOG_VERSION, f"exit {p.returncode}: {p.stderr} {kinds} version {version}")
    # The changed issue was recorded again (new task ids), the others kept theirs.
    check("migrated department rows keep their departments and roles", len(got) == len(want) and len(got) > 100 and
          sorted((r, d) for _, r, d in got) == sorted((r, d) for _, r, d in want) and n_tasks > 0, f"{len(got)} vs {len(want)}")

    # 4c. A version 2 catalog (0.1.0: no key_dates, no documents.cc) gains
    # both when a run opens it, and that run converts every input again (the
    # tool version is part of the skip key) and fills them.
    out8 = os.path.join(WORK, "out8")
    subprocess.run([CONVERT, "-q", "-o", out8, os.path.join(arch, "pkulaw")], capture_output=True, text=True)
    cat8 = os.path.join(out8, "catalog.sqlite")
    db = sqlite3.connect(cat8)
    want_keys = db.execute("SELECT count(*) FROM key_dates").fetchone()[0]
    want_cc = db.execute("SELECT count(*) FROM documents WHERE cc <> ''").fetchone()[0]
    db.executescript("""
        DROP TABLE key_dates; ALTER TABLE documents DROP COLUMN cc; ALTER TABLE issues DROP COLUMN path_raw;
        ALTER TABLE documents RENAME COLUMN seq TO idx;
        UPDATE issues SET tool_version = '0.1.0/.json'; PRAGMA user_version = 2;""")
    db.close()
    p = subprocess.run([CONVERT, "-o", out8, os.path.join(arch, "pkulaw")], capture_output=True, text=True)
    db = sqlite3.connect(cat8)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    got_keys = db.execute("SELECT count(*) FROM key_dates").fetchone()[0]
    got_cc = db.execute("SELECT count(*) FROM documents WHERE cc <> ''").fetchone()[0]
    db.close()
    check("a version 2 catalog gains key_dates, documents.cc and issues.path_raw, idx becomes seq, refilled by re-converting every input",
          p.returncode in (0, 1) and " 0 skipped" in p.stderr and version == CATALOG_VERSION and got_keys == want_keys > 0
          and got_cc == want_cc, f"exit {p.returncode}: {p.stderr[-300:]} version {version}, "
          f"key dates {got_keys}/{want_keys}, cc {got_cc}/{want_cc}")

    # 5. GNU parallel
    if shutil.which("parallel"):
        files = "\n".join(sorted(glob.glob(os.path.join(arch, "pkulaw", "CLI.*")))) + "\n"
        p = subprocess.run(["parallel", "-j2", "--will-cite", EXTRACT, "--no-text", "-f", "jsonl", "{}"],
                           input=files, capture_output=True, text=True, timeout=300)
        lines = [json.loads(l) for l in p.stdout.splitlines()]
        check("GNU parallel spreads extraction (JSON Lines out)", p.returncode == 0 and len(lines) == 5, p.stderr)
    return TALLY.finish()


if __name__ == "__main__":
    sys.exit(main())
