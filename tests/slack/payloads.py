"""The real payload shapes in tests/slack/payloads/ (see its README): loading, and turning one into what
Slack sends over HTTP (a signed body) or over Socket Mode (an envelope)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from tests.support.signing import sign
from tests.support.socket_mode import envelope

FOLDER = Path(__file__).parent / "payloads"
# What each transport is called in a Socket Mode envelope.
ENVELOPE_TYPE = {"events": "events_api", "command": "slash_commands", "interactive": "interactive"}
# Outcomes: answered (chat.postMessage to `where`), inline (the answer inside a slash command's ack),
# home (views.publish), ignored (acknowledged, nothing posted), quiet (acknowledged, nothing posted, one
# DEBUG line), revoked (the app's token is gone: unhealthy, nothing posted from then on), challenge.
OUTCOMES = {"answered", "inline", "home", "ignored", "quiet", "revoked", "challenge"}


@dataclass(frozen=True)
class Payload:
    name: str
    source: str
    transport: str
    expect: str
    where: dict[str, str]
    body: dict[str, Any]

    @property
    def event_id(self) -> str:
        """Each file gets its own event_id (Slack's are unique; the SDK tests reuse Ev111)."""
        return "Ev" + self.name.upper().replace("_", "")[:30]

    def wire_body(self) -> dict[str, Any]:
        if self.transport == "events" and "event_id" in self.body:
            return {**self.body, "event_id": self.event_id}
        return self.body

    def http(self, *, retry: int | None = None) -> tuple[str, dict[str, str]]:
        """The body and headers of the signed POST to /slack/events."""
        if self.transport == "events":
            body, kind = json.dumps(self.wire_body()), "application/json"
        elif self.transport == "command":
            body, kind = urlencode(self.body), "application/x-www-form-urlencoded"
        else:
            body, kind = urlencode({"payload": json.dumps(self.body)}), "application/x-www-form-urlencoded"
        headers = {"Content-Type": kind, **sign(body)}
        if retry:
            headers.update({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"})
        return body, headers

    def envelope(self, *, retry: int = 0) -> dict[str, Any]:
        """The Socket Mode envelope carrying it."""
        env = envelope(ENVELOPE_TYPE[self.transport], self.wire_body(), accepts_response_payload=True)
        if self.transport == "events":
            env.update(retry_attempt=retry, retry_reason="timeout" if retry else "")
        return env


def load_all() -> list[Payload]:
    out = []
    for path in sorted(FOLDER.glob("*.json")):
        doc = json.loads(path.read_text())
        assert doc["source"] and doc["expect"] in OUTCOMES, path
        out.append(
            Payload(path.stem, doc["source"], doc["transport"], doc["expect"], doc.get("where", {}), doc["body"])
        )
    return out


PAYLOADS = load_all()
