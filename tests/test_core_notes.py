"""The core's notes exist in both languages and say the same thing; Russian misses suggest Russian queries."""

import re
import string

import pytest

from bot import notes
from bot.core import AnswerCore
from bot.knowledge import load_valid
from bot.lang import detect


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(notes.NOTES))
def test_every_note_in_both_languages_with_the_same_placeholders(key):
    en, ru = notes.NOTES[key]["en"], notes.NOTES[key]["ru"]
    assert fields(en) == fields(ru)
    assert detect(ru) == "ru" and not re.search(r"[А-Яа-яЁё]", en)


@pytest.fixture(scope="module")
def core():
    return AnswerCore(load_valid())


@pytest.mark.parametrize("text", ["сколько жертв в 2005", "погода в Душанбе", "приюты в 1995", "статья 999"])
def test_a_russian_miss_is_in_russian_and_its_suggestions_work_as_typed(core, text):
    a = core.ask(text)
    assert a.kind == "miss" and a.lang == "ru" and detect(a.note) == "ru"
    for s in a.suggestions:
        got = core.ask(s)
        assert got.matched and got.lang == "ru", s


def test_russian_notes_for_unmet_constraints(core):
    a = core.ask("фактически назначенные наказания за торговлю людьми")
    assert a.matched and a.lang == "ru" and "measure:imposed" in a.unmet
    assert "предусмотренные" in a.note
    b = core.ask("дела 2008 и 2009")
    assert "2008" in b.note and "2009" in b.note and detect(b.note) == "ru"
