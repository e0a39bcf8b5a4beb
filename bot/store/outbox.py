"""Replies that must not be lost silently. A DM, mention or share answer that still fails after the
Web API client's own retries is stored (`defer`) and a background thread in every serving process
tries it again with back-off (`BACKOFF`): bounded, so a reply is given up after ~11 minutes and the
asker told (through `notify`) while Slack still lets us (a response_url lasts 30 minutes).

Delivery itself is the caller's (bot/slack/delivery.py): this module only knows items, leases and
timing. The same thread prunes the store (expired claims, old usage rows) every `prune_every` s.

Shutdown (SIGTERM) is bounded: `stop()` lets the item in hand finish (the delivery client's timeout
bounds it), gives back the leases of items not tried, and leaves them stored for the next process.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from bot.store.base import OutboxItem, Store, StoreUnavailable
from bot.store.state import DbState

log = logging.getLogger("bot.store.outbox")

BACKOFF = (30.0, 120.0, 480.0)  # seconds before the 2nd, 3rd and 4th tries; then give up
LEASE = 60.0  # seconds a taken item is this process's (longer than one delivery can take)


class Delivery(NamedTuple):
    ok: bool
    error: str = ""
    temporary: bool = True  # worth another try; False: give up now (channel gone, bot removed …)
    logged: bool = False  # the failure was already reported (a dead token: once, by the app's Health)


Deliver = Callable[[OutboxItem], Delivery]
Notify = Callable[[OutboxItem], None]


class Outbox:
    def __init__(
        self,
        store: Store | None,
        state: DbState | None = None,
        *,
        deliver: Deliver | None = None,
        notify: Notify | None = None,
        usage_retention_days: int = 90,
        tick: float = 5.0,
        prune_every: float = 600.0,
        backoff: tuple[float, ...] = BACKOFF,
    ) -> None:
        self.store = store
        self.state = state or DbState()
        self.deliver = deliver
        self.notify = notify
        self.usage_retention = timedelta(days=usage_retention_days)
        self.tick = tick
        self.prune_every = prune_every
        self.backoff = backoff
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_prune: datetime | None = None

    def defer(self, kind: str, payload: dict[str, Any], notice: dict[str, Any] | None, error: str) -> bool:
        """Store a reply whose first delivery failed; False when the store cannot take it (logged)."""
        if self.store is None or not self.backoff:
            return False
        try:
            item_id = self.store.outbox_add(kind, payload, notice, retry_in=self.backoff[0])
        except StoreUnavailable as e:
            self.state.failed("storing a reply for a later retry", e)
            return False
        log.warning(
            "%s reply not delivered (%s): stored as outbox item %d, retrying in %gs",
            kind,
            error,
            item_id,
            self.backoff[0],
        )
        return True

    # --- the background thread -----------------------------------------------------------------------
    def start(self) -> Outbox:
        if self.store is not None and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="tip-outbox", daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.wait(self.tick):
            try:
                self.run_once()
            except Exception:  # a bug must not end the thread
                log.exception("outbox: unexpected error")

    def run_once(self, now: datetime | None = None) -> int:
        """Deliver what is due (and prune when it is time); return the items tried."""
        if self.store is None or not self.state.usable():
            return 0
        now = now or datetime.now(UTC)
        try:
            if self._last_prune is None or (now - self._last_prune).total_seconds() >= self.prune_every:
                self._last_prune = now
                self.store.prune(usage_before=now - self.usage_retention, now=now)
            items = self.store.outbox_take(limit=10, lease=LEASE, now=now) if self.deliver else []
        except StoreUnavailable as e:
            self.state.failed("the outbox", e)
            return 0
        self.state.succeeded()
        tried = 0
        for i, item in enumerate(items):
            if self._stop.is_set():  # shutting down: the rest stays stored, free for any process
                self._release([x.id for x in items[i:]])
                break
            self._try(item)
            tried += 1
        return tried

    def _try(self, item: OutboxItem) -> None:
        assert self.store is not None and self.deliver is not None
        try:
            result = self.deliver(item)
        except Exception as e:  # the deliverer should not raise; if it does, count it as a failure
            result = Delivery(False, f"{type(e).__name__}: {e}")
        try:
            if result.ok:
                self.store.outbox_done(item.id)
                log.info("outbox item %d (%s) delivered on try %d", item.id, item.kind, item.attempts + 1)
            elif result.temporary and item.attempts < len(self.backoff):
                self.store.outbox_again(item.id, result.error, retry_in=self.backoff[item.attempts])
                log.warning(
                    "outbox item %d (%s) failed again (%s); try %d in %gs",
                    item.id,
                    item.kind,
                    result.error,
                    item.attempts + 2,
                    self.backoff[item.attempts],
                )
            else:
                self.store.outbox_done(item.id)
                log.error(
                    "outbox item %d (%s) given up after %d tries: %s",
                    item.id,
                    item.kind,
                    item.attempts + 1,
                    result.error,
                )
                if self.notify is not None:
                    self.notify(item)
        except StoreUnavailable as e:  # the lease runs out and another try happens later
            self.state.failed("the outbox", e)

    def _release(self, ids: list[int]) -> None:
        assert self.store is not None
        try:
            self.store.outbox_release(ids)
        except StoreUnavailable as e:
            self.state.failed("the outbox", e)
