"""The store behind the Slack app, through the wire: signed requests into two or three apps sharing one
database (each stands for a process: a second worker, another instance, the process after a restart)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from slack_bolt import App, BoltRequest
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator
from sqlalchemy import text

from bot.render_blocks import ACTION_SHARE
from bot.slack.app import build_app, with_store
from bot.slack.client import make_client
from bot.slack.deps import Deps
from bot.slack.outbox import Deliverer
from bot.store.usage import user_hash
from tests.slack.conftest import InlineExecutor
from tests.support.signing import action_body, event_body, sign, slash_body

DM = {"type": "message", "channel_type": "im", "channel": "D0DM", "user": "U0ASKER", "text": "how many shelters"}


def make_app(settings, core, kb, store) -> tuple[App, Deps]:
    """One "process": its own Deps (claims, usage log, outbox) over the shared database."""
    client = make_client(settings)
    for handler in client.retry_handlers:
        handler.interval_calculator = FixedValueRetryIntervalCalculator(0.0)
    deps = with_store(Deps(settings=settings, core=core, kb=kb), store)
    app = build_app(deps, client=client, listener_executor=InlineExecutor())
    deliverer = Deliverer(app.client, deps.health)
    deps.outbox.deliver, deps.outbox.notify = deliverer.deliver, deliverer.notify
    return app, deps


def dispatch(app: App, body: str, *, json_body: bool = False) -> int:
    ctype = "application/json" if json_body else "application/x-www-form-urlencoded"
    return app.dispatch(BoltRequest(body=body, headers={"content-type": ctype, **sign(body)})).status


def test_a_replayed_share_click_posts_once_across_processes(settings, core, kb, store, web_api):
    click = action_body(ACTION_SHARE, "shelters", response_url=web_api.response_url("c"))
    for _ in range(2):
        for app, _deps in (make_app(settings, core, kb, store), make_app(settings, core, kb, store)):
            assert dispatch(app, click) == 200
    assert len(web_api.calls_to("chat.postMessage")) == 1


def test_one_event_at_two_workers_and_after_a_restart_is_answered_once(settings, core, kb, store, web_api):
    body = event_body({**DM, "ts": "1700000000.000100"}, event_id="EvSAME")
    retry = event_body({**DM, "ts": "1700000000.000100"}, event_id="EvSAME")
    first, second = make_app(settings, core, kb, store), make_app(settings, core, kb, store)
    assert dispatch(first[0], body, json_body=True) == 200
    assert dispatch(second[0], body, json_body=True) == 200
    restarted = make_app(settings, core, kb, store)  # a new process: empty memory, same database
    assert dispatch(restarted[0], retry, json_body=True) == 200
    assert len(web_api.calls_to("chat.postMessage")) == 1


def test_a_reply_slack_keeps_failing_is_stored_then_delivered_by_the_outbox(settings, core, kb, store, web_api):
    app, deps = make_app(settings, core, kb, store)
    web_api.respond("chat.postMessage", status=500, body={"ok": False}, times=3)  # the try and 2 client retries
    assert dispatch(app, event_body({**DM, "ts": "1700000000.000200"}, event_id="Ev2"), json_body=True) == 200
    assert store.outbox_size() == 1
    assert deps.outbox.run_once(now=datetime.now(UTC) + timedelta(seconds=31)) == 1
    assert store.outbox_size() == 0
    delivered = web_api.calls_to("chat.postMessage")[-1]
    assert delivered.params["channel"] == "D0DM" and "shelter" in delivered.params["text"].lower()


def test_a_reply_that_finally_fails_tells_the_asker(settings, core, kb, store, web_api):
    app, deps = make_app(settings, core, kb, store)
    web_api.respond("chat.postMessage", status=503, body={"ok": False}, times=3 * 4)
    assert dispatch(app, event_body({**DM, "ts": "1700000000.000300"}, event_id="Ev3"), json_body=True) == 200
    later = datetime.now(UTC)
    for wait in (31, 151, 631):  # the back-off: 30 s, 2 min, 8 min
        assert deps.outbox.run_once(now=later + timedelta(seconds=wait)) == 1
    assert store.outbox_size() == 0
    [told] = web_api.calls_to("chat.postEphemeral")
    assert told.params["user"] == "U0ASKER" and "could not deliver" in told.params["text"]


def test_the_usage_log_holds_surfaces_answers_and_a_hash_never_the_user_id(settings, core, kb, store, web_api):
    app, deps = make_app(settings, core, kb, store)
    assert dispatch(app, slash_body("shelters", user_id="U0SLASH")) == 200
    assert dispatch(app, slash_body("zebra crossings", user_id="U0SLASH")) == 200
    assert dispatch(app, event_body({**DM, "ts": "1700000000.000400"}, event_id="Ev4"), json_body=True) == 200
    assert deps.usage.flush() == 3
    rows = store.usage_since(datetime.now(UTC) - timedelta(minutes=1))
    assert [(r.surface, r.matched, r.query, r.lang) for r in rows] == [
        ("slash", True, "shelters", "en"),
        ("slash", False, "zebra crossings", "en"),
        ("dm", True, "how many shelters", "en"),
    ]
    assert rows[0].fact_ids and rows[1].fact_ids == ()
    assert rows[0].user_hash == user_hash(store.hash_salt(), "U0SLASH") != "U0SLASH"
    with store.engine.connect() as conn:  # nowhere in the table
        dump = " ".join(str(v) for row in conn.execute(text("SELECT * FROM tipbot_usage")) for v in row)
    assert "U0SLASH" not in dump and "U0ASKER" not in dump


def test_usage_log_off_writes_nothing(settings, core, kb, store, web_api):
    app, deps = make_app(settings.model_copy(update={"usage_log": False}), core, kb, store)
    assert dispatch(app, slash_body("shelters")) == 200
    assert deps.usage.flush() == 0
    assert store.usage_since(datetime(2000, 1, 1, tzinfo=UTC)) == []


def test_a_database_gone_away_while_serving(settings, core, kb, store, web_api, caplog):
    """/tip keeps answering, an event is still answered once in this process, the log says it once."""
    app, deps = make_app(settings, core, kb, store)
    with store.engine.begin() as conn:  # the database "goes away": every statement now fails
        for table in ("tipbot_claims", "tipbot_usage", "tipbot_outbox"):
            conn.execute(text(f"DROP TABLE {table}"))
    caplog.set_level(logging.ERROR, logger="bot.store")
    deps.db._cooldown = 0  # ask the database every time (the default skips it 10 s after a failure)
    for i in range(3):
        status = app.dispatch(BoltRequest(body=(b := slash_body("shelters")), headers=_form(b)))
        assert status.status == 200 and "shelter" in status.body.lower()
        body = event_body({**DM, "ts": f"17000000{i}0.000500"}, event_id=f"EvDOWN{i}")
        assert dispatch(app, body, json_body=True) == 200
        assert dispatch(app, body, json_body=True) == 200  # a retry: this process remembers it
        deps.usage.flush()
    assert len(web_api.calls_to("chat.postMessage")) == 3
    assert len([r for r in caplog.records if r.name == "bot.store"]) == 1  # once a minute, not per request
    assert "unavailable" in deps.db.report()


def _form(body: str) -> dict[str, str]:
    return {"content-type": "application/x-www-form-urlencoded", **sign(body)}


@pytest.fixture(autouse=True)
def _quiet_bolt(caplog):
    caplog.set_level(logging.WARNING, logger="bot.slack.bolt")
