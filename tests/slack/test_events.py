"""Events API through the wire: DMs, @mentions, retries, bots, url_verification, Web API failures."""

from __future__ import annotations

import json
import logging

from tests.slack.blocks import all_text, assert_slack_safe, blocks_of
from tests.support.signing import event_body

QUERY = "penalties 130.1"


def dm(text: str = QUERY, ts: str = "1700000001.000100", **extra) -> dict:
    return {
        "type": "message",
        "channel_type": "im",
        "channel": "D0DIRECT",
        "user": "U123ASKER",
        "text": text,
        "ts": ts,
        "event_ts": ts,
        **extra,
    }


def mention(text: str = f"<@UBOT> {QUERY}", ts: str = "1700000002.000100", **extra) -> dict:
    return {
        "type": "app_mention",
        "channel": "C0CHAN",
        "user": "U123ASKER",
        "text": text,
        "ts": ts,
        "event_ts": ts,
        **extra,
    }


def post_event(send, event: dict, event_id: str, retry: int | None = None):
    headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else None
    reply = send(event_body(event, event_id=event_id), json_body=True, headers=headers)
    assert reply.status == 200
    return reply


def posts(web_api):
    return web_api.calls_to("chat.postMessage")


def test_url_verification_echoes_the_challenge(send, web_api):
    body = json.dumps(
        {"token": "t", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", "type": "url_verification"}
    )
    reply = send(body, json_body=True)
    assert reply.status == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in reply.body


def test_direct_message_is_answered_in_the_dm(send, web_api):
    post_event(send, dm(), "EvDM1")
    [call] = posts(web_api)
    assert call.params["channel"] == "D0DIRECT"
    assert "thread_ts" not in call.params
    blocks = blocks_of(call.params)
    assert_slack_safe(blocks)
    assert "¶27.B · DUSHANBE 000170, 10 Feb 2010" in all_text(blocks)
    assert call.token == "xoxb-1-2-testbottoken"
    assert "link_names" not in call.params and "parse" not in call.params


def test_mention_is_answered_in_its_thread_without_the_mention(send, web_api):
    post_event(send, mention(), "EvMENTION1")
    [call] = posts(web_api)
    assert call.params["channel"] == "C0CHAN"
    assert call.params["thread_ts"] == "1700000002.000100"
    shown = all_text(blocks_of(call.params))
    assert "¶27.B" in shown
    assert "UBOT" not in shown  # the @tip-bot that addressed the question is not part of it


def test_mention_inside_a_thread_stays_in_that_thread(send, web_api):
    post_event(send, mention(thread_ts="1699999999.000100"), "EvMENTION2")
    assert posts(web_api)[0].params["thread_ts"] == "1699999999.000100"


def test_retried_event_is_answered_once(send, web_api):
    post_event(send, dm(), "EvRETRY")
    post_event(send, dm(), "EvRETRY", retry=1)
    post_event(send, dm(), "EvRETRY", retry=2)
    assert len(posts(web_api)) == 1


def test_message_delivered_as_dm_and_mention_is_answered_once(send, web_api):
    ts = "1700000003.000100"
    post_event(send, dm(f"<@UBOT> {QUERY}", ts=ts), "EvBOTH1")
    post_event(send, mention(ts=ts, channel="D0DIRECT"), "EvBOTH2")
    assert len(posts(web_api)) == 1


def test_bots_edits_joins_and_other_subtypes_get_no_answer(send, web_api):
    ignored = [
        dm(bot_id="BOTHER", user=None),  # another bot, no user
        dm(bot_id="BOTHER"),  # a bot posting as a user
        dm(subtype="bot_message", bot_id="BOTHER"),
        dm(user="UBOT", bot_id="BBOT"),  # ourselves
        dm(subtype="message_changed", message={"text": QUERY, "user": "U123ASKER"}),
        dm(subtype="message_deleted"),
        dm(subtype="channel_join"),
        dm(subtype="file_share", text=""),  # a file alone: no question
        dm(subtype="me_message", text="is reading penalties 130.1"),  # /me narrates; see events.ANSWERED_SUBTYPES
        mention(subtype="me_message"),
        {**dm(), "channel_type": "channel", "channel": "C0CHAN"},  # channel chatter without a mention
        mention(bot_id="BOTHER"),
        mention(subtype="bot_message"),
    ]
    for i, event in enumerate(ignored):
        post_event(send, {k: v for k, v in event.items() if v is not None}, f"EvIGNORED{i}")
    assert posts(web_api) == []
    post_event(send, dm(), "EvREAL")  # and the app still answers people
    assert len(posts(web_api)) == 1


def test_our_own_answer_coming_back_does_not_loop(send, web_api):
    post_event(send, dm(), "EvLOOP1")
    assert len(posts(web_api)) == 1
    echoed = {**web_api.history["D0DIRECT"][0], "channel": "D0DIRECT", "channel_type": "im"}
    post_event(send, echoed, "EvLOOP2")
    assert len(posts(web_api)) == 1


def test_web_api_errors_are_logged_and_the_app_carries_on(send, web_api, caplog):
    caplog.set_level(logging.ERROR, logger="bot.slack")
    web_api.fail("chat.postMessage", "not_in_channel")
    web_api.fail("chat.postMessage", "channel_not_found")
    post_event(send, mention(ts="1700000010.000100"), "EvFAIL1")
    post_event(send, dm(ts="1700000011.000100"), "EvFAIL2")
    assert "not_in_channel" in caplog.text and "channel_not_found" in caplog.text
    assert "Traceback" not in caplog.text
    post_event(send, dm(ts="1700000012.000100"), "EvFAIL3")
    assert [c.params.get("channel") for c in posts(web_api)] == ["C0CHAN", "D0DIRECT", "D0DIRECT"]


def test_server_errors_and_rate_limits_are_retried(send, web_api):
    web_api.respond("chat.postMessage", status=503, body={"ok": False, "error": "service_unavailable"})
    web_api.respond(
        "chat.postMessage", status=429, body={"ok": False, "error": "ratelimited"}, headers={"Retry-After": "0"}
    )
    post_event(send, dm(), "EvRETRIED")
    assert len(posts(web_api)) == 3  # 503, 429, then the answer
    assert web_api.history["D0DIRECT"]  # it landed


def test_unreachable_web_api_is_logged_not_raised(send, web_api, caplog):
    caplog.set_level(logging.ERROR, logger="bot.slack")
    post_event(send, mention(ts="1700000020.000100"), "EvWARM")  # auth.test cached first
    web_api.stop()
    post_event(send, dm(ts="1700000021.000100"), "EvDOWN")
    assert "chat.postMessage (answer) failed" in caplog.text
