"""What a /tip reply costs: the answer alone (core.ask), and the answer rendered as the Slack reply the
listeners send (reply_for through the app's RenderCache). Prints medians of several runs, in µs per query.

    python bench/bench_reply.py [--runs 7] [--rounds 20]
"""

from __future__ import annotations

import argparse
import statistics
import time

from bot.core import AnswerCore
from bot.knowledge import load_valid
from bot.settings import load_settings

QUERIES = [
    "penalties 130.1",
    "how many shelters are there",
    "who runs the shelters",
    "victims 2009",
    "cases 2008",
    "where are women trafficked to",
    "sheltres",
    "article 999",
    "topics",
    "help",
    "what about the weather",
    "penalties",
]


def per_query(fn, rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for q in QUERIES:
            fn(q)
    return (time.perf_counter() - start) / (rounds * len(QUERIES)) * 1e6


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--rounds", type=int, default=20)
    args = p.parse_args()
    kb = load_valid()
    core = AnswerCore(kb)
    try:  # this tree: replies rendered through the app's Deps
        from bot.slack.deps import Deps
        from bot.slack.replies import reply_for

        deps = Deps(settings=load_settings(env_file=None), core=core, kb=kb)

        def reply(q: str) -> object:
            return reply_for(deps, core.ask(q), ephemeral=True)
    except ImportError:  # before the house refactor: module-level caches keyed by id()
        from bot.slack.listeners import reply_for as old_reply_for

        def reply(q: str) -> object:
            return old_reply_for(core, core.ask(q), ephemeral=True)

    for q in QUERIES:  # warm the caches (typo buckets, rendered facts)
        reply(q)
    ask = [per_query(core.ask, args.rounds) for _ in range(args.runs)]
    full = [per_query(reply, args.rounds) for _ in range(args.runs)]
    a, f = statistics.median(ask), statistics.median(full)
    print(f"{len(QUERIES)} queries x {args.rounds} rounds, median of {args.runs} runs")
    print(f"core.ask            {a:8.1f} µs/query")
    print(f"ask + Slack reply   {f:8.1f} µs/query  ({f / a:.2f}x core.ask)")


if __name__ == "__main__":
    main()
