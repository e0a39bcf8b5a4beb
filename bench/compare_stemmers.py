"""Compare stemmers on the TUNING sets (never the held-out ones): Snowball (PyStemmer, what the bot uses)
against pymorphy3 lemmas for Russian and the old hand-written suffix rules for English.

    python bench/compare_stemmers.py

Prints top-1 / off-topic-missed per set, the index build time and the import + first-use cost. pymorphy3
is imported only here (pip install pymorphy3 to run the Russian comparison); it is not a dependency.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bot.lang as lang  # noqa: E402
from bot.core import AnswerCore  # noqa: E402
from bot.knowledge import load_valid  # noqa: E402
from tests.test_eval import evaluate, load_set  # noqa: E402


def handwritten(word: str) -> str:
    """The suffix rules bot/core.py used before issue 9 (shelter/shelters, penalty/penalties …)."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ied") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ing") and len(word) > 5:
        return word[:-3]
    if word.endswith("ed") and len(word) > 4 and not word.endswith("eed"):
        return word[:-2]
    if word.endswith("al") and len(word) > 6:
        return word[:-2]
    return word


def run(label: str, which: str) -> None:
    lang.stem.cache_clear()
    kb = load_valid()
    t = time.perf_counter()
    core = AnswerCore(kb)
    build = (time.perf_counter() - t) * 1000
    for code in (which,):
        r = evaluate(core, load_set(code, "tuning"), code)
        print(
            f"| {label} | {code} tuning | {r.top1:.1%} of {r.questions} | {r.off_topic_missed:.1%} of {r.off_topic} "
            f"| {build:.0f} ms |"
        )


def main() -> None:
    print("| stemmer | set | top-1 | off-topic missed | index build (both languages) |")
    print("|---|---|---:|---:|---:|")
    snowball = lang.stem.__wrapped__
    run("Snowball (PyStemmer)", "en")
    run("Snowball (PyStemmer)", "ru")

    def old_en(word: str, code: lang.Lang = "en") -> str:
        return snowball(word, code) if lang.is_cyrillic(word) else handwritten(word)

    lang.stem = lang.lru_cache(maxsize=131072)(old_en)
    _rebind()
    run("hand-written suffix rules", "en")
    try:
        import pymorphy3
    except ImportError:
        print("(pymorphy3 not installed: pip install pymorphy3 to compare it)")
        return
    t = time.perf_counter()
    morph = pymorphy3.MorphAnalyzer()
    load_ms = (time.perf_counter() - t) * 1000

    def lemma(word: str, code: lang.Lang = "en") -> str:
        if lang.is_cyrillic(word):
            return morph.parse(word)[0].normal_form
        return snowball(word, code)

    lang.stem = lang.lru_cache(maxsize=131072)(lemma)
    _rebind()
    run("pymorphy3 lemmas", "ru")
    print(f"\npymorphy3: import + dictionary load {load_ms:.0f} ms (Snowball: under 1 ms)")


def _rebind() -> None:
    """Point every module that imported `stem` at the replacement."""
    import bot.constraints
    import bot.core
    import bot.index

    for mod in (bot.constraints, bot.core, bot.index):
        mod.stem = lang.stem
    for f in (bot.constraints._place_stems, bot.constraints._measure_stems, bot.constraints._word_set):
        f.cache_clear()
    bot.constraints.PERSON_STEMS = bot.constraints._word_set("person")
    bot.core.PERSON_STEMS = bot.constraints.PERSON_STEMS


if __name__ == "__main__":
    main()
