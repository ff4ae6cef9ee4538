#!/usr/bin/env python3
"""Peak memory and time on the hostile shapes of input (`make bench` runs it
after the throughput benchmark; it also runs alone).

Usage: hostile.py BIN_DIR WORKDIR [--scale 1.0] [--write]

Every reader keeps its memory a function of its input's size
(docs/DESIGN.md, "Limits"): peak RSS <= FACTOR x input + 64 MiB, with the
factor per tool stated below. Each shape is made under WORKDIR, run once
under /usr/bin/time -v, and its peak RSS printed against that ceiling:

  - many tiny documents: 700,000 six-line notices in one issue (~97 MB),
    and 70,000 (~10 MB) for gazette-check, which validates each document
    against the schema;
  - many titles: 60,000 《》 titles cited in one cover over 60,000 lines
    (the attachment lookup once was quadratic here);
  - a 200 MB issue: the 100 MB benchmark corpus, twice, in one file.

Prints one table (--write also puts it in bench/RESULTS.md); returns 1 if a run failed or went over its ceiling.
--scale shrinks the shapes (0.1 for a quick look).
"""
import os
import subprocess
import sys

from results import write_section

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MIB = 1 << 20
BASE = 64 * MIB
# Peak RSS per input byte, beyond BASE. Extraction holds the text, its line
# table and the documents (a 656-byte Document and its strings for every
# 140 bytes of input at worst) and streams its rendering; gazette-check also
# holds one document's yaml-cpp tree at a time and the findings.
FACTOR = {"gazette-extract": 24, "gazette-check": 24}


def peak(cmd):
    """(exit code, seconds, peak RSS bytes) of cmd, its output discarded."""
    p = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True)
    seconds, kib = p.stderr.strip().splitlines()[-1].split()
    return p.returncode, float(seconds), int(kib) * 1024


def tiny_documents(path, n):
    if os.path.exists(path):
        return path
    with open(path + ".tmp", "w", encoding="utf-8") as fh:
        fh.write("某某县人民政府公报\n2023年第1期\n")
        for i in range(n):
            fh.write(f"某某县人民政府关于事项{i}的通知\n某政发〔2023〕{i}号\n各乡镇：\n照办。\n某某县人民政府\n2023年1月1日\n")
    os.replace(path + ".tmp", path)
    return path


def many_titles(path, n):
    if os.path.exists(path):
        return path
    with open(path + ".tmp", "w", encoding="utf-8") as fh:
        fh.write("某某市人民政府关于印发有关文件的通知\n某政发〔2023〕1号\n各区：\n")
        fh.write("".join(f"《文件{i}》" for i in range(n)) + "印发给你们。\n某某市人民政府\n2023年1月1日\n")
        fh.write("".join(f"文件{i}\n" for i in range(n)))
    os.replace(path + ".tmp", path)
    return path


def big_issue(path, mb, work):
    if os.path.exists(path):
        return path
    corpus = os.path.join(work, "corpus-100M")
    if not os.path.isdir(corpus):
        subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py"), "100", corpus], check=True)
    files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus) if f.endswith(".txt"))
    written = 0
    with open(path + ".tmp", "wb") as out:
        while written < mb * 1e6:
            for f in files:
                data = open(f, "rb").read()
                out.write(data)
                written += len(data)
                if written >= mb * 1e6:
                    break
    os.replace(path + ".tmp", path)
    return path


def main():
    bin_dir, work = sys.argv[1], sys.argv[2]
    scale = float(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 1.0
    os.makedirs(work, exist_ok=True)
    tag = "" if scale == 1.0 else f"-x{scale:g}"
    tiny = tiny_documents(os.path.join(work, f"hostile-tiny{tag}.txt"), int(700_000 * scale))
    tiny_check = tiny_documents(os.path.join(work, f"hostile-tiny-check{tag}.txt"), int(70_000 * scale))
    titles = many_titles(os.path.join(work, f"hostile-titles{tag}.txt"), int(60_000 * scale))
    big = big_issue(os.path.join(work, f"hostile-200mb{tag}.txt"), 200 * scale, work)
    runs = [
        ("many tiny documents", "gazette-extract", tiny, ["--no-text"]),
        ("many tiny documents", "gazette-check", tiny_check, []),
        ("60,000 《》 titles", "gazette-extract", titles, ["--no-text"]),
        ("60,000 《》 titles", "gazette-check", titles, []),
        ("a 200 MB issue", "gazette-extract", big, ["--no-text"]),
        ("a 200 MB issue", "gazette-check", big, []),
    ]
    lines = [f"{'shape':22s} {'tool':16s} {'input MB':>9s} {'seconds':>8s} {'peak MB':>8s} {'x input':>8s} "
             f"{'ceiling MB':>11s}"]
    failed = False
    for shape, tool, path, args in runs:
        size = os.path.getsize(path)
        code, seconds, rss = peak([os.path.join(bin_dir, tool)] + args + [path])
        ceiling = FACTOR[tool] * size + BASE
        ok = code in (0, 1) and rss <= ceiling
        failed = failed or not ok
        lines.append(f"{shape:22s} {tool:16s} {size / 1e6:9.1f} {seconds:8.2f} {rss / MIB:8.0f} {rss / size:8.1f} "
                     f"{ceiling / MIB:11.0f}{'' if ok else f'  OVER (exit {code})'}")
    lines.append(f"ceiling: peak RSS <= {FACTOR['gazette-extract']} x input + 64 MiB (gazette-extract), "
                 f"{FACTOR['gazette-check']} x input + 64 MiB (gazette-check on text)")
    report = "\n".join(lines)
    print(report)
    if "--write" in sys.argv:  # the section between the markers in RESULTS.md
        write_section("hostile shapes", "Hostile shapes (bench/hostile.py)",
                      "Peak RSS against the ceiling of docs/DESIGN.md, one run each.", report)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
