"""Every Slack surface answers a Russian question in Russian, through the wire (signed requests into the
app, its Web API calls to the stand-in): /tip, DMs, mentions, the buttons, help, App Home and its switch.
An English question on the same app stays English."""

from __future__ import annotations

import json

import pytest

from bot.render_blocks import ACTION_SOURCE, ACTION_SUGGEST, escape
from bot.slack.listeners.home import ACTION_HOME_LANG
from tests.slack.blocks import action_ids, all_text, assert_slack_safe, blocks_of
from tests.slack.test_events import dm, mention, post_event, posts
from tests.support.signing import action_body, event_body, slash_body

RU = "наказание за торговлю людьми"
RU_TITLE = "Наказание за торговлю людьми (статья 130.1)"
RU_CITE = "¶27.B · DUSHANBE 000170, 10 фев 2010"
EN_TITLE = "Penalties for trafficking in persons (Article 130.1)"


def no_english_chrome(shown: str) -> None:
    for word in ("You asked", "Share in channel", "Show source", "Did you mean", "10 Feb 2010", EN_TITLE):
        assert word not in shown


def test_slash_command_in_russian(send, web_api):
    msg = send(slash_body(RU)).json
    assert msg["response_type"] == "ephemeral"
    assert_slack_safe(msg["blocks"])
    shown = all_text(msg["blocks"])
    assert RU_TITLE in shown and RU_CITE in shown and f"Вы спросили: {RU}" in shown
    no_english_chrome(shown)
    assert msg["text"] == f"{RU_TITLE} (¶27.B)"
    labels = [e["text"]["text"] for b in msg["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert labels[:2] == ["Поделиться в канале", "Показать источник"]


def test_slash_command_in_english_on_the_same_app(send):
    send(slash_body(RU))
    shown = all_text(send(slash_body("penalties 130.1")).json["blocks"])
    assert EN_TITLE in shown and "¶27.B · DUSHANBE 000170, 10 Feb 2010" in shown
    assert RU_TITLE not in shown and "Вы спросили" not in shown


def test_russian_help_lists_russian_commands_and_topics(send):
    shown = all_text(send(slash_body("помощь")).json["blocks"])
    assert "наказания 130.1" in shown and "¶27 Расследование и уголовное преследование" in shown
    assert "`приюты`" in shown
    assert "Investigation and Prosecution" not in shown and "`shelters`" not in shown
    english = all_text(send(slash_body("help")).json["blocks"])  # the other language's cached topics
    assert "¶27 Investigation and Prosecution" in english and "Расследование" not in english


def test_russian_miss_offers_russian_suggestions_that_answer_in_russian(send, web_api):
    msg = send(slash_body("наказания 999")).json
    shown = all_text(msg["blocks"])
    assert "Статья 999 в телеграмме не упоминается" in shown and "Возможно, вы имели в виду:" in shown
    [suggest] = [e for b in msg["blocks"] if b["type"] == "actions" for e in b["elements"]][:1]
    assert suggest["action_id"] == f"{ACTION_SUGGEST}_0"
    send(action_body(suggest["action_id"], suggest["value"], response_url=web_api.response_url("s")))
    [call] = web_api.calls_to("response_url")
    answered = all_text(blocks_of(call.params))
    assert "10 фев 2010" in answered and "10 Feb 2010" not in answered


def test_show_source_in_russian_heads_the_english_quote(send, web_api, kb):
    send(action_body(ACTION_SOURCE, RU, response_url=web_api.response_url("src")))
    [call] = web_api.calls_to("response_url")
    blocks = blocks_of(call.params)
    assert_slack_safe(blocks)
    shown = all_text(blocks)
    quote = kb.by_id["penalty-130-1"].quotes[0]
    assert "*Оригинал (англ.):*" in shown and escape(" ".join(quote.split())) in shown
    assert RU_TITLE in shown and ACTION_SOURCE not in action_ids(blocks)


def test_direct_message_in_russian(send, web_api):
    post_event(send, dm(RU), "EvRUDM")
    [call] = posts(web_api)
    blocks = blocks_of(call.params)
    assert_slack_safe(blocks)
    shown = all_text(blocks)
    assert RU_TITLE in shown and RU_CITE in shown
    no_english_chrome(shown)
    assert call.params["text"] == f"{RU_TITLE} (¶27.B)"


def test_mention_in_russian_with_latin_words(send, web_api):
    post_event(send, mention("<@UBOT> IOM 2009 жертвы"), "EvRUMENTION")
    [call] = posts(web_api)
    shown = all_text(blocks_of(call.params))
    assert call.params["thread_ts"] == "1700000002.000100"
    assert "10 фев 2010" in shown and "Вы спросили: IOM 2009 жертвы" in shown
    assert "2009: 47 жертв (МОМ)" in shown


def test_a_dm_in_english_stays_english(send, web_api):
    post_event(send, dm("penalties 130.1"), "EvENDM")
    shown = all_text(blocks_of(posts(web_api)[0].params))
    assert EN_TITLE in shown and "Вы спросили" not in shown


def home_opened(view: dict | None = None) -> dict:
    event = {"type": "app_home_opened", "user": "U123ASKER", "channel": "D0DIRECT", "tab": "home", "event_ts": "1.1"}
    return {**event, "view": view} if view is not None else event


def published(web_api) -> list[dict]:
    views = [c.params["view"] for c in web_api.calls_to("views.publish")]
    return [json.loads(v) if isinstance(v, str) else v for v in views]


def test_home_opens_in_english_with_a_russian_switch(send, web_api):
    send(event_body(home_opened(), event_id="EvHOMEEN"), json_body=True)
    [view] = published(web_api)
    assert view["private_metadata"] == "en"
    assert_slack_safe(view["blocks"], max_blocks=100)
    [button] = [e for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert (button["action_id"], button["value"], button["text"]["text"]) == (ACTION_HOME_LANG, "ru", "Русский")
    assert "Телеграмма" not in all_text(view["blocks"])


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_switch_publishes_home_in_that_language_and_the_choice_sticks(send, web_api, lang):
    reply = send(action_body(ACTION_HOME_LANG, lang, block_id="tip_home_lang"))
    assert reply.status == 200 and reply.body == ""
    [view] = published(web_api)
    assert view["private_metadata"] == lang
    assert_slack_safe(view["blocks"], max_blocks=100)
    shown = all_text(view["blocks"])
    if lang == "ru":
        for text in ("Темы", "Команды", "¶28 Защита жертв и помощь им", "`/tip наказания 130.1`", "10 фев 2010"):
            assert text in shown
        assert "`приюты` ¶28.B" in shown and "Topics" not in shown and "/tip penalties" not in shown
    else:
        assert "Topics" in shown and "Темы" not in shown
    # opening the tab again: Slack sends the published view back, and Home stays in that language
    send(
        event_body(home_opened({"type": "home", "private_metadata": lang}), event_id=f"EvHOMEAGAIN{lang}"),
        json_body=True,
    )
    assert [v["private_metadata"] for v in published(web_api)] == [lang, lang]
    assert published(web_api)[1]["blocks"] == view["blocks"]


def test_a_forged_switch_value_publishes_nothing(send, web_api):
    assert send(action_body(ACTION_HOME_LANG, "de", block_id="tip_home_lang")).status == 200
    assert published(web_api) == []


def test_share_of_a_russian_answer_is_posted_in_russian(send, web_api):
    send(action_body("tip_share", RU, response_url=web_api.response_url("share")))
    [post] = web_api.calls_to("chat.postMessage")
    shown = all_text(blocks_of(post.params))
    assert "<@U123ASKER> делится ответом из `/tip`" in shown and RU_TITLE in shown
    assert post.params["text"] == f"<@U123ASKER> делится: {RU_TITLE} (¶27.B)"
    assert "shared" not in shown
