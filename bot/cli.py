"""`tip-bot` command line. Each subcommand lives in bot/commands/<name>.py and is imported lazily,
so `tip-bot ask` never pays for Slack imports."""

from __future__ import annotations

import argparse
import importlib
import sys

from bot.commands.output import reader_left
from bot.errors import ConfigError, KnowledgeError

SUBCOMMANDS = {
    "ask": "answer one query (or, with '-', one per line from stdin)",
    "chat": "interactive terminal session with the same answers",
    "validate": "check every fact file against the schema and the source text",
    "serve": "run the Slack app (Socket Mode, or HTTP with --http)",
    "digest": "post (or print) the daily digest",
    "doctor": "check settings, tokens, scopes and channels",
    "db": "the store's schema: `db status`, `db upgrade`",
    "stats": "questions, misses, votes and latency from the store (read-only; --forget USER_ID deletes a user's rows)",
}


def _module(name: str):
    return importlib.import_module(f"bot.commands.{name}")


def build_parser(commands: dict[str, str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tip-bot", description="Cited answers from cable DUSHANBE 000170 (2010 TIP report, Tajikistan)."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in (commands or SUBCOMMANDS).items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        _module(name).add_arguments(p)
    return parser


def _tolerant_output() -> None:
    """A terminal that cannot show a character (a Russian answer, the ¶ sign under LANG=C or an ASCII
    PYTHONIOENCODING) gets '?' for it, never a UnicodeEncodeError traceback."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _tolerant_output()
    # Build only the chosen subcommand's parser: importing every command would slow `ask`.
    chosen = next((a for a in argv if not a.startswith("-")), None)
    commands = {chosen: SUBCOMMANDS[chosen]} if chosen in SUBCOMMANDS else SUBCOMMANDS
    parser = build_parser(commands)
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse: usage errors exit 2, --help exits 0
        return int(e.code or 0)
    if not args.command:
        parser.print_help()
        return 2
    try:
        code = _module(args.command).run(args)
        sys.stdout.flush()  # here, so a closed pipe is caught below and not at exit
        return code
    except BrokenPipeError:  # `tip-bot validate | head`
        reader_left()
        return 0
    except KnowledgeError as e:
        print(f"tip-bot: {e}", file=sys.stderr)
        for line in e.problems:
            print(line, file=sys.stderr)
        return 2
    except ConfigError as e:
        print(f"tip-bot: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
