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

from bot.answer import MAX_QUERY, Answer
from bot.commands.output import reader_left
from bot.commands.validate import knowledge_source
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

    directory, settings = knowledge_source(args)
    return AnswerCore(load_valid(directory, cache_dir=settings.cache_dir))


def _batch(core, args: argparse.Namespace) -> int:
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline=None)
    try:
        for line in stdin:
            query = line.rstrip("\n")
            answer = core.ask(query, args.lang)
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
    if args.query == ["-"]:
        return _batch(core, args)
    query = " ".join(args.query)
    answer = core.ask(query, args.lang)
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
    return 0 if answer.matched else 1
