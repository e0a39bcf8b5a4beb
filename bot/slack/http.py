"""HTTP mode: an ASGI app for uvicorn. Bolt's ASGI adapter on POST /slack/events (commands, events and
interactivity share one Request URL), GET /healthz for the platform's health checks.

The Bolt app is synchronous and runs on the event loop: a /tip answer is computed inside the
acknowledgement in well under a millisecond, and every Web API call happens in Bolt's lazy-listener
threads, so nothing here waits on the network (auth.test is made once at start-up).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.asgi import SlackRequestHandler

from bot.slack.health import Health

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY = 1_000_000  # bytes; Slack's payloads are a few kB

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def asgi_app(bolt_app: App, health: Health) -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    slack = SlackRequestHandler(bolt_app, path=EVENTS_PATH)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            if scope["path"] == HEALTH_PATH and scope["method"] in ("GET", "HEAD"):
                if not health.ok:  # a revoked/invalid token: see bot/slack/health.py
                    return await _plain(send, 503, f"unhealthy: Slack refused the token ({health.problem})\n")
                return await _plain(send, 200, "ok\n")
            length = dict(scope.get("headers") or []).get(b"content-length", b"0")
            if not length.isdigit() or int(length) > MAX_BODY:
                return await _plain(send, 413, "request body too large\n")
        await slack(scope, receive, send)

    return app


def create_app() -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    """Factory for `uvicorn --factory bot.slack.http:create_app` and for each of serve's workers."""
    from bot.slack.app import assemble

    bolt_app, deps = assemble(http=True)
    return asgi_app(bolt_app, deps.health)
