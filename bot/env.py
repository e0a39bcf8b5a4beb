"""Whether a setting is configured at all, answered without pydantic-settings, and the defaults that need
no parsing. `tip-bot ask` reads few settings; importing pydantic-settings (and building Settings) is about
0.1 s of a cold start, so ask loads Settings only when one of its settings is set (bot.commands.validate,
bot.commands.ask). Values are never read here: a configured one always goes through Settings.

The check matches names as Settings reads them (no prefix, case-insensitive, environment then `.env`; a
test holds the two together) and errs only towards "configured": a line of `.env` that mentions a name
counts unless it is a comment, and a `.env` that cannot be read counts as setting everything.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

ENV_FILE = ".env"  # read from the working directory, as Settings does
DEFAULT_DATABASE_URL = "sqlite:///tip-bot.db"  # a file in the working directory: nothing to install or start


def default_cache_dir(xdg_cache_home: Path | None = None) -> Path:
    """Where `tip-bot` keeps its cache (the validated fact base): $XDG_CACHE_HOME/tip-bot, else ~/.cache/tip-bot."""
    return (xdg_cache_home or Path.home() / ".cache") / "tip-bot"


def configured(names: Iterable[str], env_file: str | Path | None = ENV_FILE) -> frozenset[str]:
    """The `names` (variable names such as "KNOWLEDGE_DIR") that the environment or `env_file` sets,
    blank values included, in upper case."""
    wanted = {n.lower(): n.upper() for n in names}
    found = {wanted[k.lower()] for k in os.environ if k.lower() in wanted}
    path = Path(env_file) if env_file is not None else None
    if path is None or not path.is_file() or len(found) == len(wanted):
        return frozenset(found)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return frozenset(wanted.values())
    for line in lines:
        low = line.lower()
        if not low.lstrip().startswith("#"):
            found |= {upper for lower, upper in wanted.items() if lower in low}
    return frozenset(found)
