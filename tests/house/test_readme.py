"""The README's first screen fits a terminal, and what it shows is what the bot says today."""

from __future__ import annotations

import re
import shlex
from datetime import date
from pathlib import Path

from bot.digest.post import headline
from bot.digest.rotation import digest_for
from bot.render_text import render_text

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def fold(text: str) -> str:
    return " ".join(text.split())


def test_the_first_screen_fits_a_terminal():
    first_section = README.index("\n## ")
    assert README[:first_section].count("\n") <= 40


def test_the_example_answers_are_real_output(core):
    block = re.search(r"```console\n(.*?)```", README, re.S)
    assert block
    examples = re.split(r"^\$ ", block[1], flags=re.M)[1:]
    assert len(examples) == 3
    for example in examples:
        command, _, shown = example.partition("\n")
        words = shlex.split(command)
        assert words[:2] == ["tip-bot", "ask"]
        assert fold(shown) == fold(render_text(core.ask(" ".join(words[2:])))), command


def test_the_digest_headline_and_the_log_example_are_current(kb, core):
    day = date(2026, 12, 1)
    shown = fold(re.search(r"a headline \(`(TIP briefing[^`]*)`\)", README, re.S)[1])
    assert shown == headline(digest_for(kb.facts, day, 3))
    logged = re.search(r"/tip 'penalties 130.1' -> facts (\S+) in", README)
    assert logged and logged[1] == ",".join(f.id for f in core.ask("penalties 130.1").facts)


def test_the_fact_counts_are_current(kb):
    facts, sections = re.search(
        r"(\d+) facts covering every item of the cable's ¶25–30 \((\d+) sections", README
    ).groups()
    assert int(facts) == len(kb.facts) and int(sections) == len([s for s in kb.sections if s != "cable"])
