"""`tip-bot stats [--days N] [--json] [--csv FILE] [--forget USER_ID]`: what was asked and not answered, and
the votes, from the store (docs/feedback.md). Reads only; `--forget` deletes one user's usage rows and votes.

Exit codes: 0 a report (or "nothing recorded"), 2 an unusable DATABASE_URL, an unreachable database or a
schema this tip-bot cannot read."""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run a cell starting with these


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--days", type=int, default=7, metavar="N", help="the last N days (default 7)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--csv", type=Path, metavar="FILE", help="also write the report as CSV to FILE")
    p.add_argument("--top", type=int, default=10, metavar="N", help="how many top misses (default 10)")
    p.add_argument("--forget", metavar="USER_ID", help="delete this Slack user's usage rows and votes, then exit")


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def run(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime, timedelta

    from bot.errors import ConfigError
    from bot.settings import load_settings
    from bot.store import migrations
    from bot.store.startup import connect, parse, unreachable

    if not 1 <= args.days <= 3650:
        raise ConfigError("--days must be a whole number from 1 to 3650")
    if args.forget is not None and not _USER_ID.fullmatch(args.forget.strip()):
        raise ConfigError(f"--forget needs a Slack user id such as U0123ABCD, not {args.forget!r}")
    settings = load_settings()
    url = parse(settings)
    file = url.database if url.get_backend_name() == "sqlite" and url.database != ":memory:" else None
    if file and not Path(file).exists():  # connecting would create the file: stats only reads
        print(f"SQLite {file}: no such file: the store is empty (nothing recorded yet)")
        return 0
    store = connect(settings)
    try:
        status = migrations.status(store.engine)
        if status.version == 0:
            print(f"{store.describe()}: the store is empty (nothing recorded yet)")
            return 0
        if status.version < 2:
            raise ConfigError(
                f"{store.describe()}: the schema is at version {status.version}, stats needs 2: "
                "run `tip-bot db upgrade`"
            )
        if args.forget is not None:
            from bot.store.usage import user_hash

            n = store.forget_user_hash(user_hash(store.hash_salt(), args.forget.strip()))
            print(f"deleted {n} usage row(s) and vote(s) of {args.forget.strip()}")
            return 0
        since = datetime.now(UTC) - timedelta(days=args.days)
        rows, votes = store.usage_since(since), store.votes_since(since)
    except ConfigError:
        raise
    except Exception as e:  # unreachable server, missing table …: one line, exit 2
        raise unreachable(store, e) from None
    finally:
        store.close()
    if not rows and not votes:
        print(f"{store.describe()}: no questions or votes recorded in the last {args.days} day(s)", end="")
        print(" (the usage log is off: USAGE_LOG=off)" if not settings.usage_log else "")
        return 0

    from bot import stats
    from bot.core import AnswerCore
    from bot.knowledge import load_valid

    kb = load_valid(settings.knowledge_dir)
    report = stats.build(rows, votes, AnswerCore(kb), kb, since=since, days=args.days, top=max(1, args.top))
    if args.csv:
        with args.csv.open("w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows([[_cell(v) for v in row] for row in stats.csv_rows(report)])
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(stats.text_lines(report)))
        if args.csv:
            print(f"\nCSV written to {args.csv}")
    sys.stdout.flush()
    return 0
