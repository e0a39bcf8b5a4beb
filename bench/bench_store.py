"""Store micro-benchmark: atomic claims per second (what every event and Share click costs) and usage
rows per second (the batched writer), on SQLite and PostgreSQL.

    python bench/bench_store.py                  # both databases, 5 runs each, medians
    python bench/bench_store.py --runs 7 --claims 3000 --only sqlite

PostgreSQL: BENCH_POSTGRES_URL (default postgres@127.0.0.1:5432/test); a throwaway database is created
and dropped. Each run: `--claims` new keys claimed one by one (one transaction each, as the app does),
the same keys claimed again (all lost), the same from 4 threads at once, and `--rows` usage rows
written in batches of 500.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from bot.store import dialect, migrations  # noqa: E402
from bot.store.base import UsageRow  # noqa: E402
from bot.store.sql import SqlStore  # noqa: E402

PG_ADMIN = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def one_run(store: SqlStore, claims: int, rows: int) -> dict[str, float]:
    keys = [f"event:{uuid.uuid4().hex}" for _ in range(claims)]
    t0 = time.perf_counter()
    won = sum(store.claim(k) for k in keys)
    t1 = time.perf_counter()
    lost = sum(not store.claim(k) for k in keys)
    t2 = time.perf_counter()
    assert won == lost == claims
    more = [f"event:{uuid.uuid4().hex}" for _ in range(claims)]
    parts = [more[i::4] for i in range(4)]
    threads = [threading.Thread(target=lambda p=p: [store.claim(k) for k in p]) for p in parts]
    t3 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    t4 = time.perf_counter()
    now = datetime.now(UTC)
    batch = [
        UsageRow(uuid.uuid4().hex, now, "slash", "en", True, "facts", ("p25.a",), 0.4, "shelters", "ab" * 32)
        for _ in range(rows)
    ]
    t5 = time.perf_counter()
    for i in range(0, rows, 500):
        store.add_usage(batch[i : i + 500])
    t6 = time.perf_counter()
    return {
        "claims/s (new)": claims / (t1 - t0),
        "claims/s (repeat)": claims / (t2 - t1),
        "claims/s (4 threads)": claims / (t4 - t3),
        "usage rows/s": rows / (t6 - t5),
    }


def bench(name: str, url: str, args: argparse.Namespace) -> None:
    engine = dialect.make_engine(dialect.normalise_url(url))
    migrations.upgrade(engine)
    store = SqlStore(engine)
    one_run(store, 200, 500)  # warm-up: connections, statement caches
    runs = [one_run(store, args.claims, args.rows) for _ in range(args.runs)]
    for metric in runs[0]:
        values = [r[metric] for r in runs]
        each = ", ".join(f"{v:,.0f}" for v in values)
        print(f"{name:10s} {metric:22s} median {statistics.median(values):9,.0f}   (runs: {each})")
    store.close()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--claims", type=int, default=2000)
    p.add_argument("--rows", type=int, default=20_000)
    p.add_argument("--only", choices=["sqlite", "postgresql"])
    args = p.parse_args()
    print(f"{args.runs} runs: {args.claims} claims, {args.rows} usage rows each; medians")
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory() as d:
            bench("sqlite", f"sqlite:///{d}/bench.db", args)
    if args.only != "sqlite":
        name = f"tipbot_bench_store_{os.getpid()}"
        admin = create_engine(dialect.normalise_url(PG_ADMIN), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            bench("postgresql", PG_ADMIN.rsplit("/", 1)[0] + "/" + name, args)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
