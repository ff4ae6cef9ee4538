#!/usr/bin/env python3
"""The project's own scorer: one issue's extraction against its gold YAML.

Usage: score_issue.py GOLD.yaml OUTPUT.json [--ignore-lines] [--min F]

The gold's fields are those of tests/gold/README.md (the sample's hand-checked
annotation, kept here as test data). Every field is scored on its own:
scalars (the masthead's, and each document's title, number, genre, section,
page, date, public, title_line, end_line) as the share of gold values the
output gives, lists (the TOC; each document's issuers, addressees,
attachments, parts, references, tasks and chronicle entries; the documents
themselves) as the F1 of the multisets of their items. Text is compared
after NFKC normalisation with white space removed (punctuation width and
wrap spaces do not count). --ignore-lines leaves line numbers out (for
re-wrapped variants). Documents are paired by title, then by position.

Prints `name  score  detail` per field and `score: X` (their mean); exits 1
when --min is given and a field falls below it.
"""
import json
import sys
import unicodedata
from collections import Counter

import yaml


def text(s):
    if s is None:
        return None
    return "".join(unicodedata.normalize("NFKC", str(s)).split())


def number(n):
    return text(n.get("text") if isinstance(n, dict) else n)


def f1(gold, got):
    g, o = Counter(gold), Counter(got)
    tp = sum((g & o).values())
    if not g and not o:
        return 1.0, "both empty"
    p = tp / sum(o.values()) if o else 0.0
    r = tp / sum(g.values()) if g else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), f"{tp} of {sum(g.values())} gold, {sum(o.values())} given"


class Report:
    def __init__(self):
        self.rows = []

    def ratio(self, name, hits, total):
        self.rows.append((name, hits / total if total else 1.0, f"{hits}/{total}"))

    def f1(self, name, gold, got):
        score, detail = f1(gold, got)
        self.rows.append((name, score, detail))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    ignore_lines = "--ignore-lines" in sys.argv
    minimum = float(sys.argv[sys.argv.index("--min") + 1]) if "--min" in sys.argv else None
    if "--min" in sys.argv:
        args.remove(sys.argv[sys.argv.index("--min") + 1])
    gold = yaml.safe_load(open(args[0], encoding="utf-8"))
    out = json.load(open(args[1], encoding="utf-8"))
    line = (lambda v: None) if ignore_lines else (lambda v: v)
    rep = Report()

    g, o = gold.get("gazette") or {}, out.get("gazette") or {}
    for key in ("title", "year", "issue", "cumulative_issue", "published"):
        same = text(g.get(key)) == text(o.get(key))
        rep.ratio(f"gazette.{key}", int(same), 1)

    def toc_item(t):
        return text(t.get("section")), text(t.get("title")), number(t.get("number")), t.get("page")
    rep.f1("toc", map(toc_item, gold.get("toc") or []), map(toc_item, out.get("toc") or []))

    gdocs, odocs = gold.get("documents") or [], out.get("documents") or []
    rep.f1("documents", (text(d["title"]) for d in gdocs), (text(d["title"]) for d in odocs))
    # Pair each gold document with an output document of the same title
    # (the first not yet taken), else the one at its position.
    taken, pairs = set(), []
    for k, gd in enumerate(gdocs):
        match = next((i for i, od in enumerate(odocs) if i not in taken and text(od["title"]) == text(gd["title"])), None)
        if match is None and k < len(odocs) and k not in taken:
            match = k
        if match is not None:
            taken.add(match)
        pairs.append((gd, odocs[match] if match is not None else None))

    scalars = {
        "title": lambda d: text(d.get("title")),
        "number": lambda d: number(d.get("number")),
        "genre": lambda d: text(d.get("genre")),
        "section": lambda d: text(d.get("section")),
        "page": lambda d: d.get("page"),
        "date": lambda d: d.get("date"),
        "public": lambda d: bool(d.get("public")),
    }
    if not ignore_lines:
        scalars["title_line"] = lambda d: d.get("title_line")
        scalars["end_line"] = lambda d: d.get("end_line")
    for key, get in scalars.items():
        rep.ratio(f"documents.{key}", sum(1 for gd, od in pairs if od is not None and get(gd) == get(od)), len(pairs))

    lists = {
        "issuers": lambda d: [text(x) for x in d.get("issuers") or []],
        "addressees": lambda d: [text(x) for x in d.get("addressees") or []],
        "attachments": lambda d: [(text(a.get("title")), line(a.get("title_line"))) for a in d.get("attachments") or []],
        "parts": lambda d: [(text(p.get("title")), line(p.get("title_line")), p.get("adopted"), text(p.get("adopted_by")))
                            for p in d.get("parts") or []],
        "references": lambda d: [(number(r.get("number")), text(r.get("title")), line(r.get("line")))
                                 for r in d.get("references") or []],
        "tasks": lambda d: [(line(t.get("line")), tuple(text(x) for x in t.get("lead") or []),
                             tuple(text(x) for x in t.get("responsible") or [])) for t in d.get("tasks") or []],
        "entries": lambda d: [(e.get("date"), e.get("date_end"), line(e.get("line"))) for e in d.get("entries") or []],
    }
    for key, get in lists.items():
        gold_items, got_items = [], []
        for k, (gd, od) in enumerate(pairs):
            gold_items += [(k, x) for x in get(gd)]
            got_items += [(k, x) for x in get(od)] if od is not None else []
        rep.f1(f"documents.{key}", gold_items, got_items)

    below = False
    for name, score, detail in rep.rows:
        print(f"{name:28s} {score:.3f}  {detail}")
        below = below or (minimum is not None and score < minimum)
    print(f"score: {sum(s for _, s, _ in rep.rows) / len(rep.rows):.3f}")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
