"""Shared set-up for the operations tests: a clean environment (no .env, no stray settings) pointing
the bot at the Web API stand-in, and a tiny valid fact base so curators' work in progress never
decides these tests."""

from __future__ import annotations

import shutil
from concurrent.futures import Executor, Future
from pathlib import Path

import pytest
from slack_bolt import App
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator

from bot.core import AnswerCore
from bot.knowledge import SOURCE_NAME, default_knowledge_dir, load_valid
from bot.settings import load_settings
from bot.slack.app import build_app
from bot.slack.client import make_client
from bot.slack.deps import Deps
from tests.support.signing import SIGNING_SECRET

BOT_TOKEN = "xoxb-1111-2222-secretbotpart"
APP_TOKEN = "xapp-1-A0TIPBOT-3333-secretapppart"

TINY_FACT = """\
facts:
  - id: cable-identity
    section: "cable"
    topic: about
    title: "What this document is: cable DUSHANBE 000170"
    answer: >-
      This is cable DUSHANBE 000170, Embassy Dushanbe's submission for the 2010 Trafficking
      in Persons Report on Tajikistan.
    aliases: ["what is this cable"]
    keywords: [cable, document]
    quotes:
      - "Enclosed is Embassy Dushanbe's submission for the 2010 Trafficking in Persons Report."
    ru:
      title: "Что это за документ: телеграмма DUSHANBE 000170"
      answer: "Это телеграмма DUSHANBE 000170 посольства в Душанбе для доклада о торговле людьми 2010 года."
  - id: shelters-count
    section: "28.B"
    topic: shelters
    title: "How many shelters there are for trafficking victims"
    answer: >-
      There are 3 shelters for trafficking victims in Tajikistan: two in Dushanbe and one in Khujand.
    aliases: ["how many shelters"]
    keywords: [shelters, shelter, khujand]
    quotes:
      - "There are 3 shelters for trafficking victims in Tajikistan"
    ru:
      title: "Сколько приютов для жертв торговли людьми"
      answer: "В Таджикистане 3 приюта для жертв торговли людьми: два в Душанбе и один в Худжанде."
  - id: penalties-130-1
    section: "27.A"
    topic: penalties
    title: "Penalties under Article 130.1"
    answer: >-
      Trafficking under Article 130.1 is punishable by 5 to 8 years of imprisonment.
    aliases: ["penalty for trafficking"]
    keywords: [penalties, prison, punishment]
    articles: ["130.1"]
    quotes:
      - "Those found guilty of crimes under Article 130.1 are punishable by 5 to 8 years of imprisonment"
    ru:
      title: "Наказания по статье 130.1"
      answer: "Торговля людьми по статье 130.1 наказывается лишением свободы на срок от 5 до 8 лет."
"""

SETTINGS = (
    "SLACK_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_API_URL",
    "PORT",
    "KNOWLEDGE_DIR",
    "LOG_LEVEL",
    "LOG_FORMAT",
    "DIGEST_CHANNEL",
    "DIGEST_TIME",
    "DIGEST_TIMEZONE",
    "DIGEST_FACTS",
)


@pytest.fixture
def tiny_kb(tmp_path: Path) -> Path:
    d = tmp_path / "knowledge"
    (d / "source").mkdir(parents=True)
    shutil.copy(default_knowledge_dir() / "source" / SOURCE_NAME, d / "source" / SOURCE_NAME)
    (d / "cable.yml").write_text(TINY_FACT, encoding="utf-8")
    return d


@pytest.fixture
def slack_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, web_api, tiny_kb: Path) -> dict[str, str]:
    """Every setting the bot reads, set for the stand-in; returns them so tests can change one."""
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)  # no .env from the checkout
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    env = {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": web_api.url,
        "KNOWLEDGE_DIR": str(tiny_kb),
    }
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    return env


@pytest.fixture
def deps(slack_env, tiny_kb) -> Deps:
    kb = load_valid(tiny_kb)
    return Deps(settings=load_settings(env_file=None), core=AnswerCore(kb), kb=kb)


@pytest.fixture
def healthy_process(deps: Deps):
    """The app's token health: each test's app starts healthy."""
    return deps.health


class Inline(Executor):
    """Bolt's lazy listeners run before dispatch returns, so a test never waits for a thread."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        future.set_result(fn(*args, **kwargs))
        return future


@pytest.fixture
def app(deps: Deps) -> App:
    client = make_client(deps.settings)  # the production retry handlers ...
    for handler in client.retry_handlers:  # ... without the backoff waits (429 waits Retry-After)
        handler.interval_calculator = FixedValueRetryIntervalCalculator(0.0)
    return build_app(deps, client=client, listener_executor=Inline())
