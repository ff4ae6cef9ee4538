#!/usr/bin/python3
"""Typesets a clean gazette text into a PDF the way gazettes are laid out.

Usage: typeset.py IN.txt OUT.pdf [--head "某某公报 2022年第12期"]

Needs Debian's python3-reportlab and fonts-wqy-microhei (make test installs
them), so it runs under /usr/bin/python3. The layout follows GB/T 9704-2012
as far as a test needs it: A4, titles centred in larger type and wrapped,
body paragraphs indented two characters and wrapped at the measure, the
signature and date right-aligned, 目录 letter-spaced, a running head on every
page but the first and a folio (— N —) at the foot of every page. Folios and
running heads printed in the clean text are left out: the PDF gets its own.
The point is what a PDF text extractor makes of it (tests/pdf/same_facts_pdf.py).
"""
import re
import sys

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
BODY, TITLE, SMALL = 15, 20, 10  # points: 3号 ≈ 16, 2号 ≈ 22
WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 78, WIDTH - 72, HEIGHT - 90, 80

DATE = re.compile(r"^[0-9〇零○O一二三四五六七八九]{4}\s*年\s*[0-9一二三四五六七八九十]{1,3}\s*月\s*[0-9一二三四五六七八九十]{1,3}\s*日$")
FOLIO = re.compile(r"^(?:[—\-·•]+\s*\d{1,4}\s*[—\-·•]+|第\d{1,4}页)$")
RUNNING_HEAD = re.compile(r"公报\s*\d{4}\s*年\s*第\s*\d+\s*[期号]$")
SENTENCE_END = ("。", "！", "？", "；", "：", ":", "…", "”", "）", ")")
ORGAN_END = ("局", "厅", "委", "部", "院", "府", "室", "会", "处", "办", "司", "中心")


def chars_per_line(size, width):
    return int(width // size)


def wrap(text, n, first_indent=0):
    """Lines of at most n characters; a run of ASCII letters and digits
    (2023, 12.5%) is not broken, as a typesetter keeps it whole."""
    out, rest, first = [], text, True
    while rest:
        take = min(len(rest), (n - first_indent) if first else n)
        if take < len(rest):
            k = take
            def inner(c):
                return c.isascii() and (c.isalnum() or c in "-.%")
            while k > 0 and inner(rest[k - 1]) and inner(rest[k]):
                k -= 1
            take = k or take
        out.append(rest[:take])
        rest = rest[take:]
        first = False
    return out or [""]


class Page:
    def __init__(self, c, head):
        self.c, self.head, self.number, self.y = c, head, 0, 0
        self.new()

    def new(self):
        if self.number:
            self.foot()
            self.c.showPage()
        self.number += 1
        self.y = TOP
        if self.number > 1 and self.head:
            # The gazette's name at one side, the issue at the other (pdftotext
            # then gives two lines: 国务院公报 / 2019年第36号).
            self.c.setFont("wqy", SMALL)
            name, _, issue = self.head.rpartition(" ")
            if self.number % 2:
                self.c.drawString(LEFT, HEIGHT - 50, issue)
                self.c.drawRightString(RIGHT, HEIGHT - 50, name)
            else:
                self.c.drawString(LEFT, HEIGHT - 50, name)
                self.c.drawRightString(RIGHT, HEIGHT - 50, issue)

    def foot(self):
        self.c.setFont("wqy", SMALL + 2)
        self.c.drawCentredString(WIDTH / 2, 45, f"— {self.number} —")

    def room(self, size):
        if self.y - size * 1.6 < BOTTOM:
            self.new()

    def line(self, text, size, how="left", indent=0):
        self.room(size)
        self.c.setFont("wqy", size)
        if how == "centre":
            self.c.drawCentredString(WIDTH / 2, self.y, text)
        elif how == "right":
            self.c.drawRightString(RIGHT - 2 * size, self.y, text)
        elif how == "spaced":  # letter-spaced: each character placed apart
            gap = size * 3
            total = gap * (len(text) - 1)
            x = WIDTH / 2 - total / 2
            for ch in text:
                self.c.drawCentredString(x, self.y, ch)
                x += gap
        else:
            self.c.drawString(LEFT + indent * size, self.y, text)
        self.y -= size * 1.6

    def gap(self, size):
        self.y -= size * 0.6


def kind(lines, i):
    s = lines[i].strip()
    sq = re.sub(r"\s+", "", s)
    if not sq:
        return "blank"
    if FOLIO.match(sq) or RUNNING_HEAD.search(sq):
        return "furniture"
    if sq == "目录":
        return "contents"
    if DATE.match(sq):
        return "date"
    if sq.endswith("印发") and re.search(r"\d{4}年", sq) and len(sq) <= 40:
        return "colophon"  # 版记: one line, smaller type
    nxt = next((re.sub(r"\s+", "", l) for l in lines[i + 1:i + 3] if l.strip()), "")
    if DATE.match(nxt) and len(sq) <= 40 and sq.endswith(ORGAN_END + ("理", "长")):
        return "signer"
    if re.search(r"(…{2,}|\.{4,}|·{4,})\s*[(（]?\d+[)）]?$", sq) or re.search(r"号\s*[(（]\d+[)）]$", sq):
        return "toc"
    if len(sq) <= 60 and not sq.endswith(SENTENCE_END) and not re.match(r"^[（(]?[一二三四五六七八九十\d]+[、.．)）]", sq):
        return "title"
    return "body"


def main(argv):
    src, dst = argv[1], argv[2]
    head = argv[argv.index("--head") + 1] if "--head" in argv else ""
    pdfmetrics.registerFont(TTFont("wqy", FONT, subfontIndex=0))
    lines = open(src, encoding="utf-8").read().split("\n")
    c = canvas.Canvas(dst, pagesize=A4)
    c.setTitle("gazette test issue")
    page = Page(c, head)
    body_chars = chars_per_line(BODY, RIGHT - LEFT)
    for i, raw in enumerate(lines):
        k = kind(lines, i)
        s = raw.strip()
        if k in ("blank", "furniture"):
            if k == "blank":
                page.gap(BODY)
            continue
        if k == "contents":
            page.line("目录", TITLE, "spaced")
        elif k == "colophon":
            page.line(s, SMALL + 3)
        elif k in ("date", "signer"):
            page.line(s, BODY, "right")
        elif k == "toc":
            # The title wraps; its number and page stay together on the last
            # line, the leader shortened to fit (a typesetter fills it).
            s = re.sub(r"[…]{3,}", "……", re.sub(r"[\.·]{4,}", "……", s))
            m = re.search(r"\s*(\S*[〔\[（(]?\d{4}[〕\]）)]\S*号\s*)?[…\.·]*\s*[(（]?\d+[)）]?$", s)
            head, tail = s[:m.start()], s[m.start():].strip()
            pieces = wrap(head, body_chars) if head else []
            if pieces and len(pieces[-1]) + len(tail) + 1 <= body_chars:
                pieces[-1] += " " + tail
            else:
                pieces.append(tail)
            for piece in pieces:
                page.line(piece, BODY)
        elif k == "title":
            size = TITLE if len(s) > 8 else BODY
            for piece in wrap(s, chars_per_line(size, RIGHT - LEFT) - 4):
                page.line(piece, size, "centre")
        else:
            pieces = wrap(s, body_chars, 2)
            for n, piece in enumerate(pieces):
                page.line(piece, BODY, indent=2 if n == 0 else 0)
    page.foot()
    c.save()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
