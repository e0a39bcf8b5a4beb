"""A cold `tip-bot ask` pays only for what it uses: with the fact base cached and none of its settings set it
imports neither pydantic nor pydantic-settings, and a setting set in `.env` or the environment, in any of the
ways Settings accepts, still reaches it (bot.env decides whether to load Settings, Settings reads the value)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.commands.validate import USES
from bot.env import DEFAULT_DATABASE_URL, ENV_FILE, configured, default_cache_dir
from bot.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
ASK_SETTINGS = (*USES, "DATABASE_URL")  # what ask checks before loading Settings
HEAVY = ("pydantic", "pydantic_core", "pydantic_settings", "yaml")


def run(code_or_args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python ARGS` in `cwd` with none of ask's settings in the environment, HOME under `cwd` (so the
    default cache is ~/.cache/tip-bot there) and `env` added."""
    base = {k: v for k, v in os.environ.items() if k.upper() not in ASK_SETTINGS}
    full = {**base, "HOME": str(cwd / "home"), "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, *code_or_args], capture_output=True, text=True, cwd=cwd, env=full, timeout=60
    )


def ask_json(query: str, cwd: Path, env: dict[str, str] | None = None, *args: str) -> dict:
    p = run(["-m", "bot", "ask", "--json", *args, query], cwd, env)
    assert p.returncode in (0, 1), p.stderr
    return json.loads(p.stdout)


def test_a_cached_ask_imports_no_pydantic(tmp_path, knowledge_dir):
    code = (
        "import sys, json; from bot.cli import main; rc = main(['ask', '--knowledge-dir', sys.argv[1], 'shelters']); "
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))"
    )
    first = run(["-c", code, str(knowledge_dir)], tmp_path)  # a cache miss: validated with pydantic
    assert first.returncode == 0, first.stderr
    assert "pydantic" in json.loads(first.stdout.splitlines()[-1])
    assert list((tmp_path / "home" / ".cache" / "tip-bot").glob("kb-*.pickle"))
    second = run(["-c", code, str(knowledge_dir)], tmp_path)
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout.splitlines()[-1]) == []


@pytest.mark.parametrize(
    "line", ["KNOWLEDGE_DIR={d}", "knowledge_dir = {d}", "export KNOWLEDGE_DIR='{d}'", "'Knowledge_Dir'={d}"]
)
def test_knowledge_dir_in_dot_env_is_honoured(tmp_path, knowledge_dir, line):
    (tmp_path / ".env").write_text("# tip-bot\nLOG_LEVEL=INFO\n" + line.format(d=knowledge_dir) + "\n")
    assert ask_json("shelters", tmp_path)["knowledge_dir"] == str(knowledge_dir)


def test_knowledge_dir_in_the_environment_is_honoured_in_any_case(tmp_path, knowledge_dir):
    assert ask_json("shelters", tmp_path, {"knowledge_Dir": str(knowledge_dir)})["knowledge_dir"] == str(knowledge_dir)
    assert ask_json("shelters", tmp_path)["knowledge_dir"] != str(knowledge_dir)  # the control: not the default


def test_xdg_cache_home_in_dot_env_is_where_the_cache_goes(tmp_path, knowledge_dir):
    (tmp_path / ".env").write_text(f"XDG_CACHE_HOME={tmp_path / 'xdg'}\n")
    ask_json("shelters", tmp_path, None, "--knowledge-dir", str(knowledge_dir))
    assert list((tmp_path / "xdg" / "tip-bot").glob("kb-*.pickle"))
    assert not (tmp_path / "home" / ".cache").exists()


def test_database_url_in_dot_env_logs_usage(tmp_path, knowledge_dir):
    from sqlalchemy.engine import make_url

    from bot.store import dialect
    from bot.store.sql import SqlStore

    url = f"sqlite:///{tmp_path / 'usage.db'}"
    (tmp_path / ".env").write_text(f"database_url={url}\n")
    upgraded = run(["-m", "bot", "db", "upgrade"], tmp_path)
    assert upgraded.returncode == 0, upgraded.stderr
    assert ask_json("shelters", tmp_path, None, "--knowledge-dir", str(knowledge_dir))["matched"]
    store = SqlStore(dialect.make_engine(make_url(url)))
    try:
        rows = store.usage_since(datetime.now(UTC) - timedelta(minutes=5))
    finally:
        store.close()
    assert [(r.surface, r.query) for r in rows] == [("cli", "shelters")]


def test_configured_reads_names_as_settings_does(tmp_path, monkeypatch):
    for name in ASK_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    env = tmp_path / ".env"
    env.write_text(
        "# KNOWLEDGE_DIR=/commented/out\n  # DATABASE_URL=x\nexport xdg_cache_home=/c\nDATABASE_URL=\nUSAGE_LOG=on\n"
    )
    assert configured(ASK_SETTINGS, env) == {"XDG_CACHE_HOME", "DATABASE_URL"}
    monkeypatch.setenv("Knowledge_Dir", "/k")
    assert configured(ASK_SETTINGS, env) == {"KNOWLEDGE_DIR", "XDG_CACHE_HOME", "DATABASE_URL"}
    assert configured(ASK_SETTINGS, None) == {"KNOWLEDGE_DIR"}
    env.write_bytes(b"\xff\xfe not utf-8")
    assert configured(ASK_SETTINGS, env) == set(ASK_SETTINGS)  # unreadable: Settings decides


def test_settings_name_variables_the_way_the_check_expects(monkeypatch, tmp_path):
    """No prefix, no alias, case-insensitive, the same .env: else `configured` could miss a set value."""
    config = Settings.model_config
    assert config.get("env_prefix", "") == "" and config["case_sensitive"] is False
    assert config["env_file"] == ENV_FILE and not config.get("env_nested_delimiter") and not config.get("secrets_dir")
    for name in ASK_SETTINGS:
        field = Settings.model_fields[name.lower()]
        assert field.alias is None and field.validation_alias is None, name
    for name in ASK_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    defaults = load_settings(env_file=None)  # what ask assumes when none is set
    assert defaults.knowledge_dir is None and defaults.cache_dir == default_cache_dir() == tmp_path / ".cache/tip-bot"
    assert defaults.database_url.get_secret_value() == DEFAULT_DATABASE_URL
    assert "database_url" not in defaults.model_fields_set
