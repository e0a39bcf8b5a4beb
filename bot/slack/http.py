"""HTTP mode: an ASGI app for uvicorn. POST /slack/events (commands, events and interactivity share one
Request URL) goes through the edge (bot/slack/edge.py: bounded body, signature checked before parsing)
to Bolt; GET /healthz is for the platform's health checks.

The Bolt app is synchronous and runs on the event loop: a /tip answer is computed inside the
acknowledgement in well under a millisecond, and every Web API call happens in Bolt's lazy-listener
threads, so nothing here waits on the network (auth.test is made once at start-up).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt import App

from bot.slack.deps import Deps
from bot.slack.edge import EVENTS_PATH, HEALTH_PATH, MAX_BODY, edge_app
from bot.slack.health import Health

__all__ = ["EVENTS_PATH", "HEALTH_PATH", "MAX_BODY", "asgi_app", "create_app"]

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def asgi_app(
    bolt_app: App, health: Health, deps: Deps | None = None
) -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    """Bolt behind the hardened edge (bot/slack/edge.py): bounded, verified, then parsed. With `deps`,
    /healthz reports the database and the store's threads stop at lifespan shutdown."""
    if deps is None:
        return edge_app(bolt_app, health)
    return edge_app(bolt_app, health, database=deps.db, on_shutdown=deps.close)


def create_app() -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    """Factory for `uvicorn --factory bot.slack.http:create_app` and for each of serve's workers."""
    from bot.slack.app import assemble
    from bot.slack.connections import configure

    bolt_app, deps = assemble(http=True)
    configure(deps.settings.http_header_timeout, deps.settings.http_max_connections)  # this worker's bounds
    deps.start()
    return asgi_app(bolt_app, deps.health, deps)
