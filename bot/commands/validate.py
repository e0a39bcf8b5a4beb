"""`tip-bot validate [--json] [--knowledge-dir DIR]`: exit 0 clean, 1 with problems, 2 if unusable."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.env import configured, default_cache_dir
from bot.errors import KnowledgeError
from bot.knowledge import default_knowledge_dir, load


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument(
        "--knowledge-dir",
        metavar="DIR",
        help="fact files to check (default: KNOWLEDGE_DIR, else the checkout's knowledge/, else the installed ones)",
    )


# The settings that validate, ask and chat read: a malformed other one (say DIGEST_TIME) never stops them.
USES = ("KNOWLEDGE_DIR", "XDG_CACHE_HOME")


def knowledge_source(args: argparse.Namespace) -> tuple[Path, Path]:
    """The fact files and the cache directory. --knowledge-dir wins over KNOWLEDGE_DIR; neither means the
    checkout you are in, else the installed fact base (bot.knowledge.default_knowledge_dir).

    Settings are loaded only when KNOWLEDGE_DIR or XDG_CACHE_HOME is set (bot.env): otherwise both are
    their defaults, and a cold `tip-bot ask` does not pay for importing pydantic-settings."""
    knowledge_dir, cache_dir = None, default_cache_dir()
    if configured(USES):
        from bot.settings import load_settings

        settings = load_settings(uses=USES)
        knowledge_dir, cache_dir = settings.knowledge_dir, settings.cache_dir
    return Path(args.knowledge_dir or knowledge_dir or default_knowledge_dir()).resolve(), cache_dir


def run(args: argparse.Namespace) -> int:
    directory, _cache_dir = knowledge_source(args)
    try:
        kb = load(directory)
    except KnowledgeError as e:
        if args.json:
            print(json.dumps({"facts": 0, "sections": [], "errors": [str(e)]}))
        else:
            print(f"tip-bot: {e}", file=sys.stderr)
        return 2
    if args.json:
        found = {"facts": len(kb.facts), "sections": kb.sections, "errors": [str(p) for p in kb.problems]}
        print(json.dumps({"knowledge_dir": str(directory), **found}))
    elif kb.problems:
        for p in kb.problems:
            print(p)
        print(f"{len(kb.problems)} problem(s) in {len(kb.facts)} valid facts in {directory}", file=sys.stderr)
    else:
        print(f"{len(kb.facts)} facts, {len(kb.sections)} sections, all quotes found in {directory}")
        print("sections: " + " ".join(kb.sections))
    return 1 if kb.problems else 0
