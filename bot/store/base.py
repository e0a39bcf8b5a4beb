"""The store's interface: what the Slack app, the digest and the CLI may ask of it, and the records
that cross it. One implementation (SqlStore, SQLite or PostgreSQL); callers and tests depend on this
Protocol, in the spirit of slack-machine's storage backends."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple, Protocol

from bot.store.migrations import SchemaStatus

CLAIM_TTL = 600.0  # seconds a claim is kept: past Slack's last event retry (5 minutes)
DIGEST_STALE = 900.0  # seconds after which an unposted digest claim (its process died) may be taken over


class StoreUnavailable(Exception):
    """The database could not be reached or refused the operation. Callers degrade, never crash."""


class UsageRow(NamedTuple):  # a NamedTuple, not a dataclass: built per row by the writer, ~5x cheaper
    id: str  # 32 hex characters chosen by the writer: buttons can name the row before it is written
    at: datetime  # UTC
    surface: str  # slash, dm, mention, home, share, source, suggestion, digest, cli
    lang: str  # en, ru
    matched: bool
    kind: str  # the answer's kind, or "error"
    fact_ids: tuple[str, ...]
    latency_ms: float
    query: str
    user_hash: str | None  # HMAC-SHA256(salt, user id), hex; None when there was no user


@dataclass(frozen=True)
class Vote:
    """A vote on one answer by one user: +1 (👍) or -1 (👎), with the 👎 modal's comment if sent."""

    answer_id: str  # what the answer's buttons carry (the usage row's id when the usage log is on)
    user_hash: str  # the usage log's salted hash of the user id
    vote: int  # +1 or -1
    usage_id: str | None  # the usage-log row, None when the usage log is off
    fact_ids: tuple[str, ...]
    surface: str
    lang: str
    comment: str | None
    at: datetime  # the last change, UTC


@dataclass(frozen=True)
class OutboxItem:
    id: int
    kind: str  # dm, mention, share
    payload: dict[str, Any]  # chat.postMessage arguments
    notice: dict[str, Any] | None  # how to tell the asker if delivery finally fails
    attempts: int  # deliveries tried so far, the first (before it was stored) included
    created_at: datetime
    last_error: str | None = None


class Store(Protocol):
    # --- exactly once ------------------------------------------------------------------------------
    def claim(self, key: str, *, ttl: float = CLAIM_TTL, now: datetime | None = None) -> bool:
        """True for the one caller (across processes and restarts) that first claims `key` within `ttl`."""

    def claim_digest(
        self, workspace: str, channel: str, day: date, owner: str, *, stale_after: float = DIGEST_STALE
    ) -> bool:
        """True for the one caller that may post `day`'s digest to `channel` (also taking over a claim
        older than `stale_after` that was never marked posted: its process died mid-post)."""

    def digest_posted(self, workspace: str, channel: str, day: date, ts: str) -> None: ...

    def release_digest(self, workspace: str, channel: str, day: date) -> None:
        """Give the claim back (the post failed and may be tried again)."""

    # --- the outbox ----------------------------------------------------------------------------------
    def outbox_add(
        self, kind: str, payload: dict[str, Any], notice: dict[str, Any] | None, *, retry_in: float, attempts: int = 1
    ) -> int: ...

    def outbox_take(self, *, limit: int = 10, lease: float = 60.0, now: datetime | None = None) -> list[OutboxItem]:
        """Due items, each leased to this caller (no other process takes it until the lease ends)."""

    def outbox_done(self, item_id: int) -> None:
        """Delivered, or given up for good: delete it."""

    def outbox_again(self, item_id: int, error: str, *, retry_in: float) -> None:
        """Failed again: count the attempt, keep the error, try again in `retry_in` seconds."""

    def outbox_release(self, item_ids: Sequence[int]) -> None:
        """Leased but not tried (shutting down): due again at once, for any process."""

    def outbox_size(self) -> int: ...

    # --- the usage log -------------------------------------------------------------------------------
    def add_usage(self, rows: Sequence[UsageRow]) -> None: ...

    def usage_since(self, since: datetime) -> list[UsageRow]: ...

    def forget_user_hash(self, user_hash: str) -> int:
        """Delete a user's usage rows and votes; how many there were."""

    # --- votes on answers (the feedback issue) ----------------------------------------------------------
    def vote(self, vote: Vote) -> None:
        """Store the user's vote on the answer, replacing an earlier one (and keeping its comment)."""

    def vote_comment(self, answer_id: str, user_hash: str, comment: str) -> bool:
        """Attach the 👎 modal's comment to the user's vote; False when there is no such vote."""

    def vote_tally(self, answer_id: str) -> tuple[int, int]:
        """(👍, 👎) on one answer."""

    def votes_since(self, since: datetime) -> list[Vote]: ...

    def hash_salt(self) -> bytes:
        """USAGE_HASH_SALT, or the random salt this database generated for itself."""

    def note(self, key: str, value: str | None) -> None:
        """Set (or, with None, clear) a small named value every process can read (`noted`)."""

    def noted(self, key: str) -> str | None:
        """The value `note` set, or None."""

    # --- upkeep --------------------------------------------------------------------------------------
    def prune(self, *, usage_before: datetime, now: datetime | None = None) -> dict[str, int]:
        """Delete expired claims, old digest claims and usage rows older than `usage_before`."""

    def check_writable(self) -> None:
        """Raise StoreUnavailable unless the database is reachable and accepts writes."""

    def schema(self) -> SchemaStatus: ...

    def describe(self) -> str:
        """The database for people: dialect and where (never the password)."""

    def close(self) -> None: ...
