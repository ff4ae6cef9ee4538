#!/usr/bin/python3
"""PDF input against poppler's pdftotext (`make bench` runs it after the
throughput benchmark; it also runs alone).

Usage: pdf.py BIN_DIR WORKDIR [--write]

Typesets the sample issue, the fixtures and the Shanghai documents into
PDFs as gazettes are laid out (tests/pdf/typeset.py), then times, in
interleaved rounds (best of each), on the same PDFs:

  - pdftotext alone, one process per PDF, text to a file;
  - pdftotext then gazette-extract on its text (what users did before);
  - gazette-extract on the PDFs, one process per PDF.

Goal (issue 17): gazette-extract on a PDF no slower than pdftotext alone.
Also the peak RSS of gazette-extract on the largest PDF. Needs
/usr/bin/python3 with python3-reportlab, fonts-wqy-microhei, poppler-utils.
--write puts the table between the markers in bench/RESULTS.md.
"""
import glob
import os
import subprocess
import sys
import time

from results import write_section

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
HEADS = {"chuxiong-2022-12": "楚雄彝族自治州人民政府公报 2022年第12期", "gwy-style": "国务院公报 2022年第36号",
         "provincial-style": "某某省人民政府公报 2023年第5期"}


def typeset(work):
    sources = ([os.path.join(ROOT, "samples", "chuxiong-2022-12.txt")] +
               sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "*-style.txt"))) +
               sorted(glob.glob(os.path.join(ROOT, "tests", "real", "shanghai", "docs", "*.txt"))))
    pdfs = []
    for src in sources:
        name = os.path.splitext(os.path.basename(src))[0]
        pdf = os.path.join(work, name + ".pdf")
        if not os.path.exists(pdf):
            head = HEADS.get(name)
            subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tests", "pdf", "typeset.py"), src, pdf] +
                           (["--head", head] if head else []), check=True)
        pdfs.append(pdf)
    return pdfs


def wall(commands):
    start = time.perf_counter()
    for cmd in commands:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main():
    bin_dir, work = sys.argv[1], os.path.join(sys.argv[2], "pdf")
    os.makedirs(work, exist_ok=True)
    extract = os.path.join(bin_dir, "gazette-extract")
    pdfs = typeset(work)
    total = sum(os.path.getsize(p) for p in pdfs)
    txt = lambda p: p[:-4] + ".pdftotext.txt"  # noqa: E731
    runs = {
        "pdftotext alone": lambda: wall([["pdftotext", "-enc", "UTF-8", p, txt(p)] for p in pdfs]),
        "pdftotext, then gazette-extract on its text": lambda: wall(
            [c for p in pdfs for c in (["pdftotext", "-enc", "UTF-8", p, txt(p)], [extract, "--no-text", txt(p)])]),
        "gazette-extract on the PDF": lambda: wall([[extract, "--no-text", p] for p in pdfs]),
        "gazette-extract on all the PDFs, one process": lambda: wall(
            [[extract, "--no-text", "-f", "jsonl", "--unit", "issue"] + pdfs]),
    }
    biggest = max(pdfs, key=os.path.getsize)
    for run in runs.values():  # warm the page cache and the binaries
        run()
    best = {k: float("inf") for k in runs}
    for _ in range(5):
        for k, run in runs.items():
            best[k] = min(best[k], run())
    p = subprocess.run(["/usr/bin/time", "-f", "%M", extract, "--no-text", biggest], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    rss = int(p.stderr.strip().splitlines()[-1]) / 1024
    pages = sum(int(subprocess.run(["pdfinfo", p], capture_output=True, text=True).stdout.split("Pages:")[1].split()[0])
                for p in pdfs)
    lines = [f"{len(pdfs)} PDFs typeset from the sample, the fixtures and the Shanghai documents: "
             f"{pages} pages, {total / 1e6:.1f} MB; best of 5 interleaved rounds, one process per PDF"]
    for k, seconds in best.items():
        lines.append(f"{k:48s} {seconds:7.2f} s  {pages / seconds:7.0f} pages/s")
    ratio = best["pdftotext alone"] / best["gazette-extract on the PDF"]
    lines.append(f"{'gazette-extract on the PDF vs pdftotext alone':48s} {ratio:7.2f}x  (goal: >= 1.00x)")
    batch = best["pdftotext alone"] / best["gazette-extract on all the PDFs, one process"]
    lines.append(f"{'  the same, gazette-extract in one process':48s} {batch:7.2f}x")
    # The largest PDF alone: pages, not process start-ups, decide.
    big = {k: float("inf") for k in ("pdftotext", "gazette-extract")}
    for _ in range(5):
        big["pdftotext"] = min(big["pdftotext"], wall([["pdftotext", "-enc", "UTF-8", biggest, txt(biggest)]]))
        big["gazette-extract"] = min(big["gazette-extract"], wall([[extract, "--no-text", biggest]]))
    lines.append(f"{'on the largest PDF alone (' + os.path.basename(biggest) + ')':48s} "
                 f"{big['pdftotext'] / big['gazette-extract']:7.2f}x  ({big['gazette-extract']:.2f} s against "
                 f"{big['pdftotext']:.2f} s)")
    lines.append(f"{'peak RSS of gazette-extract on ' + os.path.basename(biggest):48s} {rss:7.1f} MB"
                 f"  ({os.path.getsize(biggest) / 1e6:.1f} MB PDF)")
    report = "\n".join(lines)
    print(report)
    if "--write" in sys.argv:
        write_section("pdf", "PDF input (bench/pdf.py)", "gazette-extract reading PDFs against poppler's pdftotext, one run.",
                      report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
