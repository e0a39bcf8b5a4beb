"""Whether the database is answering, for this process: what /healthz and doctor report.

A database that goes away must not flood the log or slow every request: the first failure is logged
at once, later ones at most once a minute (with a count), and for `cooldown` seconds after a failure
callers skip the database (claims fall back to this process's memory) instead of waiting on a connect
timeout per request. Recovery is logged once."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger("bot.store")

LOG_EVERY = 60.0  # seconds between error lines while the database stays unavailable
COOLDOWN = 10.0  # seconds to skip the database after a failure


class DbState:
    def __init__(
        self,
        where: str = "the database",
        *,
        clock: Callable[[], float] = time.monotonic,
        cooldown: float = COOLDOWN,
        log_every: float = LOG_EVERY,
    ) -> None:
        self.where = where
        self._clock = clock
        self._cooldown = cooldown
        self._log_every = log_every
        self._lock = threading.Lock()
        self.problem: str | None = None  # the last error while unavailable
        self._failed_at = 0.0
        self._logged_at: float | None = None
        self._unlogged = 0

    @property
    def ok(self) -> bool:
        return self.problem is None

    def usable(self) -> bool:
        """False during the cool-down after a failure: use the fallback instead of waiting."""
        return self.problem is None or self._clock() - self._failed_at >= self._cooldown

    def failed(self, what: str, error: BaseException | str) -> None:
        now = self._clock()
        with self._lock:
            self.problem = str(error)
            self._failed_at = now
            due = self._logged_at is None or now - self._logged_at >= self._log_every
            if due:
                skipped, self._unlogged, self._logged_at = self._unlogged, 0, now
            else:
                self._unlogged += 1
        if due:
            more = f" ({skipped} more failure(s) since the last line)" if skipped else ""
            log.error("store: %s failed on %s: %s; carrying on without it%s", what, self.where, error, more)

    def succeeded(self) -> None:
        if self.problem is None:
            return
        with self._lock:
            was, self.problem, self._logged_at, self._unlogged = self.problem, None, None, 0
        if was is not None:
            log.warning("store: %s is answering again", self.where)

    def report(self) -> str:
        """One line for /healthz."""
        return f"database: ok ({self.where})" if self.ok else f"database: unavailable ({self.where}): {self.problem}"
