"""Typo robustness, measured on the tuning splits only: each English question the core answers right is asked
again with one slip (a letter dropped, swapped or replaced, never the first) in one of its content words, and
each off-topic and near-domain query likewise. Prints how many still answer right and still miss.

    python -m tests.eval_typos [--seed N]

A report, not a floor: TYPO_MIN and LONG_TYPO (bot/core.py) were chosen with it (docs/matching.md).
"""

from __future__ import annotations

import random
import re
import sys

from bot.core import AnswerCore
from bot.knowledge import load_valid
from bot.lang import stopwords
from tests.test_eval import load_set

SPLITS = ("tuning", "tuning extra")


def slip(text: str, rng: random.Random) -> str | None:
    """The text with one slip in one content word of 4+ letters (None when it has none)."""
    words = [w for w in re.findall(r"[A-Za-z]+", text) if len(w) >= 4 and not stopwords(w.lower())]
    if not words:
        return None
    w = rng.choice(words)
    i = rng.randrange(1, len(w))
    op = rng.choice("dts")
    if op == "d":
        typo = w[:i] + w[i + 1 :]
    elif op == "t" and i < len(w) - 1:
        typo = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    else:
        typo = w[:i] + rng.choice("aeioulnrst") + w[i + 1 :]
    return text.replace(w, typo, 1)


def main(seed: int = 7) -> None:
    core = AnswerCore(load_valid())
    sets = [load_set("en", split) or {} for split in SPLITS]
    # the slips depend on the seed only, not on what the core answers: two cores are compared on the same queries
    rng = random.Random(seed)
    slipped = [(slip(q["q"], rng), q) for d in sets for q in d.get("questions", [])]
    off = [slip(q, rng) or q for d in sets for q in [*d.get("off_topic", []), *d.get("near_domain", [])]]
    asked = [(t, q) for t, q in slipped if t and (a := core.ask(q["q"])).facts and a.facts[0].id in q["expect"]]
    ok = sum(1 for t, q in asked if (a := core.ask(t)).kind == "facts" and a.facts[0].id in q["expect"])
    missed = sum(1 for q in off if not core.ask(q).matched)
    print(
        f"en tuning, one slip per question: right {ok}/{len(asked)} ({ok / len(asked):.1%}); "
        f"off-topic still missed {missed}/{len(off)} ({missed / len(off):.1%})"
    )


if __name__ == "__main__":
    main(int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 7)
