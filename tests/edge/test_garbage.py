"""Issue 13.6: garbage, signed or not, is a 400/401 with one short log line, never a 500 or a traceback."""

from __future__ import annotations

import time

import pytest

from tests.edge.conftest import request, signed
from tests.support.signing import sign

DEEP = "[" * 10_000 + "]" * 10_000
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

CASES = {  # name: (body, content type)
    "invalid JSON": (b'{"type": "event_callback", ', JSON),
    "JSON that is not an object": (b'["event_callback"]', JSON),
    "non-UTF-8": (b"text=\xff\xfe\xfa&command=/tip", FORM),
    "payload= not JSON": (b"payload=%7Bnot+json", FORM),
    "10,000-deep JSON": (DEEP.encode(), JSON),
    "10,000-deep payload": (b"payload=" + DEEP.encode(), FORM),
}


def one_new_line(server, mark: int) -> str:
    lines = server.log(mark).splitlines()
    assert "Traceback" not in server.log(mark)
    assert len(lines) == 1, lines
    assert len(lines[0]) < 200
    return lines[0]


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("signature", ["signed", "unsigned"])
def test_garbage_is_400_or_401_with_one_line(server, name, signature):
    body, content_type = CASES[name]
    secret = {} if signature == "signed" else {"secret": "not-the-secret"}
    mark = server.mark()
    status, _ = request(server.port, "POST", "/slack/events", body, signed(body, content_type, **secret))
    assert status == (400 if signature == "signed" else 401)
    line = one_new_line(server, mark)
    assert "rejected" in line and str(status) in line


@pytest.mark.parametrize("timestamp", ["yesterday", "1e9", "-5", "١٢٣"])
def test_a_non_numeric_timestamp_is_401(server, timestamp):
    body = "command=/tip&text=shelters"
    headers = {"Content-Type": FORM, "X-Slack-Request-Timestamp": timestamp}
    headers["X-Slack-Signature"] = sign(body)["X-Slack-Signature"]
    mark = server.mark()
    status, _ = request(server.port, "POST", "/slack/events", body.encode("utf-8"), headers)
    assert status == 401
    one_new_line(server, mark)


def test_a_stale_signed_request_is_401(server):
    body = "command=/tip&text=shelters"
    headers = {"Content-Type": FORM, **sign(body, timestamp=int(time.time()) - 301)}
    assert request(server.port, "POST", "/slack/events", body.encode(), headers)[0] == 401
