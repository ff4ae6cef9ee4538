#!/usr/bin/env python3
"""Hostile inputs against every tool that reads input.

Usage: run_hostile.py BIN_DIR SAMPLE WORKDIR

For each input, each tool (gazette-extract, gazette-check, gazette-split,
gazette-convert) must finish within the time limit, exit 0, 1 or 2, print
`TOOL: error: FILE…` when it exits 2, give valid JSON when gazette-extract
exits 0, and leave no partial or temporary output. Prints one line per
(input, tool) and 'N passed, N failed'.
"""
import glob
import json
import os
import resource
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tally import Tally, temporary_files  # noqa: E402

BIN, SAMPLE, WORK = sys.argv[1:4]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LIMIT = 120  # seconds; generous for sanitizer builds on a loaded 2-core machine
TOOLS = ["gazette-extract", "gazette-check", "gazette-split", "gazette-convert"]
# Under `make test-sanitize` (ASAN_OPTIONS set) memory figures include
# AddressSanitizer's own; the ceilings are checked by the release suite.
SANITIZED = "ASAN_OPTIONS" in os.environ


def make_inputs(d):
    s = open(SAMPLE, encoding="utf-8").read()
    raw = s.encode("utf-8")
    inputs = {
        "whitespace-only": b" \n\t\n\xe3\x80\x80\n\r\n",
        "random-binary": bytes((i * 7919 + 13) % 256 for i in range(100000)),
        "nul-inside": raw[:5000] + b"\x00" + raw[5000:],
        "invalid-utf8-middle": raw[:100000] + b"\xc3\x28\xa0\xa1" + raw[100000:],
        "gb18030-cut": s.encode("gb18030")[:-1],
        "utf16-no-bom": s.encode("utf-16-le"),
        "single-line-50mb": (s.replace("\n", " ") * 215).encode("utf-8")[:50_000_000],
        "nested-parens-100k": (s[:3000] + "(" * 100000 + "州财政局负责" + ")" * 100000 + s[3000:]).encode(),
        "annotations-200k": (s[:20000] + "\n" + "措施。(州科协牵头,州财政局配合)" * 200000 + "\n" + s[20000:]).encode(),
        "title-1mb": ("楚雄州人民政府关于" + "印" * 350000 + "的通知\n楚政通〔2022〕1号\n各县市人民政府:\n2022年8月30日\n").encode(),
        "numbers-20-digits": s.replace("〔2022〕61号", "〔20222022202220222022〕12345678901234567890号")
                              .replace("2022年第12期", "20222022202220222022年第99999999999999999999期").encode(),
        "impossible-dates": s.replace("2022年8月30日", "2022年13月45日").replace("11月16日", "11月32日").encode(),
        # old Mac line ends only: each line must not search to the file's end
        "cr-only-1500k-lines": (s.replace("\n", "\r") + "措施。\r" * 1500000).encode(),
        "toc-50k-entries": ("某某市人民政府公报\n2022年第1期\n目录\n" + "".join(
            f"某某市人民政府关于第{i}事项的通知 某政发〔2022〕{i}号 ({i % 9000 + 1})\n" for i in range(1, 50001))).encode(),
    }
    paths = {}
    for name, data in inputs.items():
        p = os.path.join(d, name + ".txt")
        with open(p, "wb") as fh:
            fh.write(data)
        paths[name] = p
    return paths


def run(tool, path, out):
    exe = os.path.join(BIN, tool)
    if tool == "gazette-extract":
        cmd = [exe, "--no-text", path]
    elif tool == "gazette-check":
        cmd = [exe, "--format", "jsonl", path]
    elif tool == "gazette-split":
        cmd = [exe, "-o", out, path]
    else:
        cmd = [exe, "-q", "-j2", "-o", out, path]
    start = time.time()
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=LIMIT)
    except subprocess.TimeoutExpired:
        return None, b"", "", time.time() - start
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace"), time.time() - start


def leftovers(folder):
    return temporary_files(folder)


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    paths = make_inputs(WORK)
    t = Tally()
    for name, path in paths.items():
        for tool in TOOLS:
            out = os.path.join(WORK, "out", f"{name}-{tool}")
            code, stdout, stderr, secs = run(tool, path, out)
            problems = []
            if code is None:
                problems.append(f"no answer within {LIMIT} s")
            elif code not in (0, 1, 2):
                problems.append(f"exit {code} (a crash?): {stderr[-300:]}")
            else:
                if code == 2 and not (f"{tool}: error: " in stderr and os.path.basename(path) in stderr):
                    problems.append(f"exit 2 without a message naming the file: {stderr[:300]!r}")
                if tool == "gazette-extract" and code == 0:
                    try:
                        json.loads(stdout)
                    except ValueError as e:
                        problems.append(f"invalid JSON on exit 0: {e}")
                if "AddressSanitizer" in stderr or "runtime error:" in stderr:
                    problems.append("sanitizer report: " + stderr[:300])
                if os.path.isdir(out) and leftovers(out):
                    problems.append(f"temporary files left: {leftovers(out)[:3]}")
            t.check(f"{name:22s} {tool:16s} exit {code} in {secs:.1f} s", problems)

    # Input without end: a device, and a pipe on standard input. Refused at
    # 1 GiB (kMaxInputBytes) with a message, not read until memory runs out.
    if os.path.exists("/dev/zero"):
        for tool in TOOLS:
            out = os.path.join(WORK, "out", f"dev-zero-{tool}")
            code, _, stderr, secs = run(tool, "/dev/zero", out)
            # gazette-convert reads regular files only: a device is refused
            # before any byte is read; the others stop at the size limit.
            ok = code in (1, 2) and "/dev/zero" in stderr and (
                "larger than" in stderr or ("convert" in tool and "not a regular file" in stderr))
            t.ok(f"endless device /dev/zero  {tool:16s} exit {code} in {secs:.1f} s", ok, stderr[:300])
    yes = subprocess.Popen(["yes", "楚政通〔2022〕61号"], stdout=subprocess.PIPE)
    p = subprocess.run([os.path.join(BIN, "gazette-extract"), "-"], stdin=yes.stdout, capture_output=True, timeout=LIMIT)
    yes.kill()
    yes.wait()
    t.ok(f"endless pipe on standard input: exit {p.returncode}, {p.stderr.decode()[:120]!r}",
         p.returncode == 2 and b"larger than" in p.stderr)

    # A full disk: the file size limit stops the output (SIGXFSZ ignored,
    # the write fails): a message, exit 2, no half-written output file.
    def limited():
        resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))
    target = os.path.join(WORK, "full-disk.json")
    p = subprocess.run([os.path.join(BIN, "gazette-extract"), "-o", target, SAMPLE], capture_output=True,
                       preexec_fn=limited, timeout=LIMIT)
    t.ok(f"full disk (ulimit -f) with -o: exit {p.returncode}, {p.stderr.decode()[:120]!r}",
         p.returncode == 2 and b"error:" in p.stderr and not os.path.exists(target) and not leftovers(WORK))
    with open(os.path.join(WORK, "stdout-full.json"), "wb") as fh:
        p = subprocess.run([os.path.join(BIN, "gazette-extract"), SAMPLE], stdout=fh, stderr=subprocess.PIPE,
                           preexec_fn=limited, timeout=LIMIT)
    t.ok(f"full disk (ulimit -f) on stdout: exit {p.returncode}, {p.stderr.decode()[:120]!r}",
         p.returncode == 2 and b"cannot write standard output" in p.stderr)
    out = os.path.join(WORK, "convert-full")
    p = subprocess.run([os.path.join(BIN, "gazette-convert"), "-q", "-o", out, SAMPLE], capture_output=True,
                       preexec_fn=limited, timeout=LIMIT)
    outputs = glob.glob(os.path.join(out, "*.json"))
    t.ok(f"full disk (ulimit -f) in gazette-convert: exit {p.returncode}, outputs {outputs}",
         p.returncode in (1, 2) and b"error:" in p.stderr and not outputs and not leftovers(out))

    # The disk fills up under the catalog in the middle of a batch (each
    # output fits, the catalog's transactions do not): the run stops with
    # exit 2 and a message naming the catalog (no crash, the workers joined,
    # no temporary files), and the next run completes everything.
    archive = os.path.join(WORK, "small-archive")
    os.makedirs(archive, exist_ok=True)
    head = "".join(open(SAMPLE, encoding="utf-8").readlines()[:500]).encode("utf-8")  # whole lines
    for i in range(300):
        with open(os.path.join(archive, f"{i:03d}.txt"), "wb") as fh:
            fh.write(head)
    out = os.path.join(WORK, "catalog-full")

    def catalog_limited():
        resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, 400_000))
    p = subprocess.run([os.path.join(BIN, "gazette-convert"), "-q", "-j2", "-o", out, archive], capture_output=True,
                       preexec_fn=catalog_limited, timeout=LIMIT)
    first = (p.returncode, p.stderr.decode("utf-8", "replace"))
    p = subprocess.run([os.path.join(BIN, "gazette-convert"), "-q", "-j2", "-o", out, archive], capture_output=True,
                       timeout=LIMIT)
    outputs = glob.glob(os.path.join(out, "*.json"))
    ok = (first[0] == 2 and "catalog.sqlite" in first[1] and p.returncode == 0 and len(outputs) == 300
          and not leftovers(out))
    t.ok(f"catalog disk full mid-batch: exit {first[0]} {first[1][:100]!r}, rerun exit {p.returncode}, "
         f"{len(outputs)} outputs", ok)
    strangers(t)
    return t.finish()


def peak_kb(cmd, **kw):
    """Runs cmd under /usr/bin/time -v: (returncode, stdout, stderr, peak RSS in KB)."""
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, timeout=LIMIT, **kw)
    err = p.stderr.decode("utf-8", "replace")
    kb = next((int(l.split(":")[1]) for l in err.splitlines() if "Maximum resident set size" in l), 0)
    return p.returncode, p.stdout, err, kb


def strangers(t):
    """Archives and reports made by others (issue 16): nothing read makes a
    tool write outside its output folder, read files it was not given, wait,
    or take memory out of proportion to the input."""
    convert = os.path.join(BIN, "gazette-convert")
    check = os.path.join(BIN, "gazette-check")
    extract = os.path.join(BIN, "gazette-extract")
    base = os.path.join(WORK, "strangers")
    shutil.rmtree(base, ignore_errors=True)
    inp, victim = os.path.join(base, "in"), os.path.join(base, "v")
    os.makedirs(inp)
    os.makedirs(victim)
    shutil.copy(SAMPLE, os.path.join(victim, "settings"))
    with open(os.path.join(victim, "settings.json"), "w") as fh:
        fh.write("{}")
    os.symlink(os.path.join(victim, "settings"), os.path.join(inp, "issue.txt"))   # a file link out
    os.symlink(victim, os.path.join(inp, "linked"))                               # a folder link out
    os.makedirs(os.path.join(inp, "sub"))
    os.symlink(inp, os.path.join(inp, "sub", "loop"))                             # a link loop
    os.symlink("/nonexistent/x.txt", os.path.join(inp, "dangling.txt"))          # a dangling link
    os.symlink(os.path.join(inp, "issue.txt"), os.path.join(inp, "again.txt"))   # a link to another input
    with open(os.path.join(inp, "x" * 240 + ".txt"), "w") as fh:                 # a name near NAME_MAX
        fh.write(open(SAMPLE, encoding="utf-8").read())
    out = os.path.join(base, "out")
    p = subprocess.run([convert, "-q", "-o", out, inp], capture_output=True, timeout=LIMIT)
    err = p.stderr.decode("utf-8", "replace")
    written = sorted(os.path.relpath(os.path.join(r, f), out) for r, _, fs in os.walk(out) for f in fs)
    outside = open(os.path.join(victim, "settings.json")).read()
    ok = (p.returncode == 1 and outside == "{}" and "issue.txt.json" in written and "again.txt.json" in written
          and "x" * 240 + ".txt.json" in written and "dangling.txt" in err and not leftovers(out))
    t.ok(f"convert over links (file, folder, loop, dangling, to another input, 244-byte name): exit {p.returncode}, "
         f"outside file {outside!r}, {len(written)} files written", ok, err[:400] + " " + str(written[:8]))
    # Names that are not UTF-8, with a right-to-left override, or a formula:
    # the catalog stays readable by Python's sqlite3, the CSV holds no live formula.
    names = os.path.join(base, "names")
    os.makedirs(names)
    for raw in (b"bad\xff\xfe.txt", "abc\u202etxt.exe.txt".encode(), b"=HYPERLINK(1).txt"):
        shutil.copy(SAMPLE, os.path.join(names.encode(), raw))
    nout = os.path.join(base, "names-out")
    p = subprocess.run([convert, "-q", "-o", nout, names], capture_output=True, timeout=LIMIT)
    import sqlite3
    try:
        rows = sqlite3.connect(os.path.join(nout, "catalog.sqlite")).execute("SELECT path, path_raw FROM issues").fetchall()
    except Exception as e:  # noqa: BLE001 - the failure is the finding
        rows = [repr(e)]
    csv_text = open(os.path.join(nout, "catalog.csv"), encoding="utf-8-sig", errors="replace").read()
    ok = (p.returncode == 0 and len(rows) == 3 and ("bad\\xff\\xfe.txt", b"bad\xff\xfe.txt") in rows
          and all("\u202e" not in r[0] for r in rows) and "\n=" not in csv_text and ",=" not in csv_text)
    t.ok(f"convert: names not UTF-8, with a bidi override, or a formula: exit {p.returncode}", ok, str(rows)[:300])
    # The output folder given as the input: its outputs are not converted again.
    p = subprocess.run([convert, "-q", "-o", out, out], capture_output=True, timeout=LIMIT)
    again = [f for _, _, fs in os.walk(out) for f in fs if f.endswith(".json.json")]
    t.ok(f"convert -o DIR DIR: exit {p.returncode}, {p.stderr.decode()[:100]!r}", p.returncode in (1, 2) and not again)

    # gazette-check reads only what it is given.
    ext = json.loads(subprocess.run([extract, "--no-text", SAMPLE], capture_output=True, timeout=LIMIT).stdout)
    secret = os.path.join(WORK, "secret.txt")  # outside the extraction's folder
    with open(secret, "w") as fh:
        fh.write("".join(f"SECRET-LINE-{i}\n" for i in range(1, 3000)))
    ext["source"]["path"] = secret
    evil = os.path.join(base, "evil.json")
    json.dump(ext, open(evil, "w"), ensure_ascii=False)
    p = subprocess.run([check, evil], capture_output=True, timeout=LIMIT)
    t.ok(f"check: a source.path outside the extraction's folder is not read: exit {p.returncode}",
         b"SECRET" not in p.stdout and p.returncode in (0, 1), p.stdout.decode()[:300])
    ext["source"]["path"] = "../secret.txt"
    json.dump(ext, open(evil, "w"), ensure_ascii=False)
    p = subprocess.run([check, evil], capture_output=True, timeout=LIMIT)
    t.ok(f"check: a source.path with .. is not read: exit {p.returncode}", b"SECRET" not in p.stdout, p.stdout.decode()[:300])
    fifo = os.path.join(base, "fifo.txt")
    os.mkfifo(fifo)
    ext["source"]["path"] = "fifo.txt"
    waits = os.path.join(base, "fifo.json")
    json.dump(ext, open(waits, "w"), ensure_ascii=False)
    try:
        p = subprocess.run([check, waits], capture_output=True, timeout=30)
        t.ok(f"check: source.path naming a FIFO is not waited on: exit {p.returncode}", p.returncode in (0, 1))
    except subprocess.TimeoutExpired:
        t.ok("check: source.path naming a FIFO is not waited on", False, "hung")
    p = subprocess.run([check, "--source", fifo, evil], capture_output=True, timeout=30)
    t.ok(f"check --source FIFO is refused, not waited on: exit {p.returncode}",
         p.returncode == 2 and b"not a regular file" in p.stderr, p.stderr.decode()[:300])

    # Memory and time in proportion to the input.
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for k in range(1, 9):
        bomb.append(f"{chr(97 + k)}: &{chr(97 + k)} [" + ", ".join([f"*{chr(96 + k)}"] * 10) + "]")
    bomb_path = os.path.join(base, "bomb.yaml")
    open(bomb_path, "w").write("source: {path: x}\ndocuments: []\n" + "\n".join(bomb) + "\n")
    code, _, err, kb = peak_kb([check, bomb_path])
    t.ok(f"check: YAML extraction with aliases (10^9 nodes): exit {code}, peak {kb // 1024} MB", code == 2 and kb < 500_000,
         err[-300:])
    levels = 30
    defs = {f"d{i}": {"allOf": [{"$ref": f"#/definitions/d{i + 1}"}] * 2} for i in range(levels)}
    defs[f"d{levels}"] = {"type": "object"}
    schema_path = os.path.join(base, "bomb.schema.yaml")
    json.dump({"definitions": defs, "$ref": "#/definitions/d0"}, open(schema_path, "w"))
    code, _, err, kb = peak_kb([check, "--schema", schema_path, SAMPLE])
    t.ok(f"check: --schema nesting allOf/$ref 30 deep: exit {code}, peak {kb // 1024} MB",
         code == 2 and "schema evaluation stopped" in err, err[-300:])
    titles = os.path.join(base, "titles.txt")
    with open(titles, "w") as fh:
        fh.write("某某市人民政府关于印发有关文件的通知\n某政发〔2023〕1号\n各区：\n")
        fh.write("".join(f"《文件{i}》" for i in range(60000)) + "印发给你们。\n某某市人民政府\n2023年1月1日\n")
        fh.write("".join(f"文件{i}\n" for i in range(60000)))
    code, _, err, kb = peak_kb([extract, "--no-text", titles])
    t.ok(f"extract: 60,000 《》 titles over 60,000 lines: exit {code}, peak {kb // 1024} MB", code == 0 and kb < 300_000,
         err[-300:])
    # Smaller items of the hardening issue.
    for name in ("gazette-extract", "gazette-check", "gazette-convert", "gazette-split", "gazette-search"):
        with open("/dev/full", "w") as full:
            p = subprocess.run([os.path.join(BIN, name), "--help"], stdout=full, stderr=subprocess.PIPE, timeout=30)
        t.ok(f"{name} --help into /dev/full: exit {p.returncode}, said so",
             p.returncode == 2 and b"cannot write standard output" in p.stderr, p.stderr.decode()[-200:])
    huge = os.path.join(base, "huge.schema.yaml")
    with open(huge, "wb") as fh:
        fh.truncate(200 << 20)  # 200 MB, sparse
    code, _, err, kb = peak_kb([check, "--schema", huge, SAMPLE])
    t.ok(f"check: a 200 MB --schema is refused before it is read: exit {code}, peak {kb // 1024} MB",
         code == 2 and "larger than 16 MiB" in err and kb < 100_000, err[-200:])
    fifo_in = os.path.join(base, "fifo-in")
    os.makedirs(fifo_in)
    os.mkfifo(os.path.join(fifo_in, "pipe.txt"))
    p = subprocess.run([convert, "-q", "-o", os.path.join(base, "fifo-out"), os.path.join(fifo_in, "pipe.txt")],
                       capture_output=True, timeout=30)
    t.ok(f"convert: a FIFO named as input is refused at once, not waited on: exit {p.returncode}",
         p.returncode == 1 and b"not a regular file" in p.stderr, p.stderr.decode()[-200:])
    marked_in, marked_out = os.path.join(base, "marked-in"), os.path.join(base, "marked-out")
    os.makedirs(marked_in)
    shutil.copy(SAMPLE, os.path.join(marked_in, "a.gazette-tmp.txt"))
    subprocess.run([convert, "-q", "-o", marked_out, marked_in], capture_output=True, timeout=120)
    p = subprocess.run([convert, "-o", marked_out, marked_in], capture_output=True, timeout=120)
    t.ok("convert: an input named *.gazette-tmp.* is not taken for a temporary file (skipped on re-run)",
         b"0 converted, 1 skipped" in p.stderr and os.path.exists(os.path.join(marked_out, "a.gazette-tmp.txt.json")),
         p.stderr.decode()[-300:])
    # A 2 KB PDF whose text makes poppler's text pools take 700 MB (pdf_fuzz
    # found it; pdftotext too): read in a child under limits, it is refused
    # at once, and the text beside it is still read. (The sanitizer build
    # reads PDFs in process, without the limits: skipped there.)
    bomb = os.path.join(ROOT, "tests", "fuzz-regressions", "pdf-text-pool-memory.pdf")
    if not SANITIZED:
        code, out, err, kb = peak_kb([extract, "-f", "jsonl", "--unit", "issue", "--no-text", bomb, SAMPLE])
        t.ok(f"extract: a PDF that makes poppler take 700 MB: exit {code}, peak {kb // 1024} MB, the text beside it read",
             code == 2 and "more memory than its limit" in err and f"{bomb}: " in err and kb < 400_000 and
             len(out.splitlines()) == 1, err[-300:])
    # Many tiny documents: memory within the ceiling of docs/DESIGN.md
    # (24 x input + 64 MiB). gazette-check once held the issue's whole
    # yaml-cpp tree: 1.9 GB for 7 MB.
    tiny = os.path.join(base, "tiny.txt")
    with open(tiny, "w", encoding="utf-8") as fh:
        fh.write("某某县人民政府公报\n2023年第1期\n")
        for i in range(20000):
            fh.write(f"某某县人民政府关于事项{i}的通知\n某政发〔2023〕{i}号\n各乡镇：\n照办。\n某某县人民政府\n2023年1月1日\n")
    ceiling_kb = (24 * os.path.getsize(tiny) + (64 << 20)) // 1024
    if SANITIZED:  # ASan's shadow memory and quarantine are not the product's: the release suite holds the ceiling
        ceiling_kb = 4 * ceiling_kb + (512 << 10)
    for tool in (extract, check):
        code, out, err, kb = peak_kb([tool, tiny])
        t.ok(f"{os.path.basename(tool)}: 20,000 tiny documents ({os.path.getsize(tiny) >> 20} MB): exit {code}, "
             f"peak {kb // 1024} MB (ceiling {ceiling_kb // 1024} MB)", code in (0, 1) and kb < ceiling_kb, err[-300:])


if __name__ == "__main__":
    sys.exit(main())
