"""This process's memory of the keys it handled: the fallback for claims (bot/store/claims.py) while
the database is unavailable, and what dedupe was before the store.

Slack retries an event it thinks we missed (up to 3 times: at once, after 1 minute, after 5 minutes)
and may deliver one message both as `message.im` and as `app_mention`. We remember the keys we have
handled for at least `ttl` seconds (10 minutes: past Slack's last retry). Keys are kept as their
64-bit hashes in per-`bucket`-second sets, so expiry drops a whole set at once and a key costs about
80 bytes, not the ~230 of a string in an ordered dict; a collision would need two of a few hundred
thousand keys to share 64 bits. A count cap bounds memory under a flood. The window is per process
and lost on a restart: a retry that arrives after a restart, or at another HTTP worker, may be
answered again - which is why the database's claims come first.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable


class Dedupe:
    def __init__(
        self,
        ttl: float = 600.0,
        cap: int = 200_000,
        clock: Callable[[], float] = time.monotonic,
        bucket: float = 30.0,
    ) -> None:
        self.ttl = ttl
        self.cap = cap
        self._clock = clock
        self._bucket = bucket
        self._keep = math.ceil(ttl / bucket)  # whole buckets a key outlives: it lives ttl to ttl+bucket s
        self._buckets: deque[tuple[int, set[int]]] = deque()
        self._size = 0
        self._lock = threading.Lock()

    def first_time(self, key: str) -> bool:
        """True the first time `key` is seen within the window (and remember it), False for a repeat."""
        h = hash(key)
        b = int(self._clock() // self._bucket)
        with self._lock:
            buckets = self._buckets
            while buckets and buckets[0][0] < b - self._keep:
                self._size -= len(buckets.popleft()[1])
            if any(h in keys for _, keys in buckets):
                return False
            while buckets and self._size >= self.cap:  # a flood: forget the oldest first
                self._size -= len(buckets.popleft()[1])
            if not buckets or buckets[-1][0] != b:
                buckets.append((b, set()))
            buckets[-1][1].add(h)
            self._size += 1
            return True

    def __len__(self) -> int:
        return self._size
