"""`tip-bot doctor` through the Web API stand-in: the healthy set-up passes, and each usual mistake
gives one ✗ line that says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.doctor import ALWAYS_SCOPES, DIGEST_SCOPES
from tests.ops.conftest import APP_TOKEN, BOT_TOKEN
from tests.support.signing import SIGNING_SECRET

DIGEST = "C0DIGEST1"


def doctor(capsys, *argv: str) -> tuple[int, list[str]]:
    code = main(["doctor", *argv])
    out = capsys.readouterr()
    for secret in (BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, "secretbotpart", "secretapppart"):
        assert secret not in out.out + out.err
    return code, out.out.splitlines()


def failed(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("✗")]


def fix_after(lines: list[str], marker: str) -> str:
    i = next(i for i, line in enumerate(lines) if line.startswith("✗") and marker in line)
    assert lines[i + 1].lstrip().startswith("fix:")
    return lines[i + 1]


@pytest.fixture
def digest_on(slack_env, monkeypatch, web_api):
    monkeypatch.setenv("DIGEST_CHANNEL", DIGEST)
    web_api.channels[DIGEST] = {"id": DIGEST, "name": "tip-briefing", "is_member": True, "is_archived": False}


def test_healthy_socket_mode_setup_passes_and_names_workspace_and_bot(slack_env, digest_on, web_api, capsys):
    code, lines = doctor(capsys)
    assert code == 0, lines
    assert not failed(lines)
    text = "\n".join(lines)
    assert "'TIP Test'" in text and "@tip-bot" in text and "UBOT" in text
    assert "#tip-briefing" in text and "Socket Mode" in text
    assert lines[-1] == "all checks passed"
    # the right token went to the right method
    assert [c.token for c in web_api.calls_to("auth.test")] == [BOT_TOKEN]
    assert [c.token for c in web_api.calls_to("apps.connections.open")] == [APP_TOKEN]
    assert web_api.calls_to("conversations.info")[0].params["channel"] == DIGEST


def test_http_mode_names_the_request_url(slack_env, monkeypatch, web_api, capsys):
    monkeypatch.delenv("SLACK_APP_TOKEN")
    code, lines = doctor(capsys, "--url", "https://tips.example.org/")
    assert code == 0, lines
    assert any("https://tips.example.org/slack/events" in line for line in lines)
    assert not web_api.calls_to("apps.connections.open")


@pytest.mark.parametrize(
    ("name", "value", "marker", "hint", "argv"),
    [
        ("SLACK_BOT_TOKEN", "xoxp-user-token-here", "SLACK_BOT_TOKEN starts with 'xoxp-'", "Bot User OAuth Token", ()),
        ("SLACK_APP_TOKEN", "xoxb-not-an-app-token", "SLACK_APP_TOKEN starts with 'xoxb-'", "App-Level Tokens", ()),
        ("SLACK_SIGNING_SECRET", "short", "SLACK_SIGNING_SECRET is 5 characters", "Basic Information", ("--http",)),
    ],
)
def test_malformed_tokens_and_secret(slack_env, monkeypatch, capsys, name, value, marker, hint, argv):
    monkeypatch.setenv(name, value)
    code, lines = doctor(capsys, *argv)
    assert code == 1
    assert len(failed(lines)) == 1 and marker in failed(lines)[0]
    assert hint in fix_after(lines, marker)
    assert value not in "\n".join(lines).replace(value[:5], "")  # at most the prefix is shown


def test_missing_bot_token_skips_slack_checks(slack_env, monkeypatch, web_api, capsys):
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    code, lines = doctor(capsys)
    assert code == 1
    assert "SLACK_BOT_TOKEN" in fix_after(lines, "SLACK_BOT_TOKEN is not set")
    assert not web_api.calls_to("auth.test")


def test_http_mode_needs_the_signing_secret(slack_env, monkeypatch, capsys):
    monkeypatch.delenv("SLACK_SIGNING_SECRET")
    assert doctor(capsys)[0] == 0  # Socket Mode does not need it
    code, lines = doctor(capsys, "--http")
    assert code == 1
    assert "Signing Secret" in fix_after(lines, "SLACK_SIGNING_SECRET is not set")


def test_malformed_settings_are_named_one_per_line(slack_env, monkeypatch, capsys):
    monkeypatch.setenv("DIGEST_TIME", "25:00")
    monkeypatch.setenv("DIGEST_TIMEZONE", "Mars/Olympus")
    code, lines = doctor(capsys)
    assert code == 1
    bad = failed(lines)
    assert len(bad) == 2
    assert "DIGEST_TIME" in bad[0] and "DIGEST_TIMEZONE" in bad[1]
    assert "HH:MM" in fix_after(lines, "DIGEST_TIME")


def test_invalid_knowledge_base(slack_env, tiny_kb: Path, capsys):
    broken = (tiny_kb / "cable.yml").read_text().replace("Enclosed is Embassy", "Enclosed is the Embassy")
    (tiny_kb / "cable.yml").write_text(broken)
    code, lines = doctor(capsys)
    assert code == 1
    assert "tip-bot validate" in fix_after(lines, "knowledge base")


def test_missing_knowledge_dir(slack_env, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("KNOWLEDGE_DIR", str(tmp_path / "nowhere"))
    code, lines = doctor(capsys)
    assert code == 1
    assert "KNOWLEDGE_DIR" in fix_after(lines, "does not exist")


@pytest.mark.parametrize(
    ("error", "hint"), [("invalid_auth", "copy the Bot User OAuth Token"), ("token_revoked", "reinstall the app")]
)
def test_auth_test_failures(slack_env, web_api, capsys, error, hint):
    web_api.fail("auth.test", error)
    code, lines = doctor(capsys)
    assert code == 1
    assert hint in fix_after(lines, f"auth.test failed: {error}")
    assert len(failed(lines)) == 1  # scopes are not checked without a working token


def test_missing_scopes_are_named(slack_env, web_api, capsys):
    web_api.scopes = "commands,chat:write"
    code, lines = doctor(capsys)
    assert code == 1
    line = failed(lines)[0]
    assert "app_mentions:read" in line and "im:history" in line
    assert "channels:history" not in line  # the digest is off: its scopes are not needed
    assert "reinstall" in fix_after(lines, "scopes missing")


def test_no_scopes_reported(slack_env, web_api, capsys):
    web_api.scopes = ""
    code, lines = doctor(capsys)
    assert code == 1
    assert "SLACK_API_URL" in fix_after(lines, "did not report the granted scopes")


def test_digest_needs_its_scopes(slack_env, digest_on, web_api, capsys):
    web_api.scopes = ",".join(ALWAYS_SCOPES)
    code, lines = doctor(capsys)
    assert code == 1
    line = failed(lines)[0]
    for scope in ("channels:history", "groups:history", "channels:read", "groups:read"):
        assert scope in line
    assert "im:history" not in line


@pytest.mark.parametrize(
    ("error", "hint"),
    [("invalid_auth", "App-Level Tokens"), ("not_allowed_token_type", "xapp-"), ("missing_scope", "connections:write")],
)
def test_socket_mode_failures(slack_env, web_api, capsys, error, hint):
    web_api.fail("apps.connections.open", error)
    code, lines = doctor(capsys)
    assert code == 1
    assert hint in fix_after(lines, f"apps.connections.open failed: {error}")


def test_digest_channel_not_found(slack_env, digest_on, monkeypatch, capsys):
    monkeypatch.setenv("DIGEST_CHANNEL", "C0MISSING")
    code, lines = doctor(capsys)
    assert code == 1
    assert "DIGEST_CHANNEL" in fix_after(lines, "channel_not_found")


def test_bot_not_in_digest_channel(slack_env, digest_on, web_api, capsys):
    web_api.channels[DIGEST]["is_member"] = False
    code, lines = doctor(capsys)
    assert code == 1
    assert "/invite @tip-bot in #tip-briefing" in fix_after(lines, "bot is not a member")


def test_archived_digest_channel(slack_env, digest_on, web_api, capsys):
    web_api.channels[DIGEST]["is_archived"] = True
    code, lines = doctor(capsys)
    assert code == 1
    assert "unarchive" in fix_after(lines, "is archived")


def test_unreachable_api_url(slack_env, monkeypatch, capsys):
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9/api/")  # discard port: connection refused
    monkeypatch.delenv("SLACK_APP_TOKEN")
    code, lines = doctor(capsys)
    assert code == 1
    assert "SLACK_API_URL" in fix_after(lines, "cannot reach the Slack Web API")


def test_doctor_scopes_match_the_manifest():
    manifest = yaml.safe_load((Path(__file__).parents[2] / "manifest.yml").read_text())
    requested = set(manifest["oauth_config"]["scopes"]["bot"])
    assert requested == set(ALWAYS_SCOPES) | set(DIGEST_SCOPES)
