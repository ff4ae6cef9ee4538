#!/usr/bin/env python3
"""Every tool through every row of the exit status table (README.md).

Usage: run_exit_codes.py BIN_DIR SAMPLE WORKDIR

  0  success
  1  ran fine, found problems (check: findings at or above --fail-on;
     extract --strict: diagnostics; convert: archive inputs that failed anew;
     search: nothing found)
  2  usage error, or an input named on the command line that cannot be read
     or is not a gazette (the other inputs are still processed)

Each row is run for each tool that has it, and the exit code is checked
with what the row says the tool must also do (the other inputs processed).
"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tally import Tally  # noqa: E402

BIN, SAMPLE, WORK = sys.argv[1:4]
T = Tally()


def tool(name):
    return os.path.join(BIN, name)


def run(name, *args):
    return subprocess.run([tool(name), *args], capture_output=True, text=True, timeout=300)


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    missing = os.path.join(WORK, "missing.txt")
    binary = os.path.join(WORK, "binary.txt")
    open(binary, "wb").write(b"\x00\x01\x02binary" * 40)
    archive = os.path.join(WORK, "archive")
    os.makedirs(archive)
    shutil.copy(SAMPLE, archive)
    out = os.path.join(WORK, "out")

    rows = []  # (tool, args, expected exit, what else must hold)
    # 0: success
    rows += [("gazette-extract", [SAMPLE], 0, None),
             ("gazette-check", ["--fail-on", "error", SAMPLE], 0, None),
             ("gazette-split", ["-o", os.path.join(WORK, "split0"), SAMPLE], 0, None),
             ("gazette-convert", ["-q", "-o", out, archive], 0, None)]
    # 1: ran fine, found problems
    rows += [("gazette-check", ["--fail-on", "info", SAMPLE], 1, None)]
    # 2: usage errors
    for name in ("gazette-extract", "gazette-check", "gazette-split", "gazette-convert", "gazette-search"):
        rows.append((name, ["--no-such-option"], 2, None))
    # 2: an input named on the command line that is not there; the others still done
    rows += [("gazette-extract", ["--no-text", "-f", "jsonl", "--unit", "issue", missing, SAMPLE], 2,
              lambda p: '"documents"' in p.stdout),
             ("gazette-check", ["--fail-on", "error", missing, SAMPLE], 2, lambda p: "0 errors" in p.stdout),
             ("gazette-split", ["-o", os.path.join(WORK, "split2"), missing, SAMPLE], 2,
              lambda p: "files written" in p.stderr),
             ("gazette-convert", ["-o", os.path.join(WORK, "out2"), missing, archive], 2,
              lambda p: "1 converted" in p.stderr),
             ("gazette-extract", [binary], 2, None),
             ("gazette-check", [binary], 2, None)]
    for name, args, code, extra in rows:
        p = run(name, *args)
        ok = p.returncode == code and (extra is None or extra(p))
        T.ok(f"{name} {' '.join(os.path.basename(a) for a in args)[:70]}: exit {code}", ok,
             f"exit {p.returncode}; stderr {p.stderr[-300:]}")

    # extract --strict: a text with a parser diagnostic (prose before the
    # first document) exits 1; the sample, without one, 0
    diag = os.path.join(WORK, "diagnostic.txt")
    open(diag, "w", encoding="utf-8").write("某某县人民政府公报\n2023年第1期\n这是一段不属于任何文件的说明文字。\n"
                                            "某某县人民政府关于甲事项的通知\n某政发〔2023〕1号\n各乡镇：\n照办。\n"
                                            "某某县人民政府\n2023年1月1日\n")
    p = run("gazette-extract", "--strict", "--no-text", diag)
    T.ok("gazette-extract --strict: a diagnostic: exit 1, the extraction still written",
         p.returncode == 1 and "text-before-first-document" in p.stdout, p.stderr)
    T.ok("gazette-extract --strict: none: exit 0", run("gazette-extract", "--strict", "--no-text", SAMPLE).returncode == 0)
    # convert 1: an archive input that fails anew; 0 once it is a known failure
    shutil.copy(binary, archive)
    p = run("gazette-convert", "-q", "-o", out, archive)
    T.ok("gazette-convert: an archive input that fails: exit 1", p.returncode == 1, p.stderr[-300:])
    p = run("gazette-convert", "-q", "-o", out, archive)
    T.ok("gazette-convert: the same failure again (known): exit 0", p.returncode == 0, p.stderr[-300:])
    # search: 0 found, 1 nothing found, 2 a catalog that is not there or a bad query
    T.ok("gazette-search: found: exit 0", run("gazette-search", "-C", out, "应急").returncode == 0)
    T.ok("gazette-search: nothing found: exit 1", run("gazette-search", "-C", out, "无此词语甲乙丙").returncode == 1)
    T.ok("gazette-search: no catalog: exit 2", run("gazette-search", "-C", os.path.join(WORK, "none"), "应急").returncode == 2)
    T.ok("gazette-search: a bad query: exit 2", run("gazette-search", "-C", out, '"open').returncode == 2)
    # check 2: a bad profile or schema stops the run
    T.ok("gazette-check: an unknown profile: exit 2", run("gazette-check", "--profile", "nosuch", SAMPLE).returncode == 2)
    return T.finish()


if __name__ == "__main__":
    sys.exit(main())
