#!/usr/bin/env python3
"""Writes a benchmark corpus of gazette texts of about SIZE megabytes.

Usage: make_corpus.py SIZE_MB OUTDIR

Each file is either the sample issue (samples/chuxiong-2022-12.txt) or a
document of tests/real/pkulaw-5docs, with its 发文字号 serials, years and dates
varied so no two files are the same (identical inputs would flatter any
cache). Deterministic: the same SIZE gives the same files.
"""
import glob
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
NUMBER = re.compile(r"〔(\d{4})〕(\d{1,4})号")
DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def vary(text, rng):
    shift = rng.randint(-3, 3)
    text = NUMBER.sub(lambda m: f"〔{int(m.group(1)) + shift}〕{rng.randint(1, 300)}号", text)
    return DATE.sub(lambda m: f"{int(m.group(1)) + shift}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日", text)


def main():
    size_mb, outdir = float(sys.argv[1]), sys.argv[2]
    sources = [open(os.path.join(ROOT, "samples", "chuxiong-2022-12.txt"), encoding="utf-8").read()]
    # The five database documents kept in the repository (tests/real, from
    # the shared corpus's pkulaw-5docs): the same corpus with or without it.
    for p in sorted(glob.glob(os.path.join(ROOT, "tests", "real", "pkulaw-5docs", "docs", "*.txt"))):
        sources.append(open(p, encoding="utf-8").read())
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random(1)
    total, i, want = 0, 0, int(size_mb * 1e6)
    while total < want:
        # Three issues for every database document, as an archive holds.
        src = sources[0] if i % 4 != 3 else sources[1 + (i // 4) % (len(sources) - 1)]
        data = vary(src, rng).encode("utf-8")
        with open(os.path.join(outdir, f"{i:05d}.txt"), "wb") as fh:
            fh.write(data)
        total += len(data)
        i += 1
    print(f"{i} files, {total / 1e6:.1f} MB in {outdir}")


if __name__ == "__main__":
    main()
