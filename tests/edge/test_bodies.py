"""Issue 13.1: bodies are bounded while they stream, chunked ones too: 413 at the limit, memory flat."""

from __future__ import annotations

import contextlib
import select
import socket
import threading
import time

from bot.slack.http import MAX_BODY
from tests.edge.conftest import post_slash, read_response, request, signed

CHUNK = 1 << 20


def chunked_upload(port: int, total: int) -> int:
    """POST `total` bytes chunked (fresh timestamp, wrong signature: it passes the header checks) and
    return the status, reading the answer while the body is still being sent."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=20)
    head = (
        "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"X-Slack-Request-Timestamp: {int(time.time())}\r\nX-Slack-Signature: v0={'0' * 64}\r\n\r\n"
    )
    sock.sendall(head.encode())
    piece = f"{CHUNK:x}\r\n".encode() + b"a" * CHUNK + b"\r\n"

    def send() -> None:
        try:
            for _ in range(total // CHUNK):
                sock.sendall(piece)
            sock.sendall(b"0\r\n\r\n")
        except OSError:  # the server answered and closed: the rest is never read
            pass

    sender = threading.Thread(target=send)
    sender.start()
    try:
        return read_response(sock)[0]
    finally:
        sock.close()
        sender.join(timeout=20)


def test_a_100_mb_chunked_body_is_refused_at_the_limit_and_memory_stays_flat(server):
    before = server.rss_kb()
    statuses = []

    def upload() -> None:
        statuses.append(chunked_upload(server.port, 100 * CHUNK))

    threads = [threading.Thread(target=upload) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    grew_mb = (server.rss_kb() - before) / 1024
    assert statuses == [413, 413, 413]
    assert grew_mb < 30, f"RSS grew by {grew_mb:.0f} MB for three 100 MB uploads"
    assert server.healthz() == 200


def test_declared_length_over_the_limit_is_refused_before_reading(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(f"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: {MAX_BODY + 1}\r\n\r\n".encode())
        assert read_response(s)[0] == 413


def test_a_body_at_the_limit_is_read_and_checked(server):
    body = b"text=" + b"a" * (MAX_BODY - 5)
    assert request(server.port, "POST", "/slack/events", body, signed(body, secret="wrong"))[0] == 401
    assert request(server.port, "POST", "/slack/events", body + b"a", signed(body))[0] == 413


def test_many_large_bodies_at_once_are_bounded_together(server):
    """150 clients each send 900 kB of a 1 MB body and wait: past the shared budget (bot.slack.edge.BODY_BUDGET)
    the server refuses with 503 instead of holding 135 MB, and a small /tip is still answered."""
    before = server.rss_kb()
    head = (
        f"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: {MAX_BODY}\r\n"
        f"X-Slack-Request-Timestamp: {int(time.time())}\r\nX-Slack-Signature: v0={'0' * 64}\r\n\r\n"
    ).encode()
    socks = []
    try:
        for _ in range(150):
            s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            socks.append(s)
            with contextlib.suppress(OSError):  # refused already, and closed
                s.sendall(head + b"a" * 900_000)
        refused = 0
        deadline = time.monotonic() + 5
        while refused == 0 and time.monotonic() < deadline:
            readable, _, _ = select.select(socks, [], [], 0.2)
            for s in readable:
                with contextlib.suppress(OSError):
                    if s.recv(64).startswith(b"HTTP/1.1 503"):
                        refused += 1
        assert refused > 0
        status, text = post_slash(server.port, "how many shelters")
        assert status == 200 and b"3 shelters" in text
        grew_mb = (server.rss_kb() - before) / 1024
        assert grew_mb < 80, f"RSS grew by {grew_mb:.0f} MB holding 150 bodies of 900 kB"
    finally:
        for s in socks:
            s.close()
