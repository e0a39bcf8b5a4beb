"""Everything the bot does not handle (unknown buttons, modal submissions and closes, shortcuts,
`member_joined_channel`, other slash commands, …): acknowledged quietly. 200 over HTTP, an ack in
Socket Mode, nothing posted, one DEBUG line.

Bolt answers a request no listener matched with 404 (in Socket Mode: no ack at all, so Slack retries it
and delivery stalls) and logs a multi-line "[Suggestion]" warning. With Bolt's documented switch
`raise_error_for_unhandled_request=True` such a request reaches the app's error handler as a
BoltUnhandledRequestError instead, and `acknowledge` answers it.
"""

from __future__ import annotations

import logging

from slack_bolt import BoltResponse

log = logging.getLogger("bot.slack.unhandled")


def describe(body: dict) -> str:
    """A few words naming the request: its type and what identifies it (never user text)."""
    kind = body.get("type") or ("slash command" if body.get("command") else "request")
    if kind == "event_callback":
        event = body.get("event") or {}
        name = event.get("type", "?") + (f"/{event['subtype']}" if event.get("subtype") else "")
        return f"event {name} ({body.get('event_id', '?')})"
    if kind == "slash command":
        return f"slash command {body.get('command')}"
    if kind == "block_actions":
        return "block_actions " + ", ".join(str(a.get("action_id")) for a in body.get("actions") or [])
    if kind in ("view_submission", "view_closed"):
        return f"{kind} {(body.get('view') or {}).get('callback_id')}"
    if kind in ("shortcut", "message_action", "block_suggestion", "dialog_submission"):
        return f"{kind} {body.get('callback_id') or body.get('action_id') or ''}".rstrip()
    return str(kind)


def acknowledge(body: dict) -> BoltResponse:
    log.debug("acknowledged, not handled: %s", describe(body))
    return BoltResponse(status=200, body="")
