#!/usr/bin/python3
"""PDF input, case by case: PDFs typeset like gazettes (typeset.py) read by
the tools themselves.

  run_pdf_cases.py BIN_DIR WORK_DIR

- A table of contents in two columns, and an issue with a picture page:
  the same facts as the clean text they were typeset from (same_facts.py's
  comparison), the picture page reported (pdf-page-without-text).
- Provenance: source.pdf gives each page's first line; the page of every
  document's title line is the folio the typesetter printed on it.
- Refused with a clear message and exit 2, the other inputs still read: a
  scanned PDF (no text layer), one that needs a password, one cut short,
  one that is not a PDF inside.
- A PDF encrypted with an owner password only (no password to open, as
  many published gazettes are) is read.
- Recognised by its %PDF- header, not its name; gazette-check, -split and
  -convert read PDFs; --dump-text shows the text as read.

Needs /usr/bin/python3 with python3-reportlab, fonts-wqy-microhei and qpdf
(make test installs them).
"""
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "variants"))
import same_facts  # noqa: E402
from tally import Tally  # noqa: E402

same_facts.LINE_KEYS |= {"page", "printed_page"}
FIXTURES = os.path.join(HERE, "..", "fixtures")
PROVINCIAL = (os.path.join(FIXTURES, "provincial-style.txt"), "某某省人民政府公报 2023年第5期")
GWY = (os.path.join(FIXTURES, "gwy-style.txt"), "国务院公报 2022年第36号")


def typeset(work, name, source, *options):
    path = os.path.join(work, name + ".pdf")
    text, head = source
    subprocess.run(["/usr/bin/python3", os.path.join(HERE, "typeset.py"), text, path, "--head", head, *options],
                   check=True)
    return path


def main():
    bin_dir, work = sys.argv[1], sys.argv[2]
    tool = lambda name: os.path.join(bin_dir, name)  # noqa: E731
    extract = tool("gazette-extract")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    t = Tally()

    def run(*args, exe=extract):
        return subprocess.run([exe, *args], capture_output=True, text=True, timeout=300)

    # Same facts as the clean text.
    cases = [("provincial-two-columns", PROVINCIAL, ["--toc-columns", "2"]),
             ("gwy-two-columns", GWY, ["--toc-columns", "2"]),
             ("provincial-picture-page", PROVINCIAL, ["--image-page", "2"]),
             ("gwy", GWY, [])]
    made = {}
    for name, source, options in cases:
        pdf = made[name] = typeset(work, name, source, *options)
        want, _ = same_facts.extract(extract, source[0])
        got, err = same_facts.extract(extract, pdf)
        diff = err.strip() if got is None else same_facts.first_difference(want, got)
        t.ok(f"{name}: the same facts as the clean text", not diff, diff or "")

    picture = json.loads(run("--no-text", made["provincial-picture-page"]).stdout)
    pdf = picture["source"]["pdf"]
    t.ok("the picture page is named: source.pdf.pages_without_text and a pdf-page-without-text diagnostic",
         pdf["pages_without_text"] == [3] and pdf["pages"] == len(pdf["page_first_line"]) and
         any(d["rule"] == "pdf-page-without-text" and "page 3" in d["message"] for d in picture["diagnostics"]),
         json.dumps([pdf, picture["diagnostics"]], ensure_ascii=False))

    # Provenance: line -> page through page_first_line, checked against the
    # folio typeset on each page (— N —, N the physical page).
    for name in ("gwy", "provincial-two-columns"):
        issue = json.loads(run("--no-text", made[name]).stdout)
        starts = issue["source"]["pdf"]["page_first_line"]
        page_of = lambda line: max(k + 1 for k, s in enumerate(starts) if s <= line)  # noqa: E731
        pairs = [(page_of(d["title_line"]), d["printed_page"]) for d in issue["documents"]]
        t.ok(f"{name}: each title line's page (source.pdf) is the folio printed on it",
             pairs and all(a == b for a, b in pairs) and starts == sorted(starts), str(pairs))

    # --dump-text: what the parser saw. The letter-spaced 目　录 on one line,
    # the left column before the right.
    dumped = run("--dump-text", made["gwy-two-columns"]).stdout
    lines = [l.strip() for l in dumped.splitlines()]
    t.ok("--dump-text: the letter-spaced heading on one line", "目  录" in lines, dumped[:400])
    order = [next((i for i, l in enumerate(lines) if l.startswith(p)), -1)
             for p in ("国务院令", "国务院文件", "国务院办公厅关于")]
    t.ok("--dump-text: the two-column TOC reads down the left column, then the right",
         -1 not in order and order == sorted(order), str(order))

    # Refusals: exit 2, a message naming the file and what is wrong; the
    # good inputs around them are still read.
    scanned = os.path.join(work, "scanned.pdf")
    subprocess.run(["/usr/bin/python3", os.path.join(HERE, "typeset.py"), PROVINCIAL[0], scanned, "--scanned"], check=True)
    locked = os.path.join(work, "locked.pdf")
    subprocess.run(["qpdf", "--encrypt", "user-pw", "owner-pw", "256", "--", made["gwy"], locked], check=True)
    owner_only = os.path.join(work, "owner-only.pdf")
    subprocess.run(["qpdf", "--encrypt", "", "owner-pw", "256", "--", made["gwy"], owner_only], check=True)
    truncated = os.path.join(work, "truncated.pdf")
    data = open(made["gwy"], "rb").read()
    open(truncated, "wb").write(data[:len(data) * 2 // 3])
    garbage = os.path.join(work, "not-really.pdf")
    open(garbage, "wb").write(b"%PDF-1.7\n" + os.urandom(4000) + b"\n%%EOF\n")
    refusals = [(scanned, "without a text layer"), (locked, "encrypted"), (truncated, "truncated"),
                (garbage, "not a readable PDF")]
    for path, words in refusals:
        p = run("-f", "jsonl", "--unit", "issue", "--no-text", made["gwy"], path, PROVINCIAL[0])
        good = [json.loads(l) for l in p.stdout.splitlines()]
        t.ok(f"{os.path.basename(path)}: exit 2, '{words}' named with the file, the two good inputs read",
             p.returncode == 2 and f"{path}: " in p.stderr and words in p.stderr and len(good) == 2, p.stderr)
    want, _ = same_facts.extract(extract, GWY[0])
    got, err = same_facts.extract(extract, owner_only)
    t.ok("a PDF with an owner password only (opens without one) is read: the same facts",
         got is not None and not same_facts.first_difference(want, got), err or "")

    # By header, not by name.
    disguised = os.path.join(work, "issue.txt")
    shutil.copy(made["gwy"], disguised)
    p = run("--no-text", disguised)
    t.ok("a PDF named .txt is read as PDF", p.returncode == 0 and json.loads(p.stdout)["source"]["encoding"] == "PDF",
         p.stderr)

    # gazette-check's findings on a PDF say the page and the line on it too,
    # as source.pdf maps them.
    p = run("-f", "jsonl", made["provincial-picture-page"], exe=tool("gazette-check"))
    findings = [json.loads(l) for l in p.stdout.splitlines()]
    starts = picture["source"]["pdf"]["page_first_line"]
    page_of = lambda line: max(k + 1 for k, s in enumerate(starts) if s <= line)  # noqa: E731
    t.ok("gazette-check on a PDF: each finding's page and page_line, as source.pdf maps its line",
         findings and all(f["page"] == page_of(f["line"]) and f["page_line"] == f["line"] - starts[f["page"] - 1] + 1
                          for f in findings if f["line"] > 0), p.stdout[:400])
    text = run(made["provincial-picture-page"], exe=tool("gazette-check")).stdout
    t.ok("gazette-check's text format names the page too", "(page " in text and ", line " in text, text[:300])

    # The other tools.
    p = run("-f", "json", made["gwy"], exe=tool("gazette-check"))
    report = json.loads(p.stdout) if p.stdout else {}
    t.ok("gazette-check reads a PDF", p.returncode in (0, 1) and report.get("summary", {}).get("files") == 1, p.stderr)
    out = os.path.join(work, "split")
    p = run("-o", out, made["gwy"], exe=tool("gazette-split"))
    manifest = json.load(open(os.path.join(out, "manifest.json"), encoding="utf-8")) if p.returncode == 0 else {}
    t.ok("gazette-split splits a PDF into a text per document",
         p.returncode == 0 and manifest.get("source", {}).get("encoding") == "PDF" and len(manifest["files"]) == 3,
         p.stderr)
    archive = os.path.join(work, "archive")
    os.makedirs(archive)
    shutil.copy(made["gwy"], archive)
    shutil.copy(PROVINCIAL[0], archive)
    shutil.copy(scanned, archive)
    out = os.path.join(work, "out")
    p = run("-q", "-o", out, archive, exe=tool("gazette-convert"))
    t.ok("gazette-convert: the PDF and the text converted, the scanned PDF a failure (exit 1)",
         p.returncode == 1 and os.path.exists(os.path.join(out, "gwy.pdf.json")) and
         os.path.exists(os.path.join(out, "provincial-style.txt.json")), p.stderr)
    p = run("-C", out, "-f", "jsonl", "商品过度包装", exe=tool("gazette-search"))
    hits = [json.loads(l) for l in p.stdout.splitlines()]
    t.ok("gazette-search finds a word in the converted PDF, on the line of the text read",
         p.returncode == 0 and hits and all(h["path"] == "gwy.pdf" and "包装" in h["text"] for h in hits), p.stdout[:300])
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
