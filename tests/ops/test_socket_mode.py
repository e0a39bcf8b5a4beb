"""Socket Mode for real: the Bolt app with the handler `tip-bot serve` uses (bot/slack/socket_mode.py),
connected over a real WebSocket to the Socket Mode stand-in. Each envelope must be acknowledged by its envelope_id and
answered; after Slack's `disconnect` (refresh_requested) and a dropped connection, the bot must
reconnect and keep answering."""

from __future__ import annotations

import pytest

from bot.core import AnswerCore
from bot.knowledge import load_valid
from bot.render_blocks import ACTION_SOURCE
from bot.settings import load_settings
from bot.slack.app import build_app
from bot.slack.deps import Deps
from bot.slack.socket_mode import SocketModeHandler
from tests.ops.conftest import APP_TOKEN
from tests.support.socket_mode import SocketModeStub

QUESTION = "how many shelters"
ANSWER = "3 shelters"
QUOTE = "There are 3 shelters for trafficking victims in Tajikistan"


@pytest.fixture
def socket_mode(web_api):
    stub = SocketModeStub().start()
    web_api.ws_url = stub.url  # what apps.connections.open hands the bot
    yield stub
    stub.stop()


@pytest.fixture
def connect(slack_env, socket_mode, tiny_kb):
    """Start the real app in Socket Mode (serve's handler; its web_client is the app's, so
    apps.connections.open goes to the stand-in) and wait for the first connection."""
    handlers: list[SocketModeHandler] = []

    def start(**options) -> SocketModeHandler:
        settings = load_settings(env_file=None)
        kb = load_valid(tiny_kb)
        app = build_app(Deps(settings=settings, core=AnswerCore(kb), kb=kb))
        handler = SocketModeHandler(app, APP_TOKEN, **options)
        handlers.append(handler)
        handler.connect()
        assert socket_mode.wait_connections(1) == 1
        return handler

    yield start
    for handler in handlers:
        # The client's reader holds its socket lock until a frame or its 3 s read timeout; ending the
        # connection from the server side first lets close() return at once.
        handler.client.default_auto_reconnect_enabled = handler.client.auto_reconnect_enabled = False
        socket_mode.drop()
        handler.close()


@pytest.fixture
def bot(connect):
    return connect()


def text_of(ack: dict) -> str:
    return str((ack.get("payload") or {}).get("text", "")) + str((ack.get("payload") or {}).get("blocks", ""))


def ask_by_slash_command(socket_mode: SocketModeStub, text: str = QUESTION) -> dict:
    envelope_id = socket_mode.slash_command(text)
    ack = socket_mode.wait_ack(envelope_id)
    assert ack is not None, f"slash command {envelope_id} was never acknowledged"
    return ack


def test_envelopes_are_acked_and_answered_across_a_refresh(bot, socket_mode, web_api):
    # A slash command: acknowledged by envelope_id, the answer inside the ack (no Web API call).
    ack = ask_by_slash_command(socket_mode)
    assert ack["payload"]["response_type"] == "ephemeral"
    assert ANSWER in text_of(ack)

    # A DM: acknowledged at once, answered in the DM with chat.postMessage.
    dm = {
        "type": "message",
        "channel_type": "im",
        "channel": "D0DIRECT",
        "user": "U123ASKER",
        "text": QUESTION,
        "ts": "1700000001.000100",
        "event_ts": "1700000001.000100",
    }
    envelope_id = socket_mode.event(dm, event_id="EvSOCKET1")
    assert socket_mode.wait_ack(envelope_id) is not None
    posted = web_api.wait_for("chat.postMessage")
    assert len(posted) == 1
    assert posted[0].params["channel"] == "D0DIRECT"
    assert ANSWER in str(posted[0].params.get("blocks"))

    # A button click: acknowledged, then answered through its response_url.
    envelope_id = socket_mode.interactive(ACTION_SOURCE, QUESTION, response_url=web_api.response_url("click"))
    assert socket_mode.wait_ack(envelope_id) is not None
    answered = web_api.wait_for("response_url")
    assert answered and QUOTE in str(answered[0].params)

    # Slack asks us to move, then drops the connection: the bot opens a new one and carries on.
    socket_mode.disconnect("refresh_requested")
    assert socket_mode.wait_connections(2) >= 2
    assert len(web_api.calls_to("apps.connections.open")) >= 2
    ack = ask_by_slash_command(socket_mode, "help")
    assert ack["payload"]["response_type"] == "ephemeral"
    assert text_of(ack)


def test_reconnects_after_an_unannounced_drop(connect, socket_mode):
    # Without Slack's `disconnect` warning the built-in client notices the dead connection on its next
    # health check, every `ping_interval` seconds (Bolt's default: 10): shortened here to keep it quick.
    connect(ping_interval=1)
    assert ANSWER in text_of(ask_by_slash_command(socket_mode))
    socket_mode.drop()  # no `disconnect` warning first
    assert socket_mode.wait_connections(2) >= 2
    assert ANSWER in text_of(ask_by_slash_command(socket_mode))


def test_a_refresh_does_not_wait_for_the_old_connection(bot, socket_mode):
    # Slack's `disconnect` with the old connection left open (Slack closes it later). slack_sdk's built-in
    # client closed the old socket only once its reader's recv() timed out (3 s), reading nothing from the
    # new connection until then. With the reader blocked for good, only a prompt close lets the first
    # envelope on the new connection be acknowledged at all (bench/bench_socket_reconnect.py has the times).
    bot.client.current_session.sock.settimeout(None)
    socket_mode.disconnect("refresh_requested", drop=False)
    assert socket_mode.wait_connections(2) >= 2
    ack = socket_mode.wait_ack(socket_mode.slash_command(QUESTION), timeout=15)
    assert ack is not None, "the first command after the refresh was never acknowledged"
    assert ANSWER in text_of(ack)
