"""`tip-bot doctor [--http] [--url URL]`: one ✓/✗ line per check with the fix; exit 0 only if all pass."""

from __future__ import annotations

import argparse
import sys

from bot.doctor import Check, run_checks
from bot.errors import ConfigError
from bot.settings import load_settings


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--http", action="store_true", help="check for HTTP mode even if SLACK_APP_TOKEN is set")
    p.add_argument("--url", metavar="URL", help="the app's public base URL, to print the exact Request URL")


def show(check: Check, out=None) -> None:
    out = out or sys.stdout
    print(f"{'✓' if check.ok else '✗'} {check.line}", file=out)
    if not check.ok and check.fix:
        print(f"    fix: {check.fix}", file=out)
    out.flush()


def run(args: argparse.Namespace) -> int:
    try:
        settings = load_settings()
    except ConfigError as e:  # malformed settings: one ✗ per variable, nothing else can be checked
        for bad in e.invalid:
            show(Check(False, f"{bad.name} {bad.reason}", f"set it to {bad.hint} (environment or .env)"))
        if not e.invalid:
            show(Check(False, str(e)))
        return 1
    failed = 0
    for check in run_checks(settings, http=args.http, public_url=args.url):
        show(check)
        failed += not check.ok
    print(f"{'all checks passed' if not failed else f'{failed} check(s) failed'}", file=sys.stdout)
    return 1 if failed else 0
