"""Opening the store: every start-up problem is one line (exit 2); schema versions upgrade in place."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Column, Integer, inspect, text
from sqlalchemy.engine import make_url

from bot.cli import main
from bot.errors import ConfigError
from bot.settings import load_settings
from bot.store import dialect, migrations
from bot.store.startup import open_store
from bot.store.tables import metadata


def settings_for(url: str):
    return load_settings(env_file=None, database_url=url)


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("not a url", "DATABASE_URL is not a database URL"),
        ("mysql://u@h/db", "names 'mysql', which tip-bot does not support"),
        ("postgresql://postgres@127.0.0.1:1/x", "cannot use the database (PostgreSQL 127.0.0.1:1/x)"),
        ("sqlite:////no/such/dir/tip-bot.db", "cannot use the database (SQLite /no/such/dir/tip-bot.db)"),
    ],
)
def test_a_bad_or_unreachable_database_is_one_line(url, says):
    with pytest.raises(ConfigError) as e:
        open_store(settings_for(url))
    assert says in str(e.value) and "\n" not in str(e.value)


def test_a_read_only_database_is_refused_at_start_up(tmp_path):
    path = tmp_path / "tip-bot.db"
    open_store(settings_for(f"sqlite:///{path}")).close()
    with pytest.raises(ConfigError, match="is read-only"):
        open_store(settings_for(f"sqlite:///file:{path}?mode=ro&uri=true"))


def test_a_new_database_is_set_up_an_old_one_is_refused_until_upgraded(db_url, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", db_url)
    engine = dialect.make_engine(make_url(db_url))
    extra = (*migrations.MIGRATIONS, ("test: a column", _add_column))
    monkeypatch.setattr(migrations, "MIGRATIONS", extra)  # a tip-bot one version newer than this database
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO tipbot_claims (key, expires_at) VALUES ('kept', :t)"), {"t": datetime.now(UTC)})

    n = len(extra) - 1  # this database's version; the patched tip-bot needs one more
    with pytest.raises(ConfigError, match=rf"schema is at version {n}, this tip-bot needs {n + 1}: run `tip-bot db up"):
        open_store(settings_for(db_url))
    assert main(["db", "status"]) == 1
    pending = f"schema version {n} of {n + 1}; pending: test: a column; run `tip-bot db upgrade`"
    assert pending in capsys.readouterr().out
    assert main(["db", "upgrade"]) == 0
    assert f"applied {n + 1}: test: a column" in capsys.readouterr().out
    assert main(["db", "upgrade"]) == 0  # twice: nothing to do
    assert main(["db", "status"]) == 0
    open_store(settings_for(db_url)).close()
    with engine.connect() as conn:  # upgraded in place: the row is still there, the column is new
        assert conn.execute(text("SELECT key FROM tipbot_claims")).scalars().all() == ["kept"]
        assert "note" in {c["name"] for c in inspect(conn).get_columns("tipbot_claims")}
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO tipbot_schema (version, name, applied_at) VALUES (9, 'x', :t)"), {"t": datetime.now(UTC)}
        )
    with pytest.raises(ConfigError, match="newer than this tip-bot"):
        open_store(settings_for(db_url))
    engine.dispose()


def _add_column(conn) -> None:
    conn.execute(
        text(f"ALTER TABLE tipbot_claims ADD COLUMN note {Column('note', Integer).type.compile(conn.dialect)}")
    )


def test_the_migrations_build_exactly_the_tables_the_code_uses(db_url):
    engine = dialect.make_engine(make_url(db_url))
    with engine.connect() as conn:
        found = inspect(conn)
        for table in metadata.sorted_tables:
            assert {c["name"] for c in found.get_columns(table.name)} == set(table.c.keys()), table.name
            pk = found.get_pk_constraint(table.name)["constrained_columns"]
            assert set(pk) == {c.name for c in table.primary_key.columns}, table.name
    engine.dispose()


def test_doctor_reports_the_database(tmp_path):
    from bot.doctor import check_database

    url = f"sqlite:///{tmp_path / 'd.db'}"
    assert check_database(settings_for(url)).line.endswith("is empty; `tip-bot serve` sets it up on first start")
    open_store(settings_for(url)).close()
    ok = check_database(settings_for(url))
    assert ok.ok and f"schema version {len(migrations.MIGRATIONS)} (current), usage log on" in ok.line
    bad = check_database(settings_for("postgresql://postgres@127.0.0.1:1/x"))
    assert not bad.ok and "check DATABASE_URL" in bad.fix


def test_the_database_password_and_the_salt_never_reach_the_log():
    import io
    import logging

    from bot.logs import setup_logging

    settings = load_settings(
        env_file=None,
        database_url="postgresql://tipbot:s3cret-Passw0rd@db.example:5432/tipbot",
        usage_hash_salt="salt-that-is-long-enough",
    )
    out = io.StringIO()
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        setup_logging(settings, stream=out)
        logging.getLogger("bot.test").error(
            "connecting to %s with %s",
            settings.database_url.get_secret_value(),
            settings.usage_hash_salt.get_secret_value(),
        )
    finally:
        root.handlers[:], _ = saved[0], root.setLevel(saved[1])
    assert "s3cret-Passw0rd" not in out.getvalue() and "salt-that-is-long-enough" not in out.getvalue()
