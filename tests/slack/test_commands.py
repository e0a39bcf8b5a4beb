"""/tip through the wire: signed form posts into the Bolt app, answered inside the acknowledgement."""

from __future__ import annotations

import time

from bot.render_blocks import ACTION_SHARE, ACTION_SOURCE
from bot.render_feedback import ACTION_VOTE_DOWN, ACTION_VOTE_UP
from tests.slack.blocks import action_ids, all_text, assert_slack_safe
from tests.support.signing import slash_body


def test_answer_is_ephemeral_cited_and_needs_no_web_api_call(send, web_api):
    reply = send(slash_body("penalties 130.1"))
    assert reply.status == 200
    msg = reply.json
    assert msg["response_type"] == "ephemeral"
    assert_slack_safe(msg["blocks"])
    text = all_text(msg["blocks"])
    assert "¶27.B · DUSHANBE 000170, 10 Feb 2010" in text
    assert "130.1" in text
    assert action_ids(msg["blocks"]) == [ACTION_SHARE, ACTION_SOURCE, ACTION_VOTE_UP, ACTION_VOTE_DOWN]
    assert [c.method for c in web_api.calls if c.method != "auth.test"] == []  # answered inline
    assert "link_names" not in msg and "parse" not in msg


def test_at_most_three_facts(send):
    msg = send(slash_body("shelters")).json
    assert 1 <= sum(1 for b in msg["blocks"] if "DUSHANBE 000170, 10 Feb 2010" in str(b)) <= 3


def test_help_and_empty_show_help_with_topics(send):
    for text in ("", "help", "   "):
        msg = send(slash_body(text)).json
        assert_slack_safe(msg["blocks"])
        shown = all_text(msg["blocks"])
        assert "penalties 130.1" in shown  # the commands
        assert "¶27 Investigation and Prosecution" in shown and "`shelters`" in shown  # the topics


def test_miss_offers_did_you_mean_buttons(send):
    msg = send(slash_body("article 999")).json
    assert_slack_safe(msg["blocks"])
    assert "does not mention article 999" in all_text(msg["blocks"])
    buttons = [e for b in msg["blocks"] if b["type"] == "actions" and b["block_id"] == "tip" for e in b["elements"]]
    assert buttons and all(e["action_id"].startswith("tip_suggest_") for e in buttons)
    assert buttons[0]["value"].startswith("article ")
    assert len({e["action_id"] for e in buttons}) == len(buttons)  # unique within the message


def test_mentions_in_the_query_are_escaped_never_pings(send):
    msg = send(slash_body("<!channel> <@U999> <!subteam^S1> shelters & <https://x.example|click>")).json
    assert_slack_safe(msg["blocks"])
    shown = all_text(msg["blocks"])
    assert "&lt;!channel&gt; &lt;@U999&gt;" in shown
    assert "<@U999>" not in str(msg) and "<https://x.example" not in str(msg)
    assert "&amp;" in shown


def test_ten_thousand_characters_get_an_answer_within_limits(send):
    for text in ("shelters " * 1111, "x" * 10_000, "ü<>&" * 2500):
        reply = send(slash_body(text))
        assert reply.status == 200
        assert_slack_safe(reply.json["blocks"])
        assert len(reply.json["text"]) < 4000


def test_forged_signature_and_stale_timestamp_are_refused(send, web_api):
    forged = send(slash_body("shelters"), secret="not-the-signing-secret")
    stale = send(slash_body("shelters"), timestamp=int(time.time()) - 301)
    assert (forged.status, stale.status) == (401, 401)
    assert "DUSHANBE" not in forged.body + stale.body
    assert web_api.calls == []  # nothing answered, not even auth.test


def test_unsigned_body_tampered_after_signing_is_refused(app, web_api):
    from slack_bolt import BoltRequest

    from tests.support.signing import sign

    headers = {"content-type": "application/x-www-form-urlencoded", **sign(slash_body("shelters"))}
    resp = app.dispatch(BoltRequest(body=slash_body("penalties"), headers=headers))
    assert resp.status == 401
