"""Cold `tip-bot ask` per language: fresh processes, interleaved so machine load hits each query alike.

    python bench/bench_cold_ask.py [--runs 20] [QUERY ...]

The first query is the baseline (default: the English `penalties 130.1`); each line gives the median
wall time, its ratio to the baseline and the median CPU time (user + sys) of the child. The fact-base
cache is warmed first, as it is in use. Not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

QUERIES = ("penalties 130.1", "наказание за торговлю людьми", "IOM 2009 жертвы")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("query", nargs="*", default=list(QUERIES))
    args = ap.parse_args()
    exe = shutil.which("tip-bot") or ""
    cmd = [exe] if exe else [sys.executable, "-m", "bot"]
    wall: dict[str, list[float]] = {q: [] for q in args.query}
    cpu: dict[str, list[float]] = {q: [] for q in args.query}
    for q in args.query:  # warm the fact-base cache
        subprocess.run([*cmd, "ask", q], capture_output=True, check=False)
    for _ in range(args.runs):
        for q in args.query:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run([*cmd, "ask", q], capture_output=True, check=False)
            wall[q].append(time.perf_counter() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[q].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    base = statistics.median(wall[args.query[0]])
    print(f"cold `{' '.join(cmd)} ask`, median of {args.runs} runs (load average {os.getloadavg()[0]:.2f})")
    for q in args.query:
        w = statistics.median(wall[q])
        print(f"  {w:.3f} s  x{w / base:.2f}  cpu {statistics.median(cpu[q]):.3f} s  {q}")


if __name__ == "__main__":
    main()
