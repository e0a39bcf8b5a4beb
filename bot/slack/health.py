"""Whether Slack still accepts our tokens: one `Health` per app, held by its Deps (bot/slack/deps.py).

A revoked or invalid token cannot heal by retrying, so the first such error is logged once, as an
error that says what to do, and the process turns unhealthy: in HTTP mode `GET /healthz` answers 503
(the platform's health check alerts or restarts it; slash commands answered inline keep working); in
Socket Mode `tip-bot serve` stops with exit status 3 (the platform restarts it, and start-up then says
which token to replace). Later failures of the same kind are logged at DEBUG only: never a loop of errors.

Slack also says so itself: `app_uninstalled` and `tokens_revoked` (for the bot token) arrive as events
(bot/slack/listeners/uninstall.py) and call `revoked`: one WARNING line, the same unhealthy state with
the reason, and from then on nothing is posted (`posting` is False; see bot/slack/delivery.py).
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
        self.posting = True  # False once Slack told us the app was uninstalled or its bot token revoked
        self._listeners: list[Callable[[], None]] = []
        self._notified = False

    @property
    def ok(self) -> bool:
        return self.problem is None

    def on_failure(self, listener: Callable[[], None]) -> None:
        """Call `listener` (once) when the process turns unhealthy; at once if it already is."""
        with self._lock:
            failed = self._notified
            if not failed:
                self._listeners.append(listener)
        if failed:
            listener()

    def revoked(self, reason: str) -> None:
        """Slack's own word that our bot token is gone (app_uninstalled, tokens_revoked): stop posting,
        turn unhealthy with `reason` (it replaces a token error seen before: it says more), log one
        WARNING line. Later calls (an uninstall sends both events) change nothing and log at DEBUG."""
        with self._lock:
            first, self.posting = self.posting, False
            if first:
                self.problem = reason
        if not first:
            log.debug("Slack said again that the bot token is gone: %s", reason)
            return
        log.warning("%s: no longer posting to Slack, the digest stops. To fix: %s.", reason, RUNTIME_FIX)
        self._notify()

    def muted(self, what: str) -> bool:
        """True once Slack said the bot token is gone: the Web API call `what` is not made (one DEBUG line)."""
        if self.posting:
            return False
        log.debug("not calling Slack %s: %s", what, self.problem)
        return True

    def slack_error(self, error: str | None, what: str) -> bool:
        """Record a Web API error code; True if it was a token error (and therefore handled here)."""
        if error not in TOKEN_ERRORS:
            return False
        with self._lock:
            first = self.problem is None
            if first:
                self.problem = f"{error} on {what}"
        if first:
            log.error(
                "Slack refused the token on %s: %s (%s). To fix: %s.",
                what,
                error,
                TOKEN_ERRORS[error].meaning,
                RUNTIME_FIX,
            )
            self._notify()
        else:
            log.debug("Slack refused the token again on %s: %s", what, error)
        return True

    def _notify(self) -> None:
        """Run the on_failure listeners, once in the life of this Health."""
        with self._lock:
            listeners, self._listeners, self._notified = ([] if self._notified else self._listeners), [], True
        for listener in listeners:
            listener()


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
