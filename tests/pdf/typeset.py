#!/usr/bin/python3
"""Typesets a clean gazette text into a PDF the way gazettes are laid out.

Usage: typeset.py IN.txt OUT.pdf [--head "某某公报 2022年第12期"] [--toc-columns 2]
                  [--image-page N] [--scanned] [--style gbt]

--toc-columns 2 sets the table of contents in two columns (entries wrapped
at half the measure, the first half of them on the left); --image-page N
puts a page holding only a picture (no text layer, no folio) after page N;
--scanned makes every page a picture: a PDF without text; --style gbt sets
GB/T 9704's sizes, margins and pitch, letter-spaced body lines, a centred
running head and - N - folios (a second typesetter's hand).

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
LEADING = 1.6            # line pitch, in type sizes
FOLIO_TEXT = "— {} —"
HEAD = "sides"           # running head: name and issue at the two sides ("centre": one line over a rule)
CHAR_SPACE = 0           # extra points between characters of body text
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
        self.image_after = 0
        self.new()

    def new(self):
        if self.number:
            self.foot()
            self.c.showPage()
            if self.number == self.image_after:  # a picture page, without text or folio
                draw_picture(self.c)
                self.c.showPage()
                self.number += 1
        self.number += 1
        self.y = TOP
        if self.number > 1 and self.head and HEAD == "centre":
            self.c.setFont("wqy", SMALL)
            self.c.drawCentredString(WIDTH / 2, HEIGHT - 56, self.head)
            self.c.line(LEFT, HEIGHT - 62, RIGHT, HEIGHT - 62)
        elif self.number > 1 and self.head:
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
        self.c.drawCentredString(WIDTH / 2, 45, FOLIO_TEXT.format(self.number))

    def room(self, size):
        if self.y - size * LEADING < BOTTOM:
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
            t = self.c.beginText(LEFT + indent * size, self.y)
            t.setFont("wqy", size)
            t.setCharSpace(CHAR_SPACE)
            t.textOut(text)
            self.c.drawText(t)
        self.y -= size * LEADING

    def gap(self, size):
        self.y -= size * 0.6


def draw_picture(c):
    """A raster image (a gradient), drawn as a picture is: no text."""
    from reportlab.lib.utils import ImageReader
    import io
    import zlib
    import struct
    w = h = 64
    raw = b"".join(b"\x00" + bytes((x * 4) % 256 for x in range(w)) for _ in range(h))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) +
           chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    c.drawImage(ImageReader(io.BytesIO(png)), LEFT, BOTTOM + 100, RIGHT - LEFT, RIGHT - LEFT)


def toc_entry_lines(s, width):
    """A TOC entry set at `width` characters: the title wraps; its number
    and page stay together on the last line, the leader shortened to fit
    (a typesetter fills it)."""
    s = re.sub(r"[…]{3,}", "……", re.sub(r"[\.·]{4,}", "……", s))
    m = re.search(r"\s*(\S*[〔\[（(]?\d{4}[〕\]）)]\S*号\s*)?[…\.·]*\s*[(（]?\d+[)）]?$", s)
    head, tail = s[:m.start()], s[m.start():].strip()
    pieces = wrap(head, width) if head else []
    if pieces and len(pieces[-1]) + len(tail) + 1 <= width:
        pieces[-1] += " " + tail
    else:
        pieces.append(tail)
    return pieces


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
    if nxt.endswith("印发") and re.match(r"^\d{4}年", nxt) and sq.endswith(ORGAN_END) and len(sq) <= 40:
        return "colophon"  # the 版记's organ, on the line above its date
    if DATE.match(nxt) and len(sq) <= 40 and sq.endswith(ORGAN_END + ("理", "长")):
        return "signer"
    if re.search(r"(…{2,}|\.{4,}|·{4,})\s*[(（]?\d+[)）]?$", sq) or re.search(r"号\s*[(（]\d+[)）]$", sq):
        return "toc"
    if len(sq) <= 60 and not sq.endswith(SENTENCE_END) and not re.match(r"^[（(]?[一二三四五六七八九十\d]+[、.．)）]", sq):
        return "title"
    return "body"


def gbt_style():
    """A second layout: GB/T 9704's type sizes (3号 body, 2号 titles),
    wider margins, a looser pitch, body text letter-spaced as justified
    lines are, a centred running head over a rule, folios as - N -."""
    global BODY, TITLE, SMALL, LEFT, RIGHT, TOP, BOTTOM, LEADING, FOLIO_TEXT, HEAD, CHAR_SPACE
    BODY, TITLE, SMALL = 16, 22, 9
    LEFT, RIGHT, TOP, BOTTOM = 90, WIDTH - 80, HEIGHT - 100, 90
    LEADING, FOLIO_TEXT, HEAD, CHAR_SPACE = 1.75, "- {} -", "centre", 0.6


def main(argv):
    src, dst = argv[1], argv[2]
    if "--style" in argv and argv[argv.index("--style") + 1] == "gbt":
        gbt_style()
    head = argv[argv.index("--head") + 1] if "--head" in argv else ""
    columns = int(argv[argv.index("--toc-columns") + 1]) if "--toc-columns" in argv else 1
    image_after = int(argv[argv.index("--image-page") + 1]) if "--image-page" in argv else 0
    if "--scanned" in argv:
        c = canvas.Canvas(dst, pagesize=A4)
        for _ in range(2):
            draw_picture(c)
            c.showPage()
        c.save()
        return 0
    pdfmetrics.registerFont(TTFont("wqy", FONT, subfontIndex=0))
    lines = open(src, encoding="utf-8").read().split("\n")
    c = canvas.Canvas(dst, pagesize=A4)
    c.setTitle("gazette test issue")
    page = Page(c, head)
    page.image_after = image_after
    body_chars = chars_per_line(BODY, RIGHT - LEFT)
    toc_end = toc_region_end(lines) if columns == 2 else -1
    in_toc = False
    toc_pieces = []  # (text, size): the two-column TOC, set when it ends
    for i, raw in enumerate(lines):
        k = kind(lines, i)
        s = raw.strip()
        if in_toc and i >= toc_end:
            set_in_columns(page, toc_pieces)
            in_toc = False
        if in_toc:
            if k == "blank":
                continue
            half = chars_per_line(BODY, (RIGHT - LEFT) / 2 - 2 * BODY)
            toc_pieces.append(toc_entry_lines(s, half) if k == "toc" else wrap(s, half))
            continue
        if k in ("blank", "furniture"):
            if k == "blank":
                page.gap(BODY)
            continue
        if k == "contents":
            page.line("目录", TITLE, "spaced")
            in_toc = columns == 2
        elif k == "colophon":
            page.line(s, SMALL + 3)
        elif k in ("date", "signer"):
            page.line(s, BODY, "right")
        elif k == "toc":
            for piece in toc_entry_lines(s, body_chars):
                page.line(piece, BODY)
        elif k == "title":
            size = TITLE if len(s) > 8 else BODY
            for piece in wrap(s, chars_per_line(size, RIGHT - LEFT) - (2 if size > 21 else 4)):
                page.line(piece, size, "centre")
        else:
            pieces = wrap(s, body_chars, 2)
            for n, piece in enumerate(pieces):
                page.line(piece, BODY, indent=2 if n == 0 else 0)
    page.foot()
    c.save()
    return 0


def toc_region_end(lines):
    """The first line of the first document: a title whose next non-blank
    line is a 发文字号 (某政发〔2023〕3号, 第 752 号)."""
    start = next((i for i, l in enumerate(lines) if re.sub(r"\s+", "", l) == "目录"), None)
    if start is None:
        return -1
    for i in range(start + 1, len(lines)):
        if kind(lines, i) != "title":
            continue
        nxt = next((re.sub(r"\s+", "", l) for l in lines[i + 1:i + 3] if l.strip()), "")
    if nxt.endswith("印发") and re.match(r"^\d{4}年", nxt) and sq.endswith(ORGAN_END) and len(sq) <= 40:
        return "colophon"  # the 版记's organ, on the line above its date
        if re.search(r"〔\d{4}〕\d+号$|^第\d+号$", nxt):
            return i
    return -1


def set_in_columns(page, entries):
    """The TOC's entries in two columns side by side, the first half (by
    lines, at an entry's end) on the left."""
    total = sum(len(e) for e in entries)
    left, right, n = [], [], 0
    for e in entries:
        (left if n < (total + 1) // 2 else right).extend(e)
        n += len(e)
    rows = max(len(left), len(right))
    page.room(BODY * rows)
    page.c.setFont("wqy", BODY)
    x_right = LEFT + (RIGHT - LEFT) / 2 + BODY
    for r in range(rows):
        if r < len(left):
            page.c.drawString(LEFT, page.y, left[r])
        if r < len(right):
            page.c.drawString(x_right, page.y, right[r])
        page.y -= BODY * 1.6


if __name__ == "__main__":
    sys.exit(main(sys.argv))
