#!/usr/bin/env python3
"""Writes variants of a gazette text that must extract to the same facts.

Usage: make_variants.py INPUT OUTDIR

Each variant changes only the form: encoding, line ends, punctuation width,
indentation, blank lines, line wrapping. Scored against the same gold with
--ignore-lines where line numbers move.
"""
import os
import sys

FULL = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}
HALF = {chr(c + 0xFEE0): chr(c) for c in range(0x21, 0x7F)}


def to_full(text):
    # Full-width for punctuation and digits only; ASCII letters stay.
    return "".join(FULL[ch] if ch in FULL and not ch.isalpha() else ch for ch in text)


def to_half(text):
    return "".join(HALF.get(ch, ch) for ch in text)


def indent(text):
    return "\n".join(("\u3000\u3000" + l) if l.strip() else l for l in text.split("\n"))


def no_blank(text):
    return "\n".join(l for l in text.split("\n") if l.strip())


def rewrap(text, width):
    """Re-wrap long lines at `width` characters (a narrower PDF column)."""
    out = []
    for l in text.split("\n"):
        while len(l) > width:
            out.append(l[:width])
            l = l[width:]
        out.append(l)
    return "\n".join(out)


def main():
    src, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    text = open(src, encoding="utf-8").read()
    variants = {
        # name: (bytes, keeps line numbers)
        "utf8-bom": ("\ufeff" + text).encode("utf-8"),
        "gb18030": text.encode("gb18030"),
        "utf16le": text.encode("utf-16"),  # with BOM
        "utf16be-bom": b"\xfe\xff" + text.encode("utf-16-be"),
        "crlf": text.replace("\n", "\r\n").encode("utf-8"),
        "cr": text.replace("\n", "\r").encode("utf-8"),
        "fullwidth": to_full(text).encode("utf-8"),
        "halfwidth": to_half(text).encode("utf-8"),
        "indented": indent(text).encode("utf-8"),
        "noblank": no_blank(text).encode("utf-8"),
        "wrap60": rewrap(text, 60).encode("utf-8"),
        "wrap33": rewrap(text, 33).encode("utf-8"),
    }
    for name, data in variants.items():
        with open(os.path.join(outdir, name + ".txt"), "wb") as fh:
            fh.write(data)
    print(" ".join(sorted(variants)))


if __name__ == "__main__":
    main()
