#!/usr/bin/env python3
"""Injects each kind of defect into a copy of the sample and checks that
gazette-check reports it at its line with its rule id and exit status 1.

Usage: run_injections.py BIN_DIR SAMPLE WORKDIR

Each case edits the sample's text (line-preserving where it can) and names
the findings expected: (rule, line). The clean sample must pass with
--profile chuxiong --fail-on warning (exit 0). Prints 'N passed, N failed'.
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tally import Tally  # noqa: E402

BIN, SAMPLE, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
CHECK = os.path.join(BIN, "gazette-check")


def lines_of():
    return open(SAMPLE, encoding="utf-8").read().split("\n")


def replace(line_no, old, new):
    def edit(lines):
        assert old in lines[line_no - 1], (line_no, old, lines[line_no - 1][:80])
        lines[line_no - 1] = lines[line_no - 1].replace(old, new, 1)
    return edit


def blank(line_no):
    def edit(lines):
        lines[line_no - 1] = ""
    return edit


CASES = [
    # name, edits, expected [(rule, line)], extra args
    ("number-brackets", [replace(114, "〔2022〕", "[2022]")], [("number-brackets", 114)]),
    ("number-brackets-fullwidth-parens", [replace(114, "〔2022〕", "（2022）")], [("number-brackets", 114)]),
    # The body's number no longer matches the TOC's: that is a finding too.
    ("number-year", [replace(114, "〔2022〕", "〔22〕")], [("number-year", 114), ("schema", 114), ("toc-number-mismatch", 51)]),
    ("number-di", [replace(114, "〔2022〕61号", "〔2022〕第61号")], [("number-di", 114)]),
    ("number-leading-zero", [replace(114, "〔2022〕61号", "〔2022〕061号")], [("number-leading-zero", 114)]),
    ("number-hao", [replace(114, "〔2022〕61号", "〔2022〕61")], [("number-hao", 114)]),
    ("number-unknown-prefix", [replace(114, "楚政通", "楚政统")], [("number-unknown-prefix", 114), ("toc-number-mismatch", 51)]),
    ("number-duplicate", [replace(317, "62号", "61号")], [("number-duplicate", 317)]),
    ("toc-number-mismatch", [replace(61, "62号", "63号")], [("toc-number-mismatch", 57)]),
    ("toc-title-mismatch", [replace(59, "有效衔接", "衔接")], [("toc-title-mismatch", 57)]),
    ("toc-page-order", [replace(61, "(12)", "(2)")], [("toc-page-order", 57)]),
    # One page too large: that entry is named, not the entries after it.
    ("toc-page-order-large", [replace(61, "(12)", "(120)")], [("toc-page-order", 57)]),
    ("toc-entry-without-document", [blank(1531), blank(1533)] + [blank(n) for n in range(1535, 1594)],
     [("toc-entry-without-document", 82)]),
    ("document-not-in-toc", [blank(79)], [("document-not-in-toc", 1334)]),
    ("date-invalid", [replace(123, "2022年8月30日", "2022年13月45日")], [("date-invalid", 123)]),
    ("date-after-issue", [replace(123, "2022年8月30日", "2023年8月30日")], [("date-after-issue", 123)]),
    ("document-without-date", [blank(123)], [("document-without-date", 112)]),
    ("chronicle-date-range", [replace(1537, "11月16日", "10月16日")], [("chronicle-date-range", 1537)]),
    ("chronicle-order", [replace(1543, "11月18日", "11月10日")], [("chronicle-order", 1543)]),
    ("department-unknown", [replace(153, "州教育体育局牵头", "州教育休育局牵头")], [("department-unknown", 153)]),
    ("department-alias-accepted", [replace(153, "州教育体育局牵头", "州教体局牵头")], []),
    ("notice-without-addressees", [blank(116), blank(117)], [("notice-without-addressees", 112)]),
    ("notice-without-public-marking", [blank(125)], [("notice-without-public-marking", 112)]),
    ("title-unknown-genre", [replace(51, "实施方案", "实施方案"), replace(53, "的通知", "的通知书"),
                             replace(112, "的通知", "的通知书")], [("title-unknown-genre", 112)]),
    ("section-unexpected", [replace(49, "州政府文件", "州政府公文")], [("section-unexpected", 51)]),
]


def run(path, fmt="jsonl", extra=()):
    p = subprocess.run([CHECK, "--profile", "chuxiong", "--fail-on", "warning", "--format", fmt, *extra, path],
                       capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def main():
    os.makedirs(WORK, exist_ok=True)
    t = Tally()
    code, out, err = run(SAMPLE)
    ok = code == 0 and not err and all(json.loads(l)["severity"] == "info" for l in out.splitlines())
    t.ok("clean sample passes --profile chuxiong --fail-on warning", ok, f"exit {code}, stderr {err!r}\n" + out[:2000])
    for name, edits, expected in CASES:
        lines = lines_of()
        for e in edits:
            e(lines)
        path = os.path.join(WORK, name + ".txt")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines))
        code, out, err = run(path)
        got = {(f["rule"], f["line"]) for f in map(json.loads, out.splitlines())}
        problems = []
        for want in expected:
            if want not in got:
                problems.append(f"missing {want}")
        blocking = [f for f in map(json.loads, out.splitlines()) if f["severity"] != "info"]
        want_code = 1 if expected else 0
        if code != want_code:
            problems.append(f"exit {code}, expected {want_code}")
        if err:
            problems.append(f"stderr {err!r}")
        # One fault, its own findings: no other rule reports it (a duplicate
        # number once also failed the TOC rules).
        unexpected = [(f["rule"], f["line"]) for f in blocking if f["rule"] not in {r for r, _ in expected}]
        if unexpected:
            problems.append(f"unexpected findings {unexpected}")
        t.check(name, problems, extra=["got: " + ", ".join(f"{r}@{l}" for r, l in sorted(got))])
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
