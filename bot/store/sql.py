"""SqlStore: the Store interface over SQLAlchemy Core, one class for SQLite and PostgreSQL (what differs
is in dialect.py). Every method is one short transaction; any database error becomes StoreUnavailable."""

from __future__ import annotations

import functools
import json
import secrets
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from bot.store import dialect, migrations
from bot.store.base import CLAIM_TTL, DIGEST_STALE, OutboxItem, StoreUnavailable, UsageRow, Vote
from bot.store.migrations import SchemaStatus
from bot.store.tables import claims, digest_claims, meta, outbox, usage, votes

P = ParamSpec("P")
R = TypeVar("R")

DIGEST_CLAIM_KEEP = timedelta(days=45)  # digest claims older than this are pruned (the channel check remains)


def _unavailable(fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except SQLAlchemyError as e:
            raise StoreUnavailable(reason(e)) from e

    return wrapper


def reason(e: BaseException) -> str:
    """One line: the driver's message without SQLAlchemy's statement dump and background link."""
    if isinstance(e, StoreUnavailable):
        return str(e)
    orig = getattr(e, "orig", None) or e
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return f"{type(orig).__name__}: {first}"[:300]


def where(url: URL) -> str:
    """The database for people: dialect and place, never the password."""
    if url.get_backend_name() == "sqlite":
        return f"SQLite {url.database or ':memory:'}"
    return f"PostgreSQL {url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def _utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class SqlStore:
    def __init__(self, engine: Engine, *, salt: str | None = None) -> None:
        self.engine = engine
        self._salt = salt.encode() if salt else None

    # --- exactly once ------------------------------------------------------------------------------
    @_unavailable
    def claim(self, key: str, *, ttl: float = CLAIM_TTL, now: datetime | None = None) -> bool:
        expires = (now or datetime.now(UTC)) + timedelta(seconds=ttl)
        with self.engine.begin() as conn:
            return dialect.insert_ignore(conn, claims, key=key[:255], expires_at=expires)

    @_unavailable
    def claim_digest(
        self, workspace: str, channel: str, day: date, owner: str, *, stale_after: float = DIGEST_STALE
    ) -> bool:
        now = datetime.now(UTC)
        row = dict(workspace=workspace, channel=channel, day=day.isoformat())
        with self.engine.begin() as conn:
            if dialect.insert_ignore(conn, digest_claims, **row, claimed_at=now, owner=owner[:100]):
                return True
            # Taken: by a live poster, a finished one, or one that died before posting. Only the last
            # may be taken over, and only by one caller (the update's row count decides).
            taken = conn.execute(
                update(digest_claims)
                .where(*(digest_claims.c[k] == v for k, v in row.items()))
                .where(digest_claims.c.posted_ts.is_(None))
                .where(digest_claims.c.claimed_at < now - timedelta(seconds=stale_after))
                .values(claimed_at=now, owner=owner[:100])
            )
            return taken.rowcount == 1

    @_unavailable
    def digest_posted(self, workspace: str, channel: str, day: date, ts: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(digest_claims)
                .where(digest_claims.c.workspace == workspace)
                .where(digest_claims.c.channel == channel)
                .where(digest_claims.c.day == day.isoformat())
                .values(posted_ts=ts[:32])
            )

    @_unavailable
    def release_digest(self, workspace: str, channel: str, day: date) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                delete(digest_claims)
                .where(digest_claims.c.workspace == workspace)
                .where(digest_claims.c.channel == channel)
                .where(digest_claims.c.day == day.isoformat())
                .where(digest_claims.c.posted_ts.is_(None))
            )

    # --- the outbox ----------------------------------------------------------------------------------
    @_unavailable
    def outbox_add(
        self, kind: str, payload: dict[str, Any], notice: dict[str, Any] | None, *, retry_in: float, attempts: int = 1
    ) -> int:
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            result = conn.execute(
                outbox.insert().values(
                    kind=kind,
                    payload=json.dumps(payload),
                    notice=json.dumps(notice) if notice is not None else None,
                    created_at=now,
                    next_at=now + timedelta(seconds=retry_in),
                    attempts=attempts,
                )
            )
            key = result.inserted_primary_key
            assert key is not None  # an INSERT of one row
            return int(key[0])

    @_unavailable
    def outbox_take(self, *, limit: int = 10, lease: float = 60.0, now: datetime | None = None) -> list[OutboxItem]:
        now = now or datetime.now(UTC)
        taken: list[OutboxItem] = []
        with self.engine.begin() as conn:
            due = conn.execute(
                select(outbox)
                .where(outbox.c.next_at <= now)
                .where((outbox.c.lease_until.is_(None)) | (outbox.c.lease_until < now))
                .order_by(outbox.c.next_at)
                .limit(limit)
            ).all()
            for row in due:
                # Compare-and-set on the lease: another process that read the same row loses here.
                won = conn.execute(
                    update(outbox)
                    .where(outbox.c.id == row.id)
                    .where(
                        outbox.c.lease_until.is_(None)
                        if row.lease_until is None
                        else outbox.c.lease_until == row.lease_until
                    )
                    .values(lease_until=now + timedelta(seconds=lease))
                ).rowcount
                if won == 1:
                    taken.append(
                        OutboxItem(
                            id=row.id,
                            kind=row.kind,
                            payload=json.loads(row.payload),
                            notice=json.loads(row.notice) if row.notice else None,
                            attempts=row.attempts,
                            created_at=_utc(row.created_at),
                            last_error=row.last_error,
                        )
                    )
        return taken

    @_unavailable
    def outbox_done(self, item_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(outbox).where(outbox.c.id == item_id))

    @_unavailable
    def outbox_again(self, item_id: int, error: str, *, retry_in: float) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(outbox)
                .where(outbox.c.id == item_id)
                .values(
                    attempts=outbox.c.attempts + 1,
                    last_error=error[:200],
                    next_at=datetime.now(UTC) + timedelta(seconds=retry_in),
                    lease_until=None,
                )
            )

    @_unavailable
    def outbox_release(self, item_ids: Sequence[int]) -> None:
        if not item_ids:
            return
        with self.engine.begin() as conn:
            conn.execute(update(outbox).where(outbox.c.id.in_(list(item_ids))).values(lease_until=None))

    @_unavailable
    def outbox_size(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(outbox)).scalar() or 0)

    # --- the usage log -------------------------------------------------------------------------------
    @_unavailable
    def add_usage(self, rows: Sequence[UsageRow]) -> None:
        if not rows:
            return
        with self.engine.begin() as conn:
            when = dialect.driver_datetime(conn)
            dialect.insert_many(
                conn,
                usage,
                [
                    (
                        r.id,
                        when(r.at),
                        r.surface,
                        r.lang,
                        r.matched,
                        r.kind,
                        ",".join(r.fact_ids),
                        r.latency_ms,
                        r.query,
                        r.user_hash,
                    )
                    for r in rows
                ],
            )

    @_unavailable
    def usage_since(self, since: datetime) -> list[UsageRow]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(usage).where(usage.c.at >= since).order_by(usage.c.at)).all()
        return [
            UsageRow(
                id=r.id,
                at=_utc(r.at),
                surface=r.surface,
                lang=r.lang,
                matched=bool(r.matched),
                kind=r.kind,
                fact_ids=tuple(x for x in r.fact_ids.split(",") if x),
                latency_ms=r.latency_ms,
                query=r.query,
                user_hash=r.user_hash,
            )
            for r in rows
        ]

    @_unavailable
    def forget_user_hash(self, user_hash: str) -> int:
        with self.engine.begin() as conn:
            n = conn.execute(delete(usage).where(usage.c.user_hash == user_hash)).rowcount
            return n + conn.execute(delete(votes).where(votes.c.user_hash == user_hash)).rowcount

    # --- votes on answers ----------------------------------------------------------------------------
    @_unavailable
    def vote(self, vote: Vote) -> None:
        """Update, else insert; an insert that lost a race to the same user's other click updates.
        Portable (no upsert dialect): two statements at most in one transaction."""
        key = (votes.c.answer_id == vote.answer_id) & (votes.c.user_hash == vote.user_hash)
        changed = dict(vote=vote.vote, at=vote.at)
        with self.engine.begin() as conn:
            if conn.execute(update(votes).where(key).values(**changed)).rowcount:
                return
            row = dict(
                answer_id=vote.answer_id,
                user_hash=vote.user_hash,
                usage_id=vote.usage_id,
                fact_ids=",".join(vote.fact_ids),
                surface=vote.surface[:16],
                lang=vote.lang[:8],
                comment=vote.comment,
                **changed,
            )
            if not dialect.insert_ignore(conn, votes, **row):
                conn.execute(update(votes).where(key).values(**changed))

    @_unavailable
    def vote_comment(self, answer_id: str, user_hash: str, comment: str) -> bool:
        key = (votes.c.answer_id == answer_id) & (votes.c.user_hash == user_hash)
        with self.engine.begin() as conn:
            return conn.execute(update(votes).where(key).values(comment=comment)).rowcount == 1

    @_unavailable
    def vote_tally(self, answer_id: str) -> tuple[int, int]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(votes.c.vote).where(votes.c.answer_id == answer_id)).scalars().all()
        return sum(1 for v in rows if v > 0), sum(1 for v in rows if v < 0)

    @_unavailable
    def votes_since(self, since: datetime) -> list[Vote]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(votes).where(votes.c.at >= since).order_by(votes.c.at)).all()
        return [
            Vote(
                answer_id=r.answer_id,
                user_hash=r.user_hash,
                vote=r.vote,
                usage_id=r.usage_id,
                fact_ids=tuple(x for x in r.fact_ids.split(",") if x),
                surface=r.surface,
                lang=r.lang,
                comment=r.comment,
                at=_utc(r.at),
            )
            for r in rows
        ]

    @_unavailable
    def hash_salt(self) -> bytes:
        if self._salt is None:
            with self.engine.begin() as conn:
                dialect.insert_ignore(conn, meta, key="hash_salt", value=secrets.token_hex(32))
                value = conn.execute(select(meta.c.value).where(meta.c.key == "hash_salt")).scalar_one()
            self._salt = value.encode()
        return self._salt

    @_unavailable
    def note(self, key: str, value: str | None) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(meta).where(meta.c.key == key))
            if value is not None:
                conn.execute(meta.insert().values(key=key, value=value))

    @_unavailable
    def noted(self, key: str) -> str | None:
        with self.engine.begin() as conn:
            return conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar_one_or_none()

    # --- upkeep --------------------------------------------------------------------------------------
    @_unavailable
    def prune(self, *, usage_before: datetime, now: datetime | None = None) -> dict[str, int]:
        now = now or datetime.now(UTC)
        with self.engine.begin() as conn:
            return {
                "claims": conn.execute(delete(claims).where(claims.c.expires_at < now)).rowcount,
                "digest_claims": conn.execute(
                    delete(digest_claims).where(digest_claims.c.claimed_at < now - DIGEST_CLAIM_KEEP)
                ).rowcount,
                "usage": conn.execute(delete(usage).where(usage.c.at < usage_before)).rowcount,
                "votes": conn.execute(delete(votes).where(votes.c.at < usage_before)).rowcount,  # same retention
            }

    @_unavailable
    def check_writable(self) -> None:
        """A real write (the last start-up time): a read-only file or server fails here, not later."""
        with self.engine.begin() as conn:
            now = datetime.now(UTC).isoformat()
            if conn.execute(update(meta).where(meta.c.key == "checked_at").values(value=now)).rowcount == 0:
                dialect.insert_ignore(conn, meta, key="checked_at", value=now)

    @_unavailable
    def schema(self) -> SchemaStatus:
        return migrations.status(self.engine)

    def describe(self) -> str:
        return where(self.engine.url)

    def close(self) -> None:
        self.engine.dispose()
