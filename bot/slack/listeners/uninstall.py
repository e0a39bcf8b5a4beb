"""`app_uninstalled` and `tokens_revoked`: Slack telling us the bot token is gone.

Acknowledged, then: this process's Health records why (bot/slack/health.py: one WARNING line, nothing
more is posted, `/healthz` answers 503 with the reason, `serve` in Socket Mode stops and its digest with
it, exit status 3), and the store keeps the reason for every other process: `tip-bot doctor` shows it
until a start-up with a working token clears it (`assemble`). Bolt makes no auth.test call for these.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from slack_bolt import Ack, App, BoltContext

from bot.slack.deps import Deps, deps_of
from bot.store.base import Store, StoreUnavailable

log = logging.getLogger("bot.slack.uninstall")

GONE_KEY = "slack_app_gone"  # in the store's small named values: why Slack took our token, and when


def app_gone(deps: Deps, reason: str) -> None:
    first = deps.health.posting
    deps.health.revoked(reason)
    store = deps.claims.store
    if first and store is not None:
        try:
            store.note(GONE_KEY, f"{reason} ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)")
        except StoreUnavailable as e:
            log.error("could not record in the database that Slack took the bot token: %s", e)


def clear_gone(store: Store) -> None:
    """Slack accepts the bot token again (a start-up's auth.test passed): forget an old record."""
    try:
        if store.noted(GONE_KEY) is not None:
            store.note(GONE_KEY, None)
            log.info("the bot token works again: cleared the record that the app was gone")
    except StoreUnavailable:
        pass  # start-up has just checked the database; if it went away since, there is nothing to clear now


def _where(body: dict) -> str:
    """ "in workspace T…", or "in organization E…" for an org-wide install (no team_id then)."""
    if body.get("team_id"):
        return f" in workspace {body['team_id']}"
    return f" in organization {body['enterprise_id']}" if body.get("enterprise_id") else ""


def app_uninstalled(ack: Ack, body: dict, context: BoltContext) -> None:
    ack()
    app_gone(deps_of(context), f"app_uninstalled: the app was uninstalled{_where(body)}")


def tokens_revoked(ack: Ack, event: dict, body: dict, context: BoltContext) -> None:
    """Only the bot token matters (a single-workspace app has one bot user; we hold no user tokens)."""
    ack()
    tokens = event.get("tokens") or {}
    if not tokens.get("bot"):
        log.debug("tokens_revoked for user tokens only (%d): not ours", len(tokens.get("oauth") or []))
        return
    app_gone(
        deps_of(context),
        f"tokens_revoked: the bot token was revoked{_where(body)} (bot user {', '.join(tokens['bot'])})",
    )


def register(app: App) -> None:
    app.event("app_uninstalled")(app_uninstalled)
    app.event("tokens_revoked")(tokens_revoked)
