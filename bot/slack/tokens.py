"""The shapes of Slack's credentials, checked before anything goes to the network (`doctor`, `serve`).

A bot token is `xoxb-<digits>-<digits>-<letters/digits>`, an app-level token `xapp-<digit>-<id>-<digits>-
<hex>`, a signing secret 32 hex digits. The placeholders in .env.example (`xoxb-your-bot-token`,
`your-signing-secret`) have the right prefix but not the shape, so they are caught here, by name.
"""

from __future__ import annotations

import re

BOT_TOKEN = re.compile(r"xoxb-\d+-[0-9A-Za-z-]+")
APP_TOKEN = re.compile(r"xapp-\d+-[0-9A-Za-z-]+")
SIGNING_SECRET = re.compile(r"[0-9a-zA-Z]{32}")
PLACEHOLDER = " (is it still the placeholder from .env.example?)"


def bot_token_problem(token: str) -> str | None:
    """What is wrong with SLACK_BOT_TOKEN's shape, or None."""
    if not token.startswith("xoxb-"):
        return f"SLACK_BOT_TOKEN starts with {token[:5]!r}, not 'xoxb-'"
    if not BOT_TOKEN.fullmatch(token):
        return "SLACK_BOT_TOKEN is not shaped like a bot token (xoxb-<digits>-<digits>-…)" + PLACEHOLDER
    return None


def app_token_problem(token: str) -> str | None:
    """What is wrong with SLACK_APP_TOKEN's shape, or None."""
    if not token.startswith("xapp-"):
        return f"SLACK_APP_TOKEN starts with {token[:5]!r}, not 'xapp-'"
    if not APP_TOKEN.fullmatch(token):
        return "SLACK_APP_TOKEN is not shaped like an app-level token (xapp-<digit>-…)" + PLACEHOLDER
    return None


def signing_secret_problem(secret: str) -> str | None:
    if not SIGNING_SECRET.fullmatch(secret):
        return f"SLACK_SIGNING_SECRET is {len(secret)} characters, not 32 letters and digits" + (
            PLACEHOLDER if not any(c.isdigit() for c in secret) else ""
        )
    return None
