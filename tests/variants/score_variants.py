#!/usr/bin/env python3
"""Scores gazette-extract on the sample and on every form variant of it.

Usage: score_variants.py EXTRACT SAMPLE GOLD SCORER WORKDIR

The sample and the variants that keep line numbers (encodings, line ends,
punctuation width, indentation) must score 1.000 on every metric including
lines; the variants that move lines (no blank lines, re-wrapped) must score
1.000 with --ignore-lines. Prints one line per variant and exits 1 on any
shortfall.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_variants  # noqa: E402

KEEPS_LINES = {"utf8-bom", "gb18030", "utf16le", "utf16be-bom", "crlf", "cr", "fullwidth", "halfwidth", "indented"}


def main():
    extract, sample, gold, scorer, work = sys.argv[1:6]
    os.makedirs(work, exist_ok=True)
    sys.argv = ["make_variants.py", sample, work]
    make_variants.main()
    cases = [("sample", sample, True)]
    for name in sorted(os.listdir(work)):
        if name.endswith(".txt"):
            base = name[:-4]
            cases.append((base, os.path.join(work, name), base in KEEPS_LINES))
    failed = 0
    for name, path, lines in cases:
        out = os.path.join(work, name + ".json")
        with open(out, "wb") as fh:
            rc = subprocess.run([extract, "--no-text", path], stdout=fh).returncode
        if rc != 0:
            print(f"{name}: gazette-extract exited {rc}")
            failed += 1
            continue
        args = [sys.executable, scorer, gold, out, "--min", "1.0"] + ([] if lines else ["--ignore-lines"])
        res = subprocess.run(args, capture_output=True, text=True)
        below = [l for l in res.stdout.splitlines() if l.strip() and " 1.000 " not in l and not l.startswith("score:")]
        score = res.stdout.strip().splitlines()[-1] if res.stdout.strip() else "no output"
        print(f"{name:12s} {'lines' if lines else 'no lines':8s} {score}")
        for l in below:
            print("    " + l)
        if res.returncode != 0:
            failed += 1
    print(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
