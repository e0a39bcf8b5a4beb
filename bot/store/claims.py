"""Exactly-once for Slack events and clicks: the first process (of any number, across restarts) to
claim a key answers; the rest drop the delivery. Same call as the old per-process window
(`first_time(key)`), which remains as the fallback while the database is unavailable: then a repeat
reaching this process is still dropped, one reaching another process may be answered again."""

from __future__ import annotations

from bot.store.base import CLAIM_TTL, Store, StoreUnavailable
from bot.store.state import DbState
from bot.store.window import Dedupe


class Claims:
    def __init__(self, store: Store | None, state: DbState | None = None, *, ttl: float = CLAIM_TTL) -> None:
        self.store = store
        self.state = state or DbState()
        self.ttl = ttl
        self.local = Dedupe(ttl=ttl)

    def first_time(self, key: str) -> bool:
        if self.store is not None and self.state.usable():
            try:
                won = self.store.claim(key, ttl=self.ttl)
            except StoreUnavailable as e:
                self.state.failed("a claim", e)
            else:
                self.state.succeeded()
                if won:
                    self.local.first_time(key)  # remembered here too, for an outage that starts now
                return won
        return self.local.first_time(key)
