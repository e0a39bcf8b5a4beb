"""Slack's error codes that need an operator, with what they mean and what to do: one table for
`doctor`, `serve`'s start-up check, the health state and the digest post."""

from __future__ import annotations

from typing import NamedTuple


class TokenError(NamedTuple):
    meaning: str  # what happened, for a log line
    fix: str  # what the operator does, for doctor / serve / digest


# Codes that mean "this token will never work again" (until an operator acts).
TOKEN_ERRORS: dict[str, TokenError] = {
    "invalid_auth": TokenError(
        "Slack no longer accepts the token",
        "the token is not valid for this workspace: copy the Bot User OAuth Token (xoxb-…) again "
        "from the app's 'OAuth & Permissions' page into SLACK_BOT_TOKEN",
    ),
    "not_authed": TokenError("no token was sent", "no token reached Slack: set SLACK_BOT_TOKEN"),
    "token_revoked": TokenError(
        "the token was revoked (was the app uninstalled?)",
        "the token was revoked (app uninstalled?): reinstall the app to the workspace "
        "and copy the new Bot User OAuth Token into SLACK_BOT_TOKEN",
    ),
    "token_expired": TokenError(
        "the token expired",
        "the token expired: turn off token rotation for this app or reinstall it and copy the new token",
    ),
    "account_inactive": TokenError(
        "the app or its user was deactivated",
        "the app was removed from the workspace or its user deactivated: reinstall the app and copy the new token",
    ),
}
# Not a dead token, but the wrong kind of one: doctor and serve say so the same way.
WRONG_TOKEN_TYPE = "that is the wrong kind of token: SLACK_BOT_TOKEN must be the Bot User OAuth Token (xoxb-…)"

# What a running process tells the operator when its token dies (see bot/slack/health.py).
RUNTIME_FIX = (
    "reinstall the app to the workspace ('OAuth & Permissions' → Reinstall), put the new Bot User OAuth Token in "
    "SLACK_BOT_TOKEN (and a fresh app-level token in SLACK_APP_TOKEN for Socket Mode), restart, "
    "and run `tip-bot doctor`"
)

APP_TOKEN_FIXES: dict[str, str] = {
    "invalid_auth": "the app-level token is not valid: create one under 'Basic Information' → 'App-Level "
    "Tokens' with the connections:write scope and put it in SLACK_APP_TOKEN",
    "token_revoked": "the app-level token was revoked: create a new one under 'Basic Information' → "
    "'App-Level Tokens' (scope connections:write)",
    "not_allowed_token_type": "SLACK_APP_TOKEN must be an app-level token (xapp-…), not a bot or user token",
    "missing_scope": "the app-level token lacks connections:write: create a token with that scope",
}

# Errors posting to a channel that will not go away by trying again today.
CHANNEL_FIXES: dict[str, str] = {
    "not_in_channel": "invite the bot to the channel (type `/invite @tip-bot` in it)",
    "channel_not_found": "check DIGEST_CHANNEL (a channel id like C0123456789) and that the bot can see it",
    "is_archived": "the channel is archived: unarchive it or set DIGEST_CHANNEL to another channel",
    "missing_scope": "reinstall the app with the scopes in manifest.yml",
}


def bot_token_fix(code: str, default: str = "check SLACK_BOT_TOKEN") -> str:
    if code == "not_allowed_token_type":
        return WRONG_TOKEN_TYPE
    return TOKEN_ERRORS[code].fix if code in TOKEN_ERRORS else default


def explain_post_error(code: str) -> str:
    """'not_in_channel: invite the bot …' for a failed post; the bare code when there is nothing to add."""
    fix = CHANNEL_FIXES.get(code) or (TOKEN_ERRORS[code].fix if code in TOKEN_ERRORS else None)
    return f"{code}: {fix}" if fix else code
