"""How a question's wording is read: verb forms, light words, "when", comparisons, "pays for", misspelt offices.

Each case failed on the core of f7b5fc5 (answered wrongly or not at all), but for those marked "guard": they held
then and would break with a careless version of the reading (folding "written" into "write" lost "when … written").
"""

import pytest

from bot.query import normalize_words
from bot.synonyms import synonyms_by_stem


def first(core, text: str) -> str | None:
    a = core.ask(text)
    return a.facts[0].id if a.matched and a.facts else None


def test_irregular_verb_forms_read_as_the_verb():
    assert normalize_words("made taken brought held") == ["make", "take", "bring", "hold"]
    assert normalize_words("found guilty") == ["found", "guilty"]  # "find" is a stop word: "found" keeps its sense


def test_a_phrasal_verb_is_read_before_its_verb_form_is_folded():
    assert normalize_words("victims taken to russia") == ["victims", "take", "destination", "russia"]


def test_any_form_of_a_listed_everyday_word_reads_as_the_cables_word():
    by_stem = synonyms_by_stem()
    assert by_stem["doubt"] == "skepticism"  # "doubted", "doubting": listed as "doubt", "doubts"
    assert by_stem["conced"] == "acknowledge"  # "conceding"


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # light words ("ever", "single", "supposed") carry no topic: they no longer make the question unknown
        ("are victims ever jailed or fined", "victims-not-penalized"),
        ("were doctors and teachers in Sughd made to pick cotton? for how long", "sughd-state-employees-cotton"),
        # "when …" prefers the fact that states a date
        ("When was this cable sent?", "cable-date"),
        ("when was the cable written", "cable-date"),  # guard
        # "pays for" is funding; "paid for picking cotton" stays wages
        ("Who pays for the shelters", "shelters-funding-management"),
        ("were teachers paid for picking cotton", "teachers-cotton-unpaid"),  # guard
        # a slip of a stop word is a stop word, not a word the cable does not know
        ("сколко длится долговое рабство", "debt-bondage"),
        # "end up" asks where to; "which cities" asks where; the Criminal Code by its abbreviation
        ("where do Tajik women end up", "women-destinations"),
        ("how many shleters are there and in which cities?", "shelters-count"),
        ("exact statutory definition of trafficking in the CoC", "article-130-1-definition"),
        # everyday words for the cable's ("industries" are its sectors, "drafted" is who wrote it)
        ("Men trafficked where, and into which industries?", "men-destinations"),
        ("which post actually drafted this cable?", "cable-sender"),
        # phrasal verbs read as the cable's word: "shut down" is closed, "put together" compiled; "right now" is
        # no topic (not rights)
        (
            "were schools still shut down so pupils could be sent to the fields like in past seasons?",
            "cotton-schools-not-closed",
        ),
        ("Who did the embassy actually talk to when putting together its answers?", "cable-answer-basis"),
        ("Who chairs the interagency anti-trafficking commission right now?", "commission-lead-no-chairman"),
        # "cut", "looking at": an everyday word for the cable's, or no topic
        ("What is being done to cut demand for paid sex?", "demand-reduction"),
        ("what exactly is this document I'm looking at?", "cable-identity"),
        # Snowball stems "sued" as "su": the spelling table reads it as "sue"
        ("have any victims sued their traffickers", "victims-civil-suits"),
        # a misspelt office is still the office the role-holder fact is about
        ("who chairs the interagency anti-trafficking comission", "commission-lead-no-chairman"),
    ],
)
def test_wording(core, text, fact):
    assert first(core, text) == fact


@pytest.mark.parametrize(
    "text",
    [
        "How does the penalty for rape compare with the penalty for trafficking?",
        "penalty for trafficking vs penalty for rape",  # guard
        "the penalty for rape compared to the penalty for trafficking",
    ],
)
def test_what_a_question_compares_is_a_part_of_its_own(core, text):
    shown = [f.id for f in core.ask(text).facts]
    assert {"penalty-138-rape", "penalty-130-1"} <= set(shown)


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        ("on 5 May 2009", True),
        ("30 January", True),
        ("May 12", True),
        ("may be around 100, but could be higher", False),
    ],
)
def test_a_date_is_a_year_or_a_month_and_may_only_beside_a_number(text, dated):
    from bot.core import _DATE  # what "when …" prefers: the modal "may" is no month

    assert bool(_DATE.search(text.casefold())) is dated
