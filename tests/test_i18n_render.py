"""Russian on the renderers: a Russian question is answered in Russian (text and Block Kit), with the
citation, the English quotes headed "Оригинал (англ.)", Russian penalty terms and figures; an English
question stays English; a fact whose Russian side is not written yet is shown in English, said so."""

from __future__ import annotations

import re

import pytest

from bot.answer import Answer
from bot.core import AnswerCore
from bot.knowledge import KnowledgeBase, load_valid
from bot.render_blocks import answer_blocks, answer_text, escape
from bot.render_text import render_text
from bot.texts.commands import EXAMPLES, QUERY_COMMANDS
from bot.texts.paragraphs import HEADINGS_RU
from bot.texts.topics import TOPICS_RU
from bot.texts.words import ru_plural, years_span
from tests.slack.blocks import all_text, assert_slack_safe

LATIN_WORD = re.compile(r"\b[A-Za-z]{4,}\b")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_valid()


@pytest.fixture(scope="module")
def core(kb) -> AnswerCore:
    return AnswerCore(kb)


def test_a_russian_question_is_answered_in_russian(core):
    a = core.ask("наказание за торговлю людьми")
    assert a.lang == "ru" and a.kind == "facts"
    first = a.facts[0]
    assert first.id == "penalty-130-1"
    text = render_text(a)
    assert text.startswith(f"{first.ru.title} (¶27.B)")
    assert first.ru.answer in text
    assert first.title not in text and first.answer not in text
    shown = all_text(answer_blocks(a))
    assert escape(first.ru.title) in shown and first.title not in shown
    assert "¶27.B · DUSHANBE 000170, 10 фев 2010" in shown
    assert "Вы спросили: наказание за торговлю людьми" in shown
    assert "Поделиться в канале" in shown and "Показать источник" in shown
    assert "Share in channel" not in shown and "You asked" not in shown
    assert answer_text(a) == escape(f"{first.ru.title} (¶27.B)")


def test_the_source_is_the_english_quote_headed_original(core):
    a = core.ask("наказание за торговлю людьми")
    text = render_text(a, quotes=True)
    assert "Оригинал (англ.):" in text
    for q in a.facts[0].quotes:
        assert f'"{q}"' in text
    blocks = answer_blocks(a, show_quotes=True)
    assert_slack_safe(blocks)
    shown = all_text(blocks)
    assert "*Оригинал (англ.):*\n> " in shown
    assert escape(" ".join(a.facts[0].quotes[0].split())) in shown


def test_an_english_question_stays_english(core):
    a = core.ask("penalties 130.1")
    assert a.lang == "en"
    text = render_text(a, quotes=True)
    shown = all_text(answer_blocks(a, show_quotes=True))
    for out in (text, shown):
        assert not re.search("[а-яА-Я]", out), out
    assert "¶27.B · DUSHANBE 000170, 10 Feb 2010" in shown
    assert "Original" not in text


def test_penalty_table_in_russian(core):
    a = core.ask("наказания")
    assert a.kind == "table" and a.lang == "ru"
    lines = render_text(a).splitlines()
    line = next(x for x in lines if x.startswith("Ст. 130.1"))
    assert "торговля людьми: 5–8 лет, конфискация имущества; 12–15 лет при отягчающих обстоятельствах" in line
    assert "штраф или до 2 лет" in next(x for x in lines if x.startswith("Ст. 140"))
    shown = all_text(answer_blocks(a))
    assert "*Ст. 130.1*" in shown and "Источник: DUSHANBE 000170, 10 фев 2010." in shown
    for out in ("\n".join(lines[1:]), shown):
        assert "years" not in out and "Art." not in out and "aggravated" not in out


def test_russian_plurals_and_spans():
    assert [ru_plural(n, "год", "года", "лет") for n in (1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 111)] == [
        "год", "года", "года", "лет", "лет", "лет", "лет", "год", "года", "лет", "лет"
    ]  # fmt: skip
    assert years_span(5, 8, "ru") == "5–8 лет"
    assert years_span(2, 4, "ru") == "2–4 года"
    assert years_span(None, 2, "ru") == "до 2 лет"
    assert years_span(None, 1, "ru") == "до 1 года"
    assert years_span(3, None, "ru") == "не менее 3 лет"
    assert years_span(1, 1, "ru") == "1 год"
    assert years_span(5, 8) == "5–8 years"


def test_year_figures_in_russian(core):
    assert "2008: возбуждено 23 дела" in render_text(core.ask("дела 2008"))
    victims = render_text(core.ask("жертвы 2009"))
    assert "2009: 47 жертв (МОМ)" in victims
    assert "2009: 47 victims" not in victims


def test_a_russian_miss_is_russian_with_suggestions_that_work_as_typed(core):
    a = core.ask("наказания 999")
    assert a.kind == "miss" and a.lang == "ru" and a.suggestions
    text = render_text(a)
    assert "Возможно, вы имели в виду: " + " | ".join(a.suggestions) in text
    blocks = answer_blocks(a)
    shown = all_text(blocks)
    assert "Возможно, вы имели в виду:" in shown and "Did you mean" not in shown
    for s in a.suggestions:
        again = core.ask(s)
        assert again.matched and again.lang == "ru", s
    bare = core.ask("погода в москве")
    assert bare.kind == "miss" and not LATIN_WORD.search(render_text(bare))
    plain_miss = Answer("шелтер", "miss", lang="ru")
    assert "В телеграмме этого нет." in all_text(answer_blocks(plain_miss))
    assert answer_text(plain_miss) == "В телеграмме этого нет."


def test_help_in_russian_lists_every_command_and_its_examples_work(core):
    a = core.ask("помощь")
    assert a.kind == "help" and a.lang == "ru"
    text = render_text(a)
    for c in QUERY_COMMANDS:
        if not c.slack_only and c.example != "help":
            assert f"  {c.ru_example} " in text
    assert "Ask about" not in text
    assert a.suggestions == EXAMPLES["ru"]
    for example in (*EXAMPLES["ru"], *(c.ru_example for c in QUERY_COMMANDS if c.example not in ("help", "digest"))):
        answer = core.ask(example)
        assert answer.matched and answer.lang == "ru" and answer.kind != "help", example
    assert core.ask("help").body != a.body and "Ask about" in core.ask("help").body


def test_topics_in_russian(core, kb):
    a = core.ask("темы")
    assert a.kind == "topics" and a.lang == "ru"
    text = render_text(a)
    shown = all_text(answer_blocks(a))
    for para, heading in HEADINGS_RU.items():
        assert f"¶{para} {heading}" in text and f"*¶{para} {heading}*" in shown
    assert "Сама телеграмма" in text
    assert "`приюты`" in shown and "`shelters`" not in shown
    assert set(TOPICS_RU) == {f.topic for f in kb.facts}  # every topic has its Russian name


@pytest.mark.parametrize("topic", sorted(TOPICS_RU))
def test_each_russian_topic_name_answers_that_topic_as_typed(core, topic):
    a = core.ask(TOPICS_RU[topic])
    assert a.matched and a.lang == "ru"
    assert topic in {f.topic for f in a.facts}, (TOPICS_RU[topic], [f.topic for f in a.facts])


def test_a_fact_with_no_russian_side_falls_back_to_english(kb):
    """Translators add `ru:` fact by fact: until then the fact is shown in English, in a Russian frame."""
    facts = tuple(f.model_copy(update={"ru": None}) if f.id == "penalty-130-1" else f for f in kb.facts)
    core = AnswerCore(KnowledgeBase(kb.directory, kb.source, facts))
    a = core.ask("статья 130.1")
    assert a.lang == "ru" and a.facts and a.facts[0].id == "penalty-130-1"
    text = render_text(a, quotes=True)
    fact = a.facts[0]
    assert f"{fact.title} (¶27.B)" in text and fact.answer in text
    assert "Перевод этого факта ещё не готов" in text
    blocks = answer_blocks(a, show_quotes=True)
    assert_slack_safe(blocks)
    shown = all_text(blocks)
    assert escape(fact.title) in shown and "¶27.B · DUSHANBE 000170, 10 фев 2010" in shown
    table = core.ask("наказания")
    assert "Ст. 130.1  trafficking in persons: 5–8 лет" in render_text(table)  # no label: the English text
    assert core.ask("article 130.1").facts[0].id == "penalty-130-1"


CYRILLIC = re.compile("[а-яА-ЯёЁ]")


@pytest.mark.parametrize("split", ["tuning", "held-out"])
def test_every_answer_to_a_russian_eval_question_renders_in_russian(core, split):
    """The whole Russian evaluation set, rendered: every title, note and suggestion line is Russian, and no
    English renderer word (Art., years, Did you mean, Try) is left."""
    from tests.test_eval import load_set

    data = load_set("ru", split)
    assert data is not None
    for q in [item["q"] for item in data["questions"]] + data["off_topic"] + data["near_domain"]:
        a = core.ask(q)
        assert a.lang == "ru", q
        text = render_text(a)
        first = text.splitlines()[0]
        assert CYRILLIC.search(first), (q, first)
        for fact in a.facts:
            assert fact.ru is not None and fact.ru.title in text, (q, fact.id)
        for english in ("Art. ", " years", "Did you mean", "Try:", "You asked", "cable header"):
            assert english not in text, (q, english)
        shown = all_text(answer_blocks(a))
        assert "10 Feb 2010" not in shown and "You asked" not in shown, q
