"""Requests built and signed exactly as Slack builds and signs them."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any
from urllib.parse import urlencode

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"  # a test value in the documented shape


def sign(body: str, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict[str, str]:
    """Headers for `body`: X-Slack-Signature = v0=HMAC-SHA256(secret, 'v0:{ts}:{body}')."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def slash_body(
    text: str,
    *,
    command: str = "/tip",
    user_id: str = "U123ASKER",
    channel_id: str = "C0CHAN",
    response_url: str = "https://hooks.slack.com/commands/T0TEST/1/abc",
    trigger_id: str = "13345224609.738474920.8088930838d88f008e0",
) -> str:
    """A form-encoded slash command payload as Slack sends it."""
    return urlencode(
        {
            "token": "deprecated-verification-token",
            "team_id": "T0TEST",
            "team_domain": "tip-test",
            "channel_id": channel_id,
            "channel_name": "general",
            "user_id": user_id,
            "user_name": "asker",
            "command": command,
            "text": text,
            "api_app_id": "A0TIPBOT",
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger_id,
        }
    )


def event_body(event: dict[str, Any], *, event_id: str = "Ev0001", event_time: int | None = None) -> str:
    """An Events API envelope (event_callback) as JSON."""
    return json.dumps(
        {
            "token": "deprecated-verification-token",
            "team_id": "T0TEST",
            "api_app_id": "A0TIPBOT",
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": event_time or int(time.time()),
            "authorizations": [{"team_id": "T0TEST", "user_id": "UBOT", "is_bot": True}],
        }
    )


def action_body(
    action_id: str,
    value: str,
    *,
    user_id: str = "U123ASKER",
    channel_id: str = "C0CHAN",
    response_url: str = "https://hooks.slack.com/actions/T0TEST/1/xyz",
    block_id: str = "tip",
    message: dict[str, Any] | None = None,
    action_ts: str | None = None,
) -> str:
    """A block_actions interactivity payload: form-encoded with one field, `payload` (JSON). With `message`
    (a posted message, as Slack sends it) the container is that message, not an ephemeral one."""
    payload = {
        "type": "block_actions",
        "team": {"id": "T0TEST", "domain": "tip-test"},
        "user": {"id": user_id, "username": "asker", "team_id": "T0TEST"},
        "api_app_id": "A0TIPBOT",
        "token": "deprecated-verification-token",
        "container": {
            "type": "message",
            "message_ts": (message or {}).get("ts", "1700000000.000100"),
            "channel_id": channel_id,
            "is_ephemeral": message is None,
        },
        "trigger_id": "13345224609.738474920.8088930838d88f008e0",
        "channel": {"id": channel_id, "name": "general"},
        "response_url": response_url,
        "actions": [
            {
                "action_id": action_id,
                "block_id": block_id,
                "value": value,
                "type": "button",
                "action_ts": action_ts or str(time.time()),
            }
        ],
    }
    if message is not None:
        payload["message"] = message
    return urlencode({"payload": json.dumps(payload)})


def view_submission_body(
    callback_id: str,
    values: dict[str, dict[str, Any]],
    *,
    private_metadata: str = "",
    user_id: str = "U123ASKER",
    view_id: str = "V0MODAL1",
) -> str:
    """A view_submission interactivity payload (a modal's Submit), form-encoded like block_actions."""
    payload = {
        "type": "view_submission",
        "team": {"id": "T0TEST", "domain": "tip-test"},
        "user": {"id": user_id, "username": "asker", "team_id": "T0TEST"},
        "api_app_id": "A0TIPBOT",
        "token": "deprecated-verification-token",
        "trigger_id": "13345224609.738474920.8088930838d88f008e1",
        "view": {
            "id": view_id,
            "team_id": "T0TEST",
            "type": "modal",
            "callback_id": callback_id,
            "private_metadata": private_metadata,
            "state": {"values": values},
            "hash": "156772938.1827394",
            "app_id": "A0TIPBOT",
            "bot_id": "BBOT",
        },
        "response_urls": [],
        "is_enterprise_install": False,
    }
    return urlencode({"payload": json.dumps(payload)})
