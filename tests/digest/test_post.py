"""One digest post through the Web API stand-in: facts, citations and the metadata marker go out; the
marker stops a second post; Slack's refusals are logged with the fix and never raised."""

from __future__ import annotations

import json
import logging
from datetime import date, timedelta

import pytest

from bot.digest.post import EVENT_TYPE, digest_blocks, headline, post_digest
from bot.digest.rotation import digest_for
from bot.slack.client import make_client
from tests.digest.conftest import CHANNEL

DAY = date(2026, 12, 1)


def _post(settings, kb, day=DAY):
    return post_digest(make_client(settings), CHANNEL, digest_for(kb.facts, day, settings.digest_facts))


def _j(value):
    """Parameters arrive form-encoded (JSON strings) or as a JSON body (objects)."""
    return json.loads(value) if isinstance(value, str) else value


def _texts(blocks) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_post_carries_headline_facts_citations_and_metadata(web_api, settings, kb):
    result = _post(settings, kb)
    assert result.posted and not result.already_posted and result.ok
    (call,) = web_api.calls_to("chat.postMessage")
    assert call.params["channel"] == CHANNEL
    assert _j(call.params["metadata"]) == {"event_type": EVENT_TYPE, "event_payload": {"date": "2026-12-01"}}
    blocks = _j(call.params["blocks"])
    digest = digest_for(kb.facts, DAY, settings.digest_facts)
    assert blocks[0]["type"] == "header" and blocks[0]["text"]["text"] == headline(digest)
    assert "1 Dec 2026" in blocks[0]["text"]["text"]
    text = _texts(blocks)
    assert len(digest.facts) == settings.digest_facts
    for fact in digest.facts:
        assert fact.citation in text
        assert fact.title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in text
    assert "/tip" in blocks[-1]["elements"][0]["text"]
    assert call.params["text"].startswith(headline(digest))  # notification text


def test_second_post_the_same_day_is_refused_by_the_marker(web_api, settings, kb):
    assert _post(settings, kb).posted
    again = _post(settings, kb)
    assert again.already_posted and not again.posted
    assert len(web_api.calls_to("chat.postMessage")) == 1
    history = web_api.calls_to("conversations.history")
    assert all(str(c.params.get("include_all_metadata")).lower() in ("1", "true") for c in history)


def test_another_days_digest_is_not_todays(web_api, settings, kb):
    assert _post(settings, kb, date(2026, 11, 30)).posted
    assert _post(settings, kb, DAY).posted
    assert [_j(c.params["metadata"])["event_payload"]["date"] for c in web_api.calls_to("chat.postMessage")] == [
        "2026-11-30",
        "2026-12-01",
    ]


def test_a_message_from_someone_else_with_the_date_is_not_a_marker(web_api, settings, kb):
    client = make_client(settings)
    client.chat_postMessage(channel=CHANNEL, text="TIP briefing · 1 Dec 2026 - 2026-12-01")
    client.chat_postMessage(
        channel=CHANNEL, text="x", metadata={"event_type": "other_app", "event_payload": {"date": "2026-12-01"}}
    )
    assert _post(settings, kb).posted


def test_a_digest_whose_metadata_was_stripped_is_still_recognised(web_api, settings, kb):
    assert _post(settings, kb).posted
    for m in web_api.history[CHANNEL]:
        m.pop("metadata")
    assert _post(settings, kb).already_posted
    assert _post(settings, kb, date(2026, 12, 2)).posted  # but only for its own day
    assert len(web_api.calls_to("chat.postMessage")) == 2


def test_marker_found_behind_a_busy_channel(web_api, settings, kb):
    """The check pages through history: 450 messages after the digest do not hide it."""
    assert _post(settings, kb).posted
    for i in range(450):
        web_api.history[CHANNEL].append({"type": "message", "user": "U1", "ts": f"1800000000.{i:06d}", "text": "hi"})
    assert _post(settings, kb).already_posted
    assert len(web_api.calls_to("conversations.history")) >= 3 + 1  # 3 pages the second time
    assert len(web_api.calls_to("chat.postMessage")) == 1


@pytest.mark.parametrize(
    ("method", "error", "fix"),
    [
        ("conversations.history", "not_in_channel", "/invite @tip-bot"),
        ("chat.postMessage", "not_in_channel", "/invite @tip-bot"),
        ("conversations.history", "channel_not_found", "DIGEST_CHANNEL"),
        ("chat.postMessage", "is_archived", "archived"),
    ],
)
def test_refusals_are_logged_with_the_fix_and_not_raised(web_api, settings, kb, caplog, method, error, fix):
    web_api.fail(method, error)
    with caplog.at_level(logging.ERROR, logger="bot.digest"):
        result = _post(settings, kb)
    assert not result.ok and result.error == error and not result.retry_today
    assert not result.posted
    line = next(r.getMessage() for r in caplog.records if r.name == "bot.digest")
    assert error in line and fix in line and "2026-12-01" in line and CHANNEL in line
    assert web_api.history.get(CHANNEL, []) == []


def test_429_is_retried_after_retry_after_and_then_posts(web_api, settings, kb):
    web_api.respond(
        "chat.postMessage", status=429, body={"ok": False, "error": "ratelimited"}, headers={"Retry-After": "0"}
    )
    result = _post(settings, kb)
    assert result.posted
    assert len(web_api.calls_to("chat.postMessage")) == 2
    assert len(web_api.history[CHANNEL]) == 1


def test_429_that_does_not_end_is_a_temporary_failure(web_api, settings, kb, caplog):
    web_api.respond(
        "conversations.history",
        status=429,
        body={"ok": False, "error": "ratelimited"},
        headers={"Retry-After": "0"},
        times=5,
    )
    with caplog.at_level(logging.ERROR, logger="bot.digest"):
        result = _post(settings, kb)
    assert result.error == "ratelimited" and result.retry_today
    assert "ratelimited" in caplog.text and "HTTP 429" in caplog.text
    assert web_api.calls_to("chat.postMessage") == []  # unverified: never post blind


def test_unreachable_slack_is_logged_not_raised(settings, kb, caplog, knowledge_dir):
    from tests.digest.conftest import make_settings

    dead = make_settings("http://127.0.0.1:9/api/", knowledge_dir)  # port 9: nothing listens
    client = make_client(dead, timeout=1)
    client.retry_handlers = []
    with caplog.at_level(logging.ERROR, logger="bot.digest"):
        result = post_digest(client, CHANNEL, digest_for(kb.facts, DAY, 3))
    assert not result.ok and result.retry_today
    assert "not posted" in caplog.text


def test_blocks_stay_within_slack_limits_for_the_largest_post(kb):
    for d in (DAY + timedelta(days=i) for i in range(60)):
        blocks = digest_blocks(digest_for(kb.facts, d, 10))
        assert len(blocks) <= 50
        assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in blocks)
        assert len(blocks[0]["text"]["text"]) <= 150  # header limit
