"""Cold `tip-bot ask` per language: fresh processes, interleaved so machine load hits each query alike.

    python bench/bench_cold_ask.py [--runs 20] [--baseline DIR] [QUERY ...]

The first query is the baseline (default: the English `penalties 130.1`); each line gives the median
wall time, its ratio to the baseline and the median CPU time (user + sys) of the child. The fact-base
cache is warmed first, as it is in use. Not a test: it prints numbers.

--baseline DIR also runs another checkout's bot package (PYTHONPATH=DIR; e.g. `git worktree add
/tmp/before main`) in the same loop, each run right after the current one, and prints its medians and
the ratio now / baseline. Then each side gets its own empty HOME and no XDG_CACHE_HOME, so neither
evicts the other's cached fact base (the cache keeps one entry) and no configured setting slows one side.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

QUERIES = ("penalties 130.1", "наказание за торговлю людьми", "IOM 2009 жертвы")


def timed(cmd: list[str], env: dict[str, str] | None) -> tuple[float, float]:
    """Wall and CPU (user + sys) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=False, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--baseline", metavar="DIR", help="another checkout whose bot package runs alongside")
    ap.add_argument("query", nargs="*", default=list(QUERIES))
    args = ap.parse_args()
    exe = shutil.which("tip-bot") or ""
    cmd = [exe] if exe else [sys.executable, "-m", "bot"]
    sides: dict[str, dict[str, str] | None] = {"now": None}
    homes = tempfile.TemporaryDirectory(prefix="cold-ask-")  # removed at exit, caches included
    if args.baseline:
        clean = {k: v for k, v in os.environ.items() if k.upper() != "XDG_CACHE_HOME"}
        for side in ("now", "baseline"):
            os.mkdir(os.path.join(homes.name, side))
        sides = {
            "now": {**clean, "HOME": os.path.join(homes.name, "now")},
            "baseline": {**clean, "HOME": os.path.join(homes.name, "baseline"), "PYTHONPATH": args.baseline},
        }
    wall = {(s, q): [] for s in sides for q in args.query}
    cpu = {(s, q): [] for s in sides for q in args.query}
    for env in sides.values():  # warm the fact-base cache
        for q in args.query:
            subprocess.run([*cmd, "ask", q], capture_output=True, check=False, env=env)
    for _ in range(args.runs):
        for q in args.query:
            for side, env in sides.items():
                w, c = timed([*cmd, "ask", q], env)
                wall[side, q].append(w)
                cpu[side, q].append(c)
    base = statistics.median(wall["now", args.query[0]])
    print(f"cold `{' '.join(cmd)} ask`, median of {args.runs} runs (load average {os.getloadavg()[0]:.2f})")
    for q in args.query:
        w = statistics.median(wall["now", q])
        line = f"  {w:.3f} s  x{w / base:.2f}  cpu {statistics.median(cpu['now', q]):.3f} s"
        if args.baseline:
            b = statistics.median(wall["baseline", q])
            line += (
                f"  | baseline {b:.3f} s  cpu {statistics.median(cpu['baseline', q]):.3f} s  now/baseline x{w / b:.2f}"
            )
        print(f"{line}  {q}")
    homes.cleanup()


if __name__ == "__main__":
    main()
