"""`tip-bot validate [--json] [--knowledge-dir DIR]`: exit 0 clean, 1 with problems, 2 if unusable."""

from __future__ import annotations

import argparse
import json
import sys

from bot.errors import KnowledgeError
from bot.knowledge import load
from bot.settings import load_settings


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument(
        "--knowledge-dir", metavar="DIR", help="fact files to check (default: KNOWLEDGE_DIR or the bundled ones)"
    )


def knowledge_dir(args: argparse.Namespace):
    """--knowledge-dir wins over KNOWLEDGE_DIR; neither means the bundled fact base."""
    return args.knowledge_dir or load_settings().knowledge_dir


def run(args: argparse.Namespace) -> int:
    try:
        kb = load(knowledge_dir(args))
    except KnowledgeError as e:
        if args.json:
            print(json.dumps({"facts": 0, "sections": [], "errors": [str(e)]}))
        else:
            print(f"tip-bot: {e}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"facts": len(kb.facts), "sections": kb.sections, "errors": [str(p) for p in kb.problems]}))
    elif kb.problems:
        for p in kb.problems:
            print(p)
        print(f"{len(kb.problems)} problem(s) in {len(kb.facts)} valid facts", file=sys.stderr)
    else:
        print(f"{len(kb.facts)} facts, {len(kb.sections)} sections, all quotes found")
        print("sections: " + " ".join(kb.sections))
    return 1 if kb.problems else 0
