"""The paths a newcomer and a curator take, each with the mistake that used to fool them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.knowledge import default_knowledge_dir
from bot.settings import Settings

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No setting from the environment, and a working directory with no .env."""
    for name in Settings.model_fields:
        if name != "xdg_cache_home":
            monkeypatch.delenv(name.upper(), raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return monkeypatch


def run(*args: str, cwd: Path, env: dict[str, str] | None = None, stdout=subprocess.PIPE):
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
    )


# --- curators: the checkout's knowledge/ is the one validated and answered from ----------------------
@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A second checkout of tip-bot (its own knowledge/), as a curator's clone would be."""
    co = tmp_path / "tip-bot"
    co.mkdir()
    shutil.copy(REPO / "pyproject.toml", co / "pyproject.toml")
    shutil.copytree(default_knowledge_dir(), co / "knowledge")
    return co


def test_an_edit_in_the_checkout_fails_validate_there(checkout: Path):
    fact_file = checkout / "knowledge" / "p28.yml"
    text = fact_file.read_text(encoding="utf-8")
    fact_file.write_text(
        text.replace("quotes:\n      - ", "quotes:\n      - Zzz not in the cable ", 1), encoding="utf-8"
    )
    for cwd in (checkout, checkout / "knowledge"):  # from the checkout and from inside knowledge/
        done = run("validate", cwd=cwd)
        assert done.returncode == 1, done.stdout + done.stderr
        assert f"{fact_file}:" in done.stdout and "not found in the source" in done.stdout
        assert str(checkout / "knowledge") in done.stderr  # the summary names the directory it read


def test_validate_and_ask_name_the_directory_they_read(checkout: Path):
    done = run("validate", cwd=checkout)
    assert done.returncode == 0 and done.stdout.splitlines()[0].endswith(
        f"all quotes found in {checkout / 'knowledge'}"
    )
    answer = json.loads(run("ask", "--json", "shelters", cwd=checkout).stdout)
    assert answer["knowledge_dir"] == str(checkout / "knowledge")


# --- .env.example, token shapes, which .env ---------------------------------------------------------------
@pytest.fixture
def example_env(clean_env) -> Path:
    env = Path.cwd() / ".env"
    shutil.copy(REPO / ".env.example", env)
    return env


def test_env_example_placeholders_are_named_by_doctor_and_need_no_signing_secret(example_env, capsys):
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"✓ settings: from the environment and {example_env}"
    failed = [line for line in out if line.startswith("✗")]
    assert len(failed) == 2, out  # the two tokens; nothing else is wrong with .env.example
    assert all("placeholder from .env.example" in line for line in failed)
    assert any(line.startswith("✓ SLACK_SIGNING_SECRET is not used in Socket Mode") for line in out)


@pytest.mark.parametrize("argv", [["serve"], ["serve", "--http"]])
def test_serve_refuses_placeholders_before_any_network_call(example_env, web_api, clean_env, capsys, argv):
    clean_env.setenv("SLACK_API_URL", web_api.url)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "SLACK_BOT_TOKEN is not shaped like a bot token" in err and "placeholder" in err
    assert f"settings from the environment and {example_env}" in err  # which .env it read
    assert web_api.calls == []


def test_a_setting_ask_does_not_use_never_stops_it(clean_env, capsys):
    clean_env.setenv("DIGEST_TIME", "25:00")
    clean_env.setenv("DIGEST_FACTS", "eleven")
    assert main(["ask", "shelters"]) == 0
    assert "shelters" in capsys.readouterr().out.lower()
    clean_env.setenv("KNOWLEDGE_DIR", "")  # blank is unset: still fine
    assert main(["validate"]) == 0


def test_a_setting_a_command_uses_still_stops_it_naming_the_env_file(example_env, clean_env, capsys):
    example_env.write_text("DIGEST_TIME=25:00\n", encoding="utf-8")
    assert main(["digest", "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tip-bot: DIGEST_TIME is invalid") and str(example_env) in err


# --- pipes and caches -------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [["validate"], ["doctor"], ["digest", "--dry-run"], ["ask", "--quotes", "penalties"]])
def test_a_reader_that_leaves_early_gets_no_traceback(tmp_path: Path, args: list[str]):
    read, write = os.pipe()
    os.close(read)  # like `| true`: every write fails with EPIPE
    try:
        done = run(*args, cwd=tmp_path, stdout=write)
    finally:
        os.close(write)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    assert done.returncode in (0, 1)


def test_the_cache_goes_to_xdg_cache_home_never_home(tmp_path: Path):
    home, xdg = tmp_path / "home", tmp_path / "xdg"
    home.mkdir()
    done = run("ask", "shelters", cwd=tmp_path, env={"HOME": str(home), "XDG_CACHE_HOME": str(xdg)})
    assert done.returncode == 0, done.stderr
    assert list((xdg / "tip-bot").glob("kb-*.pickle"))
    assert not any(home.rglob("*"))
