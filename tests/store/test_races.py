"""Races for real, between operating-system processes sharing one database."""

from __future__ import annotations

import multiprocessing
import signal
import threading
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.digest.post import DigestClaim, post_digest
from bot.digest.rotation import digest_for
from bot.knowledge import load
from bot.slack.client import make_client
from bot.store import dialect
from bot.store.sql import SqlStore
from tests.ops.test_process import Serve, env_for, free_port, get, wait_until
from tests.support.signing import event_body, sign

N = 6


def _post_digest(db_url: str, api_url: str, barrier, d) -> None:
    from bot.settings import load_settings

    settings = load_settings(env_file=None, slack_bot_token="xoxb-race", slack_api_url=api_url)
    store = SqlStore(dialect.make_engine(make_url(db_url)))
    client = make_client(settings)
    barrier.wait()
    post_digest(client, "C0DIGEST", d, claim=DigestClaim(store, client))
    store.close()


def test_n_processes_claiming_one_digest_post_it_once(db_url, web_api):
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(N)
    d = digest_for(load().facts, date(2026, 12, 1), 3)
    procs = [ctx.Process(target=_post_digest, args=(db_url, web_api.url, barrier, d)) for _ in range(N)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0] * N
    assert len(web_api.calls_to("chat.postMessage")) == 1


def _send_event(port: int, body: str) -> int:
    import urllib.request

    headers = {"Content-Type": "application/json", **sign(body)}
    req = urllib.request.Request(f"http://127.0.0.1:{port}/slack/events", data=body.encode(), headers=headers)
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status


def _start(tmp_path: Path, env: dict[str, str], *args: str) -> tuple[Serve, int]:
    port = free_port()
    serve = Serve(tmp_path, env, "--http", "--host", "127.0.0.1", "--port", str(port), *args)
    wait_until(lambda: serve.proc.poll() is not None or get(f"http://127.0.0.1:{port}/healthz") == 200, 30, "listen")
    assert serve.proc.poll() is None, serve.log
    return serve, port


DM = {"type": "message", "channel_type": "im", "channel": "D0DM", "user": "U0ASKER", "text": "shelter"}


@pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="POSIX signals")
def test_one_event_at_two_workers_and_after_a_restart_is_answered_once(tmp_path, web_api, tiny_kb):
    env = env_for(web_api, tiny_kb, DATABASE_URL=f"sqlite:///{tmp_path / 'shared.db'}", LOG_LEVEL="INFO")
    body = event_body({**DM, "ts": "1700000000.000100"}, event_id="EvTWICE")
    serve, port = _start(tmp_path, env, "--workers", "2")
    try:
        sent = []  # eight connections at once: both workers get a copy
        threads = [threading.Thread(target=lambda: sent.append(_send_event(port, body))) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sent == [200] * 8
        web_api.wait_for("chat.postMessage", 1)
    finally:
        serve.proc.send_signal(signal.SIGTERM)
        serve.proc.wait(30)
    again, port = _start(tmp_path, env)  # the retry after a restart
    try:
        assert _send_event(port, body) == 200
        assert "dropped a repeated delivery" in _wait_log(again, "dropped a repeated delivery")
    finally:
        again.proc.send_signal(signal.SIGTERM)
        again.proc.wait(30)
    assert len(web_api.calls_to("chat.postMessage")) == 1


def _wait_log(serve: Serve, text: str) -> str:
    wait_until(lambda: text in serve.log, 10, text)
    return serve.log


def test_sigterm_with_an_outbox_backlog_exits_in_time_and_keeps_it(tmp_path, web_api, tiny_kb):
    db = tmp_path / "shared.db"
    env = env_for(web_api, tiny_kb, DATABASE_URL=f"sqlite:///{db}", LOG_LEVEL="INFO")
    web_api.respond("chat.postMessage", status=500, body={"ok": False}, times=1000)  # Slack is down
    serve, port = _start(tmp_path, env)
    store = SqlStore(dialect.make_engine(make_url(f"sqlite:///{db}")))
    try:
        for i in range(3):
            assert _send_event(port, event_body({**DM, "ts": f"17000000{i}0.000100"}, event_id=f"EvB{i}")) == 200
        wait_until(lambda: store.outbox_size() == 3, 30, "three stored replies")
        serve.proc.send_signal(signal.SIGTERM)
        assert serve.proc.wait(30) == 0, serve.log  # Heroku's SIGKILL comes 30 s after SIGTERM
    finally:
        serve.stop()
    assert store.outbox_size() == 3  # left for the next process
    store.close()
