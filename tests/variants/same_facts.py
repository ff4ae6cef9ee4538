#!/usr/bin/env python3
"""Extracts fixtures and every form variant of each; all must give the same facts.

Usage: same_facts.py EXTRACT WORKDIR FIXTURE...

The variants of make_variants.py (encodings, line ends, punctuation width,
indentation, blank lines, re-wrapping) change only the form. Facts are
compared without line numbers and source identity, with each string folded
(NFKC, whitespace out), since a variant prints （ as ( and wraps differently.
Prints one line per variant and exits 1 on any difference.
"""
import json
import os
import subprocess
import sys
import unicodedata
from contextlib import redirect_stdout

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_variants  # noqa: E402

LINE_KEYS = {"line", "title_line", "end_line", "date_line", "listed_line"}


def facts(x):
    if isinstance(x, dict):
        return {k: facts(v) for k, v in x.items() if k not in LINE_KEYS and k not in ("source", "diagnostics")}
    if isinstance(x, list):
        return [facts(v) for v in x]
    if isinstance(x, str):
        return "".join(unicodedata.normalize("NFKC", x).split())
    return x


def extract(tool, path):
    p = subprocess.run([tool, "--no-text", path], capture_output=True)
    if p.returncode != 0:
        return None, p.stderr.decode("utf-8", "replace")
    return facts(json.loads(p.stdout)), None


def first_difference(a, b, where=""):
    if type(a) is not type(b):
        return f"{where}: {a!r} vs {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{where}.{k}: only in one"
            d = first_difference(a[k], b[k], f"{where}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items vs {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{where}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{where}: {a!r} vs {b!r}"


def main():
    tool, work, fixtures = sys.argv[1], sys.argv[2], sys.argv[3:]
    failed = total = 0
    for fixture in fixtures:
        name = os.path.splitext(os.path.basename(fixture))[0]
        out = os.path.join(work, name)
        os.makedirs(out, exist_ok=True)
        sys.argv = ["make_variants.py", fixture, out]
        with open(os.devnull, "w") as quiet, redirect_stdout(quiet):
            make_variants.main()
        want, err = extract(tool, fixture)
        if want is None:
            print(f"FAIL {name}: {err.strip()}")
            failed += 1
            continue
        for variant in sorted(f for f in os.listdir(out) if f.endswith(".txt")):
            total += 1
            got, err = extract(tool, os.path.join(out, variant))
            diff = err.strip() if got is None else first_difference(want, got)
            print(f"{'FAIL' if diff else 'ok  '} {name}/{variant}" + (f": {diff}" if diff else ""))
            failed += bool(diff)
    print(f"{total - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
