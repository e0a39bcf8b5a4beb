"""Real payload shapes (tests/slack/payloads/, from Slack's docs and its SDKs' test suites) replayed
through both transports, each with its expected outcome: answered (where), answered inline, ignored,
acknowledged quietly (200 / an ack, nothing posted, one DEBUG line, no Bolt "[Suggestion]"), or the app
gone (app_uninstalled, tokens_revoked: one WARNING line, unhealthy with the reason, nothing posted).

- Socket Mode: the app with serve's Socket Mode handler, connected to the Socket Mode stand-in; lazy
  listeners run inline, so by the time an envelope is acknowledged everything it caused was sent.
- HTTP: the real `tip-bot serve --http` process, signed requests, its log read from a file.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.core import AnswerCore
from bot.knowledge import KnowledgeBase
from bot.settings import load_settings
from bot.slack.app import build_app
from bot.slack.deps import Deps
from bot.slack.socket_mode import SocketModeHandler
from tests.slack.blocks import all_text, blocks_of
from tests.slack.conftest import BOT_TOKEN, InlineExecutor
from tests.slack.payloads import PAYLOADS, Payload
from tests.slack.test_http_server import free_port, http
from tests.support.signing import SIGNING_SECRET
from tests.support.socket_mode import SocketModeStub
from tests.support.web_api import Call, WebAPIStub

APP_TOKEN = "xapp-1-A0TIPBOT-1-payloads"
CITATION = "DUSHANBE 000170"
POSTING = ("chat.postMessage", "views.publish", "chat.postEphemeral", "views.open", "chat.update")
# The one DEBUG line of a request acknowledged quietly: no listener (listeners/unhandled.py), or a
# tokens_revoked for user tokens only (listeners/uninstall.py).
QUIET_LINES = ("acknowledged, not handled", "not ours")
BY_NAME = {p.name: p for p in PAYLOADS}
ALIVE = [p for p in PAYLOADS if p.expect not in ("revoked", "challenge")]


def test_the_folder_covers_every_outcome_and_issue_15():
    assert {p.expect for p in PAYLOADS} == {"answered", "inline", "home", "ignored", "quiet", "revoked", "challenge"}
    for name in ("event_app_mention_thread_broadcast", "event_message_im_file_share", "event_message_im_me_message"):
        assert name in BY_NAME
    assert len({p.event_id for p in PAYLOADS}) == len(PAYLOADS)


def posts(web_api: WebAPIStub) -> list[Call]:
    return [c for c in web_api.calls if c.method in POSTING]


def check_post(p: Payload, new: list[Call]) -> None:
    """What an answered / home payload must have caused, and nothing else."""
    if p.expect == "home":
        assert [c.method for c in new] == ["views.publish"], p.name
        assert new[0].params["user_id"] == p.where["user"]
        return
    assert [c.method for c in new] == ["chat.postMessage"], f"{p.name}: {[c.method for c in new]}"
    params = new[0].params
    assert params["channel"] == p.where["channel"], p.name
    assert params.get("thread_ts") == p.where.get("thread_ts"), p.name
    assert CITATION in all_text(blocks_of(params)), p.name


# --- Socket Mode ---------------------------------------------------------------------------------------------
@dataclass
class SocketSide:
    web_api: WebAPIStub
    stub: SocketModeStub
    deps: Deps


def _socket_side(kb: KnowledgeBase, core: AnswerCore) -> Iterator[SocketSide]:
    web_api = WebAPIStub().start()
    stub = SocketModeStub().start()
    web_api.ws_url = stub.url
    settings = load_settings(
        env_file=None,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_app_token=APP_TOKEN,
        slack_api_url=web_api.url,
        digest_channel=None,
    )
    deps = Deps(settings=settings, core=core, kb=kb)
    handler = SocketModeHandler(build_app(deps, listener_executor=InlineExecutor()), APP_TOKEN)
    handler.connect()
    assert stub.wait_connections(1) == 1
    try:
        yield SocketSide(web_api, stub, deps)
    finally:
        handler.client.auto_reconnect_enabled = handler.client.default_auto_reconnect_enabled = False
        stub.drop()
        handler.close()
        stub.stop()
        web_api.stop()


@pytest.fixture(scope="module")
def socket_side(kb, core):
    yield from _socket_side(kb, core)


@pytest.fixture
def fresh_socket_side(kb, core):
    yield from _socket_side(kb, core)


def replay(side: SocketSide, p: Payload, *, retry: int = 0) -> tuple[dict[str, Any], list[Call]]:
    before = len(posts(side.web_api))
    ack = side.stub.wait_ack(side.stub.send(p.envelope(retry=retry)))
    assert ack is not None, f"{p.name} was never acknowledged"
    return ack, posts(side.web_api)[before:]


@pytest.mark.parametrize("p", ALIVE, ids=lambda p: p.name)
def test_socket_mode_replay(p: Payload, socket_side: SocketSide, caplog):
    caplog.set_level(logging.DEBUG)
    ack, new = replay(socket_side, p)
    assert "[Suggestion]" not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
    if p.expect in ("answered", "home"):
        check_post(p, new)
        if p.expect == "answered":  # Slack's retry of the same event: acknowledged, not answered again
            assert replay(socket_side, p, retry=1)[1] == [], f"{p.name} was answered twice"
    elif p.expect == "inline":
        assert new == []
        assert ack["payload"]["response_type"] == "ephemeral"
        assert CITATION in all_text(ack["payload"]["blocks"])
    else:  # ignored, quiet: acknowledged, nothing posted, no answer in the ack
        assert new == [], p.name
        assert not ack.get("payload"), p.name
    quiet = [r for r in caplog.records if any(line in r.getMessage() for line in QUIET_LINES)]
    assert [r.levelno for r in quiet] == ([logging.DEBUG] if p.expect == "quiet" else []), caplog.text


def test_socket_mode_app_gone(fresh_socket_side: SocketSide, caplog):
    caplog.set_level(logging.DEBUG)
    side = fresh_socket_side
    assert side.deps.health.ok
    for name in ("event_app_uninstalled", "event_tokens_revoked"):  # an uninstall sends both
        ack, new = replay(side, BY_NAME[name])
        assert new == [] and not ack.get("payload")
    assert not side.deps.health.ok and not side.deps.health.posting
    assert "app_uninstalled" in (side.deps.health.problem or "")
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "no longer posting" in warnings[0].getMessage(), caplog.text
    _, new = replay(side, BY_NAME["event_message_im"])  # a DM still arrives: acknowledged, not answered
    assert new == []
    assert "not calling Slack chat.postMessage" in caplog.text
    assert "[Suggestion]" not in caplog.text


def test_socket_mode_user_tokens_revoked_changes_nothing(fresh_socket_side: SocketSide):
    replay(fresh_socket_side, BY_NAME["event_tokens_revoked_user_only"])
    assert fresh_socket_side.deps.health.ok


# --- HTTP: the real server ------------------------------------------------------------------------------------
@dataclass
class Server:
    proc: subprocess.Popen
    base: str
    log: Path
    web_api: WebAPIStub
    cwd: Path
    env: dict[str, str]
    _seen: int = 0

    def post(self, p: Payload, *, retry: int | None = None) -> tuple[int, str]:
        body, headers = p.http(retry=retry)
        return http("POST", self.base + "/slack/events", body, headers)

    def wait_log(self, text: str, timeout: float = 10.0) -> str:
        """The log since the last read, once `text` is in it (lazy listeners log after the response)."""
        seen, deadline = "", time.monotonic() + timeout
        while text not in seen and time.monotonic() < deadline:
            seen += self.new_log()
            time.sleep(0.02)
        return seen

    def new_log(self) -> str:
        """What the server logged since the last call (each line is flushed as it is written)."""
        text = self.log.read_text()
        new, self._seen = text[self._seen :], len(text)
        return new


@pytest.fixture
def server(tmp_path) -> Iterator[Server]:
    web_api = WebAPIStub().start()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DIGEST_", "KNOWLEDGE_", "PORT", "LOG_"))}
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=web_api.url, LOG_LEVEL="DEBUG"
    )
    log = tmp_path / "serve.log"
    with log.open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--http", "--host", "127.0.0.1", "--port", str(port)],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:  # until it listens (or died)
        if proc.poll() is not None:
            raise AssertionError(f"serve exited {proc.returncode}: {log.read_text()}")
        try:
            if http("GET", base + "/healthz")[0] == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline, "serve did not start listening within 30 s"
        time.sleep(0.05)
    try:
        yield Server(proc, base, log, web_api, tmp_path, env)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        web_api.stop()


def another(p: Payload, ts: str) -> Payload:
    """The same shape, another message (its own ts and event_id)."""
    event = {**p.body["event"], "ts": ts, "event_ts": ts}
    return Payload(
        f"{p.name}_{ts.replace('.', '')}", p.source, p.transport, p.expect, p.where, {**p.body, "event": event}
    )


def test_http_replay(server: Server):
    answered: list[Payload] = []
    homes = 0
    for p in PAYLOADS:
        if p.expect == "revoked":
            continue
        status, text = server.post(p)
        assert status == 200, f"{p.name}: HTTP {status} {text}"
        logged = server.new_log()
        if p.expect == "challenge":
            assert json.loads(text)["challenge"] == p.body["challenge"]
        elif p.expect == "inline":
            assert CITATION in all_text(json.loads(text)["blocks"]), p.name
        elif p.expect == "home":
            homes += 1
            check_post(p, server.web_api.wait_for("views.publish", count=homes)[-1:])
        elif p.expect == "answered":  # answered after the ack, from a worker thread
            answered.append(p)
            check_post(p, server.web_api.wait_for("chat.postMessage", count=len(answered))[-1:])
            assert server.post(p, retry=1)[0] == 200  # Slack's retry: acknowledged, dropped before any answer
            assert "dropped a repeated delivery" in server.new_log(), p.name
        else:
            assert text == "", f"{p.name}: {text!r}"
            if p.expect == "quiet":
                assert sum(logged.count(line) for line in QUIET_LINES) == 1, f"{p.name}: {logged}"
            elif p.body.get("event", {}).get("type") in ("message", "app_mention"):
                assert "not answering" in logged, f"{p.name}: {logged}"
        assert "[Suggestion]" not in logged and " WARNING " not in logged, f"{p.name}: {logged}"

    # Everything above is acknowledged; now a last DM, and once its answer is there, the answers
    # posted are exactly the answered payloads' (nothing for the ignored and quiet ones, no repeat).
    last = BY_NAME["event_message_im"]
    assert server.post(another(last, "1355517599.000001"))[0] == 200
    calls = server.web_api.wait_for("chat.postMessage", count=len(answered) + 1)
    assert sorted(c.params["channel"] for c in calls) == sorted(
        [p.where["channel"] for p in answered] + [last.where["channel"]]
    )

    # The app is uninstalled: one WARNING line, /healthz says why, and nothing more is posted.
    assert server.post(BY_NAME["event_app_uninstalled"])[0] == 200
    assert server.post(BY_NAME["event_tokens_revoked"])[0] == 200
    status, health = http("GET", server.base + "/healthz")
    assert status == 503 and "app_uninstalled" in health
    assert server.post(another(last, "1355517599.000002"))[0] == 200
    logged = server.wait_log("delivered=False")  # the DM's answer, not delivered
    assert logged.count(" WARNING ") == 1 and "no longer posting" in logged, logged
    assert "not calling Slack chat.postMessage" in logged
    assert len(server.web_api.calls_to("chat.postMessage")) == len(answered) + 1
    assert "Traceback" not in server.log.read_text()

    # `tip-bot doctor`, another process, reads why from the store the server wrote it to.
    doctor = subprocess.run(
        [sys.executable, "-m", "bot", "doctor"], cwd=server.cwd, env=server.env, capture_output=True, text=True
    )
    assert doctor.returncode == 1, doctor.stdout + doctor.stderr
    assert "✗ Slack took the bot token: app_uninstalled: the app was uninstalled in organization E111" in doctor.stdout
