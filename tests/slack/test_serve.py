"""`tip-bot serve` start-up: a missing or refused setting is one line and exit status 2, never a traceback."""

from __future__ import annotations

import pytest

from bot.cli import main
from tests.support.signing import SIGNING_SECRET

SETTINGS = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL", "PORT", "KNOWLEDGE_DIR")


@pytest.fixture
def env(monkeypatch, tmp_path, web_api):
    monkeypatch.chdir(tmp_path)  # no .env from the checkout
    for name in (*SETTINGS, "DIGEST_CHANNEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1-2-testbottoken")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SIGNING_SECRET)
    monkeypatch.setenv("SLACK_API_URL", web_api.url)
    return monkeypatch


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert "Traceback" not in err
    return err.splitlines()[-1]


def test_http_mode_needs_the_signing_secret(env, capsys):
    env.delenv("SLACK_SIGNING_SECRET")
    assert main(["serve", "--http"]) == 2
    assert one_line_error(capsys).startswith("tip-bot: SLACK_SIGNING_SECRET is not set")


def test_socket_mode_needs_the_app_token(env, capsys):
    assert main(["serve"]) == 2
    line = one_line_error(capsys)
    assert "SLACK_APP_TOKEN is not set" in line and "--http" in line


def test_a_refused_bot_token_stops_start_up(env, capsys, web_api):
    web_api.fail("auth.test", "invalid_auth")
    assert main(["serve", "--http"]) == 2
    line = one_line_error(capsys)
    assert "SLACK_BOT_TOKEN was refused by Slack (invalid_auth)" in line
    assert "xoxb-1-2-testbottoken" not in line  # secrets never printed


def test_malformed_settings_name_the_variable(env, capsys):
    env.setenv("PORT", "eighty")
    assert main(["serve", "--http"]) == 2
    assert "PORT is invalid" in one_line_error(capsys)
    assert main(["serve", "--http", "--port", "70000"]) == 2
    assert "not a TCP port" in capsys.readouterr().err
