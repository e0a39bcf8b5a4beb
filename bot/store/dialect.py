"""Everything that differs between SQLite and PostgreSQL, in one place; the rest of the store is
portable SQLAlchemy Core.

- URLs: Heroku's `postgres://…` and a bare `postgresql://…` mean psycopg 3 (`postgresql+psycopg://`).
- Engines: SQLite in WAL mode with a busy timeout, every transaction `BEGIN IMMEDIATE` (a writer waits
  for the lock up front instead of failing half-way); PostgreSQL through a small pre-pinged pool with
  short connect timeouts (a database that went away must not hold a request for long) and
  `synchronous_commit=off` (a claim does not wait for an fsync).
- `insert_ignore`: INSERT … ON CONFLICT DO NOTHING, whose row count says whether this caller won.
- `migration_lock`: one upgrader at a time (PostgreSQL advisory lock; SQLite's write lock).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, event, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError

SUPPORTED = ("sqlite", "postgresql")
SQLITE_BUSY_MS = 10_000  # how long a writer waits for another process's transaction
PG_CONNECT_TIMEOUT_S = 3
MIGRATION_LOCK_ID = 0x7469_7062  # "tipb": the advisory lock key for `tip-bot db upgrade`


def normalise_url(raw: str) -> URL:
    """Parse DATABASE_URL (raises sqlalchemy's ArgumentError when it is not a URL)."""
    raw = raw.strip()
    for prefix in ("postgres://", "postgresql://"):
        if raw.startswith(prefix):
            raw = "postgresql+psycopg://" + raw[len(prefix) :]
    return make_url(raw)


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    if url.get_backend_name() == "postgresql":
        return create_engine(
            url,
            pool_size=5,
            max_overflow=5,
            pool_timeout=PG_CONNECT_TIMEOUT_S,
            pool_pre_ping=True,  # a connection the server dropped is replaced, not handed to a request
            pool_recycle=1800,
            connect_args={
                "connect_timeout": PG_CONNECT_TIMEOUT_S,
                "application_name": "tip-bot",
                # A commit returns before its WAL reaches the disk (the server flushes within ~0.6 s):
                # a claim in the event's acknowledgement must not wait for an fsync. A server crash can
                # lose the last fraction of a second of claims and usage rows, never corrupt anything.
                "options": "-c synchronous_commit=off",
            },
        )
    raise ValueError(f"unsupported database {url.get_backend_name()!r} (use sqlite or postgresql)")


def _sqlite_engine(url: URL) -> Engine:
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # the driver's own transaction handling off: we say BEGIN
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
        if url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode = WAL")  # readers never wait for the writer
        cur.execute("PRAGMA synchronous = NORMAL")  # durable at each WAL checkpoint; much faster commits
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def insert_ignore(conn: Connection, table: Table, **values: Any) -> bool:
    """INSERT … ON CONFLICT DO NOTHING RETURNING: True for the one caller whose row went in.

    RETURNING, not the row count: psycopg 3 under SQLAlchemy 2.1 reports -1 for this statement."""
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    key = next(iter(table.primary_key.columns))
    stmt = insert(table).values(**values).on_conflict_do_nothing().returning(key)
    return conn.execute(stmt).first() is not None


def insert_many(conn: Connection, table: Table, rows: Sequence[Sequence[Any]]) -> None:
    """Many rows in `table`'s column order, already in the driver's terms (see `driver_datetime`),
    handed straight to the driver: SQLAlchemy's per-row bind processing is skipped. PostgreSQL: COPY
    (psycopg's executemany pipeline costs ~20 us of Python a row; COPY a few); SQLite: executemany (C)."""
    columns = ", ".join(f'"{c.name}"' for c in table.c)
    if conn.dialect.name == "postgresql":
        sql = f'COPY "{table.name}" ({columns}) FROM STDIN'
        try:
            cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            with cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
        except conn.dialect.loaded_dbapi.Error as e:  # the driver's own error: wrapped as SQLAlchemy would
            raise DBAPIError(sql, None, e) from e
        return
    marks = ", ".join(["?"] * len(table.c))
    conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})', list(map(tuple, rows)))


def driver_datetime(conn: Connection) -> Callable[[datetime], Any]:
    """A UTC datetime as `insert_many` must pass it: PostgreSQL takes it as it is; SQLite stores the
    text SQLAlchemy's own DateTime type writes (so reads through SQLAlchemy parse it back)."""
    if conn.dialect.name == "sqlite":
        return lambda dt: dt.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    return lambda dt: dt


def migration_lock(conn: Connection) -> None:
    """Serialise upgrades (called inside the upgrade's transaction; released when it ends)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_ID})
    # SQLite: BEGIN IMMEDIATE already holds the database's write lock.


def is_read_only_error(error: BaseException) -> bool:
    """True when the server or file refuses writes (read-only file, hot standby, read-only role)."""
    text_ = str(getattr(error, "orig", error)).lower()
    return "readonly" in text_ or "read-only" in text_ or "read only" in text_
