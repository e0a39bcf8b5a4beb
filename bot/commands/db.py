"""`tip-bot db status` / `tip-bot db upgrade`: the store's schema version, and upgrading it in place.

Exit codes: 0 current (status) or upgraded; 1 status found pending migrations; 2 unusable DATABASE_URL
or unreachable database."""

from __future__ import annotations

import argparse
import sys


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    sub.add_parser("status", help="the database, its schema version and what an upgrade would apply")
    sub.add_parser("upgrade", help="apply pending migrations in place (rows are kept); safe to run twice")


def run(args: argparse.Namespace) -> int:
    from bot.errors import ConfigError
    from bot.settings import load_settings
    from bot.store import migrations
    from bot.store.startup import connect, unreachable

    store = connect(load_settings())
    try:
        if args.db_command == "upgrade":
            before = migrations.status(store.engine)
            if before.ahead:
                raise ConfigError(
                    f"the database schema is at version {before.version}, newer than this tip-bot knows "
                    f"({before.latest}): upgrade tip-bot instead"
                )
            applied = migrations.upgrade(store.engine)
            for n, name in enumerate(applied, start=before.version + 1):
                print(f"applied {n}: {name}")
            print(f"{store.describe()}: schema version {before.version + len(applied)} (current)")
            return 0
        status = migrations.status(store.engine)
        print(f"{store.describe()}: schema version {status.version} of {status.latest}", end="")
        if status.current:
            print(" (current)")
            return 0
        if status.ahead:
            print(" (written by a newer tip-bot)")
            return 1
        print(f"; pending: {', '.join(status.pending)}; run `tip-bot db upgrade`")
        return 1
    except ConfigError:
        raise
    except Exception as e:  # unreachable server, read-only file …: one line, exit 2
        raise unreachable(store, e) from None
    finally:
        store.close()
        sys.stdout.flush()
