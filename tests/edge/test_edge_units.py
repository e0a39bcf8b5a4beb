"""The edge's pieces on their own: the signature check against slack_sdk's, the parser, Bolt's bug."""

from __future__ import annotations

import asyncio
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from slack_bolt.request.internals import parse_body
from slack_sdk.signature import SignatureVerifier

from bot.slack import edge
from bot.slack.edge import EdgeRequest, Signature, parse, signature_ok
from tests.support.signing import SIGNING_SECRET, action_body, slash_body


@given(body=st.binary(max_size=300).filter(lambda b: b.isascii()) | st.text(max_size=300).map(str.encode))
def test_our_check_agrees_with_slack_sdk(body):
    ts = str(int(time.time()))
    good = SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp=ts, body=body)
    assert good is not None
    assert signature_ok(SIGNING_SECRET.encode(), ts.encode(), body, good.encode())
    assert not signature_ok(b"another-secret-value", ts.encode(), body, good.encode())
    assert not signature_ok(SIGNING_SECRET.encode(), ts.encode(), body + b"x", good.encode())
    streamed = Signature(SIGNING_SECRET.encode(), ts.encode())  # fed in pieces, as a body arrives
    for i in range(0, len(body), 7):
        streamed.update(body[i : i + 7])
    assert streamed.matches(good.encode())


def test_interactive_payloads_still_parse_as_payloads():
    _, body = parse(action_body("tip_source", "payload shelters").encode(), "application/x-www-form-urlencoded")
    assert body["type"] == "block_actions" and body["actions"][0]["value"] == "payload shelters"


def test_lazy_listener_copies_keep_the_parsed_body():
    raw = slash_body("the payload")
    _, body = parse(raw.encode(), "application/x-www-form-urlencoded")
    req = EdgeRequest(raw_body=raw, body=body, query="", headers={})
    copy = req.to_copyable()
    assert copy.body["text"] == "the payload" and copy.raw_body == raw and copy.mode == "http"
    assert copy.context.get("team_id") == "T0TEST"


def test_bolt_still_has_the_bug():
    """When this fails, Bolt parses such bodies itself: drop EdgeRequest and hand Bolt the raw body."""
    assert parse_body(slash_body("the payload"), "application/x-www-form-urlencoded") == {}


def test_a_body_that_stops_arriving_is_408_and_gives_its_budget_back(monkeypatch):
    monkeypatch.setattr(edge, "BODY_TIMEOUT", 0.05)  # the production bound is 10 s
    budget = edge.BodyBudget()

    async def trickle():
        if getattr(trickle, "sent", False):
            await asyncio.sleep(3600)  # the client went quiet mid-body
        trickle.sent = True  # type: ignore[attr-defined]
        return {"type": "http.request", "body": b"a" * 200_000, "more_body": True}

    with pytest.raises(edge.Rejected) as e:
        asyncio.run(edge.read_body(trickle, budget, Signature(b"secret", b"1")))
    assert e.value.status == 408 and budget.used == 0
