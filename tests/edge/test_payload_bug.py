"""Issue 13.3: a slash command whose text or channel name contains "payload" is answered (Bolt 1.30
takes any form body containing that substring for an interactive payload: see bot/slack/edge.py)."""

from __future__ import annotations

from tests.edge.conftest import post_slash, request, signed
from tests.support.signing import slash_body


def test_a_command_mentioning_payload_is_answered(server):
    status, text = post_slash(server.port, "what is the payload penalty 130.1")
    assert status == 200 and b"5 to 8 years" in text


def test_a_command_from_a_payload_channel_is_answered(server):
    status, text = post_slash(server.port, "how many shelters", channel_id="C0PAYLOAD")
    assert status == 200 and b"3 shelters" in text
    body = slash_body("how many shelters").replace("channel_name=general", "channel_name=payload-team")
    status, text = request(server.port, "POST", "/slack/events", body.encode(), signed(body))
    assert status == 200 and b"3 shelters" in text
