"""`tip-bot digest` as an operator runs it: a real subprocess (other working directory, empty disk,
nothing shared but Slack) for the once-a-day guarantee; in-process for the settings errors."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.cli import main
from bot.digest.rotation import digest_for
from tests.digest.conftest import BOT_TOKEN, CHANNEL

ENV_NAMES = ("SLACK_", "DIGEST_", "KNOWLEDGE_DIR", "LOG_", "PORT")


def _env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(ENV_NAMES)}
    return {**env, **values}


def _tip_bot(args: list[str], cwd, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", "digest", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def test_a_second_run_the_same_day_in_a_new_process_posts_nothing(web_api, kb, knowledge_dir, tmp_path):
    env = _env(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_API_URL=web_api.url,
        DIGEST_CHANNEL=CHANNEL,
        DIGEST_FACTS="3",
        KNOWLEDGE_DIR=str(knowledge_dir),
    )
    first_dir, second_dir = tmp_path / "one", tmp_path / "two"
    first_dir.mkdir()
    second_dir.mkdir()
    first = _tip_bot(["--date", "2026-12-01", "--json"], first_dir, env)
    assert first.returncode == 0, first.stderr
    out = json.loads(first.stdout)
    expected = digest_for(kb.facts, date(2026, 12, 1), 3).fact_ids
    assert out == {"date": "2026-12-01", "channel": CHANNEL, "facts": expected, "posted": True, "already_posted": False}
    assert set(out["facts"]) <= set(kb.by_id)

    second = _tip_bot(["--date", "2026-12-01", "--json"], second_dir, env)
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == {**out, "posted": False, "already_posted": True}
    assert len(web_api.calls_to("chat.postMessage")) == 1
    # each run had its own default store (./tip-bot.db, nothing else on disk): the channel check alone
    # found the first post, as it does for a post made before the store existed
    assert {p.name for p in [*first_dir.iterdir(), *second_dir.iterdir()]} == {"tip-bot.db"}


def test_not_in_channel_exits_1_with_the_fix(web_api, knowledge_dir, tmp_path):
    web_api.fail("conversations.history", "not_in_channel")
    env = _env(
        SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_API_URL=web_api.url, DIGEST_CHANNEL=CHANNEL, KNOWLEDGE_DIR=str(knowledge_dir)
    )
    r = _tip_bot(["--date", "2026-12-01"], tmp_path, env)
    assert r.returncode == 1
    assert "not_in_channel" in r.stderr and "/invite @tip-bot" in r.stderr
    assert "Traceback" not in r.stderr
    assert web_api.calls_to("chat.postMessage") == []


@pytest.fixture
def clean_env(monkeypatch, tmp_path, knowledge_dir):
    """In-process runs: no stray settings from the machine, no .env, the snapshot fact base."""
    for name in list(os.environ):
        if name.startswith(ENV_NAMES):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KNOWLEDGE_DIR", str(knowledge_dir))
    return monkeypatch


def test_dry_run_prints_without_contacting_slack(clean_env, capsys, kb):
    clean_env.setenv("DIGEST_FACTS", "2")
    assert main(["digest", "--date", "2026-12-01", "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["facts"] == digest_for(kb.facts, date(2026, 12, 1), 2).fact_ids and len(out["facts"]) == 2
    assert out["posted"] is False and out["channel"] is None
    assert main(["digest", "--date", "2026-12-01", "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("TIP briefing · 1 Dec 2026 · day ")
    for fid in out["facts"]:
        assert kb.by_id[fid].title in text and kb.by_id[fid].citation in text


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DIGEST_TIME", "25:00"),
        ("DIGEST_TIME", "9am"),
        ("DIGEST_TIMEZONE", "Mars/Olympus_Mons"),
        ("DIGEST_TIMEZONE", "../../etc/passwd"),
        ("DIGEST_FACTS", "0"),
        ("DIGEST_FACTS", "eleven"),
        ("DIGEST_FACTS", "11"),
        ("DIGEST_CHANNEL", "#general"),
    ],
)
def test_bad_settings_are_start_up_errors_naming_the_variable(clean_env, capsys, name, value):
    clean_env.setenv(name, value)
    for args in (["digest", "--dry-run"], ["digest", "--schedule"]):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"tip-bot: {name} is invalid") and err.count("\n") == 1, err


@pytest.mark.parametrize("missing", ["SLACK_BOT_TOKEN", "DIGEST_CHANNEL"])
def test_posting_without_token_or_channel_names_what_is_missing(clean_env, capsys, missing):
    values = {"SLACK_BOT_TOKEN": BOT_TOKEN, "DIGEST_CHANNEL": CHANNEL, "SLACK_API_URL": "http://127.0.0.1:9/api/"}
    for k, v in values.items():
        if k != missing:
            clean_env.setenv(k, v)
    for args in (["digest"], ["digest", "--schedule"]):
        assert main(args) == 2
        assert capsys.readouterr().err.startswith(f"tip-bot: {missing} is not set")


def test_bad_date_and_conflicting_flags(clean_env, capsys):
    assert main(["digest", "--date", "2026-02-30", "--dry-run"]) == 2
    assert "not a date YYYY-MM-DD" in capsys.readouterr().err
    assert main(["digest", "--schedule", "--date", "2026-12-01"]) == 2
    assert "--schedule" in capsys.readouterr().err


def test_schedule_process_posts_today_and_ends_on_sigterm(web_api, knowledge_dir, tmp_path):
    """The Procfile `clock` process for real: DIGEST_TIME 00:00 is always past, so it posts today's
    digest at once; SIGTERM (what a host sends on restart) ends it cleanly."""
    env = _env(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_API_URL=web_api.url,
        DIGEST_CHANNEL=CHANNEL,
        DIGEST_TIME="00:00",
        DIGEST_TIMEZONE="Asia/Dushanbe",
        KNOWLEDGE_DIR=str(knowledge_dir),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "digest", "--schedule"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        (call,) = web_api.wait_for("chat.postMessage", 1, timeout=30)
    finally:
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    today = datetime.now(ZoneInfo("Asia/Dushanbe")).date().isoformat()
    meta = call.params["metadata"]
    assert (json.loads(meta) if isinstance(meta, str) else meta)["event_payload"]["date"] in {
        today,
        (date.fromisoformat(today) + timedelta(days=1)).isoformat(),  # if midnight passed meanwhile
    }
    assert "digest schedule stopped" in err
