"""`tip-bot digest [--date YYYY-MM-DD] [--dry-run] [--json] [--schedule]`.

Once: post (or print) one day's digest; posting twice the same day is refused by the channel check.
--schedule: the long-running `clock` process; SIGTERM/Ctrl-C stop it between posts.
Exit codes: 0 posted / already there / printed, 1 Slack refused or failed, 2 unusable settings.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from datetime import date, datetime


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date", type=_day, metavar="YYYY-MM-DD", help="the day (default: today in DIGEST_TIMEZONE)")
    p.add_argument("--dry-run", action="store_true", help="print the digest; do not contact Slack")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--schedule", action="store_true", help="run until stopped, posting at DIGEST_TIME every day")


def run(args: argparse.Namespace) -> int:
    from bot.digest.post import plain_text, post_digest
    from bot.digest.rotation import digest_for
    from bot.knowledge import load_valid
    from bot.settings import load_settings
    from bot.texts.slack_errors import explain_post_error

    # A dry run prints the digest: every DIGEST_* setting counts, but not one only posting uses (the token).
    dry_uses = ("KNOWLEDGE_DIR", "XDG_CACHE_HOME", "DIGEST_TIME", "DIGEST_TIMEZONE", "DIGEST_FACTS", "DIGEST_CHANNEL")
    settings = load_settings(uses=dry_uses if args.dry_run else None)
    if args.schedule:
        if args.date or args.dry_run or args.json:
            print("tip-bot: --schedule posts today's digest every day: drop --date/--dry-run/--json", file=sys.stderr)
            return 2
        return _schedule(settings)
    kb = load_valid(settings.knowledge_dir, cache_dir=settings.cache_dir)
    day = args.date or datetime.now(settings.zone).date()
    digest = digest_for(kb.facts, day, settings.digest_facts)
    out = {
        "date": day.isoformat(),
        "channel": settings.digest_channel,
        "facts": digest.fact_ids,
        "posted": False,
        "already_posted": False,
    }
    if args.dry_run:
        print(json.dumps({**out, "dry_run": True}) if args.json else plain_text(digest, settings.digest_language))
        return 0
    settings.require("SLACK_BOT_TOKEN", "DIGEST_CHANNEL")
    from bot.digest.post import DigestClaim
    from bot.logs import setup_logging
    from bot.slack.client import make_client
    from bot.store.startup import open_store

    store = open_store(settings)  # a bad DATABASE_URL or an old schema: one line, exit 2
    setup_logging(settings)
    channel = settings.digest_channel
    assert channel is not None  # settings.require above
    client = make_client(settings)
    try:
        claim = DigestClaim(store, client, log_usage=settings.usage_log)
        result = post_digest(client, channel, digest, claim=claim, language=settings.digest_language)
    finally:
        store.close()
    out.update(posted=result.posted, already_posted=result.already_posted)
    if args.json:
        print(json.dumps({**out, **({"error": result.error} if result.error else {})}))
    elif result.posted:
        print(f"posted the digest for {day} to {settings.digest_channel}: {', '.join(digest.fact_ids)}")
    elif result.already_posted:
        print(f"the digest for {day} is already in {settings.digest_channel}: nothing posted")
    else:
        why = explain_post_error(result.error or "")
        print(f"tip-bot: the digest for {day} was not posted: {why}", file=sys.stderr)
    return 0 if result.ok else 1


def _schedule(settings) -> int:
    from bot.digest.scheduler import DigestScheduler
    from bot.knowledge import load_valid
    from bot.logs import setup_logging
    from bot.slack.client import make_client
    from bot.store.startup import open_store

    settings.require("SLACK_BOT_TOKEN", "DIGEST_CHANNEL")
    kb = load_valid(settings.knowledge_dir, cache_dir=settings.cache_dir)
    store = open_store(settings)  # the digest claim: one post a day however many clocks run
    setup_logging(settings)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    try:
        DigestScheduler(settings, kb, make_client(settings), stop=stop, store=store).run()
    finally:
        store.close()
    return 0
