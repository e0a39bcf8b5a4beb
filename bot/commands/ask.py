"""`tip-bot ask [--json] [--quotes] [--lang en|ru] [--knowledge-dir DIR] QUERY…` (or `-`: one query a line).

The answer is in the query's language (Cyrillic in it means Russian) unless --lang forces one.

Exit 0 answered, 1 a miss, 2 usage/configuration error; with `-`, exit 0 unless stdin cannot be read.
Imports nothing from Slack: a cold start is one load of the fact files and one index build.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time

from bot.answer import MAX_QUERY, Answer
from bot.commands.output import reader_left
from bot.commands.validate import knowledge_source
from bot.env import configured
from bot.lang import LANGS
from bot.render_text import render_text


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print one JSON object (JSON Lines with '-')")
    p.add_argument("--quotes", action="store_true", help="add each fact's verbatim quotes from the cable")
    p.add_argument("--lang", choices=LANGS, help="answer in this language (default: the query's own)")
    p.add_argument("--knowledge-dir", metavar="DIR", help="fact files (default: KNOWLEDGE_DIR or the bundled ones)")
    p.add_argument("query", nargs="*", metavar="QUERY", help="the question; '-' reads one query per line from stdin")


def as_json(query: str, answer: Answer, *, quotes: bool = False, knowledge_dir: object = None) -> dict:
    return {
        "knowledge_dir": str(knowledge_dir) if knowledge_dir else None,  # which fact files answered
        "query": query[:MAX_QUERY],
        "matched": answer.matched,
        "lang": answer.lang,
        "text": render_text(answer, quotes=quotes),
        "facts": [{"id": f.id, "section": f.section, "title": f.title} for f in answer.facts],
        "suggestions": list(answer.suggestions),
    }


def make_core(args: argparse.Namespace):
    from bot.core import AnswerCore
    from bot.knowledge import load_valid

    directory, cache_dir = knowledge_source(args)
    return AnswerCore(load_valid(directory, cache_dir=cache_dir))


class CliUsage:
    """The `cli` surface of the usage log (issue 11). Kept only where a store is configured (DATABASE_URL
    set), so a newcomer's `tip-bot ask` leaves no database file behind; rows are written after the
    answers are printed, and a store problem is one line on stderr, never a failed command.

    Without DATABASE_URL nothing here is read (bot.env.configured), so ask does not import pydantic-settings
    for it; USAGE_LOG and USAGE_HASH_SALT only matter with a store (`doctor` reports them malformed)."""

    def __init__(self) -> None:
        self.settings = None
        if configured(("DATABASE_URL",)):
            from bot.settings import load_settings

            settings = load_settings(uses=("DATABASE_URL", "USAGE_LOG", "USAGE_HASH_SALT"))
            self.settings = settings if settings.usage_log and "database_url" in settings.model_fields_set else None
        self.rows: list[tuple[str, Answer, float]] = []

    def record(self, query: str, answer: Answer, ms: float) -> None:
        if self.settings is not None:
            self.rows.append((query, answer, ms))

    def write(self) -> None:
        if self.settings is None or not self.rows:
            return
        from bot.errors import ConfigError
        from bot.store.startup import open_store
        from bot.store.usage import UsageLog

        try:
            store = open_store(self.settings, create=False)
        except ConfigError as e:
            print(f"tip-bot ask: usage not logged: {e}", file=sys.stderr)
            return
        try:
            log = UsageLog(store)
            for query, answer, ms in self.rows:
                log.record("cli", query, answer, ms, lang=answer.lang)
            log.close()
        finally:
            store.close()


def _ask(core, usage: CliUsage, query: str, lang: str | None) -> Answer:
    start = time.perf_counter()
    answer = core.ask(query, lang)
    usage.record(query, answer, (time.perf_counter() - start) * 1000)
    return answer


def _batch(core, args: argparse.Namespace, usage: CliUsage) -> int:
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline=None)
    try:
        for line in stdin:
            query = line.rstrip("\n")
            answer = _ask(core, usage, query, args.lang)
            if args.json:
                print(
                    json.dumps(
                        as_json(query, answer, quotes=args.quotes, knowledge_dir=core.kb.directory), ensure_ascii=False
                    ),
                    flush=True,
                )
            else:
                print(render_text(answer, quotes=args.quotes) + "\n", flush=True)
    except BrokenPipeError:
        reader_left()
    except OSError as e:
        print(f"tip-bot ask: cannot read standard input ({e})", file=sys.stderr)
        return 2
    return 0


def run(args: argparse.Namespace) -> int:
    if not args.query:
        print("tip-bot ask: give a query, e.g. tip-bot ask \"penalties 130.1\" (or '-' to read stdin)", file=sys.stderr)
        return 2
    core = make_core(args)
    usage = CliUsage()
    if args.query == ["-"]:
        status = _batch(core, args, usage)
        usage.write()
        return status
    query = " ".join(args.query)
    answer = _ask(core, usage, query, args.lang)
    try:
        if args.json:
            print(
                json.dumps(
                    as_json(query, answer, quotes=args.quotes, knowledge_dir=core.kb.directory), ensure_ascii=False
                ),
                flush=True,
            )
        else:
            print(render_text(answer, quotes=args.quotes), flush=True)
    except BrokenPipeError:
        reader_left()
    usage.write()
    return 0 if answer.matched else 1
