"""Button clicks through the wire: acknowledged at once, answered through response_url (the stand-in)."""

from __future__ import annotations

import json
import logging
from urllib.parse import parse_qs, urlencode

from bot.render_blocks import ACTION_SHARE, ACTION_SOURCE
from bot.render_feedback import ACTION_VOTE_DOWN, ACTION_VOTE_UP
from tests.slack.blocks import action_ids, all_text, assert_slack_safe, blocks_of
from tests.support.signing import action_body

QUERY = "penalties 130.1"


def click(send, web_api, action_id: str, value: str = QUERY, **kwargs):
    reply = send(action_body(action_id, value, response_url=web_api.response_url("click"), **kwargs))
    assert reply.status == 200
    assert reply.body == ""  # a bare acknowledgement: the answer goes through response_url
    return reply


def test_share_posts_visibly_saying_who_shared(send, web_api):
    click(send, web_api, ACTION_SHARE)
    [post] = web_api.calls_to("chat.postMessage")
    assert post.params["channel"] == "C0CHAN"
    blocks = blocks_of(post.params)
    assert_slack_safe(blocks)
    shown = all_text(blocks)
    assert "<@U123ASKER> shared" in shown and "<@U123ASKER> shared" in post.params["text"]
    assert "¶27.B · DUSHANBE 000170, 10 Feb 2010" in shown
    assert action_ids(blocks) == [ACTION_VOTE_UP, ACTION_VOTE_DOWN]  # for its readers: only 👍/👎
    [done] = web_api.calls_to("response_url")
    assert done.params.get("delete_original") is True  # the private copy goes away


def test_share_where_the_bot_is_not_a_member_falls_back_to_response_url(send, web_api, caplog):
    caplog.set_level(logging.ERROR, logger="bot.slack")
    web_api.fail("chat.postMessage", "not_in_channel")
    click(send, web_api, ACTION_SHARE)
    posted, deleted = web_api.calls_to("response_url")
    assert posted.params["response_type"] == "in_channel"
    assert "<@U123ASKER> shared" in all_text(blocks_of(posted.params))
    assert deleted.params.get("delete_original") is True
    assert "not_in_channel" in caplog.text


def test_share_that_cannot_be_posted_at_all_tells_the_user(send, web_api):
    web_api.fail("chat.postMessage", "channel_not_found")
    web_api.respond("response_url", status=404, body={"ok": False, "error": "expired_url"})
    click(send, web_api, ACTION_SHARE)
    *_, notice = web_api.calls_to("response_url")
    assert notice.params["response_type"] == "ephemeral" and "could not share" in notice.params["text"]


def test_show_source_adds_the_verbatim_quote(send, web_api, kb):
    click(send, web_api, ACTION_SOURCE)
    [call] = web_api.calls_to("response_url")
    assert call.params["replace_original"] is True
    blocks = blocks_of(call.params)
    assert_slack_safe(blocks)
    quote = " ".join(kb.by_id["penalty-130-1"].quotes[0].split())
    assert quote[:60] in all_text(blocks).replace("&amp;", "&")
    assert ACTION_SOURCE not in action_ids(blocks) and ACTION_SHARE in action_ids(blocks)


def test_suggestion_button_runs_the_suggested_query(send, web_api):
    click(send, web_api, "tip_suggest_1", value="shelters")
    [call] = web_api.calls_to("response_url")
    shown = all_text(blocks_of(call.params))
    assert "¶28" in shown and "shelter" in shown.lower()


def test_clicks_in_a_dm_answer_do_not_offer_share(send, web_api):
    message_container = {"type": "message", "message_ts": "1.2", "channel_id": "D0DIRECT", "is_ephemeral": False}
    body = action_body(ACTION_SOURCE, QUERY, response_url=web_api.response_url("dm"), channel_id="D0DIRECT")
    payload = json.loads(parse_qs(body)["payload"][0])
    payload["container"] = message_container
    send(urlencode({"payload": json.dumps(payload)}))
    [call] = web_api.calls_to("response_url")
    assert ACTION_SHARE not in action_ids(blocks_of(call.params))


def test_forged_click_is_refused(send, web_api):
    reply = send(action_body(ACTION_SHARE, QUERY, response_url=web_api.response_url()), secret="wrong")
    assert reply.status == 401
    assert web_api.calls == []
