"""Checks every Block Kit payload in these tests must pass: Slack's limits and our escaping rules."""

from __future__ import annotations

import json
from typing import Any


def texts(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every text object in the blocks (section text, context elements, button labels)."""
    found = []
    for b in blocks:
        if isinstance(b.get("text"), dict):
            found.append(b["text"])
        for e in b.get("elements", []):
            if e.get("type") in ("mrkdwn", "plain_text"):
                found.append(e)
            elif isinstance(e.get("text"), dict):
                found.append(e["text"])
    return found


def assert_slack_safe(blocks: list[dict[str, Any]], *, max_blocks: int = 50) -> None:
    assert 0 < len(blocks) <= max_blocks
    for b in blocks:
        if b["type"] == "section":
            assert len(b["text"]["text"]) <= 3000
    for t in texts(blocks):
        if t["type"] == "mrkdwn":
            assert t.get("verbatim") is True, t  # no auto-linking of @here, #channel, URLs
    dumped = json.dumps(texts(blocks))  # what people see; button values are only sent back to us
    for raw in ("<!channel>", "<!here>", "<!everyone>", "<!subteam"):
        assert raw not in dumped


def all_text(blocks: list[dict[str, Any]]) -> str:
    return "\n".join(t["text"] for t in texts(blocks))


def action_ids(blocks: list[dict[str, Any]]) -> list[str]:
    return [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]


def blocks_of(params: dict[str, Any]) -> list[dict[str, Any]]:
    """The blocks a Web API call or response_url post carried (JSON body, or a form field)."""
    blocks = params.get("blocks") or []
    return json.loads(blocks) if isinstance(blocks, str) else blocks
