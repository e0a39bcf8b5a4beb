"""Fixtures for every test: one fact base (a snapshot of the bundled one) and its answer core, the
Slack stand-ins, and two guards: no test writes to the real ~/.cache, and slack_sdk's 429 handler
waits exactly Retry-After (no random extra second)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from slack_sdk.http_retry import builtin_handlers

from bot.core import AnswerCore
from bot.knowledge import KnowledgeBase, default_knowledge_dir, load_valid
from tests.support.socket_mode import SocketModeStub
from tests.support.web_api import WebAPIStub


@pytest.fixture(scope="session", autouse=True)
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """XDG_CACHE_HOME for this session, also for every `tip-bot` the tests start: the real ~/.cache is
    never written (bot.settings.Settings.cache_dir honours it)."""
    path = tmp_path_factory.mktemp("xdg-cache")
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(path)
    yield path
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(autouse=True)
def retry_after_without_jitter(monkeypatch: pytest.MonkeyPatch) -> None:
    """slack_sdk's RateLimitErrorRetryHandler sleeps Retry-After plus random.random() (0-1 s); the tests
    send Retry-After: 0, so with the jitter at 0 a 429 retry waits nothing. Only that module's `random`."""
    monkeypatch.setattr(builtin_handlers, "random", SimpleNamespace(random=lambda: 0.0))


@pytest.fixture(scope="session")
def knowledge_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A snapshot of the bundled fact base taken once, so curators' edits in progress cannot make this
    process and a subprocess see different facts."""
    dest = tmp_path_factory.mktemp("kb") / "knowledge"
    shutil.copytree(default_knowledge_dir(), dest)
    return dest


@pytest.fixture(scope="session")
def kb(knowledge_dir: Path) -> KnowledgeBase:
    return load_valid(knowledge_dir)


@pytest.fixture(scope="session")
def core(kb: KnowledgeBase) -> AnswerCore:
    return AnswerCore(kb)


@pytest.fixture
def web_api():
    """A fresh Slack Web API stand-in on a free loopback port."""
    stub = WebAPIStub().start()
    yield stub
    stub.stop()


@pytest.fixture
def socket_mode(web_api):
    """A Socket Mode WebSocket stand-in; apps.connections.open on the Web API stand-in returns its URL."""
    stub = SocketModeStub().start()
    web_api.ws_url = stub.url
    yield stub
    stub.stop()
