"""`/tip digest` and `/tip digest next` through the Bolt app, signed as Slack signs: answered in the
acknowledgement, ephemeral, no Web API call; other /tip text still reaches the general listener."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from slack_bolt import BoltRequest

from bot.digest.post import headline
from bot.digest.rotation import digest_for
from bot.slack.app import build_app
from bot.slack.deps import Deps
from tests.digest.conftest import make_settings
from tests.support.signing import SIGNING_SECRET, sign, slash_body


@pytest.fixture
def tip(web_api, knowledge_dir, kb, core):
    settings = make_settings(
        web_api.url, knowledge_dir, slack_signing_secret=SIGNING_SECRET, digest_timezone="Asia/Dushanbe"
    )
    app = build_app(Deps(settings=settings, core=core, kb=kb))

    def _tip(text: str) -> tuple[dict, list]:
        """(the ack's JSON, the dates 'today' could be while it ran)"""
        body = slash_body(text)
        before = datetime.now(settings.zone).date()
        resp = app.dispatch(
            BoltRequest(body=body, headers={"content-type": "application/x-www-form-urlencoded", **sign(body)})
        )
        after = datetime.now(settings.zone).date()
        assert resp.status == 200, resp.body
        return json.loads(resp.body), sorted({before, after})

    _tip.settings = settings
    return _tip


@pytest.mark.parametrize(
    ("text", "offset"), [("digest", 0), ("  DIGEST ", 0), ("digest next", 1), ("digest tomorrow", 1)]
)
def test_digest_is_shown_to_the_asker_in_the_ack(tip, kb, web_api, text, offset):
    reply, todays = tip(text)
    assert reply["response_type"] == "ephemeral"
    candidates = {headline(d): d for d in (digest_for(kb.facts, t + timedelta(days=offset), 3) for t in todays)}
    d = candidates[reply["blocks"][0]["text"]["text"]]
    shown = json.dumps(reply["blocks"], ensure_ascii=False)
    for fact in d.facts:
        assert fact.citation in shown
    # answered inline: nothing posted (Bolt's own auth.test aside), no response_url
    assert {c.method for c in web_api.calls} <= {"auth.test"}


def test_next_is_the_day_after_today(tip):
    today, _ = tip("digest")
    nxt, _ = tip("digest next")
    assert today["blocks"][0]["text"]["text"] != nxt["blocks"][0]["text"]["text"]


def test_unknown_digest_word_gets_usage(tip):
    reply, _ = tip("digest yesterday <!channel>")
    assert reply["response_type"] == "ephemeral"
    assert "/tip digest next" in reply["text"] and "<!channel>" not in json.dumps(reply)


@pytest.mark.parametrize("text", ["digestion", "shelters digest", "penalties 130.1", ""])
def test_other_text_goes_to_the_general_listener(tip, text):
    reply, _ = tip(text)
    assert not reply.get("blocks") or not reply["blocks"][0].get("text", {}).get("text", "").startswith("TIP briefing")
