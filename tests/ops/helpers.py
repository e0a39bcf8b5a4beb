"""Small drivers shared by the operations tests."""

from __future__ import annotations

import asyncio

from slack_bolt import App, BoltRequest

from bot.slack.health import Health
from bot.slack.http import asgi_app
from tests.support.signing import event_body, sign


def dm(app: App, text: str, n: int) -> int:
    event = {
        "type": "message",
        "channel_type": "im",
        "channel": "D0DIRECT",
        "user": "U123ASKER",
        "text": text,
        "ts": f"17000000{n:02d}.000100",
    }
    body = event_body(event, event_id=f"EvFAULT{n}")
    headers = {"content-type": "application/json", **sign(body)}
    return app.dispatch(BoltRequest(body=body, headers=headers)).status


def healthz(app: App, health: Health) -> tuple[int, str]:
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/healthz", "headers": [], "query_string": b""}
    asyncio.run(asgi_app(app, health)(scope, receive, send))
    return sent[0]["status"], sent[1]["body"].decode()
