"""The store suite runs on SQLite and on a real PostgreSQL server: every test taking `store` runs once
per database. PostgreSQL: TEST_POSTGRES_URL, else postgres@127.0.0.1:5432 (trust auth); a throwaway
database `tipbot_test_<pid>` is created for the session and dropped after. Unreachable: skipped with
one line locally, a failure in CI (CI=true)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.store import dialect, migrations
from bot.store.sql import SqlStore
from bot.store.tables import metadata

ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    admin_url = dialect.normalise_url(ADMIN_URL)
    name = f"tipbot_test_{os.getpid()}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as e:
        admin.dispose()
        why = f"PostgreSQL at {admin_url.host}:{admin_url.port} unreachable ({type(e).__name__})"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{why}: CI must run the store tests on PostgreSQL", pytrace=False)
        pytest.skip(f"{why}: PostgreSQL store tests skipped (set TEST_POSTGRES_URL)")
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> Iterator[str]:
    """A migrated, empty database of each kind."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'tip-bot.db'}"
        migrations.upgrade(dialect.make_engine(make_url(url)))
        yield url
        return
    url = request.getfixturevalue("postgres_url")
    engine = dialect.make_engine(make_url(url))
    with engine.begin() as conn:  # a clean slate: every table of the newest schema, then migrate
        for table in reversed(metadata.sorted_tables):
            conn.execute(text(f'DROP TABLE IF EXISTS "{table.name}"'))
    migrations.upgrade(engine)
    engine.dispose()
    yield url


@pytest.fixture
def store(db_url: str) -> Iterator[SqlStore]:
    s = SqlStore(dialect.make_engine(make_url(db_url)))
    yield s
    s.close()


# The Slack app's fixtures (signed requests into app.dispatch, the Web API stand-in) for the wiring tests.
from tests.ops.conftest import tiny_kb  # noqa: E402, F401
from tests.slack.conftest import settings  # noqa: E402, F401  (kb and core: tests/conftest.py)
