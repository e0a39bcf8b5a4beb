"""`app_uninstalled` and `tokens_revoked`: Slack telling us the bot token is gone.

Acknowledged, then the app's Health records why (bot/slack/health.py): one WARNING line, nothing more
is posted, `/healthz` answers 503 with the reason, and `serve` in Socket Mode stops (its digest with it;
exit status 3, as for a token Slack refuses). Bolt makes no auth.test call for these two events.
"""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, BoltContext

from bot.slack.deps import deps_of

log = logging.getLogger("bot.slack.uninstall")


def app_uninstalled(ack: Ack, body: dict, context: BoltContext) -> None:
    ack()
    deps_of(context).health.revoked(f"app_uninstalled: the app was uninstalled from workspace {body.get('team_id')}")


def tokens_revoked(ack: Ack, event: dict, body: dict, context: BoltContext) -> None:
    """Only the bot token matters (a single-workspace app has one bot user; we hold no user tokens)."""
    ack()
    tokens = event.get("tokens") or {}
    if not tokens.get("bot"):
        log.debug("tokens_revoked for user tokens only (%d): not ours", len(tokens.get("oauth") or []))
        return
    deps_of(context).health.revoked(
        f"tokens_revoked: the bot token was revoked in workspace {body.get('team_id')} (bot user "
        f"{', '.join(tokens['bot'])})"
    )


def register(app: App) -> None:
    app.event("app_uninstalled")(app_uninstalled)
    app.event("tokens_revoked")(tokens_revoked)
