"""Listeners are module-level functions: a test imports one and calls it with a context holding any
Deps. And the app's state (token health, rendered blocks) belongs to its Deps, not to the process."""

from __future__ import annotations

import json

import pytest
from slack_bolt import Ack, BoltContext

from bot.core import AnswerCore
from bot.settings import load_settings
from bot.slack.deps import CONTEXT_KEY, Deps
from bot.slack.listeners import commands, digest


@pytest.fixture
def deps(kb) -> Deps:
    settings = load_settings(env_file=None, slack_bot_token="xoxb-1-2-abc", digest_channel=None)
    return Deps(settings=settings, core=AnswerCore(kb), kb=kb)


def call(listener, deps: Deps, text: str) -> dict:
    ack = Ack()
    listener(ack=ack, command={"text": text, "user_id": "U1"}, context=BoltContext({CONTEXT_KEY: deps}))
    assert ack.response is not None and ack.response.status == 200
    return json.loads(ack.response.body)


def test_tip_listener_called_directly_answers_in_the_ack(deps):
    reply = call(commands.tip, deps, "penalties 130.1")
    assert reply["response_type"] == "ephemeral"
    assert "130.1" in json.dumps(reply["blocks"])
    assert deps.render.facts  # rendered through this app's cache ...
    again = call(commands.tip, deps, "penalties 130.1")
    assert again != reply  # each answer has its own id for its 👍/👎 (issue 12) ...
    assert rated(again) == rated(reply)  # ... and otherwise the same reply the second time


def rated(reply: dict) -> dict:
    """The reply without the vote buttons' per-answer values."""
    blocks = [b for b in reply["blocks"] if b.get("block_id") != "tip_feedback"]
    return {**reply, "blocks": blocks}


def test_digest_listener_called_directly(deps):
    reply = call(digest.tip_digest, deps, "digest next")
    assert reply["blocks"][0]["type"] == "header" and "day" in reply["blocks"][0]["text"]["text"]
    assert call(digest.tip_digest, deps, "digest someday")["text"].startswith("Try `/tip digest`")


def test_a_broken_core_gets_a_sorry_not_a_traceback(deps):
    class Broken(AnswerCore):
        def ask(self, text: str):
            raise RuntimeError("boom")

    deps.core = Broken(deps.kb)
    assert call(commands.tip, deps, "shelters")["text"] == commands.SORRY


def test_token_health_belongs_to_the_app(deps, kb):
    other = Deps(settings=deps.settings, core=deps.core, kb=kb)
    deps.health.slack_error("token_revoked", "test")
    assert not deps.health.ok and other.health.ok


def test_lazy_listeners_share_the_deps_bolt_copies_the_context_for(deps):
    copied = BoltContext({CONTEXT_KEY: deps}).to_copyable()
    assert copied[CONTEXT_KEY] is deps
