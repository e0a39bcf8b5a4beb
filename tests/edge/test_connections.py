"""Issue 13.5: connections are bounded. Idle sockets cannot exhaust a 1,024-descriptor limit (the
server keeps below it by closing the connection idle longest), and a client that sends no request,
or sends its headers a byte at a time, is disconnected after HTTP_HEADER_TIMEOUT."""

from __future__ import annotations

import resource
import socket
import time

import pytest

from tests.edge.conftest import post_slash, read_response, wait_until

IDLE = 1_100


@pytest.fixture
def many_fds():
    """This test process needs ~1,200 descriptors of its own for the idle sockets."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = 4096 if hard == resource.RLIM_INFINITY else min(hard, 4096)
    if want < IDLE + 100:
        pytest.skip(f"needs {IDLE + 100} descriptors, the hard limit is {hard}")
    resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    yield
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def closed_by_server(sock: socket.socket, trickle: bytes = b"", timeout: float = 10) -> bool:
    """Send `trickle` a byte at a time until the server closes the connection (True) or `timeout` passes."""
    sock.settimeout(0.1)
    deadline = time.monotonic() + timeout
    i = 0
    while time.monotonic() < deadline:
        try:
            if i < len(trickle):
                sock.send(trickle[i : i + 1])
                i += 1
            if sock.recv(4096) == b"":
                return True
        except TimeoutError:
            continue
        except OSError:  # reset or broken pipe: closed too
            return True
    return False


def test_1100_idle_connections_leave_healthz_and_tip_answering(start_server, many_fds):
    server = start_server(nofile=1024)
    idle = []
    try:
        for _ in range(IDLE):
            idle.append(socket.create_connection(("127.0.0.1", server.port), timeout=5))
        assert server.healthz() == 200
        status, text = post_slash(server.port, "how many shelters")
        assert status == 200 and b"3 shelters" in text
        assert server.proc.poll() is None
    finally:
        for s in idle:
            s.close()
    assert "Traceback" not in server.log()


@pytest.mark.parametrize("parser", ["httptools", "h11"])
def test_slow_or_silent_clients_are_disconnected(start_server, parser):
    server = start_server("--http-impl", parser, HTTP_HEADER_TIMEOUT="1")
    silent = socket.create_connection(("127.0.0.1", server.port))
    slowloris = socket.create_connection(("127.0.0.1", server.port))
    head = b"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"a" * 200
    assert closed_by_server(silent)
    assert closed_by_server(slowloris, trickle=head)

    # after a first request on a kept-alive connection, a second one trickled in is cut off too
    kept = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    kept.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert read_response(kept)[0] == 200
    assert closed_by_server(kept, trickle=head)
    wait_until(lambda: server.healthz() == 200, 5, "a fresh client to be answered")
