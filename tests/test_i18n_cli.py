"""The terminal in both languages: `ask` answers in the query's language, `--lang` forces one, `--json`
says which; `chat` answers each question in its own language."""

from __future__ import annotations

import json

import pytest

from bot.cli import main
from bot.commands.chat import session
from bot.core import AnswerCore
from bot.knowledge import load_valid
from tests.test_cli_ask import run_cli


def test_a_russian_query_is_answered_in_russian(capsys):
    assert main(["ask", "наказание за торговлю людьми"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Наказание за торговлю людьми (статья 130.1) (¶27.B)\n")
    assert "Penalties for" not in out


@pytest.mark.parametrize(
    ("args", "lang", "title"),
    [
        (["penalties 130.1"], "en", "Penalties for trafficking in persons (Article 130.1)"),
        (["наказания 130.1"], "ru", "Наказание за торговлю людьми (статья 130.1)"),
        (["--lang", "ru", "penalties 130.1"], "ru", "Наказание за торговлю людьми (статья 130.1)"),
        (["--lang", "en", "наказания 130.1"], "en", "Penalties for trafficking in persons (Article 130.1)"),
        (["--lang", "en", "приюты для жертв"], "en", "How many shelters for trafficking victims, and where"),
        (["--lang", "ru", "how many shelters"], "ru", "Сколько приютов для жертв торговли людьми и где они находятся"),
    ],
)
def test_lang_option_and_json_lang(capsys, args, lang, title):
    assert main(["ask", "--json", *args]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["lang"] == lang
    assert obj["text"].startswith(title), obj["text"][:120]


def test_json_lang_of_a_russian_miss(capsys):
    assert main(["ask", "--json", "погода в москве"]) == 1
    obj = json.loads(capsys.readouterr().out)
    assert obj["lang"] == "ru" and obj["matched"] is False
    assert obj["text"].startswith("В телеграмме")


def test_an_unknown_language_is_a_usage_error(capsys):
    assert main(["ask", "--lang", "de", "shelters"]) == 2
    assert "invalid choice: 'de'" in capsys.readouterr().err


def test_stdin_batch_answers_each_line_in_its_own_language():
    p = run_cli("ask", "--json", "-", stdin="приюты\nshelters\n".encode())
    assert p.returncode == 0, p.stderr
    ru, en = (json.loads(line) for line in p.stdout.decode().splitlines())
    assert (ru["lang"], en["lang"]) == ("ru", "en")
    assert ru["text"].startswith("Сколько приютов") and en["text"].startswith("How many shelters")
    forced = run_cli("ask", "--json", "--lang", "ru", "-", stdin=b"shelters\n")
    assert json.loads(forced.stdout.decode())["lang"] == "ru"


def test_chat_answers_each_question_in_its_language():
    core = AnswerCore(load_valid())
    inputs = iter(["помощь", "кто управляет приютами", "who runs the shelters", "выход", "never read"])
    out: list[str] = []
    assert session(core, read=lambda _prompt: next(inputs), write=out.append) == 0
    help_ru, ru, en = (x for x in out[1:] if x)
    assert help_ru.startswith("Спросите о телеграмме DUSHANBE 000170")
    assert ru.startswith("Кто финансирует приюты и управляет ими (¶28.B)")
    assert en.startswith("Who funds and runs the trafficking shelters (¶28.B)")
    assert next(inputs) == "never read"


@pytest.mark.parametrize("query", ["приюты", "shelters"])
def test_a_terminal_that_cannot_show_the_answer_gets_no_traceback(query):
    """An ASCII-only terminal (PYTHONIOENCODING=ascii, an old LANG): '?' for what it cannot show."""
    p = run_cli("ask", query, env={"PYTHONIOENCODING": "ascii"})
    assert p.returncode == 0
    assert b"Traceback" not in p.stderr and p.stderr == b""
    assert b"(?28.B)" in p.stdout  # the pilcrow, replaced
