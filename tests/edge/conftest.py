"""The edge tests drive a real `python -m bot serve --http` process over raw sockets: one server per
module (start-up is the slow part), its log in a file read from a mark, its memory from /proc."""

from __future__ import annotations

import hashlib
import hmac
import os
import resource
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.knowledge import SOURCE_NAME, default_knowledge_dir
from tests.ops.conftest import BOT_TOKEN, TINY_FACT
from tests.ops.test_process import free_port, wait_until
from tests.support.signing import SIGNING_SECRET, slash_body
from tests.support.web_api import WebAPIStub

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc, POSIX rlimits")


class Server:
    """`python -m bot serve --http` on a free loopback port, in a clean environment."""

    def __init__(self, workdir: Path, api_url: str, kb: Path, *args: str, nofile: int | None = None, **env: str):
        self.port = free_port()
        self.log_path = workdir / f"serve-{self.port}.log"
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DIGEST_", "KNOWLEDGE_", "LOG_"))}
        clean.pop("PORT", None)
        clean.update(
            SLACK_BOT_TOKEN=BOT_TOKEN,
            SLACK_SIGNING_SECRET=SIGNING_SECRET,
            SLACK_API_URL=api_url,
            KNOWLEDGE_DIR=str(kb),
            LOG_LEVEL="INFO",
            **env,
        )

        def limit_fds() -> None:  # the 1,024-descriptor limit of the report
            if nofile is not None:
                resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))

        cmd = [sys.executable, "-m", "bot", "serve", "--http", "--host", "127.0.0.1", "--port", str(self.port), *args]
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(
                cmd, cwd=workdir, env=clean, stdout=log, stderr=subprocess.STDOUT, preexec_fn=limit_fds
            )
        wait_until(lambda: self.proc.poll() is not None or self.healthz() == 200, 30, "the server to listen")
        assert self.proc.poll() is None, self.log()

    def log(self, since: int = 0) -> str:
        return self.log_path.read_bytes()[since:].decode("utf-8", errors="replace")

    def mark(self) -> int:
        return self.log_path.stat().st_size

    def rss_kb(self) -> int:
        with open(f"/proc/{self.proc.pid}/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))

    def healthz(self) -> int:
        try:
            return request(self.port, "GET", "/healthz")[0]
        except OSError:
            return 0

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def read_response(sock: socket.socket) -> tuple[int, bytes]:
    """Status and body of one HTTP/1.1 response (Content-Length framed, as ours all are)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed after {data[:200]!r}")
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = next(
        (int(h.split(b":", 1)[1]) for h in head.split(b"\r\n") if h.lower().startswith(b"content-length:")), 0
    )
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return int(head.split()[1]), rest[:length]


def request(
    port: int, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None, timeout: float = 10
) -> tuple[int, bytes]:
    head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {len(body)}", "Connection: close"]
    head += [f"{k}: {v}" for k, v in (headers or {}).items()]
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(("\r\n".join(head) + "\r\n\r\n").encode("utf-8") + body)
        return read_response(s)


def signed(
    body: str | bytes, content_type: str = "application/x-www-form-urlencoded", secret: str = SIGNING_SECRET
) -> dict[str, str]:
    """Headers signed as Slack signs: HMAC-SHA256 over `v0:{timestamp}:` and the raw bytes (any bytes)."""
    raw = body.encode() if isinstance(body, str) else body
    ts = str(int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{ts}:".encode() + raw, hashlib.sha256).hexdigest()
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def post_slash(port: int, text: str, **fields: str) -> tuple[int, bytes]:
    body = slash_body(text, **fields)
    return request(port, "POST", "/slack/events", body.encode(), signed(body))


@pytest.fixture(scope="module")
def edge_kb(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("edge-kb") / "knowledge"
    (d / "source").mkdir(parents=True)
    shutil.copy(default_knowledge_dir() / "source" / SOURCE_NAME, d / "source" / SOURCE_NAME)
    (d / "cable.yml").write_text(TINY_FACT, encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def edge_api() -> Iterator[WebAPIStub]:
    stub = WebAPIStub().start()
    yield stub
    stub.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory, edge_api, edge_kb) -> Iterator[Server]:
    """One real server for the module, started as production starts it."""
    srv = Server(tmp_path_factory.mktemp("edge"), edge_api.url, edge_kb)
    yield srv
    srv.stop()


@pytest.fixture
def start_server(tmp_path, edge_api, edge_kb):
    """start_server(*serve_args, nofile=..., **env) -> Server, stopped after the test."""
    started: list[Server] = []

    def _start(*args: str, nofile: int | None = None, **env: str) -> Server:
        srv = Server(tmp_path, edge_api.url, edge_kb, *args, nofile=nofile, **env)
        started.append(srv)
        return srv

    yield _start
    for srv in started:
        srv.stop()


__all__ = ["SIGNING_SECRET", "Server", "post_slash", "read_response", "request", "signed", "wait_until"]
