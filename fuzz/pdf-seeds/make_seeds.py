#!/usr/bin/python3
"""Small PDF seeds for pdf_fuzz (kept in the repository; run again only to
change them). The Chinese text uses the non-embedded CID font STSong-Light,
so each file is a few kilobytes and mutations reach its structure:
  single.pdf    a document: title, number, addressees, body, signer, date
  columns.pdf   a 目录 in two columns, a running head and a folio
  picture.pdf   a page of text, then a page holding only an image
Needs python3-reportlab (/usr/bin/python3)."""
import io
import struct
import zlib

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
W, H = A4


def doc(c, y=760):
    c.setFont("STSong-Light", 20)
    c.drawCentredString(W / 2, y, "某某市人民政府关于做好安全生产工作的通知")
    c.setFont("STSong-Light", 15)
    c.drawCentredString(W / 2, y - 36, "某政发〔2023〕5号")
    c.drawString(78, y - 70, "各区人民政府，市政府各部门：")
    c.drawString(108, y - 94, "现将有关事项通知如下。（市应急局牵头，市公安局配合）")
    c.drawRightString(W - 100, y - 140, "某某市人民政府")
    c.drawRightString(W - 100, y - 164, "2023年3月1日")
    c.drawString(108, y - 190, "（此件公开发布）")


def folio(c, n):
    c.setFont("STSong-Light", 12)
    c.drawCentredString(W / 2, 45, f"— {n} —")
    c.setFont("STSong-Light", 10)
    c.drawString(78, H - 50, "某某市人民政府公报")
    c.drawRightString(W - 72, H - 50, "2023年第3期")


c = canvas.Canvas("single.pdf", pagesize=A4)
doc(c)
c.save()

c = canvas.Canvas("columns.pdf", pagesize=A4)
c.setFont("STSong-Light", 20)
c.drawCentredString(W / 2 - 30, 780, "目")
c.drawCentredString(W / 2 + 30, 780, "录")
c.setFont("STSong-Light", 15)
left = ["【市政府文件】", "某某市人民政府关于做好安全", "生产工作的通知 ……（2）"]
right = ["【大事记】", "某某市2023年2月大事记", "……（5）"]
for k, (a, b) in enumerate(zip(left, right)):
    c.drawString(78, 740 - 24 * k, a)
    c.drawString(320, 740 - 24 * k, b)
folio(c, 1)
c.showPage()
doc(c)
folio(c, 2)
c.save()

w = h = 8
raw = b"".join(b"\x00" + bytes(range(0, 256, 32)) for _ in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) +
       chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
c = canvas.Canvas("picture.pdf", pagesize=A4)
doc(c)
c.showPage()
c.drawImage(ImageReader(io.BytesIO(png)), 100, 300, 200, 200)
c.save()
