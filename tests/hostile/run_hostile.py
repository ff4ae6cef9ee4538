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
LIMIT = 120  # seconds; generous for sanitizer builds on a loaded 2-core machine
TOOLS = ["gazette-extract", "gazette-check", "gazette-split", "gazette-convert"]


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
        cmd = [exe, "--format", "json", path]
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
            ok = code in (1, 2) and "/dev/zero" in stderr and "larger than" in stderr
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
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
