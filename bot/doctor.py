"""`tip-bot doctor`'s checks: the usual set-up mistakes (wrong token type, missing scope, bot not in the
channel), each found by one small function that returns a `Check` - never printing a secret."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.errors import KnowledgeError
from bot.knowledge import load
from bot.settings import Settings
from bot.slack.client import make_client, retry_handlers
from bot.slack.tokens import app_token_problem, bot_token_problem, signing_secret_problem
from bot.texts.slack_errors import APP_TOKEN_FIXES, RUNTIME_FIX, bot_token_fix

# What each feature needs; manifest.yml requests exactly the union (a test holds them together).
ALWAYS_SCOPES: dict[str, str] = {
    "commands": "/tip",
    "chat:write": "answers in DMs and threads, shared answers",
    "app_mentions:read": "@tip-bot in channels",
    "im:history": "direct messages to the bot",
}
DIGEST_SCOPES: dict[str, str] = {
    "chat:write": "posting the digest",
    "channels:history": "finding today's digest in a public channel",
    "groups:history": "finding today's digest in a private channel",
    "channels:read": "checking the digest channel (public)",
    "groups:read": "checking the digest channel (private)",
}


class Check(NamedTuple):
    ok: bool
    line: str
    fix: str = ""


def shown(secret: str, n: int = 5) -> str:
    """At most the first few characters: enough to tell tokens apart, useless to an attacker."""
    return secret[:n] + "…"


def _secret(value) -> str | None:
    return value.get_secret_value() if value is not None else None


# --- settings ---------------------------------------------------------------------------------------
def check_bot_token(s: Settings) -> Check:
    token = _secret(s.slack_bot_token)
    if token is None:
        return Check(
            False,
            "SLACK_BOT_TOKEN is not set",
            "copy the Bot User OAuth Token (xoxb-…) from the app's "
            "'OAuth & Permissions' page into SLACK_BOT_TOKEN (environment or .env)",
        )
    problem = bot_token_problem(token)
    if problem:
        return Check(
            False,
            problem,
            "use the Bot User OAuth "
            "Token (xoxb-…) from 'OAuth & Permissions', not a user (xoxp-) or app-level (xapp-) token",
        )
    return Check(True, f"SLACK_BOT_TOKEN is a bot token ({shown(token)})")


def check_app_token(s: Settings) -> Check:
    token = _secret(s.slack_app_token)
    if token is None:
        return Check(True, "SLACK_APP_TOKEN is not set: HTTP mode (`tip-bot serve --http`)")
    problem = app_token_problem(token)
    if problem:
        return Check(
            False,
            problem,
            "create an app-level token under 'Basic Information' → 'App-Level Tokens' (scope connections:write)",
        )
    return Check(True, f"SLACK_APP_TOKEN is an app-level token ({shown(token)}): Socket Mode")


def check_signing_secret(s: Settings, *, http: bool) -> Check:
    secret = _secret(s.slack_signing_secret)
    where = "copy the Signing Secret from the app's 'Basic Information' page into SLACK_SIGNING_SECRET"
    if secret is None:
        if http:
            return Check(False, "SLACK_SIGNING_SECRET is not set (HTTP mode needs it)", where)
        return Check(True, "SLACK_SIGNING_SECRET is not set (not needed in Socket Mode)")
    problem = signing_secret_problem(secret)
    if problem and not http:  # Socket Mode never uses it: a placeholder there is harmless
        return Check(True, f"SLACK_SIGNING_SECRET is not used in Socket Mode (and {problem.split(' ', 1)[1]})")
    if problem:
        return Check(False, problem, f"{where} (the secret, not the Client Secret or Verification Token)")
    return Check(True, f"SLACK_SIGNING_SECRET has the right shape ({shown(secret, 3)})")


def check_digest_settings(s: Settings) -> Check:
    if s.digest_channel is None:
        return Check(True, "digest: off (DIGEST_CHANNEL is not set)")
    return Check(
        True,
        f"digest: {s.digest_facts} fact(s) daily at {s.digest_time:%H:%M} {s.digest_timezone} in {s.digest_channel}",
    )


def check_knowledge(s: Settings) -> Check:
    try:
        kb = load(s.knowledge_dir)
    except KnowledgeError as e:
        return Check(False, f"knowledge base: {e}", "set KNOWLEDGE_DIR to the directory holding the fact files")
    if kb.problems:
        return Check(
            False,
            f"knowledge base in {kb.directory}: {len(kb.problems)} problem(s), first: {kb.problems[0]}",
            "run `tip-bot validate` for the list and fix the fact files; the bot refuses to start until then",
        )
    return Check(True, f"knowledge base: {len(kb.facts)} facts in {len(kb.sections)} sections, all quotes found")


# --- Slack --------------------------------------------------------------------------------------------
def _unreachable(s: Settings, e: Exception) -> Check:
    return Check(
        False,
        f"cannot reach the Slack Web API at {s.slack_api_url} ({type(e).__name__})",
        "check SLACK_API_URL (https://slack.com/api/, GovSlack: https://slack-gov.com/api/) and the network",
    )


def check_auth(s: Settings, client: WebClient) -> tuple[Check, SlackResponse | None]:
    try:
        r = client.auth_test()
    except SlackApiError as e:
        code = e.response.get("error", "unknown")
        return Check(False, f"auth.test failed: {code}", bot_token_fix(code)), None
    except Exception as e:  # connection refused, DNS, timeout - anything but an answer from Slack
        return _unreachable(s, e), None
    where = r.get("url") or s.slack_api_url
    return Check(
        True, f"auth.test: workspace {r.get('team')!r} ({where}) as bot user @{r.get('user')} ({r.get('user_id')})"
    ), r


def required_scopes(s: Settings) -> dict[str, str]:
    needed = dict(ALWAYS_SCOPES)
    if s.digest_channel:
        for scope, why in DIGEST_SCOPES.items():
            needed[scope] = f"{needed[scope]}, {why}" if scope in needed else why
    return needed


def granted_scopes(response: SlackResponse) -> set[str]:
    headers = {k.lower(): v for k, v in (response.headers or {}).items()}
    raw = headers.get("x-oauth-scopes", "")
    return {x.strip() for x in raw.split(",") if x.strip()}


def check_scopes(s: Settings, response: SlackResponse) -> Check:
    granted = granted_scopes(response)
    needed = required_scopes(s)
    if not granted:
        return Check(
            False,
            "scopes: Slack did not report the granted scopes (no x-oauth-scopes header)",
            f"check that SLACK_API_URL ({s.slack_api_url}) is Slack's Web API and not a proxy that drops headers",
        )
    missing = [sc for sc in needed if sc not in granted]
    if missing:
        why = "; ".join(f"{sc} ({needed[sc]})" for sc in missing)
        return Check(
            False,
            f"scopes missing: {why}",
            "add them under 'OAuth & Permissions' → 'Bot Token Scopes' "
            "(or recreate the app from manifest.yml), reinstall the app, and copy the new token",
        )
    return Check(True, f"scopes: all {len(needed)} needed are granted ({', '.join(needed)})")


def check_socket_mode(s: Settings) -> Check:
    token = _secret(s.slack_app_token)
    assert token is not None
    client = WebClient(token=token, base_url=s.slack_api_url, timeout=5, retry_handlers=retry_handlers(1))
    try:
        r = client.apps_connections_open(app_token=token)
    except SlackApiError as e:
        code = e.response.get("error", "unknown")
        fix = APP_TOKEN_FIXES.get(code, "turn on Socket Mode in the app settings and check SLACK_APP_TOKEN")
        return Check(False, f"Socket Mode: apps.connections.open failed: {code}", fix)
    except Exception as e:
        return _unreachable(s, e)
    scheme = str(r.get("url", "")).split("://")[0] or "?"
    return Check(True, f"Socket Mode: apps.connections.open gives a {scheme}:// URL; `tip-bot serve` can connect")


def check_request_url(public_url: str | None) -> Check:
    target = (public_url.rstrip("/") if public_url else "https://YOUR-HOST") + "/slack/events"
    return Check(True, f"HTTP mode: set the Request URL of /tip, Event Subscriptions and Interactivity to {target}")


def check_digest_channel(s: Settings, client: WebClient) -> Check:
    ch = s.digest_channel
    assert ch is not None  # run_checks calls this only when the digest is on
    try:
        info = client.conversations_info(channel=ch)["channel"]
    except SlackApiError as e:
        code = e.response.get("error", "unknown")
        if code == "channel_not_found":
            fix = (
                "check DIGEST_CHANNEL (channel details → the id at the bottom); for a private channel, "
                "invite the bot first (/invite @tip-bot)"
            )
        elif code == "missing_scope":
            fix = "add channels:read and groups:read under 'OAuth & Permissions', reinstall, copy the new token"
        else:
            fix = "check DIGEST_CHANNEL and the bot's access to it"
        return Check(False, f"digest channel {ch}: conversations.info failed: {code}", fix)
    except Exception as e:
        return _unreachable(s, e)
    name = info.get("name") or ch
    if info.get("is_archived"):
        return Check(
            False, f"digest channel #{name} ({ch}) is archived", "unarchive it or set DIGEST_CHANNEL to another channel"
        )
    if not info.get("is_member"):
        return Check(
            False,
            f"digest channel #{name} ({ch}) exists but the bot is not a member",
            f"invite the bot: type /invite @tip-bot in #{name}",
        )
    return Check(True, f"digest channel #{name} ({ch}) exists and the bot is a member")


def check_database(s: Settings) -> Check:
    """Reachable, schema current, writable - without creating anything (doctor only looks)."""
    from bot.errors import ConfigError
    from bot.store import migrations
    from bot.store.startup import connect, unreachable

    try:
        store = connect(s)
    except ConfigError as e:
        if e.invalid:
            bad = e.invalid[0]
            return Check(False, f"{bad.name} {bad.reason}", f"set it to {bad.hint}")
        return Check(False, str(e))
    try:
        status = migrations.status(store.engine)
        if status.version == 0:
            return Check(True, f"database: {store.describe()} is empty; `tip-bot serve` sets it up on first start")
        if not status.current:
            newer = "newer than this tip-bot" if status.ahead else f"this tip-bot needs {status.latest}"
            fix = "run the newer tip-bot" if status.ahead else "run `tip-bot db upgrade`"
            return Check(False, f"database: {store.describe()} schema is at version {status.version}, {newer}", fix)
        store.check_writable()
        usage = "usage log on" if s.usage_log else "usage log off (USAGE_LOG=off)"
        return Check(True, f"database: {store.describe()}, schema version {status.version} (current), {usage}")
    except Exception as e:
        line, _, fix = str(unreachable(store, e)).rpartition(": ")
        return Check(False, f"database: {line}", fix)
    finally:
        store.close()


def check_app_gone(s: Settings) -> Check | None:
    """What a running tip-bot recorded when Slack sent app_uninstalled / tokens_revoked (None: nothing)."""
    from bot.errors import ConfigError
    from bot.slack.listeners.uninstall import GONE_KEY
    from bot.store import migrations
    from bot.store.startup import connect

    try:
        store = connect(s)
    except ConfigError:
        return None  # check_database says what is wrong with DATABASE_URL
    try:
        gone = store.noted(GONE_KEY) if migrations.status(store.engine).current else None
    except Exception:  # unreachable, or not set up yet: check_database says so
        gone = None
    finally:
        store.close()
    return Check(False, f"Slack took the bot token: {gone}", RUNTIME_FIX) if gone else None


def run_checks(s: Settings, *, http: bool = False, public_url: str | None = None) -> Iterator[Check]:
    """Every check in order; the Slack ones only once the bot token is usable."""
    http = http or s.slack_app_token is None
    bot_token = check_bot_token(s)
    app_token = check_app_token(s)
    yield Check(True, f"settings: from {s.source}")
    yield bot_token
    yield app_token
    yield check_signing_secret(s, http=http)
    yield check_digest_settings(s)
    yield check_knowledge(s)
    yield check_database(s)
    gone = check_app_gone(s)
    if gone is not None:
        yield gone
    if bot_token.ok:
        client = make_client(s, timeout=5)
        client.retry_handlers = retry_handlers(max_retry_count=1)  # an operator is waiting at the terminal
        auth, response = check_auth(s, client)
        yield auth
        if response is not None:
            yield check_scopes(s, response)
            if s.digest_channel:
                yield check_digest_channel(s, client)
    if s.slack_app_token is not None and app_token.ok:
        yield check_socket_mode(s)
    if http:
        yield check_request_url(public_url)
