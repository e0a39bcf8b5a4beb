"""Issue 13.7: a 429's Retry-After is read leniently (fractional too) and waited for only up to a cap,
so one rate-limited reply never holds the reply threads the other answers need."""

from __future__ import annotations

import logging

import pytest
from slack_bolt import App

from bot.core import AnswerCore
from bot.knowledge import load_valid
from bot.settings import load_settings
from bot.slack.app import build_app
from bot.slack.client import DEFAULT_RETRY_AFTER, REPLY_THREADS, retry_after
from bot.slack.deps import Deps
from tests.edge.conftest import wait_until
from tests.ops.conftest import BOT_TOKEN
from tests.ops.helpers import dm
from tests.support.signing import SIGNING_SECRET

RATELIMITED = {"ok": False, "error": "ratelimited"}


@pytest.fixture
def app(web_api, edge_kb) -> App:
    """The production app: real client and retry handlers, real reply thread pool."""
    secrets = {"slack_bot_token": BOT_TOKEN, "slack_signing_secret": SIGNING_SECRET}
    settings = load_settings(env_file=None, slack_api_url=web_api.url, digest_channel=None, **secrets)
    kb = load_valid(edge_kb)
    return build_app(Deps(settings=settings, core=AnswerCore(kb), kb=kb))


def test_a_fractional_retry_after_is_waited_and_the_reply_delivered(app, web_api):
    web_api.respond("chat.postMessage", status=429, headers={"Retry-After": "0.2"}, body=RATELIMITED)
    assert dm(app, "how many shelters", 1) == 200
    _, second = web_api.wait_for("chat.postMessage", count=2)
    assert second.params["text"] and web_api.history["D0DIRECT"][0]["text"] == second.params["text"]


def test_a_long_retry_after_does_not_hold_the_reply_threads(app, web_api, caplog):
    """Every reply thread's call is told to wait 25 s; the next answer is still delivered."""
    web_api.respond(
        "chat.postMessage", status=429, headers={"Retry-After": "25"}, body=RATELIMITED, times=REPLY_THREADS
    )
    with caplog.at_level(logging.WARNING):
        for n in range(REPLY_THREADS + 1):
            assert dm(app, "how many shelters", n) == 200
        calls = web_api.wait_for("chat.postMessage", count=REPLY_THREADS + 1)
        assert len(calls) == REPLY_THREADS + 1  # none retried: each refused call failed at once

        def refused() -> int:
            return sum("Slack asked to wait 25.0 s" in r.getMessage() for r in caplog.records)

        wait_until(lambda: refused() == REPLY_THREADS, 5, "every refused call to be logged")
    assert len(web_api.history["D0DIRECT"]) == 1  # the one Slack accepted


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("2", 2.0),
        ("1.5", 1.5),
        (" 3 ", 3.0),
        (["0.25"], 0.25),
        ("soon", DEFAULT_RETRY_AFTER),
        ("-1", DEFAULT_RETRY_AFTER),
        ("nan", DEFAULT_RETRY_AFTER),
        ("Wed, 21 Oct 2026 07:28:00 GMT", DEFAULT_RETRY_AFTER),
        ([], DEFAULT_RETRY_AFTER),
    ],
)
def test_retry_after_is_read_leniently(value, seconds):
    assert retry_after({"Retry-After": value}) == seconds
    assert retry_after({"retry-after": value}) == seconds
    assert retry_after({}) == DEFAULT_RETRY_AFTER
