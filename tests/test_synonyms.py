"""bot/synonyms.py: everyday words for the cable's own, read only for words the fact base does not know."""

import pytest

from bot.lang import stem
from bot.query import SPELLING
from bot.synonyms import STEM_MIN, SYNONYMS_EN, SYNONYMS_RU, synonyms_by_stem


def test_every_synonym_is_read_and_stands_for_a_word_the_fact_base_has(core):
    idx = core.index("en")
    shadowed = sorted(w for w in SYNONYMS_EN if stem(w, "en") in idx.idf or w in idx.surfaces)
    assert not shadowed, f"known to the fact base, so never read as a synonym: {shadowed}"
    missing = sorted({t for t in SYNONYMS_EN.values() if stem(SPELLING.get(t, t), "en") not in idx.idf})
    assert not missing, f"synonyms for words the fact base does not have: {missing}"


def test_every_russian_synonym_is_read_and_stands_for_a_word_the_fact_base_has(core):
    idx = core.index("ru")
    shadowed = sorted(w for w in SYNONYMS_RU if stem(w, "ru") in idx.idf or w in idx.surfaces)
    assert not shadowed, f"known to the fact base, so never read as a synonym: {shadowed}"
    missing = sorted({t for t in SYNONYMS_RU.values() if stem(t, "ru") not in idx.idf})
    assert not missing, f"synonyms for words the fact base does not have: {missing}"


def test_a_short_stem_does_not_stand_for_its_listed_word_in_other_forms():
    assert SYNONYMS_RU["верить"] and stem("верить", "ru") not in synonyms_by_stem("ru")  # "вер" is also "вера"
    assert all(len(t) >= STEM_MIN for lang in ("en", "ru") for t in synonyms_by_stem(lang))


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("which organisation is the most trustworthy source on TIP", "iom-most-reliable-source"),
        ("отбирают ли у девушек паспорта", "sex-trafficking-lures"),
        ("участвуют ли пострадавшие в расследовании", "victims-assist-prosecution"),
        ("можно ли верить цифрам госорганов?", "government-data-reliability"),
        ("do Russian bosses pay Tajik workers", "russia-unpaid-migrants"),
        ("how do traffickers trick women into going abroad", "sex-trafficking-lures"),
    ],
)
def test_an_everyday_word_answers_like_the_cables_own(core, text, first):
    assert [f.id for f in core.ask(text).facts][:1] == [first]


@pytest.mark.parametrize("text", ["art. 132 penalty", "article 132 punishment", "наказание по ст 132"])
def test_an_articles_own_penalty_comes_before_facts_that_list_it_among_others(core, text):
    assert core.ask(text).facts[0].id == "penalty-132"
