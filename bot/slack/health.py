"""Whether Slack still accepts our tokens: one `Health` per app, held by its Deps (bot/slack/deps.py).

A revoked or invalid token cannot heal by retrying, so the first such error is logged once, as an
error that says what to do, and the process turns unhealthy: in HTTP mode `GET /healthz` answers 503
(the platform's health check alerts or restarts it; slash commands answered inline keep working); in
Socket Mode `tip-bot serve` stops with exit status 3 (the platform restarts it, and start-up then says
which token to replace). Later failures of the same kind are logged at DEBUG only: never a loop of errors.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.texts.slack_errors import RUNTIME_FIX, TOKEN_ERRORS

log = logging.getLogger("bot.health")


class Health:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.problem: str | None = None
        self._listeners: list[Callable[[], None]] = []

    @property
    def ok(self) -> bool:
        return self.problem is None

    def on_failure(self, listener: Callable[[], None]) -> None:
        """Call `listener` (once) when the process turns unhealthy; at once if it already is."""
        with self._lock:
            self._listeners.append(listener)
            failed = self.problem is not None
        if failed:
            listener()

    def slack_error(self, error: str | None, what: str) -> bool:
        """Record a Web API error code; True if it was a token error (and therefore handled here)."""
        if error not in TOKEN_ERRORS:
            return False
        with self._lock:
            first = self.problem is None
            if first:
                self.problem = f"{error} on {what}"
            listeners = list(self._listeners) if first else []
        if first:
            log.error(
                "Slack refused the token on %s: %s (%s). To fix: %s.",
                what,
                error,
                TOKEN_ERRORS[error].meaning,
                RUNTIME_FIX,
            )
        else:
            log.debug("Slack refused the token again on %s: %s", what, error)
        for listener in listeners:
            listener()
        return True


class WatchedWebClient(WebClient):
    """The Socket Mode client's Web API client: an app-level token refused on a reconnect turns the
    process unhealthy (slack_sdk alone would log the failure again on every health check, forever)."""

    health: Health

    def apps_connections_open(self, *, app_token: str, **kwargs):
        try:
            return super().apps_connections_open(app_token=app_token, **kwargs)
        except SlackApiError as e:
            self.health.slack_error(e.response.get("error"), "apps.connections.open (SLACK_APP_TOKEN)")
            raise


def watched(client: WebClient, health: Health) -> WebClient:
    """A copy of `client` (same token, base URL, retry handlers) that reports refused app tokens."""
    copy = WatchedWebClient(
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        ssl=client.ssl,
        proxy=client.proxy,
        headers=client.headers,
        retry_handlers=client.retry_handlers,
    )
    copy.health = health
    return copy
