#!/usr/bin/python3
"""Typesets each fixture into a PDF, reads it as gazette-extract reads a PDF,
and back with poppler's pdftotext in its default and -layout modes, and
requires the same facts as the clean text each time.

Usage: same_facts_pdf.py EXTRACT WORKDIR FIXTURE[:RUNNING_HEAD]...

Facts are compared as tests/variants/same_facts.py compares them (no line
numbers, strings folded), and without pages: the PDF is paginated anew, so
`page`, `printed_page` and the TOC's pages are its own. Needs /usr/bin/python3
with python3-reportlab, fonts-wqy-microhei and poppler-utils (make test
installs them). Prints one line per case and 'N passed, N failed'.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "variants"))
import same_facts  # noqa: E402

same_facts.LINE_KEYS |= {"page", "printed_page"}


def main(argv):
    tool, work = argv[1], argv[2]
    os.makedirs(work, exist_ok=True)
    passed = failed = 0
    for spec in argv[3:]:
        path, _, head = spec.partition(":")
        name = os.path.splitext(os.path.basename(path))[0]
        pdf = os.path.join(work, name + ".pdf")
        subprocess.run(["/usr/bin/python3", os.path.join(HERE, "typeset.py"), path, pdf] + (["--head", head] if head else []),
                       check=True)
        # A second typesetter's hand (GB/T 9704 sizes, letter-spaced lines,
        # another head and folio), read as PDF only.
        gbt = os.path.join(work, name + "-gbt.pdf")
        subprocess.run(["/usr/bin/python3", os.path.join(HERE, "typeset.py"), path, gbt, "--style", "gbt"] +
                       (["--head", head] if head else []), check=True)
        want, err = same_facts.extract(tool, path)
        if want is None:
            print(f"FAIL {name}: {err.strip()}")
            failed += 1
            continue
        # The PDF itself (gazette-extract reads it), then what pdftotext
        # makes of it in its two modes.
        for mode in ("pdf", "gbt", "default", "layout"):
            if mode in ("pdf", "gbt"):
                txt = pdf if mode == "pdf" else gbt
            else:
                txt = os.path.join(work, f"{name}-{mode}.txt")
                subprocess.run(["pdftotext", "-enc", "UTF-8"] + (["-layout"] if mode == "layout" else []) + [pdf, txt],
                               check=True)
            got, err = same_facts.extract(tool, txt)
            diff = err.strip() if got is None else same_facts.first_difference(want, got)
            label = {"pdf": "read as PDF", "gbt": "read as PDF, GB/T 9704 layout"}.get(mode, f"pdftotext {mode}")
            if diff:
                print(f"FAIL {name} {label}: {diff}")
                failed += 1
            else:
                print(f"ok   {name} {label}")
                passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
