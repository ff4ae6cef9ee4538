#!/usr/bin/env python3
"""Score gazette-extract on real single documents against their hand-checked gold.

Usage: score_real.py EXTRACT GOLD.yaml DATA_DIR FLOORS.yaml [-v]

One gold item per file (`source`, relative to DATA_DIR), fields as in
tests/real/shanghai/GOLD.md. Each field is scored as the share of documents
whose value equals the gold's exactly, after NFKC and with spaces removed
(the printed form's width and spacing are not facts). Fields:

  title number genre issuers addressees signers date date_line public note
  attachments (titles, as a set)  attachment_lines (title_line, listed_line
  per attachment)  references (numbers, as a set)

FLOORS.yaml maps a field to the least accuracy it must keep; the run fails
(exit 1) when any field falls below its floor, so what the extraction reads
on real documents is tested on every change. Prints one line per field and
a closing 'N passed, N failed' (a field at or above its floor passes).
"""
import json
import subprocess
import sys
import unicodedata

import yaml


def norm(s):
    return "".join(unicodedata.normalize("NFKC", str(s)).split()) if s is not None else None


def number(n):
    if isinstance(n, dict):
        n = n.get("text")
    return norm(n) or None


def view(d, gold):
    """The comparable facts of one document (output or gold form)."""
    if d is None:
        return {}
    atts = d.get("attachments") or []
    if gold:
        signers = [norm(s) for s in d.get("signers") or []]
        note = norm(d.get("note")) or None
        refs = [norm(r.get("number")) for r in d.get("references") or []]
    else:
        signers = [norm(s.get("name")) for s in d.get("signers") or []]
        note = norm((d.get("note") or {}).get("text")) or None
        refs = [norm(r.get("number")) for r in d.get("references") or []]
    return {
        "title": norm(d.get("title")) or None,
        "number": number(d.get("number")),
        "genre": d.get("genre"),
        "issuers": [norm(x) for x in d.get("issuers") or []],
        "addressees": [norm(x) for x in d.get("addressees") or []],
        "signers": signers,
        "date": d.get("date"),
        "date_line": d.get("date_line") if d.get("date") else None,
        "public": bool(d.get("public")),
        "note": note,
        "attachments": sorted(norm(a.get("title")) for a in atts),
        "attachment_lines": sorted((a.get("title_line"), a.get("listed_line")) for a in atts),
        "references": sorted(set(refs)),
    }


FIELDS = list(view({}, True).keys())


def main(argv):
    extract, gold_path, data_dir, floors_path = argv[1:5]
    verbose = "-v" in argv
    gold = yaml.safe_load(open(gold_path, encoding="utf-8"))["documents"]
    floors = yaml.safe_load(open(floors_path, encoding="utf-8")) or {}
    hits = dict.fromkeys(FIELDS, 0)
    misses = []
    for g in gold:
        path = f"{data_dir}/{g['source']}"
        p = subprocess.run([extract, "--no-text", path], capture_output=True, timeout=60)
        docs = []
        if p.returncode == 0:
            docs = json.loads(p.stdout.decode("utf-8")).get("documents") or []
        want, got = view(g, True), view(docs[0] if docs else None, False)
        for f in FIELDS:
            if got.get(f) == want[f]:
                hits[f] += 1
            else:
                misses.append((g["source"], f, want[f], got.get(f)))
    n = len(gold)
    passed = failed = 0
    for f in FIELDS:
        score = hits[f] / n
        floor = floors.get(f)
        ok = floor is None or score >= floor
        passed, failed = passed + ok, failed + (not ok)
        print(f"{'ok  ' if ok else 'FAIL'} {f:17s} {score:6.3f}  {hits[f]}/{n}" + (f"  floor {floor}" if floor is not None else ""))
    if verbose or failed:
        for m in misses:
            print("  miss %s %s want %r got %r" % m)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
