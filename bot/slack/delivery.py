"""Sending to Slack without ever raising into a listener: one Web API call or one response_url post,
a failure logged in one clear line (a dead token also turns the app unhealthy, see health.py)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Respond
from slack_sdk.errors import SlackApiError

from bot.slack.health import Health

log = logging.getLogger("bot.slack")


def call_slack(health: Health, what: str, method: Callable[..., Any], **kwargs: Any) -> Any | None:
    """Make one Web API call; log a failure in one clear line and carry on.

    429 and 5xx were already retried by the client's retry handlers (bot/slack/client.py); what reaches
    us here is final. Returns the response, or None when the call failed or was not made (the app was
    uninstalled or its bot token revoked: see health.py)."""
    if health.muted(what):
        return None
    try:
        return method(**kwargs)
    except SlackApiError as e:
        resp = e.response
        error = resp.get("error") if isinstance(resp.data, dict) else None
        if health.slack_error(error, what):  # a dead token: logged once, app marked unhealthy
            return None
        log.error("Slack %s failed: %s (HTTP %s)", what, error or "unexpected response", resp.status_code)
    except Exception as e:  # timeouts, refused connections, anything from the network
        log.error("Slack %s failed: %s: %s", what, type(e).__name__, e)
    return None


def respond_safely(respond: Respond, what: str, **kwargs: Any) -> bool:
    """Post to a click's response_url; log (never raise) when Slack refuses or is unreachable."""
    try:
        resp = respond(**kwargs)
    except Exception as e:
        log.error("response_url %s failed: %s: %s", what, type(e).__name__, e)
        return False
    if resp is not None and getattr(resp, "status_code", 200) >= 400:
        log.error("response_url %s failed: HTTP %s %s", what, resp.status_code, resp.body)
        return False
    return True
