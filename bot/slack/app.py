"""The Slack app, assembled in one place: settings → fact base → core → Deps → one Bolt App and its listeners.

`process_before_response=True`: a slash command is answered inside its acknowledgement (the answer
takes well under a millisecond), and everything that needs the Web API runs in lazy listeners after
the acknowledgement. Construction makes no network call; Bolt calls auth.test once on the first
request that needs it (or at start-up with `verify_token=True`).
"""

from __future__ import annotations

import logging
from concurrent.futures import Executor

from pydantic import SecretStr
from slack_bolt import App, BoltResponse
from slack_bolt.error import BoltUnhandledRequestError
from slack_sdk import WebClient

from bot.errors import ConfigError
from bot.settings import Settings, load_settings
from bot.slack.client import make_client, reply_executor
from bot.slack.deps import Deps, Inject
from bot.slack.listeners import actions, commands, digest, events, feedback, home, unhandled, uninstall
from bot.slack.tokens import app_token_problem, bot_token_problem, signing_secret_problem
from bot.store.base import Store
from bot.store.claims import Claims
from bot.store.outbox import Outbox
from bot.store.state import DbState
from bot.store.usage import UsageLog
from bot.store.votes import Votes
from bot.texts.slack_errors import bot_token_fix

log = logging.getLogger("bot.slack")


class _NoTokenWarning(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN from the environment itself and then warns that the client we give
    it wins; that is the intent (settings are read in one place), so the warning is noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


_bolt_log = logging.getLogger("bot.slack.bolt")
_bolt_log.addFilter(_NoTokenWarning())


def build_app(
    deps: Deps,
    *,
    client: WebClient | None = None,
    verify_token: bool = False,
    listener_executor: Executor | None = None,
) -> App:
    """The Bolt app over `deps`: every request carries them in its context (see bot/slack/deps.py)."""
    settings = deps.settings
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    app = App(
        name="tip-bot",
        logger=_bolt_log,
        client=client or make_client(settings),
        signing_secret=secret,  # given explicitly: Bolt would otherwise read os.environ
        process_before_response=True,
        token_verification_enabled=verify_token,
        listener_executor=listener_executor or reply_executor(),  # bounded, bigger than Bolt's 5
        raise_error_for_unhandled_request=True,  # what no listener handles is acknowledged quietly, below
    )

    @app.error
    def on_error(error: Exception, body: dict) -> BoltResponse | None:
        if isinstance(error, BoltUnhandledRequestError):  # 200 / an ack, one DEBUG line (listeners/unhandled.py)
            return unhandled.acknowledge(body)
        log.error("listener failed on a %s request: %s: %s", body.get("type", "?"), type(error).__name__, error)
        return None

    app.use(Inject(deps))  # first: every later middleware and listener reads the deps from the context
    digest.register(app)  # before commands: its "/tip digest …" matcher must win over the general /tip
    commands.register(app)
    actions.register(app)
    feedback.register(app)
    events.register(app)
    home.register(app)
    uninstall.register(app)
    return app


def assemble(*, http: bool, settings: Settings | None = None) -> tuple[App, Deps]:
    """Settings → fact base → core → Deps → Bolt app, verifying the bot token once (auth.test).

    The one place the app is put together: `tip-bot serve` (both modes) and `bot.slack.http:create_app`
    (each uvicorn worker) call it. Raises ConfigError with one line saying what to fix."""
    from slack_bolt.error import BoltError
    from slack_sdk.errors import SlackApiError

    from bot.core import AnswerCore
    from bot.knowledge import load_valid
    from bot.slack.outbox import Deliverer
    from bot.store.startup import open_store

    settings = settings or load_settings()
    check_tokens(settings, http=http)
    kb = load_valid(settings.knowledge_dir, cache_dir=settings.cache_dir)
    deps = with_store(Deps(settings=settings, core=AnswerCore(kb), kb=kb), open_store(settings))
    try:
        app = build_app(deps, verify_token=True)
    except BoltError as e:  # Bolt wraps the auth.test failure; Slack's error code is on the original
        cause = e.__cause__ or e.__context__
        code = cause.response.get("error") if isinstance(cause, SlackApiError) else None
        code = code or "auth.test failed"
        raise ConfigError(f"SLACK_BOT_TOKEN was refused by Slack ({code}): {bot_token_fix(code)}") from None
    except Exception as e:  # unreachable API: DNS, refused connection, TLS, timeout
        raise ConfigError(
            f"cannot reach the Slack Web API at {settings.slack_api_url} ({type(e).__name__}: {e}): "
            "check SLACK_API_URL and the network"
        ) from None
    if deps.claims.store is not None:
        uninstall.clear_gone(deps.claims.store)  # auth.test passed: Slack accepts the bot token (again)
    deliverer = Deliverer(app.client, deps.health)
    deps.outbox.deliver, deps.outbox.notify = deliverer.deliver, deliverer.notify
    return app, deps  # the serving process calls deps.start() (background threads) and deps.close()


def with_store(deps: Deps, store: Store) -> Deps:
    """`deps` using `store` for claims, the usage log (unless USAGE_LOG=off) and the outbox."""
    s = deps.settings
    state = DbState(store.describe())
    deps.db = state
    deps.claims = Claims(store, state)
    deps.usage = UsageLog(store, state, enabled=s.usage_log)
    deps.outbox = Outbox(store, state, usage_retention_days=s.usage_retention_days)
    deps.votes = Votes(store, state)
    return deps


def check_tokens(settings: Settings, *, http: bool) -> None:
    """The credentials this mode needs, set and shaped right (bot/slack/tokens.py): raises ConfigError
    before anything goes to the network."""
    if http:
        settings.require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
    else:
        settings.require("SLACK_BOT_TOKEN")
        if settings.slack_app_token is None:
            raise ConfigError(
                "SLACK_APP_TOKEN is not set: set it to an app-level token (xapp-…) with connections:write "
                "for Socket Mode, or run `tip-bot serve --http` for HTTP mode"
            )
    problems = [bot_token_problem(secret(settings.slack_bot_token))]
    if http:
        problems.append(signing_secret_problem(secret(settings.slack_signing_secret)))
    else:
        problems.append(app_token_problem(secret(settings.slack_app_token)))
    found = [p for p in problems if p]
    if found:
        raise ConfigError("; ".join(found) + ": `tip-bot doctor` says what to set")


def secret(value: SecretStr | None) -> str:
    return value.get_secret_value() if value is not None else ""
