"""DIGEST_LANGUAGE=en|ru|both: the digest as the channel gets it (Web API stand-in, scheduler, CLI) and
as `/tip digest` / `/tip сводка` show it; the "already posted?" check knows every language's headline."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from slack_bolt import BoltRequest

from bot.core import AnswerCore
from bot.digest.post import digest_blocks, digest_text, headline, plain_text, post_digest
from bot.digest.rotation import DigestDay, digest_for
from bot.digest.scheduler import DigestScheduler
from bot.errors import ConfigError
from bot.render_blocks import escape
from bot.render_text import citation
from bot.settings import load_settings
from bot.slack.app import build_app
from bot.slack.client import make_client
from bot.slack.deps import Deps
from tests.digest.conftest import BOT_TOKEN, CHANNEL, FakeClock, make_settings
from tests.digest.test_cli import _env, _tip_bot
from tests.digest.test_scheduler import _run, utc
from tests.support.signing import SIGNING_SECRET, sign, slash_body

DAY = date(2026, 12, 1)


def _j(value):
    return json.loads(value) if isinstance(value, str) else value


def _posted(web_api) -> tuple[list[dict], str]:
    (call,) = web_api.calls_to("chat.postMessage")
    blocks = _j(call.params["blocks"])
    return blocks, json.dumps(blocks, ensure_ascii=False)


def test_default_is_english(knowledge_dir):
    assert make_settings("http://127.0.0.1:9/api/", knowledge_dir).digest_language == "en"


def test_russian_digest_posted_in_russian(web_api, knowledge_dir, kb):
    settings = make_settings(web_api.url, knowledge_dir, digest_language="ru")
    d = digest_for(kb.facts, DAY, 3)
    assert post_digest(make_client(settings), CHANNEL, d, language=settings.digest_language).posted
    blocks, shown = _posted(web_api)
    assert blocks[0]["text"]["text"] == f"Сводка о торговле людьми · 1 дек 2026 · день {d.day} из {d.days}"
    for fact in d.facts:
        assert escape(fact.ru.title) in shown and escape(fact.title) not in shown
        assert f"{fact.citation} · DUSHANBE 000170, 10 фев 2010" in shown
    assert "Спросите ещё через `/tip`" in shown and "Ask more" not in shown
    (call,) = web_api.calls_to("chat.postMessage")
    assert call.params["text"].startswith("Сводка о торговле людьми · 1 дек 2026")


def test_both_shows_each_fact_in_english_then_russian(web_api, knowledge_dir, kb):
    settings = make_settings(web_api.url, knowledge_dir, digest_language="both")
    d = digest_for(kb.facts, DAY, 3)
    assert post_digest(make_client(settings), CHANNEL, d, language="both").posted
    blocks, shown = _posted(web_api)
    assert blocks[0]["text"]["text"] == headline(d) + " / " + headline(d, "ru")
    assert len(blocks[0]["text"]["text"]) <= 150  # a header's plain_text limit
    for fact in d.facts:
        assert shown.index(escape(fact.title)) < shown.index(escape(fact.ru.title))
    assert [e["text"][:10] for e in blocks[-1]["elements"]] == ["Ask more w", "Спросите е"]
    assert len(blocks) <= 50
    ten = digest_for(kb.facts, DAY, 10)
    assert len(digest_blocks(ten, "both")) <= 50  # the largest post stays within Slack's limit


def test_a_russian_digest_is_recognised_by_its_headline_when_metadata_is_stripped(web_api, knowledge_dir, kb):
    settings = make_settings(web_api.url, knowledge_dir, digest_language="ru")
    client = make_client(settings)
    d = digest_for(kb.facts, DAY, 3)
    assert post_digest(client, CHANNEL, d, language="ru").posted
    for m in web_api.history[CHANNEL]:
        m.pop("metadata")
    assert post_digest(client, CHANNEL, d, language="ru").already_posted
    assert post_digest(client, CHANNEL, d, language="en").already_posted  # switching language: still one a day
    assert len(web_api.calls_to("chat.postMessage")) == 1


def test_the_scheduler_posts_in_digest_language(web_api, knowledge_dir, kb):
    settings = make_settings(web_api.url, knowledge_dir, digest_language="RU")
    assert settings.digest_language == "ru"
    clock = FakeClock(utc(2026, 12, 1, 8, 59))
    _run(DigestScheduler(settings, kb, make_client(settings), clock=clock), clock, utc(2026, 12, 1, 9, 1))
    blocks, _ = _posted(web_api)
    assert blocks[0]["text"]["text"].startswith("Сводка о торговле людьми · 1 дек 2026 ·")


def test_an_unknown_language_is_a_clear_settings_error():
    with pytest.raises(ConfigError, match=r"DIGEST_LANGUAGE is invalid .*'en', 'ru' or 'both'"):
        load_settings(env_file=None, digest_language="de")


def test_cli_dry_run_in_russian(knowledge_dir, tmp_path):
    env = _env(SLACK_BOT_TOKEN=BOT_TOKEN, KNOWLEDGE_DIR=str(knowledge_dir), DIGEST_LANGUAGE="ru")
    p = _tip_bot(["--dry-run", "--date", "2026-12-01"], tmp_path, env)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("Сводка о торговле людьми · 1 дек 2026 · день ")
    assert "TIP briefing" not in p.stdout and "/tip приюты" in p.stdout


@pytest.fixture
def tip(web_api, knowledge_dir, kb):
    def _tip(text: str, **over) -> tuple[dict, list[date]]:
        settings = make_settings(web_api.url, knowledge_dir, slack_signing_secret=SIGNING_SECRET, **over)
        app = build_app(Deps(settings=settings, core=AnswerCore(kb), kb=kb))
        body = slash_body(text)
        before = datetime.now(settings.zone).date()
        resp = app.dispatch(
            BoltRequest(body=body, headers={"content-type": "application/x-www-form-urlencoded", **sign(body)})
        )
        assert resp.status == 200, resp.body
        return json.loads(resp.body), sorted({before, datetime.now(settings.zone).date()})

    return _tip


@pytest.mark.parametrize(
    ("text", "over", "lang", "offset"),
    [
        ("сводка", {}, "ru", 0),
        ("Сводка завтра", {}, "ru", 1),
        ("digest", {"digest_language": "ru"}, "ru", 0),
        ("digest next", {"digest_language": "both"}, "both", 1),
        ("digest", {}, "en", 0),
    ],
)
def test_tip_digest_and_svodka(tip, kb, text, over, lang, offset):
    reply, todays = tip(text, **over)
    assert reply["response_type"] == "ephemeral"
    heads = {headline(digest_for(kb.facts, t + timedelta(days=offset), 3), lang) for t in todays}
    assert reply["blocks"][0]["text"]["text"] in heads


def test_svodka_with_an_unknown_word_gets_russian_usage(tip):
    reply, _ = tip("сводка вчера")
    assert "/tip сводка завтра" in reply["text"] and not reply.get("blocks")


def test_a_fact_not_yet_translated_is_in_english_in_a_russian_digest(kb):
    d = digest_for(kb.facts, DAY, 3)
    bare = d.facts[0].model_copy(update={"ru": None})
    d = DigestDay(d.date, d.cycle, d.day, d.days, (bare, *d.facts[1:]))
    shown = json.dumps(digest_blocks(d, "ru"), ensure_ascii=False)
    assert escape(bare.title) in shown and "Перевод этого факта ещё не готов" in shown
    assert escape(d.facts[1].ru.title) in shown
    text = plain_text(d, "ru")
    assert f"{bare.title} ({citation(bare, 'ru')})\nПеревод этого факта ещё не готов" in text
    assert digest_text(d, "ru").startswith("Сводка о торговле людьми")
