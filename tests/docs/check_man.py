#!/usr/bin/env python3
"""The man pages kept in man/ are real and current.

For each tool: man/TOOL.1 exists in the repository and has NAME, SYNOPSIS,
DESCRIPTION, OPTIONS, EXIT STATUS, FILES, EXAMPLES and SEE ALSO; every
option of the tool's --help is in it; it is what man/make.sh makes from
the tool as built now (the .TH line, which carries the month, aside); and
`man -l` renders it.

  check_man.py SOURCE_DIR BIN_DIR WORK_DIR
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tally import Tally  # noqa: E402

TOOLS = ["gazette-extract", "gazette-check", "gazette-convert", "gazette-split", "gazette-search"]
SECTIONS = ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "FILES", "EXAMPLES", "SEE ALSO"]


def body(text):
    return [l for l in text.splitlines() if not l.startswith(".TH ")]


def main():
    src, bin_dir, work = sys.argv[1:4]
    t = Tally()
    shutil.rmtree(work, ignore_errors=True)
    remade = None
    if shutil.which("help2man"):
        p = subprocess.run([os.path.join(src, "man", "make.sh"), bin_dir, work], capture_output=True, text=True)
        remade = work if p.returncode == 0 else None
        t.ok("man/make.sh remakes the pages", p.returncode == 0, p.stderr)
    for tool in TOOLS:
        path = os.path.join(src, "man", tool + ".1")
        if not os.path.exists(path):
            t.ok(f"{tool}: man/{tool}.1 is in the repository", False)
            continue
        page = open(path, encoding="utf-8").read()
        heads = [h.strip('"') for h in re.findall(r"^\.SH (.+)$", page, re.M)]
        t.ok(f"{tool}: sections {', '.join(SECTIONS)}", all(s in heads for s in SECTIONS), str(heads))
        helptext = subprocess.run([os.path.join(bin_dir, tool), "--help"], capture_output=True, text=True).stdout
        options = sorted(set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", helptext)))
        plain = page.replace("\\-", "-")
        missing = [o for o in options if o not in plain]
        t.ok(f"{tool}: every option of --help is in the page ({len(options)})", options and not missing,
             f"missing {missing}")
        if remade:
            fresh = open(os.path.join(remade, tool + ".1"), encoding="utf-8").read()
            t.ok(f"{tool}: the page is current (make man after changing options or man/{tool}.h2m)",
                 body(fresh) == body(page), "run `make man`")
        if shutil.which("man"):
            p = subprocess.run(["man", "-l", path], capture_output=True, text=True, env={**os.environ, "MANPAGER": "cat",
                                                                                        "PAGER": "cat", "COLUMNS": "100"})
            t.ok(f"{tool}: man -l renders it", p.returncode == 0 and "EXIT STATUS" in p.stdout and "EXAMPLES" in p.stdout,
                 p.stderr)
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
