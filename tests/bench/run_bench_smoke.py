#!/usr/bin/env python3
"""bench/run.py end to end on a tiny corpus: every row and ratio printed.

Usage: run_bench_smoke.py BIN_DIR WORKDIR

No timing is asserted (speed is a benchmark figure, not a test): this only
keeps `make bench` from breaking unnoticed — the corpus generator, each
timed command, the ratio arithmetic and the report.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from tally import Tally  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    bin_dir, work = sys.argv[1], sys.argv[2]
    t = Tally()
    p = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "run.py"), bin_dir, work, "--small-mb", "2",
                        "--big-mb", "0"], capture_output=True, text=True, timeout=600)
    t.ok("run.py exits 0", p.returncode == 0, p.stderr[-2000:])
    out = p.stdout
    peer = os.path.exists(os.path.join(ROOT, "..", "shared", "bench", "peer.py"))
    rows = ["gazette-extract, 1 thread", "two gazette-extract on halves, at once", "gazette-convert -j1 --no-fts",
            "gazette-convert -j2 --no-fts", "gazette-convert -j2 with the FTS5 index"]
    for row in rows + (["python3 peer.py (plain Python)"] if peer else []):
        m = re.search(re.escape(row) + r"\s+([0-9.]+)\s+([0-9.]+)\s+([0-9]+)", out)
        t.ok(f"row: {row}", m is not None and float(m.group(1)) > 0, out[-3000:])
    for ratio in (["extraction vs Python peer"] if peer else []) + ["convert -j2 vs -j1 speed-up", "the machine's ceiling"]:
        m = re.search(re.escape(ratio) + r".*?\s([0-9.]+)x", out)
        t.ok(f"ratio: {ratio}", m is not None and float(m.group(1)) > 0, out[-3000:])
    t.ok("latency, peak RSS and search latency reported",
         "one issue end to end" in out and "peak RSS" in out and "gazette-search -l, two-character word" in out, out[-3000:])
    return t.finish()


if __name__ == "__main__":
    sys.exit(main())
