"""`tip-bot ask` and `tip-bot chat` as scripts use them: exit codes, --json, stdin batch, no Slack imports."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.cli import main
from bot.commands.chat import session
from bot.core import AnswerCore
from bot.knowledge import default_knowledge_dir, load_valid

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, stdin: bytes = b"", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


@pytest.fixture
def one_fact_dir(tmp_path: Path) -> Path:
    """A fact base holding only the Article 130.1 penalty, to prove --knowledge-dir is the one used."""
    shutil.copytree(default_knowledge_dir() / "source", tmp_path / "source")
    (tmp_path / "facts.yml").write_text(
        textwrap.dedent(
            """\
            facts:
              - id: penalty-130-1
                section: "27.B"
                topic: penalties
                title: "Penalties for trafficking in persons (Article 130.1)"
                answer: "Article 130.1 carries 5 to 8 years' imprisonment."
                articles: ["130.1"]
                quotes:
                  - "Those found guilty of crimes under Article 130.1 are punishable by 5 to 8 years of imprisonment"
                ru:
                  title: "Наказания за торговлю людьми (статья 130.1)"
                  answer: "Статья 130.1 предусматривает от 5 до 8 лет лишения свободы."
            """
        ),
        encoding="utf-8",
    )
    return tmp_path


def test_answer_exits_0(capsys):
    assert main(["ask", "penalties", "130.1"]) == 0
    out = capsys.readouterr().out
    assert "Penalties for trafficking in persons (Article 130.1) (¶27.B)" in out


def test_miss_exits_1(capsys):
    assert main(["ask", "kubernetes"]) == 1
    assert "The cable does not" in capsys.readouterr().out


def test_no_query_is_a_usage_error(capsys):
    assert main(["ask"]) == 2
    assert "give a query" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error(capsys):
    assert main(["ask", "--bogus", "x"]) == 2


def test_missing_knowledge_dir_is_a_config_error(capsys, tmp_path):
    assert main(["ask", "--knowledge-dir", str(tmp_path / "nope"), "shelters"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tip-bot: ") and "does not exist" in err
    assert "Traceback" not in err


def test_json_object(capsys):
    assert main(["ask", "--json", "penalties 999"]) == 1
    obj = json.loads(capsys.readouterr().out)
    assert set(obj) == {"query", "matched", "lang", "text", "facts", "suggestions", "knowledge_dir"}
    assert obj["lang"] == "en"
    assert obj["query"] == "penalties 999"
    assert obj["matched"] is False
    assert obj["facts"] == []
    assert obj["text"].startswith("The cable does not mention article 999.")
    assert all(isinstance(s, str) for s in obj["suggestions"]) and obj["suggestions"]


def test_json_facts(capsys):
    assert main(["ask", "--json", "penalties 130"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["matched"] is True
    assert obj["facts"] == [{"id": "penalty-130", "section": "27.B", "title": "Penalties for kidnapping (Article 130)"}]


def test_quotes_flag(capsys):
    main(["ask", "--quotes", "penalties 130.1"])
    assert '"Those found guilty of crimes under Article 130.1' in capsys.readouterr().out


def test_knowledge_dir_option_and_variable(one_fact_dir, capsys, monkeypatch):
    assert main(["ask", "--knowledge-dir", str(one_fact_dir), "shelters"]) == 1
    assert main(["ask", "--knowledge-dir", str(one_fact_dir), "penalties 130.1"]) == 0
    monkeypatch.setenv("KNOWLEDGE_DIR", str(one_fact_dir))
    assert main(["ask", "shelters"]) == 1
    monkeypatch.delenv("KNOWLEDGE_DIR")
    assert main(["ask", "shelters"]) == 0


def test_stdin_batch_is_json_lines_in_order():
    lines = ["penalties 130.1", "kubernetes", "", "<!channel> shelters", "sheltres", "x" * 3000]
    stdin = "\n".join(lines).encode() + b"\n\xff\xfe broken bytes\n"
    p = run_cli("ask", "--json", "-", stdin=stdin)
    assert p.returncode == 0, p.stderr
    out = [json.loads(line) for line in p.stdout.decode().splitlines()]
    assert len(out) == len(lines) + 1
    assert [o["query"] for o in out[:5]] == lines[:5]
    assert [o["matched"] for o in out[:5]] == [True, False, True, True, True]
    assert out[0]["facts"][0]["id"] == "penalty-130-1"
    assert len(out[5]["query"]) == 500
    assert "\ufffd" in out[6]["query"]


def test_ask_does_not_import_slack():
    code = (
        "import sys, json; from bot.cli import main; rc = main(['ask', 'penalties 130.1']); "
        "print(json.dumps([m for m in sys.modules if m.split('.')[0] in ('slack_sdk', 'slack_bolt', 'bot') "
        "and (m.startswith(('slack_sdk', 'slack_bolt')) or m.startswith('bot.slack'))]))"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=60)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout.decode().splitlines()[-1]) == []


def test_chat_session_answers_until_quit():
    core = AnswerCore(load_valid())
    inputs = iter(["help", "", "penalties 130.1", "QUIT", "never read"])
    out: list[str] = []
    assert session(core, read=lambda _prompt: next(inputs), write=out.append) == 0
    text = "\n".join(out)
    assert "penalties 130.1" in text
    assert "(¶27.B)" in text
    assert next(inputs) == "never read"


def test_chat_survives_ctrl_c_and_ends_on_ctrl_d():
    core = AnswerCore(load_valid())
    events = iter([KeyboardInterrupt(), "shelters", EOFError()])

    def read(_prompt):
        e = next(events)
        if isinstance(e, BaseException):
            raise e
        return e

    out: list[str] = []
    assert session(core, read=read, write=out.append) == 0
    assert any("¶28.B" in line for line in out)


def test_chat_command_with_piped_input():
    p = run_cli("chat", stdin=b"who runs the shelters\n")
    assert p.returncode == 0, p.stderr
    assert "Who funds and runs the trafficking shelters" in p.stdout.decode()
