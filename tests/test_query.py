"""The parser: numbers are exact, years select figures, command words only in command form."""

import pytest

from bot.answer import MAX_QUERY
from bot.query import ArticleRef, clean, normalize_words, parse


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("penalties 130.1", "130.1"),
        ("art. 130.1", "130.1"),
        ("Art 130-1", "130.1"),
        ("article 130,1", "130.1"),
        ("Article 130–1", "130.1"),
        ("§130.1", "130.1"),
        ("penalties 130", "130"),
        ("article 138", "138"),
    ],
)
def test_article_numbers_are_read_exactly(text, number):
    assert [a.number for a in parse(text).articles] == [number]


def test_130_and_130_1_are_different_articles():
    assert parse("penalties 130").articles != parse("penalties 130.1").articles


def test_four_digits_that_are_not_a_year_read_as_a_typed_article():
    q = parse("penaltys 1301")
    assert q.articles == (ArticleRef("130.1", False),)
    assert q.years == ()


def test_article_word_marks_a_number_explicit():
    assert parse("art. 999").articles == (ArticleRef("999", True),)
    assert parse("250 officials").articles == (ArticleRef("250", False),)


@pytest.mark.parametrize(("text", "years"), [("victims 2009", (2009,)), ("cases 2008", (2008,)), ("12009", (2009,))])
def test_years(text, years):
    q = parse(text)
    assert q.years == years
    assert q.articles == ()


def test_year_ranges_give_both_years():
    assert parse("victims 2008/2009").years == (2008, 2009)


def test_articles_listed_with_commas_stay_separate():
    assert [a.number for a in parse("articles 130, 132 and 167").articles] == ["130", "132", "167"]


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("penalties", "penalties"),
        ("penalties 130.1", "penalties"),
        ("penaltys 1301", "penalties"),
        ("sheltres", "shelters"),
        ("SHELTERS!", "shelters"),
        ("victims 2009", "victims"),
        ("cases 2008", "cases"),
        ("topics", "topics"),
        ("help", "help"),
        ("about", "about"),
        ("/tip penalties 130", "penalties"),
        ("article 138", "article"),
    ],
)
def test_command_form(text, command):
    assert parse(text).command == command


@pytest.mark.parametrize("text", ["help me find the shelters", "about the shelters", "who runs the shelters", "hello"])
def test_command_words_inside_questions_are_just_words(text):
    assert parse(text).command is None


def test_leading_tip_is_stripped_and_the_query_cut():
    assert clean("/tip  penalties 130") == "penalties 130"
    assert clean("/TIP: shelters") == "shelters"
    assert len(parse("x" * 10_000).raw) <= MAX_QUERY


def test_markup_and_control_characters_are_text():
    q = parse("<!channel> <@U123> shelters\x00\x1b[31m")
    assert "shelters" in q.words
    assert "channel" not in q.words
    assert "\x00" not in q.raw


def test_spellings_fold():
    assert normalize_words("Labour in Kyrgyzstan, ORGANISED crime") == ["labor", "in", "kyrgyz", "organized", "crime"]
    assert normalize_words("kyrgyz") == ["kyrgyz"]


def test_asks_count():
    assert parse("how many shelters are there").asks_count
    assert not parse("who runs the shelters").asks_count


def test_empty():
    assert parse("").empty
    assert parse("   /tip   ").empty
    assert not parse("2009").empty
