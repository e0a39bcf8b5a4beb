"""Time the answer core: per query in each language, index build, and `tip-bot ask` cold start, on the real
fact base and on a synthetic one 100x its size; optionally beside an older checkout as the baseline.

    python bench/bench_core.py [--runs 5] [--scale 100] [--queries 3000] [--baseline DIR]

--baseline DIR runs the same English measurements with the bot package of another checkout (e.g.
`git worktree add /tmp/core-before 3ac61f9`: the core before issues 9/10) in a subprocess, and prints the
ratios. Goals (issues 9, 10): p99 <= 1 ms per query on the real base in either language; at 100x p99 <= 5 ms
and index build <= 0.5 s; cold `tip-bot ask` <= 0.25 s median. Not a test: it prints numbers (medians of
--runs runs).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
if os.environ.get("BENCH_BOT_ROOT"):  # the baseline run: import the other checkout's bot package
    sys.path.insert(0, os.environ["BENCH_BOT_ROOT"])
else:
    sys.path.insert(0, str(ROOT))

from bot.core import AnswerCore  # noqa: E402
from bot.knowledge import KnowledgeBase, load_valid  # noqa: E402

EVAL = ROOT / "tests" / "eval"
TUNING = {"en": ("questions.yml", "en_tuning_more.yml"), "ru": ("ru_tuning.yml",)}
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


def realistic_queries(kb: KnowledgeBase, lang: str, n: int, seed: int = 7) -> list[str]:
    """The tuning questions, command forms, aliases and titles of one language as typed, some with typos."""
    pool: list[str] = []
    for name in TUNING[lang]:
        path = EVAL / name
        if path.exists():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            pool += [item["q"] for item in data.get("questions") or []]
            pool += list(data.get("off_topic") or []) + list(data.get("near_domain") or [])
    if lang == "en":
        pool += ["penalties", "topics", "help", "about", "penalties 999", "victims 2005"]
        pool += [f"penalties {a}" for f in kb.facts for a in f.articles]
        pool += [a for f in kb.facts for a in f.aliases] + [f.title for f in kb.facts]
    else:
        pool += ["наказания", "приюты", "жертвы 2009", "дела 2008", "статья 130.1", "наказания 999"]
        pool += [a for f in kb.facts if f.ru for a in f.ru.aliases] + [f.ru.title for f in kb.facts if f.ru]
    rng = random.Random(seed)
    return [typo(rng, q) if rng.random() < 0.25 else q for q in (rng.choice(pool) for _ in range(n))]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def synthetic(kb: KnowledgeBase, scale: int, seed: int = 11) -> KnowledgeBase:
    """scale copies of every fact with new ids, and titles/aliases (both languages) that gain a made-up word."""
    rng = random.Random(seed)
    facts = []
    for k in range(scale):
        for f in kb.facts:
            extra = word(rng)
            update: dict = {
                "id": f"{f.id}-s{k}",
                "title": f"{f.title} in {extra.title()}" if k else f.title,
                "aliases": [f"{a} {extra}" if k and rng.random() < 0.5 else a for a in f.aliases],
                "keywords": [*f.keywords, extra] if k else f.keywords,
            }
            ru = getattr(f, "ru", None)
            if ru is not None and k:
                update["ru"] = ru.model_copy(update={"title": f"{ru.title} {extra}", "keywords": [*ru.keywords, extra]})
            facts.append(f.model_copy(update=update))
    return KnowledgeBase(kb.directory, kb.source, tuple(facts))


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


def build_ms(kb: KnowledgeBase, runs: int) -> tuple[float, float | None]:
    """Median ms of AnswerCore(kb) (start-up: the English index) and of the Russian index, built on first use."""
    start, russian = [], []
    for _ in range(runs):
        t = time.perf_counter()
        core = AnswerCore(kb)
        start.append((time.perf_counter() - t) * 1000)
        if hasattr(core, "index"):  # the baseline has no Russian index
            t = time.perf_counter()
            core.index("ru")
            russian.append((time.perf_counter() - t) * 1000)
    return statistics.median(start), (statistics.median(russian) if russian else None)


def cold_start_s(query: str, runs: int) -> float:
    """Median wall time of `tip-bot ask QUERY` in a fresh process (knowledge base cache warm, as in use)."""
    env = dict(os.environ)
    if os.environ.get("BENCH_BOT_ROOT"):
        env["PYTHONPATH"] = os.environ["BENCH_BOT_ROOT"]
    cmd = [sys.executable, "-m", "bot", "ask", query]
    # `python -m` puts the working directory first on sys.path: run from the checkout being measured
    cwd = os.environ.get("BENCH_BOT_ROOT") or str(ROOT)
    subprocess.run(cmd, capture_output=True, env=env, check=False, cwd=cwd)  # warm the knowledge-base cache
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env, check=False, cwd=cwd)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def collect(args: argparse.Namespace, langs: tuple[str, ...]) -> dict:
    real = load_valid()
    big = synthetic(real, args.scale)
    out: dict = {"langs": {}, "build_ms": {}, "cold_s": {}}
    for name, kb in (("real", real), (f"{args.scale}x", big)):
        out["build_ms"][name] = build_ms(kb, args.runs if name == "real" else max(3, args.runs // 2))
        core = AnswerCore(kb)
        for lang in langs:
            queries = realistic_queries(real, lang, args.queries)
            out["langs"][f"{name} {lang}"] = measure(core.ask, queries, args.runs)
        out["facts_" + name] = len(kb.facts)
    out["cold_s"]["en"] = cold_start_s("penalties 130.1", args.runs * 2)
    if "ru" in langs:
        out["cold_s"]["ru"] = cold_start_s("наказание за торговлю людьми", args.runs * 2)
    return out


def fmt(us: float) -> str:
    return f"{us / 1000:.2f} ms" if us >= 1000 else f"{us:.0f} µs"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--scale", type=int, default=100)
    ap.add_argument("--queries", type=int, default=3000)
    ap.add_argument("--baseline", type=Path, help="another checkout whose bot package is the baseline")
    ap.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # the baseline subprocess
    args = ap.parse_args()
    langs = ("en",) if os.environ.get("BENCH_BOT_ROOT") else ("en", "ru")
    now = collect(args, langs)
    if args.json:
        print(json.dumps(now))
        return
    base = None
    if args.baseline:
        env = dict(os.environ, BENCH_BOT_ROOT=str(args.baseline.resolve()))
        cmd = [
            sys.executable,
            __file__,
            "--json",
            f"--runs={args.runs}",
            f"--scale={args.scale}",
            f"--queries={args.queries}",
        ]
        base = json.loads(subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout)

    def ratio(new: float, old: float | None) -> str:
        """baseline / now: above 1 is faster than the baseline, below 1 slower."""
        return f"{old / new:.2f}" if old else "–"

    print(f"real base {now['facts_real']} facts; synthetic {now[f'facts_{args.scale}x']:,} facts; runs={args.runs}")
    print("(ratio = baseline / now: above 1 faster, below 1 slower)")
    print("\n| base | lang | p50 per query | p99 per query | baseline p99 | ratio |")
    print("|---|---|---:|---:|---:|---:|")
    for key, (p50, p99) in now["langs"].items():
        name, lang = key.split()
        old = base["langs"].get(key, (None, None))[1] if base else None
        print(f"| {name} | {lang} | {fmt(p50)} | {fmt(p99)} | {fmt(old) if old else '–'} | {ratio(p99, old)} |")
    print("\n| base | start-up index build (English) | baseline | ratio | Russian index (on first use) |")
    print("|---|---:|---:|---:|---:|")
    for name, (ms, ru_ms) in now["build_ms"].items():
        old = base["build_ms"][name][0] if base else None
        ru = f"{ru_ms:.0f} ms" if ru_ms is not None else "–"
        print(f"| {name} | {ms:.0f} ms | {f'{old:.0f} ms' if old else '–'} | {ratio(ms, old)} | {ru} |")
    print("\n| `tip-bot ask` cold start | median | baseline | ratio |")
    print("|---|---:|---:|---:|")
    for lang, s in now["cold_s"].items():
        old = base["cold_s"].get(lang) if base else None
        print(f"| {lang} | {s * 1000:.0f} ms | {f'{old * 1000:.0f} ms' if old else '–'} | {ratio(s, old)} |")


if __name__ == "__main__":
    main()
