"""Replies that must not be lost: post now; if Slack or the network still fails after the client's own
retries (429/5xx/connection errors), hand the reply to the store's outbox (bot/store/outbox.py),
whose thread calls `Deliverer` later. A permanent refusal (channel gone, bot removed, bad blocks) is
not retried; a dead token marks the app unhealthy (bot/slack/health.py), as before.

When a stored reply finally fails, the asker is told where Slack allows it: through the click's
response_url (a share), or with chat.postEphemeral in the conversation (a DM or mention)."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

from bot.slack.health import Health
from bot.store.base import OutboxItem
from bot.store.outbox import Delivery, Outbox

log = logging.getLogger("bot.slack.outbox")

TEMPORARY = frozenset({"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"})
GAVE_UP = "Sorry, I could not deliver my answer (Slack kept failing). Please ask again."


def attempt(client: WebClient, health: Health, what: str, payload: dict[str, Any]) -> Delivery:
    """One chat.postMessage (with the client's retries); never raises."""
    if health.muted(what):  # the app was uninstalled: nothing to post, nothing to retry
        return Delivery(False, health.problem or "app uninstalled", temporary=False, logged=True)
    try:
        resp = client.chat_postMessage(**payload)
    except SlackApiError as e:
        r = e.response
        error = (r.get("error") if isinstance(r.data, dict) else None) or f"HTTP {r.status_code}"
        if health.slack_error(error, what):
            return Delivery(False, error, temporary=False, logged=True)
        temporary = r.status_code == 429 or r.status_code >= 500 or error in TEMPORARY
        return Delivery(False, error, temporary=temporary)
    except Exception as e:  # timeouts, refused connections: after the client's own retries
        return Delivery(False, f"{type(e).__name__}: {e}"[:200], temporary=True)
    return Delivery(True, str(resp.get("ts") or ""))


def post_or_defer(
    client: WebClient,
    health: Health,
    outbox: Outbox,
    kind: str,
    payload: dict[str, Any],
    notice: dict[str, Any] | None,
    *,
    what: str = "answer",
) -> Delivery:
    """Post `payload`; a temporary failure is stored for a later retry (the result says it failed)."""
    result = attempt(client, health, f"chat.postMessage ({what})", payload)
    if not result.ok:
        if result.temporary and outbox.defer(kind, payload, notice, result.error):
            return result
        if not result.logged:
            log.error("Slack chat.postMessage (%s) failed: %s", what, result.error)
    return result


class Deliverer:
    """The outbox's callbacks for one app: deliver an item, or tell its asker it was given up."""

    def __init__(self, client: WebClient, health: Health) -> None:
        self.client = client
        self.health = health

    def deliver(self, item: OutboxItem) -> Delivery:
        return attempt(self.client, self.health, f"chat.postMessage ({item.kind}, retry)", item.payload)

    def notify(self, item: OutboxItem) -> None:
        notice = item.notice or {}
        try:
            if notice.get("response_url"):
                WebhookClient(notice["response_url"], timeout=5).send(
                    text=GAVE_UP, response_type="ephemeral", replace_original=False
                )
            elif notice.get("channel") and notice.get("user"):
                self.client.chat_postEphemeral(
                    channel=notice["channel"], user=notice["user"], text=GAVE_UP, thread_ts=notice.get("thread_ts")
                )
        except Exception as e:  # the asker cannot be told either: the log line is all there is
            log.error("could not tell the asker that outbox item %d failed: %s: %s", item.id, type(e).__name__, e)
