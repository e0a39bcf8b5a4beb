"""Logs: one INFO line per request/event saying what was asked, what answered and how long it took;
JSON when LOG_FORMAT=json; the configured secrets masked whatever a handler prints."""

from __future__ import annotations

import io
import json
import logging

import pytest
from slack_bolt import BoltRequest

from bot.logs import log_answer, setup_logging
from bot.settings import load_settings
from tests.ops.conftest import APP_TOKEN, BOT_TOKEN
from tests.ops.helpers import dm
from tests.support.signing import SIGNING_SECRET, action_body, sign, slash_body


@pytest.fixture
def captured(slack_env, monkeypatch):
    """The bot's own logging set-up (JSON), writing into a buffer; restored afterwards."""
    monkeypatch.setenv("LOG_FORMAT", "json")
    monkeypatch.setenv("LOG_LEVEL", "DEBUG")
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    out = io.StringIO()
    setup_logging(load_settings(env_file=None), stream=out)
    yield out
    root.handlers[:], _ = saved
    root.setLevel(saved[1])


def records(out: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in out.getvalue().splitlines()]


def answers(out: io.StringIO) -> list[dict]:
    return [r for r in records(out) if r["logger"] == "bot.answers"]


def test_one_line_per_slash_command_dm_and_click(app, web_api, captured):
    body = slash_body("penalties 130.1")
    assert app.dispatch(BoltRequest(body=body, headers={**sign(body)})).status == 200
    assert dm(app, "how many shelters", 1) == 200
    body = action_body("tip_source", "how many shelters", response_url=web_api.response_url("c1"))
    assert app.dispatch(BoltRequest(body=body, headers={**sign(body)})).status == 200

    lines = answers(captured)
    assert [(r["kind"], r["query"]) for r in lines] == [
        ("/tip", "penalties 130.1"),
        ("dm", "how many shelters"),
        ("source", "how many shelters"),
    ]
    assert lines[0]["answer"] == "facts penalties-130-1"
    assert lines[1]["answer"] == "facts shelters-count" and lines[1]["delivered"] is True
    assert all(r["level"] == "INFO" and isinstance(r["ms"], float | int) and r["ms"] >= 0 for r in lines)


def test_text_format_says_it_in_one_line(slack_env):
    out = io.StringIO()
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        setup_logging(load_settings(env_file=None), stream=out)
        log_answer("/tip", "  what\nabout <!channel>  ", "miss", 0.4321, user="U1")
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
    (line,) = out.getvalue().splitlines()
    assert "INFO bot.answers: /tip 'what about <!channel>' -> miss in 0.4 ms user=U1" in line


def test_huge_queries_are_shortened(captured):
    log_answer("dm", "x" * 10_000, "miss", 1.0)
    (line,) = answers(captured)
    assert len(line["query"]) <= 201


def test_secrets_are_masked_in_any_log_line(captured):
    log = logging.getLogger("bot.anything")
    log.error("a careless line: %s %s %s", BOT_TOKEN, APP_TOKEN, SIGNING_SECRET)
    try:
        raise RuntimeError(f"token {BOT_TOKEN} refused")
    except RuntimeError:
        log.exception("with a traceback")
    text = captured.getvalue()
    for secret in (BOT_TOKEN, APP_TOKEN, SIGNING_SECRET):
        assert secret not in text
    assert "xoxb-…[redacted]" in text and "xapp-…[redacted]" in text
