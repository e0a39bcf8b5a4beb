"""The Slack app driven as Slack drives it: signed requests into `app.dispatch`, its Web API calls
going to the stand-in on 127.0.0.1. Lazy listeners run inline (an executor that runs each task at
once), so a test can assert that something was *not* posted without sleeping."""

from __future__ import annotations

import json
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any

import pytest
from slack_bolt import App, BoltRequest
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator

from bot.core import AnswerCore
from bot.knowledge import KnowledgeBase
from bot.settings import Settings, load_settings
from bot.slack.app import build_app
from bot.slack.client import make_client
from bot.slack.deps import Deps
from tests.support.signing import SIGNING_SECRET, sign

BOT_TOKEN = "xoxb-1-2-testbottoken"


class InlineExecutor(Executor):
    """Runs each submitted task before returning (Bolt hands lazy listeners to its executor)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as e:  # pragma: no cover - Bolt catches listener errors itself
            future.set_exception(e)
        return future


@pytest.fixture
def settings(web_api) -> Settings:
    return load_settings(
        env_file=None,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_app_token=None,
        slack_api_url=web_api.url,
        digest_channel=None,
    )


@pytest.fixture
def deps(settings: Settings, core: AnswerCore, kb: KnowledgeBase) -> Deps:
    return Deps(settings=settings, core=core, kb=kb)


@pytest.fixture
def app(deps: Deps) -> App:
    client = make_client(deps.settings)  # the production client and its retry handlers, ...
    for handler in client.retry_handlers:  # ... without the waits between tries
        handler.interval_calculator = FixedValueRetryIntervalCalculator(0.0)
    return build_app(deps, client=client, listener_executor=InlineExecutor())


@dataclass
class Reply:
    status: int
    body: str
    headers: dict[str, Any]

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.body)


@pytest.fixture
def send(app: App):
    """send(body, content_type=..., headers=..., timestamp=..., secret=...) -> Reply, signed as Slack signs."""

    def _send(
        body: str,
        *,
        json_body: bool = False,
        headers: dict[str, str] | None = None,
        timestamp: int | None = None,
        secret: str = SIGNING_SECRET,
    ) -> Reply:
        h = {
            "content-type": "application/json" if json_body else "application/x-www-form-urlencoded",
            **sign(body, secret=secret, timestamp=timestamp),
            **(headers or {}),
        }
        resp = app.dispatch(BoltRequest(body=body, headers=h))
        return Reply(resp.status, resp.body, resp.headers)

    return _send
