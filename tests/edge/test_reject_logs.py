"""Issue 13.4: a rejected request is one short line without its body, and a flood of them a handful
of lines; in the text log format no field from a request can start a line of its own."""

from __future__ import annotations

import io
import json
import logging
import re
import time

from slack_bolt import App, BoltRequest

from bot.logs import JsonFormatter, TextFormatter, one_line
from bot.slack.edge import REJECT_LOG_BURST
from tests.edge.conftest import post_slash, request, signed
from tests.support.signing import SIGNING_SECRET, sign, slash_body

FORGED = "2026-11-29 21:00:00,000 ERROR bot.health: Slack refused the token on chat.postMessage: token_revoked"
RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} [A-Z]+ [\w.]+: ")


def test_a_flood_of_rejected_requests_is_a_few_lines_without_bodies(server):
    body = ("text=" + "x" * 5000 + "\n" + FORGED + "\n").encode()
    mark = server.mark()
    for _ in range(60):
        bad = signed(body, secret="not-the-secret")  # fresh timestamp, wrong signature: read and checked
        assert request(server.port, "POST", "/slack/events", body, bad)[0] == 401
        assert request(server.port, "POST", "/slack/events", body)[0] == 401  # no signature at all
    log = server.log(mark)
    assert "token_revoked" not in log and "xxxxx" not in log
    lines = log.splitlines()
    assert 1 <= len(lines) <= REJECT_LOG_BURST, lines[:3]
    assert all(len(line) < 200 and "rejected a request" in line for line in lines)


def test_a_newline_in_a_request_field_cannot_forge_a_log_line(server):
    mark = server.mark()
    status, _ = post_slash(server.port, "how many shelters", user_id="U1\n" + FORGED)
    assert status == 200
    lines = server.log(mark).splitlines()
    assert len(lines) == 1 and RECORD.match(lines[0]) and "INFO bot.answers" in lines[0], lines
    assert "\\n" + FORGED in lines[0]  # kept, escaped, inside the genuine line


def test_bolt_no_longer_logs_a_rejected_body(caplog):
    """Bolt's own signature check (app.dispatch without the edge) logs one short line, not the body."""
    body = slash_body("secret question " + FORGED)
    with caplog.at_level(logging.DEBUG):
        app = App(signing_secret=SIGNING_SECRET, token="xoxb-unused", token_verification_enabled=False)
        resp = app.dispatch(BoltRequest(body=body, headers=sign(body, secret="not-the-secret")))
    assert resp.status == 401
    assert "secret question" not in caplog.text and "token_revoked" not in caplog.text
    assert "rejected a request: 401" in caplog.text


def test_text_format_escapes_control_characters_and_indents_tracebacks():
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(TextFormatter())
    log = logging.getLogger("bot.test_text_format")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("user %s asked %r", "U1\r\n" + FORGED, "a\x1b[31m\u2028b")
        try:
            raise ValueError("bad\n" + FORGED)
        except ValueError:
            log.exception("failed for %s", "U2\n" + FORGED)
    finally:
        log.removeHandler(handler)
    lines = out.getvalue().splitlines()
    records = [line for line in lines if RECORD.match(line)]
    assert len(records) == 2 and all("ERROR bot.health" not in r.split(": ", 1)[0] for r in records)
    assert all(RECORD.match(line) or line.startswith("  | ") for line in lines)
    assert "\\r\\n" + FORGED in records[0] and "\\x1b[31m" in records[0]
    assert one_line("a\u2028b\x85c\td") == "a\\u2028b\\x85c\\td"
    assert time.strftime("%Y") in records[0]


def test_json_format_keeps_every_record_on_one_line():
    record = logging.LogRecord("bot.x", logging.INFO, __file__, 1, "asked %s", ("a\nb\u2028c\x85d\x1be",), None)
    line = JsonFormatter().format(record)
    assert line.splitlines() == [line]  # str.splitlines also breaks at U+2028, U+0085, \x1c-\x1e
    assert json.loads(line)["message"] == "asked a\nb\u2028c\x85d\x1be"
