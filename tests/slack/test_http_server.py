"""End to end: the real `tip-bot serve --http` process (uvicorn + Bolt's ASGI adapter) on a free
loopback port, its Web API calls going to the stand-in, stopped with SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.slack.blocks import all_text, assert_slack_safe
from tests.support.signing import SIGNING_SECRET, event_body, sign, slash_body

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method: str, url: str, body: str = "", headers: dict[str, str] | None = None) -> tuple[int, str]:
    req = urllib.request.Request(url, data=body.encode() if method == "POST" else None, method=method)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


@pytest.fixture
def server(tmp_path, web_api):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DIGEST_", "KNOWLEDGE_", "PORT"))}
    env.update(
        SLACK_BOT_TOKEN="xoxb-1-2-testbottoken",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=web_api.url,
        LOG_LEVEL="INFO",
        PORT="1",  # --port wins
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--http", "--host", "127.0.0.1", "--port", str(port)],
        cwd=tmp_path,  # no .env from the checkout
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:  # wait until it listens (or died)
        if proc.poll() is not None:
            raise AssertionError(f"serve exited {proc.returncode}: {proc.stderr.read()}")
        try:
            if http("GET", base + "/healthz")[0] == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("serve did not start listening within 30 s")
        time.sleep(0.05)
    yield proc, base
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_real_server_answers_signed_requests_and_stops_on_sigterm(server, web_api):
    proc, base = server
    assert web_api.calls_to("auth.test")  # the token was checked at start-up

    body = slash_body("<!channel> penalties 130.1")
    status, text = http(
        "POST", base + "/slack/events", body, {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
    )
    assert status == 200
    msg = json.loads(text)
    assert msg["response_type"] == "ephemeral"
    assert_slack_safe(msg["blocks"])
    shown = all_text(msg["blocks"])
    assert "¶27.B · DUSHANBE 000170, 10 Feb 2010" in shown
    assert "&lt;!channel&gt;" in shown

    forged = http(
        "POST",
        base + "/slack/events",
        body,
        {"Content-Type": "application/x-www-form-urlencoded", **sign(body, secret="nope")},
    )
    assert forged[0] == 401

    event = {
        "type": "message",
        "channel_type": "im",
        "channel": "D0E2E",
        "user": "U1",
        "text": "shelters",
        "ts": "1.000100",
    }
    ebody = event_body(event, event_id="EvE2E")
    assert http("POST", base + "/slack/events", ebody, {"Content-Type": "application/json", **sign(ebody)})[0] == 200
    [post] = web_api.wait_for("chat.postMessage")  # answered from a worker thread after the ack
    assert post.params["channel"] == "D0E2E"

    assert http("GET", base + "/nowhere")[0] == 404
    port = int(base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:  # refused before the body is read
        s.sendall(b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n")
        assert s.recv(100).startswith(b"HTTP/1.1 413")

    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=15) == 0
    err = proc.stderr.read()
    assert "Traceback" not in err and "xoxb-1-2-testbottoken" not in err and SIGNING_SECRET not in err
    assert "tip-bot stopped" in err
