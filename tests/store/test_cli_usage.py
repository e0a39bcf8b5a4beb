"""The `cli` surface of the usage log: `tip-bot ask` writes its rows where a store is configured, and
writes nothing (no database file) where none is."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.store import dialect
from bot.store.sql import SqlStore

ROOT = Path(__file__).resolve().parents[2]


def ask(*args: str, cwd: Path, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "USAGE_LOG")}
    return subprocess.run(
        [sys.executable, "-m", "bot", "ask", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**base, "PYTHONPATH": str(ROOT), **env},
        timeout=60,
    )


def test_ask_logs_its_questions_on_the_cli_surface(db_url, tmp_path):
    got = ask("penalties 130.1", cwd=tmp_path, env={"DATABASE_URL": db_url})
    assert got.returncode == 0, got.stderr
    batch = ask("-", cwd=tmp_path, env={"DATABASE_URL": db_url}, stdin="приюты\nweather\n")
    assert batch.returncode == 0, batch.stderr
    store = SqlStore(dialect.make_engine(make_url(db_url)))
    try:
        rows = store.usage_since(datetime.now(UTC) - timedelta(minutes=5))
    finally:
        store.close()
    assert [(r.surface, r.query, r.matched, r.lang) for r in rows] == [
        ("cli", "penalties 130.1", True, "en"),
        ("cli", "приюты", True, "ru"),
        ("cli", "weather", False, "en"),
    ]
    assert rows[0].fact_ids == ("penalty-130-1",)
    assert all(r.user_hash is None for r in rows)


def test_ask_without_a_configured_store_writes_no_database(tmp_path):
    got = ask("shelters", cwd=tmp_path, env={})
    assert got.returncode == 0, got.stderr
    assert list(tmp_path.iterdir()) == []


def test_ask_with_the_usage_log_off_writes_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'off.db'}"
    got = ask("shelters", cwd=tmp_path, env={"DATABASE_URL": url, "USAGE_LOG": "off"})
    assert got.returncode == 0, got.stderr
    assert not (tmp_path / "off.db").exists()


def test_an_unusable_store_costs_one_line_not_the_answer(tmp_path):
    url = f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}"
    got = ask("shelters", cwd=tmp_path, env={"DATABASE_URL": url})
    assert got.returncode == 0
    assert "shelters" in got.stdout.lower() or "приют" in got.stdout.lower()
    assert got.stderr.count("\n") == 1 and got.stderr.startswith("tip-bot ask: usage not logged:"), got.stderr
