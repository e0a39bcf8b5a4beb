"""Schema versions: a version table (`tipbot_schema`) and an ordered list of migrations, each a
function of one connection, applied in one transaction under a lock. Chosen over Alembic: five small
tables need no autogenerate, no env.py and no extra dependency, and `tip-bot db upgrade` stays one
function call that tests run on both databases. A migration never changes: a new one is appended.

Each migration spells out its own DDL (not tables.py, which shows the newest shape), so replaying
version 1 on a new database builds exactly what version 1 built.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    inspect,
    select,
)

from bot.store import dialect
from bot.store.tables import schema_versions


def _v1(conn: Connection) -> None:
    """Claims, digest claims, the outbox and the usage log."""
    md = MetaData()
    tz = DateTime(timezone=True)
    Table("tipbot_meta", md, Column("key", String(64), primary_key=True), Column("value", Text, nullable=False))
    Table(
        "tipbot_claims",
        md,
        Column("key", String(255), primary_key=True),
        Column("expires_at", tz, nullable=False, index=True),
    )
    Table(
        "tipbot_digest_claims",
        md,
        Column("workspace", String(32), primary_key=True),
        Column("channel", String(32), primary_key=True),
        Column("day", String(10), primary_key=True),
        Column("claimed_at", tz, nullable=False),
        Column("owner", String(100), nullable=False),
        Column("posted_ts", String(32), nullable=True),
    )
    Table(
        "tipbot_outbox",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("kind", String(16), nullable=False),
        Column("payload", Text, nullable=False),
        Column("notice", Text, nullable=True),
        Column("created_at", tz, nullable=False),
        Column("next_at", tz, nullable=False, index=True),
        Column("attempts", Integer, nullable=False),
        Column("last_error", String(200), nullable=True),
        Column("lease_until", tz, nullable=True),
    )
    Table(
        "tipbot_usage",
        md,
        Column("id", String(32), primary_key=True),
        Column("at", tz, nullable=False, index=True),
        Column("surface", String(16), nullable=False),
        Column("lang", String(8), nullable=False),
        Column("matched", Boolean, nullable=False),
        Column("kind", String(16), nullable=False),
        Column("fact_ids", Text, nullable=False),
        Column("latency_ms", Float, nullable=False),
        Column("query", Text, nullable=False),
        Column("user_hash", String(64), nullable=True, index=True),
    )
    md.create_all(conn)


def _v2(conn: Connection) -> None:
    """Votes on answers (the feedback issue): one row per (answer, user), the vote changed in place."""
    md = MetaData()
    tz = DateTime(timezone=True)
    Table(
        "tipbot_votes",
        md,
        Column("answer_id", String(32), primary_key=True),
        Column("user_hash", String(64), primary_key=True),
        Column("vote", Integer, nullable=False),
        Column("usage_id", String(32), nullable=True),
        Column("fact_ids", Text, nullable=False),
        Column("surface", String(16), nullable=False),
        Column("lang", String(8), nullable=False),
        Column("comment", Text, nullable=True),
        Column("at", tz, nullable=False, index=True),
    )
    md.create_all(conn)


Migration = tuple[str, Callable[[Connection], None]]

# Version N is MIGRATIONS[N-1]. Append only.
MIGRATIONS: tuple[Migration, ...] = (
    ("claims, digest claims, outbox, usage log", _v1),
    ("votes on answers", _v2),
)


@dataclass(frozen=True)
class SchemaStatus:
    version: int  # 0: a new, empty database
    latest: int
    pending: tuple[str, ...]  # names of the migrations not yet applied

    @property
    def current(self) -> bool:
        return self.version == self.latest

    @property
    def ahead(self) -> bool:
        """Written by a newer tip-bot than this one."""
        return self.version > self.latest


def version(conn: Connection) -> int:
    if not inspect(conn).has_table(schema_versions.name):
        return 0
    return conn.execute(select(func.max(schema_versions.c.version))).scalar() or 0


def status(engine: Engine, migrations: Sequence[Migration] | None = None) -> SchemaStatus:
    migrations = MIGRATIONS if migrations is None else migrations
    with engine.connect() as conn:
        v = version(conn)
    return SchemaStatus(v, len(migrations), tuple(name for name, _ in migrations[v:]))


def upgrade(engine: Engine, migrations: Sequence[Migration] | None = None) -> list[str]:
    """Apply the pending migrations in one transaction; return their names (empty when current).
    Safe to run from several processes at once: the second waits, then finds nothing to do."""
    migrations = MIGRATIONS if migrations is None else migrations
    with engine.begin() as conn:
        dialect.migration_lock(conn)
        if not inspect(conn).has_table(schema_versions.name):
            schema_versions.create(conn)
        v = version(conn)
        applied = []
        for n, (name, migrate) in enumerate(migrations[v:], start=v + 1):
            migrate(conn)
            conn.execute(schema_versions.insert().values(version=n, name=name, applied_at=datetime.now(UTC)))
            applied.append(name)
    return applied
