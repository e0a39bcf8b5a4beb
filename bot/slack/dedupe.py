"""Answer each Slack event once.

Slack retries an event it thinks we missed (up to 3 times: at once, after 1 minute, after 5 minutes)
and may deliver one message both as `message.im` and as `app_mention`. We remember the keys we have
handled for `ttl` seconds (10 minutes: past Slack's last retry), in insertion order so expiry is a pop
from the front. A count cap bounds memory under a flood; it is far above what 10 minutes of traffic
needs at the rates this bot serves. The window is per process and lost on a restart: a retry that
arrives after a restart, or at another HTTP worker, may be answered again.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable


class Dedupe:
    def __init__(self, ttl: float = 600.0, cap: int = 200_000, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.cap = cap
        self._clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, key: str) -> bool:
        """True the first time `key` is seen within the window (and remember it), False for a repeat."""
        now = self._clock()
        with self._lock:
            while self._seen:
                oldest, at = next(iter(self._seen.items()))
                if now - at < self.ttl and len(self._seen) < self.cap:
                    break
                del self._seen[oldest]
            if key in self._seen:
                return False
            self._seen[key] = now
            return True

    def __len__(self) -> int:
        return len(self._seen)
