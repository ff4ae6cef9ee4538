#!/usr/bin/env python3
"""Runs every shell example of README.md and docs/*.md as written, and every
SQL example of docs/CATALOG.md against a catalog of the sample (and the
provincial fixture).

Usage: run_doc_examples.py PROJECT_ROOT WORKDIR BUILD_DIR

Each line of a ```sh block is a command. They run with bash -o pipefail in
WORKDIR, which holds links to the project's samples/, schemas/ and tests/ and a
link build/ to BUILD_DIR, the build under test (so `build/bin/...` and
`samples/...` resolve as in a checkout). Lines that need a program the machine lacks (pandas)
are reported as skipped, not passed. Each SQL statement must run and return
at least one row. Prints 'N passed, N failed, N skipped'.
"""
import os
import re
import shutil
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tally import Tally  # noqa: E402

ROOT, WORK, BUILD = sys.argv[1], sys.argv[2], sys.argv[3]
DOCS = ["README.md", "docs/OUTPUT.md", "docs/CHECK.md", "docs/CATALOG.md"]


def blocks(text):
    for m in re.finditer(r"```sh\n(.*?)```", text, re.S):
        joined = re.sub(r"\\\n\s*", " ", m.group(1))  # line continuations
        for line in joined.splitlines():
            line = line.split("  # ")[0].rstrip() if "  # " in line else line.rstrip()
            if line and not line.lstrip().startswith("#"):
                yield line


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    for name in ("samples", "schemas", "tests"):
        os.symlink(os.path.join(ROOT, name), os.path.join(WORK, name))
    os.symlink(BUILD, os.path.join(WORK, "build"))
    os.makedirs(os.path.join(WORK, "archive"))
    shutil.copy(os.path.join(ROOT, "samples", "chuxiong-2022-12.txt"), os.path.join(WORK, "archive"))
    # A second issue whose documents state when they take effect and expire.
    shutil.copy(os.path.join(ROOT, "tests", "fixtures", "provincial-style.txt"), os.path.join(WORK, "archive"))
    with open(os.path.join(WORK, "issue.txt"), "w", encoding="utf-8") as fh:
        fh.write(open(os.path.join(ROOT, "samples", "chuxiong-2022-12.txt"), encoding="utf-8").read())
    env = dict(os.environ, PATH=os.path.join(BUILD, "bin") + os.pathsep + os.environ["PATH"])
    t = Tally()
    for doc in DOCS:
        for cmd in blocks(open(os.path.join(ROOT, doc), encoding="utf-8").read()):
            if "pandas" in cmd and subprocess.run([sys.executable, "-c", "import pandas"], capture_output=True).returncode:
                t.skip(f"{doc}: {cmd}", "pandas not installed")
                continue
            if cmd.startswith(("make ", "- ", "uses:")) or "--sshlogin" in cmd:
                continue  # set-up commands and CI YAML are run by CI itself
            p = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], cwd=WORK, env=env, capture_output=True,
                               text=True, timeout=300)
            t.ok(f"{doc}: {cmd[:110]}", p.returncode == 0, f"exit {p.returncode}: {p.stderr[-400:]}")
    # The SQL examples, against a catalog converted from the sample.
    catalog_dir = os.path.join(WORK, "sql-catalog")
    p = subprocess.run([os.path.join(BUILD, "bin", "gazette-convert"), "-q", "-o", catalog_dir,
                        os.path.join(WORK, "archive")], capture_output=True, text=True)
    t.ok("docs/CATALOG.md: catalog for the SQL examples", p.returncode == 0, p.stderr[-400:])
    db = sqlite3.connect(os.path.join(catalog_dir, "catalog.sqlite"))
    text = open(os.path.join(ROOT, "docs", "CATALOG.md"), encoding="utf-8").read()
    for block in re.findall(r"```sql\n(.*?)```", text, re.S):
        code = "\n".join(line for line in block.splitlines() if not line.lstrip().startswith("--"))
        for statement in filter(None, (s.strip() for s in code.split(";"))):
            try:
                rows = db.execute(statement).fetchall()
                if statement.upper().startswith("CREATE"):
                    continue  # a helper table the next query reads
                t.ok(f"docs/CATALOG.md: {' '.join(statement.split())[:110]}", len(rows) > 0, "no rows")
            except sqlite3.Error as e:
                t.ok(f"docs/CATALOG.md: {' '.join(statement.split())[:110]}", False, str(e))
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
