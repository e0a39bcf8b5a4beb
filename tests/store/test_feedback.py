"""Feedback through the wire (issue 12), on SQLite and PostgreSQL: signed slash commands, events, clicks and
modal submissions into the app; the Web API stand-in records views.open, chat.update, chat.postMessage
and response_url posts; the votes are read back from the store."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from slack_bolt import App, BoltRequest

from bot.render_feedback import (
    ACTION_CURATORS,
    ACTION_VOTE_DOWN,
    ACTION_VOTE_UP,
    BLOCK_COMMENT,
    INPUT_COMMENT,
    VIEW_FEEDBACK,
)
from bot.store.usage import user_hash
from tests.slack.blocks import action_ids, all_text
from tests.store.test_wiring import make_app
from tests.support.signing import action_body, event_body, sign, slash_body, view_submission_body

WEEK_AGO = datetime.now(UTC) - timedelta(days=7)


def obj(value):
    """A Web API argument as the bot sent it: JSON text (form bodies) or already parsed (JSON bodies)."""
    return json.loads(value) if isinstance(value, str) else value


def post(app: App, body: str, *, json_body: bool = False) -> tuple[int, str]:
    ctype = "application/json" if json_body else "application/x-www-form-urlencoded"
    resp = app.dispatch(BoltRequest(body=body, headers={"content-type": ctype, **sign(body)}))
    return resp.status, resp.body


def ask(app: App, text: str, user: str = "U0ASKER") -> list[dict]:
    status, body = post(app, slash_body(text, user_id=user))
    assert status == 200
    return json.loads(body)["blocks"]


def button(blocks: list[dict], action_id: str) -> dict:
    return next(e for b in blocks if b["type"] == "actions" for e in b["elements"] if e["action_id"] == action_id)


def click(app: App, blocks: list[dict], action_id: str, web_api, *, user="U0ASKER", ts="1.1", **kw) -> None:
    body = action_body(
        action_id,
        button(blocks, action_id)["value"],
        user_id=user,
        response_url=web_api.response_url("r"),
        action_ts=ts,
        **kw,
    )
    assert post(app, body)[0] == 200


def test_thumbs_down_opens_the_modal_counts_the_vote_and_stores_the_comment(settings, core, kb, store, web_api):
    app, deps = make_app(settings, core, kb, store)
    blocks = ask(app, "how many shelters")
    assert action_ids(blocks)[-2:] == [ACTION_VOTE_UP, ACTION_VOTE_DOWN]
    click(app, blocks, ACTION_VOTE_DOWN, web_api)

    [opened] = web_api.calls_to("views.open")
    modal = obj(opened.params["view"])
    assert modal["callback_id"] == VIEW_FEEDBACK and "What was missing or wrong?" in json.dumps(modal)
    [vote] = store.votes_since(WEEK_AGO)  # counted before (and whether or not) the modal is sent
    assert vote.vote == -1 and vote.fact_ids and vote.comment is None and vote.surface == "slash"
    assert vote.user_hash == user_hash(store.hash_salt(), "U0ASKER")
    assert deps.usage.flush() == 1
    [row] = store.usage_since(WEEK_AGO)
    assert vote.usage_id == vote.answer_id == row.id and vote.fact_ids == row.fact_ids

    [replaced] = web_api.calls_to("response_url")  # the ephemeral answer, buttons replaced
    assert replaced.params["replace_original"] is True
    new = replaced.params["blocks"]
    assert "Thanks — noted." in all_text(new) and ACTION_VOTE_DOWN not in action_ids(new)
    assert "shelter" in all_text(new).lower()  # still the answer

    typed = "<!channel> the 2010 figure is missing & more"
    values = {BLOCK_COMMENT: {INPUT_COMMENT: {"type": "plain_text_input", "value": typed}}}
    status, _ = post(
        app, view_submission_body(VIEW_FEEDBACK, values, private_metadata=modal["private_metadata"], user_id="U0ASKER")
    )
    assert status == 200
    [vote] = store.votes_since(WEEK_AGO)
    assert vote.vote == -1 and vote.comment == typed  # stored as typed; escaped wherever it is shown


def test_a_comment_over_500_characters_keeps_the_modal_open(settings, core, kb, store, web_api):
    app, _ = make_app(settings, core, kb, store)
    blocks = ask(app, "shelters")
    click(app, blocks, ACTION_VOTE_DOWN, web_api)
    meta = obj(web_api.calls_to("views.open")[0].params["view"])["private_metadata"]
    values = {BLOCK_COMMENT: {INPUT_COMMENT: {"type": "plain_text_input", "value": "x" * 501}}}
    status, body = post(app, view_submission_body(VIEW_FEEDBACK, values, private_metadata=meta, user_id="U0ASKER"))
    assert status == 200 and json.loads(body) == {
        "response_action": "errors",
        "errors": {BLOCK_COMMENT: "At most 500 characters, please."},
    }
    assert store.votes_since(WEEK_AGO)[0].comment is None


def test_a_replayed_click_counts_once_and_a_second_click_changes_the_vote(settings, core, kb, store, web_api):
    app, _ = make_app(settings, core, kb, store)
    other, _ = make_app(settings, core, kb, store)  # another process, same database
    blocks = ask(app, "penalties 130.1")
    for a in (app, other, app):
        click(a, blocks, ACTION_VOTE_UP, web_api, ts="1700000001.000001")  # one click, delivered three times
    assert len(web_api.calls_to("response_url")) == 1
    assert [v.vote for v in store.votes_since(WEEK_AGO)] == [1]
    click(app, blocks, ACTION_VOTE_DOWN, web_api, ts="1700000002.000002")  # changes it
    assert [v.vote for v in store.votes_since(WEEK_AGO)] == [-1]
    click(app, blocks, ACTION_VOTE_UP, web_api, user="U0OTHER", ts="1700000003.000003")  # another user: a second vote
    assert sorted(v.vote for v in store.votes_since(WEEK_AGO)) == [-1, 1]


def test_a_dm_answer_is_updated_with_chat_update(settings, core, kb, store, web_api):
    app, _ = make_app(settings, core, kb, store)
    dm = {
        "type": "message",
        "channel_type": "im",
        "channel": "D0DM",
        "user": "U0ASKER",
        "text": "shelters",
        "ts": "1700000000.000500",
    }
    assert post(app, event_body(dm, event_id="EvDM"), json_body=True)[0] == 200
    [message] = web_api.history["D0DM"]
    click(app, message["blocks"], ACTION_VOTE_UP, web_api, channel_id="D0DM", message=message)
    [update] = web_api.calls_to("chat.update")
    assert update.params["channel"] == "D0DM" and update.params["ts"] == message["ts"]
    assert "Thanks — noted." in all_text(message["blocks"]) and ACTION_VOTE_UP not in action_ids(message["blocks"])
    assert not web_api.calls_to("response_url")
    assert store.votes_since(WEEK_AGO)[0].surface == "dm"


def test_a_channel_answer_keeps_its_buttons_for_other_readers(settings, core, kb, store, web_api):
    app, _ = make_app(settings, core, kb, store)
    mention = {
        "type": "app_mention",
        "channel": "C0CHAN",
        "user": "U0ASKER",
        "text": "<@UBOT> shelters",
        "ts": "1700000000.000600",
    }
    assert post(app, event_body(mention, event_id="EvM"), json_body=True)[0] == 200
    [message] = web_api.history["C0CHAN"]
    for n, user in enumerate(("U0ONE", "U0TWO")):
        click(app, message["blocks"], ACTION_VOTE_UP, web_api, user=user, ts=f"17.{n}", message=message)
    assert "2 👍 · 0 👎" in all_text(message["blocks"])
    assert action_ids(message["blocks"])[-2:] == [ACTION_VOTE_UP, ACTION_VOTE_DOWN]


def test_ask_the_curators_posts_once_and_tells_the_asker(settings, core, kb, store, web_api):
    settings = settings.model_copy(update={"curator_channel": "C0CURATE"})
    app, _ = make_app(settings, core, kb, store)
    blocks = ask(app, "<!here> zebra crossings in Dushanbe", user="U0ASKER")
    assert ACTION_CURATORS in action_ids(blocks)
    click(app, blocks, ACTION_CURATORS, web_api, ts="1700000009.000001")
    click(app, blocks, ACTION_CURATORS, web_api, ts="1700000009.000001")  # replayed
    click(app, blocks, ACTION_CURATORS, web_api, ts="1700000010.000001")  # clicked again
    [posted] = web_api.calls_to("chat.postMessage")
    assert posted.params["channel"] == "C0CURATE"
    shown = all_text(obj(posted.params["blocks"]))
    assert "<@U0ASKER>" in shown and "&lt;!here&gt; zebra crossings" in shown and "<!here>" not in posted.params["text"]
    [told] = web_api.calls_to("response_url")
    assert "Sent to the curators in <#C0CURATE>" in all_text(told.params["blocks"])
    assert ACTION_CURATORS not in action_ids(told.params["blocks"])


def test_without_a_curator_channel_there_is_no_button(settings, core, kb, store, web_api):
    app, _ = make_app(settings, core, kb, store)
    blocks = ask(app, "zebra crossings")
    assert ACTION_CURATORS not in action_ids(blocks) and ACTION_VOTE_DOWN in action_ids(blocks)


def test_a_russian_answer_has_russian_buttons_and_thanks(settings, core, kb, store, web_api):
    app, _ = make_app(settings, core, kb, store)
    blocks = ask(app, "сколько приютов")
    assert "👍 Полезно" in json.dumps(blocks, ensure_ascii=False)
    click(app, blocks, ACTION_VOTE_UP, web_api)
    [replaced] = web_api.calls_to("response_url")
    assert "Спасибо — учтено." in all_text(replaced.params["blocks"])
    assert store.votes_since(WEEK_AGO)[0].lang == "ru"


def test_a_forged_or_foreign_button_value_is_ignored(settings, core, kb, store, web_api):
    app, _ = make_app(settings, core, kb, store)
    for value in ("", "not json", '{"a": "../../etc"}', '["a"]'):
        body = action_body(ACTION_VOTE_UP, value, response_url=web_api.response_url("r"))
        assert post(app, body)[0] == 200
    assert store.votes_since(WEEK_AGO) == [] and not web_api.calls_to("response_url")


def test_curator_settings_read_user_ids_and_refuse_anything_else():
    import pytest

    from bot.errors import ConfigError
    from bot.settings import load_settings

    s = load_settings(env_file=None, curators=" U0ONE, U0TWO ", curator_channel="C0CURATE")
    assert s.curator_ids == {"U0ONE", "U0TWO"} and s.curator_channel == "C0CURATE"
    assert load_settings(env_file=None).curator_ids == frozenset()
    with pytest.raises(ConfigError, match="CURATORS is invalid"):
        load_settings(env_file=None, curators="@alice")
    with pytest.raises(ConfigError, match="CURATOR_CHANNEL is invalid"):
        load_settings(env_file=None, curator_channel="#curators")


def test_a_curator_post_slack_refuses_tells_the_asker(settings, core, kb, store, web_api):
    app, _ = make_app(settings.model_copy(update={"curator_channel": "C0CURATE"}), core, kb, store)
    blocks = ask(app, "zebra crossings")
    web_api.fail("chat.postMessage", "not_in_channel")
    click(app, blocks, ACTION_CURATORS, web_api)
    [told] = web_api.calls_to("response_url")
    assert told.params["replace_original"] is False and "could not reach the curators" in told.params["text"]


def test_a_vote_while_the_database_is_gone_still_thanks_and_never_raises(settings, core, kb, store, web_api, caplog):
    from sqlalchemy import text

    app, deps = make_app(settings, core, kb, store)
    blocks = ask(app, "shelters")
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE tipbot_votes"))
    click(app, blocks, ACTION_VOTE_UP, web_api)
    [replaced] = web_api.calls_to("response_url")
    assert "Thanks — noted." in all_text(replaced.params["blocks"])
    assert deps.db is not None and not deps.db.ok and "storing a vote" in caplog.text
