"""Time the answer core per query, beside a naive difflib baseline, on the real fact base and on a
synthetic one 100x its size. Prints a Markdown table (p50/p99 per query, medians of several runs).

    python bench/bench_core.py [--runs 5] [--scale 100] [--queries 3000] [--baseline-queries 300]

Goals (issue 3): p99 <= 1 ms on the real base, <= 10 ms at 100x. Not a test: it prints numbers.
"""

from __future__ import annotations

import argparse
import difflib
import random
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.core import AnswerCore  # noqa: E402
from bot.knowledge import KnowledgeBase, load_valid  # noqa: E402

EVAL = ROOT / "tests" / "eval" / "questions.yml"
SYLLABLES = "ka lo mi ru sen tal vor zed bim qua pre dos fen gul hap jor nix oct".split()  # noqa: SIM905


def typo(rng: random.Random, text: str) -> str:
    """One realistic slip: a swapped, dropped or doubled letter, or a case change."""
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 2)
    return rng.choice(
        [
            text[:i] + text[i + 1] + text[i] + text[i + 2 :],
            text[:i] + text[i + 1 :],
            text[:i] + text[i] + text[i:],
            text.upper(),
        ]
    )


def realistic_queries(kb: KnowledgeBase, n: int, seed: int = 7) -> list[str]:
    """The evaluation questions, command forms, aliases and titles as typed, some with typos."""
    data = yaml.safe_load(EVAL.read_text(encoding="utf-8"))
    pool = [item["q"] for item in data["questions"]] + list(data["off_topic"])
    pool += ["penalties", "topics", "help", "about", "penalties 999", "victims 2005"]
    pool += [f"penalties {a}" for f in kb.facts for a in f.articles]
    pool += [a for f in kb.facts for a in f.aliases] + [f.title for f in kb.facts]
    rng = random.Random(seed)
    return [typo(rng, q) if rng.random() < 0.25 else q for q in (rng.choice(pool) for _ in range(n))]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def synthetic(kb: KnowledgeBase, scale: int, seed: int = 11) -> KnowledgeBase:
    """scale copies of every fact with new ids, and titles/aliases that gain a made-up place or name."""
    rng = random.Random(seed)
    facts = []
    for k in range(scale):
        for f in kb.facts:
            extra = word(rng)
            facts.append(
                f.model_copy(
                    update={
                        "id": f"{f.id}-s{k}",
                        "title": f"{f.title} in {extra.title()}" if k else f.title,
                        "aliases": [f"{a} {extra}" if k and rng.random() < 0.5 else a for a in f.aliases],
                        "keywords": [*f.keywords, extra] if k else f.keywords,
                    }
                )
            )
    return KnowledgeBase(kb.directory, kb.source, tuple(facts))


class Difflib:
    """The naive baseline: difflib.get_close_matches over every title and alias."""

    def __init__(self, kb: KnowledgeBase):
        self.owner: dict[str, str] = {}
        for f in kb.facts:
            for text in (f.title, *f.aliases):
                self.owner.setdefault(text.casefold(), f.id)
        self.choices = list(self.owner)

    def ask(self, query: str) -> list[str]:
        hits = difflib.get_close_matches(query.casefold()[:500], self.choices, n=3, cutoff=0.6)
        return [self.owner[h] for h in hits]


def per_query_us(ask, queries: list[str]) -> list[float]:
    out = []
    clock = time.perf_counter_ns
    for q in queries:
        t = clock()
        ask(q)
        out.append((clock() - t) / 1000)
    return out


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def measure(ask, queries: list[str], runs: int) -> tuple[float, float]:
    """Median over runs of each run's p50 and p99 (after a short warm-up)."""
    per_query_us(ask, queries[: max(10, len(queries) // 10)])
    p50s, p99s = [], []
    for _ in range(runs):
        times = per_query_us(ask, queries)
        p50s.append(pct(times, 50))
        p99s.append(pct(times, 99))
    return statistics.median(p50s), statistics.median(p99s)


def top1(ask_ids, data: dict) -> float:
    hits = sum(1 for item in data["questions"] if (got := ask_ids(item["q"])) and got[0] in item["expect"])
    return hits / len(data["questions"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scale", type=int, default=100)
    ap.add_argument("--queries", type=int, default=3000)
    ap.add_argument("--baseline-queries", type=int, default=300, help="difflib is slow at 100x: fewer queries")
    args = ap.parse_args()

    real = load_valid()
    queries = realistic_queries(real, args.queries)
    data = yaml.safe_load(EVAL.read_text(encoding="utf-8"))
    rows = []
    for name, kb in [("real", real), (f"{args.scale}x synthetic", synthetic(real, args.scale))]:
        t = time.perf_counter()
        core = AnswerCore(kb)
        build_ms = (time.perf_counter() - t) * 1000
        base = Difflib(kb)
        c50, c99 = measure(core.ask, queries, args.runs)
        few = queries[: args.baseline_queries]
        b_runs = args.runs if name == "real" else 1
        b50, b99 = measure(base.ask, few, b_runs)
        acc_core = top1(lambda q, core=core: [f.id for f in core.ask(q).facts], data) if name == "real" else None
        acc_base = top1(base.ask, data) if name == "real" else None
        rows.append((name, len(kb.facts), "AnswerCore", len(queries), c50, c99, build_ms, acc_core))
        rows.append((name, len(kb.facts), "difflib baseline", len(few), b50, b99, None, acc_base))
        print(f"# {name}: {len(kb.facts)} facts, index built in {build_ms:.0f} ms", file=sys.stderr)

    print("| fact base | facts | matcher | queries | p50 per query | p99 per query | index build | eval top-1 |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for name, n, matcher, nq, p50, p99, build, acc in rows:
        b = f"{build:.0f} ms" if build is not None else "–"
        a = f"{acc:.1%}" if acc is not None else "–"
        print(f"| {name} | {n:,} | {matcher} | {nq:,} | {fmt(p50)} | {fmt(p99)} | {b} | {a} |")
    for name in {r[0] for r in rows}:
        core_row, base_row = [r for r in rows if r[0] == name]
        print(f"{name}: AnswerCore p99 is {base_row[5] / core_row[5]:.0f}x faster than difflib", file=sys.stderr)
    print(f"\n(runs={args.runs}: medians of the per-run p50/p99; difflib at 100x: 1 run)")


def fmt(us: float) -> str:
    return f"{us / 1000:.2f} ms" if us >= 1000 else f"{us:.0f} µs"


if __name__ == "__main__":
    main()
