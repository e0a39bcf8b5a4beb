"""The Slack app's composition: one Bolt App, its listeners, nothing else.

`process_before_response=True`: a slash command is answered inside its acknowledgement (the answer
takes well under a millisecond), and everything that needs the Web API runs in lazy listeners after
the acknowledgement. Construction makes no network call; Bolt calls auth.test once on the first
request that needs it (or at start-up with `verify_token=True`).
"""

from __future__ import annotations

import logging
from concurrent.futures import Executor
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_sdk import WebClient

from bot.knowledge import KnowledgeBase
from bot.settings import Settings
from bot.slack.client import make_client
from bot.slack.deps import Deps
from bot.slack.listeners import actions, commands, digest, events, home

if TYPE_CHECKING:
    from bot.core import AnswerCore

log = logging.getLogger("bot.slack")


class _NoTokenWarning(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN from the environment itself and then warns that the client we give
    it wins; that is the intent (settings are read in one place), so the warning is noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


_bolt_log = logging.getLogger("bot.slack.bolt")
_bolt_log.addFilter(_NoTokenWarning())


def build_app(
    settings: Settings,
    core: AnswerCore,
    kb: KnowledgeBase,
    *,
    client: WebClient | None = None,
    verify_token: bool = False,
    listener_executor: Executor | None = None,
) -> App:
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    app = App(
        name="tip-bot",
        logger=_bolt_log,
        client=client or make_client(settings),
        signing_secret=secret,  # given explicitly: Bolt would otherwise read os.environ
        process_before_response=True,
        token_verification_enabled=verify_token,
        listener_executor=listener_executor,
    )
    deps = Deps(settings=settings, core=core, kb=kb)

    @app.error
    def log_listener_error(error: Exception, body: dict) -> None:
        log.error("listener failed on a %s request: %s: %s", body.get("type", "?"), type(error).__name__, error)

    digest.register(app, deps)  # first: its "/tip digest …" matcher must win over the general /tip
    commands.register(app, deps)
    actions.register(app, deps)
    events.register(app, deps)
    home.register(app, deps)
    return app
