"""The real `python -m bot serve` process: SIGTERM under load (in-flight requests finish, exit 0
within 10 s), logs that never hold a secret, and Socket Mode stopping with exit 3 on a dead token."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.ops.conftest import APP_TOKEN, BOT_TOKEN
from tests.support.signing import SIGNING_SECRET, sign, slash_body

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

SECRETS = (BOT_TOKEN, APP_TOKEN, SIGNING_SECRET)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout: float, what: str) -> None:
    """Poll a condition with a hard bound (start-up and shutdown are observed, not timed)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)


class Serve:
    """`python -m bot serve ...` in a clean environment, its log in a file (no pipe to fill up)."""

    def __init__(self, tmp_path: Path, env: dict[str, str], *args: str) -> None:
        self.log_path = tmp_path / "serve.log"
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DIGEST_", "KNOWLEDGE_", "LOG_"))}
        clean.pop("PORT", None)
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "serve", *args],
                cwd=tmp_path,  # no .env from the checkout
                env={**clean, **env},
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def env_for(web_api, tiny_kb: Path, **extra: str) -> dict[str, str]:
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": web_api.url,
        "KNOWLEDGE_DIR": str(tiny_kb),
        "LOG_LEVEL": "DEBUG",  # the most a log platform could ever see
        **extra,
    }


def post(base: str, body: str) -> tuple[int, str]:
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
    req = urllib.request.Request(base + "/slack/events", data=body.encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return 0


class SlowRequest:
    """A signed /tip request whose body arrives in two halves: in flight across the SIGTERM."""

    def __init__(self, port: int, text: str) -> None:
        self.body = slash_body(text).encode()
        head = [
            "POST /slack/events HTTP/1.1",
            f"Host: 127.0.0.1:{port}",
            "Content-Type: application/x-www-form-urlencoded",
            f"Content-Length: {len(self.body)}",
            *(f"{k}: {v}" for k, v in sign(self.body.decode()).items()),
            "Connection: close",
        ]
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + self.body[: len(self.body) // 2])

    def finish(self) -> str:
        self.sock.sendall(self.body[len(self.body) // 2 :])
        chunks = []
        while chunk := self.sock.recv(65536):
            chunks.append(chunk)
        self.sock.close()
        return b"".join(chunks).decode()


@pytest.fixture
def http_server(tmp_path, web_api, tiny_kb):
    port = free_port()
    serve = Serve(tmp_path, env_for(web_api, tiny_kb), "--http", "--host", "127.0.0.1", "--port", str(port))
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: serve.proc.poll() is not None or get(base + "/healthz") == 200, 30, "the server to listen")
        assert serve.proc.poll() is None, serve.log
        yield serve, port, base
    finally:
        serve.stop()


def test_sigterm_under_load_finishes_in_flight_requests_and_exits_0(http_server):
    serve, port, base = http_server
    in_flight = [SlowRequest(port, "how many shelters") for _ in range(5)]

    # Mixed load from 4 threads until the server stops taking connections.
    answered: list[int] = []
    errors: list[str] = []
    stop_load = threading.Event()

    def load() -> None:
        while not stop_load.is_set():
            try:
                status, text = post(base, slash_body("penalties 130.1"))
            except OSError:
                return  # refused: the server stopped accepting, as it should after SIGTERM
            if status != 200 or "5 to 8 years" not in text:
                errors.append(f"{status} {text[:200]}")
            answered.append(status)

    threads = [threading.Thread(target=load) for _ in range(4)]
    for t in threads:
        t.start()
    wait_until(lambda: len(answered) >= 20, 10, "some load to be answered")

    serve.proc.send_signal(signal.SIGTERM)
    sent = time.monotonic()
    # uvicorn has stopped accepting and now waits for open connections: ours are still mid-request
    wait_until(lambda: "Waiting for connections to close" in serve.log, 10, "graceful shutdown to begin")
    for req in in_flight:  # the rest of each body arrives after the signal
        reply = req.finish()
        assert reply.startswith("HTTP/1.1 200"), reply[:300]
        assert "3 shelters" in reply
    stop_load.set()
    for t in threads:
        t.join(timeout=10)

    assert serve.proc.wait(timeout=10) == 0
    assert time.monotonic() - sent < 10
    assert not errors, errors[:3]

    log = serve.log
    assert "Traceback" not in log
    for secret in SECRETS:  # grep the captured log for every secret value
        assert secret not in log
    # one INFO line per answered request: the load and the slow requests
    assert log.count("INFO bot.answers: /tip ") == len(answered) + len(in_flight)


@pytest.mark.parametrize("refused", ["bot token", "app token"])
def test_socket_mode_exits_3_on_a_dead_token_after_one_clear_error(tmp_path, web_api, tiny_kb, socket_mode, refused):
    serve = Serve(tmp_path, env_for(web_api, tiny_kb, SLACK_APP_TOKEN=APP_TOKEN))
    try:
        assert socket_mode.wait_connections(1, timeout=30) == 1, serve.log
        # still answering: the slash command comes back in the ack
        ack = socket_mode.wait_ack(socket_mode.slash_command("how many shelters"), timeout=15)
        assert ack is not None and "3 shelters" in str(ack["payload"]), serve.log

        if refused == "bot token":  # revoked while running: the next answer's chat.postMessage is refused
            web_api.fail("chat.postMessage", "token_revoked", times=5)
            dm = {"type": "message", "channel_type": "im", "channel": "D0DM", "user": "U1", "text": "shelters"}
            socket_mode.event({**dm, "ts": "1700000001.000100"}, event_id="EvDEAD1")
        else:  # Slack moves us, and the app-level token no longer opens a connection
            web_api.fail("apps.connections.open", "token_revoked", times=5)
            socket_mode.disconnect("refresh_requested")

        try:
            code = serve.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            code = None
        assert code == 3, serve.log
    finally:
        serve.stop()
    log = serve.log
    if refused == "bot token":  # (on a refused reconnect slack_sdk logs its own traceback before we stop)
        assert "Traceback" not in log
    told = [line for line in log.splitlines() if "ERROR" in line and "reinstall the app" in line]
    assert len(told) == 1, log
    assert "token_revoked" in told[0]
    for secret in SECRETS:
        assert secret not in log
