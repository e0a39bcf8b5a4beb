"""The usage log, written off the request path: `record()` only appends to an in-memory batch (a few
microseconds); a background thread hashes the user ids and writes each batch in one INSERT, every
`interval` seconds or sooner when `batch` rows are waiting. While the database is unavailable rows wait
(up to `max_pending`, then the oldest are dropped and counted); on shutdown the rest is written
within a bound.

What a row holds: time, surface, language, matched or not, the answer's kind and fact ids, latency,
the query text (at most 500 characters) and HMAC-SHA256(salt, user id) - never the id itself."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import logging
import os
import re
import threading
import time
from collections import deque
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from bot.store.base import Store, StoreUnavailable, UsageRow
from bot.store.state import DbState

if TYPE_CHECKING:
    from bot.answer import Answer

log = logging.getLogger("bot.store.usage")

MAX_QUERY = 500
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")

# (id, time.time(), surface, query, answer or kind, ms, user id or None, lang or None): the request
# path only builds this tuple; the writer thread does the rest.
_Pending = tuple[str, float, str, str, "Answer | str", float, str | None, str | None]


def language(query: str) -> str:
    """Cyrillic in the query means a Russian answer (the answer core's own rule)."""
    return "ru" if _CYRILLIC.search(query) else "en"


class _Ids:
    """Row ids: a random per-process prefix and a counter - unique across processes (a forked child
    draws a new prefix), and far cheaper on the request path than uuid4 (an os.urandom call each)."""

    pid = 0
    prefix = ""
    count = itertools.count()


def new_id() -> str:
    """An answer's id: its usage row's, and what its feedback buttons carry (32 hex characters)."""
    if _Ids.pid != os.getpid():
        _Ids.pid, _Ids.prefix, _Ids.count = os.getpid(), os.urandom(8).hex(), itertools.count()
    return f"{_Ids.prefix}{next(_Ids.count):016x}"


def user_hash(salt: bytes, user_id: str) -> str:
    return hmac.new(salt, user_id.encode(), hashlib.sha256).hexdigest()


class UsageLog:
    def __init__(
        self,
        store: Store | None,
        state: DbState | None = None,
        *,
        enabled: bool = True,
        interval: float = 1.0,
        batch: int = 500,
        max_pending: int = 50_000,
    ) -> None:
        self.store = store
        self.state = state or DbState()
        self.enabled = enabled and store is not None
        self.interval = interval
        self.batch = batch
        self.max_pending = max_pending
        self.dropped = 0
        self.written = 0
        self._pending: deque[_Pending] = deque()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._flush_lock = threading.Lock()
        self._hashes: dict[str, str] = {}  # user id -> hash, for the busy users of the last while

    # --- the request path ----------------------------------------------------------------------------
    def record(
        self,
        surface: str,
        query: str,
        answer: Answer | str,
        ms: float,
        *,
        user: str | None = None,
        lang: str | None = None,
        row_id: str | None = None,
    ) -> str | None:
        """Queue one row; return its id (for a vote to reference), or None when the log is off.
        `row_id`: an id chosen earlier (`new_id()`), so the answer's buttons could carry it."""
        if not self.enabled:
            return None
        row_id = row_id or new_id()
        pending = self._pending
        pending.append((row_id, time.time(), surface, query, answer, ms, user or None, lang))
        if len(pending) > self.max_pending:
            pending.popleft()
            self.dropped += 1
        if len(pending) == self.batch:  # once, as the batch fills (not on every later row)
            self._wake.set()
        return row_id

    # --- the writer ----------------------------------------------------------------------------------
    def start(self) -> UsageLog:
        if self.enabled and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="tip-usage-log", daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(self.interval)
            self._wake.clear()
            if not self._stop.is_set():
                self.flush()

    def flush(self) -> int:
        """Write what is waiting; return the rows written (0 when the database is unavailable)."""
        if self.store is None:
            return 0
        with self._flush_lock:
            total = 0
            while self._pending and self.state.usable():
                n = min(len(self._pending), self.batch)
                chunk = [self._pending[i] for i in range(n)]
                try:
                    self.store.add_usage(self._rows(chunk))
                except StoreUnavailable as e:
                    self.state.failed("writing the usage log", e)
                    break
                self.state.succeeded()
                for _ in range(n):
                    self._pending.popleft()
                total += n
            self.written += total
            return total

    def _rows(self, chunk: list[_Pending]) -> list[UsageRow]:
        assert self.store is not None
        salt = self.store.hash_salt() if any(p[6] for p in chunk) else b""
        hashes = self._hashes
        if len(hashes) > 10_000:
            hashes.clear()
        rows = []
        for row_id, at, surface, query, answer, ms, user, lang in chunk:
            facts: tuple[str, ...] = ()
            if isinstance(answer, str):
                kind, matched = answer, False
            else:
                kind, matched, facts = answer.kind, answer.matched, tuple(f.id for f in answer.facts)
            hashed = None
            if user:
                hashed = hashes.get(user) or hashes.setdefault(user, user_hash(salt, user))
            rows.append(
                UsageRow(
                    row_id,
                    datetime.fromtimestamp(at, UTC),
                    surface,
                    lang or language(query),
                    matched,
                    kind,
                    facts,
                    round(ms, 3),
                    " ".join(query.split())[:MAX_QUERY],
                    hashed,
                )
            )
        return rows

    def close(self, timeout: float = 5.0) -> None:
        """Stop the writer and write what is left (bounded by `timeout`); log what could not be."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        if self.enabled:
            done = threading.Thread(target=self.flush, name="tip-usage-flush", daemon=True)
            done.start()
            done.join(timeout)
        left = len(self._pending)
        if left or self.dropped:
            log.warning(
                "usage log: %d row(s) not written at shutdown, %d dropped while the database was away",
                left,
                self.dropped,
            )
