#!/usr/bin/env python3
"""The throughput benchmark: `make bench` runs it; results go to bench/RESULTS.md.

Usage: run.py BIN_DIR WORKDIR [--big-mb 1000] [--small-mb 100]

Generates corpora of about 100 MB and 1 GB (bench/make_corpus.py), then in
one run measures, on the same bytes:
  - gazette-extract, one process, one thread, all files -> /dev/null
    (again right before the 1 GB run, for the scaling ratio)
  - two gazette-extract processes on halves of the files at once (what two
    cores of this machine give for this work: the ceiling for -j2)
  - gazette-convert -j1 and -j2 into a fresh folder (catalog included)
  - python3 ../shared/bench/peer.py (the plain-Python peer), 100 MB only
  - rg -c '[\\p{Han}]+〔\\d{4}〕\\d+号' (one regex pass, the floor)
  - peak RSS of gazette-extract on the largest input
  - one issue end to end (process start to JSON), median of 21 runs
  - gazette-search on the indexed catalog: a two-, a four- and a
    one-character word, median of 7 runs each
and prints MB/s, documents/s and the ratios the targets are stated in.
The corpora are read once before timing (page cache warm: the tools are
measured, not the disk), and each timing is the best of several repetitions
(best of several is the least disturbed on a shared machine: the same
100 MB extraction has taken 0.52 to 0.82 s in six consecutive runs here),
3 to 7 repetitions, all in one invocation. The two sides of each ratio are
timed in turn, round after round (extract / peer, one extract / two halves,
-j1 / -j2, 100 MB / 1 GB), so a slow spell of the machine falls on both
rather than on one. Compare ratios, not absolute numbers.
"""
import glob
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PEER = os.path.join(ROOT, "..", "shared", "bench", "peer.py")


# Many inputs, one process: each issue a JSON line (-f json takes one input).
LINES = ["-f", "jsonl", "--unit", "issue"]

def timed(cmd, stdout=subprocess.DEVNULL, repeat=1, before_each=None):
    """Best wall seconds of `repeat` runs (the machine is shared and noisy;
    the fastest run is the one least disturbed) and peak RSS (KiB)."""
    best = min(wall(cmd, stdout, before_each) for _ in range(repeat))
    return best, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def wall(cmd, stdout=subprocess.DEVNULL, before=None):
    """Wall seconds of one run of `cmd`."""
    if before:
        before()
    start = time.perf_counter()
    p = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if p.returncode not in (0, 1):
        raise SystemExit(f"{cmd[0]} exited {p.returncode}: {p.stderr.decode()[:500]}")
    return seconds


def interleaved(rounds, **runs):
    """Best seconds of each named run, timed in turn for `rounds` rounds.
    A run is a function returning seconds, or (function, times per round)."""
    best = {}
    for _ in range(rounds):
        for name, run in runs.items():
            fn, times = run if isinstance(run, tuple) else (run, 1)
            for _ in range(times):
                t = fn()
                best[name] = min(best.get(name, t), t)
    return best


def warm(files):
    """Reads every file once so that timings measure the tools, not the disk."""
    for f in files:
        with open(f, "rb") as fh:
            while fh.read(1 << 20):
                pass


def peak_rss(cmd):
    """Peak RSS in KiB of one command, via /usr/bin/time."""
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(p.stderr.strip().splitlines()[-1])


def corpus(mb, work):
    d = os.path.join(work, f"corpus-{mb}M")
    if not os.path.isdir(d):
        subprocess.run([sys.executable, os.path.join(HERE, "make_corpus.py"), str(mb), d], check=True)
    files = sorted(glob.glob(os.path.join(d, "*.txt")))
    return files, sum(os.path.getsize(f) for f in files)


def main():
    bin_dir, work = sys.argv[1], sys.argv[2]
    big_mb = int(sys.argv[sys.argv.index("--big-mb") + 1]) if "--big-mb" in sys.argv else 1000
    small_mb = int(sys.argv[sys.argv.index("--small-mb") + 1]) if "--small-mb" in sys.argv else 100
    extract, convert = os.path.join(bin_dir, "gazette-extract"), os.path.join(bin_dir, "gazette-convert")
    os.makedirs(work, exist_ok=True)
    files, size = corpus(small_mb, work)
    mbs = size / 1e6
    rows = []

    # documents in the corpus (for documents/s)
    out = subprocess.run([extract, "--no-text", "-f", "jsonl"] + files, capture_output=True, check=True).stdout
    ndocs = out.count(b"\n")

    warm(files)
    # One untimed run first: on this VM the first seconds of CPU work after
    # an idle spell run slow (the first timing of a run read 0.61 s where the
    # same command later took 0.48 s), which made the ratios below swing.
    timed([extract, "--no-text"] + LINES + files, repeat=2)
    one = lambda: wall([extract, "--no-text"] + LINES + files)  # noqa: E731
    # The machine's own two-core ceiling for this work: two extraction
    # processes, each on half the files, at once, against one on all. (On
    # this shared VM two busy cores have given 1.2x to 1.9x.)
    half = len(files) // 2

    def both_halves():
        start = time.perf_counter()
        procs = [subprocess.Popen([extract, "--no-text"] + LINES + part, stdout=subprocess.DEVNULL)
                 for part in (files[:half], files[half:])]
        for p in procs:
            p.wait()
        return time.perf_counter() - start

    first = interleaved(7, one=one, halves=both_halves)
    t_text = interleaved(5, text=lambda: wall([extract] + LINES + files))["text"]

    def convert_run(j):
        outdir = os.path.join(work, f"out-j{j}")
        return wall([convert, "-q", "--no-fts", f"-j{j}", "-o", outdir, os.path.dirname(files[0])],
                    before=lambda: shutil.rmtree(outdir, ignore_errors=True))

    times = interleaved(5, j1=lambda: convert_run(1), j2=lambda: convert_run(2))
    outdir = os.path.join(work, "out-fts")
    shutil.rmtree(outdir, ignore_errors=True)
    t_fts, _ = timed([convert, "-q", "-j2", "-o", outdir, os.path.dirname(files[0])])
    # gazette-search on that catalog: a two-character word goes through the
    # index's vocabulary, a one-character word scans; median of 7 runs each.
    search = os.path.join(bin_dir, "gazette-search")
    search_ms = {}
    for word in ("应急", "应急管理", "州"):
        runs = []
        for _ in range(7):
            s = time.perf_counter()
            subprocess.run([search, "-C", outdir, "-l", word], stdout=subprocess.DEVNULL, check=False)
            runs.append(time.perf_counter() - s)
        search_ms[word] = statistics.median(runs) * 1000
    # The peer takes seconds a run: each of its runs is followed by two of
    # the extraction, and the extraction's best is taken over all its runs.
    # (The peer lives in the team's shared data; a clone without it skips it.)
    if os.path.exists(PEER):
        with_peer = interleaved(3, peer=lambda: wall([sys.executable, PEER] + files), one=(one, 2))
    else:
        with_peer = {"one": first["one"], "peer": None}
    t_extract, t_halves, t_peer = min(first["one"], with_peer["one"]), first["halves"], with_peer["peer"]
    rows.append(("gazette-extract, 1 thread", t_extract))
    rows.append(("gazette-extract with reflowed text", t_text))
    rows.append(("two gazette-extract on halves, at once", t_halves))
    rows.append(("gazette-convert -j1 --no-fts", times["j1"]))
    rows.append(("gazette-convert -j2 --no-fts", times["j2"]))
    rows.append(("gazette-convert -j2 with the FTS5 index", t_fts))
    if t_peer:
        rows.append(("python3 peer.py (plain Python)", t_peer))
    rg = shutil.which("rg")
    t_rg = None
    if rg:
        t_rg, _ = timed([rg, "-c", r"[\p{Han}]+〔\d{4}〕\d+号"] + files, repeat=3)
        rows.append(("rg -c (one regex pass)", t_rg))

    # latency of one issue, process start to JSON
    sample = os.path.join(ROOT, "samples", "chuxiong-2022-12.txt")
    lat = []
    for _ in range(21):
        s = time.perf_counter()
        subprocess.run([extract, sample], stdout=subprocess.DEVNULL, check=True)
        lat.append(time.perf_counter() - s)
    latency = statistics.median(lat)

    # peak RSS on the largest input we make: 40 issues in one file
    big_input = os.path.join(work, "one-big-issue.txt")
    if not os.path.exists(big_input):
        with open(big_input, "wb") as fh:
            for f in files[:40]:
                fh.write(open(f, "rb").read())
    big_size = os.path.getsize(big_input)
    rss_kib = peak_rss([extract, "--no-text", big_input])

    # 1 GB: time against 100 MB (scaling)
    scale = None
    if big_mb:
        bfiles, bsize = corpus(big_mb, work)
        warm(bfiles)
        # The small corpus in turn with the big one: the machine's speed
        # drifts over a run, and the ratio should compare like with like.
        scaling = interleaved(2, small=(one, 3), big=lambda: wall([extract, "--no-text"] + LINES + bfiles))
        t_small, t_big = scaling["small"], scaling["big"]
        rows.append((f"gazette-extract on {bsize / 1e6:.0f} MB", t_big))
        scale = t_big / t_small

    lines = [f"corpus: {len(files)} files, {mbs:.1f} MB, {ndocs} documents", ""]
    lines.append(f"{'what':46s} {'seconds':>8s} {'MB/s':>8s} {'docs/s':>9s}")
    for name, t in rows:
        m = mbs if "MB" not in name.split(" on ")[-1] else bsize / 1e6
        lines.append(f"{name:46s} {t:8.2f} {m / t:8.1f} {ndocs * (m / mbs) / t:9.0f}")
    lines.append("")
    ratios = [
        ("extraction vs Python peer (target >= 20x)", t_peer / t_extract if t_peer else float("nan")),
        ("extraction vs rg pass (target <= 3x)", t_extract / t_rg if t_rg else float("nan")),
        ("convert -j2 vs -j1 speed-up (target >= 1.8x)", times["j1"] / times["j2"]),
        ("  the machine's ceiling: one extract / two on halves", first["one"] / t_halves),
        (f"1 GB time / {small_mb} MB time (target <= 11x)", scale if scale else float("nan")),
    ]
    for name, r in ratios:
        lines.append(f"{name:52s} {r:6.2f}x")
    lines.append(f"{'extraction MB/s single-threaded (target >= 150)':52s} {mbs / t_extract:6.1f}")
    lines.append(f"{'one issue end to end, median of 21 (target < 20 ms)':52s} {latency * 1000:6.1f} ms")
    for word, label in (("应急", "two-character word (target < 100 ms)"), ("应急管理", "four-character word"),
                        ("州", "one-character word (a scan)")):
        lines.append(f"{'gazette-search -l, ' + label:52s} {search_ms[word]:6.1f} ms")
    lines.append(f"{'peak RSS on a %.1f MB input (target <= 2x + 50 MB)' % (big_size / 1e6):52s} {rss_kib / 1024:6.1f} MB"
                 f"  (limit {2 * big_size / 2**20 + 50:.0f} MB)")
    report = "\n".join(lines)
    print(report)
    if "--write" in sys.argv:
        # The figures replace the first fenced block; the written analysis
        # after it (what the profile showed, what is next) is kept.
        path = os.path.join(HERE, "RESULTS.md")
        head = ("# Benchmark results\n\nProduced by `make bench` (bench/run.py) on this project's 2-core "
                "Debian 12 machine, one run; ratios matter more than absolute figures.\n\n")
        rest = ""
        if os.path.exists(path):
            old = open(path, encoding="utf-8").read()
            parts = old.split("```\n", 2)
            rest = parts[2] if len(parts) == 3 else ""
        with open(path + ".tmp", "w", encoding="utf-8") as fh:
            fh.write(head + "```\n" + report + "\n```\n" + rest)
        os.replace(path + ".tmp", path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
