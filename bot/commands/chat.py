"""`tip-bot chat [--quotes] [--knowledge-dir DIR]`: an interactive session with the same answers as `ask`,
each in the language of its question (Russian for a question in Cyrillic).

Line editing and history come from readline where the platform has it; `quit`, `exit` or Ctrl-D leave.
"""

from __future__ import annotations

import argparse
import contextlib
import sys

from bot.commands.ask import make_core
from bot.render_text import render_text

QUIT = frozenset({"quit", "exit", "q", ":q", "bye", "выход", "выйти"})
GREETING = (
    "Ask about cable DUSHANBE 000170. 'help' lists the commands, 'quit' or Ctrl-D leaves.\n"
    "Спрашивайте и по-русски: «помощь» — список команд, «выход» или Ctrl-D — выход."
)
PROMPT = "tip> "


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quotes", action="store_true", help="add each fact's verbatim quotes from the cable")
    p.add_argument("--knowledge-dir", metavar="DIR", help="fact files (default: KNOWLEDGE_DIR or the bundled ones)")


def session(core, read=input, write=print, *, quotes: bool = False) -> int:
    """The loop itself, with input/output injectable so tests drive it without a terminal."""
    write(GREETING)
    while True:
        try:
            line = read(PROMPT)
        except EOFError:
            write("")
            return 0
        except KeyboardInterrupt:  # Ctrl-C drops the current line, as in a shell
            write("")
            continue
        if line.strip().casefold() in QUIT:
            return 0
        if not line.strip():
            continue
        write(render_text(core.ask(line), quotes=quotes))
        write("")


def run(args: argparse.Namespace) -> int:
    core = make_core(args)
    if sys.stdin.isatty():
        with contextlib.suppress(ImportError):  # line editing and history for input(), where available
            import readline  # noqa: F401
    return session(core, quotes=args.quotes)
