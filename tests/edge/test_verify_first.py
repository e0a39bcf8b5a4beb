"""Issue 13.2: the signature is checked over the raw bytes before anything is parsed, and a signed
form may hold at most 50 fields (bot.slack.edge.MAX_FORM_FIELDS)."""

from __future__ import annotations

from urllib.parse import urlencode

from tests.edge.conftest import request, signed
from tests.support.signing import slash_body

DEEP = "[" * 10_000 + "]" * 10_000


def test_unsigned_bodies_are_refused_unparsed(server):
    """Each of these breaks Bolt's parser (a 500 when it parses first); unsigned, none is parsed."""
    for body in ("payload={not json", "payload=" + DEEP, DEEP, '{"a": '):
        for headers in ({}, signed(body, secret="not-the-secret")):
            status, text = request(server.port, "POST", "/slack/events", body.encode(), headers)
            assert status == 401, (body[:20], headers, text)


def test_a_signed_form_with_too_many_fields_is_refused(server):
    body = slash_body("penalties 130.1") + "&" + urlencode([(f"f{i}", "x") for i in range(100_000)])
    assert len(body) > 800_000
    assert request(server.port, "POST", "/slack/events", body.encode(), signed(body))[0] == 400
    extra = urlencode([(f"f{i}", "x") for i in range(50 - 14)])
    ok = slash_body("penalties 130.1") + "&" + extra
    status, text = request(server.port, "POST", "/slack/events", ok.encode(), signed(ok))
    assert status == 200 and b"5 to 8 years" in text
